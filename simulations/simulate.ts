/**
 * The public simulation API: a model in, a v1 report out.
 *
 * `simulate` runs in slices of events and yields to the event loop between them (one macrotask,
 * via `setImmediate` in Node or a `MessageChannel` in browsers and workers, both far cheaper than
 * `setTimeout`'s clamped delay), so an `AbortSignal` is honoured and progress can be reported while
 * a reader drags a slider. `simulateSync` runs to the end in one go (command line, bench, tests).
 * Neither touches anything Node-only: this module runs in a Web Worker as it is.
 */
import { Simulation, type SimulationOptions } from './engine/simulation.ts';
import { Tracer } from './engine/trace.ts';
import type { Model } from './model/types.ts';
import { buildReport } from './report/buildReport.ts';
import { buildTraces, pickTraces } from './report/traces.ts';
import type { Report } from './report/types.ts';

/** Progress of a run, for `onProgress`. */
export interface SimulateProgress {
  /** User requests arrived so far. */
  readonly done: number;
  /** User requests the run will make. */
  readonly total: number;
}

export interface SimulateOptions extends SimulationOptions {
  /** Stops the run at the next slice; the report is then partial. */
  readonly signal?: AbortSignal;
  /** Called after each slice. */
  readonly onProgress?: (progress: SimulateProgress) => void;
  /** Wall-clock milliseconds after which the run stops with a partial report (default: none). */
  readonly budgetMs?: number;
  /** Events per slice (default 20,000: a few milliseconds, short enough for a responsive page). */
  readonly sliceEvents?: number;
  /**
   * Adds `traces` to the report: each endpoint's p50, p99 and slowest request, span by span. The
   * run is replayed to record them (`report/traces.ts`), so it takes about twice as long; only a
   * complete run is traced (the budget and the signal apply to both passes together).
   */
  readonly traces?: boolean;
}

const DEFAULT_SLICE_EVENTS = 20_000;

/** Simulates `model` asynchronously, in slices; resolves to the (possibly partial) report. */
export async function simulate(model: Model, options: SimulateOptions = {}): Promise<Report> {
  const started = performance.now();
  const { signal, onProgress, budgetMs = Number.POSITIVE_INFINITY } = options;
  const slice = options.sliceEvents ?? DEFAULT_SLICE_EVENTS;
  const over = () => signal?.aborted === true || performance.now() - started > budgetMs;
  const runAll = async (sim: Simulation): Promise<boolean> => {
    let finished = sim.done;
    while (!finished) {
      if (over()) break;
      finished = sim.run(slice);
      onProgress?.({ done: sim.arrived, total: sim.totalRequests });
      if (!finished) await yieldToEventLoop();
    }
    return finished;
  };
  // Only a traced run needs every request kept, to pick the ones to trace.
  const sim = new Simulation(model, { ...options, keepRequests: options.traces === true });
  const finished = await runAll(sim);
  let traces: Report['traces'];
  if (finished && options.traces === true) {
    const targets = pickTraces(sim.log, sim.compiled.endpoints.length);
    const tracer = new Tracer(targets.map((t) => t.arrivedAt));
    const replay = new Simulation(model, { ...options, tracer });
    if (await runAll(replay)) traces = buildTraces(replay, tracer, targets);
  }
  const report = buildReport(sim, { partial: !finished, wallMs: performance.now() - started });
  return traces === undefined ? report : { ...report, traces };
}

/** Simulates `model` to the end (or to `budgetMs`) without yielding. */
export function simulateSync(model: Model, options: SimulateOptions = {}): Report {
  const started = performance.now();
  const { signal, onProgress, budgetMs = Number.POSITIVE_INFINITY } = options;
  const slice = options.sliceEvents ?? 200_000;
  const runAll = (sim: Simulation): boolean => {
    let finished = sim.done;
    while (!finished) {
      if (signal?.aborted || performance.now() - started > budgetMs) break;
      finished = sim.run(slice);
      onProgress?.({ done: sim.arrived, total: sim.totalRequests });
    }
    return finished;
  };
  // Only a traced run needs every request kept, to pick the ones to trace.
  const sim = new Simulation(model, { ...options, keepRequests: options.traces === true });
  const finished = runAll(sim);
  let traces: Report['traces'];
  if (finished && options.traces === true) {
    const targets = pickTraces(sim.log, sim.compiled.endpoints.length);
    const tracer = new Tracer(targets.map((t) => t.arrivedAt));
    const replay = new Simulation(model, { ...options, tracer });
    if (runAll(replay)) traces = buildTraces(replay, tracer, targets);
  }
  const report = buildReport(sim, { partial: !finished, wallMs: performance.now() - started });
  return traces === undefined ? report : { ...report, traces };
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/** Resolves on a later macrotask, so pending messages (an abort) are handled first. */
function yieldToEventLoop(): Promise<void> {
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
