/**
 * Retry budgets, circuit breakers, backoff with jitter, timeouts against hangs, and the retry storm:
 * each against its formula or the literature. Tolerances are stated where a count is random; most
 * checks here are exact bounds that hold for every seed.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { BreakerPolicy, Model } from '../model/types.ts';
import { loadPreset } from '../presets/index.ts';
import type { Report } from '../report/types.ts';
import { applyControls, type ControlSetting } from '../scenarios/controls.ts';
import { simulateSync } from '../simulate.ts';
import { Simulation } from './simulation.ts';
import { buildModel, type ModelInput } from './testing/buildModel.ts';

const BREAKER: BreakerPolicy = {
  failureRate: 0.5,
  window: 20,
  minimumCalls: 10,
  cooldown: 1000,
  probes: 1,
};

describe('retry budget', () => {
  it.each([0.1, 0.2, 0.5])(
    'with a budget of %s, retries never exceed that share of first attempts (plus one token)',
    (budget) => {
      // Half of all attempts fail and each call may retry 3 times: unbudgeted, retries would be
      // p + p² + p³ = 0.875 of first attempts, far above every budget here, so the budget binds.
      const requests = 20_000;
      const report = simulateSync(
        buildModel({
          workload: { requests, rate: 1000, seed: 8 },
          network: 0.5,
          services: {
            caller: {
              concurrency: 1000,
              operations: {
                go: { steps: [{ call: 'callee.op', retry: { attempts: 4, budget } }] },
              },
            },
            callee: { concurrency: 1000, errorRate: 0.5, operations: { op: { work: 1 } } },
          },
          endpoints: { go: { operation: 'caller.go' } },
        }),
      );
      const entry = report.retryBudgets?.[0];
      expect(entry).toMatchObject({ caller: 'caller', callee: 'callee', budget });
      const first = entry?.firstAttempts ?? 0;
      const retries = entry?.retries ?? 0;
      const share = retries / first;
      console.info(
        `budget ${budget}: retries/first attempts ${share.toFixed(5)} (${retries}/${first}), ` +
          `denied ${entry?.denied}`,
      );
      expect(first).toBe(requests);
      // The token-bucket invariant: retries ≤ budget × first attempts + one token, always.
      expect(retries).toBeLessThanOrEqual(budget * first + 1);
      // And the budget is used, not just respected: the cap of max(1, 100·budget) saved tokens
      // and the demand (0.875 ≫ budget) keep the share within 1% of the budget.
      expect(share).toBeGreaterThan(budget * 0.99);
      // Every retry the callee saw went through the budget.
      expect(report.services.callee.retries).toBe(retries);
    },
  );

  it('a budget also applies to datastore queries', () => {
    const requests = 10_000;
    const report = simulateSync(
      buildModel({
        workload: { requests, rate: 1000, seed: 9 },
        network: 0.5,
        services: {
          app: {
            concurrency: 1000,
            operations: { go: { steps: [{ query: 'db', retry: { attempts: 3, budget: 0.05 } }] } },
          },
        },
        datastores: { db: { concurrency: 1000, errorRate: 0.5, work: 1 } },
        endpoints: { go: { operation: 'app.go' } },
      }),
    );
    const entry = report.retryBudgets?.[0];
    expect(entry?.callee).toBe('db');
    expect(entry?.retries ?? 0).toBeLessThanOrEqual(0.05 * requests + 1);
    expect(report.datastores.db.queries).toBe(requests + (entry?.retries ?? 0));
  });
});

describe('circuit breaker', () => {
  /** caller → callee at 100 requests a second for 10 s; the callee is down from 2 s to 5 s. */
  function burst(breaker: BreakerPolicy | undefined, retry = {}): ModelInput {
    return {
      workload: { requests: 1000, rate: 100, arrivals: 'constant', seed: 1 },
      network: 0.5,
      services: {
        caller: {
          operations: {
            go: {
              steps: [{ call: 'callee.op', retry, ...(breaker === undefined ? {} : { breaker }) }],
            },
          },
        },
        callee: { operations: { op: { work: 1 } } },
      },
      endpoints: { go: { operation: 'caller.go' } },
      faults: [{ target: 'callee', kind: 'down', from: 2000, until: 5000 }],
    };
  }

  it('opens under a failure burst, sheds load to the callee while open, then closes', () => {
    const report = simulateSync(buildModel(burst(BREAKER)));
    const without = simulateSync(buildModel(burst(undefined)));
    const breaker = report.breakers?.[0];
    expect(breaker).toBeDefined();
    if (breaker === undefined) return;
    const path = breaker.transitions.map((t) => `${t.from}→${t.to}`);
    console.info(
      `breaker: ${path.join(', ')}; open ${breaker.openMs} ms, shed ${breaker.rejected}`,
    );
    console.info(
      `callee attempts per second with breaker ${report.timeline?.map((b) => b.attempts.callee).join(' ')}; ` +
        `without ${without.timeline?.map((b) => b.attempts.callee).join(' ')}`,
    );
    // Closed until the window holds 10 failures of 20 (at 2.09 s), then open/half-open cycles
    // while the callee is down (each probe fails), and closed again by the first probe after 5 s.
    expect(path[0]).toBe('closed→open');
    expect(path[1]).toBe('open→halfOpen');
    expect(path.at(-1)).toBe('halfOpen→closed');
    expect(path.filter((p) => p === 'halfOpen→open').length).toBe(2);
    const opened = breaker.transitions[0].atMs;
    expect(opened).toBeGreaterThan(2000);
    expect(opened).toBeLessThan(2000 + 11 * 10); // ten failures at 10 ms apart, plus a round trip
    // Open for the outage minus the few ms each probe took: three cooldowns of 1 s.
    expect(breaker.openMs).toBeGreaterThan(2900);
    expect(breaker.openMs).toBeLessThanOrEqual(3000);
    expect(report.services.callee.breakerOpenMs).toBe(breaker.openMs);
    // Shed load: in the seconds fully inside the outage the callee sees only the probes (one per
    // cooldown), against 100 a second without a breaker.
    for (const second of [3, 4]) {
      expect(report.timeline?.[second].attempts.callee).toBeLessThanOrEqual(1);
      expect(without.timeline?.[second].attempts.callee).toBe(100);
    }
    expect(breaker.rejected).toBeGreaterThan(280);
    expect(report.services.callee.attempts + breaker.rejected).toBe(1000);
    // After the outage, the same traffic as without a breaker.
    expect(report.timeline?.[7].succeeded).toBe(100);
  });

  it('an attempt the breaker sheds is not retried, even when rejections are', () => {
    const report = simulateSync(
      buildModel(burst(BREAKER, { attempts: 3, on: ['rejected'], backoff: 'none' })),
    );
    const breaker = report.breakers?.[0];
    // `down` answers with an error, which this policy does not retry; shed attempts fail fast
    // and are not retried either: no retries at all.
    expect(report.services.callee.retries).toBe(0);
    expect(breaker?.rejected).toBeGreaterThan(280);
  });

  it('a service’s breakerOpenMs is the union of its callers’ open time, not the sum', () => {
    const callers = (name: string) => ({
      operations: { go: { steps: [{ call: 'callee.op', breaker: BREAKER }] } },
      name,
    });
    const report = simulateSync(
      buildModel({
        workload: { requests: 1000, rate: 100, arrivals: 'constant', seed: 1 },
        network: 0.5,
        services: { a: callers('a'), b: callers('b'), callee: { operations: { op: { work: 1 } } } },
        endpoints: { a: { operation: 'a.go' }, b: { operation: 'b.go' } },
        faults: [{ target: 'callee', kind: 'down', from: 2000, until: 5000 }],
      }),
    );
    const [x, y] = report.breakers ?? [];
    expect(x.openMs).toBeGreaterThan(2500);
    expect(y.openMs).toBeGreaterThan(2500);
    const open = report.services.callee.breakerOpenMs;
    console.info(`union: breakers ${x.openMs} and ${y.openMs} ms, callee ${open} ms`);
    expect(open).toBeGreaterThanOrEqual(Math.max(x.openMs, y.openMs));
    expect(open).toBeLessThan(x.openMs + y.openMs - 2000);
  });
});

describe('backoff with full jitter', () => {
  /**
   * 1,000 clients send at once (within 10 ms) to a service that is down for the whole run; each
   * retries 3 times with exponential backoff (base 100 ms). Attempts at the callee per 10 ms.
   */
  function peaks(jitter: 'none' | 'full'): { peak: number; total: number } {
    const sim = new Simulation(
      buildModel({
        workload: { requests: 1000, rate: 100_000, arrivals: 'constant', seed: 5 },
        network: 0.5,
        services: {
          client: {
            concurrency: 2000,
            operations: {
              go: {
                steps: [
                  {
                    call: 'server.op',
                    retry: { attempts: 4, backoff: 'exponential', base: 100, cap: 10_000, jitter },
                  },
                ],
              },
            },
          },
          server: { concurrency: 2000, operations: { op: { work: 1 } } },
        },
        endpoints: { go: { operation: 'client.go' } },
        faults: [{ target: 'server', kind: 'down' }],
      }),
    );
    const counter = sim.compiled.services[1].attemptsOverTime;
    const bins = new Map<number, number>();
    const add = counter.add.bind(counter);
    counter.add = (now: number) => {
      bins.set(Math.floor(now / 10), (bins.get(Math.floor(now / 10)) ?? 0) + 1);
      add(now);
    };
    sim.run();
    // The peak after the first failures: first attempts (all within 10 ms) excluded.
    let peak = 0;
    let total = 0;
    for (const [bin, n] of bins) {
      total += n;
      if (bin >= 2 && n > peak) peak = n;
    }
    return { peak, total };
  }

  it('spreads the retries of clients that fail at once: a far lower peak per 10 ms', () => {
    const none = peaks('none');
    const full = peaks('full');
    // Without jitter every client's retry k comes exactly 100·2^(k−1) ms after its failure, so
    // the 1,000 retries of each wave land within the same 10 ms as the arrivals did (straddling
    // at most two bins): a peak of at least 500. With full jitter, retry 1 is uniform over
    // 100 ms (≈ 1000 × 10 / 100 = 100 per 10 ms) and overlaps the start of the wider second and
    // third waves: the largest expected count in any bin is 148 (Monte Carlo of the same delays),
    // with Poisson-like noise of √148 ≈ 12 per bin; 250 is over eight of those above it.
    console.info(
      `jitter: peak per 10 ms ${none.peak} without, ${full.peak} with full jitter (expected max ≈ 148)`,
    );
    expect(none.peak).toBeGreaterThanOrEqual(500);
    expect(full.peak).toBeLessThan(250);
    expect(full.peak).toBeLessThan(none.peak / 3);
    // Jitter spreads the work; it does not remove it: 4 attempts per client either way.
    expect(none.total).toBe(4000);
    expect(full.total).toBe(4000);
  });
});

describe('a hang, with and without timeouts', () => {
  /**
   * `home` is served by front alone; `search` goes front → mid → back. Back hangs from 1 s to 2 s
   * of a 5 s run. Small pools (8 slots, queue 8) so that exhaustion shows within the second.
   */
  function hang(timeouts: boolean): Report {
    return simulateSync(
      buildModel({
        workload: { requests: 500, rate: 100, arrivals: 'constant', seed: 1 },
        network: 0.5,
        services: {
          front: {
            concurrency: 8,
            queue: 8,
            operations: {
              home: { work: 1 },
              search: {
                steps: [{ call: 'mid.find', ...(timeouts ? { timeout: 200 } : {}) }],
              },
            },
          },
          mid: {
            concurrency: 8,
            queue: 8,
            operations: {
              find: { steps: [{ call: 'back.get', ...(timeouts ? { timeout: 100 } : {}) }] },
            },
          },
          back: { operations: { get: { work: 1 } } },
        },
        endpoints: { home: { operation: 'front.home' }, search: { operation: 'front.search' } },
        faults: [{ target: 'back', kind: 'hang', from: 1000, until: 2000 }],
      }),
    );
  }

  it('without timeouts, slots fill up and the blast radius spreads upstream for good', () => {
    const report = hang(false);
    console.info(
      `hang without timeouts: home ${report.endpoints.home.availability.toFixed(3)}, search ` +
        `${report.endpoints.search.availability.toFixed(3)}, rejected mid ${report.services.mid.rejected} ` +
        `front ${report.services.front.rejected}, unfinished ${report.overall.unfinished}`,
    );
    // The first 8 searches of the hang take mid's 8 slots and wait on back for ever; front's 8
    // slots then hold searches waiting on mid for ever, its queue of 8 fills behind them, and
    // front rejects everything after, even `home`, which never touches back. Nothing frees them
    // when the hang ends: 8 + 8 requests never answer, and the outage lasts to the end of the run.
    expect(report.services.front.rejected).toBeGreaterThan(0);
    expect(report.overall.unfinished).toBe(16);
    expect(report.endpoints.home.availability).toBeLessThan(0.5);
    const last = report.timeline?.at(-1);
    expect(last?.succeeded).toBe(0);
  });

  it('with timeouts, callers fail fast during the hang and stay up', () => {
    const report = hang(true);
    console.info(
      `hang with timeouts: home ${report.endpoints.home.availability.toFixed(3)}, search ` +
        `${report.endpoints.search.availability.toFixed(3)}, back timeouts ${report.services.back.timeouts}`,
    );
    expect(report.services.mid.rejected).toBe(0);
    expect(report.services.front.rejected).toBe(0);
    expect(report.overall.unfinished).toBe(0);
    expect(report.endpoints.home.availability).toBe(1);
    // Only searches that reached back during the hang failed: about a fifth of them.
    expect(report.endpoints.search.availability).toBeGreaterThan(0.75);
    expect(report.endpoints.search.availability).toBeLessThan(0.85);
    // And after the hang, everything succeeds again.
    for (const b of report.timeline?.slice(3) ?? []) expect(b.failed).toBe(0);
  });
});

describe('metastable failure: the retry-storm preset', () => {
  const parsed = parseTopology(loadPreset('retry-storm'), { file: 'retry-storm.yaml' });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const storm: Model = parsed.model;
  const fault = storm.faults[0];

  /** Availability of the requests finishing in the 10 s after the fault ends. */
  function afterFault(settings: readonly ControlSetting[]): {
    availability: number;
    report: Report;
  } {
    const report = simulateSync(applyControls(storm, settings));
    let ok = 0;
    let bad = 0;
    for (const b of report.timeline ?? []) {
      if (b.startMs >= fault.until && b.startMs < fault.until + 10_000) {
        ok += b.succeeded;
        bad += b.failed;
      }
    }
    return { availability: ok / (ok + bad), report };
  }

  // About 6,000 requests finish in the window; the margins below are over 20 standard errors of
  // a proportion at that count (√(0.05·0.95/6000) ≈ 0.003), and seeds 1–4 all pass (checked).
  it('stays down after the fault without a cure', () => {
    const { availability, report } = afterFault([]);
    console.info(`retry storm, no cure: ${availability.toFixed(4)} in the 10 s after the fault`);
    expect(fault.until - fault.from).toBeLessThanOrEqual(3000);
    expect(availability).toBeLessThan(0.5);
    // The storm: the bottom receives many times its normal load long after the fault.
    const late = report.timeline?.[fault.until / 1000 + 8];
    expect(late?.attempts.back).toBeGreaterThan(5 * 600);
  });

  it.each<[string, ControlSetting[]]>([
    ['retry budgets of 10%', [{ control: 'budget', value: 0.1 }]],
    ['circuit breakers', [{ control: 'breaker', value: true }]],
    [
      'exponential backoff with full jitter',
      [
        { control: 'backoff', value: 'exponential' },
        { control: 'jitter', value: 'full' },
      ],
    ],
  ])('recovers with %s', (name, settings) => {
    const { availability } = afterFault(settings);
    console.info(`retry storm, ${name}: ${availability.toFixed(4)} in the 10 s after the fault`);
    expect(availability).toBeGreaterThan(0.95);
  });
});
