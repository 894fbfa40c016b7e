import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import { chainModel } from '../../simulations/scenarios/chain.ts';
import { applyControls } from '../../simulations/scenarios/controls.ts';
import { fanoutModel } from '../../simulations/scenarios/fanout.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import { agreesWithTheory, chainPlot, chainRows, chainView, describeChain } from './chain.ts';
import { describeFanout, fanoutPlot, fanoutRows, fanoutView } from './fanout.ts';
import { describePools, POOL_LOADS, poolPlan, poolPlot, poolPoints, poolRows } from './pools.ts';

const chain = (hops: number, inProcess: boolean) =>
  simulateSync(
    applyControls(chainModel({ hops, inProcess }), [{ control: 'networkErrors', value: 0.02 }]),
    { seed: 1, requests: 3000 },
  );

const fanout = (leaves: number, hedge: boolean) =>
  simulateSync(
    applyControls(fanoutModel({ leaves }), [{ control: 'hedge', target: 'leaf', value: hedge }]),
    { seed: 1, requests: 2000 },
  );

describe('chain figure', () => {
  const view = chainView(8, 0.02, chain(8, false), chain(8, true));

  it('reads availability from the reports and agrees with (1 − p)ⁿ within noise', () => {
    expect(view.local).toBe(1);
    expect(view.theory).toBeCloseTo(0.98 ** 8, 12);
    expect(agreesWithTheory(view)).toBe(true);
    expect(describeChain(view)).toMatch(
      /^8 remote hops at 2\.0% each: .* within noise of the closed form/,
    );
    expect(chainRows(view).map((r) => r.label)).toEqual([
      'Simulated, remote hops',
      'Closed form (1 − p)ⁿ',
      'Same chain in one process',
    ]);
  });

  it('draws the closed form over every chain length, with room for the longest', () => {
    const plot = chainPlot(view, { width: 700 });
    expect(plot.width).toBe(700);
    const domain = (plot.y as { domain: number[] }).domain;
    expect(domain[0]).toBeLessThanOrEqual(0.98 ** 20);
    expect(plot.marks?.length).toBeGreaterThan(3);
  });
});

describe('fan-out figure', () => {
  it('counts the slow share from the deadline endpoint and compares with 1 − 0.99ᵏ', () => {
    const view = fanoutView(30, fanout(30, false), fanout(30, true));
    expect(view.theory).toBeCloseTo(1 - 0.99 ** 30, 12);
    expect(Math.abs(view.plain.slow - view.theory)).toBeLessThan(0.06);
    expect(view.hedged?.slow).toBeLessThan(0.05);
    expect(view.plain.leafCallsPerRequest).toBe(30);
    expect(fanoutRows(view)).toHaveLength(2);
    expect(describeFanout(view)).toMatch(/Hedged, .* more leaf calls\.$/);
    expect(fanoutPlot(view).marks?.length).toBeGreaterThan(3);
  });
});

describe('pool figure', () => {
  it('runs one pool and the split at the same loads and agrees with Erlang C at 80%', () => {
    const plan = poolPlan(16);
    expect(plan).toHaveLength(2 * POOL_LOADS.length);
    const reports = plan.map((run) => {
      const parsed = parseTopology(run.yaml, { file: 'pool.yaml' });
      if (!parsed.ok) throw new Error('pool document does not parse');
      return simulateSync(parsed.model, {
        seed: 1,
        requests: run.utilisation === 0.8 ? 40_000 : 500,
      });
    });
    const points = poolPoints(plan, reports);
    const rows = points.filter((p) => p.utilisation === 0.8);
    for (const p of rows) {
      expect(p.p99).toBeGreaterThan(0.8 * p.theory);
      expect(p.p99).toBeLessThan(1.2 * p.theory);
    }
    expect(poolRows(points).map((r) => r.label)).toEqual([
      '1 pool of 16 cores',
      '16 pools of 1 core',
    ]);
    expect(describePools(points)).toMatch(/^At 80% of capacity, p99 is .* times as long/);
    expect(poolPlot(points).marks?.length).toBeGreaterThan(3);
  });
});
