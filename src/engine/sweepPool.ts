/**
 * A load sweep spread over a pool of workers, a cut to a worker in turn. Each cut's sweep is its
 * own (its probe, its loads, the same seeds), so the sweep is the same however the cuts are shared
 * out; sharing only changes when each arrives. The page's client (`client.ts`) sends each worker
 * its cuts and assembles the answers in the figure's order; the range is the engine's own
 * (`sweepRange`), and nothing here reads a point.
 */
import { type LoadSweep, sweepRange } from '../../simulations/scenarios/loadSweep.ts';

/** The cuts (their indices) each of `workers` sweeps: cut i to worker i mod n; no empty share. */
export function sweepShares(cuts: number, workers: number): number[][] {
  const n = Math.max(1, Math.min(Math.floor(workers), cuts));
  const shares: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < cuts; i++) (shares[i % n] as number[]).push(i);
  return shares;
}

/**
 * The whole sweep from its parts (`parts[k]` swept the cuts `shares[k]`, in that order), or
 * undefined while a part is missing.
 */
export function assembleSweep(
  parts: readonly (LoadSweep | undefined)[],
  shares: readonly (readonly number[])[],
): LoadSweep | undefined {
  const ready = parts.filter((p): p is LoadSweep => p !== undefined);
  if (ready.length < shares.length) return undefined;
  const cuts: LoadSweep['cuts'][number][] = [];
  shares.forEach((share, k) => {
    share.forEach((cut, j) => {
      const swept = ready[k]?.cuts[j];
      if (swept) cuts[cut] = swept;
    });
  });
  return { ...(ready[0] as LoadSweep), cuts, range: sweepRange(cuts) };
}
