import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import type { Report } from '../../simulations/report/types.ts';
import { batchNoise } from '../../simulations/scenarios/noise.ts';
import { simulate } from '../../simulations/simulate.ts';
import type { RunResult } from './protocol.ts';
import { mergeRunAnswers, runShares } from './runPool.ts';

const CUTS = ['monolith', 'distributed-monolith', 'microservices'] as const;
const SEED = 11;

async function report(cut: string, requests: number): Promise<Report> {
  const parsed = parseTopology(loadPreset(cut), { file: `${cut}.yaml` });
  if (!parsed.ok) throw new Error(`preset ${cut} does not parse`);
  return simulate(parsed.model, { seed: SEED, requests });
}

/** What a worker answers for `cuts`, at one stage of its run. */
async function answer(
  cuts: readonly string[],
  requests: number,
  final: boolean,
  workerMs = 10,
): Promise<RunResult> {
  const reports = await Promise.all(cuts.map((cut) => report(cut, requests)));
  const noise = reports.map(batchNoise);
  return {
    type: 'result',
    id: 3,
    channel: 'three-cuts',
    final,
    requests,
    reports,
    faults: cuts.map(() => []),
    ...(final && noise.every((n) => n !== undefined) ? { noise } : {}),
    workerMs,
  };
}

describe('a comparison spread over a pool of workers', () => {
  it('gives every source to exactly one worker, and no worker nothing', () => {
    for (const sources of [1, 2, 3, 5]) {
      for (const workers of [1, 2, 3, 4]) {
        const shares = runShares(sources, workers);
        expect(shares).toHaveLength(Math.min(sources, workers));
        expect(shares.every((s) => s.length > 0)).toBe(true);
        expect(
          shares
            .flat()
            .sort((a, b) => a - b)
            .join(),
        ).toBe([...Array(sources).keys()].join());
      }
    }
  });

  it('answers the three cuts exactly as one worker running them all would', async () => {
    const shares = runShares(CUTS.length, 2);
    const pick = (share: readonly number[]) => share.map((i) => CUTS[i] as string);
    const one = await answer(CUTS, 2_000, true, 30);
    const spread = await Promise.all(
      shares.map((share, s) => answer(pick(share), 2_000, true, 10 + s)),
    );
    const merged = mergeRunAnswers(shares, spread);
    expect(merged?.final).toBe(true);
    expect(merged?.reports.map((r) => r.overall)).toEqual(one.reports.map((r) => r.overall));
    // Everything but the wall time each run happened to take.
    const same = (r: Report) => ({ ...r, wallMs: 0 });
    expect(merged?.reports.map(same)).toEqual(one.reports.map(same));
    expect(merged?.noise).toEqual(one.noise);
    // Side by side: as long as the slowest share, not the sum.
    expect(merged?.workerMs).toBe(11);
  });

  it('never shows one cut coarse beside another full, nor the same partial twice', async () => {
    const shares = runShares(CUTS.length, 2);
    const coarse0 = await answer(['monolith', 'microservices'], 200, false);
    const full1 = await answer(['distributed-monolith'], 2_000, false);
    const coarse1 = await answer(['distributed-monolith'], 200, false);
    // One share answered: nothing to show yet.
    expect(mergeRunAnswers(shares, [coarse0, undefined])).toBeUndefined();
    // Coarse beside full: wait.
    expect(mergeRunAnswers(shares, [coarse0, full1])).toBeUndefined();
    const partial = mergeRunAnswers(shares, [coarse0, coarse1]);
    expect(partial?.final).toBe(false);
    expect(partial?.requests).toBe(200);
    expect(partial?.noise).toBeUndefined();
    expect(partial?.reports.map((r) => r.overall.requests)).toEqual([
      coarse0.reports[0]?.overall.requests,
      coarse1.reports[0]?.overall.requests,
      coarse0.reports[1]?.overall.requests,
    ]);
    expect(mergeRunAnswers(shares, [coarse0, coarse1], 200)).toBeUndefined();
    // A final share beside a partial one at the same count is a partial answer without noise.
    const final1 = await answer(['distributed-monolith'], 2_000, true);
    const full0 = await answer(['monolith', 'microservices'], 2_000, false);
    const before = mergeRunAnswers(shares, [full0, final1], 200);
    expect(before?.final).toBe(false);
    expect(before?.noise).toBeUndefined();
  });
});
