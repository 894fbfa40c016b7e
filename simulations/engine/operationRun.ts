/**
 * Operations and their steps, as explicit state machines (no generators, no closures per event).
 *
 * `StepsRunner` walks a list of steps: each step runs `times` repetitions in sequence, and each
 * repetition launches its children (fan-out copies, parallel branches) and waits for all of them.
 * A repetition that fails ends the list as failed unless its step is `optional`. `OpRun` is one
 * run of an operation: it takes a slot (or shares its caller's, in process), does its own work,
 * may fail on its own, then runs its steps. `BranchRun` runs one branch of a `parallel` step.
 */
import {
  LOCAL_CALL,
  type OperationState,
  PARALLEL,
  PUBLISH,
  type StepState,
  WORK,
} from './compile.ts';
import { publish } from './delivery.ts';
import { ARRIVE, STEP_WORK_DONE, WORK_DONE } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import { DOWN, errorRate, HANG, hasFault, slowFactor } from './faults.ts';
import { ERROR, OK, REJECTED } from './links.ts';
import { RemoteCall } from './remoteCall.ts';
import { GRANTED, leastLoaded, REJECTED as POOL_REJECTED, type SlotPool } from './resources.ts';
import type { Simulation } from './simulation.ts';

/** Whoever waits for an operation run or a query: a step runner, a remote call, a user, the bus. */
export interface OpParent {
  /**
   * The run answered. `tag` is what the parent gave the run (attempt number, endpoint index);
   * `outcome` is OK, ERROR or REJECTED; `bornAt` is when the run was created.
   */
  opDone(tag: number, outcome: number, bornAt: number): void;
}

export abstract class StepsRunner implements Process, OpParent {
  readonly sim: Simulation;
  /** The operation whose code this is: its service makes the calls, its faults slow the work. */
  readonly op: OperationState;
  private readonly steps: readonly StepState[];
  private stepIndex = 0;
  /** Repetitions of the current step started (work) or finished (others). */
  private rep = 0;
  /** Children of the current repetition still running. */
  private pending = 0;
  private stepFailed = false;
  /** True while children are being launched: a child that answers at once must not re-enter. */
  private launching = false;

  constructor(sim: Simulation, op: OperationState, steps: readonly StepState[]) {
    this.sim = sim;
    this.op = op;
    this.steps = steps;
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
        const d = work.sample(sim.rng) * slowFactor(this.op.faults, sim.now);
        if (d > 0) {
          sim.schedule(d, this, STEP_WORK_DONE, 0);
          return;
        }
        continue;
      }
      if (kind === PUBLISH) {
        this.rep++;
        publish(sim, step.event as NonNullable<StepState['event']>);
        continue;
      }
      this.stepFailed = false;
      this.launching = true;
      this.launch(step);
      this.launching = false;
      if (this.pending > 0 || !this.endRepetition()) return;
    }
    this.stepsDone(true);
  }

  private launch(step: StepState): void {
    const sim = this.sim;
    if (step.kind === PARALLEL) {
      const branches = step.branches as NonNullable<StepState['branches']>;
      this.pending = branches.length;
      for (const branch of branches) new BranchRun(sim, this.op, branch, this).runSteps();
      return;
    }
    const n = step.fanout;
    this.pending = n;
    if (step.kind === LOCAL_CALL) {
      const op = step.operation as OperationState;
      for (let i = 0; i < n; i++) new OpRun(sim, op, this, 0, sim.now).startInProcess();
    } else {
      // REMOTE_CALL or QUERY: network, queue and retries are the remote call's business.
      for (let i = 0; i < n; i++) new RemoteCall(sim, this, step).start();
    }
  }

  /** Closes the current repetition; false when it ended the list (a non-optional failure). */
  private endRepetition(): boolean {
    this.rep++;
    if (this.stepFailed && !this.steps[this.stepIndex].optional) {
      this.stepIndex = this.steps.length;
      this.stepsDone(false);
      return false;
    }
    return true;
  }
}

/** One run of an operation. */
export class OpRun extends StepsRunner {
  readonly parent: OpParent;
  /** Given by the parent and handed back: attempt number, endpoint index, … */
  readonly tag: number;
  /** When the run was created (a user request's arrival time). */
  readonly bornAt: number;
  /** The slot pool holding this run's slot; null for in-process runs (they use the caller's). */
  private pool: SlotPool | null = null;

  constructor(sim: Simulation, op: OperationState, parent: OpParent, tag: number, bornAt: number) {
    super(sim, op, op.steps);
    this.parent = parent;
    this.tag = tag;
    this.bornAt = bornAt;
  }

  override fire(kind: number, arg: number): boolean {
    if (kind === WORK_DONE) this.afterOwnWork();
    else if (kind === ARRIVE) this.arrive(arg === 1);
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
        this.parent.opDone(this.tag, ERROR, this.bornAt);
        return;
      }
      if (hasFault(faults, HANG, now)) return;
    }
    const replicas = service.replicas;
    const i = leastLoaded(replicas, service.nextReplica);
    service.nextReplica = i + 1 === replicas.length ? 0 : i + 1;
    const pool = replicas[i];
    const result = pool.acquire(this, now);
    if (result === POOL_REJECTED) {
      service.rejected++;
      this.parent.opDone(this.tag, REJECTED, this.bornAt);
      return;
    }
    this.pool = pool;
    if (result === GRANTED) this.grant();
  }

  /** In-process: runs in the caller's slot, with no network and no queue. */
  startInProcess(): void {
    const faults = this.op.faults;
    const now = this.sim.now;
    if (faults !== null) {
      if (hasFault(faults, DOWN, now)) {
        this.parent.opDone(this.tag, ERROR, this.bornAt);
        return;
      }
      if (hasFault(faults, HANG, now)) return;
    }
    this.grant();
  }

  /** The run has its slot: own work first (always an event, so a queue never recurses). */
  grant(): void {
    const sim = this.sim;
    const op = this.op;
    const d = op.work.sample(sim.rng) * slowFactor(op.faults, sim.now);
    sim.schedule(d, this, WORK_DONE, 0);
  }

  private afterOwnWork(): void {
    const sim = this.sim;
    const p = errorRate(this.op.faults, this.op.service.errorRate, sim.now);
    // No draw when p = 0, so error-free models spend no random numbers here.
    if (p > 0 && sim.rng.uniform() < p) this.finish(ERROR);
    else this.runSteps();
  }

  protected stepsDone(ok: boolean): void {
    this.finish(ok ? OK : ERROR);
  }

  private finish(outcome: number): void {
    const pool = this.pool;
    if (pool !== null) {
      if (outcome === ERROR) this.op.service.errors++;
      pool.release(this.sim.now);
    }
    this.parent.opDone(this.tag, outcome, this.bornAt);
  }
}

/** One branch of a `parallel` step: a one-step list, reporting to the runner that launched it. */
export class BranchRun extends StepsRunner {
  private readonly parent: StepsRunner;

  constructor(
    sim: Simulation,
    op: OperationState,
    steps: readonly StepState[],
    parent: StepsRunner,
  ) {
    super(sim, op, steps);
    this.parent = parent;
  }

  protected stepsDone(ok: boolean): void {
    this.parent.childDone(ok);
  }
}
