/**
 * Equal resources in every cut: the same front-door thread slots, the same total cores, the same
 * total database connections. Only how they are divided differs: the split cuts give each service
 * cores in proportion to its CPU demand, and each datastore connections in proportion to its
 * queries, as a careful operator would.
 *
 * CPU demand is computed from the plan, as the engine spends it: every operation's own work, and
 * `network.overhead` per remote message on each side (a remote call is two messages: its caller
 * writes the request and reads the answer, its callee reads the request and writes the answer; a
 * query costs its caller two; a publish with a consumer in another process costs the publisher one
 * and each such consumer two; users reach the front door directly, at no overhead).
 */
import type { Distribution } from '../../model/types.ts';
import type { Cut } from './cuts.ts';
import type { ShopPlan } from './design.ts';
import { CARD_PROCESSOR, ENDPOINTS, NETWORK, type PlanStep, QUERY_WORK } from './domain.ts';

/** Cores in every cut: at the default load, a quarter to a third of them are busy. */
export const TOTAL_CORES = 16;
/** Thread slots at the front door in every cut (the monolith's replicas, or the gateway's). */
export const FRONT_THREADS = 128;
/** The shop's database connections in every cut (the card processor is not the shop's). */
export const TOTAL_CONNECTIONS = 40;
/** Replicas of the front door: the monolith's, and the gateway's. */
export const FRONT_REPLICAS = { monolith: 4, split: 2 } as const;
/** The default load, user requests per second: about a quarter of the monolith's CPU capacity. */
export const RATE = 800;

/** Mean of a distribution, ms. */
export function meanMs(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal': {
      const sigma = Math.log(d.p99 / d.median) / 2.3263;
      return d.median * Math.exp((sigma * sigma) / 2);
    }
    case 'mixture':
      return d.of.reduce((sum, p) => sum + p.weight * meanMs(p.value), 0);
  }
}

/** Per user request, averaged over the traffic mix. */
export interface Demand {
  /** Service → mean CPU ms (own work and message overhead). */
  readonly cpuMs: Readonly<Record<string, number>>;
  /** Datastore → mean connection-ms (queries × the query's mean work). */
  readonly connectionMs: Readonly<Record<string, number>>;
  /** Service → mean remote calls it receives. */
  readonly callsIn: Readonly<Record<string, number>>;
}

/** The mean demand of one user request of the plan, cut as `cut`. */
export function demandOf(plan: ShopPlan, cut: Cut, overhead = NETWORK.overhead): Demand {
  const ops = new Map(plan.operations.map((o) => [o.name, o]));
  const cpuMs: Record<string, number> = {};
  const connectionMs: Record<string, number> = {};
  const callsIn: Record<string, number> = {};
  const add = (r: Record<string, number>, k: string, v: number) => {
    r[k] = (r[k] ?? 0) + v;
  };
  const serviceOf = (name: string) => {
    const op = ops.get(name);
    if (op === undefined) throw new Error(`sizing: no operation "${name}" in the plan`);
    return cut.serviceOf(op.module);
  };

  const steps = (list: readonly PlanStep[], service: string, m: number): void => {
    for (const step of list) {
      if (step.kind === 'call') run(step.operation, m * step.times, service, 2);
      else if (step.kind === 'query') {
        const n = m * step.times * step.fanout;
        const ds = cut.datastoreOf(step.data);
        add(cpuMs, service, 2 * overhead * n);
        add(
          connectionMs,
          ds,
          n * meanMs(ds === 'card-processor' ? CARD_PROCESSOR.work : QUERY_WORK),
        );
      } else if (step.kind === 'parallel') steps(step.steps, service, m);
      else {
        const event = plan.events.find((e) => e.name === step.event);
        if (event === undefined) throw new Error(`sizing: no event "${step.event}" in the plan`);
        if (event.consumers.some((c) => serviceOf(c) !== service))
          add(cpuMs, service, overhead * m);
        for (const c of event.consumers) run(c, m, service, 0);
      }
    }
  };
  /** One run of `name` from `caller` (null: a user); the caller pays `callerMessages` overheads. */
  const run = (name: string, m: number, caller: string | null, callerMessages: number): void => {
    const op = ops.get(name);
    if (op === undefined) throw new Error(`sizing: no operation "${name}" in the plan`);
    const service = cut.serviceOf(op.module);
    if (caller !== null && caller !== service) {
      add(cpuMs, caller, callerMessages * overhead * m);
      add(cpuMs, service, 2 * overhead * m);
      if (callerMessages > 0) add(callsIn, service, m);
    }
    add(cpuMs, service, meanMs(op.work) * m);
    steps(op.steps, service, m);
  };
  for (const e of ENDPOINTS) run(e.name, e.weight, null, 0);
  return { cpuMs, connectionMs, callsIn };
}

/**
 * Divides `total` among `demand`'s keys in proportion to demand, each key getting at least
 * `unit[key]` (default 1) and a multiple of it (a service's replicas: every replica gets the same
 * cores). Keys held at their minimum drop out and the rest is divided again; the remainders are
 * then given out largest first, so the parts sum to `total` exactly. Throws when they cannot.
 */
export function largestRemainder(
  demand: Readonly<Record<string, number>>,
  total: number,
  unit: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const keys = Object.keys(demand);
  const u = (k: string) => unit[k] ?? 1;
  const fixed = new Set<string>();
  let quota: Record<string, number> = {};
  for (;;) {
    const free = keys.filter((k) => !fixed.has(k));
    const left = total - [...fixed].reduce((s, k) => s + u(k), 0);
    const sum = free.reduce((s, k) => s + (demand[k] ?? 0), 0);
    quota = Object.fromEntries(free.map((k) => [k, (left * (demand[k] ?? 0)) / sum]));
    const low = free.filter((k) => (quota[k] ?? 0) < u(k));
    if (low.length === 0) break;
    for (const k of low) fixed.add(k);
  }
  const parts: Record<string, number> = {};
  for (const k of keys) {
    parts[k] = fixed.has(k) ? u(k) : Math.floor((quota[k] ?? 0) / u(k)) * u(k);
  }
  let left = total - Object.values(parts).reduce((s, v) => s + v, 0);
  const byRemainder = keys
    .filter((k) => !fixed.has(k))
    .sort((a, b) => (quota[b] ?? 0) - (parts[b] ?? 0) - ((quota[a] ?? 0) - (parts[a] ?? 0)));
  for (const k of byRemainder) {
    if (left >= u(k)) {
      parts[k] = (parts[k] ?? 0) + u(k);
      left -= u(k);
    }
  }
  // Any cores still left (units too coarse for the remainders) go to the smallest-unit keys.
  for (const k of byRemainder) {
    while (left >= u(k) && u(k) === 1) {
      parts[k] = (parts[k] ?? 0) + 1;
      left--;
    }
  }
  if (left !== 0 || keys.length === 0) {
    throw new RangeError(
      `largestRemainder: cannot divide ${total} exactly among ${keys.join(', ')}`,
    );
  }
  return parts;
}

export interface ServiceSize {
  readonly replicas: number;
  /** Cores per replica. */
  readonly cpus: number;
  /** Thread slots per replica. */
  readonly concurrency: number;
  /** Mean CPU ms per user request, from the plan. */
  readonly cpuMs: number;
}

export interface DatastoreSize {
  readonly concurrency: number;
  /** Mean connection-ms per user request. */
  readonly connectionMs: number;
}

export interface Sizing {
  /** The default load, user requests per second. */
  readonly rate: number;
  readonly services: Readonly<Record<string, ServiceSize>>;
  readonly datastores: Readonly<Record<string, DatastoreSize>>;
  readonly totalCores: number;
  readonly frontThreads: number;
  readonly totalConnections: number;
  /** Mean CPU ms per user request, all services. */
  readonly cpuMs: number;
  /** Share of all cores busy at the default load. */
  readonly utilisation: number;
  /** The front door's service. */
  readonly front: string;
}

/**
 * The resources of `cut`, divided by the demand of `plan` (the presets pass the default design's
 * plan, so toggling a design choice changes the design, not the machines).
 */
export function sizeCut(plan: ShopPlan, cut: Cut): Sizing {
  const demand = demandOf(plan, cut);
  const front = cut.serviceOf('gateway');
  const services = Object.keys(demand.cpuMs);
  const replicas: Record<string, number> = Object.fromEntries(
    services.map((s) => [
      s,
      s === front ? FRONT_REPLICAS[services.length === 1 ? 'monolith' : 'split'] : 1,
    ]),
  );
  const cores = largestRemainder(demand.cpuMs, TOTAL_CORES, replicas);
  const sizes: Record<string, ServiceSize> = {};
  for (const s of services) {
    const r = replicas[s] ?? 1;
    sizes[s] = {
      replicas: r,
      cpus: (cores[s] ?? r) / r,
      // The front door's slots are the shared budget; behind it, as many slots per service as
      // the front door has in all: a user request holds at most one slot per service at a time,
      // so those can never run out first.
      concurrency: s === front ? FRONT_THREADS / r : FRONT_THREADS,
      cpuMs: demand.cpuMs[s] ?? 0,
    };
  }
  const own = Object.fromEntries(
    Object.entries(demand.connectionMs).filter(([d]) => d !== 'card-processor'),
  );
  const connections = largestRemainder(own, TOTAL_CONNECTIONS);
  const datastores: Record<string, DatastoreSize> = {};
  for (const [d, ms] of Object.entries(demand.connectionMs)) {
    datastores[d] = {
      concurrency: d === 'card-processor' ? CARD_PROCESSOR.concurrency : (connections[d] ?? 1),
      connectionMs: ms,
    };
  }
  const cpuMs = Object.values(demand.cpuMs).reduce((a, b) => a + b, 0);
  return {
    rate: RATE,
    services: sizes,
    datastores,
    totalCores: TOTAL_CORES,
    frontThreads: FRONT_THREADS,
    totalConnections: TOTAL_CONNECTIONS,
    cpuMs,
    utilisation: (RATE * cpuMs) / 1000 / TOTAL_CORES,
    front,
  };
}
