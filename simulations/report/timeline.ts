/**
 * The report's `timeline`: load, outcomes, latency and attempts over simulated time, built once at
 * report time from the request log and the per-slice counters (nothing extra on the hot path).
 *
 * Bucket width: 1 s when the run lasts at most 200 s; otherwise the run divided in 200, rounded up
 * to a whole number of counter slices (100 ms × 2^k, see `../engine/bucketCounts.ts`) so that the
 * attempt and arrival counts are exact. The rounding adds at most one slice (≤ run / 2048) to the
 * width, so a long run has between 183 and 200 buckets; a run of at most 200 s has ⌈run / 1 s⌉.
 * Something that happens exactly at the end of the run belongs to the last bucket.
 *
 * Per bucket: `requests` arrived in it (their sum is the report's `requests`); `succeeded` and
 * `failed` finished in it (requests never answered finish nowhere); `p50` and `p99` are exact
 * nearest-rank percentiles of the latencies of the requests that succeeded in it (0 when none
 * did), as `latencyMs` is over successes; `attempts` per service arrived at it in the bucket,
 * retries included.
 */
import type { BucketCounts } from '../engine/bucketCounts.ts';
import type { Simulation } from '../engine/simulation.ts';
import { rankOf, roundMs } from './samples.ts';
import { selectRank } from './selectRank.ts';
import type { TimelineBucket } from './types.ts';

/** Most buckets in a timeline. */
export const MAX_BUCKETS = 200;
/** Bucket width of runs up to `MAX_BUCKETS` seconds. */
export const SHORT_RUN_BUCKET_MS = 1000;

/** Width of the timeline's buckets for a run of `endMs`, whose counters have `sliceMs` slices. */
export function bucketWidth(endMs: number, sliceMs: number): number {
  const wanted =
    endMs <= MAX_BUCKETS * SHORT_RUN_BUCKET_MS ? SHORT_RUN_BUCKET_MS : endMs / MAX_BUCKETS;
  return Math.ceil(wanted / sliceMs - 1e-9) * sliceMs;
}

/**
 * The timeline of a run that ended (or was cut off) at `endMs`. `successes` holds the latencies
 * of all successful requests in finishing order (the request log keeps them); it is reordered
 * within buckets only, so its contents stay the same.
 */
export function buildTimeline(
  sim: Simulation,
  endMs: number,
  successes: Float64Array,
): TimelineBucket[] {
  const services = sim.compiled.services;
  const log = sim.log;
  const counters: BucketCounts[] = [
    sim.arrivalsOverTime,
    log.succeededOverTime,
    log.failedOverTime,
    ...services.map((s) => s.attemptsOverTime),
  ];
  if (sim.arrived === 0) return [];
  const slice = counters.reduce((w, c) => Math.max(w, c.widthMs), 0);
  const width = bucketWidth(endMs, slice);
  const count = Math.max(1, Math.min(MAX_BUCKETS, Math.ceil(endMs / width)));
  const last = count - 1;
  const bucketOf = (t: number) => {
    const b = Math.floor(t / width);
    return Math.min(b, last);
  };

  const sums = (counter: BucketCounts): Uint32Array => {
    const out = new Uint32Array(count);
    for (let i = 0; i < counter.length; i++) out[bucketOf(i * counter.widthMs)] += counter.at(i);
    return out;
  };
  const requests = sums(sim.arrivalsOverTime);
  const attempts = services.map((s) => sums(s.attemptsOverTime));

  // Outcomes by finishing time, counted per slice as requests finished. Successes are in
  // finishing order, so each bucket's are one consecutive run of `latencies`: its counts give
  // the boundaries, for exact percentiles per bucket.
  const succeeded = sums(log.succeededOverTime);
  const failed = sums(log.failedOverTime);
  const latencies = successes;
  const start = new Uint32Array(count + 1);
  for (let k = 0; k < count; k++) start[k + 1] = start[k] + succeeded[k];

  const timeline: TimelineBucket[] = [];
  for (let b = 0; b < count; b++) {
    const ok = succeeded[b];
    let p50 = 0;
    let p99 = 0;
    if (ok > 0) {
      const lo = start[b];
      const k50 = lo + rankOf(0.5, ok);
      selectRank(latencies, k50, lo, lo + ok - 1);
      p50 = roundMs(latencies[k50]);
      // Everything right of k50 is ≥ it, so the 99th percentile lies in [k50, hi].
      const k99 = lo + rankOf(0.99, ok);
      selectRank(latencies, k99, k50, lo + ok - 1);
      p99 = roundMs(latencies[k99]);
    }
    const perService: Record<string, number> = {};
    services.forEach((s, j) => {
      perService[s.name] = attempts[j][b];
    });
    timeline.push({
      startMs: b * width,
      requests: requests[b],
      succeeded: ok,
      failed: failed[b],
      p50,
      p99,
      attempts: perService,
    });
  }
  return timeline;
}
