/**
 * Simulated blast radius: take each component down for the whole run and measure the share of
 * traffic that fails because of it. The static blast radius reads the graph; this one also sees
 * what the graph hides — retries and timeouts that spread load, queues that fill, asynchronous
 * paths that absorb the outage — so where the two differ the report says why.
 */
import type { Fault, FaultTarget, Model } from '../model/types.ts';
import { simulateSync } from '../simulate.ts';
import { BUS, components, roundShare, staticBlastRadius } from './blastRadius.ts';
import { formatList, formatPercent } from './format.ts';
import { forEachStep, hardDependencies, operationKey } from './graph.ts';

export interface SimulatedBlastRadiusOptions {
  /** User requests per run (default 2,000: enough for a ±2-point estimate, fast enough to repeat). */
  readonly requests?: number;
  /** Seed of every run, baseline included (default: the document's workload seed). */
  readonly seed?: number;
}

export interface SimulatedBlastRadiusEntry {
  /** Share of user traffic lost while the component is down, relative to the baseline. */
  readonly share: number;
  /** Per endpoint: share of its requests lost (relative to its baseline availability). */
  readonly endpoints: Readonly<Record<string, number>>;
  /** The static blast radius, for comparison. */
  readonly staticShare: number;
  /** Three standard errors of `share`: differences within it are sampling noise. */
  readonly tolerance: number;
  /** Static and simulated agree within `tolerance`. */
  readonly agrees: boolean;
  /** When they disagree: the difference and its likely causes, in one sentence. */
  readonly explanation?: string;
}

export interface SimulatedBlastRadius {
  readonly requests: number;
  readonly seed: number;
  /** Availability per endpoint with nothing down. */
  readonly baseline: Readonly<Record<string, number>>;
  /** Measured synchronous remote calls per user request with nothing down (retries included). */
  readonly baselineSyncCallsPerRequest: number;
  readonly components: Readonly<Record<string, SimulatedBlastRadiusEntry>>;
}

/** The smallest tolerance: differences under one point are not worth a sentence. */
const MIN_TOLERANCE = 0.01;

/**
 * Re-runs the simulation once per component with that component down from start to end. The
 * document's own faults are left out of every run (baseline included), so each run isolates one
 * outage.
 */
export function simulatedBlastRadius(
  model: Model,
  options: SimulatedBlastRadiusOptions = {},
): SimulatedBlastRadius {
  const { requests = 2000, seed = model.workload.seed } = options;
  const healthy: Model = { ...model, faults: [] };
  const baselineReport = simulateSync(healthy, { seed, requests });
  const baseline = Object.fromEntries(
    Object.entries(baselineReport.endpoints).map(([name, e]) => [name, e.availability]),
  );
  const statics = staticBlastRadius(model);
  const result: Record<string, SimulatedBlastRadiusEntry> = {};
  for (const component of components(model)) {
    const down: Model = { ...healthy, faults: [downFault(model, component)] };
    const report = simulateSync(down, { seed, requests });
    const endpoints: Record<string, number> = {};
    let share = 0;
    let variance = 0;
    for (const endpoint of Object.values(model.endpoints)) {
      const base = baseline[endpoint.name] ?? 1;
      const measured = report.endpoints[endpoint.name];
      const now = measured?.availability ?? 1;
      const lost = base > 0 ? Math.max(0, (base - now) / base) : 0;
      endpoints[endpoint.name] = roundShare(lost);
      share += endpoint.weight * lost;
      // Binomial variance of both availabilities, scaled like the loss.
      const n = Math.max(1, measured?.requests ?? 1);
      const nBase = Math.max(1, baselineReport.endpoints[endpoint.name]?.requests ?? 1);
      const v = (now * (1 - now)) / n + (base * (1 - base)) / nBase;
      variance += (endpoint.weight / Math.max(base, 1e-9)) ** 2 * v;
    }
    // Endpoint weights sum to 1, but traffic share also varies with the endpoint mix drawn.
    const tolerance = Math.max(
      MIN_TOLERANCE,
      3 * Math.sqrt(variance + (share * (1 - share)) / requests),
    );
    const staticShare = statics[component]?.share ?? 0;
    const agrees = Math.abs(share - staticShare) <= tolerance;
    result[component] = {
      share: roundShare(share),
      endpoints,
      staticShare,
      tolerance: roundShare(tolerance),
      agrees,
      ...(agrees ? {} : { explanation: explain(model, component, staticShare, share) }),
    };
  }
  return {
    requests,
    seed,
    baseline,
    baselineSyncCallsPerRequest: baselineReport.syncCallsPerRequest,
    components: result,
  };
}

function downFault(model: Model, component: string): Fault {
  let target: FaultTarget;
  if (model.services[component] !== undefined) target = { kind: 'service', service: component };
  else if (model.datastores[component] !== undefined) {
    target = { kind: 'datastore', datastore: component };
  } else if (component === BUS) target = { kind: 'bus' };
  else throw new Error(`unknown component "${component}"`);
  return {
    target,
    kind: 'down',
    from: 0,
    until: Number.POSITIVE_INFINITY,
    factor: 1,
    errorRate: 0,
  };
}

/** One sentence: the two numbers, then what in the graph can make them differ. */
export function explain(
  model: Model,
  component: string,
  staticShare: number,
  simulatedShare: number,
): string {
  const head = `static ${formatPercent(staticShare)}, simulated ${formatPercent(simulatedShare)}`;
  const reasons = reasonsFor(model, component);
  if (reasons.length > 0) return `${head}: ${reasons.join('; ')}`;
  return simulatedShare > staticShare
    ? `${head}: the outage spreads through load (queues, timeouts, retries) beyond the call graph`
    : `${head}: some requests get through despite the outage`;
}

/** Structural reasons why static and simulated blast radius can differ for a component. */
function reasonsFor(model: Model, component: string): string[] {
  const reasons: string[] = [];
  const optionalBy = new Set<string>();
  const retriedBy = new Set<string>();
  const brokenBy = new Set<string>();
  const memo = new Map<string, ReadonlySet<string>>();
  for (const service of Object.values(model.services)) {
    for (const op of Object.values(service.operations)) {
      forEachStep(op.steps, (step, optional) => {
        const reaches =
          (step.kind === 'call' &&
            (step.service === component ||
              hardDependencies(model, step.service, step.operation, memo).has(component))) ||
          (step.kind === 'query' && step.datastore === component);
        if (!reaches || (step.kind !== 'call' && step.kind !== 'query')) return;
        const caller = operationKey(service.name, op.name);
        if (optional) optionalBy.add(caller);
        if (step.retry.attempts > 1) retriedBy.add(caller);
        if (step.kind === 'call' && step.breaker !== undefined) brokenBy.add(caller);
      });
    }
  }
  if (optionalBy.size > 0) {
    reasons.push(
      `${name(component)} is called optionally by ${formatList([...optionalBy].sort())}`,
    );
  }
  const consumes = Object.values(model.events).filter((e) =>
    e.consumers.some((c) => c.service === component),
  );
  if (component === BUS) {
    reasons.push('events are published asynchronously, so user requests do not wait for the bus');
  } else if (consumes.length > 0) {
    const events = formatList(consumes.map((e) => `\`${e.name}\``));
    reasons.push(
      `${name(component)} consumes ${events} asynchronously, which users do not wait for`,
    );
  }
  if (retriedBy.size > 0) {
    const verb = retriedBy.size > 1 ? 'retry' : 'retries';
    reasons.push(`${formatList([...retriedBy].sort())} ${verb} it, adding load while it is down`);
  }
  if (brokenBy.size > 0) {
    reasons.push(`breakers in ${formatList([...brokenBy].sort())} fail fast once open`);
  }
  return reasons;
}

function name(component: string): string {
  return `\`${component}\``;
}
