/**
 * Operations and their steps, as explicit state machines (no generators, no closures per event).
 *
 * `StepsRunner` walks a list of steps: each step runs `times` repetitions in sequence, and each
 * repetition launches its children (fan-out copies, parallel branches) and waits for all of them.
 * A repetition that fails ends the list as failed unless its step is `optional`. `OpRun` is one
 * run of an operation: it takes a slot (or shares its caller's, in process), does its own work on
 * a core, may fail on its own, then runs its steps. `BranchRun` runs one branch of a `parallel`
 * step. Other processes are started through the `Runtime`, never constructed here.
 */
import {
  LOCAL_CALL,
  type OperationState,
  PARALLEL,
  PUBLISH,
  type StepState,
  WORK,
} from './compile.ts';
import { ARRIVE, REPLY_SENT, STEP_WORK_DONE, WORK_DONE } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import { DOWN, errorRate, HANG, hasFault, slowFactor } from './faults.ts';
import { childKey, type Intent } from './intent.ts';
import { ERROR, OK, REJECTED } from './links.ts';
import {
  type CorePool,
  GRANTED,
  leastLoaded,
  leastLoadedUp,
  REJECTED as POOL_REJECTED,
  type SlotPool,
} from './resources.ts';
import type { Arrival, OpParent, Runtime, StepCaller } from './runtime.ts';
import { OUTCOME_NAMES, type Span } from './trace.ts';

export abstract class StepsRunner implements Process, OpParent, StepCaller {
  readonly sim: Runtime;
  /** The operation whose code this is: its service makes the calls, its faults slow the work. */
  op: OperationState;
  /** The cores this code runs on: its replica's (set when the run gets a replica). */
  cores: CorePool;
  /** The span of this run when its request is traced: the parent of the spans of its calls. */
  span: Span | null;
  /** The work this run does, for side effects and workflows (`intent.ts`); null when untracked. */
  intent: Intent | null;
  /** The replica this code runs on, and that replica's epoch when the run got it. */
  replica = 0;
  epoch = 0;
  /**
   * The span this runner's time is added to: the run's own, or null for a `parallel` branch,
   * whose time overlaps its siblings' and is already in the run's wait for the step.
   */
  private timed: Span | null;
  /** When the current repetition's children were launched (traced runs only). */
  private waitFrom = 0;
  private steps: readonly StepState[];
  private stepIndex = 0;
  /** Repetitions of the current step started (work) or finished (others). */
  private rep = 0;
  /** Children of the current repetition still running. */
  private pending = 0;
  private stepFailed = false;
  /** True while children are being launched: a child that answers at once must not re-enter. */
  private launching = false;

  constructor(
    sim: Runtime,
    op: OperationState,
    steps: readonly StepState[],
    cores: CorePool,
    span: Span | null,
    timed: boolean,
    intent: Intent | null,
  ) {
    this.sim = sim;
    this.op = op;
    this.steps = steps;
    this.cores = cores;
    this.span = span;
    this.timed = timed ? span : null;
    this.intent = intent;
  }

  /** Starts over as a fresh runner (a recycled run, see `OpRun.reuse`). */
  protected reset(
    op: OperationState,
    steps: readonly StepState[],
    cores: CorePool,
    span: Span | null,
    intent: Intent | null,
  ): void {
    this.op = op;
    this.steps = steps;
    this.cores = cores;
    this.span = span;
    this.timed = span;
    this.intent = intent;
    this.replica = 0;
    this.epoch = 0;
    this.waitFrom = 0;
    this.stepIndex = 0;
    this.rep = 0;
    this.pending = 0;
    this.stepFailed = false;
    this.launching = false;
  }

  /** The replica crashed since this run started on it: its work is lost (`supervision.ts`). */
  protected lost(): boolean {
    return this.op.service.epoch[this.replica] !== this.epoch;
  }

  /** Runs a CPU burst of `d` ms on this run's cores now; returns when it ends. */
  protected burst(d: number): number {
    const now = this.sim.now;
    const end = this.cores.run(now, d);
    if (this.timed !== null) this.timed.burst(now, d, end);
    return end;
  }

  /** The list ended: `ok` false when a non-optional step failed. */
  protected abstract stepsDone(ok: boolean): void;

  fire(_kind: number, _arg: number): boolean {
    // STEP_WORK_DONE: the repetition was counted when the work started.
    this.runSteps();
    return true;
  }

  opDone(_tag: number, outcome: number, _bornAt: number): void {
    this.childDone(outcome === OK);
  }

  /** A child of the current repetition finished. */
  childDone(ok: boolean): void {
    if (!ok) this.stepFailed = true;
    if (--this.pending === 0 && !this.launching && this.endRepetition()) this.runSteps();
  }

  /** Runs steps until one must wait for time to pass or for children, or the list ends. */
  protected runSteps(): void {
    const steps = this.steps;
    const sim = this.sim;
    if (this.op.service.crashable && this.lost()) {
      // A crashed process runs nothing more: the run fails where it stands.
      this.stepIndex = steps.length;
      this.stepsDone(false);
      return;
    }
    while (this.stepIndex < steps.length) {
      const step = steps[this.stepIndex];
      if (this.rep === step.times) {
        this.stepIndex++;
        this.rep = 0;
        continue;
      }
      const kind = step.kind;
      if (kind === WORK) {
        this.rep++;
        const work = step.work as NonNullable<StepState['work']>;
        const now = sim.now;
        const d = work.sample(sim.rng) * slowFactor(this.op.faults, now);
        if (d > 0) {
          sim.scheduleAt(this.burst(d), this, STEP_WORK_DONE, 0);
          return;
        }
        continue;
      }
      if (kind === PUBLISH) {
        this.rep++;
        const event = step.event as NonNullable<StepState['event']>;
        sim.publish(event, this.op.service, this.intent, childKey(step.uid, this.rep - 1, 0));
        // Handing the event to the bus is one message to serialise and send; an in-process job
        // queue (every consumer in this service) costs nothing.
        if (event.hasRemoteConsumer && sim.overhead > 0) {
          sim.scheduleAt(this.burst(sim.overhead), this, STEP_WORK_DONE, 0);
          return;
        }
        continue;
      }
      this.stepFailed = false;
      if (this.timed !== null) this.waitFrom = sim.now;
      this.launching = true;
      this.launch(step);
      this.launching = false;
      if (this.pending > 0 || !this.endRepetition()) return;
    }
    this.stepsDone(true);
  }

  private launch(step: StepState): void {
    const sim = this.sim;
    // Child work gets its own intent only when side effects are tracked; else it shares this one.
    const intent = this.intent;
    const own = intent !== null && sim.tracksEffects ? intent : null;
    const rep = this.rep;
    if (step.kind === PARALLEL) {
      const branches = step.branches as NonNullable<StepState['branches']>;
      this.pending = branches.length;
      for (let b = 0; b < branches.length; b++) {
        const child = own !== null ? own.child(childKey(step.uid, rep, b), false) : intent;
        new BranchRun(sim, this.op, branches[b] as readonly StepState[], this, child).runSteps();
      }
      return;
    }
    const n = step.fanout;
    this.pending = n;
    if (step.kind === LOCAL_CALL) {
      const op = step.operation as OperationState;
      for (let i = 0; i < n; i++) {
        sim.runInProcess(
          op,
          this,
          own !== null ? own.child(childKey(step.uid, rep, i), false) : intent,
        );
      }
    } else {
      // REMOTE_CALL or QUERY: network, queue and retries are the remote call's business.
      const keyed = step.idempotencyKey;
      for (let i = 0; i < n; i++) {
        sim.callRemote(
          this,
          step,
          own !== null ? own.child(childKey(step.uid, rep, i), keyed) : intent,
        );
      }
    }
  }

  /** Closes the current repetition; false when it ended the list (a non-optional failure). */
  private endRepetition(): boolean {
    this.rep++;
    if (this.timed !== null) this.timed.wait += this.sim.now - this.waitFrom;
    if (this.stepFailed && !this.steps[this.stepIndex].optional) {
      this.stepIndex = this.steps.length;
      this.stepsDone(false);
      return false;
    }
    return true;
  }
}

/**
 * One run of an operation. Runs are recycled (`reuse`) once they have answered: by then nothing
 * holds one (its events have fired, its children have answered, its parent keeps no reference),
 * and a run per attempt was most of what a run allocated.
 */
export class OpRun extends StepsRunner implements Arrival {
  parent: OpParent;
  /** Given by the parent and handed back: attempt number, endpoint index, … */
  tag: number;
  /** When the run was created (a user request's arrival time). */
  bornAt: number;
  /** Reached over the network: it reads a request message and writes an answer. */
  private remote: boolean;
  /** The slot pool holding this run's slot; null for in-process runs (they use the caller's). */
  private pool: SlotPool | null = null;

  constructor(
    sim: Runtime,
    op: OperationState,
    parent: OpParent,
    tag: number,
    bornAt: number,
    remote: boolean,
    cores: CorePool,
    span: Span | null,
    intent: Intent | null,
  ) {
    super(sim, op, op.steps, cores, span, true, intent);
    this.parent = parent;
    this.tag = tag;
    this.bornAt = bornAt;
    this.remote = remote;
  }

  /** This (answered) run becomes a new one, as the constructor would make it. */
  reuse(
    op: OperationState,
    parent: OpParent,
    tag: number,
    bornAt: number,
    remote: boolean,
    cores: CorePool,
    intent: Intent | null,
  ): OpRun {
    this.reset(op, op.steps, cores, null, intent);
    this.parent = parent;
    this.tag = tag;
    this.bornAt = bornAt;
    this.remote = remote;
    this.pool = null;
    return this;
  }

  override fire(kind: number, arg: number): boolean {
    if (kind === WORK_DONE) this.afterOwnWork();
    else if (kind === ARRIVE) this.arrive(arg === 1);
    else if (kind === REPLY_SENT) this.answer(arg);
    else this.runSteps();
    return true;
  }

  /**
   * The attempt reaches the service: a `down` fault fails it, a `hang` swallows it (it takes no
   * slot and never answers), a full queue on the least-loaded replica rejects it; otherwise it
   * takes a slot now or waits in that replica's FIFO queue.
   */
  arrive(isRetry: boolean): void {
    const sim = this.sim;
    const now = sim.now;
    const op = this.op;
    const service = op.service;
    service.attempts++;
    if (isRetry) service.retries++;
    service.attemptsOverTime.add(now);
    const faults = op.faults;
    if (faults !== null) {
      if (hasFault(faults, DOWN, now)) {
        service.errors++;
        this.reply(ERROR);
        return;
      }
      if (hasFault(faults, HANG, now)) return;
    }
    const replicas = service.replicas;
    let i: number;
    if (service.crashable) {
      i = leastLoadedUp(replicas, service.down, service.nextReplica);
      if (i < 0) {
        // Every replica is down: the connection is refused at once, as for a `down` fault.
        service.errors++;
        this.reply(ERROR);
        return;
      }
      this.replica = i;
      this.epoch = service.epoch[i];
    } else {
      i = leastLoaded(replicas, service.nextReplica);
    }
    service.nextReplica = i + 1 === replicas.length ? 0 : i + 1;
    const pool = replicas[i];
    const result = pool.acquire(this, now);
    if (result === POOL_REJECTED) {
      service.rejected++;
      this.reply(REJECTED);
      return;
    }
    if (this.span !== null) this.span.queuedAt = now;
    this.pool = pool;
    this.cores = service.cores[i];
    if (result === GRANTED) this.grant();
  }

  /** In-process: runs in the caller's slot and on its cores, with no network and no queue. */
  startInProcess(caller: StepCaller): void {
    this.replica = caller.replica;
    this.epoch = caller.epoch;
    const faults = this.op.faults;
    const now = this.sim.now;
    if (faults !== null) {
      if (hasFault(faults, DOWN, now)) {
        this.reply(ERROR);
        return;
      }
      if (hasFault(faults, HANG, now)) return;
    }
    this.grant();
  }

  /**
   * The run has its slot: reading the request (if it came over the network) and its own work are
   * one burst on a core. Always an event, so a queue never recurses.
   */
  grant(): void {
    const sim = this.sim;
    const op = this.op;
    const now = sim.now;
    let d = op.work.sample(sim.rng) * slowFactor(op.faults, now);
    if (this.remote) d += sim.overhead;
    const span = this.span;
    if (span !== null) span.queue += now - span.queuedAt;
    sim.scheduleAt(this.burst(d), this, WORK_DONE, 0);
  }

  private afterOwnWork(): void {
    const sim = this.sim;
    const service = this.op.service;
    if (service.crashable) {
      if (this.lost()) {
        this.finish(ERROR);
        return;
      }
      if (service.crashRate > 0 && sim.rng.uniform() < service.crashRate) {
        // Its process dies with it: every run on the replica is lost (this one included).
        sim.crash(service, this.replica);
        this.finish(ERROR);
        return;
      }
    }
    const p = errorRate(this.op.faults, service.errorRate, sim.now);
    // No draw when p = 0, so error-free models spend no random numbers here.
    if (p > 0 && sim.rng.uniform() < p) this.finish(ERROR);
    else this.runSteps();
  }

  protected stepsDone(ok: boolean): void {
    // The effect is written when the run's work completes, before it answers: an answer lost
    // afterwards (a timeout, the network, a crash) leaves the effect written.
    if (ok && this.op.sideEffect && this.intent !== null)
      this.sim.writeEffect(this.op, this.intent);
    this.finish(ok ? OK : ERROR);
  }

  /** Queued on a replica that crashed: it never gets a slot. */
  lostInQueue(): void {
    this.pool = null;
    this.op.service.errors++;
    this.reply(ERROR);
  }

  /** Done: a remote run first writes its answer (a burst of overhead), still holding its slot. */
  private finish(outcome: number): void {
    const sim = this.sim;
    if (this.remote && sim.overhead > 0) {
      sim.scheduleAt(this.burst(sim.overhead), this, REPLY_SENT, outcome);
      return;
    }
    this.answer(outcome);
  }

  private answer(outcome: number): void {
    const pool = this.pool;
    if (pool !== null) {
      if (this.op.service.crashable && this.lost()) {
        // The crash freed the slot already; whatever the run did, its caller gets no answer.
        this.op.service.errors++;
        this.reply(ERROR);
        return;
      }
      if (outcome === ERROR) this.op.service.errors++;
      pool.release(this.sim.now);
    }
    this.reply(outcome);
  }

  /** Hands the outcome to the parent (a remote span's end is then moved by its caller). */
  private reply(outcome: number): void {
    const span = this.span;
    if (span !== null) {
      span.end = this.sim.now;
      if (!span.abandoned) span.outcome = OUTCOME_NAMES[outcome];
      this.parent.opDone(this.tag, outcome, this.bornAt);
      return; // traced runs are not recycled: their spans outlive them
    }
    this.parent.opDone(this.tag, outcome, this.bornAt);
    this.sim.recycle(this);
  }
}

/** One branch of a `parallel` step: a one-step list, reporting to the runner that launched it. */
export class BranchRun extends StepsRunner {
  private readonly parent: StepsRunner;

  constructor(
    sim: Runtime,
    op: OperationState,
    steps: readonly StepState[],
    parent: StepsRunner,
    intent: Intent | null,
  ) {
    super(sim, op, steps, parent.cores, parent.span, false, intent);
    this.parent = parent;
    this.replica = parent.replica;
    this.epoch = parent.epoch;
  }

  protected stepsDone(ok: boolean): void {
    this.parent.childDone(ok);
  }
}
