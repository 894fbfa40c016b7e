/**
 * Simulated blast radius: fail each component in each way — `down`, `hang`, `slow` — for the
 * whole run and measure the share of user traffic lost because of it. A request is lost when it
 * fails, is never answered, or answers later than its endpoint's objective (`endpoints.NAME.slo`).
 * Work behind the bus is counted apart, as the deferred blast radius: the share of deliveries
 * dead-lettered, dropped, stuck or later than the event's objective, so a run where every user
 * request succeeds cannot hide work that never happened.
 *
 * The static blast radius reads the graph; these runs also see what the graph hides — callers
 * without timeouts whose threads run out, retries and queues that spread load, optional and
 * asynchronous paths that absorb an outage — so wherever a column differs from the static one the
 * result says why (`blastRadiusWhy.ts`).
 */
import type { Fault, FaultTarget, Model } from '../model/types.ts';
import { BUS, components, roundShare, staticBlastRadius } from './blastRadius.ts';
import { deferredWhy, failureWhy } from './blastRadiusWhy.ts';
import { type DeliveryTally, faultRun, type RunTally } from './faultRun.ts';

/** The ways a component is failed, in the order the table shows them. */
export const INJECTED_FAILURES = ['down', 'hang', 'slow'] as const;
export type InjectedFailure = (typeof INJECTED_FAILURES)[number];

/**
 * User requests per run: enough for a ±2-point estimate and, at a document's own rate, seconds of
 * simulated time, which a hang needs to exhaust its callers' threads; small enough for `check`
 * to make dozens of runs in a few seconds.
 */
export const DEFAULT_REQUESTS = 2000;

export interface SimulatedBlastRadiusOptions {
  /** User requests per run (default 2,000). */
  readonly requests?: number;
  /** Seed of every run, baseline included (default: the document's workload seed). */
  readonly seed?: number;
  /** Work multiplier of the `slow` runs (default: the document's `blastRadius.slowFactor`). */
  readonly slowFactor?: number;
  /** Stops at the next slice of the current run; the result is then partial. */
  readonly signal?: AbortSignal;
  /** Wall-clock milliseconds for all the runs; past it the result is partial (default: none). */
  readonly budgetMs?: number;
  /** Called after each run. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

/** What one way of failing one component costs. */
export interface FailureBlastRadius {
  /** Share of user traffic lost (failed, unanswered or over its objective), relative to the baseline. */
  readonly share: number;
  /** Per endpoint: share of its requests lost, relative to its baseline. */
  readonly endpoints: Readonly<Record<string, number>>;
  /** Three standard errors of `share`: differences within it are sampling noise. */
  readonly tolerance: number;
  /** `share` and the static blast radius agree within `tolerance`. */
  readonly agrees: boolean;
  /** Shares of the run's user traffic (weighted by endpoint) that failed, were late, or hung. */
  readonly failed: number;
  readonly late: number;
  readonly unanswered: number;
  /** Deferred blast radius: share of deliveries lost or late, relative to the baseline. */
  readonly deferred: number;
  readonly deliveries: DeliveryTally;
}

export interface ComponentBlastRadius {
  /** The static blast radius, for comparison. */
  readonly staticShare: number;
  readonly down: FailureBlastRadius;
  readonly hang: FailureBlastRadius;
  readonly slow: FailureBlastRadius;
  /** One sentence per column that differs from the static one, and per deferred loss. */
  readonly why: readonly string[];
}

export interface SimulatedBlastRadius {
  readonly requests: number;
  readonly seed: number;
  readonly slowFactor: number;
  /** Simulator runs made: the baseline and three per component. */
  readonly runs: number;
  /** Wall-clock milliseconds all the runs took. */
  readonly wallMs: number;
  /** Aborted or over budget: some runs are cut short and later components are missing. */
  readonly partial: boolean;
  /** With nothing failed: per endpoint, the share of requests answered within the objective. */
  readonly baseline: {
    readonly endpoints: Readonly<Record<string, number>>;
    /** Share of deliveries made within their objective (1 without events). */
    readonly deliveries: number;
  };
  /** Keyed by component, in document order. */
  readonly components: Readonly<Record<string, ComponentBlastRadius>>;
}

/** The smallest tolerance: differences under one point are not worth a sentence. */
export const MIN_TOLERANCE = 0.01;

/**
 * Runs a healthy baseline, then each component down, hanging and slow from start to end. The
 * document's own faults are left out of every run, so each run isolates one failure.
 */
export async function simulatedBlastRadius(
  model: Model,
  options: SimulatedBlastRadiusOptions = {},
): Promise<SimulatedBlastRadius> {
  const started = performance.now();
  const {
    requests = DEFAULT_REQUESTS,
    seed = model.workload.seed,
    slowFactor = model.blastRadius.slowFactor,
    signal,
    budgetMs = Number.POSITIVE_INFINITY,
    onProgress,
  } = options;
  const deadline = started + budgetMs;
  const healthy: Model = { ...model, faults: [] };
  const names = components(model);
  const total = 1 + names.length * INJECTED_FAILURES.length;
  let done = 0;
  let partial = false;
  const run = async (m: Model): Promise<RunTally> => {
    const tally = await faultRun(m, { seed, requests, signal, deadline });
    partial ||= tally.partial;
    done++;
    onProgress?.({ done, total });
    return tally;
  };

  const base = await run(healthy);
  const baseline = {
    endpoints: Object.fromEntries(
      Object.entries(base.endpoints).map(([name, t]) => [name, roundShare(goodRate(t))]),
    ),
    deliveries: roundShare(onTimeRate(base.deliveries) ?? 1),
  };
  const statics = staticBlastRadius(model);
  const result: Record<string, ComponentBlastRadius> = {};
  for (const component of names) {
    if (partial) break;
    const staticShare = statics[component]?.share ?? 0;
    const measured: Partial<Record<InjectedFailure, FailureBlastRadius>> = {};
    for (const kind of INJECTED_FAILURES) {
      const fault = wholeRunFault(model, component, kind, slowFactor);
      const tally = await run({ ...healthy, faults: [fault] });
      measured[kind] = compare(model, base, tally, staticShare, requests);
    }
    const { down, hang, slow } = measured as Record<InjectedFailure, FailureBlastRadius>;
    const entry = { staticShare, down, hang, slow };
    const why: string[] = [];
    for (const kind of INJECTED_FAILURES) {
      const failure = entry[kind];
      const context = { model, component, kind, staticShare, failure, slowFactor };
      if (!failure.agrees) why.push(failureWhy(context));
      if (failure.deferred > MIN_TOLERANCE) why.push(deferredWhy(context));
    }
    result[component] = { ...entry, why };
  }
  return {
    requests,
    seed,
    slowFactor,
    runs: done,
    wallMs: Math.round(performance.now() - started),
    partial,
    baseline,
    components: result,
  };
}

/** One fault on one component, from the start of the run to its end. */
export function wholeRunFault(
  model: Model,
  component: string,
  kind: InjectedFailure,
  slowFactor: number,
): Fault {
  let target: FaultTarget;
  if (model.services[component] !== undefined) target = { kind: 'service', service: component };
  else if (model.datastores[component] !== undefined) {
    target = { kind: 'datastore', datastore: component };
  } else if (component === BUS) target = { kind: 'bus' };
  else throw new Error(`unknown component "${component}"`);
  return {
    target,
    kind,
    from: 0,
    until: Number.POSITIVE_INFINITY,
    factor: kind === 'slow' ? slowFactor : 1,
    errorRate: 0,
  };
}

/** A failure run against the baseline: losses relative to it, per endpoint and weighted. */
function compare(
  model: Model,
  base: RunTally,
  run: RunTally,
  staticShare: number,
  requests: number,
): FailureBlastRadius {
  const endpoints: Record<string, number> = {};
  let share = 0;
  let variance = 0;
  let failed = 0;
  let late = 0;
  let unanswered = 0;
  for (const endpoint of Object.values(model.endpoints)) {
    const before = base.endpoints[endpoint.name];
    const after = run.endpoints[endpoint.name];
    const b = before === undefined ? 1 : goodRate(before);
    const a = after === undefined || after.requests === 0 ? b : goodRate(after);
    // Relative to the baseline, so a baseline error rate does not read as a smaller blast radius.
    const lost = b > 0 ? Math.max(0, (b - a) / b) : 0;
    endpoints[endpoint.name] = roundShare(lost);
    share += endpoint.weight * lost;
    // Binomial variance of both rates, scaled like the loss.
    const n = Math.max(1, after?.requests ?? 1);
    const nBase = Math.max(1, before?.requests ?? 1);
    variance +=
      (endpoint.weight / Math.max(b, 1e-9)) ** 2 * ((a * (1 - a)) / n + (b * (1 - b)) / nBase);
    if (after !== undefined && after.requests > 0) {
      failed += (endpoint.weight * after.failed) / after.requests;
      late += (endpoint.weight * after.late) / after.requests;
      unanswered += (endpoint.weight * after.unanswered) / after.requests;
    }
  }
  // Endpoint weights sum to 1, but the traffic share also varies with the endpoint mix drawn.
  const tolerance = Math.max(
    MIN_TOLERANCE,
    3 * Math.sqrt(variance + (share * (1 - share)) / requests),
  );
  const baseOnTime = onTimeRate(base.deliveries) ?? 1;
  // Nothing published in the failed run (its publishers are down): nothing deferred was lost.
  const onTime = onTimeRate(run.deliveries) ?? baseOnTime;
  const deferred = baseOnTime > 0 ? Math.max(0, (baseOnTime - onTime) / baseOnTime) : 0;
  return {
    share: roundShare(share),
    endpoints,
    tolerance: roundShare(tolerance),
    agrees: Math.abs(share - staticShare) <= tolerance,
    failed: roundShare(failed),
    late: roundShare(late),
    unanswered: roundShare(unanswered),
    deferred: roundShare(deferred),
    deliveries: run.deliveries,
  };
}

function goodRate(t: { readonly requests: number; readonly good: number }): number {
  return t.requests > 0 ? t.good / t.requests : 1;
}

/** Share of deliveries made within their objective; undefined when nothing was published. */
function onTimeRate(d: DeliveryTally): number | undefined {
  return d.expected > 0 ? d.onTime / d.expected : undefined;
}
