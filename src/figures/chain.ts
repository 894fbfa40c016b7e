/**
 * Chain availability: the closed form (1 − p)ⁿ as a line over every chain length, and on it the
 * chain the reader chose, as simulated with remote hops (a dot with ± two binomial standard
 * errors) and in one process. Numbers come from the reports and `simulations/scenarios/chain.ts`;
 * this module only arranges them.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import {
  availabilityError,
  chainAvailability,
  MAX_HOPS,
} from '../../simulations/scenarios/chain.ts';
import { formatShare } from './format.ts';
import { SERIES_COLOURS } from './palette.ts';

const STYLE = { fontSize: '15px', background: 'transparent', color: 'currentColor' };
const REMOTE = SERIES_COLOURS[1] as string;
const LOCAL = SERIES_COLOURS[0] as string;

/** What the chain figure shows for one choice of n and p. */
export interface ChainView {
  readonly hops: number;
  readonly errorRate: number;
  /** Availability of the remote chain, as simulated. */
  readonly remote: number;
  /** Its binomial standard error. */
  readonly error: number;
  /** Availability of the same chain in one process, as simulated. */
  readonly local: number;
  /** (1 − p)ⁿ. */
  readonly theory: number;
  /** Requests the remote chain ran. */
  readonly requests: number;
  /** Hops lost on the network in the remote run. */
  readonly networkErrors: number;
}

/** The view from the two reports (remote first, in-process second). */
export function chainView(
  hops: number,
  errorRate: number,
  remote: Report,
  local: Report,
): ChainView {
  const answered = remote.overall.succeeded + remote.overall.failed;
  return {
    hops,
    errorRate,
    remote: remote.overall.availability,
    error: availabilityError(remote.overall.availability, answered),
    local: local.overall.availability,
    theory: chainAvailability(hops, errorRate),
    requests: answered,
    networkErrors: remote.overall.networkErrors,
  };
}

/** The lowest y the chart needs: the closed form at the longest chain, with room for whiskers. */
function yMin(view: ChainView): number {
  const low = Math.min(chainAvailability(MAX_HOPS, view.errorRate), view.remote - 2 * view.error);
  return Math.max(0, Math.min(0.98, Math.floor((low - 0.01) * 50) / 50));
}

/** Plot options: the closed form over n = 1 … MAX_HOPS, and the chosen chain simulated both ways. */
export function chainPlot(
  view: ChainView,
  { width = 760 }: { width?: number } = {},
): Plot.PlotOptions {
  const curve = Array.from({ length: MAX_HOPS }, (_, i) => ({
    hops: i + 1,
    a: chainAvailability(i + 1, view.errorRate),
  }));
  const low = yMin(view);
  const rightSide = view.hops > MAX_HOPS * 0.6;
  const points = [
    { hops: view.hops, a: view.local, who: 'in one process', colour: LOCAL },
    { hops: view.hops, a: view.remote, who: 'remote hops', colour: REMOTE },
  ];
  return {
    width,
    height: 340,
    marginLeft: 64,
    marginRight: 40,
    marginTop: 20,
    marginBottom: 44,
    style: STYLE,
    x: {
      domain: [0.5, MAX_HOPS + 0.5],
      label: 'Remote hops in the chain (n) →',
      ticks: [1, 5, 10, 15, 20],
    },
    y: {
      domain: [low, 1.005],
      label: null,
      grid: true,
      tickFormat: (a: number) => `${Math.round(a * 1000) / 10}%`,
    },
    marks: [
      Plot.line(curve, {
        x: 'hops',
        y: 'a',
        stroke: 'currentColor',
        strokeWidth: 2,
        strokeDasharray: '6 4',
      }),
      // The formula labels the curve where the chosen chain is not.
      Plot.text(
        curve.filter((c) => c.hops === (view.hops > MAX_HOPS / 2 ? 3 : MAX_HOPS - 2)),
        {
          x: 'hops',
          y: 'a',
          text: () => '(1 − p)ⁿ',
          dy: 22,
          textAnchor: 'middle',
          fill: 'currentColor',
          fontSize: 16,
        },
      ),
      Plot.ruleX([view.hops], { stroke: 'currentColor', strokeOpacity: 0.25 }),
      Plot.ruleX([view.hops], {
        y1: Math.max(low, view.remote - 2 * view.error),
        y2: Math.min(1, view.remote + 2 * view.error),
        stroke: REMOTE,
        strokeWidth: 3,
      }),
      Plot.dot(points, {
        x: 'hops',
        y: 'a',
        fill: 'colour',
        r: 7,
        stroke: 'var(--bg, white)',
        strokeWidth: 2,
        symbol: (d: { who: string }) => (d.who === 'remote hops' ? 'circle' : 'square'),
      }),
      // Plot's text offsets are constants, so each label is its own mark; near the right edge
      // the labels go to the left of their dots, where the plot has room.
      ...points.map((point) =>
        Plot.text([point], {
          x: 'hops',
          y: 'a',
          text: (d: { who: string; a: number }) => `${d.who}: ${formatShare(d.a)}`,
          dx: rightSide ? -16 : 16,
          dy: point.who === 'remote hops' ? 16 : 4,
          textAnchor: rightSide ? 'end' : 'start',
          fill: 'currentColor',
          fontWeight: 600,
          fontSize: 15,
        }),
      ),
    ],
  };
}

/** The table's rows: simulated against the closed form. */
export function chainRows(view: ChainView): { label: string; value: string }[] {
  return [
    {
      label: 'Simulated, remote hops',
      value: `${formatShare(view.remote)} ± ${formatShare(2 * view.error)}`,
    },
    { label: 'Closed form (1 − p)ⁿ', value: formatShare(view.theory) },
    { label: 'Same chain in one process', value: formatShare(view.local) },
  ];
}

/** Is the simulated availability within two binomial standard errors of the closed form? */
export function agreesWithTheory(view: ChainView): boolean {
  return Math.abs(view.remote - view.theory) <= 2 * Math.max(view.error, 1 / view.requests);
}

/** The text alternative and the sentence under the chart. */
export function describeChain(view: ChainView): string {
  const p = formatShare(view.errorRate);
  const verdict = agreesWithTheory(view)
    ? 'within noise of the closed form'
    : 'further from the closed form than two standard errors';
  return `${view.hops} remote ${view.hops === 1 ? 'hop' : 'hops'} at ${p} each: ${formatShare(view.remote)} of ${view.requests.toLocaleString('en')} requests succeeded, ${verdict} (${formatShare(view.theory)}); the same chain in one process: ${formatShare(view.local)}.`;
}
