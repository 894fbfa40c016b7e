/**
 * Side effects and idempotency, against counting: how many times a retried, hedged or redelivered
 * piece of work writes its effect, with and without a key. Where a count is random, the tolerance
 * is four standard errors of a binomial count, as in `reliability.theory.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/index.ts';
import type { Report } from '../report/types.ts';
import { simulateSync } from '../simulate.ts';
import { buildModel, type ModelInput } from './testing/buildModel.ts';

function effects(report: Report) {
  const s = report.sideEffects;
  if (s === undefined) throw new Error('no sideEffects in the report');
  return s;
}

/** Every attempt times out (charge takes 20 ms, the caller waits 10 ms) and is retried twice. */
function timedOutCharge(idempotencyKey: boolean): ModelInput {
  return {
    workload: { requests: 1000, rate: 50, seed: 3 },
    network: 0,
    services: {
      shop: {
        operations: {
          buy: {
            steps: [
              {
                call: 'payments.charge',
                timeout: 10,
                retry: { attempts: 3, on: ['timeout'] },
                idempotencyKey,
              },
            ],
          },
        },
      },
      payments: { concurrency: 1000, operations: { charge: { work: 20, sideEffect: true } } },
    },
    endpoints: { buy: { operation: 'shop.buy' } },
  };
}

describe('a retried charge', () => {
  it('without a key, charges once per attempt that reached the processor', () => {
    const report = simulateSync(buildModel(timedOutCharge(false)));
    // Three attempts per purchase, each abandoned by the caller, each completed by the callee.
    expect(report.overall.availability).toBe(0);
    expect(effects(report)).toMatchObject({ written: 3000, duplicates: 2000, deduplicated: 0 });
    expect(effects(report).byOperation['payments.charge']).toEqual({
      written: 3000,
      duplicates: 2000,
      deduplicated: 0,
    });
  });

  it('with an idempotency key, charges once per purchase and catches the repeats', () => {
    const report = simulateSync(buildModel(timedOutCharge(true)));
    expect(effects(report)).toMatchObject({ written: 1000, duplicates: 0, deduplicated: 2000 });
  });

  it('lost answers duplicate with probability (p/2)(1 − p/2) on two attempts', () => {
    // Per attempt: the request is lost with p/2 (nothing charged), the answer with p/2 (charged,
    // and the caller retries). A duplicate needs a lost answer first, then a request that arrives.
    const p = 0.2;
    const calls = 40_000;
    const report = simulateSync(
      buildModel({
        workload: { requests: calls, rate: 1000, seed: 5 },
        network: 0.5,
        networkErrorRate: p,
        services: {
          shop: {
            concurrency: 1000,
            operations: {
              buy: { steps: [{ call: 'payments.charge', retry: { attempts: 2, on: ['error'] } }] },
            },
          },
          payments: { concurrency: 1000, operations: { charge: { work: 1, sideEffect: true } } },
        },
        endpoints: { buy: { operation: 'shop.buy' } },
      }),
    );
    const q = (p / 2) * (1 - p / 2);
    const expected = q * calls;
    const se = Math.sqrt(calls * q * (1 - q));
    const measured = effects(report).duplicates;
    console.info(`duplicates: ${measured} vs ${expected.toFixed(0)} (se ${se.toFixed(1)})`);
    expect(Math.abs(measured - expected)).toBeLessThan(4 * se);
  });

  it.each([
    [false, { written: 1000, duplicates: 500, deduplicated: 0 }],
    [true, { written: 500, duplicates: 0, deduplicated: 500 }],
  ])('a hedge is a repeat of its call (key: %s)', (key, expected) => {
    // The charge takes 30 ms and the hedge goes out after 5: both copies reach the processor.
    const parsed = parseTopology(
      `
name: hedged
workload: { requests: 500, rate: 20 }
network: { latency: 0ms, overhead: 0ms }
services:
  shop:
    operations:
      buy:
        steps:
          - call: payments.charge
            hedge: { after: 5ms, max: 1 }
            idempotencyKey: ${key}
  payments:
    concurrency: 1000
    operations:
      charge: { work: 30ms, sideEffect: true }
endpoints:
  buy: { operation: shop.buy }
`,
      { file: 'hedge.yaml' },
    );
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    expect(effects(simulateSync(parsed.model))).toMatchObject(expected);
  });
});

describe('the same work reached again', () => {
  /** The client retries the order; the order charges, then works 30 ms: every order runs twice. */
  function outerRetry(idempotencyKey: boolean): ModelInput {
    return {
      workload: { requests: 800, rate: 40, seed: 2 },
      network: 0,
      services: {
        web: {
          operations: {
            checkout: {
              steps: [
                { call: 'orders.place', timeout: 10, retry: { attempts: 2, on: ['timeout'] } },
              ],
            },
          },
        },
        orders: {
          concurrency: 1000,
          operations: {
            place: { steps: [{ call: 'payments.charge', idempotencyKey }, { work: 30 }] },
          },
        },
        payments: { concurrency: 1000, operations: { charge: { work: 1, sideEffect: true } } },
      },
      endpoints: { checkout: { operation: 'web.checkout' } },
    };
  }

  it('an outer retry repeats the inner charge: a duplicate though the inner call never retried', () => {
    const report = simulateSync(buildModel(outerRetry(false)));
    expect(effects(report)).toMatchObject({ written: 1600, duplicates: 800 });
  });

  it('a key on the inner call catches what the outer retry repeats', () => {
    const report = simulateSync(buildModel(outerRetry(true)));
    expect(effects(report)).toMatchObject({ written: 800, duplicates: 0, deduplicated: 800 });
  });

  it('repetitions and fan-out copies are different work, not repeats', () => {
    const report = simulateSync(
      buildModel({
        workload: { requests: 200, rate: 50, seed: 1 },
        network: 0,
        services: {
          shop: {
            operations: {
              buy: {
                steps: [
                  { call: 'payments.charge', times: 3 },
                  { call: 'payments.charge', fanout: 2 },
                  { call: 'shop.log', times: 2 },
                ],
              },
              log: { work: 0.1, sideEffect: true },
            },
          },
          payments: { concurrency: 1000, operations: { charge: { work: 1, sideEffect: true } } },
        },
        endpoints: { buy: { operation: 'shop.buy' } },
      }),
    );
    expect(effects(report)).toMatchObject({ written: 200 * 7, duplicates: 0, deduplicated: 0 });
    expect(effects(report).byOperation['shop.log']?.written).toBe(400);
  });
});

describe('events delivered twice', () => {
  function duplicatedEvents(idempotent: boolean): ModelInput {
    return {
      workload: { requests: 30_000, rate: 1000, seed: 7 },
      network: 0,
      bus: { duplicateRate: 0.05 },
      services: {
        orders: { concurrency: 1000, operations: { place: { steps: [{ publish: 'placed' }] } } },
        email: { concurrency: 1000, operations: { receipt: { work: 1, sideEffect: true } } },
      },
      events: {
        placed: { publisher: 'orders', consumers: [{ operation: 'email.receipt', idempotent }] },
      },
      endpoints: { place: { operation: 'orders.place' } },
    };
  }

  it('at-least-once with duplicates sends a second receipt for each duplicate delivery', () => {
    const report = simulateSync(buildModel(duplicatedEvents(false)));
    const dups = report.events.placed?.duplicates ?? 0;
    const se = Math.sqrt(30_000 * 0.05 * 0.95);
    expect(Math.abs(dups - 1500)).toBeLessThan(4 * se);
    expect(effects(report)).toMatchObject({ written: 30_000 + dups, duplicates: dups });
  });

  it('an idempotent consumer writes each receipt once', () => {
    const report = simulateSync(buildModel(duplicatedEvents(true)));
    const dups = report.events.placed?.duplicates ?? 0;
    expect(dups).toBeGreaterThan(0);
    expect(effects(report)).toMatchObject({ written: 30_000, duplicates: 0, deduplicated: dups });
  });

  it('models without side effects report none', () => {
    const input = duplicatedEvents(false);
    const report = simulateSync(
      buildModel({
        ...input,
        services: { ...input.services, email: { operations: { receipt: { work: 1 } } } },
      }),
    );
    expect(report.sideEffects).toBeUndefined();
  });
});
