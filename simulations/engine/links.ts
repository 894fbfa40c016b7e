/**
 * A caller → callee link: one per pair of calling service and called service or datastore. It
 * holds the pair's retry budget and circuit breaker (both per caller → callee, as the spec says)
 * and the counts the report shows for them.
 *
 * A step uses the link's breaker only if the step declares `breaker`, and its budget only if its
 * retry policy declares `budget` (`StepState.breaker`, `StepState.budget`); steps without them
 * neither feed nor consult them. When several steps between the same pair declare different
 * policies, the first one compiled (document order) sets the pair's breaker or budget.
 *
 * Order of the checks on an attempt (`admit`):
 *   1. a first attempt deposits into the budget (before anything can reject it);
 *   2. a retry with no whole token in the budget is denied (counted by the budget);
 *   3. the breaker is asked; a rejected attempt fails at once, with no network and no load on the
 *      callee, and is not retried;
 *   4. only then does a retry spend its token.
 * Checking the budget before the breaker means a half-open breaker never admits a probe that the
 * budget then cancels (the probe would never report and the breaker would stay half-open); spending
 * the token after the breaker means a shed retry costs no token. Neither allocates.
 */
import { REJECTED as BREAKER_REJECTED, type CircuitBreaker } from './circuitBreaker.ts';
import type { RetryBudget } from './retryBudget.ts';

/** Outcomes of an attempt, as callers see them. */
export const OK = 0;
export const ERROR = 1;
export const TIMEOUT = 2;
export const REJECTED = 3;

/** What `admit` returns when the attempt may not go ahead (budget spent or breaker open). */
export const DENIED = -1;

export class Link {
  /** Calling service. */
  readonly caller: string;
  /** Called service or datastore. */
  readonly callee: string;
  /** The pair's circuit breaker, if a step between them declares one. */
  breaker: CircuitBreaker | null = null;
  /** The pair's retry budget, if a step between them declares one. */
  budget: RetryBudget | null = null;
  /** The budget's share of first attempts (for the report). */
  budgetShare = 0;
  /** First attempts asked for (the budget's denominator when every step uses it). */
  firstAttempts = 0;
  /** Retries that went ahead. */
  retries = 0;
  /** Retries refused by the budget. */
  retriesDenied = 0;
  /** Attempts the breaker shed (failed fast without reaching the callee). */
  shed = 0;
  /** The pair's bulkhead: attempts in flight at once, at most (Infinity = none declared). */
  bulkhead = Number.POSITIVE_INFINITY;
  /** Attempts in flight now under the bulkhead, and the most there ever were. */
  inBulkhead = 0;
  maxInBulkhead = 0;
  /** Attempts the bulkhead refused. */
  bulkheadRejected = 0;

  constructor(caller: string, callee: string) {
    this.caller = caller;
    this.callee = callee;
  }

  /**
   * Asks to make an attempt at `now` under the step's `breaker` and `budget` (each null when the
   * step has none). Returns the breaker ticket to pass to `record` (0 without a breaker), or
   * `DENIED`: the call then fails at once, without reaching the callee and without further retries.
   */
  admit(
    now: number,
    isRetry: boolean,
    breaker: CircuitBreaker | null,
    budget: RetryBudget | null,
  ): number {
    if (!isRetry) {
      this.firstAttempts++;
      if (budget !== null) budget.recordFirstAttempt();
    } else if (budget !== null && budget.tokens < 1) {
      budget.tryRetry(); // refused: counts the denial
      this.retriesDenied++;
      return DENIED;
    }
    let ticket = 0;
    if (breaker !== null) {
      ticket = breaker.admit(now);
      if (ticket === BREAKER_REJECTED) {
        this.shed++;
        return DENIED;
      }
    }
    if (isRetry) {
      if (budget !== null) budget.tryRetry(); // a whole token is there (checked above)
      this.retries++;
    }
    return ticket;
  }

  /**
   * Reports how an admitted attempt ended (OK, ERROR, TIMEOUT or REJECTED), once, when the caller
   * learns it: an answer, or the caller's timer firing (a late answer is not reported again).
   */
  record(now: number, ticket: number, outcome: number, breaker: CircuitBreaker | null): void {
    if (breaker !== null) breaker.record(now, ticket, outcome === OK);
  }
}
