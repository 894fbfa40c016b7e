/**
 * The engine against queueing theory: M/M/1, Little's law and M/M/c, each simulated through the
 * full model path (a one-service document). Each test compares with a closed form and allows
 * four standard errors, estimated from the run itself by batch means; with a fixed seed the test
 * is deterministic, and four standard errors means a correct engine would fail it for fewer than
 * 1 in 10,000 seeds.
 */
import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import { Simulation } from './simulation.ts';
import { buildModel, exponential, mmcModel } from './testing/buildModel.ts';
import { batchMeans, erlangC } from './testing/statistics.ts';

/** Response times (ms) of a run, in arrival order (single-server FIFO: also finish order). */
function responseTimes(sim: Simulation): Float64Array {
  return sim.log.latency.subarray(0, sim.log.length);
}

describe('M/M/1', () => {
  // μ = 1000/s (1 ms mean work); W = 1/(μ − λ).
  it.each([
    { rho: 0.5, requests: 200_000 },
    // ρ = 0.9 relaxes slowly (correlation over ~1/(1 − √ρ)² ≈ 380 services): more requests.
    { rho: 0.9, requests: 1_000_000 },
  ])('mean response time at ρ = $rho is 1/(μ − λ)', ({ rho, requests }) => {
    const mu = 1000;
    const lambda = rho * mu;
    const sim = new Simulation(mmcModel({ lambda, mu, requests, seed: 7 }));
    sim.run();
    const { mean, se } = batchMeans(responseTimes(sim));
    const expected = 1000 / (mu - lambda);
    console.info(`M/M/1 ρ=${rho}: W ${mean.toFixed(4)} ms vs ${expected} ms (se ${se.toFixed(4)})`);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    // The batch-means error is itself sane (a broken estimator could make any test pass).
    expect(se / expected).toBeLessThan(0.03);
  });
});

describe("Little's law", () => {
  /** Runs event by event, integrating the number of user requests in the system over time. */
  function timeAverageInSystem(sim: Simulation): number {
    let area = 0;
    let last = 0;
    let inSystem = 0;
    while (sim.step()) {
      area += inSystem * (sim.now - last);
      last = sim.now;
      inSystem = sim.inFlight;
    }
    return area / last;
  }

  it('L = λW on a loaded two-tier system with network hops (a sample-path identity)', () => {
    const model = buildModel({
      workload: { rate: 800, requests: 100_000, seed: 3 },
      network: { dist: 'lognormal', median: 0.5, p99: 4 },
      services: {
        front: {
          concurrency: 16,
          operations: { get: { work: exponential(1), steps: [{ call: 'back.get' }] } },
        },
        back: { concurrency: 2, operations: { get: { work: exponential(2) } } },
      },
      endpoints: { get: { operation: 'front.get' } },
    });
    const sim = new Simulation(model);
    const L = timeAverageInSystem(sim);
    const n = sim.log.length;
    const T = sim.now;
    const W = sim.log.latency.subarray(0, n).reduce((a, b) => a + b, 0) / n;
    const lambda = n / T;
    console.info(`Little: L ${L.toFixed(4)} vs λW ${(lambda * W).toFixed(4)} (${n} requests)`);
    // Over a run that starts and ends empty, ∫N(t)dt = ΣWᵢ exactly (Stidham 1974): only floating
    // point rounding may separate the two sides.
    expect(L).toBeCloseTo(lambda * W, 6);
    expect(L).toBeGreaterThan(2); // the system really is loaded
  });

  it('the time-average number in M/M/1 at ρ = 0.8 is ρ/(1 − ρ)', () => {
    const rho = 0.8;
    const sim = new Simulation(mmcModel({ lambda: 800, mu: 1000, requests: 400_000, seed: 11 }));
    const L = timeAverageInSystem(sim);
    // L = λW, so its standard error is λ times that of W (batch means).
    const { se } = batchMeans(sim.log.latency.subarray(0, sim.log.length));
    const expected = rho / (1 - rho);
    console.info(`M/M/1 ρ=0.8: L ${L.toFixed(4)} vs ${expected} (se ${(0.8 * se).toFixed(4)})`);
    expect(Math.abs(L - expected)).toBeLessThan(4 * 0.8 * se);
  });
});

describe('M/M/c', () => {
  it('mean response time matches Erlang C (c = 4, ρ = 0.8)', () => {
    const c = 4;
    const mu = 100; // 10 ms mean work
    const lambda = 320;
    const sim = new Simulation(mmcModel({ lambda, mu, c, requests: 300_000, seed: 5 }));
    sim.run();
    // Sorted by arrival (the log is in finish order; with c > 1 they differ).
    const log = sim.log;
    const order = Array.from({ length: log.length }, (_, i) => i).sort(
      (a, b) => log.arrivedAt[a] - log.arrivedAt[b],
    );
    const { mean, se } = batchMeans(order.map((i) => log.latency[i]));
    const wait = erlangC(c, lambda / mu) / (c * mu - lambda);
    const expected = 1000 * (wait + 1 / mu);
    console.info(
      `M/M/4 ρ=0.8: W ${mean.toFixed(4)} ms vs ${expected.toFixed(4)} ms (se ${se.toFixed(4)})`,
    );
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
  });

  it('utilisation is ρ and the report agrees with the log', () => {
    const report = simulateSync(
      mmcModel({ lambda: 320, mu: 100, c: 4, requests: 100_000, seed: 9 }),
    );
    // Busy slot-time over 100,000 services of mean 10 ms: relative error about 1/√100,000.
    expect(report.services.server.utilization).toBeCloseTo(0.8, 2);
    expect(report.overall.succeeded).toBe(100_000);
  });
});
