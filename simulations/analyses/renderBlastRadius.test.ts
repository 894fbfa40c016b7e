import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { renderMarkdown, renderText } from './renderCheck.ts';
import { buildModel, call, publish } from './testing/modelBuilder.ts';

/** A gateway without timeouts in front of inventory, and an event behind the bus. */
const shop = buildModel({
  events: { placed: { publisher: 'orders', consumers: ['mail.send'] } },
  services: {
    gateway: {
      operations: { product: [call('inventory.stock')], checkout: [call('orders.create')] },
    },
    inventory: { operations: { stock: [] } },
    orders: { operations: { create: [publish('placed')] } },
    mail: { operations: { send: [] } },
  },
  endpoints: { product: ['gateway.product', 30], checkout: ['gateway.checkout', 70] },
});

describe('the blast-radius section of check', () => {
  it('text: every column, a why under each row that differs, and the time the check took', async () => {
    const text = renderText(await check(shop, { requests: 1000 }));
    const section = text.slice(text.indexOf('BLAST RADIUS'), text.indexOf('LOCKSTEP'));
    expect(section).toContain(
      '  component             static    down    hang    slow      down    hang    slow',
    );
    expect(section).toMatch(/^ {2}bus +0% +0% +0% +0% +100% +100% +0%$/m);
    expect(section).toContain('inventory hang: static 30%, simulated');
    expect(section).toMatch(
      /bus down: deferred 100%: (\d+) dead-lettered of \1 deliveries, though users lost nothing/,
    );
    expect(section).toMatch(/\d+ runs of 1000 requests, slow = work × 10; check took \d/);
    for (const line of section.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('markdown: one row per component with all ten cells', async () => {
    const md = renderMarkdown(await check(shop, { requests: 500 }));
    const table = md.slice(md.indexOf('#### Blast radius'), md.indexOf('#### Lockstep'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.split(' | ')).toHaveLength(10);
  });
});
