/**
 * The engine against probability: availability of a call chain, the tail at scale, and retries.
 * Requests here do not interact (no queueing: ample slots), so each is an independent trial and a
 * proportion's standard error is √(p(1 − p)/n). Each test allows four standard errors: with its
 * fixed seed it is deterministic, and a correct engine would fail it for fewer than 1 in 10,000
 * seeds.
 */
import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import { Simulation } from './simulation.ts';
import { buildModel, constant, type ServiceInput } from './testing/buildModel.ts';
import { proportionSe } from './testing/statistics.ts';

describe('availability of a chain', () => {
  it.each([1, 3, 6])('a chain of %i calls with independent error rate p has (1 − p)^n', (n) => {
    const p = 0.05;
    const services: Record<string, ServiceInput> = {};
    for (let i = 0; i < n; i++) {
      const steps = i + 1 < n ? [{ call: `s${i + 1}.op` }] : [];
      services[`s${i}`] = {
        errorRate: p,
        concurrency: 1000,
        operations: { op: { work: 1, steps } },
      };
    }
    const requests = 100_000;
    const report = simulateSync(
      buildModel({
        workload: { requests, rate: 1000, seed: 2 },
        network: 0.5,
        services,
        endpoints: { go: { operation: 's0.op' } },
      }),
    );
    const expected = (1 - p) ** n;
    const se = proportionSe(expected, requests);
    const measured = report.overall.availability;
    console.info(
      `chain n=${n}: ${measured.toFixed(5)} vs ${expected.toFixed(5)} (se ${se.toFixed(5)})`,
    );
    expect(Math.abs(measured - expected)).toBeLessThan(4 * se);
  });
});

describe('the tail at scale', () => {
  it.each([
    { k: 1, requests: 50_000 },
    { k: 10, requests: 50_000 },
    { k: 50, requests: 20_000 },
  ])(
    'with fan-out $k and one leaf call in 100 slow, 1 − 0.99^k of requests are slow',
    ({ k, requests }) => {
      const sim = new Simulation(
        buildModel({
          workload: { requests, rate: 200, seed: 4 },
          network: 0,
          services: {
            front: {
              concurrency: 10_000,
              operations: { get: { steps: [{ call: 'leaf.get', fanout: k }] } },
            },
            leaf: {
              concurrency: 100_000,
              operations: {
                get: {
                  work: {
                    dist: 'mixture',
                    of: [
                      { weight: 0.99, value: constant(10) },
                      { weight: 0.01, value: constant(1000) },
                    ],
                  },
                },
              },
            },
          },
          endpoints: { get: { operation: 'front.get' } },
        }),
      );
      sim.run();
      let slow = 0;
      for (let i = 0; i < sim.log.length; i++) if (sim.log.latency[i] > 500) slow++;
      const measured = slow / sim.log.length;
      const expected = 1 - 0.99 ** k;
      const se = proportionSe(expected, requests);
      console.info(
        `fan-out ${k}: slow ${measured.toFixed(5)} vs ${expected.toFixed(5)} (se ${se.toFixed(5)})`,
      );
      expect(sim.log.length).toBe(requests);
      expect(Math.abs(measured - expected)).toBeLessThan(4 * se);
    },
  );
});

describe('retries', () => {
  it.each([
    { p: 0.3, k: 3 },
    { p: 0.5, k: 5 },
  ])(
    'with error rate $p and $k attempts: success 1 − p^k, attempts (1 − p^k)/(1 − p)',
    ({ p, k }) => {
      const requests = 100_000;
      const report = simulateSync(
        buildModel({
          workload: { requests, rate: 1000, seed: 6 },
          network: 0.5,
          services: {
            caller: {
              concurrency: 1000,
              operations: {
                go: {
                  steps: [
                    {
                      call: 'callee.op',
                      retry: {
                        attempts: k,
                        backoff: 'exponential',
                        base: 1,
                        cap: 10,
                        jitter: 'full',
                      },
                    },
                  ],
                },
              },
            },
            callee: { concurrency: 1000, errorRate: p, operations: { op: { work: 1 } } },
          },
          endpoints: { go: { operation: 'caller.go' } },
        }),
      );
      const success = 1 - p ** k;
      const measuredSuccess = report.overall.availability;
      const seSuccess = proportionSe(success, requests);

      // Attempts per call: a geometric count truncated at k. E[X] = Σ_{j<k} p^j; its variance from
      // E[X²] = Σ_{j=1..k} j²·P(X = j), with P(X = j) = p^(j−1)(1 − p) for j < k and p^(k−1) for j = k.
      const attempts = (1 - p ** k) / (1 - p);
      let second = 0;
      for (let j = 1; j <= k; j++)
        second += j * j * (j < k ? p ** (j - 1) * (1 - p) : p ** (k - 1));
      const seAttempts = Math.sqrt((second - attempts ** 2) / requests);
      const callee = report.services.callee;
      const measuredAttempts = callee.attempts / requests;
      console.info(
        `retries p=${p} k=${k}: success ${measuredSuccess.toFixed(5)} vs ${success.toFixed(5)}, ` +
          `attempts ${measuredAttempts.toFixed(5)} vs ${attempts.toFixed(5)}`,
      );
      expect(Math.abs(measuredSuccess - success)).toBeLessThan(4 * seSuccess);
      expect(Math.abs(measuredAttempts - attempts)).toBeLessThan(4 * seAttempts);
      // Bookkeeping, exact: every attempt past the first of a call is a retry.
      expect(callee.retries).toBe(callee.attempts - requests);
      expect(callee.errors).toBe(callee.attempts - report.overall.succeeded);
    },
  );
});

describe('layered retries', () => {
  it.each([
    { r: 3, d: 1 },
    { r: 3, d: 2 },
    { r: 3, d: 3 },
    { r: 2, d: 3 },
  ])(
    'over a dead dependency, $r retries at each of $d layers make exactly (r + 1)^d attempts at the bottom',
    ({ r, d }) => {
      // s0 → s1 → … → s_d, each call retried r times at once; s_d is down (fails fast). Every
      // attempt at layer k fails, so each is retried: (r + 1)^k attempts at layer k, exactly (no
      // randomness in the count, so no tolerance). Arrivals 1 s apart: requests do not overlap.
      const services: Record<string, ServiceInput> = {};
      for (let i = 0; i <= d; i++) {
        const steps = i < d ? [{ call: `s${i + 1}.op`, retry: { attempts: r + 1 } }] : [];
        services[`s${i}`] = { concurrency: 1000, operations: { op: { work: 1, steps } } };
      }
      const requests = 50;
      const report = simulateSync(
        buildModel({
          workload: { requests, rate: 1, arrivals: 'constant', seed: 3 },
          network: 0.5,
          services,
          endpoints: { go: { operation: 's0.op' } },
          faults: [{ target: `s${d}`, kind: 'down' }],
        }),
      );
      const perRequest = report.services[`s${d}`].attempts / requests;
      console.info(
        `layered retries r=${r} d=${d}: ${perRequest} attempts at the bottom vs ${(r + 1) ** d}`,
      );
      expect(report.overall.availability).toBe(0);
      for (let k = 1; k <= d; k++) {
        const s = report.services[`s${k}`];
        expect(s.attempts).toBe(requests * (r + 1) ** k);
        // Of every r + 1 attempts a caller makes, r are retries.
        expect(s.retries).toBe((s.attempts / (r + 1)) * r);
      }
    },
  );
});
