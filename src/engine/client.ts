/**
 * The page's side of the engine worker: one worker per page, shared by every figure, started on
 * first use. `run` resolves with the newest answer for a channel; an answer to a request that a
 * newer one has replaced resolves as `superseded`, so a figure never draws stale numbers. Answers
 * that a fuller one will follow (`final: false`: a coarse sweep, reports before their noise) go to
 * `onPartial` instead, so a figure can draw them while it waits.
 */
import type {
  AnalyseRequest,
  BlastRequest,
  BlastResult,
  EventChangeRequest,
  MapRequest,
  MapResult,
  RunRequest,
  RunResult,
  SandboxCheckRequest,
  SandboxCheckResult,
  SandboxRequest,
  SandboxResult,
  SweepRequest,
  SweepResult,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';

export type RunOutcome = WorkerResponse | { readonly type: 'superseded' };

type Pending = {
  id: number;
  resolve: (outcome: RunOutcome) => void;
  partial?: ((answer: WorkerResponse) => void) | undefined;
};

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<string, Pending>();

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lockstep-engine',
  });
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const answer = event.data;
    const waiting = pending.get(answer.channel);
    if (!waiting || waiting.id !== answer.id) return;
    if (answer.type !== 'failure' && !answer.final) {
      waiting.partial?.(answer);
      return;
    }
    pending.delete(answer.channel);
    waiting.resolve(answer);
  };
  return worker;
}

function ask(
  request: WorkerRequest & {
    type:
      | 'run'
      | 'sweep'
      | 'analyse'
      | 'blast'
      | 'map'
      | 'sandbox'
      | 'sandbox-check'
      | 'event-change';
  },
  partial?: (answer: WorkerResponse) => void,
): Promise<RunOutcome> {
  const previous = pending.get(request.channel);
  previous?.resolve({ type: 'superseded' });
  return new Promise((resolve) => {
    pending.set(request.channel, { id: request.id, resolve, partial });
    ensureWorker().postMessage(request);
  });
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

/** Asks for a load sweep: `onCoarse` gets the coarse sweep, the promise the refined one. */
export function sweepOnEngine(
  request: Omit<SweepRequest, 'type' | 'id'>,
  onCoarse?: (result: SweepResult) => void,
): Promise<RunOutcome> {
  return ask({ ...request, type: 'sweep', id: nextId++ }, (answer) => {
    if (answer.type === 'sweep') onCoarse?.(answer);
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
 * Asks for a metastability map: `onPartial` gets the coarse grid and then the refined one as it
 * fills in; the promise resolves with the refined map.
 */
export function mapOnEngine(
  request: Omit<MapRequest, 'type' | 'id'>,
  onPartial?: (result: MapResult) => void,
): Promise<RunOutcome> {
  return ask({ ...request, type: 'map', id: nextId++ }, (answer) => {
    if (answer.type === 'map') onPartial?.(answer);
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
  ensureWorker().postMessage({ type: 'cancel', channel } satisfies WorkerRequest);
}
