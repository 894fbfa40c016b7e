/**
 * Request traces: the spans of a few chosen user requests, recorded while a run replays them.
 *
 * A run is deterministic, so tracing costs nothing on the first pass: `simulate` runs the model,
 * picks the requests to show from its log (each endpoint's p50, p99 and slowest success), then
 * runs the same model and seed again with a `Tracer` that knows those requests by their arrival
 * time. Tracing only reads the clock and never draws a random number, so the second run is the
 * first one event for event, and the traced requests are the ones the first run picked.
 *
 * A span is one run of an operation (remote, in-process or the user's own request) or one query
 * attempt. Remote spans cover the hop as the caller sees it: from the caller starting to write
 * the request to it having read the answer (or, for a copy it stopped waiting for, to the answer
 * arriving anyway). Their time is split into `queue` (waiting for a thread slot or a core),
 * `cpu` (own work, and message overhead on both sides of the hop; a datastore's work counts as its
 * CPU), `network` (both one-way trips) and `wait` (waiting for the run's own calls, queries and
 * parallel steps, retry backoff included); the four add up to the span's length, except for
 * `parallel` branches' own `work`, which overlaps their siblings and is left in `wait`.
 */

/** A span's outcome as its caller saw it. */
export type SpanOutcome =
  /** Answered successfully. */
  | 'ok'
  /** Answered with an error, or lost on the network. */
  | 'error'
  /** Refused: the callee's queue was full. */
  | 'rejected'
  /** The caller's timeout fired first (the callee may have kept working). */
  | 'timeout'
  /** Another copy of a hedged attempt answered first; this one's answer was ignored. */
  | 'ignored'
  /** Never answered by the end of the run (a `hang` fault without a timeout). */
  | 'unanswered';

/** Outcome names by the engine's outcome codes (OK, ERROR, TIMEOUT, REJECTED in `links.ts`). */
export const OUTCOME_NAMES: readonly SpanOutcome[] = ['ok', 'error', 'timeout', 'rejected'];

export class Span {
  readonly id: number;
  /** The id of the span that made this call (−1 for the user's request). */
  readonly parent: number;
  readonly kind: 'operation' | 'query';
  /** Service (or datastore) name. */
  readonly service: string;
  /** Operation name ('' for a query). */
  readonly operation: string;
  /** Absolute simulated time, ms. */
  readonly start: number;
  end = Number.NaN;
  outcome: SpanOutcome = 'unanswered';
  /** 1 for a first attempt, k for retry k − 1 (0 for the user's request and in-process runs). */
  readonly attempt: number;
  /** An extra copy sent by hedging. */
  readonly hedge: boolean;
  queue = 0;
  cpu = 0;
  network = 0;
  wait = 0;
  /** The caller has read this copy's answer (remote spans). */
  read = false;
  /** The caller stopped waiting for this copy: its callee's answer no longer sets `outcome`. */
  abandoned = false;
  /** When the run started waiting for a slot (internal, for `queue`). */
  queuedAt = 0;
  readonly trace: Trace;

  constructor(
    trace: Trace,
    parent: number,
    kind: 'operation' | 'query',
    service: string,
    operation: string,
    start: number,
    attempt: number,
    hedge: boolean,
  ) {
    this.trace = trace;
    this.id = trace.spans.length;
    this.parent = parent;
    this.kind = kind;
    this.service = service;
    this.operation = operation;
    this.start = start;
    this.attempt = attempt;
    this.hedge = hedge;
    this.queuedAt = start;
  }

  /** Accounts a CPU burst of `d` ms asked for at `now` that ended at `end`. */
  burst(now: number, d: number, end: number): void {
    if (d <= 0) return;
    this.cpu += d;
    this.queue += end - d - now;
  }

  /** A child span, or null once the trace holds `MAX_SPANS` (the trace is then truncated). */
  child(
    kind: 'operation' | 'query',
    service: string,
    operation: string,
    start: number,
    attempt: number,
    hedge: boolean,
  ): Span | null {
    const trace = this.trace;
    if (trace.spans.length >= MAX_SPANS) {
      trace.truncated = true;
      return null;
    }
    const span = new Span(trace, this.id, kind, service, operation, start, attempt, hedge);
    trace.spans.push(span);
    return span;
  }
}

/** Spans kept per request at most; a fan-out of 1,000 calls in a loop would otherwise be huge. */
export const MAX_SPANS = 2000;

/** The spans of one user request. */
export class Trace {
  readonly endpoint: number;
  readonly arrivedAt: number;
  readonly spans: Span[] = [];
  truncated = false;

  constructor(endpoint: number, arrivedAt: number) {
    this.endpoint = endpoint;
    this.arrivedAt = arrivedAt;
  }
}

/** Records the requests arriving at the given times (the second pass of a traced run). */
export class Tracer {
  readonly traces: Trace[] = [];
  private readonly wanted: ReadonlySet<number>;

  constructor(arrivalTimes: Iterable<number>) {
    this.wanted = new Set(arrivalTimes);
  }

  /** The root span of a request arriving now at `endpoint`, or null when it is not traced. */
  root(endpoint: number, now: number, service: string, operation: string): Span | null {
    if (!this.wanted.has(now)) return null;
    const trace = new Trace(endpoint, now);
    this.traces.push(trace);
    const span = new Span(trace, -1, 'operation', service, operation, now, 0, false);
    trace.spans.push(span);
    return span;
  }
}
