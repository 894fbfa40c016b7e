/// <reference lib="webworker" />
/**
 * The engine in a Web Worker: parses, applies a figure's controls, simulates, and answers.
 * Latest wins: a new request on a channel aborts the run still going on that channel, and the
 * simulator yields between slices so the abort is seen within a few milliseconds.
 *
 * Work that takes longer than a drag allows is answered twice: the reports first and then their
 * noise (replicate runs), or a coarse load sweep and then the refined one.
 */
import { check } from '../../simulations/analyses/check.ts';
import { analyse } from '../../simulations/analyses/index.ts';
import { formatDiagnostic } from '../../simulations/model/diagnostics.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import type { Model } from '../../simulations/model/types.ts';
import { isPresetName, loadPreset, unknownPresetMessage } from '../../simulations/presets/index.ts';
import type { Report } from '../../simulations/report/types.ts';
import { applyControls } from '../../simulations/scenarios/controls.ts';
import { eventChoices, exploreEventChange } from '../../simulations/scenarios/eventChange.ts';
import { withExpandContract } from '../../simulations/scenarios/expandContract.ts';
import { progressiveSweep, type RunModel } from '../../simulations/scenarios/loadSweep.ts';
import { cellModel, judgeCell, type MapCell } from '../../simulations/scenarios/metastability.ts';
import {
  batchNoise,
  type ReportNoise,
  replicateSeeds,
  seedNoise,
} from '../../simulations/scenarios/noise.ts';
import { simulate } from '../../simulations/simulate.ts';
import { blastTable } from '../figures/blastRadiusTable.ts';
import { runSandbox, runSandboxCheck } from '../sandbox/sandboxRuns.ts';
import type {
  AnalyseRequest,
  BlastRequest,
  EventChangeRequest,
  MapCellsRequest,
  PrepareRequest,
  RunRequest,
  SweepRequest,
  TopologySource,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';
import { shopSourceText } from './shopSource.ts';

declare const self: DedicatedWorkerGlobalScope;

const running = new Map<string, AbortController>();
const parsed = new Map<string, Model>();

/** Thrown inside a run that a newer request replaced; the run then says nothing. */
class Superseded extends Error {}

function sourceKey(source: TopologySource): string {
  if ('preset' in source) return `preset:${source.preset}`;
  if ('shop' in source) return `shop:${JSON.stringify(source.shop)}`;
  return `yaml:${source.yaml}`;
}

function load(source: TopologySource): Model | string[] {
  const key = sourceKey(source);
  const cached = parsed.get(key);
  if (cached) return cached;
  let text: string;
  let file: string;
  if ('preset' in source) {
    if (!isPresetName(source.preset)) return [unknownPresetMessage(source.preset)];
    text = loadPreset(source.preset);
    file = `${source.preset}.yaml`;
  } else if ('shop' in source) {
    const generated = shopSourceText(source.shop.cut, source.shop.design);
    if (!generated.ok) return [generated.message];
    text = generated.yaml;
    file = `${source.shop.cut}.yaml`;
  } else {
    text = source.yaml;
    file = source.file ?? 'topology.yaml';
  }
  const result = parseTopology(text, { file });
  if (!result.ok) return result.errors.map(formatDiagnostic);
  if (parsed.size > 32) parsed.clear();
  parsed.set(key, result.model);
  return result.model;
}

/** Each source's model with the settings applied, or the messages saying why not. */
function models(
  request: RunRequest | SweepRequest | AnalyseRequest | BlastRequest | MapCellsRequest,
): Model[] | string[] {
  const out: Model[] = [];
  for (const source of request.sources) {
    const loaded = load(source);
    if (Array.isArray(loaded)) return loaded;
    try {
      out.push(applyControls(loaded, request.settings));
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  }
  return out;
}

function failure(
  request: RunRequest | SweepRequest | AnalyseRequest | BlastRequest | MapCellsRequest,
  messages: string[],
): WorkerResponse {
  return { type: 'failure', id: request.id, channel: request.channel, messages };
}

/**
 * Finished runs by source, settings, seed and request count. Runs are deterministic, so a figure
 * that re-asks for one (the unchanged baseline of a design comparison) gets it at once.
 */
const finished = new Map<string, Report>();
const FINISHED_LIMIT = 24;

async function runOnce(
  model: Model,
  seed: number,
  requests: number | undefined,
  signal: AbortSignal,
  key?: string,
  traces = false,
): Promise<Report> {
  const cacheKey =
    key === undefined ? undefined : `${key}|${seed}|${requests ?? ''}${traces ? '|traced' : ''}`;
  const cached = cacheKey === undefined ? undefined : finished.get(cacheKey);
  if (cached) return cached;
  const options = requests === undefined ? {} : { requests };
  const report = await simulate(model, { ...options, seed, signal, traces });
  if (signal.aborted) throw new Superseded();
  if (cacheKey !== undefined) {
    if (finished.size >= FINISHED_LIMIT) finished.delete(finished.keys().next().value as string);
    finished.set(cacheKey, report);
  }
  return report;
}

async function runAll(
  request: RunRequest,
  list: readonly Model[],
  requests: number | undefined,
  signal: AbortSignal,
): Promise<Report[]> {
  const reports: Report[] = [];
  for (const [i, model] of list.entries()) {
    const source = request.sources[i] as TopologySource;
    const key = `${sourceKey(source)}|${JSON.stringify(request.settings)}`;
    const report = await runOnce(model, request.seed, requests, signal, key, request.traces);
    const syncRemoteCallsPerRequest = report.syncCallsPerRequest;
    reports.push(
      request.analyses ? { ...report, ...analyse(model, { syncRemoteCallsPerRequest }) } : report,
    );
  }
  return reports;
}

/**
 * Warm-up runs a worker may still make. A worker's compiled code is its own, and a fresh one
 * takes about four runs of a figure's size to reach its optimised speed (a distributed-monolith
 * run of 4,000 requests: 97, 48, 50, 26, then 22–27 ms each, in Node). Without warming, a
 * reader's first drags pay for that. Once spent, never again: the code stays compiled.
 */
let warmRunsLeft = 4;
/** Events per slice of a warm-up run. */
const WARM_SLICE_EVENTS = 1_000;
/** A figure run this worker answered: what a warm-up runs again. */
interface FinishedRun {
  readonly channel: string;
  readonly list: readonly Model[];
  readonly requests: number | undefined;
}
/** The last figure run this worker answered. */
let lastRun: FinishedRun | undefined;
/** The warm-up under way, if any: any message stops it, between two slices of its run. */
let warming: AbortController | undefined;

/**
 * Runs the models of `run` again in the background, results discarded (no cache, no answer but the last),
 * until the runs stop getting faster or the warm-up budget is spent; stops as soon as a message
 * arrives, between two slices of a run. Ends with a `prepared` answer on `channel`, which no
 * request waits for (its id is 0), so tests and the figure bench can tell the worker is idle.
 */
async function warmUp({ channel, list, requests }: FinishedRun) {
  // The message that asked for this one has stopped any warm-up before it.
  const controller = new AbortController();
  warming = controller;
  const { signal } = controller;
  const started = performance.now();
  const options = requests === undefined ? {} : { requests };
  let previous = Number.POSITIVE_INFINITY;
  while (warmRunsLeft > 0) {
    const began = performance.now();
    for (const model of list) {
      // Another seed than the figure's: nothing is cached, and nothing a figure shows is run.
      await simulate(model, {
        ...options,
        seed: 1_000_003 + warmRunsLeft,
        signal,
        // Short slices: a reader's request waits for the slice under way, and a cold one costs
        // microseconds an event (the 20,000 of a normal slice would keep it waiting 40–60 ms).
        sliceEvents: WARM_SLICE_EVENTS,
      });
      if (signal.aborted) return;
    }
    warmRunsLeft--;
    const took = performance.now() - began;
    // Within a tenth of the run before: the code is as fast as it gets.
    if (took > previous * 0.9) warmRunsLeft = 0;
    previous = took;
  }
  warming = undefined;
  self.postMessage({
    type: 'prepared',
    id: 0,
    channel,
    final: true,
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
}

async function run(request: RunRequest, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const built = models(request);
  if (typeof built[0] === 'string' || built.length === 0) {
    self.postMessage(failure(request, built as string[]));
    return;
  }
  const list = built as Model[];
  const faults = list.map((m) => [...m.faults]);
  const base = { type: 'result', id: request.id, channel: request.channel, faults } as const;
  if (
    request.coarseRequests !== undefined &&
    request.coarseRequests < (request.requests ?? Infinity)
  ) {
    const coarse = await runAll(request, list, request.coarseRequests, signal);
    self.postMessage({
      ...base,
      final: false,
      reports: coarse,
      requests: request.coarseRequests,
      workerMs: performance.now() - started,
    } satisfies WorkerResponse);
  }
  const reports = await runAll(request, list, request.requests, signal);
  const answer = { ...base, reports, ...(request.requests ? { requests: request.requests } : {}) };
  const fromBatches = reports.map(batchNoise);
  const needReplicates = request.noise === true && fromBatches.some((n) => n === undefined);
  if (needReplicates) {
    self.postMessage({
      ...answer,
      final: false,
      workerMs: performance.now() - started,
    } satisfies WorkerResponse);
  }
  let noise: ReportNoise[] | undefined;
  if (request.noise) {
    noise = [];
    for (const [i, model] of list.entries()) {
      const own = fromBatches[i];
      if (own) {
        noise.push(own);
        continue;
      }
      const runs = [reports[i] as Report];
      for (const seed of replicateSeeds(request.seed).slice(1)) {
        runs.push(await runOnce(model, seed, request.requests, signal));
      }
      noise.push(seedNoise(runs));
    }
  }
  self.postMessage({
    ...answer,
    final: true,
    ...(noise ? { noise } : {}),
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
  lastRun = { channel: request.channel, list, requests: request.requests };
}

async function sweep(request: SweepRequest, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const built = models(request);
  if (typeof built[0] === 'string' || built.length === 0) {
    self.postMessage(failure(request, built as string[]));
    return;
  }
  const cuts = (built as Model[]).map((model, i) => ({
    label: request.labels[i] ?? `cut ${i + 1}`,
    model,
  }));
  const runModel: RunModel = (model, requests, seed = request.seed) =>
    runOnce(model, seed, requests, signal);
  const base = {
    type: 'sweep',
    id: request.id,
    channel: request.channel,
    ...(request.part !== undefined ? { part: request.part } : {}),
  } as const;
  const refined = await progressiveSweep(cuts, runModel, {
    seed: request.seed,
    onCoarse: (coarse) =>
      self.postMessage({
        ...base,
        final: false,
        sweep: coarse,
        workerMs: performance.now() - started,
      } satisfies WorkerResponse),
  });
  self.postMessage({
    ...base,
    final: true,
    sweep: refined,
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
}

/** The analyses of each source with the settings applied: pure and quick, answered once. */
function analyseOnly(request: AnalyseRequest): void {
  const started = performance.now();
  const built = models(request);
  if (typeof built[0] === 'string' || built.length === 0) {
    self.postMessage(failure(request, built as string[]));
    return;
  }
  self.postMessage({
    type: 'analyses',
    id: request.id,
    channel: request.channel,
    final: true,
    analyses: (built as Model[]).map((model) =>
      analyse(request.breakingVia === 'expand-contract' ? withExpandContract(model) : model),
    ),
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
}

/** The blast-radius table of the first source: static at once, then every column. */
async function blast(request: BlastRequest, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const built = models(request);
  const model = built[0];
  if (typeof model === 'string' || model === undefined) {
    self.postMessage(failure(request, built as string[]));
    return;
  }
  const datastores = Object.keys(model.datastores);
  const base = { type: 'blast', id: request.id, channel: request.channel } as const;
  const first = blastTable(await check(model, { simulate: false }), { datastores });
  self.postMessage({
    ...base,
    final: false,
    table: first,
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
  let lastPost = 0;
  const result = await check(model, {
    seed: request.seed,
    signal,
    ...(request.requests === undefined ? {} : { requests: request.requests }),
    onProgress: (progress) => {
      const now = performance.now();
      if (now - lastPost < 150) return;
      lastPost = now;
      self.postMessage({
        ...base,
        final: false,
        table: first,
        progress,
        workerMs: now - started,
      } satisfies WorkerResponse);
    },
  });
  if (signal.aborted) throw new Superseded();
  self.postMessage({
    ...base,
    final: true,
    table: blastTable(result, { datastores }),
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
}

/**
 * Finished map cells by source, settings, seed, trigger and cell. A cell is one deterministic
 * run, so a reader who goes back to a retry policy gets its map at once; cells are small.
 */
const cells = new Map<string, MapCell>();
const CELLS_LIMIT = 4096;

/**
 * This worker's share of a metastability map: each cell of the request in order, answered after
 * every cell it simulated so the page can draw the map filling in; cells done before come with
 * the next answer.
 */
async function mapCells(request: MapCellsRequest, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  // Each cell applies the settings itself, under its own load and trigger.
  const built = models({ ...request, settings: [] });
  const model = built[0];
  if (typeof model === 'string' || model === undefined) {
    self.postMessage(failure(request, built as string[]));
    return;
  }
  const { target, factor, settings, seed } = request;
  if (!model.services[target]) {
    self.postMessage(failure(request, [`metastability: no service "${target}" to slow down`]));
    return;
  }
  const prefix = `${sourceKey(request.sources[0] as TopologySource)}|${JSON.stringify(settings)}|${seed}|${target}|${factor ?? ''}`;
  const base = { type: 'map-cells', id: request.id, channel: request.channel } as const;
  let fresh: MapCell[] = [];
  for (const at of request.cells) {
    const key = `${prefix}|${at.load}|${at.triggerMs}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      // Cells known already go out before a new one is simulated: drawn at once, not after it.
      if (fresh.length > 0) {
        self.postMessage({
          ...base,
          final: false,
          cells: fresh,
          workerMs: performance.now() - started,
        } satisfies WorkerResponse);
        fresh = [];
      }
      const options = { target, settings, ...(factor === undefined ? {} : { factor }) };
      const one = cellModel(model, at.load, at.triggerMs, options);
      const report = await runOnce(one.model, seed, one.requests, signal);
      cell = judgeCell(report, at.load, at.triggerMs, target);
      if (cells.size >= CELLS_LIMIT) cells.delete(cells.keys().next().value as string);
      cells.set(key, cell);
      fresh.push(cell);
      self.postMessage({
        ...base,
        final: false,
        cells: fresh,
        workerMs: performance.now() - started,
      } satisfies WorkerResponse);
      fresh = [];
    } else {
      fresh.push(cell);
    }
  }
  self.postMessage({
    ...base,
    final: true,
    cells: fresh,
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
}

/**
 * Warms this worker for a figure: parses its sources (into the cache) and does once what the
 * figure will ask, on a short run, so the first change a reader makes finds the code compiled.
 * Errors are the figure's to report when it asks for real.
 */
async function prepare(request: PrepareRequest): Promise<void> {
  for (const source of request.sources) {
    const loaded = load(source);
    if (Array.isArray(loaded)) return;
    let model: Model;
    try {
      model = applyControls(loaded, request.settings);
    } catch {
      return;
    }
    if (request.warm.includes('analyse')) analyse(model);
    if (request.warm.includes('simulate')) {
      await simulate(model, { seed: 1, requests: 200 });
    }
  }
}

/** The event-change explorer: the rules and the releases of one proposal, answered once. */
function eventChange(request: EventChangeRequest): void {
  const started = performance.now();
  const model = load(request.sources[0] ?? { preset: '' });
  if (Array.isArray(model)) {
    self.postMessage({
      type: 'failure',
      id: request.id,
      channel: request.channel,
      messages: model,
    });
    return;
  }
  self.postMessage({
    type: 'event-change',
    id: request.id,
    channel: request.channel,
    final: true,
    events: eventChoices(model),
    outcome: exploreEventChange(model, request.proposal),
    workerMs: performance.now() - started,
  } satisfies WorkerResponse);
}

/** Posts an answer unless its run was superseded (the sandbox's handlers post through this). */
function post(answer: WorkerResponse, signal: AbortSignal): void {
  if (signal.aborted) throw new Superseded();
  self.postMessage(answer);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  warming?.abort();
  if (message.type === 'warm') {
    if (warmRunsLeft > 0 && lastRun) void warmUp(lastRun);
    return;
  }
  // Warming supersedes nothing: the figure's own request may already be running.
  if (message.type === 'prepare') {
    const started = performance.now();
    await prepare(message).catch(() => {});
    self.postMessage({
      type: 'prepared',
      id: 0,
      channel: message.channel,
      final: true,
      workerMs: performance.now() - started,
    } satisfies WorkerResponse);
    return;
  }
  running.get(message.channel)?.abort();
  running.delete(message.channel);
  if (message.type === 'cancel') return;
  const controller = new AbortController();
  running.set(message.channel, controller);
  try {
    if (message.type === 'sweep') await sweep(message, controller.signal);
    else if (message.type === 'analyse') analyseOnly(message);
    else if (message.type === 'blast') await blast(message, controller.signal);
    else if (message.type === 'map-cells') await mapCells(message, controller.signal);
    else if (message.type === 'event-change') eventChange(message);
    else if (message.type === 'sandbox') await runSandbox(message, controller.signal, post);
    else if (message.type === 'sandbox-check')
      await runSandboxCheck(message, controller.signal, post);
    else await run(message, controller.signal);
  } catch (error) {
    // A superseded run says nothing: its figure is already waiting for the newer one.
    if (!(error instanceof Superseded) && !controller.signal.aborted) {
      const text = error instanceof Error ? error.message : String(error);
      self.postMessage({
        type: 'failure',
        id: message.id,
        channel: message.channel,
        messages: [`The simulation stopped unexpectedly: ${text}`],
      } satisfies WorkerResponse);
    }
  } finally {
    if (running.get(message.channel) === controller) running.delete(message.channel);
  }
};
