/**
 * How sure a figure's numbers are: the standard error of a run's p50 and p99, and the rule a
 * comparison uses to call a difference "within noise".
 *
 * Two sources, best first. The report's own `noise` (batch means over one run: the run cut into
 * batches whose percentiles scatter as independent runs would) when the engine provides it;
 * otherwise the spread of replicate runs that differ only in their seed. Either way the number
 * is the standard error of *one run's* percentile, so it belongs beside the number the figure
 * shows, which is one run's.
 */
import type { Report } from '../report/types.ts';

/** Standard errors, milliseconds. */
export interface Noise {
  readonly p50: number;
  readonly p99: number;
}

export interface ReportNoise {
  readonly overall: Noise;
  readonly endpoints: Readonly<Record<string, Noise>>;
  /** Where it came from: the run's batch means, or replicate runs (how many, the run included). */
  readonly source: 'batches' | 'seeds';
  readonly runs: number;
}

/** A difference is within noise below this many combined standard errors (about 95%). */
export const NOISE_Z = 2;

/** Replicate runs (the shown run included) when the report has no batch means. */
export const REPLICATE_RUNS = 4;

/** The report's own batch-means noise, when it has enough successes to say. */
export function batchNoise(report: Report): ReportNoise | undefined {
  const overall = report.overall.noise;
  if (!overall) return undefined;
  const endpoints: Record<string, Noise> = {};
  for (const [name, endpoint] of Object.entries(report.endpoints)) {
    if (endpoint.noise) endpoints[name] = { p50: endpoint.noise.p50, p99: endpoint.noise.p99 };
  }
  return { overall: { p50: overall.p50, p99: overall.p99 }, endpoints, source: 'batches', runs: 1 };
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

function spread(reports: readonly Report[], pick: (r: Report) => Noise | undefined): Noise {
  const values = reports.map(pick).filter((v): v is Noise => v !== undefined);
  return {
    p50: standardDeviation(values.map((v) => v.p50)),
    p99: standardDeviation(values.map((v) => v.p99)),
  };
}

/** Noise from replicate runs of one model that differ only in their seed (two at least). */
export function seedNoise(runs: readonly Report[]): ReportNoise {
  if (runs.length < 2)
    throw new RangeError(`seedNoise: needs two runs or more, got ${runs.length}`);
  const endpoints: Record<string, Noise> = {};
  for (const name of Object.keys(runs[0]?.endpoints ?? {})) {
    endpoints[name] = spread(runs, (r) => {
      const e = r.endpoints[name];
      return e && e.succeeded > 0 ? e.latencyMs : undefined;
    });
  }
  return {
    overall: spread(runs, (r) => r.overall.latencyMs),
    endpoints,
    source: 'seeds',
    runs: runs.length,
  };
}

/** Seeds of the replicates of a run with `seed`: the run itself first, then unrelated others. */
export function replicateSeeds(seed: number, runs = REPLICATE_RUNS): number[] {
  return Array.from({ length: runs }, (_, k) => (seed + k * 7919) % 2 ** 32);
}

/** Standard error of a difference of two independent estimates. */
export function combinedError(a: number, b: number): number {
  return Math.sqrt(a * a + b * b);
}

/** True when `a` and `b` differ by less than `NOISE_Z` combined standard errors. */
export function withinNoise(a: number, b: number, errorA: number, errorB: number): boolean {
  return Math.abs(a - b) < NOISE_Z * combinedError(errorA, errorB);
}

/** Standard error of an availability measured over `requests` requests (binomial). */
export function availabilityError(availability: number, requests: number): number {
  if (!(requests > 0)) return 0;
  const p = Math.min(1, Math.max(0, availability));
  // With no failure seen, the rule of three's spirit: at least one failure's worth of doubt.
  return Math.sqrt(Math.max(p * (1 - p), 1 / requests) / requests);
}
