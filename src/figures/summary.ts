/**
 * The text alternative of a figure: one or two sentences a screen reader announces after each
 * change ("p99 rises from 41 ms to 230 ms; availability falls from 99.9% to 97.2%"). It reads
 * numbers the engine reported; it computes none.
 */
import type { Report } from '../../simulations/report/types.ts';
import { formatMs, formatShare } from './format.ts';

/** Below these, a change is noise to a reader and is called "stays". */
const RELATIVE_LATENCY_CHANGE = 0.05;
const AVAILABILITY_CHANGE = 0.0005;

function movement(before: number, after: number, threshold: number, relative: boolean) {
  const delta = after - before;
  const size = relative ? Math.abs(delta) / Math.max(Math.abs(before), 1e-9) : Math.abs(delta);
  if (size < threshold) return 'stays';
  return delta > 0 ? 'rises' : 'falls';
}

/** Describes one report, or the change from `previous` to `current`. */
export function describeChange(current: Report, previous?: Report, label?: string): string {
  const p99 = current.overall.latencyMs.p99;
  const availability = current.overall.availability;
  const who = label ? `${label}: ` : '';
  if (!previous) {
    const throughput = Math.round(current.overall.throughputPerSecond);
    return `${who}p50 ${formatMs(current.overall.latencyMs.p50)}, p99 ${formatMs(p99)}, availability ${formatShare(availability)}, ${throughput.toLocaleString('en')} successful requests per second, over ${current.requests.toLocaleString('en')} requests.`;
  }
  const before = previous.overall;
  const latency = movement(before.latencyMs.p99, p99, RELATIVE_LATENCY_CHANGE, true);
  const avail = movement(before.availability, availability, AVAILABILITY_CHANGE, false);
  const latencyText =
    latency === 'stays'
      ? `p99 stays near ${formatMs(p99)}`
      : `p99 ${latency} from ${formatMs(before.latencyMs.p99)} to ${formatMs(p99)}`;
  const availText =
    avail === 'stays'
      ? `availability stays at ${formatShare(availability)}`
      : `availability ${avail} from ${formatShare(before.availability)} to ${formatShare(availability)}`;
  return `${who}${latencyText}; ${availText}.`;
}
