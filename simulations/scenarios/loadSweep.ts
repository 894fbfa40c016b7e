/**
 * Latency versus load: run one model at a series of offered loads, from light to past saturation,
 * and say where it bends and why.
 *
 * The sweep is planned from a probe. One run at a light load gives each resource's utilisation;
 * utilisation grows in proportion to load until something is full, so the busiest resource at the
 * probe is the first to fill, at about `probe load / its utilisation`: the **saturation** estimate,
 * named by that resource (the bottleneck). The sweep then samples loads as fractions of that
 * estimate, densest around it, so every cut gets points where its own curve bends whatever its
 * capacity. The **knee** is measured, not assumed: the load at which the median first reaches twice
 * its light-load value, that is, where a typical request waits in a queue as long as it works. The
 * median, not p99: it is the statistic a few thousand requests pin down well, and queueing delay
 * reaches every request, so it bends the median as surely as the tail.
 *
 * Pure apart from the injected `run`, so the worker (asynchronous, abortable) and the tests
 * (synchronous) share it. Every load is run with the same seeds: common random numbers make the
 * curve smooth, because neighbouring points differ by their load, not by their luck. Close to
 * saturation that is not enough: a run of a few thousand requests either drains its queue or tips
 * over, and which one depends on the seed alone (the shop's microservices at 93% of their
 * estimated saturation, 4,000 requests: a p50 near 40 ms with one seed, over 500 ms with
 * another). So the refined plan runs each load with several seeds and keeps their range beside
 * the middle run, and a figure can show a difference between neighbouring points that the seed
 * alone would make as exactly that.
 */
import type { Model } from '../model/types.ts';
import type { Report } from '../report/types.ts';
import { applyControls } from './controls.ts';
import { replicateSeeds } from './noise.ts';

/** What can fill up: a service's thread slots or cores, a datastore's connections. */
export type ResourceKind = 'threads' | 'cores' | 'connections';

export interface Resource {
  readonly kind: ResourceKind;
  /** The service or datastore. */
  readonly component: string;
  /** Share in use over the run, 0–1. */
  readonly utilization: number;
}

/**
 * One offered load and what its runs reported: `runs` runs that differ only in their seed; the
 * point is the middle one by p50 (every field but the ranges is that run's).
 */
export interface SweepPoint {
  /** Offered load, user requests per second. */
  readonly load: number;
  readonly p50: number;
  readonly p99: number;
  /** Lowest and highest p50 over the runs, and p99: how far the seed alone moves them. */
  readonly p50Range: readonly [number, number];
  readonly p99Range: readonly [number, number];
  readonly runs: number;
  readonly availability: number;
  /** Successful requests per second. */
  readonly throughput: number;
  /** The most utilised resource at this load. */
  readonly busiest: Resource;
}

/** Where a cut bends: the measured knee on its p50 curve. */
export interface Knee {
  readonly load: number;
  /** p50 at the knee (`KNEE_FACTOR` × the light-load p50). */
  readonly p50: number;
}

/** The probe's verdict: the load at which the busiest resource would be full, and which it is. */
export interface Saturation {
  /** Estimated saturation load, requests per second. */
  readonly load: number;
  readonly bottleneck: Resource;
  /** The light load the estimate comes from. */
  readonly probeLoad: number;
}

export interface CutSweep {
  readonly label: string;
  readonly saturation: Saturation;
  /** In increasing load. */
  readonly points: readonly SweepPoint[];
  /** Absent when p50 never doubled within the points (the range stopped short). */
  readonly knee?: Knee;
}

export type SweepStage = 'coarse' | 'refined';

export interface LoadSweep {
  readonly stage: SweepStage;
  /** Requests simulated in each run. */
  readonly requests: number;
  /** The first seed; each point's other runs take `replicateSeeds(seed)`'s next ones. */
  readonly seed: number;
  /** Runs (seeds) behind each point. */
  readonly runs: number;
  readonly cuts: readonly CutSweep[];
  /** The x range every cut's points lie in, requests per second. */
  readonly range: readonly [number, number];
}

export interface SweepPlan {
  /** Offered loads as fractions of each cut's estimated saturation, increasing. */
  readonly fractions: readonly number[];
  /** Requests per run. */
  readonly requests: number;
  /** Runs per load, each with its own seed. */
  readonly runs: number;
}

/** A first look: five loads, few requests; answers in a few tens of milliseconds. */
export const COARSE_PLAN: SweepPlan = {
  fractions: [0.2, 0.6, 0.9, 1.05, 1.25],
  requests: 400,
  runs: 1,
};

/**
 * The figure proper: points dense around saturation, enough requests for a steady p99 below it,
 * and three seeds a load, so that near it the seed's share of a difference shows.
 */
export const REFINED_PLAN: SweepPlan = {
  fractions: [0.1, 0.25, 0.4, 0.55, 0.65, 0.75, 0.82, 0.88, 0.93, 0.97, 1, 1.05, 1.12, 1.25],
  requests: 4000,
  runs: 3,
};

/** p50 at the knee, as a multiple of p50 at the lightest load. */
export const KNEE_FACTOR = 2;

/**
 * Utilisation above which a probe is not light enough to extrapolate from. Core and connection
 * time per request does not depend on load, so their utilisation is proportional to it up to
 * saturation; thread slots also hold waiting time, which grows as queues form, hence the margin.
 */
const LIGHT_UTILISATION = 0.5;

/** Requests of the probe run. */
export const PROBE_REQUESTS = 600;

/** Runs `model` (its load already set) for `requests` requests with `seed` (absent: the sweep's). */
export type RunModel = (model: Model, requests: number, seed?: number) => Promise<Report> | Report;

/** Every resource a report measures (cores only where they are bounded). */
export function resourcesOf(report: Report): Resource[] {
  const resources: Resource[] = [];
  for (const [component, service] of Object.entries(report.services)) {
    resources.push({ kind: 'threads', component, utilization: service.utilization });
    const cpu = service.cpuUtilization;
    if (typeof cpu === 'number' && Number.isFinite(cpu)) {
      resources.push({ kind: 'cores', component, utilization: cpu });
    }
  }
  for (const [component, store] of Object.entries(report.datastores)) {
    resources.push({ kind: 'connections', component, utilization: store.utilization });
  }
  return resources;
}

/** The most utilised resource (ties: the first listed); throws when the report has none. */
export function busiestResource(report: Report): Resource {
  let best: Resource | undefined;
  for (const r of resourcesOf(report)) if (!best || r.utilization > best.utilization) best = r;
  if (!best) throw new RangeError(`${report.name}: the report lists no service or datastore`);
  return best;
}

const KIND_NAMES: Readonly<Record<ResourceKind, string>> = {
  threads: 'thread slots',
  cores: 'cores',
  connections: 'connections',
};

/** "shop's cores", "gateway's thread slots", "recommendations' cores". */
export function resourceName(resource: Resource): string {
  const owner = resource.component.endsWith('s')
    ? `${resource.component}'`
    : `${resource.component}'s`;
  return `${owner} ${KIND_NAMES[resource.kind]}`;
}

/** A load rounded to two significant figures, as a reader says it: 3,100 req/s. */
export function formatLoad(load: number): string {
  if (!Number.isFinite(load) || load <= 0) return '–';
  const digits = Math.max(0, Math.floor(Math.log10(load)) - 1);
  const rounded = Math.round(load / 10 ** digits) * 10 ** digits;
  return `${rounded.toLocaleString('en')} req/s`;
}

/**
 * How a figure names a cut's knee: "monolith bends near 2,900 req/s: shop's cores", the measured
 * knee and the resource that fills first; without a measured knee, the estimate: "monolith
 * saturates near 3,800 req/s: shop's cores".
 */
export function kneeLabel(cut: CutSweep): string {
  const where = cut.knee
    ? `bends near ${formatLoad(cut.knee.load)}`
    : `saturates near ${formatLoad(cut.saturation.load)}`;
  return `${cut.label} ${where}: ${resourceName(cut.saturation.bottleneck)}`;
}

function withLoad(model: Model, load: number): Model {
  return applyControls(model, [{ control: 'load', value: load }]);
}

/** The point of `reports` (one run per seed, at least one): the middle run by p50, and ranges. */
function pointOf(load: number, reports: readonly Report[]): SweepPoint {
  const byP50 = [...reports].sort((a, b) => a.overall.latencyMs.p50 - b.overall.latencyMs.p50);
  const middle = byP50[(byP50.length - 1) >> 1] as Report;
  const range = (pick: (r: Report) => number): [number, number] => {
    const values = reports.map(pick);
    return [Math.min(...values), Math.max(...values)];
  };
  return {
    load,
    p50: middle.overall.latencyMs.p50,
    p99: middle.overall.latencyMs.p99,
    p50Range: range((r) => r.overall.latencyMs.p50),
    p99Range: range((r) => r.overall.latencyMs.p99),
    runs: reports.length,
    availability: middle.overall.availability,
    throughput: middle.overall.throughputPerSecond,
    busiest: busiestResource(middle),
  };
}

/**
 * Estimates where `model` saturates: a run at the document's own load (or lighter, if that is not
 * light), then `load / utilisation` of the busiest resource.
 */
export async function probeSaturation(
  model: Model,
  run: RunModel,
  { requests = PROBE_REQUESTS }: { requests?: number } = {},
): Promise<Saturation> {
  let probeLoad = model.workload.rate;
  for (let attempt = 0; attempt < 3; attempt++) {
    const report = await run(withLoad(model, probeLoad), requests);
    const busiest = busiestResource(report);
    const u = Math.max(busiest.utilization, 1e-6);
    // Utilisation is busy time over the whole run, which also holds the fill at the start and the
    // drain at the end: divide the load actually carried over that span, not the offered rate, or
    // a short probe makes every cut look roomier than it is.
    const carried =
      report.simulatedMs > 0 ? (report.requests * 1000) / report.simulatedMs : probeLoad;
    const load = carried / u;
    if (u <= LIGHT_UTILISATION || attempt === 2) return { load, bottleneck: busiest, probeLoad };
    probeLoad = load * 0.15;
  }
  throw new Error('unreachable');
}

/** The measured knee: where p50 first reaches `factor` × its value at the lightest load. */
export function findKnee(points: readonly SweepPoint[], factor = KNEE_FACTOR): Knee | undefined {
  const first = points[0];
  if (!first || !(first.p50 > 0)) return undefined;
  const threshold = first.p50 * factor;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as SweepPoint;
    const b = points[i] as SweepPoint;
    if (b.p50 < threshold) continue;
    // Between two points the median grows about exponentially: interpolate log p50 on load.
    const la = Math.log(Math.max(a.p50, 1e-9));
    const lb = Math.log(b.p50);
    const t = lb > la ? (Math.log(threshold) - la) / (lb - la) : 1;
    const share = Math.min(1, Math.max(0, t));
    return { load: a.load + share * (b.load - a.load), p50: threshold };
  }
  return undefined;
}

/** Runs one cut at the plan's loads, given its probe, `plan.runs` seeds from `seed` a load. */
export async function sweepCut(
  label: string,
  model: Model,
  saturation: Saturation,
  plan: SweepPlan,
  run: RunModel,
  seed: number,
): Promise<CutSweep> {
  const seeds = replicateSeeds(seed, plan.runs);
  const points: SweepPoint[] = [];
  for (const fraction of plan.fractions) {
    const load = Math.max(1, Math.round(saturation.load * fraction));
    const loaded = withLoad(model, load);
    const reports: Report[] = [];
    for (const s of seeds) reports.push(await run(loaded, plan.requests, s));
    points.push(pointOf(load, reports));
  }
  const knee = findKnee(points);
  return knee ? { label, saturation, points, knee } : { label, saturation, points };
}

/** The x range that holds every cut's points. */
export function sweepRange(cuts: readonly CutSweep[]): [number, number] {
  const loads = cuts.flatMap((c) => c.points.map((p) => p.load));
  if (loads.length === 0) return [0, 1];
  return [Math.min(...loads), Math.max(...loads)];
}

export interface SweepOptions {
  readonly plan: SweepPlan;
  readonly seed: number;
  readonly stage: SweepStage;
  /** Saturations from an earlier stage, so a refinement does not probe again. */
  readonly saturations?: readonly Saturation[];
}

/** Sweeps every cut with one plan. `run` must use `seed`; it is recorded in the result. */
export async function loadSweep(
  cuts: readonly { readonly label: string; readonly model: Model }[],
  run: RunModel,
  { plan, seed, stage, saturations }: SweepOptions,
): Promise<LoadSweep> {
  const swept: CutSweep[] = [];
  for (const [i, cut] of cuts.entries()) {
    const saturation = saturations?.[i] ?? (await probeSaturation(cut.model, run));
    swept.push(await sweepCut(cut.label, cut.model, saturation, plan, run, seed));
  }
  return {
    stage,
    requests: plan.requests,
    seed,
    runs: plan.runs,
    cuts: swept,
    range: sweepRange(swept),
  };
}

/**
 * The sweep as a figure shows it: the coarse plan first (handed to `onCoarse` as soon as it is
 * done), then the refined plan on the coarse probes; resolves to the refined sweep.
 */
export async function progressiveSweep(
  cuts: readonly { readonly label: string; readonly model: Model }[],
  run: RunModel,
  { seed, onCoarse }: { seed: number; onCoarse?: (coarse: LoadSweep) => void },
): Promise<LoadSweep> {
  const coarse = await loadSweep(cuts, run, { plan: COARSE_PLAN, seed, stage: 'coarse' });
  onCoarse?.(coarse);
  return loadSweep(cuts, run, {
    plan: REFINED_PLAN,
    seed,
    stage: 'refined',
    saturations: coarse.cuts.map((c) => c.saturation),
  });
}

/** How far past the highest saturation a load control reaches. */
export const LOAD_HEADROOM = 1.3;

/**
 * The top of a load control that reaches past every cut's saturation: `LOAD_HEADROOM` × the
 * highest, rounded up to a multiple of the control's step (2 significant figures at most).
 */
export function loadControlMax(saturations: readonly number[], step = 10): number {
  const top = Math.max(...saturations.filter(Number.isFinite), step) * LOAD_HEADROOM;
  const unit = Math.max(step, 10 ** Math.max(0, Math.floor(Math.log10(top)) - 1));
  return Math.ceil(top / unit) * unit;
}
