/**
 * One copy of a remote call or a datastore query, with its retries.
 *
 * Each attempt costs the caller a burst of CPU to write the request (`network.overhead`), crosses
 * the network (latency one way), is handled by a fresh run at the callee, and its answer crosses
 * back and costs the caller another burst to read. A timeout abandons the attempt: the call moves
 * on, but the callee's run is not cancelled and keeps its slot until its work is done (its late
 * answer is ignored: attempts are numbered, and only the current one counts).
 *
 * With `network.errorRate` p, an attempt is lost on the network with chance p: half the time the
 * request (the callee never sees it; the caller learns after a round trip, as from a reset
 * connection), half the time the answer (the callee did the work; the caller gets an error). Either
 * is an `error` a retry may answer. In-process calls never get here, so they never see it.
 *
 * Before each attempt the link is asked (`Link.admit`: retry budget, then circuit breaker); a
 * denied attempt fails the call at once, with no network and no load on the callee, and is not
 * retried. Each admitted attempt's outcome is reported to the link exactly once, when the caller
 * learns it (`conclude`): an answer in time, or the timer firing.
 */
import type { StepState } from './compile.ts';
import { ARRIVE, RESPONSE, RESPONSE_READ, RETRY } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import { DENIED, ERROR, type Link, OK, TIMEOUT } from './links.ts';
import type { OpParent, Runtime, StepCaller } from './runtime.ts';
import type { TimeoutOwner } from './timeoutLane.ts';

export class RemoteCall implements Process, OpParent, TimeoutOwner {
  private readonly sim: Runtime;
  private readonly caller: StepCaller;
  private readonly step: StepState;
  /** Attempts made so far; the current attempt's number. */
  private attempt = 0;
  /** True while the current attempt may still answer or time out. */
  private awaiting = false;
  /** The current attempt's answer will be lost on the way back. */
  private answerLost = false;
  /** The last backoff delay (decorrelated jitter grows from it). */
  private previousDelay = 0;
  /** The breaker ticket of the current attempt (0 without a breaker). */
  private ticket = 0;

  constructor(sim: Runtime, caller: StepCaller, step: StepState) {
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
    const now = sim.now;
    const isRetry = this.attempt > 0;
    const ticket = (step.link as Link).admit(now, isRetry, step.breaker, step.budget);
    if (ticket === DENIED) {
      this.caller.childDone(false);
      return;
    }
    this.ticket = ticket;
    const n = ++this.attempt;
    this.awaiting = true;
    this.answerLost = false;
    const datastore = step.datastore;
    if (datastore === null) sim.remoteServiceCalls++;
    // Writing the request takes the caller's CPU before anything leaves.
    const sent = sim.overhead > 0 ? this.caller.cores.run(now, sim.overhead) : now;
    const arrives = sent + sim.network.sample(sim.rng);
    const p = sim.networkErrorRate;
    const u = p > 0 ? sim.rng.uniform() : 1;
    if (u < p / 2) {
      // The request is lost: nothing reaches the callee; the caller hears after a round trip.
      this.countNetworkError();
      sim.scheduleAt(arrives + sim.network.sample(sim.rng), this, RESPONSE, n * 4 + ERROR);
    } else {
      this.answerLost = u < p;
      const run =
        datastore !== null
          ? sim.createQuery(datastore, this, n)
          : sim.createRun(
              step.operation as NonNullable<StepState['operation']>,
              this,
              n,
              now,
              true,
            );
      sim.scheduleAt(arrives, run, ARRIVE, isRetry ? 1 : 0);
    }
    if (step.timeoutLane >= 0) sim.timeoutLanes[step.timeoutLane].add(now, this, n);
  }

  private countNetworkError(): void {
    const sim = this.sim;
    sim.networkErrors++;
    const step = this.step;
    if (step.datastore !== null) step.datastore.networkErrors++;
    else (step.operation as NonNullable<StepState['operation']>).service.networkErrors++;
  }

  /** The callee answered (or refused): the answer travels back over the network. */
  opDone(tag: number, outcome: number, _bornAt: number): void {
    const sim = this.sim;
    let answer = outcome;
    if (this.answerLost && tag === this.attempt) {
      this.answerLost = false;
      this.countNetworkError();
      answer = ERROR;
    }
    sim.schedule(sim.network.sample(sim.rng), this, RESPONSE, tag * 4 + answer);
  }

  fire(kind: number, arg: number): boolean {
    if (kind === RESPONSE || kind === RESPONSE_READ) {
      if (!this.awaiting || arg >> 2 !== this.attempt) return false; // answer to an abandoned attempt
      const sim = this.sim;
      if (kind === RESPONSE && sim.overhead > 0) {
        // Reading the answer takes the caller's CPU; the timer keeps running meanwhile.
        sim.scheduleAt(this.caller.cores.run(sim.now, sim.overhead), this, RESPONSE_READ, arg);
        return true;
      }
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
