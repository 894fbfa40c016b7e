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
    const j = partition(a, lo, hi);
    if (j >= k) hi = j - 1;
    if (j <= k) lo = rightStart;
  }
}

/**
 * Where the right part of the last `partition` starts (everything from it on is ≥ the pivot): a
 * second result, kept in a module variable rather than an allocated pair.
 */
let rightStart = 0;

/**
 * One Hoare partition of `a[lo..hi]` (hi ≥ lo + 2) around a median-of-three pivot, which ends at
 * the index returned; `rightStart` is set to where the part ≥ the pivot begins. A function of its
 * own so that the scanning loops are optimised once as a callee: inlined in `selectRank`, they
 * were entered by on-stack replacement and deoptimised at every exit in a cold report.
 */
function partition(a: Float64Array, lo: number, hi: number): number {
  // Median of three as the pivot, moved to a[lo + 1] with sentinels at lo and hi.
  const mid = (lo + hi) >>> 1;
  swap(a, mid, lo + 1);
  if (a[lo] > a[hi]) swap(a, lo, hi);
  if (a[lo + 1] > a[hi]) swap(a, lo + 1, hi);
  if (a[lo] > a[lo + 1]) swap(a, lo, lo + 1);
  const first = lo + 1;
  const pivot = a[first];
  let i = first;
  let j = hi;
  for (;;) {
    do i++;
    while (a[i] < pivot);
    do j--;
    while (a[j] > pivot);
    // Crossed: the same swap call puts the pivot (still at a[first]) at j. Nothing after the loop
    // may need type feedback, because a long first call optimises this loop by on-stack
    // replacement before the code after it has ever run, and that code would deoptimise on
    // every later call.
    const crossed = j < i;
    swap(a, crossed ? first : i, j);
    if (crossed) break;
  }
  rightStart = i;
  return j;
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
