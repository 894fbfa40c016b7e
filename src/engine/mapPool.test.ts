import { describe, expect, it } from 'vitest';
import {
  COARSE_GRID,
  type MapCell,
  REFINED_GRID,
} from '../../simulations/scenarios/metastability.ts';
import { addCells, assembleMap, cellCost, mapShares } from './mapPool.ts';

const frame = { seed: 7, target: 'back', factor: 5 };

/** A made-up verdict: down from 1 s triggers at 500 req/s and above. */
function cell(load: number, triggerMs: number): MapCell {
  const down = load >= 500 && triggerMs >= 1000;
  return {
    load,
    triggerMs,
    recovered: !down,
    goodputShare: down ? 0.1 : 1,
    amplification: down ? 9 : 1,
    wasted: down ? 0.9 : 0,
  };
}

describe('a metastability map shared over a pool of workers', () => {
  it('gives every refined cell to exactly one worker, the coarse grid first', () => {
    for (const count of [1, 2, 3, 4]) {
      const shares = mapShares(count);
      expect(shares).toHaveLength(count);
      const all = shares.flat().map((c) => `${c.load}|${c.triggerMs}`);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toHaveLength(REFINED_GRID.loads.length * REFINED_GRID.triggers.length);
      for (const share of shares) {
        const coarse = share.map(
          (c) => COARSE_GRID.loads.includes(c.load) && COARSE_GRID.triggers.includes(c.triggerMs),
        );
        // Once a share leaves the coarse grid it does not come back to it.
        expect(
          coarse.indexOf(false) === -1 || !coarse.slice(coarse.indexOf(false)).includes(true),
        ).toBe(true);
      }
    }
  });

  it('balances the work: two workers each simulate about half the requests', () => {
    const [a, b] = mapShares(2).map((share) => share.reduce((n, c) => n + cellCost(c), 0));
    expect(Math.abs((a as number) - (b as number)) / ((a as number) + (b as number))).toBeLessThan(
      0.05,
    );
  });

  it('shows the coarse grid as it fills in, then the refined grid once a fine column is complete', () => {
    const done = new Map<string, MapCell>();
    addCells(done, [cell(200, 100), cell(800, 2000)]);
    const early = assembleMap(frame, done);
    expect(early).toMatchObject({ stage: 'coarse', done: 2, total: 9, boundary: [] });
    expect(early.cells.map((c) => c.load)).toEqual([200, 800]);

    for (const load of COARSE_GRID.loads) {
      addCells(
        done,
        COARSE_GRID.triggers.map((t) => cell(load, t)),
      );
    }
    const coarse = assembleMap(frame, done);
    expect(coarse).toMatchObject({ stage: 'coarse', done: 9, total: 9 });
    expect(coarse.boundary).toEqual([
      { load: 200 },
      { load: 500, triggerMs: 2000 },
      { load: 800, triggerMs: 2000 },
    ]);

    addCells(
      done,
      REFINED_GRID.triggers.map((t) => cell(100, t)),
    );
    const refining = assembleMap(frame, done);
    expect(refining).toMatchObject({ stage: 'refined', total: 63, seed: 7 });
    expect(refining.done).toBe(9 + 7);
    expect(refining.boundary).toEqual([{ load: 100 }]);
  });

  it('assembles the same map whatever order the cells arrive in', () => {
    const cells = REFINED_GRID.loads.flatMap((l) => REFINED_GRID.triggers.map((t) => cell(l, t)));
    const forward = new Map<string, MapCell>();
    const backward = new Map<string, MapCell>();
    addCells(forward, cells);
    addCells(backward, [...cells].reverse());
    expect(assembleMap(frame, backward)).toEqual(assembleMap(frame, forward));
    expect(assembleMap(frame, forward)).toMatchObject({ stage: 'refined', done: 63, total: 63 });
  });
});
