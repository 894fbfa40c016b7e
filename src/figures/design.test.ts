import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import type { Model } from '../../simulations/model/types.ts';
import { type CutName, type DesignChoice, shopYaml } from '../../simulations/presets/shop/index.ts';
import type { Report } from '../../simulations/report/types.ts';
import { applyControls } from '../../simulations/scenarios/controls.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import { type DesignRow, describeDesign, designPlot, designRows, showCompared } from './design.ts';

function shop(cut: CutName, design: Partial<Record<DesignChoice, boolean>> = {}): Model {
  const parsed = parseTopology(shopYaml({ cut, design }), { file: `${cut}.yaml` });
  if (!parsed.ok) throw new Error(`${cut} does not parse`);
  return parsed.model;
}

/** The tour's design figure: the distributed monolith, recommendations failing 2%. */
const FIXED = [{ control: 'failureRate' as const, target: 'recommendations', value: 0.02 }];
const REQUESTS = 12_000;
const run = (design: Partial<Record<DesignChoice, boolean>>, seed: number): Report =>
  simulateSync(applyControls(shop('distributed-monolith', design), FIXED), {
    seed,
    requests: REQUESTS,
  });

const byEndpoint = (rows: readonly DesignRow[]) =>
  Object.fromEntries(rows.map((r) => [r.endpoint, r]));

/** Endpoint p50s that fall beyond noise. */
const faster = (rows: readonly DesignRow[]) =>
  rows.filter((r) => !r.p50.withinNoise && r.p50.after < r.p50.before).map((r) => r.endpoint);

describe('design figure', () => {
  const before = run({}, 1);
  const parallel = run({ parallel: true }, 1);

  it('compares each endpoint before and after, and marks noise', () => {
    const rows = designRows(before, parallel);
    expect(rows.map((r) => r.endpoint)).toEqual(Object.keys(before.endpoints));
    const same = designRows(before, before);
    expect(
      same.every((r) => r.p50.withinNoise && r.p99.withinNoise && r.availability.withinNoise),
    ).toBe(true);
    expect(describeDesign(same, ['batch calls'])).toBe(
      'With batch calls: every change is within noise.',
    );
    expect(showCompared({ before: 12, after: 12.1, withinNoise: true })).toBe(
      '12 ms → 12 ms (within noise)',
    );
    const text = describeDesign(rows, ['parallel calls']);
    expect(text).toMatch(/^With parallel calls: browse p50 falls from \d+(\.\d)? ms to \d/);
    expect(text).toMatch(/the other \d+ numbers stay within noise\.$/);
  });

  it('draws p50 and p99 side by side, one row per endpoint, arrows only for real changes', () => {
    const rows = designRows(before, parallel);
    const options = designPlot(rows);
    expect(options.height).toBe(70 + rows.length * 46);
    expect(options.x).toMatchObject({ type: 'log' });
    const arrows = (options.marks?.[1] as { data?: unknown[] } | undefined)?.data ?? [];
    const real = rows.flatMap((r) => [r.p50, r.p99]).filter((c) => !c.withinNoise);
    expect(arrows).toHaveLength(real.length);
  });
});

describe('the design figure’s claims hold for seeds 1–8 at its default request count', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  it.each(seeds)('seed %i', (seed) => {
    const base = run({}, seed);
    const rows = (design: Partial<Record<DesignChoice, boolean>>) =>
      designRows(base, run(design, seed));
    // Parallel calls buy the pages and checkout their milliseconds.
    expect(faster(rows({ parallel: true }))).toEqual(
      expect.arrayContaining(['browse', 'product', 'checkout']),
    );
    // One call per cart instead of one per line: adding to the cart and checking out.
    expect(faster(rows({ batch: true }))).toEqual(
      expect.arrayContaining(['add-to-cart', 'checkout']),
    );
    // E-mail and shipping after the answer: checkout.
    expect(faster(rows({ async: true }))).toContain('checkout');
    // Optional recommendations and retries each buy the pages their availability back.
    for (const design of [{ optional: true }, { resilience: true }]) {
      const pages = byEndpoint(rows(design));
      for (const page of ['browse', 'product']) {
        const a = pages[page]?.availability;
        expect(a?.withinNoise, `${JSON.stringify(design)} ${page}`).toBe(false);
        expect(a?.after, `${JSON.stringify(design)} ${page}`).toBeGreaterThan(a?.before ?? 1);
      }
    }
  });
});

describe('design figure under a hang', () => {
  it('says "no answers" for an endpoint that answered nothing, never 0 ms', () => {
    const hang = [{ control: 'hang' as const, target: 'recommendations', value: true }];
    const stuck = simulateSync(applyControls(shop('distributed-monolith'), hang), {
      seed: 1,
      requests: 2000,
    });
    const saved = simulateSync(
      applyControls(shop('distributed-monolith', { optional: true }), hang),
      { seed: 1, requests: 2000 },
    );
    const browse = byEndpoint(designRows(stuck, saved)).browse;
    expect(browse).toBeDefined();
    if (!browse) return;
    expect(showCompared(browse.p50)).toMatch(/^no answers → \d/);
    const text = describeDesign(designRows(stuck, saved), ['optional recommendations']);
    expect(text).toContain('browse answers again (p50');
    expect(text).not.toContain('0.00 ms');
    // The chart leaves out what has no latency: its log axis stays finite.
    const domain = designPlot(designRows(stuck, saved)).x?.domain as number[];
    expect(domain.every(Number.isFinite)).toBe(true);
  });
});
