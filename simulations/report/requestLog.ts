/**
 * What happened to the finished user requests. With `keep`, each one in three typed arrays (18
 * bytes a request, no object per request): when it arrived, how long it took, and its endpoint and
 * outcome; only picking requests to trace needs them, so other runs keep none (18 MB less at a
 * million requests).
 *
 * The latencies of successes are also kept per endpoint as they come (and, with several
 * endpoints, all together), in finishing order: the report needs exactly those arrays, and filling
 * them here, in code the run has long since made hot, saves the report two cold passes over the
 * whole log. The report reorders them (it selects percentiles in place), so it is built once.
 */
import { BucketCounts } from '../engine/bucketCounts.ts';
import { Float64Buffer } from './samples.ts';

export class RequestLog {
  /** Arrival time, ms of simulated time. */
  readonly arrivedAt: Float64Array;
  /** Time from arrival to answer (success or failure), ms. */
  readonly latency: Float64Array;
  /** endpoint index × 2 + (1 if it succeeded). */
  readonly status: Uint16Array;
  /** Requests logged. */
  length = 0;
  /** Requests are kept one by one (`arrivedAt`, `latency`, `status`). */
  readonly keep: boolean;
  /** Per endpoint: latencies of its successful requests, in finishing order. */
  readonly successes: readonly Float64Buffer[];
  /** All successful latencies in finishing order, when there are several endpoints (else null). */
  readonly allSuccesses: Float64Buffer | null;
  /** Per endpoint: requests answered with a failure. */
  readonly failures: Uint32Array;
  /** Successes and failures per slice of finishing time, for the timeline. */
  readonly succeededOverTime = new BucketCounts();
  readonly failedOverTime = new BucketCounts();

  /**
   * @param capacity the number of user requests the run will make
   * @param endpoints the number of endpoints
   * @param keep keep every request (arrival, latency, outcome), for picking requests to trace
   */
  constructor(capacity: number, endpoints = 1, keep = true) {
    const kept = keep ? capacity : 0;
    this.keep = keep;
    this.arrivedAt = new Float64Array(kept);
    this.latency = new Float64Array(kept);
    this.status = new Uint16Array(kept);
    // One endpoint takes every success: room for all of them at once, no growing.
    this.successes = Array.from(
      { length: endpoints },
      () => new Float64Buffer(endpoints === 1 ? capacity : 256),
    );
    this.allSuccesses = endpoints > 1 ? new Float64Buffer(capacity) : null;
    this.failures = new Uint32Array(endpoints);
  }

  record(arrivedAt: number, finishedAt: number, endpoint: number, ok: boolean): void {
    const i = this.length++;
    const latency = finishedAt - arrivedAt;
    if (this.keep) {
      this.arrivedAt[i] = arrivedAt;
      this.latency[i] = latency;
      this.status[i] = endpoint * 2 + (ok ? 1 : 0);
    }
    if (ok) {
      (this.successes[endpoint] as Float64Buffer).push(latency);
      if (this.allSuccesses !== null) this.allSuccesses.push(latency);
      this.succeededOverTime.add(finishedAt);
    } else {
      this.failures[endpoint]++;
      this.failedOverTime.add(finishedAt);
    }
  }
}
