import { describe, expect, it } from 'vitest';
import { check } from '../../simulations/analyses/check.ts';
import { shopModel } from '../../simulations/presets/shop/index.ts';
import {
  blastLegend,
  blastStatus,
  blastTable,
  focusFailures,
  formatShare,
} from './blastRadiusTable.ts';

describe('formatShare', () => {
  it('prints shares as the table shows them', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.3)).toBe('30%');
    expect(formatShare(0.859)).toBe('85.9%');
    expect(formatShare(0.9996)).toBe('100%');
    expect(formatShare(0.004)).toBe('0.4%');
  });
});

describe('blastTable', () => {
  it('shows the static column alone before the simulations', async () => {
    const model = shopModel({ cut: 'distributed-monolith', design: {} });
    const table = blastTable(await check(model, { simulate: false }), {
      datastores: Object.keys(model.datastores),
    });
    expect(table.simulated).toBe(false);
    expect(table.rows.every((r) => r.simulated === undefined)).toBe(true);
    expect(table.rows.find((r) => r.component === 'inventory')?.staticText).toBe('30%');
    expect(table.rows.find((r) => r.component === 'shop-db')?.kind).toBe('datastore');
    expect(blastStatus(table)).toMatch(/^Showing the static column/);
    expect(table.hasBus).toBe(false);
    expect(blastLegend(table)).toMatch(/nothing runs behind a bus/);
  });

  it('marks a hang above static without timeouts, and agreeing with it once they are on', async () => {
    const plain = shopModel({ cut: 'distributed-monolith', design: {} });
    const timed = shopModel({ cut: 'distributed-monolith', design: { resilience: true } });
    const row = async (m: typeof plain) =>
      blastTable(await check(m)).rows.find((r) => r.component === 'inventory');
    const before = await row(plain);
    const after = await row(timed);
    expect(before?.simulated?.hang.against).toBe('above');
    expect(before?.why.some((w) => w.startsWith('inventory hang'))).toBe(true);
    expect(after?.simulated?.hang.share).toBeLessThan(0.4);
    expect(after?.simulated?.down.against).toBe('agrees');
  }, 20_000);

  it('shows dead-lettered deliveries behind a bus that is down while users lose nothing', async () => {
    const model = shopModel({ cut: 'microservices', design: { async: true } });
    const table = blastTable(await check(model));
    expect(table.hasBus).toBe(true);
    expect(blastStatus(table)).toMatch(/2,000 requests per run, seed/);
    const down = focusFailures(table, 'bus')?.find((f) => f.failure === 'down');
    expect(down?.usersShare).toBe(0);
    expect(down?.deferred).toBe(1);
    expect(down?.work).toMatch(/^\d+ dead-lettered of \d+ deliveries$/);
    expect(down?.delivered).toBe(0);
  }, 20_000);
});
