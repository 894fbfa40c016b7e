/**
 * A retry budget for one caller → callee pair: retries at most `budget` × first attempts.
 *
 * The design is Finagle's `RetryBudget` and gRPC's retry throttling, as a token bucket: every
 * first attempt deposits `budget` tokens; a retry may go ahead only if a whole token is there,
 * and withdraws it. Retries themselves deposit nothing, so retries cannot fund retries and a
 * storm cannot feed itself. Hence, at every moment,
 *
 *   retries ≤ budget × first attempts + initialTokens,
 *
 * the bound the issue asks for (with the default `initialTokens` of 0 the share of retries never
 * exceeds the budget at all). A denied retry fails the attempt as it stands.
 *
 * The bucket holds at most `maxTokens`, by default the tokens of the last 100 first attempts
 * (`budget` × 100, at least 1). Without a cap, a long healthy stretch would save up a reserve that
 * an outage then spends all at once, just when retries hurt most; Finagle gets the same effect by
 * letting deposits expire after 10 s. With a cap, a burst is bounded by the cap plus the budget's
 * share of the traffic during the burst. Finagle also grants a minimum of retries per second so
 * that a low-traffic caller can still retry; this simulator's callers are busy, so the exact bound
 * (no free retries) is preferred, and `initialTokens` is there to grant a few when wanted.
 *
 * Tokens are counted in millionths, as integers, so 10 deposits of 10% make exactly one token
 * (in floating point, 0.1 added ten times is 0.9999999999999999 and would deny the retry). The
 * deposit is rounded down, so the rounding can only take retries away (at most one per million
 * first attempts per unit of budget), never add one.
 */

/** Millionths of a token. */
const UNIT = 1_000_000;

export interface RetryBudgetOptions {
  /** Share of first attempts that may be retried, in [0, 1] (e.g. 0.1 for `budget: 10%`). */
  readonly budget: number;
  /** Tokens in the bucket at the start. Default 0: no retry before it is earned. */
  readonly initialTokens?: number;
  /** Most tokens the bucket holds. Default max(1, 100 × budget). */
  readonly maxTokens?: number;
}

export class RetryBudget {
  readonly #deposit: number;
  readonly #max: number;
  #tokens: number;
  /** First attempts seen. */
  firstAttempts = 0;
  /** Retries let through. */
  retries = 0;
  /** Retries refused for want of a token. */
  denied = 0;

  constructor({
    budget,
    initialTokens = 0,
    maxTokens = Math.max(1, 100 * budget),
  }: RetryBudgetOptions) {
    if (!(budget >= 0 && budget <= 1)) {
      throw new RangeError(`retry budget must be a share in [0, 1]; found ${budget}`);
    }
    if (!(maxTokens >= 1))
      throw new RangeError(`retry budget maxTokens must be ≥ 1; found ${maxTokens}`);
    if (!(initialTokens >= 0)) {
      throw new RangeError(`retry budget initialTokens must be ≥ 0; found ${initialTokens}`);
    }
    // + 1e-9 absorbs the representation error of shares such as 0.29 (0.29 × 10^6 is
    // 289999.99999999994 in floating point) without ever granting a measurable extra.
    this.#deposit = Math.floor(budget * UNIT + 1e-9);
    this.#max = Math.floor(maxTokens * UNIT);
    this.#tokens = Math.min(this.#max, Math.floor(initialTokens * UNIT));
  }

  /** Call on every first attempt to the callee (before anything can reject it). */
  recordFirstAttempt(): void {
    this.firstAttempts++;
    this.#tokens = Math.min(this.#tokens + this.#deposit, this.#max);
  }

  /** Call before each retry: true lets it go ahead (and spends a token), false refuses it. */
  tryRetry(): boolean {
    if (this.#tokens < UNIT) {
      this.denied++;
      return false;
    }
    this.#tokens -= UNIT;
    this.retries++;
    return true;
  }

  /** Tokens in the bucket now (whole and fractional). */
  get tokens(): number {
    return this.#tokens / UNIT;
  }
}
