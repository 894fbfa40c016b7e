/**
 * The small interface every process of a run sees: the clock, the random source, scheduling,
 * and the ways to start other processes. `Simulation` implements it and is the only module that
 * knows the concrete process classes, so the step runners (`operationRun`, `remoteCall`,
 * `queryRun`, `delivery`) depend on this file instead of on each other: each reads on its own.
 */
import type {
  CompiledModel,
  DatastoreState,
  EventState,
  OperationState,
  ServiceState,
  StepState,
} from './compile.ts';
import type { Process } from './eventQueue.ts';
import type { Intent } from './intent.ts';
import type { Random } from './prng.ts';
import type { CorePool } from './resources.ts';
import type { Sampler } from './sampleDistribution.ts';
import type { TimeoutLane } from './timeoutLane.ts';
import type { Span } from './trace.ts';
import type { WorkflowLog } from './workflow.ts';

/** Whoever waits for an operation run or a query: a step runner, a remote call, a user, the bus. */
export interface OpParent {
  /**
   * The run answered. `tag` is what the parent gave the run (attempt number, endpoint index);
   * `outcome` is OK, ERROR or REJECTED; `bornAt` is when the run was created.
   */
  opDone(tag: number, outcome: number, bornAt: number): void;
}

/** A step runner, as the calls it launches see it. */
export interface StepCaller {
  /** The cores of the replica running the caller's code: message overhead is spent there. */
  readonly cores: CorePool;
  /** The span of the run making the calls, when its request is traced (else null). */
  readonly span: Span | null;
  /** The work the caller is doing, for side effects and workflows (null when neither is tracked). */
  readonly intent: Intent | null;
  /** The replica running the caller's code, and its epoch when the run started (`supervision.ts`). */
  readonly replica: number;
  readonly epoch: number;
  /** A child of the current repetition finished. */
  childDone(ok: boolean): void;
}

/** A run that can be sent to its service now, or by an ARRIVE event. */
export interface Arrival extends Process {
  arrive(isRetry: boolean): void;
}

export interface Runtime {
  /** Current simulated time, ms. */
  readonly now: number;
  readonly rng: Random;
  readonly compiled: CompiledModel;
  /** One-way latency of a remote hop. */
  readonly network: Sampler;
  /** CPU ms per remote message, on each side. */
  readonly overhead: number;
  /** Chance that one remote hop fails as a network error. */
  readonly networkErrorRate: number;
  readonly timeoutLanes: readonly TimeoutLane[];
  /** Synchronous remote service-to-service attempts (retries and fan-out copies included). */
  remoteServiceCalls: number;
  /** Remote hops lost to network errors. */
  networkErrors: number;
  /** Schedules `target.fire(kind, arg)` after `delay` ms. */
  schedule(delay: number, target: Process, kind: number, arg: number): void;
  /** Schedules `target.fire(kind, arg)` at simulated time `time` (≥ now). */
  scheduleAt(time: number, target: Process, kind: number, arg: number): void;
  /**
   * A new run of `op` at its service, not yet arrived: `arrive` (or an ARRIVE event, argument 1 for
   * a retry) sends it to the least-loaded replica's queue. `remote` runs pay message overhead for
   * the request they receive and the answer they send. `span` records it when traced.
   */
  createRun(
    op: OperationState,
    parent: OpParent,
    tag: number,
    bornAt: number,
    remote: boolean,
    span: Span | null,
    intent: Intent | null,
  ): Arrival;
  /**
   * Runs `op` in process: in the caller's slot, on the caller's replica and cores (`span`: the
   * caller's), answering the caller.
   */
  runInProcess(op: OperationState, caller: StepCaller & OpParent, intent: Intent | null): void;
  /** Starts one copy of a remote call or query step. */
  callRemote(caller: StepCaller, step: StepState, intent: Intent | null): void;
  /** A new query attempt at `datastore`; an ARRIVE event delivers it. */
  createQuery(datastore: DatastoreState, parent: OpParent, tag: number, span: Span | null): Process;
  /**
   * Publishes `event` from `publisher`: one delivery per consumer. `intent` is the publishing
   * run's, `key` the place of the publish step (`childKey` with copy 0).
   */
  publish(event: EventState, publisher: ServiceState, intent: Intent | null, key: number): void;
  /** Workflows of user requests, when the model has events. */
  readonly workflows: WorkflowLog | null;
  /** True when the model has `sideEffect` operations: runs carry their own intents. */
  readonly tracksEffects: boolean;
  /** A run of `op` succeeded under `intent`: its side effect is written, or caught as a repeat. */
  writeEffect(op: OperationState, intent: Intent): void;
  /** Replica `replica` of `service` crashes now. */
  crash(service: ServiceState, replica: number): void;
  /** A run that has answered and is referenced by nothing: `createRun` may hand it out again. */
  recycle(run: Arrival): void;
  /** An untraced query that has answered: `createQuery` may hand it out again. */
  recycleQuery(query: Process): void;
  /**
   * A remote call that has answered its caller and that nothing can reach any more (no timeout
   * lane entry, no hedge, no copy still out, no spans): `callRemote` may hand it out again.
   */
  recycleCall(call: Process): void;
}
