/**
 * Exact order statistics without a full sort: quickselect (Hoare's FIND) with a median-of-three
 * pivot (as in Numerical Recipes' `select`), which leaves `a[k]` holding the k-th smallest value, everything before it ≤ and everything
 * after it ≥. Expected linear time; selecting increasing ranks one after another narrows the range
 * each time, so a report's six percentiles cost about as much as two passes over the samples.
 */

/** Puts the k-th smallest of `a[lo..hi]` (inclusive) at `a[k]`, partitioning around it. */
export function selectRank(a: Float64Array, k: number, lo = 0, hi = a.length - 1): void {
  for (;;) {
    if (hi <= lo + 1) {
      if (hi === lo + 1 && a[hi] < a[lo]) swap(a, lo, hi);
      return;
    }
    // Median of three as the pivot, moved to a[lo + 1] with sentinels at lo and hi.
    const mid = (lo + hi) >>> 1;
    swap(a, mid, lo + 1);
    if (a[lo] > a[hi]) swap(a, lo, hi);
    if (a[lo + 1] > a[hi]) swap(a, lo + 1, hi);
    if (a[lo] > a[lo + 1]) swap(a, lo, lo + 1);
    const pivot = a[lo + 1];
    let i = lo + 1;
    let j = hi;
    for (;;) {
      do i++;
      while (a[i] < pivot);
      do j--;
      while (a[j] > pivot);
      if (j < i) break;
      swap(a, i, j);
    }
    a[lo + 1] = a[j];
    a[j] = pivot;
    if (j >= k) hi = j - 1;
    if (j <= k) lo = i;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Puts the value of every rank in `ranks` (ascending, within [lo, hi]) at its index: divide and
 * conquer on the middle rank, so k ranks cost O(n log k) rather than k passes.
 */
export function selectRanks(
  a: Float64Array,
  ranks: readonly number[],
  lo = 0,
  hi = a.length - 1,
  first = 0,
  last = ranks.length - 1,
): void {
  if (first > last || lo > hi) return;
  const middle = (first + last) >>> 1;
  const k = ranks[middle];
  selectRank(a, k, lo, hi);
  selectRanks(a, ranks, lo, k - 1, first, middle - 1);
  selectRanks(a, ranks, k + 1, hi, middle + 1, last);
}
