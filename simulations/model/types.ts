/**
 * The validated, normalised form of a topology document (topology format v1).
 *
 * Everything the simulator and the analyses read comes from here: the YAML layer
 * (`parseTopology`) turns text into a `Model` or into located diagnostics, and nothing
 * downstream ever sees raw YAML. A `Model` is plain data (records, arrays, numbers,
 * `Infinity` for "unbounded"), so it survives `structuredClone` into a Web Worker.
 *
 * Invariants the parser guarantees, so consumers need not re-check them:
 * - every name a step, endpoint, event, fault or change refers to exists;
 * - durations are finite, non-negative milliseconds; shares are in [0, 1];
 * - endpoint weights and mixture weights are normalised to sum to 1;
 * - there is no synchronous call cycle between operations.
 */

/** A random duration in milliseconds. */
export type Distribution =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  /** σ = ln(p99 / median) / 2.3263 (the 99th percentile of the standard normal). */
  | { readonly dist: 'lognormal'; readonly median: number; readonly p99: number }
  /** Weights normalised to sum to 1. */
  | { readonly dist: 'mixture'; readonly of: readonly MixturePart[] };

export interface MixturePart {
  readonly weight: number;
  readonly value: Distribution;
}

export type Style = 'monolith' | 'distributed-monolith' | 'microservices' | 'custom';

/** What can make a remote attempt fail, and so what a retry policy may retry on. */
export type FailureKind = 'error' | 'timeout' | 'rejected';

export type Backoff = 'none' | 'constant' | 'exponential';
export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

export interface RetryPolicy {
  /** Total attempts, the first included (1 = no retry). */
  readonly attempts: number;
  readonly backoff: Backoff;
  /** Milliseconds. */
  readonly base: number;
  /** Milliseconds. */
  readonly cap: number;
  readonly jitter: Jitter;
  readonly on: readonly FailureKind[];
  /** Retries at most this share of first attempts, per caller → callee; absent = unlimited. */
  readonly budget?: number;
}

export interface BreakerPolicy {
  /** Share of failed calls in the window at which the breaker opens. */
  readonly failureRate: number;
  /** The last N calls. */
  readonly window: number;
  readonly minimumCalls: number;
  /** Milliseconds open before half-open. */
  readonly cooldown: number;
  /** Trial calls let through while half-open. */
  readonly probes: number;
}

/**
 * Hedged requests: when an attempt has no answer `after` ms after its last copy was sent, another
 * copy goes out, up to `max` extra copies; the first answer wins. Exactly one of `after` and
 * `percentile` is set.
 */
export interface HedgePolicy {
  /** Fixed delay, ms. */
  readonly after?: number;
  /** The delay is this quantile (0.5 to 0.999) of the latencies of the call's answered copies. */
  readonly percentile?: number;
  /** Extra copies per attempt, 1 to 10. */
  readonly max: number;
}

/** Fields every step kind shares. */
interface StepBase {
  /** Sequential repetitions (chattiness). */
  readonly times: number;
  /** A failure of this step does not fail its operation. */
  readonly optional: boolean;
  /** Path of the step in the document, e.g. `services.gateway.operations.checkout.steps.0`. */
  readonly path: string;
}

export interface CallStep extends StepBase {
  readonly kind: 'call';
  readonly service: string;
  readonly operation: string;
  /** Concurrent copies per repetition, all awaited. */
  readonly fanout: number;
  /** Per attempt, milliseconds; absent = wait forever. */
  readonly timeout?: number;
  readonly retry: RetryPolicy;
  readonly breaker?: BreakerPolicy;
  readonly hedge?: HedgePolicy;
  /** Attempts in flight at once from the caller's service to the callee's, at most. */
  readonly bulkhead?: number;
  /** The caller sends an idempotency key: the callee writes its side effect once per call. */
  readonly idempotencyKey: boolean;
}

export interface QueryStep extends StepBase {
  readonly kind: 'query';
  readonly datastore: string;
  readonly fanout: number;
  readonly timeout?: number;
  readonly retry: RetryPolicy;
}

export interface ParallelStep extends StepBase {
  readonly kind: 'parallel';
  readonly steps: readonly Step[];
}

export interface PublishStep extends StepBase {
  readonly kind: 'publish';
  readonly event: string;
}

export interface WorkStep extends StepBase {
  readonly kind: 'work';
  readonly work: Distribution;
}

export type Step = CallStep | QueryStep | ParallelStep | PublishStep | WorkStep;

export interface Operation {
  readonly name: string;
  /** The service that owns it. */
  readonly service: string;
  readonly module?: string;
  /** Own processing before the steps. */
  readonly work: Distribution;
  readonly steps: readonly Step[];
  /** A successful run changes the world once (charges a card, sends an e-mail). */
  readonly sideEffect: boolean;
}

export interface Deploy {
  /** Milliseconds. */
  readonly duration: number;
  readonly failureRate: number;
}

/** A module of a service owned by a team: the operations whose `module` names it. */
export interface ServiceModule {
  readonly name: string;
  readonly team: string;
}

/** A supervisor's restart policy ("let it crash"), after Erlang/OTP's. */
export interface Supervisor {
  /** Milliseconds from a crash until the replica serves again. */
  readonly restart: number;
  /** Restarts allowed within `within`; one more and the supervisor gives up. */
  readonly maxRestarts: number;
  /** Milliseconds. */
  readonly within: number;
}

export interface Service {
  readonly name: string;
  /** Owns the deployable (its pipeline) and every operation whose module has no team. */
  readonly team?: string;
  /** Modules owned by teams; several teams make the service a release train. Empty = none. */
  readonly modules: Readonly<Record<string, ServiceModule>>;
  readonly replicas: number;
  /** Operations in flight per replica; a slot is held across remote waits. */
  readonly concurrency: number;
  /** Waiting operations per replica beyond which new ones are rejected; `Infinity` = unbounded. */
  readonly queue: number;
  /** CPU cores per replica; `Infinity` = unbounded (work never waits for a core). */
  readonly cpus: number;
  /** Chance that one run of an operation of this service fails on its own (a bug rate). */
  readonly errorRate: number;
  /** Chance that one run of an operation crashes its replica (the run fails, the replica stops). */
  readonly crashRate: number;
  /** Restarts crashed replicas; absent: a crashed replica stays down. */
  readonly supervisor?: Supervisor;
  readonly libraries: readonly string[];
  readonly deploy: Deploy;
  readonly operations: Readonly<Record<string, Operation>>;
}

export interface Datastore {
  readonly name: string;
  readonly owner?: string;
  readonly concurrency: number;
  /** `Infinity` = unbounded. */
  readonly queue: number;
  readonly work: Distribution;
  readonly errorRate: number;
}

export interface Library {
  readonly name: string;
  readonly kind: 'model' | 'code';
  /**
   * Every user deploys each release of it together. Always true for a model library (it carries
   * wire types); for code, only when the document says so (default: versioned, each service
   * upgrades on its own schedule).
   */
  readonly lockstep: boolean;
}

export interface Team {
  readonly name: string;
}

export interface Redelivery {
  readonly attempts: number;
  readonly backoff: Backoff;
  readonly base: number;
  readonly cap: number;
}

export interface Bus {
  readonly latency: Distribution;
  readonly delivery: 'at-least-once' | 'at-most-once';
  readonly duplicateRate: number;
  readonly redelivery: Redelivery;
}

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

export interface EventField {
  readonly type: FieldType;
  readonly required: boolean;
  /** Present when the document gives one. */
  readonly default?: string | number | boolean | null;
}

export interface OperationRef {
  readonly service: string;
  readonly operation: string;
}

/**
 * A consuming operation. The two flags are what the event-change rules ask of consumers;
 * a document may write a consumer as `svc.op` (both true) or as an object.
 */
export interface EventConsumer extends OperationRef {
  /** Rule 2: unknown fields are ignored rather than rejected (default true). */
  readonly ignoresUnknownFields: boolean;
  /** Rule 3: absent optional fields take their default (default true). */
  readonly usesDefaults: boolean;
  /** Deduplicates on the event's id: a redelivered or duplicated event changes nothing twice. */
  readonly idempotent: boolean;
}

export interface EventDef {
  readonly name: string;
  readonly publisher: string;
  readonly consumers: readonly EventConsumer[];
  readonly fields: Readonly<Record<string, EventField>>;
  /** Delivery objective, ms from publish to a consumer's success (the deferred blast radius). */
  readonly slo: number;
}

export interface Endpoint {
  readonly name: string;
  readonly service: string;
  readonly operation: string;
  /** Normalised: all endpoint weights sum to 1. */
  readonly weight: number;
  /** Latency objective, ms: a slower answer counts as lost in the simulated blast radius. */
  readonly slo: number;
}

/** How the simulated blast radius injects failures. */
export interface BlastRadiusSettings {
  /** The `slow` run multiplies the component's work (the bus: its latency) by this. */
  readonly slowFactor: number;
}

/** What a fault hits: a whole service, one operation, a datastore or the bus. */
export type FaultTarget =
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'operation'; readonly service: string; readonly operation: string }
  | { readonly kind: 'datastore'; readonly datastore: string }
  | { readonly kind: 'bus' };

export interface Fault {
  readonly target: FaultTarget;
  /** `crash`: every replica of the target service crashes at `from` (an instant: no `until`). */
  readonly kind: 'down' | 'slow' | 'errors' | 'hang' | 'crash';
  /** Milliseconds of simulated time. */
  readonly from: number;
  /** Milliseconds; `Infinity` = until the end. */
  readonly until: number;
  /** `slow`: multiplier of work times. */
  readonly factor: number;
  /** `errors`: added failure probability. */
  readonly errorRate: number;
}

export interface Organization {
  readonly release: 'one-click' | 'per-team';
  /** Milliseconds each extra team adds to a coordinated per-team release. */
  readonly handoff: number;
}

/**
 * How a breaking change reaches production. `lockstep`: the affected services deploy together.
 * `expand-contract` (operations, datastores) and `new-version` (events): independent releases in
 * sequence, the owner first and last, the others in between.
 */
export type ChangePath = 'lockstep' | 'expand-contract' | 'new-version';

/** A what-if change for the deploy analysis. */
export interface Change {
  /** A library, datastore, event or `service.operation`. */
  readonly target: string;
  readonly targetKind: 'library' | 'datastore' | 'event' | 'operation';
  /** Declared breaking-ness; for events, absent means "decide by the event rules". */
  readonly breaking?: boolean;
  /**
   * How a breaking change is made; absent = the default path (events: a new version, per event
   * rule 4; everything else: lockstep).
   */
  readonly via?: ChangePath;
  /** Events: fields added by the change. */
  readonly add?: Readonly<Record<string, EventField>>;
  /** Events: fields removed by the change. */
  readonly remove?: readonly string[];
}

export interface Network {
  /** One way, per remote hop. */
  readonly latency: Distribution;
  /** CPU milliseconds each remote message costs its sender and its receiver. */
  readonly overhead: number;
  /** Chance that one remote hop fails as a network error. */
  readonly errorRate: number;
}

export interface Workload {
  readonly requests: number;
  /** Mean user requests per second. */
  readonly rate: number;
  readonly arrivals: 'poisson' | 'constant';
  readonly seed: number;
}

export interface Model {
  readonly name: string;
  readonly description: string;
  readonly style: Style;
  readonly workload: Workload;
  readonly network: Network;
  readonly teams: Readonly<Record<string, Team>>;
  readonly libraries: Readonly<Record<string, Library>>;
  readonly datastores: Readonly<Record<string, Datastore>>;
  readonly services: Readonly<Record<string, Service>>;
  readonly bus: Bus;
  readonly events: Readonly<Record<string, EventDef>>;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly faults: readonly Fault[];
  readonly organization: Organization;
  /** As written; empty means "the default set" (see the deploy analysis). */
  readonly changes: readonly Change[];
  readonly blastRadius: BlastRadiusSettings;
}
