/**
 * Schema output → `Model`: applies the defaults of `defaults.ts`, normalises weights, resolves
 * fault and change targets, and gives every step its document path. It assumes the document has
 * passed the schema and the reference checks; it never throws on such a document.
 */
import { DEFAULTS } from './defaults.ts';
import type { RawStep, RawTopology } from './schema.ts';
import type {
  BreakerPolicy,
  Change,
  Datastore,
  Distribution,
  EventConsumer,
  EventDef,
  EventField,
  Fault,
  FaultTarget,
  HedgePolicy,
  Model,
  Operation,
  RetryPolicy,
  Service,
  Step,
} from './types.ts';

type RawService = RawTopology['services'][string];
type RawFields = NonNullable<NonNullable<RawTopology['events']>[string]['fields']>;

/** Builds the model from a schema-valid document whose references all resolve. */
export function normalise(raw: RawTopology): Model {
  const services = mapRecord(raw.services, (service, name) => normaliseService(name, service));
  const datastores = mapRecord(
    raw.datastores ?? {},
    (store, name): Datastore => ({
      name,
      ...(store?.owner !== undefined ? { owner: store.owner } : {}),
      concurrency: store?.concurrency ?? DEFAULTS.datastore.concurrency,
      queue: store?.queue ?? DEFAULTS.datastore.queue,
      work: normaliseDistribution(store?.work ?? DEFAULTS.datastore.work),
      errorRate: store?.errorRate ?? DEFAULTS.datastore.errorRate,
    }),
  );
  const w = raw.workload ?? {};
  const bus = raw.bus ?? {};
  const redelivery = bus.redelivery ?? {};
  const endpointWeights = Object.values(raw.endpoints).map(
    (e) => e.weight ?? DEFAULTS.endpointWeight,
  );
  const weightSum = endpointWeights.reduce((a, b) => a + b, 0);
  const endpointCount = Object.keys(raw.endpoints).length;
  return {
    name: raw.name,
    description: raw.description ?? DEFAULTS.description,
    style: raw.style ?? DEFAULTS.style,
    workload: {
      requests: w.requests ?? DEFAULTS.workload.requests,
      rate: w.rate ?? DEFAULTS.workload.rate,
      arrivals: w.arrivals ?? DEFAULTS.workload.arrivals,
      seed: w.seed ?? DEFAULTS.workload.seed,
    },
    network: {
      latency: normaliseDistribution(raw.network?.latency ?? DEFAULTS.networkLatency),
      overhead: raw.network?.overhead ?? DEFAULTS.network.overhead,
      errorRate: raw.network?.errorRate ?? DEFAULTS.network.errorRate,
    },
    teams: normaliseTeams(raw),
    libraries: mapRecord(raw.libraries ?? {}, (library, name) => {
      const kind = library?.kind ?? DEFAULTS.library.kind;
      // The schema refuses lockstep on a model library: wire types always move together.
      return {
        name,
        kind,
        lockstep: kind === 'model' || (library?.lockstep ?? DEFAULTS.library.lockstep),
      };
    }),
    datastores,
    services,
    bus: {
      latency: normaliseDistribution(bus.latency ?? DEFAULTS.bus.latency),
      delivery: bus.delivery ?? DEFAULTS.bus.delivery,
      duplicateRate: bus.duplicateRate ?? DEFAULTS.bus.duplicateRate,
      redelivery: {
        attempts: redelivery.attempts ?? DEFAULTS.bus.redelivery.attempts,
        backoff: redelivery.backoff ?? DEFAULTS.bus.redelivery.backoff,
        base: redelivery.base ?? DEFAULTS.bus.redelivery.base,
        cap: redelivery.cap ?? DEFAULTS.bus.redelivery.cap,
      },
    },
    events: mapRecord(
      raw.events ?? {},
      (event, name): EventDef => ({
        name,
        publisher: event.publisher,
        consumers: (event.consumers ?? []).map((consumer): EventConsumer => {
          const ref = splitRef(typeof consumer === 'string' ? consumer : consumer.operation);
          return {
            ...ref,
            ignoresUnknownFields:
              typeof consumer === 'string'
                ? DEFAULTS.consumer.ignoresUnknownFields
                : (consumer.ignoresUnknownFields ?? DEFAULTS.consumer.ignoresUnknownFields),
            usesDefaults:
              typeof consumer === 'string'
                ? DEFAULTS.consumer.usesDefaults
                : (consumer.usesDefaults ?? DEFAULTS.consumer.usesDefaults),
            idempotent:
              typeof consumer === 'string'
                ? DEFAULTS.consumer.idempotent
                : (consumer.idempotent ?? DEFAULTS.consumer.idempotent),
          };
        }),
        fields: normaliseFields(event.fields ?? {}),
        slo: event.slo ?? DEFAULTS.eventSlo,
      }),
    ),
    endpoints: mapRecord(raw.endpoints, (endpoint, name) => ({
      name,
      ...splitRef(endpoint.operation),
      // All-zero weights are refused by the reference checks; equal split is a safe fallback.
      weight:
        weightSum > 0
          ? (endpoint.weight ?? DEFAULTS.endpointWeight) / weightSum
          : 1 / endpointCount,
      slo: endpoint.slo ?? DEFAULTS.endpointSlo,
    })),
    faults: (raw.faults ?? []).map(
      (fault): Fault => ({
        target: resolveFaultTarget(fault.target, raw),
        kind: fault.kind,
        from: fault.from ?? DEFAULTS.fault.from,
        until: fault.until ?? DEFAULTS.fault.until,
        factor: fault.factor ?? DEFAULTS.fault.factor,
        errorRate: fault.errorRate ?? DEFAULTS.fault.errorRate,
      }),
    ),
    organization: {
      release: raw.organization?.release ?? DEFAULTS.organization.release,
      handoff: raw.organization?.handoff ?? DEFAULTS.organization.handoff,
    },
    changes: (raw.changes ?? []).map(
      (change): Change => ({
        target: change.target,
        targetKind: resolveChangeKind(change.target, raw) ?? 'operation',
        ...(change.breaking !== undefined ? { breaking: change.breaking } : {}),
        ...(change.via !== undefined ? { via: change.via } : {}),
        ...(change.add !== undefined ? { add: normaliseFields(change.add) } : {}),
        ...(change.remove !== undefined ? { remove: [...change.remove] } : {}),
      }),
    ),
    blastRadius: {
      slowFactor: raw.blastRadius?.slowFactor ?? DEFAULTS.blastRadius.slowFactor,
    },
  };
}

function normaliseService(name: string, raw: RawService): Service {
  const d = DEFAULTS.service;
  return {
    name,
    ...(raw.team !== undefined ? { team: raw.team } : {}),
    replicas: raw.replicas ?? d.replicas,
    concurrency: raw.concurrency ?? d.concurrency,
    queue: raw.queue ?? d.queue,
    cpus: raw.cpus ?? d.cpus,
    errorRate: raw.errorRate ?? d.errorRate,
    crashRate: raw.crashRate ?? d.crashRate,
    ...(raw.supervisor !== undefined
      ? {
          supervisor: {
            restart: raw.supervisor.restart ?? DEFAULTS.supervisor.restart,
            maxRestarts: raw.supervisor.maxRestarts ?? DEFAULTS.supervisor.maxRestarts,
            within: raw.supervisor.within ?? DEFAULTS.supervisor.within,
          },
        }
      : {}),
    libraries: [...(raw.libraries ?? [])],
    modules: mapRecord(raw.modules ?? {}, (module, moduleName) => ({
      name: moduleName,
      team: module.team,
    })),
    deploy: {
      duration: raw.deploy?.duration ?? d.deploy.duration,
      failureRate: raw.deploy?.failureRate ?? d.deploy.failureRate,
    },
    operations: mapRecord(raw.operations, (op, opName): Operation => {
      const base = `services.${name}.operations.${opName}.steps`;
      return {
        name: opName,
        service: name,
        ...(op.module !== undefined ? { module: op.module } : {}),
        work: normaliseDistribution(op.work ?? DEFAULTS.operationWork),
        steps: (op.steps ?? []).map((step, i) => normaliseStep(step, `${base}.${i}`)),
        sideEffect: op.sideEffect ?? DEFAULTS.sideEffect,
      };
    }),
  };
}

function normaliseStep(raw: RawStep, path: string): Step {
  const common = {
    times: raw.times ?? DEFAULTS.step.times,
    optional: raw.optional ?? DEFAULTS.step.optional,
    path,
  };
  const timeout = raw.timeout !== undefined ? { timeout: raw.timeout } : {};
  if (raw.call !== undefined) {
    return {
      kind: 'call',
      ...common,
      ...splitRef(raw.call),
      fanout: raw.fanout ?? DEFAULTS.step.fanout,
      ...timeout,
      retry: normaliseRetry(raw.retry),
      ...(raw.breaker !== undefined ? { breaker: normaliseBreaker(raw.breaker) } : {}),
      ...(raw.hedge !== undefined ? { hedge: normaliseHedge(raw.hedge) } : {}),
      ...(raw.bulkhead !== undefined ? { bulkhead: raw.bulkhead } : {}),
      idempotencyKey: raw.idempotencyKey ?? DEFAULTS.step.idempotencyKey,
    };
  }
  if (raw.query !== undefined) {
    return {
      kind: 'query',
      ...common,
      datastore: raw.query,
      fanout: raw.fanout ?? DEFAULTS.step.fanout,
      ...timeout,
      retry: normaliseRetry(raw.retry),
    };
  }
  if (raw.parallel !== undefined) {
    return {
      kind: 'parallel',
      ...common,
      steps: raw.parallel.map((step, i) => normaliseStep(step, `${path}.parallel.${i}`)),
    };
  }
  if (raw.publish !== undefined) return { kind: 'publish', ...common, event: raw.publish };
  return {
    kind: 'work',
    ...common,
    work: normaliseDistribution(raw.work ?? DEFAULTS.operationWork),
  };
}

function normaliseRetry(raw: RawStep['retry']): RetryPolicy {
  const d = DEFAULTS.retry;
  return {
    attempts: raw?.attempts ?? d.attempts,
    backoff: raw?.backoff ?? d.backoff,
    base: raw?.base ?? d.base,
    cap: raw?.cap ?? d.cap,
    jitter: raw?.jitter ?? d.jitter,
    // Duplicates are harmless to the schema but meaningless; keep each kind once, in order.
    on: raw?.on ? [...new Set(raw.on)] : [...d.on],
    ...(raw?.budget !== undefined ? { budget: raw.budget } : {}),
  };
}

function normaliseHedge(raw: NonNullable<RawStep['hedge']>): HedgePolicy {
  const max = raw.max ?? DEFAULTS.hedge.max;
  return typeof raw.after === 'number'
    ? { after: raw.after, max }
    : { percentile: raw.after.percentile, max };
}

function normaliseBreaker(raw: NonNullable<RawStep['breaker']>): BreakerPolicy {
  const d = DEFAULTS.breaker;
  return {
    failureRate: raw.failureRate ?? d.failureRate,
    window: raw.window ?? d.window,
    minimumCalls: raw.minimumCalls ?? d.minimumCalls,
    cooldown: raw.cooldown ?? d.cooldown,
    probes: raw.probes ?? d.probes,
  };
}

/** Copies a distribution, normalising mixture weights to sum to 1 (zero-sum: equal weights). */
export function normaliseDistribution(d: Distribution): Distribution {
  if (d.dist !== 'mixture') return { ...d };
  const sum = d.of.reduce((total, part) => total + part.weight, 0);
  return {
    dist: 'mixture',
    of: d.of.map((part) => ({
      weight: sum > 0 ? part.weight / sum : 1 / d.of.length,
      value: normaliseDistribution(part.value),
    })),
  };
}

function normaliseFields(raw: RawFields): Record<string, EventField> {
  return mapRecord(
    raw,
    (field): EventField => ({
      type: field.type,
      required: field.required ?? false,
      ...(field.default !== undefined ? { default: field.default } : {}),
    }),
  );
}

function normaliseTeams(raw: RawTopology): Model['teams'] {
  if (raw.teams) return mapRecord(raw.teams, (_team, name) => ({ name }));
  // Without a teams section, the teams services name are the teams.
  const teams: Record<string, { name: string }> = {};
  for (const service of Object.values(raw.services)) {
    if (service.team !== undefined) teams[service.team] = { name: service.team };
  }
  return teams;
}

/** `bus`, `service.operation`, a service, or a datastore; the reference checks refuse ambiguity. */
export function resolveFaultTarget(target: string, raw: RawTopology): FaultTarget {
  if (target.includes('.')) return { kind: 'operation', ...splitRef(target) };
  if (Object.hasOwn(raw.services, target)) return { kind: 'service', service: target };
  if (raw.datastores && Object.hasOwn(raw.datastores, target)) {
    return { kind: 'datastore', datastore: target };
  }
  return { kind: 'bus' };
}

/** What a change target names, or undefined when it names nothing. */
export function resolveChangeKind(
  target: string,
  raw: RawTopology,
): Change['targetKind'] | undefined {
  if (target.includes('.')) return 'operation';
  if (raw.libraries && Object.hasOwn(raw.libraries, target)) return 'library';
  if (raw.datastores && Object.hasOwn(raw.datastores, target)) return 'datastore';
  if (raw.events && Object.hasOwn(raw.events, target)) return 'event';
  return undefined;
}

/** `orders.create` → `{ service: 'orders', operation: 'create' }`. */
export function splitRef(ref: string): { service: string; operation: string } {
  const dot = ref.indexOf('.');
  return { service: ref.slice(0, dot), operation: ref.slice(dot + 1) };
}

function mapRecord<T, U>(
  record: Readonly<Record<string, T>>,
  f: (value: T, key: string) => U,
): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value, key);
  return out;
}
