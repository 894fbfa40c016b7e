/**
 * The page's side of the engine: a pool of workers (one per core, `navigator.hardwareConcurrency`,
 * at most `POOL_LIMIT`), started as figures first need them and shared by every figure. Each
 * figure's channel keeps to one worker, so its caches and its "latest wins" stay in one place;
 * channels take the workers in turn, so two figures busy at once run side by side. A
 * metastability map is spread over the whole pool (`mapPool.ts`).
 *
 * `run` resolves with the newest answer for a channel; an answer to a request that a newer one
 * has replaced resolves as `superseded`, so a figure never draws stale numbers. Answers that a
 * fuller one will follow (`final: false`: a coarse sweep, reports before their noise) go to
 * `onPartial` instead, so a figure can draw them while it waits.
 */
import type { LoadSweep } from '../../simulations/scenarios/loadSweep.ts';
import type { MapCell, MetastabilityMap } from '../../simulations/scenarios/metastability.ts';
import { addCells, assembleMap, mapShares } from './mapPool.ts';
import type {
  AnalyseRequest,
  BlastRequest,
  BlastResult,
  EventChangeRequest,
  MapRequest,
  MapResult,
  PrepareRequest,
  RunRequest,
  RunResult,
  SandboxCheckRequest,
  SandboxCheckResult,
  SandboxRequest,
  SandboxResult,
  SweepRequest,
  SweepResult,
  TopologySource,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';
import { assembleSweep, sweepShares } from './sweepPool.ts';

export type RunOutcome = WorkerResponse | { readonly type: 'superseded' };

/** Workers beyond four buy a figure little and cost each a copy of the engine's memory. */
const POOL_LIMIT = 4;

type Pending = {
  id: number;
  resolve: (outcome: RunOutcome) => void;
  /** Sees every answer with this request's id; returns true once the request is answered. */
  answer: (answer: WorkerResponse) => boolean;
};

const workers: Worker[] = [];
/** The worker each channel keeps to, by index into the pool. */
const home = new Map<string, number>();
/** Workers that have been sent something on a channel (a map goes to all of them). */
const sentTo = new Map<string, Set<number>>();
let nextId = 1;
let nextHome = 0;
const pending = new Map<string, Pending>();

function poolSize(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(POOL_LIMIT, cores));
}

function workerAt(index: number): Worker {
  const existing = workers[index];
  if (existing) return existing;
  // The first figure to need a worker starts the whole pool: the others are then ready (their
  // module loaded and compiled) by the time a second figure or a spread map asks them.
  if (workers.length === 0) {
    for (let i = 0; i < poolSize(); i++) if (i !== index) spawn(i);
  }
  return spawn(index);
}

function spawn(index: number): Worker {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: `lockstep-engine-${index + 1}`,
  });
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const answer = event.data;
    const waiting = pending.get(answer.channel);
    if (!waiting || waiting.id !== answer.id) return;
    if (waiting.answer(answer)) {
      pending.delete(answer.channel);
      warmWhenIdle();
    }
  };
  workers[index] = worker;
  return worker;
}

/**
 * After the pool has been idle this long, its workers may warm up (`WarmRequest`): long enough
 * for the figure that just answered to draw first. A warm-up while any worker is still busy
 * would take a core from it; one that a reader's next drag interrupts costs that drag at most a
 * thousand events (measured on two cores: 300 ms left most first drags cold, 100 ms did not).
 */
const WARM_AFTER_IDLE_MS = 100;
let warmTimer: ReturnType<typeof setTimeout> | undefined;

function warmWhenIdle(): void {
  if (warmTimer !== undefined) clearTimeout(warmTimer);
  warmTimer = setTimeout(() => {
    warmTimer = undefined;
    if (pending.size > 0) return;
    for (const worker of workers) {
      worker.postMessage({ type: 'warm', channel: '' } satisfies WorkerRequest);
    }
  }, WARM_AFTER_IDLE_MS);
}

/** The channel's worker: taken in turn on the channel's first request, then kept. */
function homeOf(channel: string): number {
  let index = home.get(channel);
  if (index === undefined) {
    index = nextHome % poolSize();
    nextHome += 1;
    home.set(channel, index);
  }
  return index;
}

function send(index: number, message: WorkerRequest): void {
  let set = sentTo.get(message.channel);
  if (!set) {
    set = new Set();
    sentTo.set(message.channel, set);
  }
  set.add(index);
  workerAt(index).postMessage(message);
}

/** Tells every worker the channel has used, but those in `keep`, to stop its work on it. */
function stopWorkers(channel: string, keep: readonly number[] = []): void {
  for (const index of sentTo.get(channel) ?? []) {
    if (!keep.includes(index)) {
      workerAt(index).postMessage({ type: 'cancel', channel } satisfies WorkerRequest);
    }
  }
}

/** Replaces the channel's request with a new one, resolving the old one as superseded. */
function replace(channel: string, next: Pending): void {
  pending.get(channel)?.resolve({ type: 'superseded' });
  pending.set(channel, next);
}

function ask(
  request: WorkerRequest & {
    type: 'run' | 'sweep' | 'analyse' | 'blast' | 'sandbox' | 'sandbox-check' | 'event-change';
  },
  partial?: (answer: WorkerResponse) => void,
): Promise<RunOutcome> {
  return new Promise((resolve) => {
    replace(request.channel, {
      id: request.id,
      resolve,
      answer: (answer) => {
        if (answer.type !== 'failure' && !answer.final) {
          partial?.(answer);
          return false;
        }
        resolve(answer);
        return true;
      },
    });
    send(homeOf(request.channel), request);
  });
}

/**
 * Warms the channel's worker: starts it and parses the figure's sources, then does once what the
 * figure will ask (`warm`), so the reader's first change finds the worker ready. For figures
 * drawn at build time, which ask nothing until the reader changes one. Sent at once (posting
 * costs the page nothing; the work is the worker's), so it is done before a reader's first key.
 */
export function prepareOnEngine(request: Omit<PrepareRequest, 'type'>): void {
  send(homeOf(request.channel), { ...request, type: 'prepare' });
}

/** Asks the engine to run; a later call on the same channel supersedes this one. */
export function runOnEngine(
  request: Omit<RunRequest, 'type' | 'id'>,
  onPartial?: (result: RunResult) => void,
): Promise<RunOutcome> {
  return ask({ ...request, type: 'run', id: nextId++ }, (answer) => {
    if (answer.type === 'result') onPartial?.(answer);
  });
}

/**
 * Asks for a load sweep, its cuts spread over the pool (`sweepPool.ts`): `onCoarse` gets the
 * coarse sweep once every cut's is in, the promise the refined one.
 */
export function sweepOnEngine(
  request: Omit<SweepRequest, 'type' | 'id' | 'part'>,
  onCoarse?: (result: SweepResult) => void,
): Promise<RunOutcome> {
  const id = nextId++;
  const started = performance.now();
  const shares = sweepShares(request.sources.length, poolSize());
  const coarse: (LoadSweep | undefined)[] = shares.map(() => undefined);
  const refined: (LoadSweep | undefined)[] = shares.map(() => undefined);
  let coarseShown = false;
  const result = (sweep: LoadSweep, final: boolean): SweepResult => ({
    type: 'sweep',
    id,
    channel: request.channel,
    final,
    sweep,
    workerMs: performance.now() - started,
  });
  return new Promise((resolve) => {
    replace(request.channel, {
      id,
      resolve,
      answer: (answer) => {
        if (answer.type === 'failure') {
          stopWorkers(request.channel);
          resolve(answer);
          return true;
        }
        if (answer.type !== 'sweep') return false;
        const part = answer.part ?? 0;
        (answer.final ? refined : coarse)[part] = answer.sweep;
        const whole = assembleSweep(refined, shares);
        if (whole) {
          resolve(result(whole, true));
          return true;
        }
        const first = coarseShown ? undefined : assembleSweep(coarse, shares);
        if (first) {
          coarseShown = true;
          onCoarse?.(result(first, false));
        }
        return false;
      },
    });
    const targets = shares.map((_, part) => (homeOf(request.channel) + part) % poolSize());
    // A worker of an earlier, wider share that gets no part now would run on for nothing.
    stopWorkers(request.channel, targets);
    for (const [part, cuts] of shares.entries()) {
      send(targets[part] as number, {
        ...request,
        sources: cuts.map((i) => request.sources[i] as TopologySource),
        labels: cuts.map((i) => request.labels[i] ?? `cut ${i + 1}`),
        type: 'sweep',
        id,
        part,
      });
    }
  });
}

/** Asks for the static analyses of each source (no simulation): one answer, `analyses`. */
export function analyseOnEngine(request: Omit<AnalyseRequest, 'type' | 'id'>): Promise<RunOutcome> {
  return ask({ ...request, type: 'analyse', id: nextId++ });
}

/**
 * Asks for a blast-radius table (`check`): `onPartial` gets the static table at once and then the
 * progress of the simulations; the promise resolves with every column.
 */
export function blastOnEngine(
  request: Omit<BlastRequest, 'type' | 'id'>,
  onPartial?: (result: BlastResult) => void,
): Promise<RunOutcome> {
  return ask({ ...request, type: 'blast', id: nextId++ }, (answer) => {
    if (answer.type === 'blast') onPartial?.(answer);
  });
}

/**
 * The least time between two partial maps handed to a figure, each one a redraw: short while the
 * coarse grid fills in (the reader is waiting for it), longer while it refines, when a column
 * completing also redraws.
 */
const MAP_REDRAW_MS = { coarse: 100, refined: 500 } as const;

/** What changes the map's meaning: its stage, and how many of its columns are complete. */
function milestone(map: MetastabilityMap): string {
  return `${map.stage}:${map.boundary.length}:${map.done === map.total}`;
}

/**
 * Asks for a metastability map, spread over the pool: each worker simulates its share of the
 * cells, and `onPartial` gets the map as it fills in (the coarse grid first, cell by cell, then
 * the refined grid, at most every `MAP_REDRAW_MS`); the promise resolves with the refined map.
 */
export function mapOnEngine(
  request: Omit<MapRequest, 'type' | 'id'>,
  onPartial?: (result: MapResult) => void,
): Promise<RunOutcome> {
  const id = nextId++;
  const started = performance.now();
  const shares = mapShares(poolSize());
  const done = new Map<string, MapCell>();
  const total = shares.reduce((n, share) => n + share.length, 0);
  const frame = { seed: request.seed, target: request.target, factor: request.factor ?? 5 };
  let lastShown = Number.NEGATIVE_INFINITY;
  let lastStage = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let over = false;
  const result = (final: boolean): MapResult => ({
    type: 'map',
    id,
    channel: request.channel,
    final,
    map: assembleMap(frame, done),
    workerMs: performance.now() - started,
  });
  const showNow = () => {
    timer = undefined;
    if (over) return;
    lastShown = performance.now();
    const partial = result(false);
    lastStage = milestone(partial.map);
    onPartial?.(partial);
  };
  return new Promise((resolve) => {
    const finish = (outcome: RunOutcome) => {
      over = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve(outcome);
    };
    replace(request.channel, {
      id,
      resolve: finish,
      answer: (answer) => {
        if (answer.type === 'failure') {
          stopWorkers(request.channel);
          finish(answer);
          return true;
        }
        if (answer.type !== 'map-cells') return false;
        addCells(done, answer.cells);
        if (done.size === total) {
          finish(result(true));
          return true;
        }
        // The first cells, a finished coarse grid and each complete column show at once; the
        // cells between them as redraws allow.
        const next = assembleMap(frame, done);
        const wait = lastShown + MAP_REDRAW_MS[next.stage] - performance.now();
        if (milestone(next) !== lastStage || wait <= 0) {
          if (timer !== undefined) clearTimeout(timer);
          showNow();
        } else timer ??= setTimeout(showNow, wait);
        return false;
      },
    });
    for (const [index, cells] of shares.entries()) {
      if (cells.length > 0) send(index, { ...request, type: 'map-cells', id, cells });
    }
  });
}

/**
 * Asks about one sandbox document: `onPartial` gets the diagnostics and the quick run; the
 * promise resolves with the full run (or with the errors, when the document has any).
 */
export function sandboxOnEngine(
  request: Omit<SandboxRequest, 'type' | 'id'>,
  onPartial?: (result: SandboxResult) => void,
): Promise<RunOutcome> {
  return ask({ ...request, type: 'sandbox', id: nextId++ }, (answer) => {
    if (answer.type === 'sandbox') onPartial?.(answer);
  });
}

/** `check` of one sandbox document: `onPartial` gets the static result and progress. */
export function sandboxCheckOnEngine(
  request: Omit<SandboxCheckRequest, 'type' | 'id'>,
  onPartial?: (result: SandboxCheckResult) => void,
): Promise<RunOutcome> {
  return ask({ ...request, type: 'sandbox-check', id: nextId++ }, (answer) => {
    if (answer.type === 'sandbox-check') onPartial?.(answer);
  });
}

/** Asks the event-change explorer's question (chapter 6): one answer, `event-change`. */
export function eventChangeOnEngine(
  request: Omit<EventChangeRequest, 'type' | 'id'>,
): Promise<RunOutcome> {
  return ask({ ...request, type: 'event-change', id: nextId++ });
}

/** Stops whatever the channel is running (a figure scrolled away or was removed). */
export function cancelOnEngine(channel: string): void {
  const waiting = pending.get(channel);
  if (!waiting) return;
  pending.delete(channel);
  waiting.resolve({ type: 'superseded' });
  stopWorkers(channel);
}
