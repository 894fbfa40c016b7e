import { describe, expect, it } from 'vitest';
import { parseTopology } from './parse.ts';
import { errorsOf } from './testing.ts';

const shop = (steps: string) => `name: t
services:
  gateway:
    operations:
      checkout:
        steps:
${steps}
  orders:
    operations:
      create: { work: 1ms }
      list: {}
endpoints:
  home: { operation: gateway.checkout }
`;

describe('unknown names get a did-you-mean and the valid names', () => {
  it('operations, services, datastores and fields of a step, all at once', () => {
    expect(
      errorsOf(
        shop(`          - call: orders.creat
          - call: order.create
          - query: db
          - tims: 3
            call: orders.list`),
      ),
    ).toEqual([
      'doc.yaml:7:19: services.gateway.operations.checkout.steps.0.call: unknown operation "orders.creat"; did you mean "orders.create"? (operations of orders: create, list)',
      'doc.yaml:8:19: services.gateway.operations.checkout.steps.1.call: unknown service "order" in "order.create"; did you mean "orders"? (services: gateway, orders)',
      'doc.yaml:9:20: services.gateway.operations.checkout.steps.2.query: unknown datastore "db" (no datastores are declared)',
      'doc.yaml:10:13: services.gateway.operations.checkout.steps.3.tims: unknown field "tims"; did you mean "times"? (valid fields: call, query, parallel, publish, work, times, optional, fanout, timeout, retry, breaker, hedge, bulkhead, idempotencyKey, description)',
    ]);
  });

  it('events, libraries, teams and endpoints', () => {
    expect(
      errorsOf(`name: t
teams: { storefront: {} }
libraries: { shop-models: { kind: model } }
services:
  a:
    team: storefrnt
    libraries: [shop-model]
    operations:
      x: { steps: [ { publish: order-placd } ] }
events:
  order-placed: { publisher: a }
endpoints:
  home: { operation: a.y }
`),
    ).toEqual([
      'doc.yaml:6:11: services.a.team: unknown team "storefrnt"; did you mean "storefront"? (teams: storefront)',
      'doc.yaml:7:17: services.a.libraries.0: unknown library "shop-model"; did you mean "shop-models"? (libraries: shop-models)',
      'doc.yaml:9:32: services.a.operations.x.steps.0.publish: unknown event "order-placd"; did you mean "order-placed"? (events: order-placed)',
      'doc.yaml:13:22: endpoints.home.operation: unknown operation "a.y"; did you mean "a.x"? (operations of a: x)',
    ]);
  });

  it('distribution names and enumerated words', () => {
    expect(
      errorsOf(`name: t
workload: { arrivals: poison }
network: { latency: { dist: expo, mean: 1ms } }
services: { a: { operations: { x: {} } } }
endpoints: { x: { operation: a.x } }
`),
    ).toEqual([
      'doc.yaml:2:23: workload.arrivals: found "poison"; did you mean "poisson"? (valid: poisson, constant)',
      'doc.yaml:3:29: network.latency.dist: found "expo"; did you mean "exponential"? (valid: constant, exponential, uniform, lognormal, mixture)',
    ]);
  });

  it('fields of a distribution, naming the ones that kind takes', () => {
    expect(
      errorsOf(`name: t
services:
  a:
    operations:
      x: { work: { dist: exponential, median: 2ms } }
endpoints: { x: { operation: a.x } }
`),
    ).toEqual([
      'doc.yaml:5:18: services.a.operations.x.work.mean: missing required field; expected a duration such as 250ms, 2s, 5m, 1h, 1d or a number of milliseconds',
      'doc.yaml:5:39: services.a.operations.x.work.median: unknown field "median"; did you mean "mean"? (valid fields: dist, mean)',
    ]);
  });

  it('fault and change targets', () => {
    expect(
      errorsOf(`name: t
datastores: { shop-db: {} }
libraries: { models: {} }
services: { a: { operations: { x: { steps: [ { query: shop-db } ] } } } }
endpoints: { x: { operation: a.x } }
faults: [ { target: shop-bd, kind: down } ]
changes: [ { target: model }, { target: models, add: { f: { type: string } } } ]
`),
    ).toEqual([
      'doc.yaml:6:21: faults.0.target: unknown target "shop-bd"; did you mean "shop-db"? (services: a; datastores: shop-db; or service.operation, or bus)',
      'doc.yaml:7:22: changes.0.target: unknown target "model"; did you mean "models"? (a library, datastore, event or service.operation)',
      'doc.yaml:7:54: changes.1.add: found add on a change to library "models"; only event changes take add',
    ]);
  });
});

describe('values out of range name the field, the value and the valid range', () => {
  it('numbers, shares, durations and queues', () => {
    expect(
      errorsOf(`name: t
workload: { requests: 0, rate: -1, seed: 1.5 }
services:
  a:
    replicas: 1e308
    concurrency: 20000
    queue: -1
    errorRate: 150%
    operations:
      x:
        steps:
          - work: -5ms
          - work: 5 sec
          - call: a.y
            timeout: 31d
            times: 0
            fanout: 1001
            retry: { attempts: 101 }
endpoints: { x: { operation: a.x } }
`),
    ).toEqual([
      'doc.yaml:2:23: workload.requests: found 0; expected a whole number from 1 to 5,000,000',
      'doc.yaml:2:32: workload.rate: found -1; expected a number above 0 and at most 1,000,000',
      'doc.yaml:2:42: workload.seed: found 1.5; expected a whole number from 0 to 4,294,967,295',
      'doc.yaml:5:15: services.a.replicas: found 1e+308; expected a whole number from 1 to 1,000',
      'doc.yaml:6:18: services.a.concurrency: found 20000; expected a whole number from 1 to 10,000',
      'doc.yaml:7:12: services.a.queue: found -1; expected a whole number from 0 to 1,000,000 or unbounded',
      'doc.yaml:8:16: services.a.errorRate: found "150%"; expected a share: a number from 0 to 1 or a percentage such as 50% or 0.1%',
      'doc.yaml:12:19: services.a.operations.x.steps.0.work: found "-5ms"; a duration cannot be negative',
      'doc.yaml:13:19: services.a.operations.x.steps.1.work: found "5 sec"; expected a duration such as 250ms, 2s, 5m, 1h, 1d or a number of milliseconds',
      'doc.yaml:14:19: services.a.operations.x.steps.2.call: unknown operation "a.y"; did you mean "a.x"? (operations of a: x)',
      'doc.yaml:15:22: services.a.operations.x.steps.2.timeout: found "31d"; expected at most 30d (2,592,000,000 ms)',
      'doc.yaml:16:20: services.a.operations.x.steps.2.times: found 0; expected a whole number from 1 to 1,000',
      'doc.yaml:17:21: services.a.operations.x.steps.2.fanout: found 1001; expected a whole number from 1 to 1,000',
      'doc.yaml:18:32: services.a.operations.x.steps.2.retry.attempts: found 101; expected a whole number from 1 to 100',
    ]);
  });

  it('NaN and infinities are refused wherever a number is expected', () => {
    const errors = errorsOf(`name: t
workload: { rate: .nan, requests: .inf }
services: { a: { operations: { x: { work: .nan } } } }
endpoints: { x: { operation: a.x } }
`);
    expect(errors).toEqual([
      'doc.yaml:2:19: workload.rate: found .nan; expected a number above 0 and at most 1,000,000',
      'doc.yaml:2:35: workload.requests: found .inf; expected a whole number from 1 to 5,000,000',
      'doc.yaml:3:43: services.a.operations.x.work: found .nan; expected a duration (5ms) or a distribution such as { dist: exponential, mean: 2ms }',
    ]);
  });

  it('inconsistent distributions', () => {
    expect(
      errorsOf(`name: t
services:
  a:
    operations:
      x: { work: { dist: lognormal, median: 2ms, p99: 1ms } }
      y: { work: { dist: uniform, min: 3ms, max: 1ms } }
endpoints: { x: { operation: a.x }, y: { operation: a.y } }
`),
    ).toEqual([
      'doc.yaml:5:55: services.a.operations.x.work.p99: found 1 ms, below the median (2 ms); expected p99 ≥ median',
      'doc.yaml:6:50: services.a.operations.y.work.max: found 1 ms, below min (3 ms); expected max ≥ min',
    ]);
  });
});

describe('structure', () => {
  it('a missing field is located at its parent mapping', () => {
    expect(
      errorsOf(`services:
  a:
    operations:
      x: {}
events:
  ev: { consumers: [a.x] }
endpoints: {}
`),
    ).toEqual([
      "doc.yaml:1:1: name: missing required field; expected the architecture's name, e.g. name: Shop",
      'doc.yaml:6:7: events.ev.publisher: missing required field; expected a name of letters, digits, "-" and "_" (at most 64 characters)',
      'doc.yaml:7:12: endpoints: found no endpoints; expected at least one, e.g. checkout: { operation: a.x }',
    ]);
  });

  it('a step must do exactly one thing, and options must fit its kind', () => {
    expect(
      errorsOf(
        shop(`          - call: orders.list
            query: x
          - {}
          - publish: e
            timeout: 1s`),
      ),
    ).toContain(
      'doc.yaml:7:13: services.gateway.operations.checkout.steps.0: found a step with call and query; expected exactly one of call, query, parallel, publish, work (split it into 2 steps)',
    );
    const errors = errorsOf(
      shop(`          - {}
          - query: x
            breaker: {}`),
    );
    expect(errors).toContain(
      'doc.yaml:7:13: services.gateway.operations.checkout.steps.0: found a step with none of call, query, parallel, publish, work; expected exactly one of them',
    );
    expect(errors).toContain(
      'doc.yaml:9:22: services.gateway.operations.checkout.steps.1.breaker: found breaker on a query step; only call steps take breaker',
    );
  });

  it('an empty or non-mapping document', () => {
    expect(errorsOf('')).toEqual(['doc.yaml:1:1: document: found nothing; expected a mapping']);
    expect(errorsOf('- a\n- b\n')).toEqual([
      'doc.yaml:1:1: document: found a list; expected a mapping',
    ]);
  });

  it('YAML syntax errors and duplicate keys, located', () => {
    expect(errorsOf('name: a\nname: b\n')).toEqual([
      'doc.yaml:2:1: YAML syntax: Map keys must be unique',
    ]);
    expect(errorsOf('name: [unclosed\nservices: {}\n')[0]).toMatch(/^doc\.yaml:2:1: YAML syntax: /);
  });

  it('a name that is both a service and a datastore cannot be a fault target', () => {
    expect(
      errorsOf(`name: t
datastores: { cache: {} }
services: { cache: { operations: { get: { steps: [ { query: cache } ] } } } }
endpoints: { x: { operation: cache.get } }
faults: [ { target: cache, kind: down } ]
`),
    ).toEqual([
      'doc.yaml:5:21: faults.0.target: "cache" names both a service and a datastore; rename one so the fault target is unambiguous',
    ]);
  });

  it('a slow fault needs a factor, and a fault must end after it starts', () => {
    expect(
      errorsOf(`name: t
services: { a: { operations: { x: {} } } }
endpoints: { x: { operation: a.x } }
faults: [ { target: a, kind: slow, from: 10s, until: 5s } ]
`),
    ).toEqual([
      'doc.yaml:4:11: faults.0.factor: missing; a slow fault needs factor, e.g. factor: 10',
      'doc.yaml:4:54: faults.0.until: found 5s, not after from (10s); expected until > from',
    ]);
  });
});

describe('synchronous call cycles', () => {
  it('are refused with their path, through parallel steps too', () => {
    expect(
      errorsOf(`name: t
services:
  a:
    operations:
      x: { steps: [ { call: b.y } ] }
  b:
    operations:
      y: { steps: [ { parallel: [ { call: a.x } ] } ] }
endpoints:
  e: { operation: a.x }
`),
    ).toEqual([
      'doc.yaml:8:43: services.b.operations.y.steps.0.parallel.0.call: synchronous call cycle a.x → b.y → a.x; a chain of calls must end (publish an event for an asynchronous loop)',
    ]);
  });

  it('include an in-process call of an operation to itself', () => {
    expect(
      errorsOf(`name: t
services: { a: { operations: { x: { steps: [ { call: a.x } ] } } } }
endpoints: { e: { operation: a.x } }
`),
    ).toEqual([
      'doc.yaml:2:54: services.a.operations.x.steps.0.call: synchronous call cycle a.x → a.x; a chain of calls must end (publish an event for an asynchronous loop)',
    ]);
  });
});

describe('diagnostics', () => {
  it('carry the path, severity and an end position for editor underlines', () => {
    const result = parseTopology(
      'name: t\nworkload: { requests: 0 }\nservices: {}\nendpoints: {}\n',
      {
        file: 'x.yaml',
      },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({
      file: 'x.yaml',
      line: 2,
      column: 23,
      endLine: 2,
      endColumn: 23,
      path: 'workload.requests',
      severity: 'error',
      message: 'workload.requests: found 0; expected a whole number from 1 to 5,000,000',
    });
  });
});
