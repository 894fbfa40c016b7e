/**
 * What `npm run check` reports: the analyses of one model, the simulated blast radius (every
 * component down, hanging and slow) beside the static one, and the verdict gate for CI. Async and
 * free of Node-only modules, so the command line and a Web Worker call the same function; the
 * command line (`simulations/cli/check.ts`) only reads files and prints.
 */
import type { Model } from '../model/types.ts';
import { analyse } from './analyse.ts';
import { type SimulatedBlastRadius, simulatedBlastRadius } from './simulatedBlastRadius.ts';
import type { Analyses, Scorecard, ScorecardKey, Verdict } from './types.ts';

export interface CheckOptions {
  /** Simulate the blast radius too (default true); false keeps `check` instant. */
  readonly simulate?: boolean;
  /** User requests per blast-radius run (default 2,000). */
  readonly requests?: number;
  /** Seed of every run (default: the document's). */
  readonly seed?: number;
  /** Stops the simulations at their next slice; the result is then partial. */
  readonly signal?: AbortSignal;
  /** Wall-clock milliseconds for the blast-radius runs; past it the result is partial. */
  readonly budgetMs?: number;
  /** Called after each blast-radius run. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

export interface CheckResult {
  readonly name: string;
  readonly style: Model['style'];
  readonly organization: Model['organization'];
  readonly analyses: Analyses;
  /** Absent when `simulate` is false. */
  readonly simulated?: SimulatedBlastRadius;
  /** Wall-clock milliseconds the whole check took, simulations included. */
  readonly wallMs: number;
}

/** Analyses a model the way the `check` command reports it. */
export async function check(model: Model, options: CheckOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  const { simulate: simulated = true, requests, seed, signal, budgetMs, onProgress } = options;
  // The scorecard reads the model alone (chattiness included), so the only simulations are the
  // blast radius's own runs.
  const blast = simulated
    ? await simulatedBlastRadius(model, { requests, seed, signal, budgetMs, onProgress })
    : undefined;
  return {
    name: model.name,
    style: model.style,
    organization: model.organization,
    analyses: analyse(model),
    ...(blast === undefined ? {} : { simulated: blast }),
    wallMs: Math.round(performance.now() - started),
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
