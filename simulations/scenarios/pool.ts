/**
 * One big pool of cores against many small ones, at equal cores and equal offered load.
 *
 * `pools: 1` is one service with all the cores, serving every kind of request. `pools: m` splits
 * the same cores evenly among m services, each serving its own share of the traffic (its own
 * endpoint, an equal weight) and nothing else, as when a monolith's work is divided among
 * services. Work is exponential and thread slots are ample, so each service is an M/M/c queue on
 * its cores, and Erlang's formula says what to expect (`erlangC`, `responseQuantile`): at the
 * same utilisation, a request finds all c cores busy less often the larger c is.
 */
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';

/** Cores in every configuration. */
export const POOL_CORES = 16;
/** Mean CPU time of one request, ms. */
export const POOL_WORK_MS = 4;

export interface PoolOptions {
  /** Services the cores are split among; must divide `cores`. */
  readonly pools: number;
  /** Cores in all. Default `POOL_CORES`. */
  readonly cores?: number;
  /** User requests per second, all pools together. Default: half of capacity. */
  readonly rate?: number;
}

/** Requests per second the cores can serve at most: cores × 1000 / mean work. */
export function poolCapacity(cores = POOL_CORES, workMs = POOL_WORK_MS): number {
  return (cores * 1000) / workMs;
}

/** How a figure names a configuration: "1 pool of 16 cores", "4 pools of 4 cores". */
export function poolLabel(pools: number, cores = POOL_CORES): string {
  const each = cores / pools;
  return `${pools} ${pools === 1 ? 'pool' : 'pools'} of ${each} ${each === 1 ? 'core' : 'cores'}`;
}

/** The configuration's topology document as YAML text. */
export function poolYaml({ pools, cores = POOL_CORES, rate }: PoolOptions): string {
  if (!Number.isInteger(pools) || pools < 1 || cores % pools !== 0) {
    throw new RangeError(`pool: pools must be a whole number that divides ${cores}, got ${pools}`);
  }
  const each = cores / pools;
  const load = rate ?? poolCapacity(cores) / 2;
  const lines = [
    `name: ${poolLabel(pools, cores)}`,
    `description: ${cores} cores in ${pools === 1 ? 'one service' : `${pools} services of ${each}`}, the same work.`,
    `workload: { requests: 4000, rate: ${load}, seed: 1 }`,
    'services:',
  ];
  const names = Array.from({ length: pools }, (_, i) => (pools === 1 ? 'pool' : `pool-${i + 1}`));
  for (const name of names) {
    lines.push(
      `  ${name}:`,
      `    cpus: ${each}`,
      '    concurrency: 1000',
      '    operations:',
      `      serve: { work: { dist: exponential, mean: ${POOL_WORK_MS}ms } }`,
    );
  }
  lines.push('endpoints:');
  for (const name of names) lines.push(`  ${name}: { operation: ${name}.serve, weight: 1 }`);
  return `${lines.join('\n')}\n`;
}

/** The configuration as a `Model`; throws if the parser refuses it (a bug here). */
export function poolModel(options: PoolOptions): Model {
  const parsed = parseTopology(poolYaml(options), { file: 'pool.yaml' });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.model;
}

/**
 * Erlang's C formula: the chance that an arrival to an M/M/c queue finds all `servers` busy and
 * waits, at `offered` Erlangs (arrival rate × mean service time; below `servers`). Computed with
 * the Erlang B recursion, which stays exact for large c where factorials overflow.
 */
export function erlangC(servers: number, offered: number): number {
  if (!(offered >= 0 && offered < servers)) {
    throw new RangeError(
      `erlangC: offered load must be from 0 to below ${servers}, got ${offered}`,
    );
  }
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offered * b) / (k + offered * b);
  const rho = offered / servers;
  return b / (1 - rho + rho * b);
}

/** Mean response time (wait plus service) of an M/M/c queue, in the unit of `meanService`. */
export function meanResponse(servers: number, arrivalRate: number, meanService: number): number {
  const offered = arrivalRate * meanService;
  const drain = servers / meanService - arrivalRate;
  return meanService + erlangC(servers, offered) / drain;
}

/**
 * The q-quantile of an M/M/c queue's response time. With probability 1 − C the request starts at
 * once (time: its service, exponential at rate μ); otherwise it waits an exponential time at rate
 * θ = cμ − λ first. Solved for P(T > t) = 1 − q by bisection on that tail.
 */
export function responseQuantile(
  servers: number,
  arrivalRate: number,
  meanService: number,
  q: number,
): number {
  const mu = 1 / meanService;
  const theta = servers * mu - arrivalRate;
  const c = erlangC(servers, arrivalRate * meanService);
  const tail = (t: number) => {
    const service = Math.exp(-mu * t);
    const waited =
      Math.abs(theta - mu) < 1e-12
        ? (1 + mu * t) * Math.exp(-mu * t)
        : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
    return (1 - c) * service + c * waited;
  };
  let lo = 0;
  let hi = meanService;
  while (tail(hi) > 1 - q) hi *= 2;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (tail(mid) > 1 - q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
