/**
 * Turns a finished (or interrupted) simulation into the v1 report. Runs once, at the end: sorts
 * the successful latencies per endpoint for exact percentiles and divides busy slot-time by
 * available slot-time for utilisation.
 */
import type { Simulation } from '../engine/simulation.ts';
import type { WorkflowLog } from '../engine/workflow.ts';
import { batchNoise } from './noise.ts';
import { summarise } from './samples.ts';
import { buildTimeline } from './timeline.ts';
import type {
  BreakerReport,
  BulkheadReport,
  DatastoreReport,
  EndpointReport,
  EventReport,
  Report,
  RetryBudgetReport,
  ServiceReport,
  SideEffectCounts,
  SideEffectsReport,
  WorkflowReport,
} from './types.ts';

export interface BuildReportOptions {
  /** The run was cut short (aborted or over budget). */
  readonly partial: boolean;
  /** Wall-clock milliseconds the run took. */
  readonly wallMs: number;
}

export function buildReport(sim: Simulation, { partial, wallMs }: BuildReportOptions): Report {
  const compiled = sim.compiled;
  const end = partial ? sim.now : sim.lastActive;

  // The log kept each endpoint's successful latencies (and, with several endpoints, all of them)
  // in finishing order; from here on they are reordered in place, so a report is built once.
  const log = sim.log;
  const latencies = log.successes.map((buffer) => buffer.view());
  const succeededPer = latencies.map((l) => l.length);
  const failedPer = log.failures;
  // With one endpoint its successes are all the successes: no second copy for the overall noise.
  const inOrder = log.allSuccesses === null ? null : log.allSuccesses.view();
  // Noise needs the successes in finishing order, so it goes before anything reorders them.
  const endpointNoise = latencies.map((l) => batchNoise(l));
  const overallNoise = inOrder === null ? (endpointNoise[0] ?? null) : batchNoise(inOrder);
  // The timeline first: with one endpoint, its successes in log order are the timeline's input
  // (reordered only within buckets, which changes no summary below).
  const timeline = buildTimeline(sim, end, inOrder ?? (latencies[0] as Float64Array));

  // Overall latencies: all endpoints' together, summarised first (with the CDF). When a single
  // endpoint has successes, its summary is the overall one: no copy, no second pass.
  const nonEmpty = latencies.filter((l) => l.length > 0);
  const overallLatency = summarise(
    nonEmpty.length === 1 ? (nonEmpty[0] as Float64Array) : (inOrder ?? concat(latencies)),
    true,
  );
  const summaryOf = (l: Float64Array) =>
    nonEmpty.length === 1 && l === nonEmpty[0] ? overallLatency.summary : summarise(l);

  const endpoints: Record<string, EndpointReport> = {};
  let succeeded = 0;
  let failed = 0;
  compiled.endpoints.forEach((endpoint, e) => {
    const requests = sim.arrivedPerEndpoint[e];
    const ok = succeededPer[e];
    // In a complete run every request has an outcome: those never answered failed.
    const bad = partial ? failedPer[e] : requests - ok;
    succeeded += ok;
    failed += bad;
    const flows = sim.workflows;
    endpoints[endpoint.name] = {
      requests,
      succeeded: ok,
      failed: bad,
      availability: availability(ok, bad),
      latencyMs: summaryOf(latencies[e]),
      noise: endpointNoise[e] ?? null,
      ...(flows !== null ? { workflow: workflowOf(flows, e) } : {}),
    };
  });

  // Breakers: bring each up to the end (a cooldown over by then ends at its own time), then the
  // open time per callee as the union of every caller's open intervals.
  const breakers: BreakerReport[] = [];
  const openIntervals = new Map<string, [number, number][]>();
  for (const link of compiled.links) {
    const breaker = link.breaker;
    if (breaker === null) continue;
    const openMs = breaker.openMs(end);
    breakers.push({
      caller: link.caller,
      callee: link.callee,
      openMs: round(openMs, 3),
      rejected: link.shed,
      transitions: breaker.transitions.map((t) => ({
        atMs: round(t.atMs, 3),
        from: t.from,
        to: t.to,
      })),
    });
    const list = openIntervals.get(link.callee) ?? [];
    openIntervals.set(link.callee, list);
    let openedAt = -1;
    for (const t of breaker.transitions) {
      if (t.to === 'open') openedAt = t.atMs;
      else if (t.from === 'open') list.push([openedAt, t.atMs]);
    }
    if (breaker.state(end) === 'open') list.push([openedAt, end]);
  }
  const retryBudgets: RetryBudgetReport[] = [];
  for (const link of compiled.links) {
    const budget = link.budget;
    if (budget === null) continue;
    retryBudgets.push({
      caller: link.caller,
      callee: link.callee,
      budget: link.budgetShare,
      firstAttempts: budget.firstAttempts,
      retries: budget.retries,
      denied: budget.denied,
    });
  }

  const bulkheads: BulkheadReport[] = [];
  for (const link of compiled.links) {
    if (!Number.isFinite(link.bulkhead)) continue;
    bulkheads.push({
      caller: link.caller,
      callee: link.callee,
      limit: link.bulkhead,
      maxInFlight: link.maxInBulkhead,
      rejected: link.bulkheadRejected,
    });
  }

  const services: Record<string, ServiceReport> = {};
  const perRequest = (ms: number) => (sim.arrived > 0 ? round(ms / sim.arrived, 6) : 0);
  let totalCores: number | null = 0;
  let totalCpuMs = 0;
  let hedges = 0;
  for (const s of compiled.services) {
    hedges += s.hedges;
    let busy = 0;
    let slots = 0;
    let maxQueue = 0;
    let cpuMs = 0;
    for (const replica of s.replicas) {
      busy += replica.busyTime(end);
      slots += replica.capacity;
      if (replica.maxQueue > maxQueue) maxQueue = replica.maxQueue;
    }
    for (const pool of s.cores) cpuMs += pool.busyTime;
    const cores = Number.isFinite(s.cpus) ? s.cpus * s.replicas.length : null;
    totalCores = cores === null || totalCores === null ? null : totalCores + cores;
    totalCpuMs += cpuMs;
    services[s.name] = {
      attempts: s.attempts,
      retries: s.retries,
      hedges: s.hedges,
      hedgeWins: s.hedgeWins,
      rejected: s.rejected,
      timeouts: s.timeouts,
      errors: s.errors,
      utilization: utilization(busy, slots, end),
      cores,
      cpuUtilization: cores === null ? null : utilization(cpuMs, cores, end),
      coreMsPerRequest: perRequest(cpuMs),
      networkErrors: s.networkErrors,
      maxQueue,
      breakerOpenMs: round(unionLength(openIntervals.get(s.name) ?? []), 3),
      ...(s.crashable ? { crashes: s.crashes, restarts: s.restarts, stopped: s.stopped } : {}),
    };
  }

  const datastores: Record<string, DatastoreReport> = {};
  for (const d of compiled.datastores) {
    datastores[d.name] = {
      queries: d.queries,
      rejected: d.rejected,
      errors: d.errors,
      utilization: utilization(d.pool.busyTime(end), d.pool.capacity, end),
      timeouts: d.timeouts,
      maxQueue: d.pool.maxQueue,
      networkErrors: d.networkErrors,
    };
  }

  const events: Record<string, EventReport> = {};
  for (const ev of compiled.events) {
    events[ev.name] = {
      published: ev.published,
      delivered: ev.delivered,
      duplicates: ev.duplicates,
      deadLettered: ev.deadLettered,
      lost: ev.lost,
      lagMs: summarise(ev.lags.view()),
    };
  }

  return {
    name: sim.model.name,
    seed: sim.seed,
    requests: sim.arrived,
    simulatedMs: round(end, 3),
    eventCount: sim.events,
    wallMs: round(wallMs, 1),
    partial,
    syncCallsPerRequest: sim.arrived > 0 ? round(sim.remoteServiceCalls / sim.arrived, 6) : 0,
    overall: {
      requests: sim.arrived,
      succeeded,
      failed,
      unfinished: sim.inFlight,
      availability: availability(succeeded, failed),
      throughputPerSecond: end > 0 ? round((succeeded * 1000) / end, 3) : 0,
      latencyMs: overallLatency.summary,
      latencyCdf: overallLatency.cdf,
      noise: overallNoise,
      cores: totalCores,
      coreMsPerRequest: perRequest(totalCpuMs),
      networkErrors: sim.networkErrors,
      hedges,
    },
    endpoints,
    services,
    datastores,
    events,
    timeline,
    breakers,
    retryBudgets,
    bulkheads,
    ...(compiled.tracksEffects ? { sideEffects: sideEffectsOf(sim) } : {}),
  };
}

function workflowOf(flows: WorkflowLog, e: number): WorkflowReport {
  return {
    requests: flows.requests[e],
    done: flows.done[e],
    failed: flows.failed[e],
    failedAfterEffects: flows.failedAfterEffects[e],
    halfDone: flows.halfDone[e],
    inFlight: flows.waiting[e],
    completionMs: summarise(flows.completion[e].view()),
  };
}

function sideEffectsOf(sim: Simulation): SideEffectsReport {
  const byOperation: Record<string, SideEffectCounts> = {};
  let written = 0;
  let duplicates = 0;
  let deduplicated = 0;
  for (const op of sim.compiled.operations.values()) {
    if (!op.sideEffect) continue;
    byOperation[op.key] = {
      written: op.effectsWritten,
      duplicates: op.effectDuplicates,
      deduplicated: op.effectsDeduplicated,
    };
    written += op.effectsWritten;
    duplicates += op.effectDuplicates;
    deduplicated += op.effectsDeduplicated;
  }
  return { written, duplicates, deduplicated, byOperation };
}

/** Total length covered by the intervals [from, to) (which it sorts): overlaps count once. */
function unionLength(intervals: [number, number][]): number {
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [from, to] of intervals) {
    const start = Math.max(from, reach);
    if (to > start) total += to - start;
    if (to > reach) reach = to;
  }
  return total;
}

/** One array holding all of `parts`. */
function concat(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

function availability(succeeded: number, failed: number): number {
  const total = succeeded + failed;
  return total === 0 ? 1 : succeeded / total;
}

function utilization(busySlotMs: number, slots: number, end: number): number {
  return end > 0 && slots > 0 ? round(busySlotMs / (slots * end), 6) : 0;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
