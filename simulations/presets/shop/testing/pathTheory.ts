/**
 * What theory says about one user request of a document with no queueing (a light load): its
 * latency is the sum of its parts along the path (own work, message overhead, network hops,
 * query work), so its mean and variance are the sums of theirs; its remote hops (calls and
 * queries, each a round trip) are what `network.errorRate` can break. Only for sequential paths:
 * a `parallel` step or a fan-out waits for the slowest branch, which is not a sum.
 */
import type { Distribution, Model, Step } from '../../../model/types.ts';

/** Mean and variance of a distribution, ms and ms². */
export function moments(d: Distribution): { mean: number; variance: number } {
  switch (d.dist) {
    case 'constant':
      return { mean: d.value, variance: 0 };
    case 'exponential':
      return { mean: d.mean, variance: d.mean * d.mean };
    case 'uniform':
      return { mean: (d.min + d.max) / 2, variance: (d.max - d.min) ** 2 / 12 };
    case 'lognormal': {
      const sigma = Math.log(d.p99 / d.median) / 2.3263;
      const mu = Math.log(d.median);
      const mean = Math.exp(mu + (sigma * sigma) / 2);
      return { mean, variance: (Math.exp(sigma * sigma) - 1) * mean * mean };
    }
    case 'mixture': {
      const parts = d.of.map((p) => ({ w: p.weight, ...moments(p.value) }));
      const mean = parts.reduce((s, p) => s + p.w * p.mean, 0);
      const second = parts.reduce((s, p) => s + p.w * (p.variance + p.mean * p.mean), 0);
      return { mean, variance: second - mean * mean };
    }
  }
}

export interface PathTheory {
  /** Mean latency, ms. */
  readonly mean: number;
  /** Variance of the latency, ms². */
  readonly variance: number;
  /** Remote service-to-service calls on the path. */
  readonly remoteCalls: number;
  /** Queries on the path (remote hops too: a datastore is another process). */
  readonly queries: number;
  /** Calls that stay in process. */
  readonly localCalls: number;
}

/** Theory for one request of `endpoint` of `model` at a load light enough that nothing queues. */
export function pathTheory(model: Model, endpoint: string): PathTheory {
  const e = model.endpoints[endpoint];
  if (e === undefined) throw new Error(`pathTheory: no endpoint ${endpoint}`);
  const overhead = model.network.overhead;
  const hop = moments(model.network.latency);
  let mean = 0;
  let variance = 0;
  let remoteCalls = 0;
  let queries = 0;
  let localCalls = 0;
  const add = (m: { mean: number; variance: number }, n = 1) => {
    mean += n * m.mean;
    variance += n * m.variance;
  };
  const constant = (ms: number) => ({ mean: ms, variance: 0 });

  const steps = (list: readonly Step[], service: string, n: number): void => {
    for (const step of list) {
      if (
        step.kind === 'parallel' ||
        ((step.kind === 'call' || step.kind === 'query') && step.fanout > 1)
      ) {
        throw new Error(`pathTheory: ${step.path} is not sequential`);
      }
      const k = n * step.times;
      if (step.kind === 'work') add(moments(step.work), k);
      else if (step.kind === 'query') {
        queries += k;
        add(constant(2 * overhead), k); // the caller writes the query and reads the answer
        add(hop, 2 * k);
        add(moments(model.datastores[step.datastore]?.work ?? { dist: 'constant', value: 0 }), k);
      } else if (step.kind === 'call') {
        const remote = step.service !== service;
        if (remote) {
          remoteCalls += k;
          add(constant(4 * overhead), k); // write, read, write, read: two messages, both sides
          add(hop, 2 * k);
        } else localCalls += k;
        run(step.service, step.operation, k);
      } else {
        const event = model.events[step.event];
        const remoteConsumer = event?.consumers.some((c) => c.service !== service) ?? false;
        if (remoteConsumer) add(constant(overhead), k); // handing the event to the bus
      }
    }
  };
  const run = (service: string, operation: string, n: number): void => {
    const op = model.services[service]?.operations[operation];
    if (op === undefined) throw new Error(`pathTheory: no operation ${service}.${operation}`);
    add(moments(op.work), n);
    steps(op.steps, service, n);
  };
  run(e.service, e.operation, 1);
  return { mean, variance, remoteCalls, queries, localCalls };
}
