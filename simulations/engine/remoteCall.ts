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
 *
 * With `hedge` (see `hedge.ts`), an attempt is a set of copies: the first, then another each time
 * `delay` passes without an answer, up to `max` extra copies. The first successful answer wins and
 * the others are ignored (their runs are not cancelled: they hold their slots and do their work,
 * which is what hedging costs the callee). A failed copy ends the attempt only when no other copy
 * is still out, with that copy's outcome; the timeout covers the whole attempt, from its first
 * copy. The link sees an attempt once whatever its copies: one admission (the budget and the
 * breaker are asked before the first copy only; a hedge is not a retry and spends no retry token)
 * and one recorded outcome. A retry, when the policy allows one, is a new attempt, hedged in turn.
 * Copies are numbered across attempts (`tag`); without hedging a copy's number is its attempt's.
 */
import type { OperationState, StepState } from './compile.ts';
import { ARRIVE, HEDGE, RESPONSE, RESPONSE_READ, RETRY } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import type { HedgeState } from './hedge.ts';
import type { Intent } from './intent.ts';
import { DENIED, ERROR, type Link, OK, TIMEOUT } from './links.ts';
import type { OpParent, Runtime, StepCaller } from './runtime.ts';
import type { TimeoutOwner } from './timeoutLane.ts';
import { OUTCOME_NAMES, type Span } from './trace.ts';

export class RemoteCall implements Process, OpParent, TimeoutOwner {
  private readonly sim: Runtime;
  // Every field below is set by `reuse`, which the constructor calls too: a new call and a
  // recycled one start from the same code, so a field added later cannot carry a stale value
  // from the call a recycled object served before.
  private caller!: StepCaller;
  private step!: StepState;
  /** The call's work: every attempt and hedge of it runs under this one intent. */
  private intent!: Intent | null;
  /** Attempts made so far; the current attempt's number. */
  private attempt!: number;
  /** Copies sent so far over all attempts: the last copy's tag (equal to `attempt` unhedged). */
  private copies!: number;
  /** The tag of the current attempt's first copy: answers with a smaller tag are stale. */
  private first!: number;
  /** When the current attempt began (the hedge delay's estimate measures from here). */
  private firstSentAt!: number;
  /** Copies of the current attempt still out (sent and not yet failed). */
  private inFlight!: number;
  /** True while the current attempt may still answer or time out. */
  private awaiting!: boolean;
  /** Bit k: the answer to the current attempt's copy k (0 = the first) will be lost. */
  private lostAnswers!: number;
  /** The last backoff delay (decorrelated jitter grows from it). */
  private previousDelay!: number;
  /** The breaker ticket of the current attempt (0 without a breaker). */
  private ticket!: number;
  /** The current attempt holds a place in the link's bulkhead. */
  private inBulkhead!: boolean;
  /** The copies' spans by tag, when the caller's request is traced. */
  private spans!: (Span | null)[] | null;

  constructor(sim: Runtime, caller: StepCaller, step: StepState, intent: Intent | null) {
    this.sim = sim;
    this.reuse(caller, step, intent);
  }

  /** Starts over as a new call: from the constructor, or once answered and unreachable. */
  reuse(caller: StepCaller, step: StepState, intent: Intent | null): RemoteCall {
    this.caller = caller;
    this.step = step;
    this.intent = intent;
    this.attempt = 0;
    this.copies = 0;
    this.first = 0;
    this.firstSentAt = 0;
    this.inFlight = 0;
    this.awaiting = false;
    this.lostAnswers = 0;
    this.previousDelay = 0;
    this.ticket = 0;
    this.inBulkhead = false;
    this.spans = null;
    return this;
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
    const link = step.link as Link;
    if (step.bulkhead) {
      // Full: the attempt fails at once, before the budget or the breaker see it.
      if (link.inBulkhead >= link.bulkhead) {
        link.bulkheadRejected++;
        this.answerCaller(false);
        return;
      }
      if (++link.inBulkhead > link.maxInBulkhead) link.maxInBulkhead = link.inBulkhead;
      this.inBulkhead = true;
    }
    const ticket = link.admit(now, isRetry, step.breaker, step.budget);
    if (ticket === DENIED) {
      this.leaveBulkhead();
      this.answerCaller(false);
      return;
    }
    this.ticket = ticket;
    const n = ++this.attempt;
    this.awaiting = true;
    this.lostAnswers = 0;
    this.inFlight = 0;
    this.first = this.copies + 1;
    this.firstSentAt = now;
    this.sendCopy(false);
    if (step.timeoutLane >= 0) sim.timeoutLanes[step.timeoutLane].add(now, this, n);
    const hedge = step.hedge;
    // While a percentile delay is still warming up it is infinite: no hedge.
    if (hedge !== null && hedge.delay < Number.POSITIVE_INFINITY) {
      sim.schedule(hedge.delay, this, HEDGE, n);
    }
  }

  /** Sends one copy of the current attempt: the first, or a hedge. */
  private sendCopy(hedge: boolean): void {
    const sim = this.sim;
    const step = this.step;
    const now = sim.now;
    const tag = ++this.copies;
    this.inFlight++;
    const datastore = step.datastore;
    if (datastore === null) sim.remoteServiceCalls++;
    // Writing the request takes the caller's CPU before anything leaves.
    const sent = sim.overhead > 0 ? this.caller.cores.run(now, sim.overhead) : now;
    const oneWay = sim.network.sample(sim.rng);
    const arrives = sent + oneWay;
    const p = sim.networkErrorRate;
    const u = p > 0 ? sim.rng.uniform() : 1;
    const span = this.caller.span !== null ? this.openSpan(tag, hedge, now) : null;
    if (span !== null) {
      span.burst(now, sim.overhead, sent);
      span.network += oneWay;
    }
    if (u < p / 2) {
      // The request is lost: nothing reaches the callee; the caller hears after a round trip.
      this.countNetworkError();
      const back = sim.network.sample(sim.rng);
      if (span !== null) {
        span.network += back;
        span.outcome = 'error';
      }
      sim.scheduleAt(arrives + back, this, RESPONSE, tag * 4 + ERROR);
    } else {
      if (u < p) this.lostAnswers |= 1 << (tag - this.first);
      const run =
        datastore !== null
          ? sim.createQuery(datastore, this, tag, span)
          : sim.createRun(
              step.operation as OperationState,
              this,
              tag,
              now,
              true,
              span,
              this.intent,
            );
      // A hedge copy is not a retry: the callee counts it as a first attempt (and in `hedges`).
      sim.scheduleAt(arrives, run, ARRIVE, !hedge && this.attempt > 1 ? 1 : 0);
    }
  }

  private openSpan(tag: number, hedge: boolean, now: number): Span | null {
    const parent = this.caller.span as Span;
    const step = this.step;
    const op = step.operation;
    const span =
      step.datastore !== null
        ? parent.child('query', step.datastore.name, '', now, this.attempt, hedge)
        : parent.child(
            'operation',
            (op as OperationState).service.name,
            (op as OperationState).name,
            now,
            this.attempt,
            hedge,
          );
    if (span !== null) {
      this.spans ??= [];
      this.spans[tag] = span;
    }
    return span;
  }

  private countNetworkError(): void {
    const sim = this.sim;
    sim.networkErrors++;
    const step = this.step;
    if (step.datastore !== null) step.datastore.networkErrors++;
    else (step.operation as OperationState).service.networkErrors++;
  }

  /** The callee answered (or refused): the answer travels back over the network. */
  opDone(tag: number, outcome: number, _bornAt: number): void {
    const sim = this.sim;
    let answer = outcome;
    const bit = tag - this.first;
    if (bit >= 0 && (this.lostAnswers & (1 << bit)) !== 0) {
      this.lostAnswers &= ~(1 << bit);
      this.countNetworkError();
      answer = ERROR;
    }
    const back = sim.network.sample(sim.rng);
    if (this.spans !== null) {
      const span = this.spans[tag];
      if (span != null) span.network += back;
    }
    sim.schedule(back, this, RESPONSE, tag * 4 + answer);
  }

  fire(kind: number, arg: number): boolean {
    if (kind === RETRY) {
      // The backoff is over.
      this.makeAttempt();
      return true;
    }
    if (kind === HEDGE) return this.hedge(arg);
    // RESPONSE or RESPONSE_READ.
    const sim = this.sim;
    const tag = arg >> 2;
    const outcome = arg & 3;
    if (kind === RESPONSE && tag === this.first && outcome === OK && this.step.hedge !== null) {
      (this.step.hedge as HedgeState).observe(sim.now - this.firstSentAt);
    }
    const span = this.spans !== null ? (this.spans[tag] ?? null) : null;
    if (!this.awaiting || tag < this.first) {
      // An answer to an abandoned copy: it is ignored, but the trace shows when it came.
      if (span !== null && kind === RESPONSE) span.end = sim.now;
      return false;
    }
    if (kind === RESPONSE && sim.overhead > 0) {
      // Reading the answer takes the caller's CPU; the timer keeps running meanwhile.
      const now = sim.now;
      const end = this.caller.cores.run(now, sim.overhead);
      if (span !== null) span.burst(now, sim.overhead, end);
      sim.scheduleAt(end, this, RESPONSE_READ, arg);
      return true;
    }
    if (span !== null) {
      span.read = true;
      span.end = sim.now;
      span.outcome = OUTCOME_NAMES[outcome];
    }
    // A failed copy ends the attempt only when no other copy is still out.
    if (outcome !== OK && --this.inFlight > 0) return true;
    if (outcome === OK && tag !== this.first)
      (this.step.operation as OperationState).service.hedgeWins++;
    this.conclude(outcome);
    return true;
  }

  /** The hedge delay passed: another copy, unless the attempt is over or has all its copies. */
  private hedge(attempt: number): boolean {
    if (!this.awaiting || attempt !== this.attempt) return false;
    const hedge = this.step.hedge as HedgeState;
    (this.step.operation as OperationState).service.hedges++;
    this.sendCopy(true);
    if (this.copies - this.first < hedge.max) this.sim.schedule(hedge.delay, this, HEDGE, attempt);
    return true;
  }

  waitsFor(attempt: number): boolean {
    return this.awaiting && attempt === this.attempt;
  }

  timedOut(attempt: number): boolean {
    if (!this.waitsFor(attempt)) return false; // the attempt answered in time
    const step = this.step;
    if (step.datastore !== null) step.datastore.timeouts++;
    else (step.operation as OperationState).service.timeouts++;
    this.conclude(TIMEOUT);
    return true;
  }

  private conclude(outcome: number): void {
    const sim = this.sim;
    const step = this.step;
    this.awaiting = false;
    this.leaveBulkhead();
    if (this.spans !== null) this.abandonCopies(outcome);
    (step.link as Link).record(sim.now, this.ticket, outcome, step.breaker);
    if (outcome === OK) {
      this.answerCaller(true);
      return;
    }
    const retry = step.retry as NonNullable<StepState['retry']>;
    if (this.attempt >= retry.attempts || (retry.onMask & (1 << outcome)) === 0) {
      this.answerCaller(false);
      return;
    }
    const delay = retry.backoff.delay(this.attempt, this.previousDelay, sim.rng);
    this.previousDelay = delay;
    if (delay > 0) sim.schedule(delay, this, RETRY, 0);
    else this.makeAttempt();
  }

  /**
   * The call is over: the caller learns how it went. Without a timeout or hedging every copy
   * sent has answered and been read by now (an attempt concludes only on its one answer), so no
   * event, lane entry or callee run can reach this call any more, and an untraced one is handed
   * back for reuse; with either, stale answers and timeouts may still arrive, so it is not.
   */
  private answerCaller(ok: boolean): void {
    this.caller.childDone(ok);
    const step = this.step;
    if (step.timeoutLane < 0 && step.hedge === null && this.spans === null) {
      this.sim.recycleCall(this);
    }
  }

  /** The caller stopped waiting for the attempt: its place in the bulkhead frees. */
  private leaveBulkhead(): void {
    if (!this.inBulkhead) return;
    this.inBulkhead = false;
    (this.step.link as Link).inBulkhead--;
  }

  /** Traced: the attempt's copies the caller never read are marked timed out or ignored. */
  private abandonCopies(outcome: number): void {
    const spans = this.spans as (Span | null)[];
    const now = this.sim.now;
    for (let tag = this.first; tag <= this.copies; tag++) {
      const span = spans[tag];
      if (span == null || span.read) continue;
      span.abandoned = true;
      span.outcome = outcome === TIMEOUT ? 'timeout' : 'ignored';
      // Until its answer arrives (if it ever does), the copy is known to have lasted until now.
      if (!(span.end >= now)) span.end = now;
    }
  }
}
