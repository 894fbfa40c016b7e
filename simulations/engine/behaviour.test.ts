/**
 * The spec's semantics, one rule per test, on small deterministic documents (constant times and
 * arrivals) whose outcome can be worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { simulate, simulateSync } from '../simulate.ts';
import { buildModel, constant, exponential, type ModelInput } from './testing/buildModel.ts';

/** Constant arrivals every `gap` ms (the first at `gap`), no network unless given. */
function model(gap: number, requests: number, rest: Omit<ModelInput, 'workload'>) {
  return buildModel({ workload: { requests, rate: 1000 / gap, arrivals: 'constant' }, ...rest });
}

describe('queues and slots', () => {
  it('a bounded queue rejects arrivals beyond it', () => {
    // One slot busy 100 ms from t = 10; arrivals at 20 and 30 queue; 40 … 100 find it full.
    const report = simulateSync(
      model(10, 10, {
        services: { s: { concurrency: 1, queue: 2, operations: { op: { work: 100 } } } },
        endpoints: { op: { operation: 's.op' } },
      }),
    );
    expect(report.services.s.rejected).toBe(7);
    expect(report.services.s.maxQueue).toBe(2);
    expect(report.overall.succeeded).toBe(3);
    expect(report.overall.failed).toBe(7);
    // The three served requests waited 0, 90 and 180 ms.
    expect(report.overall.latencyMs.max).toBe(280);
  });

  it('a timed-out attempt is abandoned by the caller but keeps the callee busy', () => {
    const report = simulateSync(
      model(1000, 1, {
        services: {
          a: { operations: { op: { steps: [{ call: 'b.op', timeout: 10 }] } } },
          b: { concurrency: 1, operations: { op: { work: 100 } } },
        },
        endpoints: { op: { operation: 'a.op' } },
      }),
    );
    expect(report.overall.failed).toBe(1);
    expect(report.services.b.timeouts).toBe(1);
    // The run lasts until b finishes (t = 1000 + 100), and b was busy all those 100 ms.
    expect(report.simulatedMs).toBe(1100);
    expect(report.services.b.utilization * report.simulatedMs).toBeCloseTo(100, 2); // utilisation is rounded to 6 decimals
  });

  it('an in-process call costs no network and no slot', () => {
    // One slot and 50 ms of network: a remote call would add 100 ms; a new slot would deadlock.
    const report = simulateSync(
      model(1000, 3, {
        network: 50,
        services: {
          s: {
            concurrency: 1,
            operations: { outer: { work: 2, steps: [{ call: 's.inner' }] }, inner: { work: 3 } },
          },
        },
        endpoints: { op: { operation: 's.outer' } },
      }),
    );
    expect(report.overall.succeeded).toBe(3);
    expect(report.overall.latencyMs.max).toBe(5);
    expect(report.services.s.attempts).toBe(3); // the in-process call is not an attempt
    expect(report.syncCallsPerRequest).toBe(0);
  });

  it('a remote call pays the network both ways', () => {
    const report = simulateSync(
      model(1000, 1, {
        network: 5,
        services: {
          a: { operations: { op: { work: 1, steps: [{ call: 'b.op' }] } } },
          b: { operations: { op: { work: 2 } } },
        },
        endpoints: { op: { operation: 'a.op' } },
      }),
    );
    expect(report.overall.latencyMs.max).toBe(1 + 5 + 2 + 5);
  });
});

describe('failures', () => {
  const withCallee = (optional: boolean) =>
    model(10, 100, {
      services: {
        a: { operations: { op: { steps: [{ call: 'b.op', optional }, { work: 1 }] } } },
        b: { errorRate: 1, operations: { op: { work: 1 } } },
      },
      endpoints: { op: { operation: 'a.op' } },
    });

  it('an optional step that fails does not fail its operation', () => {
    const report = simulateSync(withCallee(true));
    expect(report.overall.availability).toBe(1);
    expect(report.services.b.errors).toBe(100);
  });

  it('a required step that fails fails its operation', () => {
    expect(simulateSync(withCallee(false)).overall.availability).toBe(0);
  });

  it('a down service answers with an error after one network round trip', () => {
    const report = simulateSync(
      model(1000, 1, {
        network: 5,
        services: {
          a: { operations: { op: { steps: [{ call: 'b.op' }] } } },
          b: { operations: { op: { work: 100 } } },
        },
        endpoints: { op: { operation: 'a.op' } },
        faults: [{ target: 'b', kind: 'down' }],
      }),
    );
    expect(report.overall.failed).toBe(1);
    expect(report.services.b.errors).toBe(1);
    expect(report.simulatedMs).toBe(1000 + 10);
  });

  it('a hang without a timeout never answers, and holds the caller’s slot', () => {
    const report = simulateSync(
      model(10, 5, {
        services: {
          a: { concurrency: 2, queue: 1, operations: { op: { steps: [{ call: 'b.op' }] } } },
          b: { operations: { op: { work: 1 } } },
        },
        endpoints: { op: { operation: 'a.op' } },
        faults: [{ target: 'b', kind: 'hang' }],
      }),
    );
    // Two requests hang in a's slots, one waits behind them for ever, two are rejected.
    expect(report.overall.unfinished).toBe(3);
    expect(report.overall.failed).toBe(5);
    expect(report.services.a.rejected).toBe(2);
  });

  it('a hang with a timeout fails fast at the timeout', () => {
    const report = simulateSync(
      model(10, 5, {
        services: {
          a: { operations: { op: { steps: [{ call: 'b.op', timeout: 30 }] } } },
          b: { operations: { op: { work: 1 } } },
        },
        endpoints: { op: { operation: 'a.op' } },
        faults: [{ target: 'b', kind: 'hang' }],
      }),
    );
    expect(report.overall.unfinished).toBe(0);
    expect(report.overall.failed).toBe(5);
    expect(report.services.b.timeouts).toBe(5);
  });

  it('timeouts of different lengths each fire at their own time', () => {
    const report = simulateSync(
      model(1000, 1, {
        services: {
          a: {
            operations: {
              op: {
                steps: [
                  {
                    parallel: [
                      { call: 'b.op', timeout: 30 },
                      { call: 'c.op', timeout: 10, optional: true },
                      { call: 'c.op', timeout: 50 },
                    ],
                  },
                ],
              },
            },
          },
          b: { operations: { op: { work: 1 } } },
          c: { operations: { op: { work: 40 } } },
        },
        endpoints: { op: { operation: 'a.op' } },
        faults: [{ target: 'b', kind: 'hang' }],
      }),
    );
    // b hangs (times out at 30), c answers at 40: after its 10 ms timeout, before its 50 ms one.
    expect(report.services.b.timeouts).toBe(1);
    expect(report.services.c.timeouts).toBe(1);
    expect(report.overall.failed).toBe(1);
    expect(report.simulatedMs).toBe(1040);
  });

  it('least-loaded balancing spreads work over replicas', () => {
    const report = simulateSync(
      model(3, 40, {
        services: { s: { replicas: 4, concurrency: 1, operations: { op: { work: 10 } } } },
        endpoints: { op: { operation: 's.op' } },
      }),
    );
    // A 10 ms request every 3 ms: 4 single-slot replicas keep up only if each new request goes to
    // a free one (one replica, or a blind choice, would queue).
    expect(report.services.s.maxQueue).toBe(0);
    expect(report.overall.latencyMs.max).toBe(10);
    expect(report.services.s.utilization).toBeCloseTo(400 / (4 * 130), 3);
  });

  it('a datastore with a bounded queue rejects queries beyond it', () => {
    const report = simulateSync(
      model(1, 10, {
        datastores: { db: { concurrency: 1, queue: 1, work: 100 } },
        services: { s: { operations: { op: { steps: [{ query: 'db' }] } } } },
        endpoints: { op: { operation: 's.op' } },
      }),
    );
    expect(report.datastores.db.rejected).toBe(8);
    expect(report.overall.succeeded).toBe(2);
  });

  it('a slow fault multiplies work only inside its window', () => {
    const report = simulateSync(
      model(100, 4, {
        services: { s: { operations: { op: { work: 10 } } } },
        endpoints: { op: { operation: 's.op' } },
        faults: [{ target: 's', kind: 'slow', factor: 5, from: 150, until: 350 }],
      }),
    );
    // Arrivals at 100, 200, 300, 400: the middle two are slowed.
    expect(report.overall.latencyMs.mean).toBe((10 + 50 + 50 + 10) / 4);
  });

  it('retries wait the backoff: exponential without jitter doubles up to the cap', () => {
    const report = simulateSync(
      model(1000, 1, {
        services: {
          a: {
            operations: {
              op: {
                steps: [
                  {
                    call: 'b.op',
                    retry: {
                      attempts: 4,
                      backoff: 'exponential',
                      base: 10,
                      cap: 25,
                      jitter: 'none',
                    },
                  },
                ],
              },
            },
          },
          b: { errorRate: 1, operations: { op: { work: 1 } } },
        },
        endpoints: { op: { operation: 'a.op' } },
      }),
    );
    // 4 attempts of 1 ms with waits 10, 20, min(25, 40) = 25 between them.
    expect(report.services.b.attempts).toBe(4);
    expect(report.simulatedMs).toBe(1000 + 4 + 10 + 20 + 25);
  });
});

describe('the bus', () => {
  it('publishing adds nothing to user latency; consumers run later on their own slots', () => {
    const report = simulateSync(
      model(1000, 10, {
        bus: { latency: constant(50) },
        services: {
          orders: { operations: { place: { work: 1, steps: [{ publish: 'placed' }] } } },
          mail: { operations: { send: { work: 100 } } },
        },
        events: { placed: { publisher: 'orders', consumers: ['mail.send'] } },
        endpoints: { place: { operation: 'orders.place' } },
      }),
    );
    expect(report.overall.latencyMs.max).toBe(1);
    expect(report.events.placed.delivered).toBe(10);
    expect(report.events.placed.lagMs.max).toBe(150);
    expect(report.services.mail.attempts).toBe(10);
  });

  it('a failing consumer is redelivered, then dead-lettered, without failing the user', () => {
    const report = simulateSync(
      model(1000, 10, {
        bus: { redelivery: { attempts: 3, backoff: 'constant', base: 10, cap: 10 } },
        services: {
          orders: { operations: { place: { steps: [{ publish: 'placed' }] } } },
          mail: { errorRate: 1, operations: { send: { work: 1 } } },
        },
        events: { placed: { publisher: 'orders', consumers: ['mail.send'] } },
        endpoints: { place: { operation: 'orders.place' } },
      }),
    );
    expect(report.overall.availability).toBe(1);
    expect(report.events.placed.deadLettered).toBe(10);
    expect(report.services.mail.attempts).toBe(10 * 4);
    expect(report.services.mail.retries).toBe(10 * 3);
  });
});

describe('runs', () => {
  const busy = buildModel({
    workload: { requests: 50_000, rate: 500 },
    services: { s: { concurrency: 1, operations: { op: { work: exponential(1) } } } },
    endpoints: { op: { operation: 's.op' } },
  });

  it('an aborted run returns a partial report', async () => {
    const controller = new AbortController();
    const report = await simulate(busy, {
      signal: controller.signal,
      sliceEvents: 1000,
      onProgress: ({ done }) => {
        if (done > 5000) controller.abort();
      },
    });
    expect(report.partial).toBe(true);
    expect(report.requests).toBeLessThan(50_000);
    expect(report.overall.succeeded + report.overall.failed).toBeLessThanOrEqual(report.requests);
  });

  it('a run over its budget returns a partial report', () => {
    expect(simulateSync(busy, { budgetMs: 0 }).partial).toBe(true);
  });

  it('a complete async run equals the synchronous one', async () => {
    const strip = ({ wallMs: _, ...rest }: { wallMs: number }) => rest;
    const a = await simulate(busy, { sliceEvents: 777 });
    expect(a.partial).toBe(false);
    expect(strip(a)).toEqual(strip(simulateSync(busy)));
  });
});
