/**
 * Static chattiness: the expected number of synchronous remote service-to-service calls per user
 * request, from the graph (times × fan-out × endpoint weight), without retries. The simulator's
 * measured count (retries included) replaces it when a simulation has run.
 */
import type { Model, Step } from '../model/types.ts';
import { findOperation, operationKey } from './graph.ts';

/** Expected calls per request, and which caller → callee operation pairs make them. */
export interface ChattinessEstimate {
  readonly callsPerRequest: number;
  /** `caller → service.operation` → expected calls per user request, largest first. */
  readonly pairs: readonly (readonly [string, number])[];
  /** Endpoint → remote calls one of its requests makes (not weighted). */
  readonly perEndpoint: Readonly<Record<string, number>>;
}

/** Expected synchronous remote calls per user request, weighted by endpoint. */
export function staticChattiness(model: Model): ChattinessEstimate {
  const memo = new Map<string, ReadonlyMap<string, number>>();
  const total = new Map<string, number>();
  const perEndpoint: Record<string, number> = {};
  for (const endpoint of Object.values(model.endpoints)) {
    const calls = remoteCalls(model, endpoint.service, endpoint.operation, memo);
    perEndpoint[endpoint.name] = [...calls.values()].reduce((a, b) => a + b, 0);
    for (const [pair, n] of calls) total.set(pair, (total.get(pair) ?? 0) + n * endpoint.weight);
  }
  const pairs = [...total].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { callsPerRequest: pairs.reduce((sum, [, n]) => sum + n, 0), pairs, perEndpoint };
}

/**
 * Remote calls one run of an operation makes, directly and through its callees. Optional calls
 * count (they are made; only their failure is tolerated); in-process calls cost nothing but
 * their callee's own remote calls do.
 */
function remoteCalls(
  model: Model,
  service: string,
  operation: string,
  memo: Map<string, ReadonlyMap<string, number>>,
): ReadonlyMap<string, number> {
  const key = operationKey(service, operation);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const calls = new Map<string, number>();
  const add = (pair: string, n: number) => calls.set(pair, (calls.get(pair) ?? 0) + n);
  const visit = (steps: readonly Step[], multiplier: number) => {
    for (const step of steps) {
      if (step.kind === 'parallel') visit(step.steps, multiplier * step.times);
      if (step.kind !== 'call') continue;
      const copies = multiplier * step.times * step.fanout;
      if (step.service !== service) {
        add(`${service} → ${operationKey(step.service, step.operation)}`, copies);
      }
      for (const [pair, n] of remoteCalls(model, step.service, step.operation, memo)) {
        add(pair, n * copies);
      }
    }
  };
  visit(findOperation(model, service, operation).steps, 1);
  memo.set(key, calls);
  return calls;
}
