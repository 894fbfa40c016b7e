/**
 * Workflows: the asynchronous work a request starts, followed across chained events. Times here
 * are constant, so completion times are exact sums of the steps on the way.
 */
import { describe, expect, it } from 'vitest';
import type { WorkflowReport } from '../report/types.ts';
import { simulateSync } from '../simulate.ts';
import { buildModel, type FaultInput, type ModelInput } from './testing/buildModel.ts';

/** orders.place publishes placed; billing.bill publishes billed; shipping.ship ends the chain. */
function chain(faults: FaultInput[] = [], redeliveries = 5): ModelInput {
  return {
    workload: { requests: 1000, rate: 100, arrivals: 'constant', seed: 1 },
    network: 0,
    bus: {
      latency: { dist: 'constant', value: 2 },
      redelivery: { attempts: redeliveries, backoff: 'constant', base: 100, cap: 100 },
    },
    services: {
      orders: { operations: { place: { work: 1, steps: [{ publish: 'placed' }] } } },
      billing: { operations: { bill: { work: 3, steps: [{ publish: 'billed' }] } } },
      shipping: { operations: { ship: { work: 4 } } },
    },
    events: {
      placed: { publisher: 'orders', consumers: ['billing.bill'] },
      billed: { publisher: 'billing', consumers: ['shipping.ship'] },
    },
    endpoints: { place: { operation: 'orders.place' } },
    faults,
  };
}

function workflow(input: ModelInput): WorkflowReport {
  const flow = simulateSync(buildModel(input)).endpoints.place?.workflow;
  if (flow === undefined) throw new Error('no workflow in the report');
  return flow;
}

describe('choreography: a chain of events', () => {
  it('is done when its last consumer is: 1 + 2 + 3 + 2 + 4 ms after the request', () => {
    const flow = workflow(chain());
    expect(flow).toMatchObject({ requests: 1000, done: 1000, failed: 0, halfDone: 0, inFlight: 0 });
    expect(flow.completionMs.p50).toBeCloseTo(12, 9);
    expect(flow.completionMs.p99).toBeCloseTo(12, 9);
  });

  it('a redelivered step adds its backoff and a second trip through the bus', () => {
    // Shipping fails everything in the first second; each failure is redelivered after 100 ms,
    // up to 20 times (2 s: past the fault).
    const flow = workflow(
      chain([{ target: 'shipping', kind: 'errors', errorRate: 1, until: 1000 }], 20),
    );
    expect(flow.done).toBe(1000);
    expect(flow.completionMs.p99).toBeGreaterThan(100);
    expect(flow.completionMs.p50).toBeCloseTo(12, 9);
  });

  it('a consumer down past the redeliveries leaves orders half-done, answered OK to the user', () => {
    const flow = workflow(chain([{ target: 'shipping', kind: 'down' }], 2));
    expect(flow).toMatchObject({ requests: 1000, done: 0, failed: 0, halfDone: 1000, inFlight: 0 });
  });

  it('a bus that hangs forever leaves every workflow in flight', () => {
    const flow = workflow(chain([{ target: 'bus', kind: 'hang' }]));
    expect(flow).toMatchObject({ done: 0, halfDone: 0, inFlight: 1000 });
  });

  it('duplicated deliveries never count a request twice', () => {
    // A duplicate consumer run publishes again, after the work may already be counted.
    const input = chain([{ target: 'shipping', kind: 'down', until: 2000 }], 2);
    const f = workflow({ ...input, bus: { ...input.bus, duplicateRate: 0.3 } });
    expect(f.done + f.failed + f.halfDone + f.inFlight).toBe(f.requests);
    expect(f.done).toBeLessThanOrEqual(f.requests);
    expect(f.halfDone).toBeGreaterThan(0);
  });

  it('answered requests are each counted once', () => {
    const f = workflow(chain([{ target: 'shipping', kind: 'down', until: 3000 }], 2));
    expect(f.done + f.failed + f.halfDone + f.inFlight).toBe(f.requests);
    expect(f.done).toBeGreaterThan(0);
    expect(f.halfDone).toBeGreaterThan(0);
  });
});

describe('orchestration: one service calling each step', () => {
  /** The orchestrator charges, then ships; shipping can be down. */
  function orchestrated(shippingDown: boolean): ModelInput {
    return {
      workload: { requests: 500, rate: 50, arrivals: 'constant', seed: 1 },
      network: 0,
      services: {
        orders: {
          operations: {
            place: { steps: [{ call: 'payments.charge' }, { call: 'shipping.ship' }] },
          },
        },
        payments: { operations: { charge: { work: 2, sideEffect: true } } },
        shipping: { operations: { ship: { work: 4 } } },
      },
      events: {},
      endpoints: { place: { operation: 'orders.place' } },
      faults: shippingDown ? [{ target: 'shipping', kind: 'down' }] : [],
    };
  }

  it('without events, the report has no workflow section', () => {
    const report = simulateSync(buildModel(orchestrated(false)));
    expect(report.endpoints.place?.workflow).toBeUndefined();
  });

  it('a failed step fails the request where the user sees it, after the charge was written', () => {
    const input = orchestrated(true);
    const withEvent: ModelInput = {
      ...input,
      // An event nobody publishes turns workflow tracking on without changing the run.
      events: { audit: { publisher: 'orders', consumers: [] } },
    };
    const flow = workflow(withEvent);
    expect(flow).toMatchObject({
      requests: 500,
      done: 0,
      failed: 500,
      failedAfterEffects: 500,
      halfDone: 0,
    });
  });
});
