/**
 * The value of every optional field of a topology document, in one place: `normalise` applies
 * them, the schema descriptions quote them, and `FORMAT.md` documents them. The choices are what
 * a practitioner would assume of a small, healthy production system.
 */
import type { Distribution, RetryPolicy } from './types.ts';

/** Defaults applied by `normalise`; durations in milliseconds, shares in [0, 1]. */
export const DEFAULTS = {
  description: '',
  style: 'custom',
  workload: { requests: 20_000, rate: 100, arrivals: 'poisson', seed: 1 },
  /** A LAN hop: half a millisecond typically, a few milliseconds in the tail. */
  networkLatency: { dist: 'lognormal', median: 0.5, p99: 4 } satisfies Distribution,
  network: {
    /**
     * CPU milliseconds per remote message, on each side. Measured RPC stacks spend tens of
     * microseconds of CPU per small message on each end (serialisation, syscalls, TLS and
     * connection bookkeeping): Google's fleet profile put about a quarter of all cycles in this
     * "datacenter tax" (Kanev et al., ISCA 2015), and gRPC's own benchmarks sit at 20–100 µs of
     * CPU per unary call per side. 50 µs is the middle of that range.
     */
    overhead: 0.05,
    errorRate: 0,
  },
  service: {
    replicas: 1,
    /** A typical thread-pool size for one request-per-thread process. */
    concurrency: 16,
    queue: Number.POSITIVE_INFINITY,
    /** Unbounded: work never waits for a core, as before the CPU model (threads are the limit). */
    cpus: Number.POSITIVE_INFINITY,
    errorRate: 0,
    /** Runs that crash their replica: none unless a document says so. */
    crashRate: 0,
    deploy: { duration: 10 * 60_000, failureRate: 0.01 },
  },
  /**
   * A supervisor's restart policy, after Erlang/OTP's supervisor defaults (intensity 1, period
   * 5 s: more than one restart in 5 s and the supervisor gives up). A restart takes 1 s: a process
   * starting again, not a machine booting.
   */
  supervisor: { restart: 1000, maxRestarts: 1, within: 5000 },
  /** A completed run changes nothing outside the simulation unless its operation says so. */
  sideEffect: false,
  /** An operation with no `work` costs nothing of its own. */
  operationWork: { dist: 'constant', value: 0 } satisfies Distribution,
  datastore: {
    /** A connection pool of 50. */
    concurrency: 50,
    queue: Number.POSITIVE_INFINITY,
    /** An indexed point query. */
    work: { dist: 'exponential', mean: 1 } satisfies Distribution,
    errorRate: 0,
  },
  library: { kind: 'code', lockstep: false },
  step: { times: 1, optional: false, fanout: 1, idempotencyKey: false },
  retry: {
    attempts: 1,
    backoff: 'exponential',
    base: 10,
    cap: 1000,
    jitter: 'none',
    on: ['error', 'timeout', 'rejected'],
  } satisfies RetryPolicy,
  hedge: { max: 1 },
  breaker: { failureRate: 0.5, window: 20, minimumCalls: 10, cooldown: 5000, probes: 1 },
  bus: {
    latency: { dist: 'constant', value: 2 } satisfies Distribution,
    delivery: 'at-least-once',
    duplicateRate: 0,
    redelivery: { attempts: 5, backoff: 'exponential', base: 1000, cap: 60_000 },
  },
  consumer: { ignoresUnknownFields: true, usesDefaults: true, idempotent: false },
  endpointWeight: 1,
  /**
   * An endpoint's latency objective: 1 s, the limit Nielsen gives for a user's flow of thought to
   * stay uninterrupted (Usability Engineering, 1993, ch. 5). A slower answer counts as lost in the
   * simulated blast radius, as a failure does.
   */
  endpointSlo: 1000,
  /**
   * An event's delivery objective, from publish to the consumer's success: 1 min, long enough for
   * the default redeliveries (1 + 2 + 4 + 8 + 16 s) to succeed in time, short enough that work a
   * user expects "soon" (a receipt, a shipment) is late past it.
   */
  eventSlo: 60_000,
  /** What the simulated blast radius injects besides `down` and `hang`: `slow` with this factor. */
  blastRadius: { slowFactor: 10 },
  fault: { from: 0, until: Number.POSITIVE_INFINITY, factor: 1, errorRate: 0 },
  organization: { release: 'per-team', handoff: 86_400_000 },
} as const;

/** Upper bounds that keep one document's simulation and analyses tractable. */
export const LIMITS = {
  /** Characters of YAML text. */
  textLength: 1_000_000,
  /** Aliases (`*name`) resolved while reading; stops "billion laughs" documents. */
  aliases: 100,
  /** Nesting of mappings and lists. */
  depth: 64,
  services: 2000,
  /** Operations summed over all services. */
  operations: 2000,
  /** Steps summed over all operations, nested ones included. */
  steps: 20_000,
  /** Entries of any other named section (datastores, events, endpoints, ...). */
  entries: 2000,
} as const;
