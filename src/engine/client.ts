/**
 * The page's side of the engine worker: one worker per page, shared by every figure, started on
 * first use. `run` resolves with the newest answer for a channel; an answer to a request that a
 * newer one has replaced resolves as `superseded`, so a figure never draws stale numbers.
 */
import type { RunRequest, WorkerRequest, WorkerResponse } from './protocol.ts';

export type RunOutcome = WorkerResponse | { readonly type: 'superseded' };

type Pending = { id: number; resolve: (outcome: RunOutcome) => void };

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
    pending.delete(answer.channel);
    waiting.resolve(answer);
  };
  return worker;
}

/** Asks the engine to run; a later call on the same channel supersedes this one. */
export function runOnEngine(request: Omit<RunRequest, 'type' | 'id'>): Promise<RunOutcome> {
  const id = nextId++;
  const previous = pending.get(request.channel);
  previous?.resolve({ type: 'superseded' });
  return new Promise((resolve) => {
    pending.set(request.channel, { id, resolve });
    const message: WorkerRequest = { ...request, type: 'run', id };
    ensureWorker().postMessage(message);
  });
}

/** Stops whatever the channel is running (a figure scrolled away or was removed). */
export function cancelOnEngine(channel: string): void {
  const waiting = pending.get(channel);
  if (!waiting) return;
  pending.delete(channel);
  waiting.resolve({ type: 'superseded' });
  ensureWorker().postMessage({ type: 'cancel', channel } satisfies WorkerRequest);
}
