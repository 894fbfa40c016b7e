/**
 * The release of one lockstep group as a Gantt chart: one row per service, grouped under its
 * team in deploy order, one bar per pipeline phase (build, canary, rollout, rollback), handoffs
 * between teams shaded and labelled, and a status column saying how each service ended.
 *
 * A per-team release of ten-minute deploys separated by one-day handoffs would shrink every bar
 * to a pixel on a true time axis, so by default idle stretches longer than `collapseAboveMs` are
 * drawn as fixed-width breaks labelled with their real length ("1 d handoff, shortened"); the
 * axis ticks keep real times. `scale: 'true'` draws the honest proportions instead.
 */
import * as Plot from '@observablehq/plot';
import type {
  ReleaseResult,
  ReleaseSegment,
} from '../../simulations/analyses/releaseSimulation.ts';
import { formatMs } from './format.ts';
import { OUTCOME_COLOURS, SERIES_COLOURS } from './palette.ts';

export type TimeScale = 'collapsed' | 'true';
export type Phase = ReleaseSegment['phase'];

/** Phase colours (Okabe–Ito); a rollback is always vermillion, the colour of failure. */
export const PHASE_COLOURS: Readonly<Record<Phase, string>> = {
  build: SERIES_COLOURS[0] ?? '#0072B2',
  canary: SERIES_COLOURS[3] ?? '#CC79A7',
  rollout: OUTCOME_COLOURS.succeeded,
  rollback: OUTCOME_COLOURS.failed,
};
const PHASES: readonly Phase[] = ['build', 'canary', 'rollout', 'rollback'];

/** The chart's type size in pixels (the stage may draw it larger; margins scale with it). */
const TYPE_PX = 14;

/**
 * A generous estimate of a label's width: Plot cannot measure text before it is drawn, and a
 * margin sized for the longest name keeps "recommendations" or "× canary alarm, rolled back"
 * whole instead of clipped at the chart's edge.
 */
const labelWidth = (text: string, bold: boolean): number =>
  Math.ceil(text.length * TYPE_PX * (bold ? 0.68 : 0.64));

export interface DeployTimelineOptions {
  /** Chart width in pixels (default 720). */
  readonly width?: number;
  /** `collapsed` (default) shortens long idle stretches; `true` keeps time linear. */
  readonly scale?: TimeScale;
  /** Idle stretches longer than this are collapsed (default 2 hours). */
  readonly collapseAboveMs?: number;
  /** Draws a time cursor at this real time (the replay). */
  readonly cursorMs?: number | undefined;
  /**
   * Each service's team. A service cancelled before it started has no bar to read its team
   * from, so pass the model's teams to group it correctly; by default teams come from the bars.
   */
  readonly teams?: Readonly<Record<string, string | null>>;
}

/** One bar, with its real times and its position on the drawn axis. */
export interface TimelineBar extends ReleaseSegment {
  readonly x1: number;
  readonly x2: number;
}

/** A handoff between teams, shaded across the chart and labelled in the next team's header. */
export interface TimelineGap {
  readonly startMs: number;
  readonly endMs: number;
  readonly x1: number;
  readonly x2: number;
  /** Row key of the header it is labelled in. */
  readonly row: string;
  readonly label: string;
}

/** A row: a team header or a service. */
export interface TimelineRow {
  readonly key: string;
  readonly kind: 'team' | 'service';
  /** Team name for a header, service name for a service. */
  readonly name: string;
  /** Status column text for a service ("released", "rolled back"…); empty for a header. */
  readonly status: string;
  readonly rolledBack: boolean;
}

export interface TimelineData {
  readonly rows: readonly TimelineRow[];
  readonly bars: readonly TimelineBar[];
  readonly gaps: readonly TimelineGap[];
  /** Where each rollback starts, marked with a dot so a short one is never lost. */
  readonly rollbacks: readonly { readonly row: string; readonly x: number }[];
  /** Idle stretches drawn shorter than they are. */
  readonly breaks: readonly { readonly x1: number; readonly x2: number }[];
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  /** Room for the service names and team headers (left) and the status column (right), px. */
  readonly margins: { readonly left: number; readonly right: number };
  /** Axis extent in drawn units. */
  readonly extent: number;
  /** Real time → drawn position, and back. */
  readonly toAxis: (ms: number) => number;
  readonly fromAxis: (x: number) => number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

/** A duration as a release manager says it: 40 s, 12 min, 3 h 20 min, 2 d 1 h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < MINUTE) return ms === 0 ? '0' : formatMs(ms);
  const minutes = Math.round(ms / MINUTE);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  // Minutes still count after whole days: a ten-minute deploy after two days of handoffs ends at
  // "2 d 10 min", not "2 d".
  if (d > 0) return h > 0 ? `${d} d ${h} h` : m > 0 ? `${d} d ${m} min` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

const NICE_STEPS = [
  1000,
  5000,
  10_000,
  30_000,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/** The smallest nice step giving at most `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  return NICE_STEPS.find((s) => span / s <= count) ?? NICE_STEPS[NICE_STEPS.length - 1] ?? DAY;
}

/** Busy stretches: the union of the segments, sorted. */
function busyStretches(timeline: readonly ReleaseSegment[]): [number, number][] {
  const sorted = [...timeline].sort((a, b) => a.startMs - b.startMs);
  const out: [number, number][] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.startMs <= last[1]) last[1] = Math.max(last[1], s.endMs);
    else out.push([s.startMs, s.endMs]);
  }
  return out;
}

interface Piece {
  /** Real start and end. */
  readonly a: number;
  readonly b: number;
  /** Drawn start and end. */
  readonly u: number;
  readonly v: number;
  readonly collapsed: boolean;
}

/** The piecewise-linear axis: busy stretches at scale, long idle ones at a fixed width. */
function axisPieces(result: ReleaseResult, scale: TimeScale, collapseAboveMs: number): Piece[] {
  const end = Math.max(result.durationMs, 1);
  if (scale === 'true') return [{ a: 0, b: end, u: 0, v: end, collapsed: false }];
  const busy = busyStretches(result.timeline);
  const idle: [number, number][] = [];
  let cursor = 0;
  for (const [a, b] of busy) {
    if (a - cursor > collapseAboveMs) idle.push([cursor, a]);
    cursor = Math.max(cursor, b);
  }
  if (idle.length === 0) return [{ a: 0, b: end, u: 0, v: end, collapsed: false }];
  const idleTotal = idle.reduce((sum, [a, b]) => sum + (b - a), 0);
  // Each break gets a third of the busy time's width: wide enough for its label.
  const breakWidth = Math.max((end - idleTotal) / 3, MINUTE);
  const pieces: Piece[] = [];
  let real = 0;
  let drawn = 0;
  for (const [a, b] of idle) {
    if (a > real) pieces.push({ a: real, b: a, u: drawn, v: drawn + (a - real), collapsed: false });
    drawn += a - real;
    pieces.push({ a, b, u: drawn, v: drawn + breakWidth, collapsed: true });
    drawn += breakWidth;
    real = b;
  }
  if (end > real)
    pieces.push({ a: real, b: end, u: drawn, v: drawn + (end - real), collapsed: false });
  return pieces;
}

/** Maps real time to drawn position (or back, with `inverse`), linearly within each piece. */
function mapper(pieces: readonly Piece[], inverse = false): (t: number) => number {
  return (t) => {
    const p = pieces.find((q) => t <= (inverse ? q.v : q.b)) ?? pieces[pieces.length - 1];
    if (!p) return t;
    const [from0, from1, to0, to1] = inverse ? [p.u, p.v, p.a, p.b] : [p.a, p.b, p.u, p.v];
    if (from1 === from0) return to0;
    return to0 + ((Math.min(Math.max(t, from0), from1) - from0) / (from1 - from0)) * (to1 - to0);
  };
}

/** Ticks at nice real times inside each busy piece, about six across the chart. */
function axisTicks(
  pieces: readonly Piece[],
  extent: number,
  plotPx: number,
): { x: number; label: string }[] {
  const ticks: { x: number; label: string }[] = [];
  for (const p of pieces) {
    if (p.collapsed) continue;
    const count = Math.max(1, Math.round(((p.v - p.u) / extent) * 6));
    const step = niceStep(p.b - p.a, count);
    for (let t = Math.ceil(p.a / step) * step; t <= p.b; t += step) {
      const x = p.u + (t - p.a);
      // Keep labels apart: skip a tick closer to the previous one than both labels need ("2 d 10
      // min" needs more room than "15 min"), as a share of the plot's width.
      const previous = ticks[ticks.length - 1];
      const chars = Math.max(previous?.label.length ?? 0, formatDuration(t).length) + 1;
      const room = labelWidth('x'.repeat(chars), false) / Math.max(plotPx, 1);
      if (previous && x - previous.x < extent * Math.max(0.07, room)) continue;
      ticks.push({ x, label: formatDuration(t) });
    }
  }
  return ticks;
}

const teamKey = (team: string | null) => `team:${team ?? '(no team)'}`;

/** A team header's text: a service several teams share ("checkout + fulfilment") says how many. */
const teamLabel = (r: TimelineRow): string =>
  r.name.includes(' + ') ? `${r.name.split(' + ').length} teams` : `${r.name} team`;

/** Why and how each service ended, for the status column. */
function statusOf(result: ReleaseResult, service: string): { text: string; rolledBack: boolean } {
  const state = result.services.find((s) => s.service === service)?.state ?? 'waiting';
  const alarm = result.timeline.find(
    (s) =>
      s.service === service &&
      (s.phase === 'canary' || s.phase === 'rollout') &&
      s.outcome === 'failed',
  );
  switch (state) {
    case 'done':
      return { text: '✓ released', rolledBack: false };
    case 'rolledBack':
      return {
        text: alarm ? `✕ ${alarm.phase} alarm, rolled back` : '↶ rolled back',
        rolledBack: true,
      };
    case 'failed':
      return { text: '✕ rollback failed', rolledBack: true };
    case 'cancelled':
      return { text: '– cancelled', rolledBack: false };
    default:
      return { text: '– not started', rolledBack: false };
  }
}

/** Everything the chart draws, in drawn coordinates; the figure's tests assert on this. */
export function deployTimelineData(
  result: ReleaseResult,
  options: DeployTimelineOptions = {},
): TimelineData {
  const { scale = 'collapsed', collapseAboveMs = 2 * HOUR, width = 720 } = options;
  const pieces = axisPieces(result, scale, collapseAboveMs);
  const toAxis = mapper(pieces);
  const extent = pieces[pieces.length - 1]?.v ?? 1;
  const teamOf = new Map<string, string | null>(
    options.teams ? Object.entries(options.teams) : result.timeline.map((s) => [s.service, s.team]),
  );
  const rows: TimelineRow[] = [];
  let lastTeam: string | null | undefined;
  // `services` is in deploy order, grouped by team.
  for (const { service } of result.services) {
    const team = teamOf.get(service) ?? null;
    if (team !== lastTeam) {
      rows.push({
        key: teamKey(team),
        kind: 'team',
        name: team ?? 'no team',
        status: '',
        rolledBack: false,
      });
      lastTeam = team;
    }
    const status = statusOf(result, service);
    rows.push({
      key: service,
      kind: 'service',
      name: service,
      status: status.text,
      rolledBack: status.rolledBack,
    });
  }
  const bars = result.timeline.map((s) => ({ ...s, x1: toAxis(s.startMs), x2: toAxis(s.endMs) }));
  // Back-to-back handoffs (the teams of one release train signing off in turn) share one label.
  const runs: { startMs: number; endMs: number; toTeam: string | null; count: number }[] = [];
  for (const h of result.handoffs) {
    const last = runs[runs.length - 1];
    if (last && last.endMs === h.startMs) {
      last.endMs = h.endMs;
      last.count++;
    } else runs.push({ startMs: h.startMs, endMs: h.endMs, toTeam: h.toTeam, count: 1 });
  }
  const headerOf = (team: string | null): string => {
    const key = teamKey(team);
    if (rows.some((r) => r.key === key)) return key;
    // A team that only signs off a shared service is labelled in that service's header.
    const shared = rows.find((r) => r.kind === 'team' && r.name.split(' + ').includes(team ?? ''));
    return shared?.key ?? rows[0]?.key ?? key;
  };
  const gaps = runs.map((h) => {
    const collapsed = pieces.some((p) => p.collapsed && p.a <= h.startMs && h.endMs <= p.b);
    const length = formatDuration(h.endMs - h.startMs);
    const what = h.count === 1 ? `${length} handoff` : `${h.count} handoffs, ${length}`;
    return {
      startMs: h.startMs,
      endMs: h.endMs,
      x1: toAxis(h.startMs),
      x2: toAxis(h.endMs),
      row: headerOf(h.toTeam),
      label: `${what}${collapsed ? '\n(shortened)' : ''}`,
    };
  });
  const services = rows.filter((r) => r.kind === 'service');
  const margins = {
    left: Math.max(
      96,
      ...services.map((r) => labelWidth(r.name, false) + 10),
      ...rows.filter((r) => r.kind === 'team').map((r) => labelWidth(teamLabel(r), true) + 6),
    ),
    right: Math.max(120, ...services.map((r) => labelWidth(r.status, true) + 16)),
  };
  return {
    rows,
    bars,
    gaps,
    margins,
    rollbacks: bars.filter((b) => b.phase === 'rollback').map((b) => ({ row: b.service, x: b.x1 })),
    breaks: pieces.filter((p) => p.collapsed).map((p) => ({ x1: p.u, x2: p.v })),
    ticks: axisTicks(pieces, extent, width - margins.left - margins.right),
    extent,
    toAxis,
    fromAxis: mapper(pieces, true),
  };
}

const when = (condition: boolean, marks: Plot.Markish[]): Plot.Markish[] =>
  condition ? marks : [];

/** The Gantt chart as Plot options. */
export function deployTimelinePlot(
  result: ReleaseResult,
  options: DeployTimelineOptions = {},
): Plot.PlotOptions {
  const { width = 720, cursorMs } = options;
  const data = deployTimelineData(result, options);
  const label = new Map(data.ticks.map((t) => [t.x, t.label]));
  const headers = data.rows.filter((r) => r.kind === 'team');
  const services = data.rows.filter((r) => r.kind === 'service');
  const { left: marginLeft, right: marginRight } = data.margins;
  const halo = {
    fill: 'currentColor',
    stroke: 'var(--surface)',
    strokeWidth: 4,
    paintOrder: 'stroke',
  } as const;
  return {
    width,
    height: 76 + data.rows.length * 30,
    marginLeft,
    marginRight,
    marginTop: 8,
    marginBottom: 50,
    style: { fontSize: `${TYPE_PX}px`, background: 'transparent', color: 'currentColor' },
    x: {
      domain: [0, data.extent],
      ticks: data.ticks.map((t) => t.x),
      tickFormat: (x: number) => label.get(x) ?? '',
      label: 'Time since the release began →',
      labelAnchor: 'center',
      labelOffset: 42,
      grid: true,
    },
    y: {
      domain: data.rows.map((r) => r.key),
      tickFormat: (key: string) => (key.startsWith('team:') ? '' : key),
      tickSize: 0,
      label: null,
      padding: 0.3,
    },
    color: {
      domain: [...PHASES],
      range: PHASES.map((p) => PHASE_COLOURS[p]),
      legend: true,
    },
    // Marks without data are left out, and shapes that only repeat the text (shading, dots)
    // are hidden from screen readers: the text alternative and the labels carry the meaning.
    marks: [
      ...when(data.breaks.length > 0, [
        Plot.rect(data.breaks, {
          x1: 'x1',
          x2: 'x2',
          fill: 'currentColor',
          fillOpacity: 0.05,
          ariaHidden: 'true',
        }),
        Plot.ruleX(
          data.breaks.flatMap((b) => [b.x1, b.x2]),
          {
            stroke: 'currentColor',
            strokeOpacity: 0.5,
            strokeDasharray: '3 3',
            ariaHidden: 'true',
          },
        ),
      ]),
      ...when(data.gaps.length > 0, [
        Plot.rect(data.gaps, {
          x1: 'x1',
          x2: 'x2',
          fill: 'currentColor',
          fillOpacity: 0.07,
          ariaHidden: 'true',
        }),
      ]),
      Plot.barX(data.bars, {
        x1: 'x1',
        x2: 'x2',
        y: 'service',
        fill: 'phase',
        fillOpacity: (b: TimelineBar) => (b.outcome === 'aborted' ? 0.45 : 1),
        title: (b: TimelineBar) =>
          `${b.service} ${b.phase} ${formatDuration(b.startMs)}–${formatDuration(b.endMs)}: ${b.outcome}`,
        ariaDescription: 'deploy phases',
      }),
      ...when(data.rollbacks.length > 0, [
        Plot.dot(data.rollbacks, {
          x: 'x',
          y: 'row',
          r: 6,
          fill: PHASE_COLOURS.rollback,
          stroke: 'var(--surface)',
          strokeWidth: 1.5,
          ariaHidden: 'true',
        }),
      ]),
      Plot.text(headers, {
        y: 'key',
        text: teamLabel,
        frameAnchor: 'left',
        textAnchor: 'start',
        dx: 6 - marginLeft,
        fontWeight: 650,
        ariaDescription: 'teams',
      }),
      ...when(data.gaps.length > 0, [
        Plot.text(data.gaps, {
          x: (g: TimelineGap) => (g.x1 + g.x2) / 2,
          y: 'row',
          text: 'label',
          ...halo,
          ariaDescription: 'handoff labels',
        }),
      ]),
      // Rolled-back rows in bold: two marks, because font weight is not a channel.
      ...[false, true].flatMap((rolledBack) => {
        const rows = services.filter((r) => r.rolledBack === rolledBack);
        return when(rows.length > 0, [
          Plot.text(rows, {
            y: 'key',
            text: 'status',
            frameAnchor: 'right',
            textAnchor: 'start',
            dx: 10,
            fontWeight: rolledBack ? 700 : 400,
            ariaDescription: 'status',
          }),
        ]);
      }),
      ...when(cursorMs !== undefined, [
        Plot.ruleX([data.toAxis(cursorMs ?? 0)], {
          stroke: 'var(--accent)',
          strokeWidth: 2.5,
          ariaHidden: 'true',
        }),
      ]),
    ],
  };
}

/**
 * The chart's text alternative: "Per-team release of shop-models: 10 services, 3 teams, 1 d 1 h
 * (1 handoff); canary alarm in recommendations at 1 d 1 h: 7 rolled back, 3 never started."
 * Pass the model's teams so services that never started are counted under theirs.
 */
export function describeRelease(
  result: ReleaseResult,
  change: string,
  teamsOf: Readonly<Record<string, string | null>> = {},
): string {
  const style = result.release === 'one-click' ? 'One-click' : 'Per-team';
  const fromBars = new Map(result.timeline.map((s) => [s.service, s.team]));
  // A service several teams share is passed as "checkout + fulfilment": each of them counts.
  const teams = new Set(
    result.services.flatMap((s) =>
      (teamsOf[s.service] ?? fromBars.get(s.service) ?? '').split(' + '),
    ),
  ).size;
  const head = `${style} release of ${change}: ${result.services.length} ${result.services.length === 1 ? 'service' : 'services'}, ${teams} ${teams === 1 ? 'team' : 'teams'}, ${formatDuration(result.durationMs)}`;
  const alarm = result.timeline.find((s) => s.phase === 'canary' && s.outcome === 'failed');
  const handoffs =
    result.handoffs.length === 0
      ? ''
      : ` (${result.handoffs.length} ${result.handoffs.length === 1 ? 'handoff' : 'handoffs'})`;
  if (result.outcome === 'released') return `${head}${handoffs}; every service released.`;
  const rolledBack = result.services.filter((s) => s.state === 'rolledBack').length;
  const cancelled = result.services.filter((s) => s.state === 'cancelled').length;
  // A bad deploy the canary missed raises its alarm in the rollout (`result.alarm` says where).
  const missed = result.alarm?.phase === 'rollout' ? result.alarm : undefined;
  const cause = alarm
    ? `canary alarm in ${alarm.service} at ${formatDuration(alarm.endMs)}`
    : missed
      ? `rollout alarm in ${missed.service} at ${formatDuration(missed.atMs)} (its canary missed it)`
      : 'a failure';
  const failed = result.outcome === 'failed' ? '; a rollback failed and needs a person' : '';
  return `${head}${handoffs}; ${cause}: ${rolledBack} rolled back, ${cancelled} never started${failed}.`;
}

/**
 * What the bad versions cost the users, for the sentence under the chart: "The bad version of
 * recommendations served at most 5% of its traffic: as many requests as recommendations gets in
 * 12 s." Empty when no bad deploy went live.
 */
export function describeExposure(result: ReleaseResult): string {
  return result.exposure
    .map((e) => {
      const peak = `${Math.round(e.peakShare * 1000) / 10}%`;
      return `The bad version of ${e.service} served at most ${peak} of its traffic: as many requests as ${e.service} gets in ${formatDuration(e.fullTrafficMs)}.`;
    })
    .join(' ');
}
