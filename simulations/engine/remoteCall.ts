/**
 * One copy of a remote call or a datastore query, with its retries.
 *
 * Each attempt crosses the network (latency one way), is handled by a fresh `OpRun` or `QueryRun`
 * at the callee, and its answer crosses back. A timeout abandons the attempt: the call moves on,
 * but the callee's run is not cancelled and keeps its slot until its work is done (its late answer
 * is ignored: attempts are numbered, and only the current one counts).
 *
 * Before each attempt the link is asked (`Link.admit`: retry budget, then circuit breaker); a
 * denied attempt fails the call at once, with no network and no load on the callee, and is not
 * retried. Each admitted attempt's outcome is reported to the link exactly once, when the caller
 * learns it (`conclude`): an answer in time, or the timer firing.
 */
import type { StepState } from './compile.ts';
import { ARRIVE, RESPONSE, RETRY } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import { DENIED, type Link, OK, TIMEOUT } from './links.ts';
import { type OpParent, OpRun, type StepsRunner } from './operationRun.ts';
import { QueryRun } from './queryRun.ts';
import type { Simulation } from './simulation.ts';
import type { TimeoutOwner } from './timeoutLane.ts';

export class RemoteCall implements Process, OpParent, TimeoutOwner {
  private readonly sim: Simulation;
  private readonly caller: StepsRunner;
  private readonly step: StepState;
  /** Attempts made so far; the current attempt's number. */
  private attempt = 0;
  /** True while the current attempt may still answer or time out. */
  private awaiting = false;
  /** The last backoff delay (decorrelated jitter grows from it). */
  private previousDelay = 0;
  /** The breaker ticket of the current attempt (0 without a breaker). */
  private ticket = 0;

  constructor(sim: Simulation, caller: StepsRunner, step: StepState) {
    this.sim = sim;
    this.caller = caller;
    this.step = step;
  }

  /** Makes the first attempt. */
  start(): void {
    this.previousDelay = (this.step.retry as NonNullable<StepState['retry']>).backoff.base;
    this.makeAttempt();
  }

  private makeAttempt(): void {
    const sim = this.sim;
    const step = this.step;
    const isRetry = this.attempt > 0;
    const ticket = (step.link as Link).admit(sim.now, isRetry, step.breaker, step.budget);
    if (ticket === DENIED) {
      this.caller.childDone(false);
      return;
    }
    this.ticket = ticket;
    const n = ++this.attempt;
    this.awaiting = true;
    const latency = sim.network.sample(sim.rng);
    const datastore = step.datastore;
    if (datastore !== null) {
      sim.schedule(latency, new QueryRun(sim, datastore, this, n), ARRIVE, isRetry ? 1 : 0);
    } else {
      sim.remoteServiceCalls++;
      const run = new OpRun(
        sim,
        step.operation as NonNullable<StepState['operation']>,
        this,
        n,
        sim.now,
      );
      sim.schedule(latency, run, ARRIVE, isRetry ? 1 : 0);
    }
    if (step.timeoutLane >= 0) sim.timeoutLanes[step.timeoutLane].add(sim.now, this, n);
  }

  /** The callee answered (or refused): the answer travels back over the network. */
  opDone(tag: number, outcome: number, _bornAt: number): void {
    const sim = this.sim;
    sim.schedule(sim.network.sample(sim.rng), this, RESPONSE, tag * 4 + outcome);
  }

  fire(kind: number, arg: number): boolean {
    if (kind === RESPONSE) {
      if (!this.awaiting || arg >> 2 !== this.attempt) return false; // answer to an abandoned attempt
      this.conclude(arg & 3);
      return true;
    }
    // RETRY: the backoff is over.
    this.makeAttempt();
    return true;
  }

  waitsFor(attempt: number): boolean {
    return this.awaiting && attempt === this.attempt;
  }

  timedOut(attempt: number): boolean {
    if (!this.waitsFor(attempt)) return false; // the attempt answered in time
    const step = this.step;
    if (step.datastore !== null) step.datastore.timeouts++;
    else (step.operation as NonNullable<StepState['operation']>).service.timeouts++;
    this.conclude(TIMEOUT);
    return true;
  }

  private conclude(outcome: number): void {
    const sim = this.sim;
    const step = this.step;
    this.awaiting = false;
    (step.link as Link).record(sim.now, this.ticket, outcome, step.breaker);
    if (outcome === OK) {
      this.caller.childDone(true);
      return;
    }
    const retry = step.retry as NonNullable<StepState['retry']>;
    if (this.attempt >= retry.attempts || (retry.onMask & (1 << outcome)) === 0) {
      this.caller.childDone(false);
      return;
    }
    const delay = retry.backoff.delay(this.attempt, this.previousDelay, sim.rng);
    this.previousDelay = delay;
    if (delay > 0) sim.schedule(delay, this, RETRY, 0);
    else this.makeAttempt();
  }
}
