import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { loadPreset, shopPresetNames } from '../presets/index.ts';
import { simulateSync } from '../simulate.ts';
import {
  findKnee,
  formatLoad,
  kneeLabel,
  type LoadSweep,
  loadControlMax,
  probeSaturation,
  progressiveSweep,
  type RunModel,
  type SweepPoint,
} from './loadSweep.ts';

function model(text: string): Model {
  const parsed = parseTopology(text, { file: 'test.yaml' });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return parsed.model;
}

const runWith =
  (seed: number): RunModel =>
  (m, requests, runSeed = seed) =>
    simulateSync(m, { seed: runSeed, requests });

/** One service: 4 slots, 10 ms of work each, so it can serve 400 requests a second. */
const SLOTS = model(`
name: Slots
workload: { rate: 50 }
services:
  front:
    concurrency: 4
    operations:
      get: { work: { dist: exponential, mean: 10ms } }
endpoints:
  get: { operation: front.get, weight: 1 }
`);

/** Plenty of threads, but a pool of 2 connections at 5 ms a query: 400 queries a second. */
const POOL = model(`
name: Pool
workload: { rate: 50 }
services:
  front:
    concurrency: 64
    operations:
      get: { work: 0.2ms, steps: [ { query: db } ] }
datastores:
  db: { concurrency: 2, work: { dist: exponential, mean: 5ms } }
endpoints:
  get: { operation: front.get, weight: 1 }
`);

/** More threads than cores: two cores at 5 ms of work each serve 400 requests a second. */
const CORES = model(`
name: Cores
workload: { rate: 50 }
services:
  front:
    concurrency: 64
    cpus: 2
    operations:
      get: { work: { dist: exponential, mean: 5ms } }
endpoints:
  get: { operation: front.get, weight: 1 }
`);

function point(load: number, p50: number): SweepPoint {
  return {
    load,
    p50,
    p99: p50 * 5,
    p50Range: [p50, p50],
    p99Range: [p50 * 5, p50 * 5],
    runs: 1,
    availability: 1,
    throughput: load,
    busiest: { kind: 'threads', component: 'x', utilization: load / 1000 },
  };
}

describe('saturation probe', () => {
  it.each([
    ['thread slots', SLOTS, 'threads', 'front'],
    ['connections', POOL, 'connections', 'db'],
    ['cores', CORES, 'cores', 'front'],
  ] as const)(
    'finds the resource that fills first (%s) and when',
    async (_, m, kind, component) => {
      const saturation = await probeSaturation(m, runWith(1), { requests: 4000 });
      expect(saturation.bottleneck).toMatchObject({ kind, component });
      expect(saturation.load).toBeGreaterThan(400 * 0.93);
      expect(saturation.load).toBeLessThan(400 * 1.07);
    },
  );

  it('probes again, lighter, when the document load is not light', async () => {
    const heavy = { ...SLOTS, workload: { ...SLOTS.workload, rate: 380 } };
    const saturation = await probeSaturation(heavy, runWith(1), { requests: 4000 });
    expect(saturation.probeLoad).toBeLessThan(100);
    expect(saturation.load).toBeGreaterThan(370);
    expect(saturation.load).toBeLessThan(430);
  });
});

describe('knee', () => {
  it('is where the median first doubles, interpolated on a log scale', () => {
    const knee = findKnee([point(100, 10), point(200, 10), point(300, 40), point(400, 80)]);
    expect(knee?.p50).toBe(20);
    expect(knee?.load).toBeCloseTo(250, 5);
    expect(findKnee([point(100, 10), point(200, 15)])).toBeUndefined();
  });

  it('of one queue with 4 servers lies near its capacity', async () => {
    const sweep = await progressiveSweep([{ label: 'slots', model: SLOTS }], runWith(1), {
      seed: 1,
    });
    const knee = sweep.cuts[0]?.knee?.load ?? 0;
    expect(knee).toBeGreaterThan(400 * 0.75);
    expect(knee).toBeLessThan(400 * 1.15);
  });
});

describe('words and ranges', () => {
  it('says loads the way a reader does, and names the bottleneck', () => {
    expect([formatLoad(3137), formatLoad(412.4), formatLoad(12_890), formatLoad(87)]).toEqual([
      '3,100 req/s',
      '410 req/s',
      '13,000 req/s',
      '87 req/s',
    ]);
    const cut = {
      label: 'monolith',
      saturation: {
        load: 3137,
        probeLoad: 200,
        bottleneck: { kind: 'cores' as const, component: 'shop', utilization: 0.06 },
      },
      points: [],
    };
    expect(kneeLabel(cut)).toBe("monolith saturates near 3,100 req/s: shop's cores");
    expect(kneeLabel({ ...cut, knee: { load: 2870, p50: 22 } })).toBe(
      "monolith bends near 2,900 req/s: shop's cores",
    );
  });

  it('puts the top of a load control past the highest saturation', () => {
    expect(loadControlMax([1700, 2800, 9000])).toBe(12_000);
    expect(loadControlMax([410])).toBe(540);
  });
});

describe('the shop cuts, as the latency-versus-load figure shows them', () => {
  const cuts = shopPresetNames.map((label) => {
    return { label, model: model(loadPreset(label)) };
  });
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const sweeps: LoadSweep[] = [];

  it('coarse first, then refined, on the same probes', async () => {
    let coarse: LoadSweep | undefined;
    const refined = await progressiveSweep(cuts, runWith(1), {
      seed: 1,
      onCoarse: (c) => {
        coarse = c;
      },
    });
    expect(coarse?.stage).toBe('coarse');
    expect(refined.stage).toBe('refined');
    expect(refined.cuts.map((c) => c.saturation)).toEqual(coarse?.cuts.map((c) => c.saturation));
    expect(refined.cuts[0]?.points.length).toBeGreaterThan(coarse?.cuts[0]?.points.length ?? 0);
    sweeps.push(refined);
  });

  it.each(seeds.slice(1))('sweeps with seed %i', async (seed) => {
    sweeps.push(await progressiveSweep(cuts, runWith(seed), { seed }));
  });

  it('runs each refined load with three seeds, the point being the middle run', () => {
    const refined = sweeps[0] as LoadSweep;
    expect(refined.runs).toBe(3);
    for (const cut of refined.cuts) {
      for (const p of cut.points) {
        const where = `${cut.label} at ${p.load}`;
        expect(p.runs, where).toBe(3);
        expect(p.p50Range[0], where).toBeLessThanOrEqual(p.p50);
        expect(p.p50, where).toBeLessThanOrEqual(p.p50Range[1]);
        expect(p.p99Range[0], where).toBeLessThanOrEqual(p.p99);
        expect(p.p99, where).toBeLessThanOrEqual(p.p99Range[1]);
      }
    }
  });

  it("for seeds 1–8, a point's seeds agree at light load, and near saturation the split cuts' part", () => {
    const spread = (p: SweepPoint) => p.p99Range[1] / p.p99Range[0];
    const parted: Record<string, number> = {};
    for (const sweep of sweeps) {
      for (const cut of sweep.cuts) {
        const where = `${cut.label}, seed ${sweep.seed}`;
        expect(spread(cut.points[0] as SweepPoint), where).toBeLessThan(1.25);
        const widest = Math.max(...cut.points.map(spread));
        // The monolith's one large pool drains at every load of the range, whatever the seed.
        if (cut.label === 'monolith') expect(widest, where).toBeLessThan(2);
        if (widest >= 2) parted[cut.label] = (parted[cut.label] ?? 0) + 1;
      }
    }
    // A split cut's small pools are where a short run tips over or not by its seed alone.
    expect(parted['distributed-monolith']).toBeGreaterThanOrEqual(6);
    expect(parted.microservices).toBeGreaterThanOrEqual(6);
  });

  it('for seeds 1–8, each knee lies inside the range, near saturation, and the load control reaches past it', () => {
    expect(sweeps).toHaveLength(8);
    for (const sweep of sweeps) {
      const max = loadControlMax(sweep.cuts.map((c) => c.saturation.load));
      for (const cut of sweep.cuts) {
        const where = `${cut.label}, seed ${sweep.seed}`;
        expect(cut.knee, where).toBeDefined();
        const knee = cut.knee?.load ?? 0;
        expect(knee, where).toBeGreaterThan(sweep.range[0]);
        expect(knee, where).toBeLessThan(sweep.range[1]);
        expect(knee / cut.saturation.load, where).toBeGreaterThan(0.6);
        expect(knee / cut.saturation.load, where).toBeLessThan(1.2);
        expect(max, where).toBeGreaterThan(knee);
        expect(kneeLabel(cut)).toMatch(
          / bends near [\d,]+ req\/s: \S+'s? (cores|thread slots|connections)$/,
        );
      }
    }
  });
});
