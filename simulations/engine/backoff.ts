/**
 * Delays between attempts, exactly as the spec defines them. For retry k (k = 1, 2, …):
 * exponential = min(cap, base·2^(k−1)); constant = base; none = 0. Then jitter: full =
 * uniform(0, d); equal = d/2 + uniform(0, d/2); decorrelated = min(cap, uniform(base, 3·previous))
 * with the previous delay starting at `base` (as in the 2015 AWS article "Exponential Backoff And
 * Jitter"); decorrelated replaces the backoff formula, except that `none` still means no wait.
 */
import type { Backoff, Jitter } from '../model/types.ts';
import type { Random } from './prng.ts';

const NONE = 0;
const CONSTANT = 1;
const EXPONENTIAL = 2;
const FULL = 1;
const EQUAL = 2;
const DECORRELATED = 3;

const BACKOFFS: Readonly<Record<Backoff, number>> = {
  none: NONE,
  constant: CONSTANT,
  exponential: EXPONENTIAL,
};
const JITTERS: Readonly<Record<Jitter, number>> = {
  none: NONE,
  full: FULL,
  equal: EQUAL,
  decorrelated: DECORRELATED,
};

/** A backoff policy compiled to numbers. */
export class BackoffPolicy {
  readonly backoff: number;
  readonly jitter: number;
  readonly base: number;
  readonly cap: number;

  constructor(backoff: Backoff, jitter: Jitter, base: number, cap: number) {
    this.backoff = BACKOFFS[backoff];
    this.jitter = JITTERS[jitter];
    this.base = base;
    this.cap = cap;
  }

  /**
   * Delay in milliseconds before retry `k` (1-based). `previous` is the delay before retry k − 1
   * (ignored unless jitter is decorrelated; pass `base` for k = 1).
   */
  delay(k: number, previous: number, rng: Random): number {
    if (this.backoff === NONE) return 0;
    if (this.jitter === DECORRELATED) {
      const high = 3 * previous;
      return Math.min(this.cap, this.base + (high - this.base) * rng.uniform());
    }
    const d = this.backoff === CONSTANT ? this.base : Math.min(this.cap, this.base * 2 ** (k - 1));
    switch (this.jitter) {
      case FULL:
        return d * rng.uniform();
      case EQUAL:
        return d / 2 + (d / 2) * rng.uniform();
      default:
        return d;
    }
  }
}
