/**
 * Fan-out and the tail: the share of requests that meet at least one slow leaf, 1 − 0.99ᵏ, as a
 * line over k, with the reader's k simulated on it (and, hedged, the same fan-out with a second
 * copy of each slow leaf call); a table of the request's percentiles and what hedging cost in
 * extra leaf calls. Numbers come from the reports (`simulations/scenarios/fanout.ts` says how the
 * document counts slow requests); this module only arranges them.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import { availabilityError } from '../../simulations/scenarios/chain.ts';
import {
  DEADLINE_MS,
  MAX_LEAVES,
  SLOW_SHARE,
  slowShare,
} from '../../simulations/scenarios/fanout.ts';
import { formatMs, formatShare } from './format.ts';
import { SERIES_COLOURS } from './palette.ts';

const STYLE = { fontSize: '15px', background: 'transparent', color: 'currentColor' };
const PLAIN = SERIES_COLOURS[1] as string;
const HEDGED = SERIES_COLOURS[2] as string;

/** One run of the fan-out, as the figure reads it. */
export interface FanoutRun {
  /** Share of requests slower than the deadline: they met at least one slow leaf. */
  readonly slow: number;
  /** Its binomial standard error. */
  readonly error: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  /** Leaf calls per request (k without hedging; more with it). */
  readonly leafCallsPerRequest: number;
}

export interface FanoutView {
  readonly leaves: number;
  /** 1 − 0.99ᵏ. */
  readonly theory: number;
  readonly plain: FanoutRun;
  readonly hedged?: FanoutRun | undefined;
}

/** What one report says about the fan-out. */
export function fanoutRun(report: Report): FanoutRun {
  const deadline = report.endpoints.deadline;
  const answer = report.endpoints.answer;
  if (!deadline || !answer)
    throw new RangeError(`${report.name}: not a fan-out report (no deadline endpoint)`);
  const counted = deadline.succeeded + deadline.failed;
  const slow = 1 - deadline.availability;
  return {
    slow,
    error: availabilityError(slow, counted),
    p50: answer.latencyMs.p50,
    p99: answer.latencyMs.p99,
    p999: answer.latencyMs.p999,
    leafCallsPerRequest: (report.services.leaf?.attempts ?? 0) / Math.max(1, report.requests),
  };
}

export function fanoutView(leaves: number, plain: Report, hedged?: Report): FanoutView {
  return {
    leaves,
    theory: slowShare(leaves),
    plain: fanoutRun(plain),
    hedged: hedged ? fanoutRun(hedged) : undefined,
  };
}

/** Plot options: the closed form over k, the reader's k simulated, hedged too when asked. */
export function fanoutPlot(
  view: FanoutView,
  { width = 760 }: { width?: number } = {},
): Plot.PlotOptions {
  const curve = Array.from({ length: MAX_LEAVES }, (_, i) => ({ k: i + 1, s: slowShare(i + 1) }));
  const runs = [
    { k: view.leaves, run: view.plain, who: 'simulated', colour: PLAIN },
    ...(view.hedged ? [{ k: view.leaves, run: view.hedged, who: 'hedged', colour: HEDGED }] : []),
  ];
  const dots = runs.map((r) => ({ k: r.k, s: r.run.slow, who: r.who, colour: r.colour }));
  const whiskers = runs.map((r) => ({
    k: r.k,
    lo: Math.max(0, r.run.slow - 2 * r.run.error),
    hi: Math.min(1, r.run.slow + 2 * r.run.error),
    colour: r.colour,
  }));
  const rightSide = view.leaves > MAX_LEAVES * 0.6;
  return {
    width,
    height: 340,
    marginLeft: 64,
    marginRight: 100,
    marginTop: 20,
    marginBottom: 44,
    style: STYLE,
    x: {
      domain: [0, MAX_LEAVES + 2],
      label: 'Leaves each request waits for (k) →',
      ticks: [1, 20, 40, 60, 80, 100],
    },
    y: { domain: [0, 1], label: null, grid: true, tickFormat: '%', ticks: [0, 0.25, 0.5, 0.75, 1] },
    marks: [
      Plot.line(curve, {
        x: 'k',
        y: 's',
        stroke: 'currentColor',
        strokeWidth: 2,
        strokeDasharray: '6 4',
      }),
      Plot.text(curve.slice(-1), {
        x: 'k',
        y: 's',
        text: () => '1 − 0.99ᵏ',
        dx: 10,
        textAnchor: 'start',
        fill: 'currentColor',
        fontSize: 15,
      }),
      Plot.ruleX(whiskers, { x: 'k', y1: 'lo', y2: 'hi', stroke: 'colour', strokeWidth: 3 }),
      Plot.dot(dots, {
        x: 'k',
        y: 's',
        fill: 'colour',
        r: 7,
        stroke: 'var(--bg, white)',
        strokeWidth: 2,
      }),
      // Plot's text offsets are constants, so each label is its own mark: the plain one below
      // the curve, the hedged one above its dot (which sits near the axis).
      ...dots.map((dot) =>
        Plot.text([dot], {
          x: 'k',
          y: 's',
          text: (d: { who: string; s: number }) => `${d.who}: ${formatShare(d.s)}`,
          dx: rightSide ? -16 : 16,
          dy: dot.who === 'hedged' ? -16 : 14,
          textAnchor: rightSide ? 'end' : 'start',
          fill: 'currentColor',
          fontWeight: 600,
          fontSize: 15,
        }),
      ),
    ],
  };
}

/** A row per run: the request's percentiles and leaf calls. */
export interface FanoutRow {
  readonly label: string;
  readonly slow: string;
  readonly p50: string;
  readonly p99: string;
  readonly p999: string;
  readonly calls: string;
}

export function fanoutRows(view: FanoutView): FanoutRow[] {
  const row = (label: string, run: FanoutRun): FanoutRow => ({
    label,
    slow: `${formatShare(run.slow)} ± ${formatShare(2 * run.error)}`,
    p50: formatMs(run.p50),
    p99: formatMs(run.p99),
    p999: formatMs(run.p999),
    calls: (Math.round(run.leafCallsPerRequest * 10) / 10).toLocaleString('en'),
  });
  return [
    row('Wait for every leaf', view.plain),
    ...(view.hedged ? [row('Hedged after p95', view.hedged)] : []),
  ];
}

/** The text alternative and the sentence under the chart. */
export function describeFanout(view: FanoutView): string {
  const k = view.leaves;
  const base = `Each leaf is slow ${formatShare(SLOW_SHARE)} of the time; waiting for ${k} ${k === 1 ? 'leaf' : 'leaves'}, ${formatShare(view.plain.slow)} of requests took longer than ${formatMs(DEADLINE_MS)} (closed form ${formatShare(view.theory)}), and p99 was ${formatMs(view.plain.p99)}.`;
  if (!view.hedged) return base;
  const extra =
    view.hedged.leafCallsPerRequest / Math.max(1e-9, view.plain.leafCallsPerRequest) - 1;
  return `${base} Hedged, ${formatShare(view.hedged.slow)} were that slow and p99 was ${formatMs(view.hedged.p99)}, for ${formatShare(extra)} more leaf calls.`;
}
