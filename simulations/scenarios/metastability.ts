/**
 * The metastability map: for a grid of offered loads and trigger sizes, does the system recover
 * once the trigger is over, or does it stay down?
 *
 * Each cell is one run of the same document with its own faults replaced by one trigger: the
 * bottom service (`target`) slowed `factor` times, from `WARM_UP_MS` for the cell's trigger
 * duration. **Recovers** is defined on the run's timeline (1 s buckets): over the last
 * `SETTLE_MS` of the `WINDOW_MS` after the trigger ends, requests answered successfully are at
 * least `RECOVERED_SHARE` of the requests arriving (what a healthy system answers before the
 * trigger). A cell that only limps back partly counts as down, which is what a user sees.
 *
 * The cell also records *why*: the attempts the bottom service received per user request over
 * that last stretch (1 for a healthy chain without errors; near (r + 1)^d when every layer
 * retries every attempt) and the share of the bottom's attempts that were wasted (the caller
 * had given up: its timeout fired or the attempt was refused), which is the sustaining effect of
 * Bronson et al.: abandoned attempts keep the bottom busy and retries keep refilling its queue.
 *
 * Pure apart from the injected `run`, so the worker (asynchronous, abortable) and the tests
 * (synchronous) share it. Every cell uses the same seed: neighbouring cells differ by their load
 * and trigger, not by their luck.
 */
import type { Model } from '../model/types.ts';
import type { Report, TimelineBucket } from '../report/types.ts';
import { applyControls, type ControlSetting } from './controls.ts';
import type { RunModel } from './loadSweep.ts';

/** Healthy traffic before the trigger. */
export const WARM_UP_MS = 5000;
/** How long after the trigger ends the run goes on. */
export const WINDOW_MS = 10_000;
/** The end of the window whose goodput decides: recovered means back to normal by then. */
export const SETTLE_MS = 3000;
/** Goodput, as a share of the requests arriving meanwhile, that counts as recovered. */
export const RECOVERED_SHARE = 0.9;

/** One cell: an offered load, a trigger, and what happened after it. */
export interface MapCell {
  /** Offered load, user requests per second. */
  readonly load: number;
  /** How long the trigger lasted, ms. */
  readonly triggerMs: number;
  readonly recovered: boolean;
  /** Requests answered successfully over the end of the window, per request arriving then. */
  readonly goodputShare: number;
  /**
   * Ms from the end of the trigger until every later second of the window answered at least
   * `RECOVERED_SHARE` of its arrivals; absent when the cell did not recover.
   */
  readonly recoveryMs?: number;
  /** Attempts at the target per user request over the end of the window (retries included). */
  readonly amplification: number;
  /** Share of the target's attempts at the end of the window beyond one per success: waste. */
  readonly wasted: number;
}

/** Per load, the smallest trigger after which the system stayed down (absent: it always recovered). */
export interface BoundaryPoint {
  readonly load: number;
  readonly triggerMs?: number;
}

export type MapStage = 'coarse' | 'refined';

export interface MetastabilityMap {
  readonly stage: MapStage;
  readonly seed: number;
  /** The service slowed by the trigger, and by how much. */
  readonly target: string;
  readonly factor: number;
  /** The grid's axes, increasing. */
  readonly loads: readonly number[];
  readonly triggers: readonly number[];
  /** Cells done so far, load-major; a partial answer holds fewer than loads × triggers. */
  readonly cells: readonly MapCell[];
  /** Computed from every load whose column is complete. */
  readonly boundary: readonly BoundaryPoint[];
  /** Cells done and cells in this stage's grid. */
  readonly done: number;
  readonly total: number;
}

export interface MapGrid {
  /** Offered loads, user requests per second, increasing. */
  readonly loads: readonly number[];
  /** Trigger durations, ms, increasing. */
  readonly triggers: readonly number[];
}

/** A first look: nine cells, answered in about a second. */
export const COARSE_GRID: MapGrid = { loads: [200, 500, 800], triggers: [100, 500, 2000] };

/** The figure proper: the coarse cells plus the ones between them. */
export const REFINED_GRID: MapGrid = {
  loads: [100, 200, 300, 400, 500, 600, 700, 800, 900],
  triggers: [50, 100, 200, 500, 1000, 2000, 4000],
};

export interface MapOptions {
  /** The service the trigger slows down. */
  readonly target: string;
  /** Work-time multiplier during the trigger (default 5). */
  readonly factor?: number;
  /** Settings applied before each cell's load and trigger (a retry budget, backoff…). */
  readonly settings?: readonly ControlSetting[];
  readonly seed: number;
}

function check(grid: MapGrid, model: Model, target: string): void {
  if (!model.services[target]) {
    throw new RangeError(`metastability: no service "${target}" to slow down`);
  }
  for (const [name, values] of [
    ['loads', grid.loads],
    ['triggers', grid.triggers],
  ] as const) {
    if (values.length === 0) throw new RangeError(`metastability: ${name} is empty`);
    for (const v of values) {
      if (!(Number.isFinite(v) && v > 0)) {
        throw new RangeError(`metastability: ${name} must be positive numbers; found ${v}`);
      }
    }
  }
}

/** The cell's model: the settings, the load, and the trigger as its only fault. */
export function cellModel(
  model: Model,
  load: number,
  triggerMs: number,
  { target, factor = 5, settings = [] }: Omit<MapOptions, 'seed'>,
): { model: Model; requests: number } {
  const set = applyControls(model, [...settings, { control: 'load', value: load }]);
  const requests = Math.max(1, Math.round((load * (WARM_UP_MS + triggerMs + WINDOW_MS)) / 1000));
  return {
    requests,
    model: {
      ...set,
      faults: [
        {
          target: { kind: 'service', service: target },
          kind: 'slow',
          from: WARM_UP_MS,
          until: WARM_UP_MS + triggerMs,
          factor,
          errorRate: 0,
        },
      ],
    },
  };
}

/** Buckets lying wholly inside [fromMs, toMs). */
function bucketsIn(
  timeline: readonly TimelineBucket[],
  fromMs: number,
  toMs: number,
  widthMs: number,
): TimelineBucket[] {
  return timeline.filter((b) => b.startMs >= fromMs - 1e-9 && b.startMs + widthMs <= toMs + 1e-9);
}

/** Reads one cell off its run's report. */
export function judgeCell(
  report: Report,
  load: number,
  triggerMs: number,
  target: string,
): MapCell {
  const timeline = report.timeline ?? [];
  const first = timeline[0];
  const second = timeline[1];
  const width = first && second ? second.startMs - first.startMs : 1000;
  const end = WARM_UP_MS + triggerMs;
  const after = bucketsIn(timeline, Math.ceil(end / width) * width, end + WINDOW_MS, width);
  const settle = after.slice(-Math.max(1, Math.round(SETTLE_MS / width)));
  const sum = (list: readonly TimelineBucket[], pick: (b: TimelineBucket) => number) =>
    list.reduce((total, b) => total + pick(b), 0);
  // Goodput against the requests arriving over the same seconds, not against a rate measured
  // before: the two share their Poisson luck, so a healthy cell reads close to 1 at any load.
  const arrivals = sum(settle, (b) => b.requests);
  const succeeded = sum(settle, (b) => b.succeeded);
  const share = arrivals > 0 ? succeeded / arrivals : 0;
  const recovered = arrivals > 0 && share >= RECOVERED_SHARE;
  const good = (b: TimelineBucket) => b.requests > 0 && b.succeeded >= RECOVERED_SHARE * b.requests;
  let from = after.length;
  while (from > 0 && good(after[from - 1] as TimelineBucket)) from--;
  const recoveryMs =
    from < after.length ? Math.max(0, (after[from] as TimelineBucket).startMs - end) : undefined;
  const attempts = sum(settle, (b) => b.attempts[target] ?? 0);
  return {
    load,
    triggerMs,
    recovered,
    goodputShare: share,
    ...(recovered && recoveryMs !== undefined ? { recoveryMs } : {}),
    amplification: arrivals > 0 ? attempts / arrivals : 0,
    // Each success needs one attempt at the target on a chain without errors: the rest is work
    // nobody is waiting for (its caller timed out or was refused and asked again).
    wasted: attempts > 0 ? Math.max(0, Math.min(1, 1 - succeeded / attempts)) : 0,
  };
}

/** Per load with every trigger done, the smallest trigger that left it down. */
export function mapBoundary(grid: MapGrid, cells: readonly MapCell[]): BoundaryPoint[] {
  const out: BoundaryPoint[] = [];
  for (const load of grid.loads) {
    const column = cells.filter((c) => c.load === load);
    if (column.length < grid.triggers.length) continue;
    const down = column.filter((c) => !c.recovered).map((c) => c.triggerMs);
    out.push(down.length > 0 ? { load, triggerMs: Math.min(...down) } : { load });
  }
  return out;
}

/** Cells already computed, by load and trigger (a refinement reuses the coarse ones). */
export type CellCache = Map<string, MapCell>;

const cellKey = (load: number, triggerMs: number) => `${load}|${triggerMs}`;

/**
 * Runs every cell of `grid`, load by load; `onCell` sees the map after each cell (for progress).
 * `run` must use `options.seed`.
 */
export async function metastabilityMap(
  model: Model,
  run: RunModel,
  grid: MapGrid,
  options: MapOptions & {
    readonly stage: MapStage;
    readonly cache?: CellCache;
    readonly onCell?: (partial: MetastabilityMap) => void;
  },
): Promise<MetastabilityMap> {
  const { target, factor = 5, seed, stage, cache = new Map(), onCell } = options;
  check(grid, model, target);
  const cells: MapCell[] = [];
  const total = grid.loads.length * grid.triggers.length;
  const snapshot = (): MetastabilityMap => ({
    stage,
    seed,
    target,
    factor,
    loads: grid.loads,
    triggers: grid.triggers,
    cells: [...cells],
    boundary: mapBoundary(grid, cells),
    done: cells.length,
    total,
  });
  for (const load of grid.loads) {
    for (const triggerMs of grid.triggers) {
      const key = cellKey(load, triggerMs);
      let cell = cache.get(key);
      if (!cell) {
        const built = cellModel(model, load, triggerMs, options);
        cell = judgeCell(await run(built.model, built.requests), load, triggerMs, target);
        cache.set(key, cell);
      }
      cells.push(cell);
      onCell?.(snapshot());
    }
  }
  return snapshot();
}

/**
 * The map as a figure shows it: the coarse grid (handed to `onPartial` when done), then the
 * refined grid, handed to `onPartial` every few cells as it fills in; resolves to the refined map.
 */
export async function progressiveMap(
  model: Model,
  run: RunModel,
  options: MapOptions & { readonly onPartial?: (partial: MetastabilityMap) => void },
): Promise<MetastabilityMap> {
  const cache: CellCache = new Map();
  const coarse = await metastabilityMap(model, run, COARSE_GRID, {
    ...options,
    stage: 'coarse',
    cache,
  });
  options.onPartial?.(coarse);
  return metastabilityMap(model, run, REFINED_GRID, {
    ...options,
    stage: 'refined',
    cache,
    onCell: (partial) => {
      // A column at a time: enough to watch it fill, few enough messages to stay cheap.
      if (partial.done % REFINED_GRID.triggers.length === 0 && partial.done < partial.total) {
        options.onPartial?.(partial);
      }
    },
  });
}
