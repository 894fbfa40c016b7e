import { describe, expect, it } from 'vitest';
import {
  type MapCell,
  type MetastabilityMap,
  mapBoundary,
} from '../../simulations/scenarios/metastability.ts';
import {
  boundaryPath,
  cellRects,
  describeMap,
  edges,
  hasBoundary,
  mapStageNote,
  metastabilityPlot,
} from './metastability.ts';

const loads = [200, 500, 800];
const triggers = [100, 500, 2000];

/** A 3 × 3 map shaped like the retry storm's: the heavier the load, the smaller the trigger that sticks. */
function map(downFrom: Record<number, number | undefined>, done = 9): MetastabilityMap {
  const cells: MapCell[] = [];
  for (const load of loads) {
    for (const triggerMs of triggers) {
      const from = downFrom[load];
      const down = from !== undefined && triggerMs >= from;
      cells.push({
        load,
        triggerMs,
        recovered: !down,
        goodputShare: down ? 0.01 : 1,
        amplification: down ? 16 : 1,
        wasted: down ? 0.98 : 0,
        ...(down ? {} : { recoveryMs: 1000 }),
      });
    }
  }
  const shown = cells.slice(0, done);
  const grid = { loads, triggers };
  return {
    stage: done < 9 ? 'refined' : 'coarse',
    seed: 1,
    target: 'back',
    factor: 5,
    loads,
    triggers,
    cells: shown,
    boundary: mapBoundary(grid, shown),
    done,
    total: 9,
  };
}

describe('the metastability map drawing', () => {
  it('places cell edges halfway between values, geometrically on the log axis', () => {
    expect(edges([200, 500, 800], false)).toEqual([50, 350, 650, 950]);
    const ys = edges([100, 400], true);
    expect(ys[1]).toBeCloseTo(200);
    expect(ys[0]).toBeCloseTo(50);
    expect(ys[2]).toBeCloseTo(800);
  });

  it('colours each cell by its outcome and labels down cells with their amplification', () => {
    const rects = cellRects(map({ 800: 100 }));
    const heavy = rects.filter((r) => r.load === 800);
    expect(heavy.every((r) => r.outcome === 'stays down' && r.label === '16×')).toBe(true);
    expect(rects.filter((r) => r.load === 200).every((r) => r.outcome === 'recovers')).toBe(true);
    expect(heavy[0]?.title).toMatch(/stays down .*16\.0 attempts at back per request/);
  });

  it('draws the boundary as a staircase under the first down cell of each column', () => {
    const m = map({ 500: 2000, 800: 100 });
    expect(hasBoundary(m)).toBe(true);
    const path = boundaryPath(m);
    const ys = edges(triggers, true);
    // Three columns, two points each: along the top for 200, under 2 s for 500, under 100 ms for 800.
    expect(path.map((p) => p.y)).toEqual([ys[3], ys[3], ys[2], ys[2], ys[0], ys[0]]);
    expect(path.map((p) => p.x)).toEqual([50, 350, 350, 650, 650, 950]);
  });

  it('has no boundary inside the grid when every cell recovers', () => {
    const m = map({});
    expect(hasBoundary(m)).toBe(false);
    expect(describeMap(m)).toMatch(/recovers from every trigger at every load/);
  });

  it('says in words where the system stays down and why', () => {
    const text = describeMap(map({ 500: 2000, 800: 100 }));
    expect(text).toContain('It recovers from every trigger up to 200 req/s.');
    expect(text).toContain(
      'From 500 req/s, a trigger of 2.0 s leaves it down; from 800 req/s, 100 ms is enough.',
    );
    expect(text).toContain('16.0 attempts per user request');
  });

  it('says which grid it shows', () => {
    expect(mapStageNote(map({}))).toMatch(/^Coarse grid \(9 cells\)/);
    expect(mapStageNote(map({}, 6))).toBe('Refining: 6 of 9 cells');
    // The coarse grid filling in, as the pool's first cells arrive.
    expect(mapStageNote({ ...map({}, 2), stage: 'coarse' })).toBe(
      'Coarse grid: 2 of 9 cells so far; refining…',
    );
  });

  it('draws only the columns that are complete, and drops cell labels when cells are narrow', () => {
    const partial = map({ 800: 100 }, 6);
    expect(boundaryPath(partial)).toHaveLength(4);
    const wide = metastabilityPlot(partial, { width: 760 });
    const narrow = metastabilityPlot(partial, { width: 120 });
    expect(wide.marks).toHaveLength(3);
    expect(narrow.marks).toHaveLength(2);
  });
});
