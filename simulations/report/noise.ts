/**
 * How far a percentile would move on another seed, from one run: batch means. The successes, in
 * the order they finished, are cut into `BATCHES` consecutive batches; each batch's percentile is
 * one observation, and the standard error of the run's percentile is their standard deviation over
 * √batches. Batches of consecutive requests soak up most of the correlation that queueing puts
 * between neighbours, which is why simulation texts (Law, "Simulation Modeling and Analysis",
 * ch. 9) prefer them to treating every request as independent.
 */
import { rankOf, roundMs } from './samples.ts';
import { selectRank } from './selectRank.ts';
import type { LatencyNoise } from './types.ts';

export const BATCHES = 10;
/** Below this many successes per batch a batch's p99 is its maximum: too few to say anything. */
const MIN_PER_BATCH = 20;

/** Standard errors of p50 and p99 of `latencies` (in finishing order; left untouched). */
export function batchNoise(latencies: Float64Array): LatencyNoise | null {
  const n = latencies.length;
  const size = Math.floor(n / BATCHES);
  if (size < MIN_PER_BATCH) return null;
  const p50s = new Float64Array(BATCHES);
  const p99s = new Float64Array(BATCHES);
  const batch = new Float64Array(size);
  for (let b = 0; b < BATCHES; b++) {
    batch.set(latencies.subarray(b * size, (b + 1) * size));
    const k50 = rankOf(0.5, size);
    const k99 = rankOf(0.99, size);
    selectRank(batch, k50);
    p50s[b] = batch[k50];
    selectRank(batch, k99, k50);
    p99s[b] = batch[k99];
  }
  return { p50: roundMs(standardError(p50s)), p99: roundMs(standardError(p99s)) };
}

function standardError(values: Float64Array): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return Math.sqrt(ss / (n - 1) / n);
}
