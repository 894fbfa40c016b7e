/**
 * A comparison run spread over a pool of workers. A figure that compares several sources (the
 * three cuts, a design against its baseline) runs each source with the same seed and settings,
 * and each run is deterministic on its own, so the answers are the same however the sources are
 * shared out; sharing only changes when they arrive. The page's client (`client.ts`) sends each
 * worker a run of its share of the sources and hands the figure the answers put back together
 * in the figure's order: nothing here computes a metric.
 */
import type { RunResult } from './protocol.ts';

/**
 * Which sources each worker runs, by index into the request's sources: in turn, so that a
 * source keeps to one worker from one drag to the next (its worker's cache of finished runs
 * stays useful) and, with three cuts on two cores, the cheapest (the monolith, first) shares a
 * worker with another. Workers that would get nothing are left out.
 */
export function runShares(sources: number, workers: number): number[][] {
  const n = Math.max(1, Math.min(Math.floor(workers), sources));
  const shares: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < sources; i++) (shares[i % n] as number[]).push(i);
  return shares;
}

/**
 * What to hand the figure, from the latest answer of each share (undefined: none yet): the
 * whole answer once every share is final; before that, a partial answer once every share has
 * answered for the same request count (a coarse answer or reports before their noise), so a
 * figure never draws one cut's coarse run beside another's full one. Noise goes with the final
 * answer only, where every share has it. Undefined while there is nothing new to show;
 * `shown` is the request count of the last partial answer handed over, not to repeat it.
 */
export function mergeRunAnswers(
  shares: readonly (readonly number[])[],
  answers: readonly (RunResult | undefined)[],
  shown?: number | 'none',
): RunResult | undefined {
  const got = answers.filter((a): a is RunResult => a !== undefined);
  if (got.length < shares.length || got.length === 0) return undefined;
  const first = got[0] as RunResult;
  const final = got.every((a) => a.final);
  const requests = first.requests;
  if (!final && (got.some((a) => a.requests !== requests) || shown === (requests ?? 'none')))
    return undefined;
  const count = shares.reduce((n, share) => n + share.length, 0);
  const reports: RunResult['reports'][number][] = new Array(count);
  const faults: RunResult['faults'][number][] = new Array(count);
  const noise: NonNullable<RunResult['noise']>[number][] = new Array(count);
  let withNoise = final;
  for (const [s, share] of shares.entries()) {
    const answer = answers[s] as RunResult;
    for (const [j, index] of share.entries()) {
      reports[index] = answer.reports[j] as RunResult['reports'][number];
      faults[index] = answer.faults[j] ?? [];
      const own = answer.noise?.[j];
      if (own) noise[index] = own;
      else withNoise = false;
    }
  }
  return {
    type: 'result',
    id: first.id,
    channel: first.channel,
    final,
    ...(requests === undefined ? {} : { requests }),
    reports,
    faults,
    ...(withNoise ? { noise } : {}),
    // The shares ran side by side: the answer took as long as the slowest.
    workerMs: Math.max(...got.map((a) => a.workerMs)),
  };
}
