/**
 * One request as a waterfall: a bar per span (the request's own run, each call copy, each query),
 * indented under its caller, from when it started to when it ended, split into where its time went
 * (waiting for a slot or a core, CPU, network, waiting for its own calls). The engine reports each
 * part as a total, not as moments in time, so the segments show shares of the bar in a fixed order
 * (queue, CPU, network, waiting), not the order things happened. A copy the caller stopped waiting
 * for (a losing hedge, a timeout) keeps its bar to when its answer came anyway, outlined.
 */
import * as Plot from '@observablehq/plot';
import type { RequestTrace, TracePick, TraceSpan } from '../../simulations/report/types.ts';
import { formatMs } from './format.ts';

/** Where time goes, in the order the segments are drawn. */
export const TRACE_PARTS = ['queue', 'CPU', 'network', 'waiting'] as const;
export type TracePart = (typeof TRACE_PARTS)[number];

/** Okabe–Ito hues, as elsewhere: distinguishable with the common colour-vision deficiencies. */
export const TRACE_COLOURS: Readonly<Record<TracePart, string>> = {
  queue: '#E69F00',
  CPU: '#0072B2',
  network: '#56B4E9',
  waiting: '#999999',
};

export const PICK_LABELS: Readonly<Record<TracePick, string>> = {
  p50: 'median (p50)',
  p99: '99th percentile',
  max: 'slowest',
};

export interface TraceSegment {
  readonly span: number;
  readonly part: TracePart;
  readonly x1: number;
  readonly x2: number;
}

/** The trace of `endpoint` picked as `pick`, if the report has one. */
export function findTrace(
  traces: readonly RequestTrace[] | undefined,
  endpoint: string,
  pick: TracePick,
): RequestTrace | undefined {
  return traces?.find((t) => t.endpoint === endpoint && t.picks.includes(pick));
}

/** How deep each span sits under the request's own run (0). */
export function depths(spans: readonly TraceSpan[]): number[] {
  const out: number[] = [];
  for (const s of spans) out.push(s.parent < 0 ? 0 : (out[s.parent] ?? 0) + 1);
  return out;
}

/** The row label of a span: what ran, and which copy it was. */
export function spanLabel(span: TraceSpan): string {
  const what =
    span.kind === 'query' ? `${span.service} query` : `${span.service}.${span.operation}`;
  const notes: string[] = [];
  if (span.attempt > 1) notes.push(`retry ${span.attempt - 1}`);
  if (span.hedge) notes.push('hedge');
  return notes.length > 0 ? `${what} (${notes.join(', ')})` : what;
}

/** The segments of every span, laid end to end from its start; they add up to its length. */
export function traceSegments(trace: RequestTrace): TraceSegment[] {
  const out: TraceSegment[] = [];
  for (const s of trace.spans) {
    const parts: Record<TracePart, number> = {
      queue: s.queueMs,
      CPU: s.cpuMs,
      network: s.networkMs,
      waiting: s.waitMs,
    };
    let at = s.startMs;
    for (const part of TRACE_PARTS) {
      const d = Math.min(parts[part], s.endMs - at);
      if (d <= 0) continue;
      out.push({ span: s.id, part, x1: at, x2: at + d });
      at += d;
    }
  }
  return out;
}

/** Totals per part over the whole request (every span's own time; waiting excluded, it nests). */
export function traceTotals(trace: RequestTrace): Record<Exclude<TracePart, 'waiting'>, number> {
  let queue = 0;
  let cpu = 0;
  let network = 0;
  for (const s of trace.spans) {
    queue += s.queueMs;
    cpu += s.cpuMs;
    network += s.networkMs;
  }
  return { queue, CPU: cpu, network };
}

/** One paragraph saying where the request's time went, for readers and screen readers. */
export function describeTrace(trace: RequestTrace, pick: TracePick): string {
  const spans = trace.spans;
  const totals = traceTotals(trace);
  const children = spans.filter((s) => s.parent >= 0);
  const longest = children.reduce<TraceSpan | undefined>(
    (best, s) => (best === undefined || s.endMs - s.startMs > best.endMs - best.startMs ? s : best),
    undefined,
  );
  const mostly = (s: TraceSpan) => {
    const own: [string, number][] = [
      ['waiting for a slot or a core', s.queueMs],
      ['on the CPU', s.cpuMs],
      ['on the network', s.networkMs],
      ['waiting for its own calls', s.waitMs],
    ];
    own.sort((a, b) => b[1] - a[1]);
    return own[0]?.[0] ?? '';
  };
  const parts = [
    `The ${PICK_LABELS[pick]} ${trace.endpoint} request took ${formatMs(trace.latencyMs)} over ${spans.length} span${spans.length === 1 ? '' : 's'}.`,
    `All spans together spent ${formatMs(totals.queue)} queueing, ${formatMs(totals.CPU)} on the CPU and ${formatMs(totals.network)} on the network.`,
  ];
  if (longest !== undefined) {
    parts.push(
      `The longest call was ${spanLabel(longest)}: ${formatMs(longest.endMs - longest.startMs)}, mostly ${mostly(longest)}.`,
    );
  }
  // Where the time was actually spent: the span with the most time of its own (not waiting).
  const own = (s: TraceSpan) => s.queueMs + s.cpuMs + s.networkMs;
  const busiest = spans.reduce<TraceSpan | undefined>(
    (best, s) => (best === undefined || own(s) > own(best) ? s : best),
    undefined,
  );
  if (busiest !== undefined && busiest !== longest && own(busiest) > 0) {
    parts.push(
      `The most time of its own went to ${spanLabel(busiest)}: ${formatMs(own(busiest))}, mostly ${mostly(busiest)}.`,
    );
  }
  const ignored = spans.filter((s) => s.outcome === 'ignored').length;
  const hedges = spans.filter((s) => s.hedge).length;
  if (hedges > 0) {
    parts.push(
      `${hedges} hedge cop${hedges === 1 ? 'y was' : 'ies were'} sent; ${ignored} cop${ignored === 1 ? 'y' : 'ies'} lost the race and kept working unheard.`,
    );
  }
  const timeouts = spans.filter((s) => s.outcome === 'timeout').length;
  if (timeouts > 0) parts.push(`${timeouts} attempt${timeouts === 1 ? '' : 's'} timed out.`);
  return parts.join(' ');
}

export interface TracePlotOptions {
  readonly width?: number;
}

/** Plot options for the waterfall of one trace. */
export function tracePlot(
  trace: RequestTrace,
  { width = 760 }: TracePlotOptions = {},
): Plot.PlotOptions {
  const spans = trace.spans;
  const depth = depths(spans);
  // No-break spaces: SVG text collapses ordinary leading spaces, and the indent is the nesting.
  const labels = spans.map(
    (s, i) => `${'\u00a0\u00a0\u00a0'.repeat(Math.min(depth[i] ?? 0, 6))}${spanLabel(s)}`,
  );
  const ids = spans.map((s) => s.id);
  const abandoned = spans.filter((s) => s.outcome !== 'ok');
  // Long traces get tighter rows so they stay on a projected screen.
  const rowHeight = spans.length > 14 ? 20 : 26;
  const end = Math.max(trace.latencyMs, ...spans.map((s) => s.endMs));
  const marginLeft = Math.min(320, 16 + 7.5 * Math.max(...labels.map((l) => l.length)));
  return {
    width,
    height: Math.max(120, spans.length * rowHeight + 70),
    marginLeft,
    marginRight: 80,
    marginBottom: 44,
    style: { fontSize: '13px', background: 'transparent', color: 'currentColor' },
    x: { label: 'Time since the request arrived (ms) →', grid: true, domain: [0, end], nice: true },
    y: { domain: ids, label: null },
    color: {
      domain: [...TRACE_PARTS],
      range: TRACE_PARTS.map((p) => TRACE_COLOURS[p]),
      legend: true,
    },
    marks: [
      // Labels aligned left, so the indent shows who called whom.
      Plot.axisY({
        tickFormat: (id: number) => labels[id] ?? '',
        tickSize: 0,
        textAnchor: 'start',
        dx: -(marginLeft - 4),
      }),
      // Each span's whole extent, outlined: what is not coloured is time after its caller left.
      Plot.barX(spans, {
        y: 'id',
        x1: 'startMs',
        x2: 'endMs',
        fill: 'none',
        stroke: 'currentColor',
        strokeOpacity: 0.5,
        inset: 2,
      }),
      Plot.barX(traceSegments(trace), {
        y: 'span',
        x1: 'x1',
        x2: 'x2',
        fill: 'part',
        inset: 3,
        title: (d: TraceSegment) => `${d.part}: ${formatMs(d.x2 - d.x1)}`,
      }),
      // The request's end, where the reader's wait stopped.
      Plot.ruleX([trace.latencyMs], { stroke: 'currentColor', strokeDasharray: '4 3' }),
      Plot.text(abandoned, {
        y: 'id',
        x: 'endMs',
        text: 'outcome',
        dx: 6,
        textAnchor: 'start',
        fill: 'currentColor',
        fontSize: 12,
      }),
    ],
  };
}
