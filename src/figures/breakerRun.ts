/**
 * A run with circuit breakers, seen from the breakers: one row per breaker (caller → callee) with
 * its state over simulated time (closed, open, half-open), drawn under the run's timeline, and
 * the same transitions as replay tracks for the breaker's state diagram. Numbers come from the
 * report's `breakers`; this module only arranges them.
 */
import * as Plot from '@observablehq/plot';
import type { Fault } from '../../simulations/model/types.ts';
import type { Report } from '../../simulations/report/types.ts';
import { formatMs } from './format.ts';
import { breakerTrack, type ReplayTrack } from './machineReplay.ts';
import { timelinePlots } from './timeline.ts';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** One stretch of one breaker in one state. */
export interface StateBand {
  readonly breaker: string;
  readonly state: BreakerState;
  /** Seconds of simulated time. */
  readonly from: number;
  readonly to: number;
}

/** Colours of the states: open is the failure hue, half-open between (Okabe–Ito orange). */
export const STATE_COLOURS: Readonly<Record<BreakerState, string>> = {
  closed: '#009E73',
  open: '#D55E00',
  halfOpen: '#E69F00',
};

const name = (b: { caller: string; callee: string }) => `${b.caller} → ${b.callee}`;

/** Each breaker's states as bands from 0 to the end of the run. */
export function stateBands(report: Report): StateBand[] {
  const end = report.simulatedMs / 1000;
  return (report.breakers ?? []).flatMap((b) => {
    const bands: StateBand[] = [];
    let state: BreakerState = 'closed';
    let from = 0;
    for (const t of b.transitions) {
      const at = t.atMs / 1000;
      if (at > from) bands.push({ breaker: name(b), state, from, to: at });
      state = t.to;
      from = at;
    }
    if (end > from) bands.push({ breaker: name(b), state, from, to: end });
    return bands;
  });
}

/** The breakers' transitions as replay tracks for the state diagram, one per breaker. */
export function breakerTracks(report: Report): ReplayTrack[] {
  return (report.breakers ?? []).map((b) => breakerTrack(b.transitions, name(b)));
}

/** The track to follow first: the breaker that moved most (the one nearest the trouble). */
export function busiestTrack(tracks: readonly ReplayTrack[]): string {
  return [...tracks].sort((a, b) => b.steps.length - a.steps.length)[0]?.name ?? '';
}

/** "mid → back opened 3 times, open 6.1 s in all; front → mid never opened." */
export function describeBreakers(report: Report): string {
  const breakers = report.breakers ?? [];
  if (breakers.length === 0) return 'No call in this run has a breaker.';
  return breakers
    .map((b) => {
      const opened = b.transitions.filter((t) => t.to === 'open').length;
      if (opened === 0) return `${name(b)} never opened`;
      const times = opened === 1 ? 'once' : `${opened} times`;
      return `${name(b)} opened ${times}, open ${formatMs(b.openMs)} in all, and shed ${b.rejected.toLocaleString('en')} calls`;
    })
    .join('; ')
    .concat('.');
}

/** Room on the left for the breakers' names, shared by both panels so their time axes line up. */
const LEFT = 110;

/** The run's requests over time (the timeline's first panel) on the strip's time axis. */
export function requestsPlot(
  report: Report,
  faults: readonly Fault[],
  { width = 640 }: { width?: number } = {},
): Plot.PlotOptions | undefined {
  const [requests] = timelinePlots(report, faults, { width });
  if (!requests) return undefined;
  return {
    ...requests,
    marginLeft: LEFT,
    x: { ...(requests.x ?? {}), domain: [0, report.simulatedMs / 1000] },
  };
}

/** Plot options for the strip of breaker states, on the run's time axis. */
export function breakerStripPlot(
  report: Report,
  { width = 640 }: { width?: number } = {},
): Plot.PlotOptions {
  const bands = stateBands(report);
  const rows = [...new Set(bands.map((b) => b.breaker))];
  return {
    width,
    height: 40 + rows.length * 34,
    marginLeft: LEFT,
    marginBottom: 34,
    style: { fontSize: '14px', background: 'transparent', color: 'currentColor' },
    x: { label: 'Simulated time (s) →', grid: true, domain: [0, report.simulatedMs / 1000] },
    y: { label: null, domain: rows },
    color: {
      domain: ['closed', 'open', 'halfOpen'],
      range: [STATE_COLOURS.closed, STATE_COLOURS.open, STATE_COLOURS.halfOpen],
      legend: true,
    },
    marks: [
      Plot.barX(bands, {
        x1: 'from',
        x2: 'to',
        y: 'breaker',
        fill: 'state',
        inset: 2,
        title: (b: StateBand) =>
          `${b.breaker}: ${b.state} from ${b.from.toFixed(1)} s to ${b.to.toFixed(1)} s`,
      }),
    ],
  };
}
