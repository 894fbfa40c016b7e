/**
 * Exact order statistics at many ranks at once, in a few linear passes: the report's CDF asks for
 * about a hundred ranks of up to a million latencies, where quickselect's divide and conquer
 * (`selectRanks`) costs O(n log k) with a large constant, and cold, since it runs once per report.
 *
 * Non-negative doubles order as their bit patterns, so the high 16 bits of each (sign, exponent and
 * the top four mantissa bits: buckets 1/16 of an octave wide) sort samples into buckets in value
 * order. One pass counts the buckets, one scatters the samples into bucket order (a counting sort
 * on the bucket), and each wanted rank is then selected exactly inside its own bucket, which holds
 * a few percent of the samples at most for any spread-out distribution. Ties and a distribution
 * packed into one bucket are still exact: the selection falls back to the whole bucket.
 */
import { selectRank } from './selectRank.ts';

const BUCKETS = 1 << 16;

/**
 * The values at `ranks` (ascending, each in [0, n − 1]) of `samples` (all ≥ 0, not NaN), as if
 * sorted. `samples` is left as it was.
 */
export function valuesAtRanks(samples: Float64Array, ranks: readonly number[]): Float64Array {
  const n = samples.length;
  const out = new Float64Array(ranks.length);
  if (n === 0) return out;
  // The high word of sample i is words[2i + 1] on little-endian machines (every engine we run on).
  const words = new Uint32Array(samples.buffer, samples.byteOffset, 2 * n);
  const counts = bucketStarts(words, n);
  const starts = counts.slice(0, BUCKETS);
  const ordered = scatter(samples, words, starts);
  // starts[b] is now where bucket b ends (exclusive); counts[b] still where it starts.
  let b = 0;
  let selectedFrom = -1;
  let selectedTo = -1;
  for (let r = 0; r < ranks.length; r++) {
    const k = ranks[r];
    b = bucketHolding(starts, b, k);
    const lo = counts[b];
    const hi = starts[b] - 1;
    // Ranks in the same bucket: everything right of the last selected rank is ≥ it.
    const from = selectedFrom === lo && selectedTo <= k ? selectedTo : lo;
    selectRank(ordered, k, from, hi);
    selectedFrom = lo;
    selectedTo = k;
    out[r] = ordered[k];
  }
  return out;
}

// Each loop below is a function of its own: this code runs once per report, cold, and a loop
// inside a larger function is optimised by on-stack replacement, whose code is thrown away
// (a deoptimisation) every time the loop exits into its enclosing code.

/** Where each bucket starts in bucket order (`BUCKETS + 1` entries, the last one n). */
function bucketStarts(words: Uint32Array, n: number): Uint32Array {
  const counts = new Uint32Array(BUCKETS + 1);
  for (let i = 0; i < n; i++) counts[(words[2 * i + 1] >>> 16) + 1]++;
  prefixSums(counts);
  return counts;
}

function prefixSums(counts: Uint32Array): void {
  for (let b = 0; b < BUCKETS; b++) counts[b + 1] += counts[b];
}

/**
 * The samples in bucket order (a counting sort's scatter); advances each `starts[b]` to where
 * bucket b ends.
 */
function scatter(samples: Float64Array, words: Uint32Array, starts: Uint32Array): Float64Array {
  const n = samples.length;
  const ordered = new Float64Array(n);
  for (let i = 0; i < n; i++) ordered[starts[words[2 * i + 1] >>> 16]++] = samples[i];
  return ordered;
}

/** The first bucket from `b` on whose end (`ends[b]`, exclusive) is past rank `k`. */
function bucketHolding(ends: Uint32Array, b: number, k: number): number {
  let at = b;
  while (ends[at] <= k) at++;
  return at;
}
