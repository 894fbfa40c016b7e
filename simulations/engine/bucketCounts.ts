/**
 * Counts per slice of simulated time, for the timeline. Counts are kept at a fine resolution in a
 * typed array of `MAX_SLICES` slices, one increment per count, and merged into the report's
 * buckets at the end.
 *
 * Slices start at 100 ms. So that any run length fits in bounded memory, a counter holds at most
 * `MAX_SLICES` (4096) slices: a count beyond them doubles the slice width, merging neighbours,
 * as often as needed. Widths are therefore 100 ms × 2^k, and a run of length T ends with slices
 * no wider than max(100 ms, T / 2048). Every counter of a run that has seen the same times has the
 * same width; the report rounds its bucket width up to a whole number of slices, so attempt
 * counts per bucket stay exact (see `../report/timeline.ts`).
 */

/** Most slices one counter keeps (16 KB). */
export const MAX_SLICES = 4096;

export class BucketCounts {
  /** Width of a slice, milliseconds: 100 × 2^k. */
  widthMs: number;
  /**
   * All `MAX_SLICES` from the start (16 KB), so the field is never assigned again: growing it
   * once changed the field's constness and threw away the optimised code of every function that
   * had inlined `add` (`--trace-deopt`, a cold 200,000-request run).
   */
  private readonly counts = new Uint32Array(MAX_SLICES);
  /** Slices in use (one past the last slice counted). */
  length = 0;
  /**
   * The slice counted last and its bounds: counts come in time order (the clock never goes
   * back), so nearly every count lands in it and needs no division.
   */
  private last = 0;
  private lastFrom = 0;
  private lastTo = 0;

  constructor(widthMs = 100) {
    this.widthMs = widthMs;
  }

  /** Counts one at time `now`. */
  add(now: number): void {
    if (now < this.lastTo && now >= this.lastFrom) {
      this.counts[this.last]++;
      return;
    }
    const i = Math.floor(now / this.widthMs);
    if (i < this.length) this.counts[i]++;
    else this.extend(i, now);
    // Widening may have moved it: find the slice again.
    const w = this.widthMs;
    const j = Math.floor(now / w);
    this.last = j;
    this.lastFrom = j * w;
    this.lastTo = (j + 1) * w;
  }

  /** Counts one in slice `i` ≥ `length`: grows, or widens the slices when past the last. */
  private extend(i: number, now: number): void {
    let j = i;
    if (j >= MAX_SLICES) j = this.widen(now);
    this.counts[j]++;
    if (j >= this.length) this.length = j + 1;
  }

  /** Count in slice `i`. */
  at(i: number): number {
    return i < this.length ? this.counts[i] : 0;
  }

  /** Sum over the slices whose start lies in [fromMs, toMs). */
  sum(fromMs: number, toMs: number): number {
    let total = 0;
    const first = Math.max(0, Math.ceil(fromMs / this.widthMs));
    for (let i = first; i < this.length && i * this.widthMs < toMs; i++) total += this.counts[i];
    return total;
  }

  /** Doubles the width until `now` falls in the first `MAX_SLICES` slices; returns its slice. */
  private widen(now: number): number {
    let i = Math.floor(now / this.widthMs);
    while (i >= MAX_SLICES) {
      this.halve();
      i = Math.floor(now / this.widthMs);
    }
    return i;
  }

  /** Doubles the width: slice j becomes slices 2j and 2j + 1 merged. */
  private halve(): void {
    const counts = this.counts;
    const n = Math.ceil(this.length / 2);
    for (let j = 0; j < n; j++) {
      counts[j] = counts[2 * j] + (2 * j + 1 < this.length ? counts[2 * j + 1] : 0);
    }
    counts.fill(0, n, this.length);
    this.length = n;
    this.widthMs *= 2;
  }
}
