import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { loadPreset } from '../presets/index.ts';
import { simulateSync } from '../simulate.ts';
import type { ControlSetting } from './controls.ts';
import {
  cellModel,
  judgeCell,
  type MapCell,
  mapBoundary,
  metastabilityMap,
  progressiveMap,
  WARM_UP_MS,
  WINDOW_MS,
} from './metastability.ts';

function storm(): Model {
  const parsed = parseTopology(loadPreset('retry-storm'), { file: 'retry-storm.yaml' });
  if (!parsed.ok) throw new Error('retry-storm does not parse');
  return parsed.model;
}

/** One cell of the retry storm's map, simulated with seed 1. */
function cell(load: number, triggerMs: number, settings: ControlSetting[] = []): MapCell {
  const built = cellModel(storm(), load, triggerMs, { target: 'back', settings });
  const report = simulateSync(built.model, { seed: 1, requests: built.requests });
  return judgeCell(report, load, triggerMs, 'back');
}

describe('a cell of the metastability map', () => {
  it('replaces the document’s faults by the trigger and runs long enough to watch it end', () => {
    const built = cellModel(storm(), 400, 1000, { target: 'back', factor: 5 });
    expect(built.model.faults).toEqual([
      expect.objectContaining({
        kind: 'slow',
        factor: 5,
        from: WARM_UP_MS,
        until: WARM_UP_MS + 1000,
      }),
    ]);
    expect(built.model.workload.rate).toBe(400);
    expect(built.requests).toBe((400 * (WARM_UP_MS + 1000 + WINDOW_MS)) / 1000);
  });

  it('refuses a target that is not a service, naming it', async () => {
    await expect(
      metastabilityMap(
        storm(),
        () => simulateSync(storm()),
        { loads: [1], triggers: [1] },
        {
          target: 'nope',
          seed: 1,
          stage: 'coarse',
        },
      ),
    ).rejects.toThrow(/no service "nope"/);
  });

  it('recovers from a tiny trigger at a low load', () => {
    const c = cell(100, 50);
    expect(c.recovered).toBe(true);
    expect(c.amplification).toBeCloseTo(1, 1);
  });

  it('stays down after a large trigger at a high load, retries multiplying the load on the bottom', () => {
    const c = cell(800, 2000);
    expect(c.recovered).toBe(false);
    expect(c.goodputShare).toBeLessThan(0.1);
    // Two layers of four attempts each: close to (3 + 1)² = 16 attempts per request.
    expect(c.amplification).toBeGreaterThan(12);
    // Almost everything the bottom does, it does for callers that have already given up.
    expect(c.wasted).toBeGreaterThan(0.9);
  });

  it('recovers in the same cell with a retry budget of 10%', () => {
    const c = cell(800, 2000, [{ control: 'budget', value: 0.1 }]);
    expect(c.recovered).toBe(true);
    expect(c.amplification).toBeLessThan(1.3);
  });
});

describe('the boundary', () => {
  const at = (load: number, triggerMs: number, recovered: boolean): MapCell => ({
    load,
    triggerMs,
    recovered,
    goodputShare: recovered ? 1 : 0,
    amplification: 1,
    wasted: 0,
  });

  it('is, per complete column, the smallest trigger that left the system down', () => {
    const grid = { loads: [1, 2, 3], triggers: [10, 20] };
    const cells = [
      at(1, 10, true),
      at(1, 20, true),
      at(2, 10, true),
      at(2, 20, false),
      at(3, 10, false),
    ];
    expect(mapBoundary(grid, cells)).toEqual([{ load: 1 }, { load: 2, triggerMs: 20 }]);
  });
});

describe('the progressive map', () => {
  it('answers the coarse grid first, then the refined one reusing its cells', async () => {
    const seen: string[] = [];
    let runs = 0;
    const run = (model: Model, requests: number) => {
      runs++;
      return simulateSync(model, { seed: 1, requests });
    };
    const refined = await progressiveMap(storm(), run, {
      target: 'back',
      seed: 1,
      onPartial: (m) => seen.push(`${m.stage}:${m.done}/${m.total}`),
    });
    expect(seen[0]).toBe('coarse:9/9');
    expect(seen.slice(1).every((s) => s.startsWith('refined:'))).toBe(true);
    expect(refined.stage).toBe('refined');
    expect(refined.done).toBe(refined.total);
    expect(runs).toBe(refined.total); // the nine coarse cells are not simulated again
    expect(refined.boundary).toHaveLength(refined.loads.length);
    // The lightest load recovers from every trigger; the heaviest does not.
    expect(refined.boundary[0]?.triggerMs).toBeUndefined();
    expect(refined.boundary.at(-1)?.triggerMs).toBeDefined();
  }, 60_000);
});
