/**
 * Chattiness and what it costs, from the model alone, so `simulate`, `check`, the report and
 * every figure show one number: a property of the design, not of one run or its faults.
 *
 * - Calls: the expected synchronous remote service-to-service calls per user request (times ×
 *   fan-out × endpoint weight, through in-process calls, optional calls included), each counted
 *   with its expected retries when the callee's own error rates make attempts fail.
 * - Latency: each endpoint's p99 latency budget (every awaited step at its 99th percentile, along
 *   the slowest branch of each `parallel`), and the part of it spent crossing the network between
 *   services (a round trip at the network's p99, plus its overhead, per remote call).
 * - Availability: the share of requests that the hops' own failures (`network.errorRate`) fail.
 */
import type { Model, Step } from '../model/types.ts';
import { compareNames } from './compareNames.ts';
import { quantile } from './distributionQuantile.ts';
import { findOperation, operationKey } from './graph.ts';

/** Expected calls per request, which caller → callee pairs make them, and what the hops cost. */
export interface ChattinessEstimate {
  readonly callsPerRequest: number;
  /** `caller → service.operation` → expected calls per user request, largest first. */
  readonly pairs: readonly (readonly [string, number])[];
  /** Endpoint → remote calls one of its requests makes, retries expected (not weighted). */
  readonly perEndpoint: Readonly<Record<string, number>>;
  /** Traffic-weighted share of the endpoints' p99 latency budgets spent on remote hops. */
  readonly hopShare: number;
  /** Endpoint → its p99 budget and the hops' part of it, milliseconds. */
  readonly latency: Readonly<Record<string, { readonly p99Ms: number; readonly hopsMs: number }>>;
  /** Share of user requests the remote hops' own failures fail (weighted by endpoint). */
  readonly availabilityCost: number;
}

const P99 = 0.99;

/** Chattiness of the model and what its remote hops cost. */
export function staticChattiness(model: Model): ChattinessEstimate {
  const network = model.network;
  const walk = new Walk(model, network.errorRate);
  const calm = new Walk(model, 0);
  const total = new Map<string, number>();
  const perEndpoint: Record<string, number> = {};
  const latency: Record<string, { p99Ms: number; hopsMs: number }> = {};
  // A call is two messages (request, answer); each costs its sender and its receiver overhead.
  const hop = 2 * quantile(network.latency, P99) + 4 * network.overhead;
  let hopShare = 0;
  let availabilityCost = 0;
  for (const endpoint of Object.values(model.endpoints)) {
    const calls = walk.calls(endpoint.service, endpoint.operation);
    perEndpoint[endpoint.name] = [...calls.values()].reduce((a, b) => a + b, 0);
    for (const [pair, n] of calls) total.set(pair, (total.get(pair) ?? 0) + n * endpoint.weight);
    const budget = walk.budget(endpoint.service, endpoint.operation, hop);
    latency[endpoint.name] = { p99Ms: budget.totalMs, hopsMs: budget.hopsMs };
    if (budget.totalMs > 0) hopShare += (endpoint.weight * budget.hopsMs) / budget.totalMs;
    const lost =
      walk.failure(endpoint.service, endpoint.operation) -
      calm.failure(endpoint.service, endpoint.operation);
    availabilityCost += endpoint.weight * Math.max(0, lost);
  }
  const pairs = [...total].sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]));
  return {
    callsPerRequest: pairs.reduce((sum, [, n]) => sum + n, 0),
    pairs,
    perEndpoint,
    hopShare,
    latency,
    availabilityCost,
  };
}

interface Budget {
  readonly totalMs: number;
  readonly hopsMs: number;
}

/** Memoised walks over the call graph (the parser guarantees it has no synchronous cycle). */
class Walk {
  private readonly callMemo = new Map<string, ReadonlyMap<string, number>>();
  private readonly failMemo = new Map<string, number>();
  private readonly budgetMemo = new Map<string, Budget>();

  private readonly model: Model;
  /** Chance that one remote message fails on the network. */
  private readonly hopErrorRate: number;

  constructor(model: Model, hopErrorRate: number) {
    this.model = model;
    this.hopErrorRate = hopErrorRate;
  }

  /** Chance that one run of the operation fails, from the error rates of what it needs. */
  failure(service: string, operation: string): number {
    const key = operationKey(service, operation);
    const known = this.failMemo.get(key);
    if (known !== undefined) return known;
    const own = this.model.services[service]?.errorRate ?? 0;
    const ok =
      (1 - own) * this.stepsOk(service, findOperation(this.model, service, operation).steps);
    this.failMemo.set(key, 1 - ok);
    return 1 - ok;
  }

  private stepsOk(service: string, steps: readonly Step[]): number {
    let ok = 1;
    for (const step of steps) {
      if (step.optional) continue;
      ok *= this.stepOk(service, step) ** step.times;
    }
    return ok;
  }

  private stepOk(service: string, step: Step): number {
    switch (step.kind) {
      case 'parallel':
        return this.stepsOk(service, step.steps);
      case 'call': {
        const callee = this.failure(step.service, step.operation);
        if (step.service === service) return 1 - callee;
        const attempt = this.attemptFailure(callee);
        const retried = step.retry.on.includes('error') ? step.retry.attempts : 1;
        return (1 - attempt ** retried) ** step.fanout;
      }
      case 'query': {
        const attempt = this.model.datastores[step.datastore]?.errorRate ?? 0;
        const retried = step.retry.on.includes('error') ? step.retry.attempts : 1;
        return (1 - attempt ** retried) ** step.fanout;
      }
      default:
        return 1;
    }
  }

  /** A remote attempt fails when either network crossing or the callee fails. */
  private attemptFailure(callee: number): number {
    return 1 - (1 - this.hopErrorRate) ** 2 * (1 - callee);
  }

  /** Expected remote calls (retries included) one run of the operation makes, by pair. */
  calls(service: string, operation: string): ReadonlyMap<string, number> {
    const key = operationKey(service, operation);
    const known = this.callMemo.get(key);
    if (known !== undefined) return known;
    const calls = new Map<string, number>();
    const add = (pair: string, n: number) => calls.set(pair, (calls.get(pair) ?? 0) + n);
    const visit = (steps: readonly Step[], multiplier: number) => {
      for (const step of steps) {
        if (step.kind === 'parallel') visit(step.steps, multiplier * step.times);
        if (step.kind !== 'call') continue;
        const copies = multiplier * step.times * step.fanout;
        let attempts = 1;
        if (step.service !== service) {
          add(
            `${service} → ${operationKey(step.service, step.operation)}`,
            copies * this.expectedAttempts(step),
          );
          attempts = this.expectedAttempts(step);
        }
        // Every attempt runs the callee, and with it the callee's own calls.
        for (const [pair, n] of this.calls(step.service, step.operation))
          add(pair, n * copies * attempts);
      }
    };
    visit(findOperation(this.model, service, operation).steps, 1);
    this.callMemo.set(key, calls);
    return calls;
  }

  /** 1 + p + p² + … over the policy's attempts, p the chance that an attempt fails. */
  private expectedAttempts(step: Extract<Step, { kind: 'call' }>): number {
    if (!step.retry.on.includes('error') || step.retry.attempts <= 1) return 1;
    const p = this.attemptFailure(this.failure(step.service, step.operation));
    let expected = 0;
    for (let k = 0; k < step.retry.attempts; k++) expected += p ** k;
    return expected;
  }

  /** The operation's p99 latency budget and the remote hops' part of it. */
  budget(service: string, operation: string, hopMs: number): Budget {
    const key = operationKey(service, operation);
    const known = this.budgetMemo.get(key);
    if (known !== undefined) return known;
    const op = findOperation(this.model, service, operation);
    const steps = this.stepsBudget(service, op.steps, hopMs);
    const budget = { totalMs: quantile(op.work, P99) + steps.totalMs, hopsMs: steps.hopsMs };
    this.budgetMemo.set(key, budget);
    return budget;
  }

  private stepsBudget(service: string, steps: readonly Step[], hopMs: number): Budget {
    let totalMs = 0;
    let hopsMs = 0;
    for (const step of steps) {
      const one = this.stepBudget(service, step, hopMs);
      totalMs += one.totalMs * step.times;
      hopsMs += one.hopsMs * step.times;
    }
    return { totalMs, hopsMs };
  }

  private stepBudget(service: string, step: Step, hopMs: number): Budget {
    const network = this.model.network.latency;
    switch (step.kind) {
      case 'work':
        return { totalMs: quantile(step.work, P99), hopsMs: 0 };
      case 'query': {
        const store = this.model.datastores[step.datastore];
        const work = store === undefined ? 0 : quantile(store.work, P99);
        return { totalMs: 2 * quantile(network, P99) + work, hopsMs: 0 };
      }
      case 'call': {
        const callee = this.budget(step.service, step.operation, hopMs);
        if (step.service === service) return callee;
        return { totalMs: callee.totalMs + hopMs, hopsMs: callee.hopsMs + hopMs };
      }
      case 'parallel': {
        // The request waits for the slowest branch; its hops are the ones on the critical path.
        let slowest: Budget = { totalMs: 0, hopsMs: 0 };
        for (const child of step.steps) {
          const one = this.stepBudget(service, child, hopMs);
          const scaled = { totalMs: one.totalMs * child.times, hopsMs: one.hopsMs * child.times };
          if (scaled.totalMs > slowest.totalMs) slowest = scaled;
        }
        return slowest;
      }
      case 'publish':
        return { totalMs: 0, hopsMs: 0 };
    }
  }
}
