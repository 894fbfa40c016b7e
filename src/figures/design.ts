/**
 * Design toggles: one cut of the shop as first written ("without") beside the same cut with the
 * reader's design choices ("with"), per endpoint: p50 and p99 with their standard errors, and
 * availability, so a reader sees which choice buys which milliseconds and which one costs (or
 * buys) availability. Differences inside two combined standard errors are marked as noise.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import { availabilityError, type Noise, withinNoise } from '../../simulations/scenarios/noise.ts';
import { formatMs, formatShare } from './format.ts';

/** The two series, in legend order. */
export const DESIGN_SERIES = ['as first written', 'with your choices'] as const;
const COLOURS = ['#0072B2', '#E69F00'];

export interface Compared {
  readonly before: number;
  readonly after: number;
  /** Standard errors, when known. */
  readonly beforeError?: number | undefined;
  readonly afterError?: number | undefined;
  /** The difference is inside two combined standard errors. */
  readonly withinNoise: boolean;
}

export interface DesignRow {
  readonly endpoint: string;
  readonly p50: Compared;
  readonly p99: Compared;
  readonly availability: {
    readonly before: number;
    readonly after: number;
    /** Inside two combined binomial standard errors. */
    readonly withinNoise: boolean;
  };
}

function compare(before: number, after: number, eb?: number, ea?: number): Compared {
  const noisy =
    eb !== undefined && ea !== undefined && answered(before) && answered(after)
      ? withinNoise(before, after, eb, ea)
      : false;
  return { before, after, beforeError: eb, afterError: ea, withinNoise: noisy };
}

function noiseOf(report: Report, endpoint: string): Noise | undefined {
  return report.endpoints[endpoint]?.noise ?? undefined;
}

/**
 * A latency percentile, or NaN when the endpoint answered no request successfully (a hang):
 * the report's 0 there means "nothing to measure", and must not read as "instant".
 */
function latency(e: Report['endpoints'][string], stat: 'p50' | 'p99'): number {
  return e.succeeded > 0 ? e.latencyMs[stat] : Number.NaN;
}

function answered(ms: number): boolean {
  return Number.isFinite(ms);
}

/** A latency for reading, or "no answers". */
function showMs(ms: number): string {
  return answered(ms) ? formatMs(ms) : 'no answers';
}

/** One row per endpoint of the baseline, in its order. */
export function designRows(before: Report, after: Report): DesignRow[] {
  return Object.entries(before.endpoints).flatMap(([endpoint, b]) => {
    const a = after.endpoints[endpoint];
    if (!a) return [];
    const nb = noiseOf(before, endpoint);
    const na = noiseOf(after, endpoint);
    return [
      {
        endpoint,
        p50: compare(latency(b, 'p50'), latency(a, 'p50'), nb?.p50, na?.p50),
        p99: compare(latency(b, 'p99'), latency(a, 'p99'), nb?.p99, na?.p99),
        availability: {
          before: b.availability,
          after: a.availability,
          withinNoise: withinNoise(
            b.availability,
            a.availability,
            availabilityError(b.availability, b.requests),
            availabilityError(a.availability, a.requests),
          ),
        },
      },
    ];
  });
}

interface Dot {
  readonly endpoint: string;
  readonly statistic: 'p50' | 'p99';
  readonly series: string;
  readonly ms: number;
  readonly low: number;
  readonly high: number;
}

function dots(rows: readonly DesignRow[]): Dot[] {
  return rows.flatMap((row) =>
    (['p50', 'p99'] as const).flatMap((statistic) => {
      const c = row[statistic];
      return [
        [DESIGN_SERIES[0], c.before, c.beforeError],
        [DESIGN_SERIES[1], c.after, c.afterError],
      ]
        .filter(([, ms]) => answered(ms as number))
        .map(([series, ms, error]) => ({
          endpoint: row.endpoint,
          statistic,
          series: series as string,
          ms: ms as number,
          low: Math.max(1e-3, (ms as number) - ((error as number | undefined) ?? 0)),
          high: (ms as number) + ((error as number | undefined) ?? 0),
        }));
    }),
  );
}

/** Plot options: a row per endpoint, p50 and p99 side by side, an arrow from before to after. */
export function designPlot(
  rows: readonly DesignRow[],
  { width = 760 }: { width?: number } = {},
): Plot.PlotOptions {
  const data = dots(rows);
  const arrows = rows.flatMap((row) =>
    (['p50', 'p99'] as const)
      .filter(
        (s) =>
          !row[s].withinNoise &&
          row[s].before !== row[s].after &&
          answered(row[s].before) &&
          answered(row[s].after),
      )
      .map((statistic) => ({
        endpoint: row.endpoint,
        statistic,
        from: row[statistic].before,
        to: row[statistic].after,
      })),
  );
  return {
    width,
    height: 70 + rows.length * 46,
    marginLeft: 110,
    marginRight: 24,
    marginBottom: 44,
    style: { fontSize: '15px', background: 'transparent', color: 'currentColor' },
    fx: { label: null, domain: ['p50', 'p99'], padding: 0.12 },
    x: {
      type: 'log',
      domain: [
        Math.min(...data.map((d) => d.low)) / 1.25,
        Math.max(...data.map((d) => d.high)) * 1.25,
      ],
      label: 'Latency (ms, log scale) →',
      grid: true,
      tickFormat: (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : String(ms)),
    },
    y: { domain: rows.map((r) => r.endpoint), label: null },
    color: { domain: [...DESIGN_SERIES], range: COLOURS, legend: true },
    marks: [
      Plot.ruleY(
        rows.map((r) => r.endpoint),
        { stroke: 'currentColor', strokeOpacity: 0.12 },
      ),
      Plot.arrow(arrows, {
        fx: 'statistic',
        y1: 'endpoint',
        y2: 'endpoint',
        x1: 'from',
        x2: 'to',
        stroke: 'currentColor',
        strokeOpacity: 0.6,
        strokeWidth: 1.5,
        inset: 9,
        headLength: 8,
      }),
      // ± one standard error behind each dot.
      Plot.ruleY(data, {
        fx: 'statistic',
        y: 'endpoint',
        x1: 'low',
        x2: 'high',
        stroke: 'series',
        strokeWidth: 8,
        strokeOpacity: 0.35,
      }),
      Plot.dot(data, {
        fx: 'statistic',
        y: 'endpoint',
        x: 'ms',
        fill: 'series',
        r: 6.5,
        stroke: 'var(--bg, white)',
        strokeWidth: 1.5,
        symbol: (d: Dot) => (d.series === DESIGN_SERIES[0] ? 'circle' : 'diamond'),
      }),
    ],
  };
}

/** "12 ms → 6.2 ms", "12 ms → 12 ms (within noise)" or "12 ms (same)". */
export function showCompared(c: Compared): string {
  if (c.before === c.after || (!answered(c.before) && !answered(c.after))) {
    return `${showMs(c.after)} (same)`;
  }
  const text = `${showMs(c.before)} → ${showMs(c.after)}`;
  return c.withinNoise ? `${text} (within noise)` : text;
}

export function showAvailability(a: DesignRow['availability']): string {
  if (a.before === a.after) return `${formatShare(a.after)} (same)`;
  const text = `${formatShare(a.before)} → ${formatShare(a.after)}`;
  return a.withinNoise ? `${text} (within noise)` : text;
}

function change(endpoint: string, stat: string, c: Compared): string | undefined {
  if (c.withinNoise || c.before === c.after) return undefined;
  if (!answered(c.before) && !answered(c.after)) return undefined;
  if (!answered(c.before)) return `${endpoint} answers again (${stat} ${formatMs(c.after)})`;
  if (!answered(c.after)) return `${endpoint} ${stat}: no request answered any more`;
  const verb = c.after < c.before ? 'falls' : 'rises';
  return `${endpoint} ${stat} ${verb} from ${formatMs(c.before)} to ${formatMs(c.after)}`;
}

/** The text alternative: what the choices changed beyond noise, and what they did not. */
export function describeDesign(rows: readonly DesignRow[], choices: readonly string[]): string {
  const what = choices.length === 0 ? 'No design choice is on' : `With ${choices.join(', ')}`;
  const changes = rows.flatMap((r) =>
    [change(r.endpoint, 'p50', r.p50), change(r.endpoint, 'p99', r.p99)].filter(
      (t): t is string => t !== undefined,
    ),
  );
  const availability = rows
    .filter((r) => !r.availability.withinNoise && r.availability.after !== r.availability.before)
    .map(
      (r) =>
        `${r.endpoint} availability ${r.availability.after > r.availability.before ? 'rises' : 'falls'} from ${formatShare(r.availability.before)} to ${formatShare(r.availability.after)}`,
    );
  const all = [...changes, ...availability];
  if (choices.length === 0) return `${what}: both series are the shop as first written.`;
  if (all.length === 0) return `${what}: every change is within noise.`;
  const quiet = rows.length * 3 - all.length;
  const rest = quiet > 0 ? `; the other ${quiet} numbers stay within noise` : '';
  return `${what}: ${all.join('; ')}${rest}.`;
}
