/**
 * The CPU model and the network's costs against closed forms: cores as an M/M/c queue (Erlang C)
 * behind ample threads, a thread pool larger than the cores held to the cores' capacity, message
 * overhead on both sides of a remote call, and availability (1 − p)^n over n lossy remote hops.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import { simulateSync } from '../simulate.ts';
import { Simulation } from './simulation.ts';
import { buildModel, exponential } from './testing/buildModel.ts';
import { batchMeans, erlangC } from './testing/statistics.ts';

/** One service whose work runs on `cpus` cores, with far more threads than cores. */
function coresModel(options: {
  lambda: number;
  mu: number;
  cpus: number;
  requests: number;
  seed: number;
}) {
  return buildModel({
    workload: { rate: options.lambda, requests: options.requests, seed: options.seed },
    services: {
      server: {
        cpus: options.cpus,
        concurrency: 10_000,
        operations: { get: { work: exponential(1000 / options.mu) } },
      },
    },
    endpoints: { get: { operation: 'server.get' } },
  });
}

/** Latencies in arrival order (with several cores the log's finish order differs). */
function byArrival(sim: Simulation): number[] {
  const log = sim.log;
  const order = Array.from({ length: log.length }, (_, i) => i).sort(
    (a, b) => log.arrivedAt[a] - log.arrivedAt[b],
  );
  return order.map((i) => log.latency[i]);
}

describe('cores', () => {
  it('work on c cores behind ample threads is M/M/c: mean response time matches Erlang C', () => {
    const c = 4;
    const mu = 100; // 10 ms of CPU per request
    const lambda = 340; // ρ = 0.85
    const sim = new Simulation(coresModel({ lambda, mu, cpus: c, requests: 300_000, seed: 21 }));
    sim.run();
    const { mean, se } = batchMeans(byArrival(sim));
    const expected = 1000 * (erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu);
    console.info(
      `cores M/M/4 ρ=0.85: W ${mean.toFixed(3)} vs ${expected.toFixed(3)} ms (se ${se.toFixed(3)})`,
    );
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    expect(se / expected).toBeLessThan(0.03);
  });

  it('reports cores, CPU utilisation ρ and CPU-ms per request', () => {
    const report = simulateSync(
      coresModel({ lambda: 300, mu: 100, cpus: 4, requests: 100_000, seed: 4 }),
    );
    const server = report.services.server;
    expect(server?.cores).toBe(4);
    expect(report.overall.cores).toBe(4);
    // 100,000 exponential bursts of mean 10 ms: relative error about 1/√100,000.
    expect(server?.cpuUtilization).toBeCloseTo(0.75, 2);
    expect(server?.coreMsPerRequest).toBeCloseTo(10, 0);
    expect(report.overall.coreMsPerRequest).toBeCloseTo(10, 0);
    // Threads were never short: each request held one only while it waited for or used a core.
    expect(server?.utilization).toBeLessThan(0.01);
  });

  it('a service with more threads than cores is limited by its cores', () => {
    // 2 cores of 1 ms requests serve at most 2,000 requests/s; 64 threads would allow 64,000.
    const offered = 3000;
    const limited = simulateSync(
      coresModel({ lambda: offered, mu: 1000, cpus: 2, requests: 60_000, seed: 8 }),
    );
    const throughput = limited.overall.throughputPerSecond;
    console.info(`2 cores offered ${offered}/s: ${throughput.toFixed(0)}/s served`);
    expect(throughput).toBeGreaterThan(1900);
    expect(throughput).toBeLessThan(2050);
    expect(limited.services.server?.cpuUtilization).toBeGreaterThan(0.98);
    // The same service without a CPU limit keeps up with the offered load.
    const unbounded = simulateSync(
      buildModel({
        workload: { rate: offered, requests: 60_000, seed: 8 },
        services: { server: { concurrency: 64, operations: { get: { work: exponential(1) } } } },
        endpoints: { get: { operation: 'server.get' } },
      }),
    );
    expect(unbounded.overall.throughputPerSecond).toBeGreaterThan(2800);
    expect(unbounded.services.server?.cores).toBeNull();
    expect(unbounded.services.server?.cpuUtilization).toBeNull();
  });

  it('waiting on a remote call holds a thread but no core', () => {
    // front has 1 core and spends 0.1 ms of it per request, then waits 20 ms on back. If the
    // wait held the core, 1 core could serve 50 requests/s; it serves the offered 400/s.
    const report = simulateSync(
      buildModel({
        workload: { rate: 400, requests: 8000, seed: 2 },
        services: {
          front: {
            cpus: 1,
            concurrency: 1000,
            operations: { get: { work: 0.1, steps: [{ call: 'back.slow' }] } },
          },
          back: { concurrency: 1000, operations: { slow: { work: 20 } } },
        },
        endpoints: { get: { operation: 'front.get' } },
      }),
    );
    expect(report.overall.throughputPerSecond).toBeGreaterThan(380);
    expect(report.endpoints.get?.latencyMs.p50).toBeLessThan(21);
    expect(report.services.front?.cpuUtilization).toBeCloseTo(0.04, 2);
  });
});

describe('message overhead', () => {
  it('a remote call costs two latencies and four overheads; in process, neither', () => {
    const run = (callee: string) =>
      simulateSync(
        buildModel({
          workload: { rate: 10, requests: 200, arrivals: 'constant' },
          network: 0.5,
          overhead: 0.05,
          services: {
            a: { operations: { x: { work: 1, steps: [{ call: callee }] }, y: { work: 2 } } },
            b: { operations: { y: { work: 2 } } },
          },
          endpoints: { x: { operation: 'a.x' } },
        }),
      );
    // Caller writes (0.05), network (0.5), callee reads with its work (0.05 + 2), writes the
    // answer (0.05), network (0.5), caller reads (0.05): 1 + 3.2 ms.
    const remote = run('b.y');
    expect(remote.endpoints.x?.latencyMs.max).toBeCloseTo(4.2, 9);
    expect(remote.endpoints.x?.latencyMs.p50).toBeCloseTo(4.2, 9);
    // Four messages' worth of CPU: 0.1 ms on each side.
    expect(remote.services.a?.coreMsPerRequest).toBeCloseTo(1.1, 9);
    expect(remote.services.b?.coreMsPerRequest).toBeCloseTo(2.1, 9);
    const local = run('a.y');
    expect(local.endpoints.x?.latencyMs.max).toBeCloseTo(3, 9);
    expect(local.overall.coreMsPerRequest).toBeCloseTo(3, 9);
  });
});

describe('network errors', () => {
  /** A chain front → s1 → … → sn (remote) or the same operations in one service (in process). */
  function chain(n: number, remote: boolean, p: number) {
    const services: Record<
      string,
      { operations: Record<string, { work?: number; steps?: { call: string }[] }> }
    > = {};
    const name = (i: number) => (remote ? `s${i}` : 'app');
    for (let i = 0; i <= n; i++) {
      const service = services[name(i)] ?? { operations: {} };
      services[name(i)] = service;
      const ops = service.operations;
      ops[`op${i}`] = {
        work: 0.1,
        ...(i < n ? { steps: [{ call: `${name(i + 1)}.op${i + 1}` }] } : {}),
      };
    }
    return buildModel({
      workload: { rate: 200, requests: 40_000, seed: 13 },
      networkErrorRate: p,
      services,
      endpoints: { go: { operation: `${name(0)}.op0` } },
    });
  }

  it.each([1, 3, 6])('n = %i remote hops at p = 0.02 give availability (1 − p)^n', (n) => {
    const p = 0.02;
    const report = simulateSync(chain(n, true, p));
    const expected = (1 - p) ** n;
    const se = Math.sqrt((expected * (1 - expected)) / report.requests);
    console.info(
      `network chain n=${n}: ${report.overall.availability.toFixed(4)} vs ${expected.toFixed(4)}`,
    );
    expect(Math.abs(report.overall.availability - expected)).toBeLessThan(4 * se);
    // Every failure is a network error; a request can meet more than one (an inner hop's error
    // travelling back over an outer hop that also loses it).
    expect(report.overall.networkErrors).toBeGreaterThanOrEqual(report.overall.failed);
    expect(report.overall.networkErrors).toBeLessThanOrEqual(n * report.overall.failed);
  });

  it('the same chain in process loses nothing to the network', () => {
    const report = simulateSync(chain(6, false, 0.02));
    expect(report.overall.availability).toBe(1);
    expect(report.overall.networkErrors).toBe(0);
  });

  it('a retry answers a network error: 1 − p² with two attempts', () => {
    const p = 0.1;
    const model = buildModel({
      workload: { rate: 200, requests: 40_000, seed: 5 },
      networkErrorRate: p,
      services: {
        a: {
          operations: { x: { steps: [{ call: 'b.y', retry: { attempts: 2, backoff: 'none' } }] } },
        },
        b: { operations: { y: { work: 0.1 } } },
      },
      endpoints: { x: { operation: 'a.x' } },
    });
    const report = simulateSync(model);
    const expected = 1 - p * p;
    const se = Math.sqrt((expected * (1 - expected)) / report.requests);
    expect(Math.abs(report.overall.availability - expected)).toBeLessThan(4 * se);
  });
});

describe('in-process calls refuse remote-only options', () => {
  it.each(['timeout: 50ms', 'retry: { attempts: 3 }', 'breaker: { failureRate: 50% }'])(
    'refuses %s with a located message that says why',
    (option) => {
      const text = [
        'name: one process',
        'services:',
        '  app:',
        '    operations:',
        '      home:',
        '        steps:',
        `          - { call: app.helper, ${option} }`,
        '      helper: { work: 1ms }',
        'endpoints:',
        '  home: { operation: app.home }',
        '',
      ].join('\n');
      const result = parseTopology(text, { file: 'one.yaml' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const key = option.slice(0, option.indexOf(':'));
      const message = result.errors.map((e) => e.message).join('\n');
      expect(message).toContain(
        `services.app.operations.home.steps.0.${key}: ${key} on an in-process call`,
      );
      expect(message).toContain("runs in app's own thread");
      expect(result.errors[0]?.line).toBe(7);
    },
  );
});
