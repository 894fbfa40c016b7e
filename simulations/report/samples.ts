/**
 * Compact sample storage and exact summaries. Samples go into growing Float64Arrays (8 bytes each,
 * no object per sample); at the end, exact percentiles are selected from them in linear time
 * (quickselect), which is several times faster than sorting a million samples.
 */
import { valuesAtRanks } from './bucketQuantiles.ts';
import { selectRanks } from './selectRank.ts';

/** A growing array of doubles. */
export class Float64Buffer {
  private data: Float64Array;
  /** Samples stored. */
  length = 0;

  constructor(initialCapacity = 256) {
    this.data = new Float64Array(Math.max(1, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const data = new Float64Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.data[this.length++] = value;
  }

  /** The samples, as a view (no copy). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** `latencyMs` of the report: mean and exact percentiles, in milliseconds. */
export interface LatencySummary {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** Rounds to 1 µs: below anything the model can express, and it keeps the JSON readable. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Nearest-rank index of percentile p among n samples: ⌈p·n⌉ − 1, within [0, n − 1]. */
export function rankOf(p: number, n: number): number {
  // 1e-9: 0.99·1000 must give rank 990, not 991 through rounding.
  return Math.min(n - 1, Math.max(0, Math.ceil(p * n - 1e-9) - 1));
}

const PERCENTILES = [0.5, 0.9, 0.95, 0.99, 0.999];

/** Below this many samples quickselect is as fast (and allocates nothing). */
const BUCKETED_FROM = 4096;

/** Empirical distribution function at fixed levels: `values[i]` is the `levels[i]` quantile. */
export interface LatencyCdf {
  readonly levels: readonly number[];
  readonly values: readonly number[];
}

/** Levels of `LatencyCdf`: every percent, then the tail (99.5%, 99.9%) and the maximum. */
export const CDF_LEVELS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
  0.995,
  0.999,
  1,
];

/** The largest sample of the last `sumOf`: a second result, kept rather than allocated. */
let largest = 0;

/**
 * The sum of `samples` (non-empty), setting `largest`. A function of its own so that its loop is
 * optimised as a callee: inside `summarise`, a long first call optimised it by on-stack
 * replacement before the code after it had run, and that code, with no type feedback, was
 * deoptimised on every later call (`--trace-deopt`: five times in a microservices report).
 */
function sumOf(samples: Float64Array): number {
  let sum = 0;
  let max = samples[0];
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i];
    sum += x;
    if (x > max) max = x;
  }
  largest = max;
  return sum;
}

/**
 * Mean and exact percentiles (nearest rank: the smallest sample with at least p·n samples at or
 * below it) of `samples`, which it reorders; with `cdf`, also quantiles at `CDF_LEVELS`.
 * Zeros when there are no samples.
 */
export function summarise(samples: Float64Array): LatencySummary;
export function summarise(
  samples: Float64Array,
  cdf: true,
): { summary: LatencySummary; cdf: LatencyCdf };
export function summarise(
  samples: Float64Array,
  cdf?: true,
): LatencySummary | { summary: LatencySummary; cdf: LatencyCdf } {
  const n = samples.length;
  const levels = cdf ? [...PERCENTILES, ...CDF_LEVELS] : PERCENTILES;
  const quantiles = new Map<number, number>();
  let sum = 0;
  let max = 0;
  if (n > 0) {
    sum = sumOf(samples);
    max = largest;
    const ranks = [...new Set(levels.map((p) => rankOf(p, n)))].sort((a, b) => a - b);
    if (n >= BUCKETED_FROM && ranks.length > 8) {
      // Many ranks of many samples (the CDF): a counting sort by bucket beats quickselect.
      const values = valuesAtRanks(samples, ranks);
      const at = new Map(ranks.map((k, i) => [k, values[i] as number]));
      for (const p of levels) quantiles.set(p, roundMs(at.get(rankOf(p, n)) as number));
    } else {
      selectRanks(samples, ranks);
      for (const p of levels) quantiles.set(p, roundMs(samples[rankOf(p, n)]));
    }
  }
  const q = (p: number) => quantiles.get(p) ?? 0;
  const summary: LatencySummary = {
    mean: n > 0 ? roundMs(sum / n) : 0,
    p50: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    p999: q(0.999),
    max: roundMs(max),
  };
  if (!cdf) return summary;
  return { summary, cdf: { levels: CDF_LEVELS, values: CDF_LEVELS.map(q) } };
}
