import { describe, expect, it } from 'vitest';
import { DEFAULTS } from './defaults.ts';
import { parseTopology } from './parse.ts';
import { fixture, MINIMAL, modelOf } from './testing.ts';

describe('parseTopology on valid documents', () => {
  it('reads the spec example into a model with every construct resolved', () => {
    const model = modelOf(fixture('spec-example.yaml'));
    expect(model.name).toBe('Shop, distributed monolith');
    expect(model.style).toBe('distributed-monolith');
    expect(model.workload).toEqual({ requests: 20000, rate: 200, arrivals: 'poisson', seed: 1 });
    const gateway = model.services.gateway;
    expect(gateway?.replicas).toBe(2);
    expect(gateway?.queue).toBe(64);
    expect(gateway?.errorRate).toBeCloseTo(0.001);
    expect(gateway?.deploy).toEqual({ duration: 600_000, failureRate: 0.02 });
    const steps = gateway?.operations.checkout?.steps ?? [];
    expect(steps.map((s) => s.kind)).toEqual([
      'call',
      'query',
      'parallel',
      'call',
      'publish',
      'work',
    ]);
    expect(steps[0]).toMatchObject({
      kind: 'call',
      service: 'orders',
      operation: 'create',
      times: 3,
      timeout: 250,
      path: 'services.gateway.operations.checkout.steps.0',
      retry: {
        attempts: 3,
        backoff: 'exponential',
        base: 20,
        cap: 1000,
        jitter: 'full',
        budget: 0.1,
      },
      breaker: { failureRate: 0.5, window: 20, minimumCalls: 10, cooldown: 5000, probes: 1 },
    });
    const parallel = steps[2];
    expect(parallel?.kind === 'parallel' && parallel.steps[1]).toMatchObject({
      kind: 'call',
      optional: true,
      path: 'services.gateway.operations.checkout.steps.2.parallel.1',
    });
    expect(steps[3]).toMatchObject({ fanout: 20 });
    expect(model.datastores['shop-db']).toMatchObject({
      owner: 'orders',
      queue: Number.POSITIVE_INFINITY,
    });
    expect(model.bus).toEqual({
      latency: { dist: 'constant', value: 2 },
      delivery: 'at-least-once',
      duplicateRate: 0.005,
      redelivery: { attempts: 5, backoff: 'exponential', base: 1000, cap: 60_000 },
    });
    expect(model.events['order-placed']?.consumers[0]).toEqual({
      service: 'shipping',
      operation: 'schedule',
      ignoresUnknownFields: true,
      usesDefaults: true,
      idempotent: false,
    });
    expect(model.events['order-placed']?.fields.coupon).toEqual({
      type: 'string',
      required: false,
      default: '',
    });
    expect(model.endpoints.checkout).toEqual({
      name: 'checkout',
      service: 'gateway',
      operation: 'checkout',
      weight: 0.2,
      slo: 1000,
    });
    expect(model.faults).toEqual([
      {
        target: { kind: 'service', service: 'payments' },
        kind: 'down',
        from: 10_000,
        until: 40_000,
        factor: 1,
        errorRate: 0,
      },
      {
        target: { kind: 'datastore', datastore: 'shop-db' },
        kind: 'slow',
        from: 0,
        until: Number.POSITIVE_INFINITY,
        factor: 10,
        errorRate: 0,
      },
      {
        target: { kind: 'operation', service: 'pricing', operation: 'quote' },
        kind: 'errors',
        from: 0,
        until: Number.POSITIVE_INFINITY,
        factor: 1,
        errorRate: 0.5,
      },
      {
        target: { kind: 'service', service: 'inventory' },
        kind: 'hang',
        from: 5000,
        until: 6000,
        factor: 1,
        errorRate: 0,
      },
    ]);
    expect(model.organization).toEqual({ release: 'per-team', handoff: 86_400_000 });
    expect(model.changes).toEqual([
      { target: 'shop-models', targetKind: 'library', breaking: true },
      {
        target: 'order-placed',
        targetKind: 'event',
        add: { giftWrap: { type: 'boolean', required: true } },
      },
    ]);
  });

  it('accepts every construct of the verbatim spec example: only its elided services are reported', () => {
    const result = parseTopology(fixture('spec-example-verbatim.yaml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const error of result.errors) {
      expect(error.message).toMatch(/unknown (service|operation|target)/);
    }
  });

  it('fills every default of a minimal document', () => {
    const model = modelOf(MINIMAL);
    expect(model.description).toBe('');
    expect(model.style).toBe('custom');
    expect(model.workload).toEqual({ requests: 20000, rate: 100, arrivals: 'poisson', seed: 1 });
    expect(model.network).toEqual({
      latency: { dist: 'lognormal', median: 0.5, p99: 4 },
      overhead: 0.05,
      errorRate: 0,
    });
    expect(model.services.app).toEqual({
      name: 'app',
      replicas: 1,
      concurrency: 16,
      queue: Number.POSITIVE_INFINITY,
      cpus: Number.POSITIVE_INFINITY,
      errorRate: 0,
      crashRate: 0,
      libraries: [],
      modules: {},
      deploy: { duration: 600_000, failureRate: 0.01 },
      operations: {
        home: {
          name: 'home',
          service: 'app',
          work: { dist: 'constant', value: 0 },
          steps: [],
          sideEffect: false,
        },
      },
    });
    expect(model.bus.redelivery).toEqual(DEFAULTS.bus.redelivery);
    expect(model.organization).toEqual({ release: 'per-team', handoff: 86_400_000 });
    expect(model.endpoints.home?.weight).toBe(1);
    expect(model.endpoints.home?.slo).toBe(1000);
    expect(model.blastRadius).toEqual({ slowFactor: 10 });
    expect(model.faults).toEqual([]);
    expect(model.changes).toEqual([]);
  });

  it('gives calls and queries the default retry policy (one attempt, on all three failures)', () => {
    const model = modelOf(`name: t
datastores: { db: }
services:
  app:
    operations:
      home: { steps: [ { query: db }, { call: app.other } ] }
      other: {}
endpoints: { home: { operation: app.home } }
`);
    const steps = model.services.app?.operations.home?.steps ?? [];
    for (const step of steps) {
      expect(step).toMatchObject({ fanout: 1, times: 1, optional: false, retry: DEFAULTS.retry });
      expect(step).not.toHaveProperty('timeout');
    }
    expect(model.datastores.db).toEqual({
      name: 'db',
      concurrency: 50,
      queue: Number.POSITIVE_INFINITY,
      work: { dist: 'exponential', mean: 1 },
      errorRate: 0,
    });
  });

  it('normalises endpoint weights and mixture weights to sum to 1', () => {
    const model = modelOf(`name: t
services:
  app:
    operations:
      a: { work: { dist: mixture, of: [ { weight: 99, value: 10ms }, { weight: 1, value: 1s } ] } }
      b: { work: { dist: mixture, of: [ { weight: 30%, value: 1ms }, { weight: 10%, value: { dist: uniform, min: 1ms, max: 3ms } } ] } }
endpoints:
  a: { operation: app.a, weight: 3 }
  b: { operation: app.b, weight: 1 }
`);
    expect(model.endpoints.a?.weight).toBe(0.75);
    expect(model.endpoints.b?.weight).toBe(0.25);
  });

  it('reads mixture parts as nested distributions with normalised weights', () => {
    const model = modelOf(`name: t
services:
  app:
    operations:
      a: { work: { dist: mixture, of: [ { weight: 30%, value: 1ms }, { weight: 10%, value: { dist: uniform, min: 1ms, max: 3ms } } ] } }
endpoints: { a: { operation: app.a } }
`);
    const work = model.services.app?.operations.a?.work;
    expect(work).toMatchObject({
      dist: 'mixture',
      of: [
        { value: { dist: 'constant', value: 1 } },
        { value: { dist: 'uniform', min: 1, max: 3 } },
      ],
    });
    const weights = work?.dist === 'mixture' ? work.of.map((part) => part.weight) : [];
    expect(weights[0]).toBeCloseTo(0.75, 12);
    expect(weights[1]).toBeCloseTo(0.25, 12);
  });

  it('reads consumer objects (the extension) and derives teams when no teams section exists', () => {
    const model = modelOf(`name: t
services:
  a: { team: blue, operations: { x: { steps: [ { publish: done } ] } } }
  b: { team: green, operations: { y: {} } }
events:
  done:
    publisher: a
    consumers:
      - { operation: b.y, ignoresUnknownFields: false }
endpoints: { x: { operation: a.x } }
`);
    expect(model.events.done?.consumers).toEqual([
      {
        service: 'b',
        operation: 'y',
        ignoresUnknownFields: false,
        usesDefaults: true,
        idempotent: false,
      },
    ]);
    expect(Object.keys(model.teams)).toEqual(['blue', 'green']);
  });

  it('resolves the bus and operations as fault targets, and operations as change targets', () => {
    const model = modelOf(`name: t
services: { a: { operations: { x: {} } } }
endpoints: { x: { operation: a.x } }
faults: [ { target: bus, kind: down, from: 1s, until: 2s }, { target: a.x, kind: slow, factor: 3 } ]
changes: [ { target: a.x } ]
`);
    expect(model.faults.map((f) => f.target)).toEqual([
      { kind: 'bus' },
      { kind: 'operation', service: 'a', operation: 'x' },
    ]);
    expect(model.changes).toEqual([{ target: 'a.x', targetKind: 'operation' }]);
  });

  it('survives structuredClone (the model goes to a Web Worker)', () => {
    const model = modelOf(fixture('spec-example.yaml'));
    expect(structuredClone(model)).toEqual(model);
  });

  it('warns about operations nothing reaches, without refusing the document', () => {
    const result = parseTopology(`${MINIMAL.replace('home: {}', 'home: {}\n      orphan: {}')}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => `${w.line}:${w.column} ${w.severity} ${w.message}`)).toEqual([
      '6:7 warning services.app.operations.orphan: operation app.orphan is never reached: no endpoint, call or event consumer leads to it',
    ]);
  });

  it('allows a publish loop (asynchronous) where a call loop would be refused', () => {
    const result = parseTopology(`name: t
services: { a: { operations: { x: { steps: [ { publish: again } ] } } } }
events: { again: { publisher: a, consumers: [a.x] } }
endpoints: { x: { operation: a.x } }
`);
    expect(result.ok).toBe(true);
  });
});
