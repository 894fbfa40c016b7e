/**
 * The `traces` section: which requests to trace, and their spans as the report shows them.
 *
 * Tracing takes two passes over the same model and seed (`../engine/trace.ts`): the first, the
 * ordinary run, leaves its request log; `pickTraces` finds in it each endpoint's successful
 * requests at the p50 and p99 ranks (nearest rank, as the report's percentiles) and the slowest,
 * and names them by arrival time; the second pass records only those. Memory is bounded by the
 * picks: at most three requests per endpoint, each capped at `MAX_SPANS` spans, whatever the
 * length of the run. Time is about twice a plain run's, plus a sort of each endpoint's successes.
 */
import type { Simulation } from '../engine/simulation.ts';
import type { Span, Tracer } from '../engine/trace.ts';
import type { RequestLog } from './requestLog.ts';
import { rankOf, roundMs } from './samples.ts';
import type { RequestTrace, TracePick, TraceSpan } from './types.ts';

/** A request to trace: its endpoint, arrival time, latency and why it was picked. */
export interface TraceTarget {
  readonly endpoint: number;
  readonly arrivedAt: number;
  readonly latency: number;
  readonly picks: TracePick[];
}

/** Each endpoint's p50, p99 and slowest success in `log`, in endpoint order then pick order. */
export function pickTraces(log: RequestLog, endpoints: number): TraceTarget[] {
  const per: number[][] = Array.from({ length: endpoints }, () => []);
  for (let i = 0; i < log.length; i++) {
    const s = log.status[i];
    if (s & 1) per[s >> 1].push(i);
  }
  const targets: TraceTarget[] = [];
  for (let e = 0; e < endpoints; e++) {
    const ids = per[e];
    if (ids.length === 0) continue;
    // Ties by log order, so the pick is deterministic.
    ids.sort((a, b) => log.latency[a] - log.latency[b] || a - b);
    const chosen: [TracePick, number][] = [
      ['p50', ids[rankOf(0.5, ids.length)]],
      ['p99', ids[rankOf(0.99, ids.length)]],
      ['max', ids[ids.length - 1]],
    ];
    const byId = new Map<number, TraceTarget>();
    for (const [pick, i] of chosen) {
      const known = byId.get(i);
      if (known) known.picks.push(pick);
      else {
        const target = {
          endpoint: e,
          arrivedAt: log.arrivedAt[i],
          latency: log.latency[i],
          picks: [pick],
        };
        byId.set(i, target);
        targets.push(target);
      }
    }
  }
  return targets;
}

/** The report's traces from the second pass, in the order of `targets`. */
export function buildTraces(
  sim: Simulation,
  tracer: Tracer,
  targets: readonly TraceTarget[],
): RequestTrace[] {
  const names = sim.compiled.endpoints.map((e) => e.name);
  const end = sim.lastActive;
  const out: RequestTrace[] = [];
  for (const target of targets) {
    const trace = tracer.traces.find(
      (t) => t.arrivedAt === target.arrivedAt && t.endpoint === target.endpoint,
    );
    if (trace === undefined) continue; // cannot happen: the second pass replays the first
    const at = trace.arrivedAt;
    out.push({
      endpoint: names[target.endpoint],
      picks: target.picks,
      arrivedAtMs: roundMs(at),
      latencyMs: roundMs(target.latency),
      truncated: trace.truncated,
      spans: trace.spans.map((span) => spanReport(span, at, end)),
    });
  }
  return out;
}

function spanReport(span: Span, at: number, end: number): TraceSpan {
  // A span still open when nothing was left to happen (a hang) lasts to the end of the run.
  const finished = Number.isNaN(span.end) ? end : span.end;
  return {
    id: span.id,
    parent: span.parent,
    kind: span.kind,
    service: span.service,
    operation: span.operation,
    startMs: roundMs(span.start - at),
    endMs: roundMs(finished - at),
    outcome: span.outcome,
    attempt: span.attempt,
    hedge: span.hedge,
    queueMs: roundMs(span.queue),
    cpuMs: roundMs(span.cpu),
    networkMs: roundMs(span.network),
    waitMs: roundMs(span.wait),
  };
}
