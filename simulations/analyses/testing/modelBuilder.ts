/**
 * A small typed builder for `Model` objects in tests, so analyses can be tested on hand-made
 * topologies without YAML. Defaults mirror the format's defaults (one replica, 16 slots, no
 * errors, no retries); everything a test does not mention is neutral.
 */
import type {
  CallStep,
  Change,
  Datastore,
  Deploy,
  EventConsumer,
  EventDef,
  EventField,
  Library,
  Model,
  Operation,
  Organization,
  ParallelStep,
  PublishStep,
  QueryStep,
  RetryPolicy,
  Service,
  Step,
  WorkStep,
} from '../../model/types.ts';

const noRetry: RetryPolicy = {
  attempts: 1,
  backoff: 'none',
  base: 0,
  cap: 0,
  jitter: 'none',
  on: ['error', 'timeout', 'rejected'],
};

/** Options every step builder takes. */
export interface StepOptions {
  readonly times?: number;
  readonly optional?: boolean;
  readonly fanout?: number;
  readonly timeout?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** `call('orders.create')`: a synchronous call to `service.operation`. */
export function call(target: string, options: StepOptions = {}): CallStep {
  const [service, operation] = splitTarget(target);
  return {
    kind: 'call',
    service,
    operation,
    times: options.times ?? 1,
    optional: options.optional ?? false,
    fanout: options.fanout ?? 1,
    timeout: options.timeout,
    retry: { ...noRetry, ...options.retry },
    path: `call:${target}`,
    idempotencyKey: false,
  };
}

export function query(datastore: string, options: StepOptions = {}): QueryStep {
  return {
    kind: 'query',
    datastore,
    times: options.times ?? 1,
    optional: options.optional ?? false,
    fanout: options.fanout ?? 1,
    timeout: options.timeout,
    retry: { ...noRetry, ...options.retry },
    path: `query:${datastore}`,
  };
}

export function parallel(steps: readonly Step[], options: StepOptions = {}): ParallelStep {
  return {
    kind: 'parallel',
    steps,
    times: options.times ?? 1,
    optional: options.optional ?? false,
    path: 'parallel',
  };
}

export function publish(event: string): PublishStep {
  return { kind: 'publish', event, times: 1, optional: false, path: `publish:${event}` };
}

export function work(ms: number): WorkStep {
  return {
    kind: 'work',
    work: { dist: 'constant', value: ms },
    times: 1,
    optional: false,
    path: 'work',
  };
}

export interface ServiceSpec {
  readonly team?: string;
  readonly libraries?: readonly string[];
  readonly deploy?: Partial<Deploy>;
  /** Module name → the team owning it (a release train when several teams own modules). */
  readonly modules?: Readonly<Record<string, string>>;
  readonly replicas?: number;
  readonly concurrency?: number;
  /** Operation name → its steps. */
  readonly operations?: Readonly<Record<string, readonly Step[]>>;
}

export interface EventSpec {
  readonly publisher: string;
  /** `service.operation`, or a consumer with explicit rule flags. */
  readonly consumers?: readonly (
    | string
    | { target: string; ignoresUnknownFields?: boolean; usesDefaults?: boolean }
  )[];
  readonly fields?: Readonly<Record<string, EventField>>;
  /** Delivery objective, ms (default 1 min, as the format's). */
  readonly slo?: number;
}

export interface ModelSpec {
  readonly name?: string;
  readonly services: Readonly<Record<string, ServiceSpec>>;
  /** Datastore name → owner (or `{}`). */
  readonly datastores?: Readonly<Record<string, { owner?: string }>>;
  /** Library name → its kind, or `{ kind: 'code', lockstep: true }` for one released in lockstep. */
  readonly libraries?: Readonly<
    Record<
      string,
      Library['kind'] | { readonly kind: Library['kind']; readonly lockstep?: boolean }
    >
  >;
  readonly events?: Readonly<Record<string, EventSpec>>;
  /**
   * Endpoint name → `[service.operation, weight, slo?]`; weights are normalised here, the latency
   * objective defaults to 1 s as the format's does.
   */
  readonly endpoints: Readonly<Record<string, readonly [string, number, number?]>>;
  readonly organization?: Partial<Organization>;
  readonly changes?: readonly Change[];
  readonly requests?: number;
  readonly seed?: number;
}

/** Builds a valid, normalised `Model` from a compact spec. */
export function buildModel(spec: ModelSpec): Model {
  const services: Record<string, Service> = {};
  for (const [name, s] of Object.entries(spec.services)) {
    const operations: Record<string, Operation> = {};
    for (const [opName, steps] of Object.entries(s.operations ?? {})) {
      operations[opName] = {
        name: opName,
        service: name,
        work: { dist: 'constant', value: 1 },
        steps,
        sideEffect: false,
      };
    }
    services[name] = {
      name,
      team: s.team,
      replicas: s.replicas ?? 1,
      concurrency: s.concurrency ?? 16,
      queue: Number.POSITIVE_INFINITY,
      cpus: Number.POSITIVE_INFINITY,
      errorRate: 0,
      crashRate: 0,
      libraries: s.libraries ?? [],
      modules: Object.fromEntries(
        Object.entries(s.modules ?? {}).map(([module, team]) => [module, { name: module, team }]),
      ),
      deploy: { duration: 600_000, failureRate: 0.02, ...s.deploy },
      operations,
    };
  }
  const datastores: Record<string, Datastore> = {};
  for (const [name, d] of Object.entries(spec.datastores ?? {})) {
    datastores[name] = {
      name,
      owner: d.owner,
      concurrency: 50,
      queue: Number.POSITIVE_INFINITY,
      work: { dist: 'constant', value: 1 },
      errorRate: 0,
    };
  }
  const libraries: Record<string, Library> = {};
  for (const [name, lib] of Object.entries(spec.libraries ?? {})) {
    const { kind, lockstep = false } = typeof lib === 'string' ? { kind: lib } : lib;
    libraries[name] = { name, kind, lockstep: kind === 'model' || lockstep };
  }
  const events: Record<string, EventDef> = {};
  for (const [name, e] of Object.entries(spec.events ?? {})) {
    events[name] = {
      name,
      publisher: e.publisher,
      consumers: (e.consumers ?? []).map(toConsumer),
      fields: e.fields ?? {},
      slo: e.slo ?? 60_000,
    };
  }
  const total = Object.values(spec.endpoints).reduce((sum, [, w]) => sum + w, 0);
  const endpoints: Model['endpoints'] = Object.fromEntries(
    Object.entries(spec.endpoints).map(([name, [target, weight, slo]]) => {
      const [service, operation] = splitTarget(target);
      return [name, { name, service, operation, weight: weight / total, slo: slo ?? 1000 }];
    }),
  );
  const teamNames = new Set(
    Object.values(spec.services).flatMap((s) => [
      ...(s.team === undefined ? [] : [s.team]),
      ...Object.values(s.modules ?? {}),
    ]),
  );
  return {
    name: spec.name ?? 'test',
    description: '',
    style: 'custom',
    workload: {
      requests: spec.requests ?? 2000,
      rate: 100,
      arrivals: 'poisson',
      seed: spec.seed ?? 1,
    },
    // No CPU cost per message and no network errors: the network only delays.
    network: { latency: { dist: 'constant', value: 0.5 }, overhead: 0, errorRate: 0 },
    teams: Object.fromEntries([...teamNames].map((name) => [name, { name }])),
    libraries,
    datastores,
    services,
    bus: {
      latency: { dist: 'constant', value: 2 },
      delivery: 'at-least-once',
      duplicateRate: 0,
      redelivery: { attempts: 5, backoff: 'exponential', base: 1000, cap: 60_000 },
    },
    events,
    endpoints,
    faults: [],
    organization: { release: 'per-team', handoff: 86_400_000, ...spec.organization },
    changes: spec.changes ?? [],
    blastRadius: { slowFactor: 10 },
  };
}

function toConsumer(c: NonNullable<EventSpec['consumers']>[number]): EventConsumer {
  const spec = typeof c === 'string' ? { target: c } : c;
  const [service, operation] = splitTarget(spec.target);
  return {
    service,
    operation,
    ignoresUnknownFields: spec.ignoresUnknownFields ?? true,
    usesDefaults: spec.usesDefaults ?? true,
    idempotent: false,
  };
}

function splitTarget(target: string): [string, string] {
  const dot = target.indexOf('.');
  if (dot < 0) throw new Error(`expected service.operation, got "${target}"`);
  return [target.slice(0, dot), target.slice(dot + 1)];
}
