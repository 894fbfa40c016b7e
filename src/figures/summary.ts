/**
 * The text alternative of a figure: one or two sentences a screen reader announces after each
 * change ("p99 rises from 41 ms to 230 ms; availability falls from 99.9% to 97.2%"). It reads
 * numbers the engine reported, their standard errors included, and computes none: a difference
 * smaller than about two combined standard errors is called "within noise" (the rule is
 * `withinNoise` in `simulations/scenarios/noise.ts`).
 */
import type { Report } from '../../simulations/report/types.ts';
import { batchNoise, type Noise, withinNoise } from '../../simulations/scenarios/noise.ts';
import { formatMs, formatShare } from './format.ts';

/** Without a standard error, a change below this share is noise to a reader and "stays". */
const RELATIVE_LATENCY_CHANGE = 0.05;
const AVAILABILITY_CHANGE = 0.0005;

/** One report as a comparison sees it: its name and, when known, how noisy it is. */
export interface ComparedReport {
  readonly label: string;
  readonly report: Report;
  /** Standard errors; default: the report's own batch means. */
  readonly noise?: Noise | undefined;
}

function noiseOf(report: Report, given?: Noise): Noise | undefined {
  return given ?? batchNoise(report)?.overall;
}

function movement(before: number, after: number, threshold: number, relative: boolean) {
  const delta = after - before;
  const size = relative ? Math.abs(delta) / Math.max(Math.abs(before), 1e-9) : Math.abs(delta);
  if (size < threshold) return 'stays';
  return delta > 0 ? 'rises' : 'falls';
}

/** "± 1.2 ms" for a standard error, or nothing when there is none. */
export function plusMinus(error: number | undefined): string {
  return error === undefined || !(error > 0) ? '' : ` ± ${formatMs(error)}`;
}

/** Whether any request of the report succeeded (its latency percentiles are of successes). */
function answered(report: Report): boolean {
  return report.overall.availability > 0;
}

/** Describes one report, or the change from `previous` to `current`. */
export function describeChange(current: Report, previous?: Report, label?: string): string {
  const p99 = current.overall.latencyMs.p99;
  const availability = current.overall.availability;
  const who = label ? `${label}: ` : '';
  if (!previous) {
    const throughput = Math.round(current.overall.throughputPerSecond);
    // With nothing answered there is no latency to quote: a p50 of "0 ms" would read as fast.
    if (!answered(current))
      return `${who}no request succeeded (availability 0%), over ${current.requests.toLocaleString('en')} requests.`;
    return `${who}p50 ${formatMs(current.overall.latencyMs.p50)}, p99 ${formatMs(p99)}, availability ${formatShare(availability)}, ${throughput.toLocaleString('en')} successful requests per second, over ${current.requests.toLocaleString('en')} requests.`;
  }
  const before = previous.overall;
  if (!answered(current))
    return `${who}no request succeeds any more (availability falls from ${formatShare(before.availability)} to 0%).`;
  if (!answered(previous))
    return `${who}requests succeed again: p99 ${formatMs(p99)}, availability ${formatShare(availability)}.`;
  const errorNow = noiseOf(current)?.p99;
  const errorBefore = noiseOf(previous)?.p99;
  const noisy =
    errorNow !== undefined && errorBefore !== undefined
      ? withinNoise(before.latencyMs.p99, p99, errorBefore, errorNow)
      : undefined;
  const latency =
    noisy === true
      ? 'stays'
      : noisy === false
        ? movement(before.latencyMs.p99, p99, 0, true)
        : movement(before.latencyMs.p99, p99, RELATIVE_LATENCY_CHANGE, true);
  const avail = movement(before.availability, availability, AVAILABILITY_CHANGE, false);
  const latencyText =
    latency === 'stays'
      ? `p99 stays near ${formatMs(p99)}${noisy === true ? ' (within noise)' : ''}`
      : `p99 ${latency} from ${formatMs(before.latencyMs.p99)} to ${formatMs(p99)}`;
  const availText =
    avail === 'stays'
      ? `availability stays at ${formatShare(availability)}`
      : `availability ${avail} from ${formatShare(before.availability)} to ${formatShare(availability)}`;
  return `${who}${latencyText}; ${availText}.`;
}

/** One statistic across the compared reports: the lowest, and how far each other one is. */
function compareStatistic(series: readonly ComparedReport[], stat: 'p50' | 'p99'): string {
  const rows = series.map((s) => ({
    label: s.label,
    ms: s.report.overall.latencyMs[stat],
    error: noiseOf(s.report, s.noise)?.[stat],
  }));
  const best = rows.reduce((a, b) => (b.ms < a.ms ? b : a));
  const others = rows
    .filter((r) => r !== best)
    .map((r) => {
      const gap = `${r.label} ${formatMs(r.ms - best.ms)} higher`;
      const noisy =
        r.error !== undefined &&
        best.error !== undefined &&
        withinNoise(r.ms, best.ms, r.error, best.error);
      return noisy ? `${gap} (within noise)` : gap;
    });
  return `Lowest ${stat}: ${best.label}, ${formatMs(best.ms)}${plusMinus(best.error)}; ${others.join(', ')}.`;
}

/**
 * Several reports side by side, in words: which has the lowest p50 and p99, how much higher each
 * other one is, and which of those differences are within noise; then availability if it differs.
 */
export function describeComparison(series: readonly ComparedReport[]): string {
  if (series.length < 2) return series[0] ? describeChange(series[0].report) : '';
  const parts = [compareStatistic(series, 'p50'), compareStatistic(series, 'p99')];
  const shares = series.map((s) => s.report.overall.availability);
  if (Math.max(...shares) - Math.min(...shares) >= AVAILABILITY_CHANGE) {
    parts.push(
      `Availability: ${series.map((s) => `${s.label} ${formatShare(s.report.overall.availability)}`).join(', ')}.`,
    );
  }
  return parts.join(' ');
}
