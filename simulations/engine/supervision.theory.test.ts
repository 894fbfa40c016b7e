/**
 * Crashes and supervisors ("let it crash"), against arithmetic and renewal theory: a replica that
 * crashes at rate r per ms of work arriving and restarts in R ms is down R / (R + 1/r) of the time.
 */
import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import { buildModel, type ModelInput, type ServiceInput } from './testing/buildModel.ts';

function shop(app: Omit<ServiceInput, 'operations'>, input: Partial<ModelInput> = {}): ModelInput {
  return {
    workload: { requests: 3000, rate: 100, arrivals: 'constant', seed: 1 },
    network: 0,
    services: { app: { ...app, operations: { get: { work: 1 } } } },
    endpoints: { get: { operation: 'app.get' } },
    ...input,
  };
}

describe('a crash fault', () => {
  it('without a supervisor, the service stays down from the crash to the end', () => {
    // Constant arrivals every 10 ms from 10 ms: 30 s of requests, a crash at 10 s.
    const report = simulateSync(
      buildModel(shop({}, { faults: [{ target: 'app', kind: 'crash', from: 10_005 }] })),
    );
    expect(report.overall.succeeded).toBe(1000);
    expect(report.services.app).toMatchObject({ crashes: 1, restarts: 0, stopped: false });
  });

  it('with a supervisor, requests fail only while it restarts', () => {
    const report = simulateSync(
      buildModel(
        shop(
          { supervisor: { restart: 500, maxRestarts: 1, within: 5000 } },
          { faults: [{ target: 'app', kind: 'crash', from: 10_005 }] },
        ),
      ),
    );
    // Arrivals at 10,010 … 10,500 ms find it down: 50 requests.
    expect(report.overall.failed).toBe(50);
    expect(report.services.app).toMatchObject({ crashes: 1, restarts: 1, stopped: false });
  });

  it('loses the work in flight on the crashed replica', () => {
    // Each request works 50 ms: at the crash, five are in flight and fail with it.
    const input = shop(
      { supervisor: { restart: 500, maxRestarts: 1, within: 5000 } },
      { faults: [{ target: 'app', kind: 'crash', from: 10_005 }] },
    );
    const report = simulateSync(
      buildModel({
        ...input,
        services: { app: { ...input.services.app, operations: { get: { work: 50 } } } },
      }),
    );
    expect(report.overall.failed).toBe(50 + 5);
  });

  it('another replica takes the traffic while one restarts after its own crash', () => {
    const report = simulateSync(
      buildModel(
        shop(
          {
            replicas: 2,
            crashRate: 0.001,
            supervisor: { restart: 20, maxRestarts: 100, within: 1000 },
          },
          {
            workload: { requests: 20_000, rate: 100, arrivals: 'constant', seed: 1 },
          },
        ),
      ),
    );
    // Each crash fails the run that crashed; the other replica serves everyone else (a restart
    // takes 20 ms, two arrivals, so both being down at once is unlikely: this seed has none).
    const crashes = report.services.app?.crashes ?? 0;
    expect(crashes).toBeGreaterThan(5);
    expect(report.overall.failed).toBe(crashes);
  });
});

describe('a supervisor', () => {
  it('gives up after more than maxRestarts crashes within its window, and the service stops', () => {
    const report = simulateSync(
      buildModel(
        shop(
          { supervisor: { restart: 100, maxRestarts: 2, within: 10_000 } },
          {
            faults: [
              { target: 'app', kind: 'crash', from: 1005 },
              { target: 'app', kind: 'crash', from: 2005 },
              { target: 'app', kind: 'crash', from: 3005 },
            ],
          },
        ),
      ),
    );
    // Two restarts (100 ms down each), then the third crash stops it for good at 3,005 ms.
    expect(report.services.app).toMatchObject({ crashes: 3, restarts: 2, stopped: true });
    expect(report.overall.succeeded).toBe(300 - 20);
  });

  it('restarts without limit when its crashes are spread wider than its window', () => {
    const report = simulateSync(
      buildModel(
        shop(
          { supervisor: { restart: 100, maxRestarts: 1, within: 500 } },
          {
            faults: [1005, 2005, 3005].map((from) => ({
              target: 'app',
              kind: 'crash' as const,
              from,
            })),
          },
        ),
      ),
    );
    expect(report.services.app).toMatchObject({ crashes: 3, restarts: 3, stopped: false });
    expect(report.overall.failed).toBe(30);
  });

  it('keeps a crashing replica down R / (R + 1/r) of the time (renewal theory)', () => {
    // Poisson arrivals at 0.1 per ms, each crashing with c = 1%: crashes at r = 0.001 per ms of
    // uptime; a restart takes R = 100 ms. Arrivals see the down share; the rest fail with c.
    const requests = 200_000;
    const c = 0.01;
    const R = 100;
    const report = simulateSync(
      buildModel({
        workload: { requests, rate: 100, seed: 9 },
        network: 0,
        services: {
          app: {
            crashRate: c,
            supervisor: { restart: R, maxRestarts: 1000, within: 1 },
            operations: { get: { work: 0.01 } },
          },
        },
        endpoints: { get: { operation: 'app.get' } },
      }),
    );
    const r = 0.1 * c;
    const down = R / (R + 1 / r);
    const expected = down + (1 - down) * c;
    const measured = 1 - report.overall.availability;
    console.info(`crash loop: failed ${measured.toFixed(4)} vs ${expected.toFixed(4)}`);
    // Failures come in bursts (one per down period), so the tolerance is relative: 10%.
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.1);
  });
});

describe('models that cannot crash', () => {
  it('report no crash fields and draw no extra random numbers', () => {
    const a = simulateSync(buildModel(shop({})));
    const b = simulateSync(
      buildModel(shop({ supervisor: { restart: 1, maxRestarts: 1, within: 1 } })),
    );
    expect(a.services.app?.crashes).toBeUndefined();
    expect(b.overall.latencyMs).toEqual(a.overall.latencyMs);
  });
});
