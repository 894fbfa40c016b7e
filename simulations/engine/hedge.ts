/**
 * Hedged requests (Dean and Barroso, "The Tail at Scale", 2013): when an attempt has had no answer
 * for a while, send another copy and take whichever answers first.
 *
 * The delay is fixed (`after: 10ms`) or a percentile of the callee's latency as this call site
 * sees it (`after: p95`). The percentile is a running estimate over the latencies of the *first*
 * copies of the call's attempts, from sending the request to the answer arriving, late answers
 * included (an attempt that timed out or lost to a hedge still reports how long its first copy
 * took). First copies are never chosen by the hedging, so the estimate is the callee's latency and
 * not the hedged one: measuring the winners would pull the delay down, which would hedge more,
 * which would pull it down further. The estimate is a histogram of 1%-wide logarithmic buckets
 * (1 µs to 30 days, 2,700 counts: bounded memory, no per-answer allocation), read every 64
 * answers as the upper edge of the bucket holding the nearest-rank percentile, so it is at most 1%
 * above the exact one. Until the call has seen `WARM_UP` answers it sends no hedges.
 */
import type { HedgePolicy } from '../model/types.ts';

/** Answers a percentile-delayed hedge waits for before its first estimate. */
export const WARM_UP = 100;
/** Answers between two readings of the estimate. */
const EVERY = 64;
const MIN_MS = 0.001;
const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);
const BUCKETS = 2700;

export class HedgeState {
  /** Extra copies per attempt. */
  readonly max: number;
  /** The percentile that sets the delay; 0 for a fixed delay. */
  readonly percentile: number;
  /** The current delay, ms (Infinity while warming up). */
  delay: number;
  /** Answers recorded. */
  private samples = 0;
  private readonly counts: Uint32Array | null;

  constructor(policy: HedgePolicy) {
    this.max = policy.max;
    this.percentile = policy.percentile ?? 0;
    this.delay = policy.after ?? Number.POSITIVE_INFINITY;
    this.counts = policy.percentile !== undefined ? new Uint32Array(BUCKETS) : null;
  }

  /** A first copy answered `latency` ms after it was sent. */
  observe(latency: number): void {
    const counts = this.counts;
    if (counts === null) return;
    const i = latency <= MIN_MS ? 0 : Math.floor(Math.log(latency / MIN_MS) / LOG_RATIO);
    counts[i < BUCKETS ? i : BUCKETS - 1]++;
    const n = ++this.samples;
    if (n >= WARM_UP && (n === WARM_UP || n % EVERY === 0)) this.delay = this.read(n);
  }

  private read(n: number): number {
    const counts = this.counts as Uint32Array;
    const rank = Math.ceil(this.percentile * n - 1e-9); // nearest rank, 1-based
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) return MIN_MS * RATIO ** (i + 1);
    }
    return MIN_MS * RATIO ** BUCKETS;
  }
}
