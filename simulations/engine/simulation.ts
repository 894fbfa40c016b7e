/**
 * One simulation run: the clock, the event loop, the random source, the arrivals of user requests
 * and the log of their answers. Like SimPy's `Environment`: `step` fires one event, `run` fires
 * events until there are none left or a budget of events is spent, so a caller can run in slices.
 */
import type { Model } from '../model/types.ts';
import { RequestLog } from '../report/requestLog.ts';
import { BucketCounts } from './bucketCounts.ts';
import {
  type CompiledModel,
  compileModel,
  type DatastoreState,
  type EventState,
  type OperationState,
  type ServiceState,
  type StepState,
} from './compile.ts';
import { publish } from './delivery.ts';
import { NEXT_ARRIVAL } from './eventKinds.ts';
import { EventQueue, type Process } from './eventQueue.ts';
import { Intent } from './intent.ts';
import { OK } from './links.ts';
import { OpRun } from './operationRun.ts';
import { Random } from './prng.ts';
import { QueryRun } from './queryRun.ts';
import { RemoteCall } from './remoteCall.ts';
import type { CorePool, SlotWaiter } from './resources.ts';
import type { Arrival, OpParent, Runtime, StepCaller } from './runtime.ts';
import { Sampler } from './sampleDistribution.ts';
import { Supervision } from './supervision.ts';
import { TimeoutLane } from './timeoutLane.ts';
import type { Span, Tracer } from './trace.ts';
import { Workflow, WorkflowLog } from './workflow.ts';

/** Options of a run; both default to the model's workload. */
export interface SimulationOptions {
  /** Seed of the one random generator (default: `workload.seed`). */
  readonly seed?: number;
  /** User requests to simulate (default: `workload.requests`). */
  readonly requests?: number;
  /** Records the spans of the requests it asks for (the second pass of a traced run). */
  readonly tracer?: Tracer;
  /**
   * Keeps every request in the log (arrival, latency, outcome), as the first pass of a traced run
   * needs to pick the requests to trace. Default true; `simulate` keeps them only for traces.
   */
  readonly keepRequests?: boolean;
}

/**
 * The composition root of a run: the only module that constructs processes, so the step runners
 * depend on the `Runtime` interface rather than on each other.
 */
export class Simulation implements Process, OpParent, Runtime {
  readonly model: Model;
  readonly compiled: CompiledModel;
  readonly seed: number;
  /** User requests this run will make. */
  readonly totalRequests: number;
  readonly rng: Random;
  readonly network: Sampler;
  readonly overhead: number;
  readonly networkErrorRate: number;
  readonly queue = new EventQueue();
  readonly log: RequestLog;
  /** One lane per distinct timeout duration (see `timeoutLane.ts`). */
  readonly timeoutLanes: readonly TimeoutLane[];
  /** Current simulated time, ms. */
  now = 0;
  /** Time of the last event that did something (stale timeouts excluded), ms. */
  lastActive = 0;
  /** Events fired that did something. */
  events = 0;
  /** User requests arrived so far. */
  arrived = 0;
  /** User requests arrived and not yet answered. */
  inFlight = 0;
  /** User requests per endpoint, arrived so far. */
  readonly arrivedPerEndpoint: Uint32Array;
  /** User request arrivals per slice of simulated time, for the timeline. */
  readonly arrivalsOverTime = new BucketCounts();
  /** Synchronous remote service-to-service attempts (retries and fan-out copies included). */
  remoteServiceCalls = 0;
  /** Remote hops lost to network errors. */
  networkErrors = 0;
  /** Null unless this run records traces. */
  readonly tracer: Tracer | null;
  /** Workflows of user requests; null when the model has no events. */
  readonly workflows: WorkflowLog | null;
  readonly tracksEffects: boolean;
  /** Crashes and restarts; null when no service can crash. */
  private readonly supervision: Supervision | null;
  /** Runs that have answered, for `newRun` to hand out again. */
  private readonly spareRuns: OpRun[] = [];
  /** Queries and remote calls that have answered, for `createQuery` and `callRemote`. */
  private readonly spareQueries: QueryRun[] = [];
  private readonly spareCalls: RemoteCall[] = [];

  /** Time between user requests: exponential (Poisson arrivals) or constant. */
  private readonly gaps: Sampler;

  constructor(model: Model, options: SimulationOptions = {}) {
    this.model = model;
    this.compiled = compileModel(model);
    this.seed = options.seed ?? model.workload.seed;
    this.totalRequests = Math.max(0, Math.floor(options.requests ?? model.workload.requests));
    this.rng = new Random(this.seed);
    this.network = this.compiled.network;
    this.overhead = model.network.overhead;
    this.networkErrorRate = model.network.errorRate;
    this.timeoutLanes = this.compiled.timeouts.map((d) => new TimeoutLane(d, this.queue));
    this.log = new RequestLog(
      this.totalRequests,
      this.compiled.endpoints.length,
      options.keepRequests ?? true,
    );
    this.arrivedPerEndpoint = new Uint32Array(this.compiled.endpoints.length);
    const meanGap = 1000 / model.workload.rate;
    this.gaps = Sampler.compile(
      model.workload.arrivals === 'poisson'
        ? { dist: 'exponential', mean: meanGap }
        : { dist: 'constant', value: meanGap },
    );
    this.tracer = options.tracer ?? null;
    this.tracksEffects = this.compiled.tracksEffects;
    this.workflows = this.compiled.tracksWorkflows
      ? new WorkflowLog(this.compiled.endpoints.length, this)
      : null;
    this.supervision = this.compiled.services.some((s) => s.crashable)
      ? new Supervision(this)
      : null;
    if (this.totalRequests > 0 && this.compiled.endpoints.length > 0) {
      this.scheduleArrival(this.gap());
    }
  }

  /** Schedules `target.fire(kind, arg)` after `delay` ms. */
  schedule(delay: number, target: Process, kind: number, arg: number): void {
    this.queue.push(this.now + delay, target, kind, arg);
  }

  scheduleAt(time: number, target: Process, kind: number, arg: number): void {
    this.queue.push(time, target, kind, arg);
  }

  createRun(
    op: OperationState,
    parent: OpParent,
    tag: number,
    bornAt: number,
    remote: boolean,
    span: Span | null,
    intent: Intent | null,
  ): Arrival {
    // The cores are the first replica's until `arrive` picks the replica.
    const cores = op.service.cores[0] as CorePool;
    return this.newRun(op, parent, tag, bornAt, remote, cores, span, intent);
  }

  runInProcess(op: OperationState, caller: StepCaller & OpParent, intent: Intent | null): void {
    const span = caller.span;
    const child =
      span !== null ? span.child('operation', op.service.name, op.name, this.now, 0, false) : null;
    this.newRun(op, caller, 0, this.now, false, caller.cores, child, intent).startInProcess(caller);
  }

  recycle(run: Arrival): void {
    this.spareRuns.push(run as OpRun);
  }

  /** A run, recycled when one is spare (untraced runs only: spans keep theirs). */
  private newRun(
    op: OperationState,
    parent: OpParent,
    tag: number,
    bornAt: number,
    remote: boolean,
    cores: CorePool,
    span: Span | null,
    intent: Intent | null,
  ): OpRun {
    const spare = span === null ? this.spareRuns.pop() : undefined;
    return spare !== undefined
      ? spare.reuse(op, parent, tag, bornAt, remote, cores, intent)
      : new OpRun(this, op, parent, tag, bornAt, remote, cores, span, intent);
  }

  callRemote(caller: StepCaller, step: StepState, intent: Intent | null): void {
    const spare = this.spareCalls.pop();
    const call =
      spare !== undefined
        ? spare.reuse(caller, step, intent)
        : new RemoteCall(this, caller, step, intent);
    call.start();
  }

  recycleCall(call: Process): void {
    this.spareCalls.push(call as RemoteCall);
  }

  createQuery(
    datastore: DatastoreState,
    parent: OpParent,
    tag: number,
    span: Span | null,
  ): Process {
    const spare = span === null ? this.spareQueries.pop() : undefined;
    return spare !== undefined
      ? spare.reuse(datastore, parent, tag)
      : new QueryRun(this, datastore, parent, tag, span);
  }

  recycleQuery(query: Process): void {
    this.spareQueries.push(query as QueryRun);
  }

  publish(event: EventState, publisher: ServiceState, intent: Intent | null, key: number): void {
    publish(this, event, publisher, intent, key);
  }

  writeEffect(op: OperationState, intent: Intent): void {
    if (intent.effects > 0 && intent.keyed) {
      // The callee has seen this key: it answers as before and writes nothing.
      op.effectsDeduplicated++;
      return;
    }
    if (intent.effects > 0) op.effectDuplicates++;
    intent.effects++;
    op.effectsWritten++;
    const flow = intent.flow;
    if (flow !== null) flow.log.effectWritten(flow);
  }

  crash(service: ServiceState, replica: number): void {
    (this.supervision as Supervision).crash(service, replica);
  }

  /** A run queued on a replica that crashed (only operation runs queue at services). */
  loseQueued(waiter: SlotWaiter): void {
    (waiter as OpRun).lostInQueue();
  }

  /**
   * The next user request's arrival waits beside the heap, not in it: there is always exactly one,
   * so keeping it out saves a push and a pop per request. It keeps the sequence number it would
   * have had in the heap, so events fire in exactly the same order.
   */
  private arrivalPending = false;
  private arrivalTime = 0;
  private arrivalSeq = 0;

  private scheduleArrival(time: number): void {
    this.arrivalPending = true;
    this.arrivalTime = time;
    this.arrivalSeq = this.queue.reserveSeq();
  }

  /** True when nothing is left to happen. */
  get done(): boolean {
    return this.queue.size === 0 && !this.arrivalPending;
  }

  /** Fires the next event; false when there was none. */
  step(): boolean {
    if (this.done) return false;
    this.run(1);
    return true;
  }

  /**
   * Fires up to `maxEvents` events (stale ones included). Returns true when the run has finished:
   * nothing is left to happen (requests that hang forever stay in flight).
   */
  run(maxEvents = Number.POSITIVE_INFINITY): boolean {
    const queue = this.queue;
    let n = 0;
    for (;;) {
      // Whether the run is over is computed here, once an iteration, and the return below reads
      // only that local: a long first call optimises this loop by on-stack replacement before
      // anything after it has run, and a property read or a comparison of its own in the return
      // had no type feedback then, so that code was deoptimised at the end of a slice
      // (`--trace-deopt`: eight times in a 200,000-request run in slices of 50,000 for the read;
      // once, at the end of the first slice, for the comparison).
      const pending = this.arrivalPending;
      const finished = queue.size === 0 && !pending;
      if (finished || n >= maxEvents) return finished;
      n++;
      if (pending) {
        const t = this.arrivalTime;
        const next = queue.peekTime();
        if (t < next || (t === next && this.arrivalSeq < queue.peekSeq())) {
          this.arrivalPending = false;
          this.now = t;
          this.fire(NEXT_ARRIVAL, 0);
          this.events++;
          this.lastActive = t;
          continue;
        }
      }
      queue.pop();
      this.now = queue.time;
      if ((queue.target as Process).fire(queue.kind, queue.arg)) {
        this.events++;
        this.lastActive = queue.time;
      }
    }
  }

  /** The arrivals process: a user request arrives and picks an endpoint by weight. */
  fire(_kind: number, _arg: number): boolean {
    const endpoints = this.compiled.endpoints;
    let e = 0;
    if (endpoints.length > 1) {
      const u = this.rng.uniform();
      while (u >= endpoints[e].cumulative) e++;
    }
    this.arrived++;
    this.inFlight++;
    this.arrivedPerEndpoint[e]++;
    this.arrivalsOverTime.add(this.now);
    if (this.arrived < this.totalRequests) this.scheduleArrival(this.now + this.gap());
    // Users reach the entry service directly: the network model is for hops inside the system.
    const op = endpoints[e].operation;
    const tracer = this.tracer;
    const span = tracer !== null ? tracer.root(e, this.now, op.service.name, op.name) : null;
    let parent: OpParent = this;
    let intent: Intent | null = null;
    if (this.workflows !== null || this.tracksEffects) {
      const flow = this.workflows !== null ? new Workflow(this.workflows, e, this.now, this) : null;
      intent = new Intent(false, flow);
      if (flow !== null) parent = flow;
    }
    this.createRun(op, parent, e, this.now, false, span, intent).arrive(false);
    return true;
  }

  /** A user request was answered. */
  opDone(endpoint: number, outcome: number, bornAt: number): void {
    this.inFlight--;
    this.log.record(bornAt, this.now, endpoint, outcome === OK);
  }

  private gap(): number {
    return this.gaps.sample(this.rng);
  }
}
