/**
 * A chain of remote hops, for the question "how much availability does each hop cost?".
 *
 * A user request reaches `front`, which calls `hop-1`, which calls `hop-2`, and so on to `hop-n`:
 * n remote hops in a row, each one more way for the network to lose the request. The same chain in
 * one process (`inProcess: true`) runs the same operations as in-process calls inside one service,
 * which the network never touches. No retries, timeouts or own errors: whatever fails, the network
 * failed. The network's error rate is left to the `networkErrors` control, so one document serves
 * every rate a reader picks.
 *
 * Theory: each hop succeeds with 1 − p, independently, so the chain succeeds with (1 − p)ⁿ
 * (`chainAvailability`); in one process, with 1.
 */
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';

/** Longest chain a figure offers. */
export const MAX_HOPS = 20;

export interface ChainOptions {
  /** Remote hops in a row, 1 to `MAX_HOPS`. */
  readonly hops: number;
  /** The same operations in one service, calling each other in process. Default false. */
  readonly inProcess?: boolean;
  /** User requests per second. Default 200. */
  readonly rate?: number;
}

function checkHops(hops: number): void {
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) {
    throw new RangeError(`chain: hops must be a whole number from 1 to ${MAX_HOPS}, got ${hops}`);
  }
}

/** The chain's topology document as YAML text (seed 1, 4,000 requests unless overridden). */
export function chainYaml({ hops, inProcess = false, rate = 200 }: ChainOptions): string {
  checkHops(hops);
  const names = ['front', ...Array.from({ length: hops }, (_, i) => `hop-${i + 1}`)];
  const lines = [
    `name: ${inProcess ? `One process, ${hops} in-process calls` : `Chain of ${hops} remote hops`}`,
    `description: A request passes through ${hops + 1} steps, each calling the next.`,
    `workload: { requests: 4000, rate: ${rate}, seed: 1 }`,
    'services:',
  ];
  const step = (i: number) => {
    const next = names[i + 1];
    if (next === undefined) return '{ work: 0.2ms }';
    const callee = inProcess ? `app.${next}` : `${next}.handle`;
    return `{ work: 0.2ms, steps: [ { call: ${callee} } ] }`;
  };
  if (inProcess) {
    lines.push('  app:', '    concurrency: 1000', '    operations:');
    names.forEach((name, i) => {
      lines.push(`      ${name}: ${step(i)}`);
    });
    lines.push('endpoints:', '  request: { operation: app.front }');
  } else {
    names.forEach((name, i) => {
      lines.push(
        `  ${name}:`,
        '    concurrency: 1000',
        '    operations:',
        `      handle: ${step(i)}`,
      );
    });
    lines.push('endpoints:', '  request: { operation: front.handle }');
  }
  return `${lines.join('\n')}\n`;
}

/** The chain as a `Model`; throws if the parser refuses it (a bug here). */
export function chainModel(options: ChainOptions): Model {
  const parsed = parseTopology(chainYaml(options), { file: 'chain.yaml' });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.model;
}

/** (1 − p)ⁿ: the chance that n independent hops, each failing with p, all succeed. */
export function chainAvailability(hops: number, errorRate: number): number {
  if (!(errorRate >= 0 && errorRate <= 1)) {
    throw new RangeError(
      `chainAvailability: errorRate must be a share from 0 to 1, got ${errorRate}`,
    );
  }
  return (1 - errorRate) ** hops;
}

/**
 * Binomial standard error of an availability measured over `requests` requests, when the true
 * value is `availability`: how far a run's number may stray from the closed form by luck alone.
 */
export function availabilityError(availability: number, requests: number): number {
  return Math.sqrt((availability * (1 - availability)) / Math.max(1, requests));
}
