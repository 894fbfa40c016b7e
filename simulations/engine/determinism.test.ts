/**
 * Same document and seed, same report byte for byte (apart from `wallMs`); another seed, other
 * numbers. Exercised on a document that draws from every random source: Poisson arrivals, an
 * endpoint mix, lognormal network, jittered retries, timeouts, error rates, fan-out, parallel
 * branches, a datastore, duplicates on the bus and a fault window.
 */
import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import { buildModel, exponential } from './testing/buildModel.ts';

const model = buildModel({
  workload: { requests: 20_000, rate: 400, seed: 42 },
  network: { dist: 'lognormal', median: 0.5, p99: 4 },
  datastores: { db: { concurrency: 8, work: exponential(1), errorRate: 0.01 } },
  services: {
    gateway: {
      replicas: 2,
      concurrency: 8,
      queue: 50,
      operations: {
        browse: { work: exponential(0.5), steps: [{ call: 'catalog.list', timeout: 50 }] },
        buy: {
          work: exponential(1),
          steps: [
            {
              parallel: [
                { call: 'catalog.list', fanout: 3 },
                { call: 'recs.get', optional: true, timeout: 20 },
              ],
            },
            {
              call: 'orders.place',
              timeout: 100,
              retry: {
                attempts: 3,
                backoff: 'exponential',
                base: 5,
                cap: 50,
                jitter: 'decorrelated',
              },
            },
          ],
        },
      },
    },
    catalog: {
      concurrency: 4,
      operations: { list: { work: exponential(1), steps: [{ query: 'db' }] } },
    },
    recs: { errorRate: 0.05, operations: { get: { work: { dist: 'uniform', min: 1, max: 30 } } } },
    orders: {
      errorRate: 0.02,
      operations: {
        place: { work: exponential(2), steps: [{ query: 'db', times: 2 }, { publish: 'placed' }] },
      },
    },
    mail: { errorRate: 0.1, operations: { send: { work: exponential(5) } } },
  },
  events: { placed: { publisher: 'orders', consumers: ['mail.send'] } },
  bus: {
    duplicateRate: 0.01,
    redelivery: { attempts: 2, backoff: 'exponential', base: 100, cap: 1000 },
  },
  endpoints: {
    browse: { operation: 'gateway.browse', weight: 3 },
    buy: { operation: 'gateway.buy', weight: 1 },
  },
  faults: [{ target: 'catalog', kind: 'slow', factor: 20, from: 10_000, until: 15_000 }],
});

const json = (seed?: number) => {
  const { wallMs: _, ...report } = simulateSync(model, seed === undefined ? {} : { seed });
  return JSON.stringify(report);
};

describe('determinism', () => {
  it('the same model and seed give byte-identical reports', () => {
    const first = json();
    expect(json()).toBe(first);
    expect(json(42)).toBe(first);
  });

  it('another seed gives other numbers', () => {
    const a = JSON.parse(json(1));
    const b = JSON.parse(json(2));
    expect(a.overall.latencyMs).not.toEqual(b.overall.latencyMs);
    expect(a.services).not.toEqual(b.services);
  });

  it('the document exercises what it claims to (timeouts, retries, duplicates, redelivery)', () => {
    const report = JSON.parse(json());
    expect(report.services.orders.retries).toBeGreaterThan(0);
    expect(report.services.recs.timeouts).toBeGreaterThan(0);
    expect(report.events.placed.duplicates).toBeGreaterThan(0);
    expect(report.services.mail.retries).toBeGreaterThan(0);
    expect(report.overall.unfinished).toBe(0);
  });
});
