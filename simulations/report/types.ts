/**
 * The simulation report, v1 (topology spec, "The report"). All times are in milliseconds of
 * simulated time, except `wallMs`. `latencyMs` summaries are over successful requests only.
 *
 * Additions to the spec, documented here: `partial`, `eventCount` (the spec's example uses the key
 * `events` twice, for the number of simulated events and for the per-event section; a JSON object
 * can hold only one, so the section keeps `events` and the count is `eventCount`),
 * `overall.requests`, `overall.unfinished` and `overall.latencyCdf`, `datastores.*.timeouts` and `.maxQueue`,
 * `events.*.lost`, and `syncCallsPerRequest`. The resilience work adds `breakers` and
 * `retryBudgets` (one entry per caller → callee pair that has one) and fills in
 * `services.*.breakerOpenMs` and `timeline`.
 */

import type { SimulatedBlastRadius } from '../analyses/simulatedBlastRadius.ts';
import type { BlastRadius, DeployAnalysis, Scorecard } from '../analyses/types.ts';
import type { LatencyCdf, LatencySummary } from './samples.ts';

export type { LatencyCdf, LatencySummary } from './samples.ts';

export interface OverallReport {
  /** Addition: user requests (equal to the report's `requests`). */
  readonly requests: number;
  readonly succeeded: number;
  /** Requests answered with a failure, plus (in a complete run) those never answered. */
  readonly failed: number;
  /**
   * Addition: requests without an answer when the run ended. In a complete run they hang forever
   * (a `hang` fault without a timeout) and count as failed; in a partial run they were cut off and
   * count as neither succeeded nor failed.
   */
  readonly unfinished: number;
  /** succeeded / (succeeded + failed); 1 when there were none. */
  readonly availability: number;
  /** Addition: successful requests per second of simulated time (goodput). */
  readonly throughputPerSecond: number;
  readonly latencyMs: LatencySummary;
  /** Addition: quantiles of successful latencies at every percent and in the tail, for CDFs. */
  readonly latencyCdf?: LatencyCdf;
  /** Addition: standard errors of p50 and p99 by batch means (null with too few successes). */
  readonly noise: LatencyNoise | null;
  /** Addition: cores provisioned, Σ replicas × cpus (null when a service's cores are unbounded). */
  readonly cores: number | null;
  /** Addition: CPU milliseconds spent per user request, all services together (the cost). */
  readonly coreMsPerRequest: number;
  /** Addition: remote hops lost to network errors (`network.errorRate`). */
  readonly networkErrors: number;
  /** Addition: extra copies sent by hedged calls, all services together (see `services.*.hedges`). */
  readonly hedges: number;
}

/**
 * Standard errors of the latency percentiles, by batch means: the successful requests, in the
 * order they finished, cut into 10 batches; the percentile of each batch; their standard deviation
 * over √10. Two figures differ beyond noise when they differ by more than about twice the root of
 * the sum of their squared errors.
 */
export interface LatencyNoise {
  readonly p50: number;
  readonly p99: number;
}

export interface EndpointReport {
  readonly requests: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly availability: number;
  readonly latencyMs: LatencySummary;
  /** Addition: standard errors of p50 and p99 by batch means (null with too few successes). */
  readonly noise: LatencyNoise | null;
  /** Addition: the asynchronous work its requests started; present when the model has events. */
  readonly workflow?: WorkflowReport;
}

/**
 * Addition: what became of the work user requests started, across chained events. Every answered
 * request is in exactly one of `done`, `failed`, `halfDone` and `inFlight`.
 */
export interface WorkflowReport {
  /** Answered requests. */
  readonly requests: number;
  /** Answered OK, and every delivery they started (and those started by their consumers) succeeded. */
  readonly done: number;
  /** The request itself failed: its user saw the failure. */
  readonly failed: number;
  /** Of `failed`: a side effect was written for it anyway (work to compensate). */
  readonly failedAfterEffects: number;
  /** Answered OK, but a delivery was dead-lettered or dropped: nobody saw the chain stop. */
  readonly halfDone: number;
  /** Answered OK, with deliveries still out when the run ended. */
  readonly inFlight: number;
  /** Of `done`: ms from the request's arrival until its last delivery succeeded. */
  readonly completionMs: LatencySummary;
}

/** Addition: side effects of `sideEffect` operations (`report.sideEffects.byOperation`). */
export interface SideEffectCounts {
  /** Effects written, repeats included (a card charged twice counts 2). */
  readonly written: number;
  /** Writes that repeated an effect already written for the same work. */
  readonly duplicates: number;
  /** Repeats an idempotency key or an idempotent consumer caught (nothing written). */
  readonly deduplicated: number;
}

export interface SideEffectsReport extends SideEffectCounts {
  /** Per `service.operation` with `sideEffect: true`. */
  readonly byOperation: Readonly<Record<string, SideEffectCounts>>;
}

export interface ServiceReport {
  /** Every attempt the service received, retries, user requests and deliveries included. */
  readonly attempts: number;
  /** Attempts that were retries (of a call) or redeliveries (of an event). */
  readonly retries: number;
  /**
   * Addition: extra copies callers sent here by hedging (each also counts in `attempts`, as a
   * first attempt: a hedge is not a retry). hedges / attempts is the extra load hedging costs.
   */
  readonly hedges: number;
  /** Addition: hedged attempts whose winning answer came from an extra copy, not the first. */
  readonly hedgeWins: number;
  /** Attempts refused because the chosen replica's queue was full. */
  readonly rejected: number;
  /** Attempts whose caller gave up waiting (the service may still have worked on them). */
  readonly timeouts: number;
  /** Attempts that failed: own errors, faults, failed steps. */
  readonly errors: number;
  /** Share of slot-time in use: busy slot-ms / (replicas × concurrency × simulatedMs). */
  readonly utilization: number;
  /** Addition: cores provisioned, replicas × cpus (null when unbounded). */
  readonly cores: number | null;
  /** Addition: share of core-time in use, CPU-ms / (cores × simulatedMs) (null when unbounded). */
  readonly cpuUtilization: number | null;
  /** Addition: CPU milliseconds this service spent per user request (work and message overhead). */
  readonly coreMsPerRequest: number;
  /** Addition: attempts towards this service lost on the network. */
  readonly networkErrors: number;
  /** The longest queue any one replica had (queues are per replica). */
  readonly maxQueue: number;
  /**
   * Time during which at least one breaker towards this service was open (the union of the open
   * intervals of all callers' breakers, not their sum; half-open time not included).
   */
  readonly breakerOpenMs: number;
  /** Addition, present when the service can crash: replicas that crashed (a crash fault: 1). */
  readonly crashes?: number;
  /** Addition, present when the service can crash: restarts its supervisor made. */
  readonly restarts?: number;
  /** Addition, present when the service can crash: its supervisor gave up, the service stopped. */
  readonly stopped?: boolean;
}

export interface DatastoreReport {
  readonly queries: number;
  readonly rejected: number;
  readonly errors: number;
  readonly utilization: number;
  /** Addition: queries whose caller gave up waiting. */
  readonly timeouts: number;
  /** Addition: the longest queue of waiting queries. */
  readonly maxQueue: number;
  /** Addition: queries lost on the network. */
  readonly networkErrors: number;
}

export interface EventReport {
  readonly published: number;
  /** Deliveries whose consumer succeeded, once per event and consumer. */
  readonly delivered: number;
  /** Deliveries made twice (at-least-once). */
  readonly duplicates: number;
  /** Deliveries given up after the last redelivery. */
  readonly deadLettered: number;
  /** Addition: at-most-once deliveries whose consumer failed (dropped). */
  readonly lost: number;
  /** From publish to the consumer's success, over delivered events. */
  readonly lagMs: LatencySummary;
}

/** A breaker state, as the machine names it. */
export type BreakerStateName = 'closed' | 'open' | 'halfOpen';

/**
 * Addition: the circuit breaker one calling service keeps for one called service, so a figure can
 * replay it. A breaker starts closed; `transitions` lists every change, in order (a cooldown that
 * ended before the run did is listed at the moment it ended).
 */
export interface BreakerReport {
  readonly caller: string;
  readonly callee: string;
  /** Time spent open (half-open not included). */
  readonly openMs: number;
  /** Attempts shed: failed at once without reaching the callee. */
  readonly rejected: number;
  readonly transitions: readonly {
    readonly atMs: number;
    readonly from: BreakerStateName;
    readonly to: BreakerStateName;
  }[];
}

/**
 * Addition: the retry budget of one caller → callee pair (token bucket: each first attempt earns
 * `budget` of a token, each retry spends a whole one; at most max(1, 100 × budget) tokens saved).
 */
export interface RetryBudgetReport {
  readonly caller: string;
  /** Called service or datastore. */
  readonly callee: string;
  readonly budget: number;
  /** First attempts of the steps under the budget. */
  readonly firstAttempts: number;
  /** Retries let through. */
  readonly retries: number;
  /** Retries refused for want of a token (each failed its call). */
  readonly denied: number;
}

/** One slice of simulated time (resilience work; see `timeline.ts` for the width rule). */
export interface TimelineBucket {
  readonly startMs: number;
  /** User requests arriving. */
  readonly requests: number;
  /** Requests that finished in the bucket, successfully or not. */
  readonly succeeded: number;
  readonly failed: number;
  /** Latency percentiles of the requests that succeeded in the bucket (0 when none did). */
  readonly p50: number;
  readonly p99: number;
  /** Attempts per service, retries included. */
  readonly attempts: Readonly<Record<string, number>>;
}

/** Why a request was traced: its endpoint's median, 99th percentile or slowest success. */
export type TracePick = 'p50' | 'p99' | 'max';

/**
 * Addition: one span of a traced request: one run of an operation or one query attempt. Times are
 * ms from the request's arrival. `queueMs + cpuMs + networkMs + waitMs` is the span's length
 * (`endMs − startMs`) up to rounding, except that the own `work` of `parallel` branches is left in
 * the parent's `waitMs`, and a copy the caller stopped waiting for ends when its answer arrived
 * anyway (or, never answered, when the caller gave up). See `../engine/trace.ts`.
 */
export interface TraceSpan {
  /** Index in the trace's `spans`; the request's own run is 0. */
  readonly id: number;
  /** The span that made this call or query (−1 for the request's own run). */
  readonly parent: number;
  readonly kind: 'operation' | 'query';
  /** Service, or datastore for a query. */
  readonly service: string;
  /** Operation ('' for a query). */
  readonly operation: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: 'ok' | 'error' | 'rejected' | 'timeout' | 'ignored' | 'unanswered';
  /** Attempt number of the call (1 = first; 0 for the request's own run and in-process runs). */
  readonly attempt: number;
  /** An extra copy sent by hedging. */
  readonly hedge: boolean;
  /** Waiting for a thread slot or a core. */
  readonly queueMs: number;
  /** Own work and message overhead (a datastore's work, for a query). */
  readonly cpuMs: number;
  /** Both one-way trips of a remote hop. */
  readonly networkMs: number;
  /** Waiting for its own calls, queries and parallel steps (retry backoff included). */
  readonly waitMs: number;
}

/** Addition: the spans of one user request, recorded by replaying the run (see FORMAT.md). */
export interface RequestTrace {
  readonly endpoint: string;
  /** Why it was chosen (a request can be, say, both the p99 and the slowest). */
  readonly picks: readonly TracePick[];
  readonly arrivedAtMs: number;
  readonly latencyMs: number;
  /** True when spans were dropped past the cap of spans per trace. */
  readonly truncated: boolean;
  readonly spans: readonly TraceSpan[];
}

export interface Report {
  readonly name: string;
  readonly seed: number;
  /** User requests that arrived (all of them, unless the run is partial). */
  readonly requests: number;
  /** Simulated time from 0 to the last event that did something. */
  readonly simulatedMs: number;
  /** Addition (see above): simulated events fired. */
  readonly eventCount: number;
  /** Wall-clock time of the run; the only field that differs between identical runs. */
  readonly wallMs: number;
  /** Addition: true when the run was aborted or over its time budget. */
  readonly partial: boolean;
  /**
   * Addition: synchronous remote service-to-service attempts per user request (retries and fan-out
   * copies included; in-process calls and queries not): the measured chattiness.
   */
  readonly syncCallsPerRequest: number;
  readonly overall: OverallReport;
  readonly endpoints: Readonly<Record<string, EndpointReport>>;
  readonly services: Readonly<Record<string, ServiceReport>>;
  readonly datastores: Readonly<Record<string, DatastoreReport>>;
  readonly events: Readonly<Record<string, EventReport>>;
  /** From the analyses, when they ran. */
  readonly blastRadius?: BlastRadius;
  /**
   * Addition: every component down, hanging and slow, when the report was composed with the
   * simulated blast radius (`simulateWithAnalyses`, `check`); see FORMAT.md, "Blast radius".
   */
  readonly simulatedBlastRadius?: SimulatedBlastRadius;
  readonly deploy?: DeployAnalysis;
  readonly scorecard?: Scorecard;
  /** Resilience work: load, outcomes, latency and attempts over time (at most 200 buckets). */
  readonly timeline?: readonly TimelineBucket[];
  /** Addition (resilience work): every circuit breaker, in the order the model declares them. */
  readonly breakers?: readonly BreakerReport[];
  /** Addition (resilience work): every retry budget, in the order the model declares them. */
  readonly retryBudgets?: readonly RetryBudgetReport[];
  /**
   * Addition, with `simulate(model, { traces: true })` on a complete run: each endpoint's p50, p99
   * and slowest successful request, span by span, in endpoint order.
   */
  readonly traces?: readonly RequestTrace[];
  /** Addition: every bulkhead (one per caller → callee pair that declares one), in model order. */
  readonly bulkheads?: readonly BulkheadReport[];
  /** Addition: side effects written and repeated; present when an operation has `sideEffect`. */
  readonly sideEffects?: SideEffectsReport;
}

/** Addition: a bulkhead, the cap on one calling service's attempts in flight to one callee. */
export interface BulkheadReport {
  readonly caller: string;
  readonly callee: string;
  readonly limit: number;
  /** The most attempts in flight at once. */
  readonly maxInFlight: number;
  /** Attempts refused because it was full (each failed its call at once). */
  readonly rejected: number;
}
