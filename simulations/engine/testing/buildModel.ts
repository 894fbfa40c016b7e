/**
 * Builds `Model` objects for tests without YAML: terse input, the parser's defaults filled in.
 * Only for tests (it trusts its input as the parser's invariants would guarantee it).
 */
import type {
  BreakerPolicy,
  Bus,
  Datastore,
  Distribution,
  EventDef,
  Fault,
  FaultTarget,
  Model,
  Operation,
  RetryPolicy,
  Service,
  Step,
  Supervisor,
  Workload,
} from '../../model/types.ts';

/** A distribution, or a number for a constant. */
export type DistInput = Distribution | number;

export type StepInput = (
  | {
      call: string;
      fanout?: number;
      timeout?: number;
      retry?: Partial<RetryPolicy>;
      breaker?: BreakerPolicy;
      idempotencyKey?: boolean;
    }
  | { query: string; fanout?: number; timeout?: number; retry?: Partial<RetryPolicy> }
  | { work: DistInput }
  | { parallel: StepInput[] }
  | { publish: string }
) & { times?: number; optional?: boolean };

export interface OperationInput {
  work?: DistInput;
  steps?: StepInput[];
  sideEffect?: boolean;
}

export interface ServiceInput {
  replicas?: number;
  concurrency?: number;
  /** Cores per replica (default unbounded). */
  cpus?: number;
  queue?: number;
  errorRate?: number;
  crashRate?: number;
  supervisor?: Supervisor;
  operations: Record<string, OperationInput>;
}

export interface DatastoreInput {
  concurrency?: number;
  queue?: number;
  work?: DistInput;
  errorRate?: number;
}

export interface FaultInput {
  /** `service`, `service.operation`, a datastore name, or `bus`. */
  target: string;
  kind: Fault['kind'];
  from?: number;
  until?: number;
  factor?: number;
  errorRate?: number;
}

export interface ModelInput {
  name?: string;
  workload?: Partial<Workload>;
  network?: DistInput;
  /** CPU ms per remote message per side (default 0 here, so timings are what the test says). */
  overhead?: number;
  /** Chance that a remote hop fails (default 0). */
  networkErrorRate?: number;
  services: Record<string, ServiceInput>;
  datastores?: Record<string, DatastoreInput>;
  /**
   * Event name → publisher service and consumers as `service.operation` (or
   * `{ operation, idempotent }`).
   */
  events?: Record<
    string,
    { publisher: string; consumers: (string | { operation: string; idempotent: boolean })[] }
  >;
  /** Endpoint name → `service.operation` and weight (normalised here). */
  endpoints: Record<string, { operation: string; weight?: number }>;
  faults?: FaultInput[];
  bus?: Partial<Bus>;
}

export const exponential = (mean: number): Distribution => ({ dist: 'exponential', mean });
export const constant = (value: number): Distribution => ({ dist: 'constant', value });

function dist(d: DistInput | undefined): Distribution {
  if (d === undefined) return constant(0);
  return typeof d === 'number' ? constant(d) : d;
}

function retry(r: Partial<RetryPolicy> | undefined): RetryPolicy {
  return {
    attempts: r?.attempts ?? 1,
    backoff: r?.backoff ?? 'none',
    base: r?.base ?? 0,
    cap: r?.cap ?? Number.POSITIVE_INFINITY,
    jitter: r?.jitter ?? 'none',
    on: r?.on ?? ['error', 'timeout', 'rejected'],
    ...(r?.budget === undefined ? {} : { budget: r.budget }),
  };
}

function split(ref: string): [string, string] {
  const dot = ref.indexOf('.');
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}

function step(input: StepInput, path: string): Step {
  const base = { times: input.times ?? 1, optional: input.optional ?? false, path };
  if ('call' in input) {
    const [service, operation] = split(input.call);
    return {
      ...base,
      kind: 'call',
      service,
      operation,
      fanout: input.fanout ?? 1,
      retry: retry(input.retry),
      ...(input.timeout === undefined ? {} : { timeout: input.timeout }),
      ...(input.breaker === undefined ? {} : { breaker: input.breaker }),
      idempotencyKey: input.idempotencyKey ?? false,
    };
  }
  if ('query' in input) {
    return {
      ...base,
      kind: 'query',
      datastore: input.query,
      fanout: input.fanout ?? 1,
      retry: retry(input.retry),
      ...(input.timeout === undefined ? {} : { timeout: input.timeout }),
    };
  }
  if ('parallel' in input) {
    return {
      ...base,
      kind: 'parallel',
      steps: input.parallel.map((s, i) => step(s, `${path}.parallel.${i}`)),
    };
  }
  if ('publish' in input) return { ...base, kind: 'publish', event: input.publish };
  return { ...base, kind: 'work', work: dist(input.work) };
}

function faultTarget(target: string, input: ModelInput): FaultTarget {
  if (target === 'bus') return { kind: 'bus' };
  if (input.datastores?.[target]) return { kind: 'datastore', datastore: target };
  if (target.includes('.')) {
    const [service, operation] = split(target);
    return { kind: 'operation', service, operation };
  }
  return { kind: 'service', service: target };
}

/** A `Model` from terse input (see `ModelInput`). */
export function buildModel(input: ModelInput): Model {
  const services: Record<string, Service> = {};
  for (const [name, s] of Object.entries(input.services)) {
    const operations: Record<string, Operation> = {};
    for (const [opName, op] of Object.entries(s.operations)) {
      operations[opName] = {
        name: opName,
        service: name,
        work: dist(op.work),
        steps: (op.steps ?? []).map((st, i) =>
          step(st, `services.${name}.operations.${opName}.steps.${i}`),
        ),
        sideEffect: op.sideEffect ?? false,
      };
    }
    services[name] = {
      name,
      replicas: s.replicas ?? 1,
      concurrency: s.concurrency ?? 16,
      queue: s.queue ?? Number.POSITIVE_INFINITY,
      cpus: s.cpus ?? Number.POSITIVE_INFINITY,
      errorRate: s.errorRate ?? 0,
      crashRate: s.crashRate ?? 0,
      ...(s.supervisor === undefined ? {} : { supervisor: s.supervisor }),
      modules: {},
      libraries: [],
      deploy: { duration: 600_000, failureRate: 0 },
      operations,
    };
  }
  const datastores: Record<string, Datastore> = {};
  for (const [name, d] of Object.entries(input.datastores ?? {})) {
    datastores[name] = {
      name,
      concurrency: d.concurrency ?? 50,
      queue: d.queue ?? Number.POSITIVE_INFINITY,
      work: dist(d.work),
      errorRate: d.errorRate ?? 0,
    };
  }
  const events: Record<string, EventDef> = {};
  for (const [name, e] of Object.entries(input.events ?? {})) {
    events[name] = {
      name,
      publisher: e.publisher,
      consumers: e.consumers.map((c) => {
        const [service, operation] = split(typeof c === 'string' ? c : c.operation);
        const idempotent = typeof c === 'string' ? false : c.idempotent;
        return { service, operation, ignoresUnknownFields: true, usesDefaults: true, idempotent };
      }),
      fields: {},
      slo: 60_000,
    };
  }
  const endpointEntries = Object.entries(input.endpoints);
  const totalWeight = endpointEntries.reduce((sum, [, e]) => sum + (e.weight ?? 1), 0);
  const endpoints: Model['endpoints'] = Object.fromEntries(
    endpointEntries.map(([name, e]) => {
      const [service, operation] = split(e.operation);
      return [name, { name, service, operation, weight: (e.weight ?? 1) / totalWeight, slo: 1000 }];
    }),
  );
  return {
    name: input.name ?? 'test',
    description: '',
    style: 'custom',
    workload: {
      requests: input.workload?.requests ?? 1000,
      rate: input.workload?.rate ?? 100,
      arrivals: input.workload?.arrivals ?? 'poisson',
      seed: input.workload?.seed ?? 1,
    },
    blastRadius: { slowFactor: 10 },
    network: {
      latency: dist(input.network),
      overhead: input.overhead ?? 0,
      errorRate: input.networkErrorRate ?? 0,
    },
    teams: {},
    libraries: {},
    datastores,
    services,
    bus: {
      latency: input.bus?.latency ?? constant(0),
      delivery: input.bus?.delivery ?? 'at-least-once',
      duplicateRate: input.bus?.duplicateRate ?? 0,
      redelivery: input.bus?.redelivery ?? {
        attempts: 5,
        backoff: 'exponential',
        base: 1000,
        cap: 60_000,
      },
    },
    events,
    endpoints,
    faults: (input.faults ?? []).map((f) => ({
      target: faultTarget(f.target, input),
      kind: f.kind,
      from: f.from ?? 0,
      until: f.until ?? Number.POSITIVE_INFINITY,
      factor: f.factor ?? 1,
      errorRate: f.errorRate ?? 0,
    })),
    organization: { release: 'one-click', handoff: 0 },
    changes: [],
  };
}

/**
 * M/M/c as a one-service document: Poisson arrivals at `lambda` per second, exponential work with
 * mean 1000/`mu` ms, `c` slots on one replica (one shared FIFO queue), no network.
 */
export function mmcModel(options: {
  lambda: number;
  mu: number;
  c?: number;
  requests: number;
  seed?: number;
}): Model {
  return buildModel({
    workload: { rate: options.lambda, requests: options.requests, seed: options.seed ?? 1 },
    services: {
      server: {
        concurrency: options.c ?? 1,
        operations: { serve: { work: exponential(1000 / options.mu) } },
      },
    },
    endpoints: { serve: { operation: 'server.serve' } },
  });
}
