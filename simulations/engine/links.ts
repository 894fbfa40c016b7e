/**
 * A caller → callee link: one per pair of calling service and called service or datastore.
 *
 * This is the seam for the resilience work: the retry budget and the circuit breaker are per
 * caller → callee, so they will live here. Today `admit` only counts and always lets the attempt
 * through, and `record` does nothing; both are called on every attempt, so filling them in needs
 * no change to the call logic.
 */

/** Outcomes of an attempt, as callers see them. */
export const OK = 0;
export const ERROR = 1;
export const TIMEOUT = 2;
export const REJECTED = 3;

export class Link {
  /** Calling service. */
  readonly caller: string;
  /** Called service or datastore. */
  readonly callee: string;
  /** First attempts admitted (the budget's denominator). */
  firstAttempts = 0;
  /** Retries admitted. */
  retries = 0;

  constructor(caller: string, callee: string) {
    this.caller = caller;
    this.callee = callee;
  }

  /**
   * Asks to make an attempt at `now`. False refuses it (breaker open, budget spent): the call then
   * fails at once, without reaching the callee and without further retries.
   */
  admit(_now: number, isRetry: boolean): boolean {
    if (isRetry) this.retries++;
    else this.firstAttempts++;
    return true;
  }

  /** Reports how an admitted attempt ended (OK, ERROR, TIMEOUT or REJECTED). */
  record(_now: number, _outcome: number): void {}
}
