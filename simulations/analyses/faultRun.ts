/**
 * One simulator run, tallied the way the simulated blast radius counts: per endpoint, the requests
 * answered successfully within the endpoint's latency objective (`slo`); per event, the deliveries
 * made within the event's delivery objective. The report's summaries (availability, percentiles)
 * cannot say how many requests were over an objective, so this reads the run's request log and
 * delivery lags instead of building a report, which also keeps dozens of runs cheap.
 *
 * It runs in slices and yields a macrotask between them, as the public `simulate` does, so a
 * page or a Web Worker stays responsive and an `AbortSignal` is honoured. Nothing here is
 * Node-only.
 */
import { Simulation } from '../engine/simulation.ts';
import type { Model } from '../model/types.ts';

/** What happened to one endpoint's user requests. */
export interface EndpointTally {
  /** Requests that arrived (in a partial run: those that finished). */
  readonly requests: number;
  /** Answered successfully within the endpoint's objective. */
  readonly good: number;
  /** Answered successfully, but slower than the objective. */
  readonly late: number;
  /** Answered with a failure. */
  readonly failed: number;
  /** Never answered: they wait for ever (a hang without a timeout). */
  readonly unanswered: number;
}

/** What happened to the deliveries of every event, one per published event and consumer. */
export interface DeliveryTally {
  /** Published events × their consumers. */
  readonly expected: number;
  /** Delivered (the consumer succeeded) within the event's objective. */
  readonly onTime: number;
  /** Delivered later than the objective. */
  readonly late: number;
  /** Given up after the last redelivery (at-least-once). */
  readonly deadLettered: number;
  /** Dropped after a failed delivery (at-most-once). */
  readonly dropped: number;
  /** Still undelivered when the run ended: held by a hanging bus or a hanging consumer. */
  readonly stuck: number;
}

export interface RunTally {
  readonly endpoints: Readonly<Record<string, EndpointTally>>;
  readonly deliveries: DeliveryTally;
  /** The run was stopped early (aborted or past its deadline). */
  readonly partial: boolean;
}

export interface FaultRunOptions {
  readonly seed: number;
  readonly requests: number;
  /** Stops the run at the next slice; the tally is then partial. */
  readonly signal?: AbortSignal;
  /** `performance.now()` after which the run stops with a partial tally. */
  readonly deadline?: number;
  /** Events per slice (default 20,000, as `simulate`'s). */
  readonly sliceEvents?: number;
}

/** Runs `model` and tallies its outcomes against the objectives. */
export async function faultRun(model: Model, options: FaultRunOptions): Promise<RunTally> {
  const { seed, requests, signal, deadline = Number.POSITIVE_INFINITY } = options;
  const slice = options.sliceEvents ?? 20_000;
  const sim = new Simulation(model, { seed, requests });
  let finished = sim.done;
  while (!finished) {
    if (signal?.aborted || performance.now() > deadline) break;
    finished = sim.run(slice);
    if (!finished) await nextMacrotask();
  }
  return tally(sim, model, !finished);
}

function tally(sim: Simulation, model: Model, partial: boolean): RunTally {
  const compiled = sim.compiled;
  const n = compiled.endpoints.length;
  const slo = compiled.endpoints.map((e) => model.endpoints[e.name]?.slo ?? Infinity);
  const good = new Uint32Array(n);
  const late = new Uint32Array(n);
  const failed = new Uint32Array(n);
  const { status, latency, length } = sim.log;
  for (let i = 0; i < length; i++) {
    const s = status[i] ?? 0;
    const e = s >> 1;
    if ((s & 1) === 0) failed[e]++;
    else if ((latency[i] ?? 0) <= (slo[e] ?? Infinity)) good[e]++;
    else late[e]++;
  }
  const endpoints: Record<string, EndpointTally> = {};
  compiled.endpoints.forEach((endpoint, e) => {
    const answered = (good[e] ?? 0) + (late[e] ?? 0) + (failed[e] ?? 0);
    // A partial run cut requests off: only those that finished say anything.
    const requests = partial ? answered : (sim.arrivedPerEndpoint[e] ?? 0);
    endpoints[endpoint.name] = {
      requests,
      good: good[e] ?? 0,
      late: late[e] ?? 0,
      failed: failed[e] ?? 0,
      unanswered: requests - answered,
    };
  });
  let expected = 0;
  let onTime = 0;
  let lateDeliveries = 0;
  let deadLettered = 0;
  let dropped = 0;
  for (const event of compiled.events) {
    const objective = model.events[event.name]?.slo ?? Infinity;
    const lags = event.lags.view();
    let inTime = 0;
    for (let i = 0; i < lags.length; i++) if ((lags[i] ?? 0) <= objective) inTime++;
    expected += event.published * event.consumers.length;
    onTime += inTime;
    lateDeliveries += event.delivered - inTime;
    deadLettered += event.deadLettered;
    dropped += event.lost;
  }
  const settled = onTime + lateDeliveries + deadLettered + dropped;
  return {
    endpoints,
    deliveries: {
      expected,
      onTime,
      late: lateDeliveries,
      deadLettered,
      dropped,
      // In a partial run, deliveries still under way are not stuck: they were cut off.
      stuck: partial ? 0 : Math.max(0, expected - settled),
    },
    partial,
  };
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Resolves on a later macrotask, so pending messages (an abort) are handled first. The same
 * mechanism as `simulate`'s: `setImmediate` in Node, a `MessageChannel` in browsers and workers.
 */
function nextMacrotask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}
