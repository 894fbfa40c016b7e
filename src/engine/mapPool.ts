/**
 * A metastability map spread over a pool of workers. Every cell is its own deterministic run
 * with the map's one seed, so the map is the same however its cells are shared out; sharing only
 * changes when each cell arrives. The page's client (`client.ts`) sends each worker its share and
 * assembles the map from the cells they answer with, using the engine's own grid and boundary
 * (`simulations/scenarios/metastability.ts`): nothing here judges a cell.
 */
import {
  COARSE_GRID,
  type MapCell,
  type MapGrid,
  type MetastabilityMap,
  mapBoundary,
  REFINED_GRID,
  WARM_UP_MS,
  WINDOW_MS,
} from '../../simulations/scenarios/metastability.ts';
import type { CellAt } from './protocol.ts';

/** A cell's cost: the user requests its run simulates (`cellModel`'s count, unrounded). */
export function cellCost({ load, triggerMs }: CellAt): number {
  return load * (WARM_UP_MS + triggerMs + WINDOW_MS);
}

const key = ({ load, triggerMs }: CellAt) => `${load}|${triggerMs}`;

function gridCells(grid: MapGrid): CellAt[] {
  return grid.loads.flatMap((load) => grid.triggers.map((triggerMs) => ({ load, triggerMs })));
}

/** Load-major, as the map lists its cells. */
function byGridOrder(a: CellAt, b: CellAt): number {
  return a.load - b.load || a.triggerMs - b.triggerMs;
}

/**
 * Longest first to the least-loaded worker (so the shares finish together), then each share in
 * grid order, cheapest loads first, so the map fills in from the left.
 */
function balance(cells: readonly CellAt[], count: number): CellAt[][] {
  const shares: CellAt[][] = Array.from({ length: count }, () => []);
  const loads = new Array<number>(count).fill(0);
  const sorted = [...cells].sort((a, b) => cellCost(b) - cellCost(a) || byGridOrder(a, b));
  for (const cell of sorted) {
    let least = 0;
    for (let i = 1; i < count; i++) if ((loads[i] as number) < (loads[least] as number)) least = i;
    (shares[least] as CellAt[]).push(cell);
    loads[least] = (loads[least] as number) + cellCost(cell);
  }
  return shares.map((share) => share.sort(byGridOrder));
}

/**
 * Each worker's cells: its share of the coarse grid, then its share of the refined grid's other
 * cells. The coarse grid's cells are refined cells too, so nothing is simulated twice.
 */
export function mapShares(count: number): CellAt[][] {
  const n = Math.max(1, Math.floor(count));
  const coarse = gridCells(COARSE_GRID);
  const inCoarse = new Set(coarse.map(key));
  const rest = gridCells(REFINED_GRID).filter((c) => !inCoarse.has(key(c)));
  const first = balance(coarse, n);
  const then = balance(rest, n);
  return first.map((share, i) => [...share, ...(then[i] as CellAt[])]);
}

/** The map's fixed fields: what the request asked for. */
export interface MapFrame {
  readonly seed: number;
  readonly target: string;
  readonly factor: number;
}

/**
 * The map to show, from the cells answered so far: the coarse grid while it fills in and until a
 * column of the refined grid is complete (a few scattered fine cells say less than a whole coarse
 * grid), then the refined grid with every cell it has.
 */
export function assembleMap(frame: MapFrame, done: ReadonlyMap<string, MapCell>): MetastabilityMap {
  const pick = (grid: MapGrid) =>
    gridCells(grid)
      .map((at) => done.get(key(at)))
      .filter((c): c is MapCell => c !== undefined);
  const coarse = pick(COARSE_GRID);
  const refined = pick(REFINED_GRID);
  const coarseTotal = COARSE_GRID.loads.length * COARSE_GRID.triggers.length;
  const refinedBoundary = mapBoundary(REFINED_GRID, refined);
  const showRefined = coarse.length === coarseTotal && refinedBoundary.length > 0;
  const grid = showRefined ? REFINED_GRID : COARSE_GRID;
  const cells = showRefined ? refined : coarse;
  return {
    stage: showRefined ? 'refined' : 'coarse',
    seed: frame.seed,
    target: frame.target,
    factor: frame.factor,
    loads: grid.loads,
    triggers: grid.triggers,
    cells,
    boundary: showRefined ? refinedBoundary : mapBoundary(COARSE_GRID, coarse),
    done: cells.length,
    total: grid.loads.length * grid.triggers.length,
  };
}

/** Adds answered cells to the ones already done, by load and trigger. */
export function addCells(done: Map<string, MapCell>, cells: readonly MapCell[]): void {
  for (const cell of cells) done.set(key(cell), cell);
}
