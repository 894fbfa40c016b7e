/**
 * The engine worker's side of the sandbox: parse one document for its located diagnostics, then
 * simulate it twice (a quick run for the figures while the reader types, then the document's own
 * run within a wall-clock budget, partial past it), or `check` it for the blast radius. Kept out
 * of `engine.worker.ts` so the worker file stays a dispatcher; it posts through a callback that
 * refuses to speak for a superseded run.
 */
import { check } from '../../simulations/analyses/check.ts';
import { analyse } from '../../simulations/analyses/index.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import type { Model } from '../../simulations/model/types.ts';
import { topologyGraph } from '../../simulations/scenarios/topologyGraph.ts';
import { simulate } from '../../simulations/simulate.ts';
import type {
  SandboxCheckRequest,
  SandboxRequest,
  SandboxResult,
  WorkerResponse,
} from '../engine/protocol.ts';

export type Post = (answer: WorkerResponse, signal: AbortSignal) => void;

/** Diagnostics, then a coarse run, then the full run (or just the errors). */
export async function runSandbox(
  request: SandboxRequest,
  signal: AbortSignal,
  post: Post,
): Promise<void> {
  const started = performance.now();
  const base = { type: 'sandbox', id: request.id, channel: request.channel } as const;
  const parsed = parseTopology(request.yaml, { file: request.file });
  if (!parsed.ok) {
    post(
      {
        ...base,
        final: true,
        stage: 'diagnostics',
        ok: false,
        diagnostics: parsed.errors,
        workerMs: performance.now() - started,
      } satisfies SandboxResult,
      signal,
    );
    return;
  }
  const { model, warnings } = parsed;
  const graph = topologyGraph(model);
  const seed = request.seed ?? model.workload.seed;
  const answer = (
    stage: SandboxResult['stage'],
    final: boolean,
    report?: SandboxResult['report'],
  ) =>
    ({
      ...base,
      final,
      stage,
      ok: true,
      diagnostics: warnings,
      model,
      graph,
      ...(report ? { report } : {}),
      workerMs: performance.now() - started,
    }) satisfies SandboxResult;
  post(answer('diagnostics', false), signal);
  const withAnalyses = async (
    m: Model,
    requests: number | undefined,
    traces: boolean,
    budgetMs: number,
  ) => {
    const report = await simulate(m, {
      seed,
      signal,
      budgetMs,
      traces,
      ...(requests === undefined ? {} : { requests }),
    });
    return { ...report, ...analyse(m, { syncRemoteCallsPerRequest: report.syncCallsPerRequest }) };
  };
  const full = model.workload.requests;
  if (request.coarseRequests < full) {
    post(
      answer(
        'coarse',
        false,
        await withAnalyses(model, request.coarseRequests, false, request.budgetMs),
      ),
      signal,
    );
  }
  post(
    answer(
      'full',
      true,
      await withAnalyses(model, undefined, request.traces === true, request.budgetMs),
    ),
    signal,
  );
}

/** `check`: the static result at once, then progress, then the simulated blast radius. */
export async function runSandboxCheck(
  request: SandboxCheckRequest,
  signal: AbortSignal,
  post: Post,
): Promise<void> {
  const started = performance.now();
  const base = { type: 'sandbox-check', id: request.id, channel: request.channel } as const;
  const parsed = parseTopology(request.yaml, { file: request.file });
  if (!parsed.ok) {
    post(
      {
        type: 'failure',
        id: request.id,
        channel: request.channel,
        messages: parsed.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`),
      },
      signal,
    );
    return;
  }
  const { model } = parsed;
  const datastores = Object.keys(model.datastores);
  const first = await check(model, { simulate: false });
  post(
    { ...base, final: false, check: first, datastores, workerMs: performance.now() - started },
    signal,
  );
  let lastPost = 0;
  const result = await check(model, {
    signal,
    budgetMs: request.budgetMs,
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.requests === undefined ? {} : { requests: request.requests }),
    onProgress: (progress) => {
      const now = performance.now();
      if (now - lastPost < 150 || signal.aborted) return;
      lastPost = now;
      post(
        { ...base, final: false, check: first, datastores, progress, workerMs: now - started },
        signal,
      );
    },
  });
  post(
    { ...base, final: true, check: result, datastores, workerMs: performance.now() - started },
    signal,
  );
}
