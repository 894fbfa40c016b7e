/**
 * The model compiled for simulation: names become object references, distributions become
 * samplers, fault lists are attached to what they hit, and every counter the report needs sits on
 * the object it counts. Compiling once keeps string lookups out of the event loop.
 */

import type { FailureKind, Model, RetryPolicy, Step, Supervisor } from '../model/types.ts';
import { Float64Buffer } from '../report/samples.ts';
import { BackoffPolicy } from './backoff.ts';
import { BucketCounts } from './bucketCounts.ts';
import { CircuitBreaker } from './circuitBreaker.ts';
import {
  compileFault,
  type FaultList,
  type FaultWindow,
  joinFaults,
  type WindowFault,
} from './faults.ts';
import { HedgeState } from './hedge.ts';
import { ERROR, Link, REJECTED, TIMEOUT } from './links.ts';
import { CorePool, SlotPool } from './resources.ts';
import { RetryBudget } from './retryBudget.ts';
import { Sampler } from './sampleDistribution.ts';

/** Step kinds. A call to the same service is compiled as LOCAL_CALL, to another as REMOTE_CALL. */
export const WORK = 0;
export const REMOTE_CALL = 1;
export const LOCAL_CALL = 2;
export const QUERY = 3;
export const PARALLEL = 4;
export const PUBLISH = 5;

export class ServiceState {
  readonly name: string;
  /** Thread slots and their queue, one pool per replica. */
  readonly replicas: readonly SlotPool[];
  /** CPU cores, one pool per replica (same index as `replicas`). */
  readonly cores: readonly CorePool[];
  /** Cores per replica (`Infinity` = unbounded). */
  readonly cpus: number;
  readonly errorRate: number;
  attempts = 0;
  /** Attempts towards this service lost on the network (request or answer). */
  networkErrors = 0;
  retries = 0;
  /** Extra copies callers sent here by hedging. */
  hedges = 0;
  /** Hedged attempts whose winning answer came from an extra copy. */
  hedgeWins = 0;
  rejected = 0;
  timeouts = 0;
  errors = 0;
  /** Round-robin start for least-loaded ties. */
  nextReplica = 0;
  /** Chance that a run crashes its replica. */
  crashRate = 0;
  /** Restarts crashed replicas; null: a crashed replica stays down. */
  supervisor: Supervisor | null = null;
  /**
   * The service can crash (a crash rate or a crash fault): replicas may be down, and runs check
   * that theirs is still the one they started on. False costs the hot path one comparison.
   */
  crashable = false;
  /** Per replica: 1 while down. */
  readonly down: Uint8Array;
  /** Per replica: bumped by each crash, so runs started before it know their work is lost. */
  readonly epoch: Uint32Array;
  /** The supervisor gave up: every replica stays down. */
  stopped = false;
  crashes = 0;
  restarts = 0;
  /** Times of the supervisor's recent restarts (its intensity window). */
  readonly restartTimes: number[] = [];
  /** Attempts per slice of simulated time, for the timeline. */
  readonly attemptsOverTime = new BucketCounts();

  constructor(
    name: string,
    replicas: number,
    concurrency: number,
    queue: number,
    cpus: number,
    errorRate: number,
  ) {
    this.name = name;
    this.replicas = Array.from({ length: replicas }, () => new SlotPool(concurrency, queue));
    this.cores = Array.from({ length: replicas }, () => new CorePool(cpus));
    this.cpus = cpus;
    this.errorRate = errorRate;
    this.down = new Uint8Array(replicas);
    this.epoch = new Uint32Array(replicas);
  }
}

export class DatastoreState {
  readonly name: string;
  readonly pool: SlotPool;
  readonly work: Sampler;
  readonly errorRate: number;
  readonly faults: FaultList;
  queries = 0;
  rejected = 0;
  timeouts = 0;
  errors = 0;
  /** Queries lost on the network (request or answer). */
  networkErrors = 0;

  constructor(name: string, pool: SlotPool, work: Sampler, errorRate: number, faults: FaultList) {
    this.name = name;
    this.pool = pool;
    this.work = work;
    this.errorRate = errorRate;
    this.faults = faults;
  }
}

export class RetryState {
  /** Total attempts, the first included. */
  readonly attempts: number;
  /** Bit (1 << outcome) set for each outcome that is retried. */
  readonly onMask: number;
  readonly backoff: BackoffPolicy;

  constructor(policy: RetryPolicy) {
    this.attempts = policy.attempts;
    const bits: Readonly<Record<FailureKind, number>> = {
      error: 1 << ERROR,
      timeout: 1 << TIMEOUT,
      rejected: 1 << REJECTED,
    };
    this.onMask = policy.on.reduce((mask, kind) => mask | bits[kind], 0);
    this.backoff = new BackoffPolicy(policy.backoff, policy.jitter, policy.base, policy.cap);
  }
}

export class OperationState {
  /** `service.operation`. */
  readonly key: string;
  /** The operation's own name. */
  readonly name: string;
  readonly service: ServiceState;
  work: Sampler;
  steps: readonly StepState[] = [];
  /** The service's faults and the operation's own. */
  faults: FaultList = null;
  /** A successful run writes a side effect. */
  sideEffect = false;
  /** Side effects written (duplicates included). */
  effectsWritten = 0;
  /** Writes that repeated an effect already written for the same work. */
  effectDuplicates = 0;
  /** Repeats an idempotency key (or an idempotent consumer) caught. */
  effectsDeduplicated = 0;

  constructor(key: string, service: ServiceState, work: Sampler) {
    this.key = key;
    this.name = key.slice(service.name.length + 1);
    this.service = service;
    this.work = work;
  }
}

/** One step, all kinds in one class so the step loop reads a single object shape. */
export class StepState {
  /** Unique in the compiled model: where child work sits under its parent (`intent.ts`). */
  uid = 0;
  kind = WORK;
  times = 1;
  optional = false;
  fanout = 1;
  /** Per attempt, milliseconds (Infinity = none). */
  timeout = Number.POSITIVE_INFINITY;
  /** Index of the timeout lane for `timeout` (−1 = none): one lane per distinct duration. */
  timeoutLane = -1;
  retry: RetryState | null = null;
  /** Called operation (REMOTE_CALL, LOCAL_CALL). */
  operation: OperationState | null = null;
  /** Queried datastore (QUERY). */
  datastore: DatastoreState | null = null;
  /** Published event (PUBLISH). */
  event: EventState | null = null;
  /** Work (WORK). */
  work: Sampler | null = null;
  /** Branches (PARALLEL): each sub-step as a one-step list, ready for a branch runner. */
  branches: readonly (readonly StepState[])[] | null = null;
  /** Caller → callee (REMOTE_CALL, QUERY). */
  link: Link | null = null;
  /** The link's breaker, if this step declares `breaker` (REMOTE_CALL). */
  breaker: CircuitBreaker | null = null;
  /** The link's retry budget, if this step's retry declares `budget` (REMOTE_CALL, QUERY). */
  budget: RetryBudget | null = null;
  /** True when this step declares `bulkhead`: its attempts hold a place in the link's. */
  bulkhead = false;
  /** Hedging, if this step declares `hedge` (REMOTE_CALL): its delay estimate is per step. */
  hedge: HedgeState | null = null;
  /** The call carries an idempotency key (REMOTE_CALL). */
  idempotencyKey = false;
}

export class EventState {
  readonly name: string;
  consumers: readonly OperationState[] = [];
  /** Per consumer: it deduplicates on the event's id. */
  idempotent: readonly boolean[] = [];
  /** True when some consumer runs in another service than the publisher (a message to send). */
  hasRemoteConsumer = false;
  published = 0;
  delivered = 0;
  duplicates = 0;
  deadLettered = 0;
  /** At-most-once deliveries whose consumer failed: gone for good. */
  lost = 0;
  /** Publish to successful consumption, per delivered (event, consumer). */
  readonly lags = new Float64Buffer();

  constructor(name: string) {
    this.name = name;
  }
}

export class BusState {
  readonly latency: Sampler;
  readonly atLeastOnce: boolean;
  readonly duplicateRate: number;
  /** Redeliveries after the first delivery, before dead-lettering. */
  readonly redeliveries: number;
  readonly backoff: BackoffPolicy;
  readonly faults: FaultList;

  constructor(model: Model, faults: FaultList) {
    const bus = model.bus;
    this.latency = Sampler.compile(bus.latency);
    this.atLeastOnce = bus.delivery === 'at-least-once';
    this.duplicateRate = bus.duplicateRate;
    this.redeliveries = bus.redelivery.attempts;
    this.backoff = new BackoffPolicy(
      bus.redelivery.backoff,
      'none',
      bus.redelivery.base,
      bus.redelivery.cap,
    );
    this.faults = faults;
  }
}

export interface EndpointState {
  readonly name: string;
  readonly operation: OperationState;
  /** Cumulative weight up to and including this endpoint (the last is 1). */
  readonly cumulative: number;
}

export interface CompiledModel {
  readonly services: readonly ServiceState[];
  readonly operations: ReadonlyMap<string, OperationState>;
  readonly datastores: readonly DatastoreState[];
  readonly events: readonly EventState[];
  readonly endpoints: readonly EndpointState[];
  readonly links: readonly Link[];
  /** Distinct timeout durations; `StepState.timeoutLane` indexes this. */
  readonly timeouts: readonly number[];
  readonly bus: BusState;
  readonly network: Sampler;
  /** Some operation writes side effects: runs carry intents (`intent.ts`). */
  readonly tracksEffects: boolean;
  /** Some operation publishes: user requests carry workflows (`workflow.ts`). */
  readonly tracksWorkflows: boolean;
  /** Crash faults: at `at`, every replica of `service` crashes. */
  readonly crashFaults: readonly { readonly service: ServiceState; readonly at: number }[];
}

/** Compiles a parsed model; every reference in it is known to resolve (parser invariant). */
export function compileModel(model: Model): CompiledModel {
  const serviceFaults = new Map<string, FaultWindow[]>();
  const operationFaults = new Map<string, FaultWindow[]>();
  const datastoreFaults = new Map<string, FaultWindow[]>();
  const busFaults: FaultWindow[] = [];
  const add = (map: Map<string, FaultWindow[]>, key: string, f: FaultWindow) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  const crashAt: { service: string; at: number }[] = [];
  for (const fault of model.faults) {
    if (fault.kind === 'crash') {
      // The parser guarantees a crash fault targets a service.
      if (fault.target.kind === 'service')
        crashAt.push({ service: fault.target.service, at: fault.from });
      continue;
    }
    const f = compileFault(fault as WindowFault);
    const t = fault.target;
    if (t.kind === 'service') add(serviceFaults, t.service, f);
    else if (t.kind === 'operation') add(operationFaults, `${t.service}.${t.operation}`, f);
    else if (t.kind === 'datastore') add(datastoreFaults, t.datastore, f);
    else busFaults.push(f);
  }

  const services: ServiceState[] = [];
  const operations = new Map<string, OperationState>();
  for (const s of Object.values(model.services)) {
    const state = new ServiceState(s.name, s.replicas, s.concurrency, s.queue, s.cpus, s.errorRate);
    state.crashRate = s.crashRate;
    state.supervisor = s.supervisor ?? null;
    state.crashable = s.crashRate > 0 || crashAt.some((c) => c.service === s.name);
    services.push(state);
    for (const op of Object.values(s.operations)) {
      const key = `${s.name}.${op.name}`;
      const compiled = new OperationState(key, state, Sampler.compile(op.work));
      compiled.sideEffect = op.sideEffect;
      compiled.faults = joinFaults(
        serviceFaults.get(s.name) ?? null,
        operationFaults.get(key) ?? null,
      );
      operations.set(key, compiled);
    }
  }
  const serviceByName = new Map(services.map((s) => [s.name, s]));
  const datastores = new Map<string, DatastoreState>();
  for (const d of Object.values(model.datastores)) {
    const pool = new SlotPool(d.concurrency, d.queue);
    const faults = joinFaults(datastoreFaults.get(d.name) ?? null);
    datastores.set(
      d.name,
      new DatastoreState(d.name, pool, Sampler.compile(d.work), d.errorRate, faults),
    );
  }
  const events = new Map<string, EventState>();
  for (const e of Object.values(model.events)) events.set(e.name, new EventState(e.name));
  for (const e of Object.values(model.events)) {
    const state = events.get(e.name) as EventState;
    state.consumers = e.consumers.map((c) => mustGet(operations, `${c.service}.${c.operation}`));
    state.idempotent = e.consumers.map((c) => c.idempotent);
    state.hasRemoteConsumer = e.consumers.some((c) => c.service !== e.publisher);
  }

  const links = new Map<string, Link>();
  const linkFor = (caller: string, callee: string): Link => {
    const key = `${caller}\u0000${callee}`;
    let link = links.get(key);
    if (!link) {
      link = new Link(caller, callee);
      links.set(key, link);
    }
    return link;
  };
  const timeouts: number[] = [];
  const laneFor = (timeout: number | undefined): number => {
    if (timeout === undefined) return -1;
    const i = timeouts.indexOf(timeout);
    return i >= 0 ? i : timeouts.push(timeout) - 1;
  };
  let uid = 0;
  const compileStep = (step: Step, owner: OperationState): StepState => {
    const s = new StepState();
    s.uid = uid++;
    s.times = step.times;
    s.optional = step.optional;
    switch (step.kind) {
      case 'work':
        s.kind = WORK;
        s.work = Sampler.compile(step.work);
        break;
      case 'call': {
        const target = mustGet(operations, `${step.service}.${step.operation}`);
        s.operation = target;
        s.fanout = step.fanout;
        if (target.service === owner.service) {
          // In-process: no network, no queue, no slot, and so nothing to time out or retry.
          s.kind = LOCAL_CALL;
        } else {
          s.kind = REMOTE_CALL;
          s.timeout = step.timeout ?? Number.POSITIVE_INFINITY;
          s.timeoutLane = laneFor(step.timeout);
          s.retry = new RetryState(step.retry);
          const link = linkFor(owner.service.name, target.service.name);
          s.link = link;
          if (step.breaker !== undefined) {
            link.breaker ??= new CircuitBreaker(step.breaker);
            s.breaker = link.breaker;
          }
          s.budget = budgetFor(link, step.retry);
          if (step.hedge !== undefined) s.hedge = new HedgeState(step.hedge);
          s.idempotencyKey = step.idempotencyKey;
          if (step.bulkhead !== undefined) {
            // The first step between the pair that declares one sets its size, as for breakers.
            if (!Number.isFinite(link.bulkhead)) link.bulkhead = step.bulkhead;
            s.bulkhead = true;
          }
        }
        break;
      }
      case 'query':
        s.kind = QUERY;
        s.datastore = mustGet(datastores, step.datastore);
        s.fanout = step.fanout;
        s.timeout = step.timeout ?? Number.POSITIVE_INFINITY;
        s.timeoutLane = laneFor(step.timeout);
        s.retry = new RetryState(step.retry);
        s.link = linkFor(owner.service.name, step.datastore);
        s.budget = budgetFor(s.link, step.retry);
        break;
      case 'parallel':
        s.kind = PARALLEL;
        s.branches = step.steps.map((sub) => [compileStep(sub, owner)]);
        break;
      case 'publish':
        s.kind = PUBLISH;
        s.event = mustGet(events, step.event);
        break;
    }
    return s;
  };
  for (const s of Object.values(model.services)) {
    for (const op of Object.values(s.operations)) {
      const compiled = mustGet(operations, `${s.name}.${op.name}`);
      compiled.steps = op.steps.map((step) => compileStep(step, compiled));
    }
  }

  let cumulative = 0;
  const endpointList = Object.values(model.endpoints);
  const endpoints = endpointList.map((e, i): EndpointState => {
    cumulative += e.weight;
    return {
      name: e.name,
      operation: mustGet(operations, `${e.service}.${e.operation}`),
      cumulative: i === endpointList.length - 1 ? 1 : cumulative,
    };
  });

  return {
    services,
    operations,
    datastores: [...datastores.values()],
    events: [...events.values()],
    endpoints,
    links: [...links.values()],
    timeouts,
    bus: new BusState(model, busFaults.length > 0 ? busFaults : null),
    network: Sampler.compile(model.network.latency),
    tracksEffects: [...operations.values()].some((op) => op.sideEffect),
    tracksWorkflows: Object.values(model.events).length > 0,
    crashFaults: crashAt.map((c) => ({ service: mustGet(serviceByName, c.service), at: c.at })),
  };
}

/** The link's retry budget, created by the first step that declares one; null without `budget`. */
function budgetFor(link: Link, retry: RetryPolicy): RetryBudget | null {
  if (retry.budget === undefined) return null;
  if (link.budget === null) {
    link.budget = new RetryBudget({ budget: retry.budget });
    link.budgetShare = retry.budget;
  }
  return link.budget;
}

function mustGet<T>(map: ReadonlyMap<string, T>, key: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`model refers to unknown ${JSON.stringify(key)}`);
  return value;
}
