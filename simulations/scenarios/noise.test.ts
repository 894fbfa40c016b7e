import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import { loadPreset } from '../presets/index.ts';
import { simulateSync } from '../simulate.ts';
import {
  batchNoise,
  combinedError,
  replicateSeeds,
  seedNoise,
  standardDeviation,
  withinNoise,
} from './noise.ts';

const parsed = parseTopology(loadPreset('monolith'), { file: 'monolith.yaml' });
if (!parsed.ok) throw new Error('monolith does not parse');
const monolith = parsed.model;

describe('noise', () => {
  it('calls a difference within noise below two combined standard errors', () => {
    expect(combinedError(3, 4)).toBe(5);
    expect(withinNoise(100, 109, 3, 4)).toBe(true);
    expect(withinNoise(100, 111, 3, 4)).toBe(false);
    expect(standardDeviation([1, 2, 3, 4])).toBeCloseTo(1.291, 3);
    expect(standardDeviation([5])).toBe(0);
  });

  it('reads batch means from the report, and agrees with the spread of seeds', () => {
    const seeds = replicateSeeds(1, 8);
    expect(new Set(seeds).size).toBe(8);
    expect(seeds[0]).toBe(1);
    const runs = seeds.map((seed) => simulateSync(monolith, { seed, requests: 4000 }));
    const fromBatches = batchNoise(runs[0] as (typeof runs)[0]);
    const fromSeeds = seedNoise(runs);
    expect(fromBatches?.source).toBe('batches');
    expect(fromSeeds).toMatchObject({ source: 'seeds', runs: 8 });
    // Two estimates of one standard error, each from few observations: the same order of size.
    for (const stat of ['p50', 'p99'] as const) {
      const a = fromBatches?.overall[stat] ?? 0;
      const b = fromSeeds.overall[stat];
      expect(a, stat).toBeGreaterThan(0);
      expect(a / b, stat).toBeGreaterThan(1 / 3);
      expect(a / b, stat).toBeLessThan(3);
    }
    expect(Object.keys(fromSeeds.endpoints)).toEqual(Object.keys(runs[0]?.endpoints ?? {}));
    expect(() => seedNoise(runs.slice(0, 1))).toThrow(/two runs/);
  });
});
