/**
 * The metastability map, from a map the worker computed (`simulations/scenarios/metastability.ts`):
 * offered load across, trigger duration up (log scale), one rectangle per cell, green where the
 * system recovered and vermillion where it stayed down, each down cell labelled with the attempts
 * its bottom service received per user request; a heavy staircase marks the boundary, the
 * smallest trigger that left each load down. Numbers come from the map; this module only
 * arranges them.
 */
import * as Plot from '@observablehq/plot';
import { formatLoad } from '../../simulations/scenarios/loadSweep.ts';
import type { MapCell, MetastabilityMap } from '../../simulations/scenarios/metastability.ts';
import { formatMs } from './format.ts';
import { OUTCOME_COLOURS } from './palette.ts';

export interface MapPlotOptions {
  readonly width?: number;
}

/** One cell as a rectangle on linear load and log trigger axes. */
export interface CellRect {
  readonly x1: number;
  readonly x2: number;
  readonly y1: number;
  readonly y2: number;
  readonly outcome: 'recovers' | 'stays down';
  /** Inside the rectangle: "16×" on a down cell (attempts at the bottom per request), else "". */
  readonly label: string;
  /** The tooltip: what happened in this cell, in words. */
  readonly title: string;
  readonly load: number;
  readonly triggerMs: number;
}

const STYLE = { fontSize: '15px', background: 'transparent', color: 'currentColor' };

/** Edges between neighbouring values: midpoints (geometric on a log axis), ends mirrored. */
export function edges(values: readonly number[], log: boolean): number[] {
  const mid = (a: number, b: number) => (log ? Math.sqrt(a * b) : (a + b) / 2);
  // The edge beyond `v`, as far from it as `inner` is on the other side.
  const mirror = (v: number, inner: number) => (log ? (v * v) / inner : 2 * v - inner);
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined) return [];
  if (values.length === 1) return log ? [first / 1.5, first * 1.5] : [first * 0.5, first * 1.5];
  const inner: number[] = [];
  for (let i = 1; i < values.length; i++) {
    inner.push(mid(values[i - 1] as number, values[i] as number));
  }
  return [mirror(first, inner[0] as number), ...inner, mirror(last, inner.at(-1) as number)];
}

function cellTitle(cell: MapCell, target: string): string {
  const head = `${formatLoad(cell.load)}, a ${formatMs(cell.triggerMs)} trigger: `;
  const answered = `${Math.round(cell.goodputShare * 100)}% of requests answered at the end`;
  const attempts = `${cell.amplification.toFixed(1)} attempts at ${target} per request`;
  if (cell.recovered) {
    const when =
      cell.recoveryMs === undefined
        ? ''
        : `, back within ${formatMs(Math.max(1000, cell.recoveryMs))}`;
    return `${head}recovers${when} (${answered}; ${attempts})`;
  }
  return `${head}stays down (${answered}; ${attempts}, ${Math.round(cell.wasted * 100)}% of them wasted)`;
}

/** The rectangles of every cell computed so far. */
export function cellRects(map: MetastabilityMap): CellRect[] {
  const xs = edges(map.loads, false);
  const ys = edges(map.triggers, true);
  return map.cells.map((cell) => {
    const i = map.loads.indexOf(cell.load);
    const j = map.triggers.indexOf(cell.triggerMs);
    return {
      x1: xs[i] as number,
      x2: xs[i + 1] as number,
      y1: ys[j] as number,
      y2: ys[j + 1] as number,
      outcome: cell.recovered ? 'recovers' : 'stays down',
      label: cell.recovered ? '' : `${Math.round(cell.amplification)}×`,
      title: cellTitle(cell, map.target),
      load: cell.load,
      triggerMs: cell.triggerMs,
    };
  });
}

/**
 * The boundary as a staircase of points: along the bottom edge of each column's lowest down cell,
 * or along the top of the grid where a column recovered from every trigger. Only complete
 * columns; consecutive columns join with a vertical step.
 */
export function boundaryPath(map: MetastabilityMap): { x: number; y: number }[] {
  const xs = edges(map.loads, false);
  const ys = edges(map.triggers, true);
  const top = ys.at(-1) as number;
  const points: { x: number; y: number }[] = [];
  for (const point of map.boundary) {
    const i = map.loads.indexOf(point.load);
    const y =
      point.triggerMs === undefined ? top : (ys[map.triggers.indexOf(point.triggerMs)] as number);
    points.push({ x: xs[i] as number, y }, { x: xs[i + 1] as number, y });
  }
  return points;
}

/** True when some complete column stayed down: there is a boundary to draw inside the grid. */
export function hasBoundary(map: MetastabilityMap): boolean {
  return map.boundary.some((b) => b.triggerMs !== undefined);
}

/** One sentence for assistive technology and the line under the chart. */
export function describeMap(map: MetastabilityMap): string {
  if (map.boundary.length === 0) return 'No column of the map is complete yet.';
  const down = map.boundary.filter((b) => b.triggerMs !== undefined);
  const parts: string[] = [];
  // The loads below the first column that ever stayed down: safe from every trigger shown.
  let safeUpTo: number | undefined;
  for (const b of map.boundary) {
    if (b.triggerMs !== undefined) break;
    safeUpTo = b.load;
  }
  if (down.length === 0) {
    parts.push(`It recovers from every trigger at every load shown so far.`);
  } else if (safeUpTo !== undefined) {
    parts.push(`It recovers from every trigger up to ${formatLoad(safeUpTo)}.`);
  }
  if (down.length > 0) {
    const lowest = down[0] as { load: number; triggerMs: number };
    const shortest = Math.min(...down.map((d) => d.triggerMs ?? Number.POSITIVE_INFINITY));
    const where = down.find((d) => d.triggerMs === shortest) as { load: number; triggerMs: number };
    parts.push(
      `From ${formatLoad(lowest.load)}, a trigger of ${formatMs(lowest.triggerMs)} leaves it down; from ${formatLoad(where.load)}, ${formatMs(shortest)} is enough.`,
    );
  }
  const cells = map.cells;
  const stuck = cells.filter((c) => !c.recovered);
  if (stuck.length > 0) {
    const mean = stuck.reduce((s, c) => s + c.amplification, 0) / stuck.length;
    parts.push(
      `Where it stays down, ${map.target} receives ${mean.toFixed(1)} attempts per user request on average.`,
    );
  }
  return parts.join(' ');
}

/**
 * Which grid is showing: "Coarse grid: 2 of 9 cells so far…", "Coarse grid (9 cells)…",
 * "Refining: 27 of 63 cells", "Refined grid: 63 cells".
 */
export function mapStageNote(map: MetastabilityMap): string {
  if (map.stage === 'coarse' && map.done < map.total) {
    return `Coarse grid: ${map.done} of ${map.total} cells so far; refining…`;
  }
  if (map.stage === 'coarse') return `Coarse grid (${map.total} cells); refining…`;
  if (map.done < map.total) return `Refining: ${map.done} of ${map.total} cells`;
  return `Refined grid: ${map.total} cells, seed ${map.seed}`;
}

/** Plot options for the map. Cell labels are dropped where the cells are too narrow for them. */
export function metastabilityPlot(
  map: MetastabilityMap,
  { width = 760 }: MapPlotOptions = {},
): Plot.PlotOptions {
  const rects = cellRects(map);
  const xs = edges(map.loads, false);
  const ys = edges(map.triggers, true);
  const columnPx = (width - 90) / Math.max(1, map.loads.length);
  const narrow = columnPx < 44;
  const path = boundaryPath(map);
  return {
    width,
    height: Math.round(Math.min(420, Math.max(280, width * 0.5))),
    marginLeft: 64,
    marginRight: 16,
    // Room above the grid for the y label, clear of a boundary drawn along the top edge.
    marginTop: 30,
    marginBottom: 44,
    style: STYLE,
    x: {
      domain: [xs[0] as number, xs.at(-1) as number],
      label: narrow ? 'Load (req/s) →' : 'Offered load (user requests per second) →',
      // On a phone the labels of neighbouring columns would collide: label every other one.
      ticks: narrow ? map.loads.filter((_, i) => i % 2 === 0) : map.loads,
      tickFormat: (v: number) => v.toLocaleString('en'),
    },
    y: {
      type: 'log',
      domain: [ys[0] as number, ys.at(-1) as number],
      label: `↑ Trigger: how long ${map.target} is slow`,
      ticks: map.triggers,
      tickFormat: (ms: number) => formatMs(ms),
    },
    color: {
      domain: ['recovers', 'stays down'],
      range: [OUTCOME_COLOURS.succeeded, OUTCOME_COLOURS.failed],
      legend: true,
    },
    marks: [
      Plot.rect(rects, {
        x1: 'x1',
        x2: 'x2',
        y1: 'y1',
        y2: 'y2',
        fill: 'outcome',
        fillOpacity: 0.85,
        inset: 1,
        title: 'title',
      }),
      ...(!narrow
        ? [
            Plot.text(rects, {
              x: (r: CellRect) => (r.x1 + r.x2) / 2,
              y: (r: CellRect) => Math.sqrt(r.y1 * r.y2),
              text: 'label',
              fill: '#000',
              fontWeight: 600,
              fontSize: 14,
            }),
          ]
        : []),
      Plot.line(path, {
        x: 'x',
        y: 'y',
        stroke: 'currentColor',
        strokeWidth: 4,
        strokeLinejoin: 'miter',
        // Named, so a test (or a reader's stylesheet) can find the boundary among the marks.
        className: 'boundary',
      }),
    ],
  };
}
