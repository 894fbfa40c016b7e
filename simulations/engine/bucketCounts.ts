/**
 * Counts per slice of simulated time, for the timeline. Counts are kept at a fine resolution
 * (100 ms by default) in a growing typed array, one increment per count, and merged into the
 * report's buckets (1 s, or the run divided in 200) at the end.
 */
export class BucketCounts {
  /** Width of a slice, milliseconds. */
  readonly widthMs: number;
  private counts = new Uint32Array(64);
  /** Slices in use (one past the last slice counted). */
  length = 0;

  constructor(widthMs = 100) {
    this.widthMs = widthMs;
  }

  /** Counts one at time `now`. */
  add(now: number): void {
    const i = Math.floor(now / this.widthMs);
    if (i >= this.counts.length) this.grow(i);
    this.counts[i]++;
    if (i >= this.length) this.length = i + 1;
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

  private grow(i: number): void {
    let capacity = this.counts.length * 2;
    while (capacity <= i) capacity *= 2;
    const counts = new Uint32Array(capacity);
    counts.set(this.counts);
    this.counts = counts;
  }
}
