/**
 * What `npm run check` reports: the analyses of one model, the simulated blast radius beside the
 * static one, and the verdict gate for CI. Pure apart from running the simulator; the command line
 * (`simulations/cli/check.ts`) only reads files and prints.
 */
import type { Model } from '../model/types.ts';
import { analyse } from './index.ts';
import { type SimulatedBlastRadius, simulatedBlastRadius } from './simulatedBlastRadius.ts';
import type { Analyses, Scorecard, ScorecardKey, Verdict } from './types.ts';

export interface CheckOptions {
  /** Simulate the blast radius too (default true); false keeps `check` instant. */
  readonly simulate?: boolean;
  /** User requests per simulated run (default 2,000). */
  readonly requests?: number;
  /** Seed of the simulated runs (default: the document's). */
  readonly seed?: number;
}

export interface CheckResult {
  readonly name: string;
  readonly style: Model['style'];
  readonly organization: Model['organization'];
  readonly analyses: Analyses;
  /** Absent when `simulate` is false. */
  readonly simulated?: SimulatedBlastRadius;
}

/** Analyses a model the way the `check` command reports it. */
export function check(model: Model, options: CheckOptions = {}): CheckResult {
  const { simulate = true, requests, seed } = options;
  const simulated = simulate ? simulatedBlastRadius(model, { requests, seed }) : undefined;
  // Chattiness as measured in the healthy baseline run, retries and fan-out included.
  const measured =
    simulated === undefined
      ? {}
      : { syncRemoteCallsPerRequest: simulated.baselineSyncCallsPerRequest };
  return {
    name: model.name,
    style: model.style,
    organization: model.organization,
    analyses: analyse(model, measured),
    ...(simulated === undefined ? {} : { simulated }),
  };
}

const RANK: Readonly<Record<Verdict, number>> = { ok: 0, warn: 1, bad: 2 };

/** The scorecard entries whose verdict is `level` or worse, in table order. */
export function entriesAtLeast(scorecard: Scorecard, level: Verdict): ScorecardKey[] {
  return (Object.keys(scorecard) as ScorecardKey[]).filter(
    (key) => RANK[scorecard[key].verdict] >= RANK[level],
  );
}

/** How many entries have each verdict. */
export function verdictCounts(scorecard: Scorecard): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { ok: 0, warn: 0, bad: 0 };
  for (const key of Object.keys(scorecard) as ScorecardKey[]) counts[scorecard[key].verdict]++;
  return counts;
}
