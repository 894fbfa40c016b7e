/**
 * What happened to each finished user request, in three typed arrays (18 bytes a request, no
 * object per request): when it arrived, how long it took, and its endpoint and outcome. The report
 * derives everything per endpoint and over time (the timeline) from these at the end.
 */
export class RequestLog {
  /** Arrival time, ms of simulated time. */
  readonly arrivedAt: Float64Array;
  /** Time from arrival to answer (success or failure), ms. */
  readonly latency: Float64Array;
  /** endpoint index × 2 + (1 if it succeeded). */
  readonly status: Uint16Array;
  /** Requests logged. */
  length = 0;

  /** @param capacity the number of user requests the run will make */
  constructor(capacity: number) {
    this.arrivedAt = new Float64Array(capacity);
    this.latency = new Float64Array(capacity);
    this.status = new Uint16Array(capacity);
  }

  record(arrivedAt: number, finishedAt: number, endpoint: number, ok: boolean): void {
    const i = this.length++;
    this.arrivedAt[i] = arrivedAt;
    this.latency[i] = finishedAt - arrivedAt;
    this.status[i] = endpoint * 2 + (ok ? 1 : 0);
  }
}
