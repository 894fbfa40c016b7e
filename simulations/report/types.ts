/**
 * The simulation report, v1 (topology spec, "The report"). All times are in milliseconds of
 * simulated time, except `wallMs`. `latencyMs` summaries are over successful requests only.
 *
 * Additions to the spec, documented here: `partial`, `eventCount` (the spec's example uses the key
 * `events` twice, for the number of simulated events and for the per-event section; a JSON object
 * can hold only one, so the section keeps `events` and the count is `eventCount`),
 * `overall.requests`, `overall.unfinished` and `overall.latencyCdf`, `datastores.*.timeouts` and `.maxQueue`,
 * `events.*.lost`, and `syncCallsPerRequest`.
 */
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
  readonly latencyMs: LatencySummary;
  /** Addition: quantiles of successful latencies at every percent and in the tail, for CDFs. */
  readonly latencyCdf?: LatencyCdf;
}

export interface EndpointReport {
  readonly requests: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly availability: number;
  readonly latencyMs: LatencySummary;
}

export interface ServiceReport {
  /** Every attempt the service received, retries, user requests and deliveries included. */
  readonly attempts: number;
  /** Attempts that were retries (of a call) or redeliveries (of an event). */
  readonly retries: number;
  /** Attempts refused because the chosen replica's queue was full. */
  readonly rejected: number;
  /** Attempts whose caller gave up waiting (the service may still have worked on them). */
  readonly timeouts: number;
  /** Attempts that failed: own errors, faults, failed steps. */
  readonly errors: number;
  /** Share of slot-time in use: busy slot-ms / (replicas × concurrency × simulatedMs). */
  readonly utilization: number;
  /** The longest queue any one replica had (queues are per replica). */
  readonly maxQueue: number;
  /** Time some breaker towards this service was open (resilience work; 0 until then). */
  readonly breakerOpenMs: number;
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

/** One slice of simulated time (resilience work). */
export interface TimelineBucket {
  readonly startMs: number;
  /** User requests arriving. */
  readonly requests: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Of requests finishing in the bucket. */
  readonly p50: number;
  readonly p99: number;
  /** Attempts per service, retries included. */
  readonly attempts: Readonly<Record<string, number>>;
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
  readonly deploy?: DeployAnalysis;
  readonly scorecard?: Scorecard;
  /** Resilience work. */
  readonly timeline?: readonly TimelineBucket[];
}
