/**
 * Hedged requests against theory. With no queueing (slots and cores unbounded) and no network,
 * the copies of an attempt are independent draws X₁, X₂, … of the callee's work, the k-th sent
 * (k − 1)·d after the first; the caller sees the first to finish, so
 *   P(T > t) = Π_k S(t − (k − 1)·d)  over the copies already sent by t,
 * with S the work's survival function: S(t) for t ≤ d and S(t)·S(t − d) beyond, with one hedge.
 * Then the shape of Dean and Barroso's "The Tail at Scale" (2013): a hedge at about the 95th
 * percentile cuts the 99.9th percentile sharply for about 5% more requests.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { simulateSync } from '../simulate.ts';
import { Simulation } from './simulation.ts';
import { proportionSe } from './testing/statistics.ts';

/** Caller `a` calls `b.x` once; `b.x`'s work is `work`; no network, no queue, no overhead. */
function model(work: string, step: string, requests = 100_000, extra = ''): Model {
  const parsed = parseTopology(`
name: hedge
workload: { requests: ${requests}, rate: 100, seed: 11 }
network: { latency: 0ms, overhead: 0ms }
services:
  a: { concurrency: 10000, operations: { go: { steps: [ { call: b.x${step} } ] } } }
  b: { concurrency: 10000, ${extra} operations: { x: { work: ${work} } } }
endpoints: { go: { operation: a.go } }
`);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.model;
}

/** Latencies of every request, in finishing order. */
function latencies(m: Model): Float64Array {
  const sim = new Simulation(m);
  sim.run();
  return sim.log.latency.subarray(0, sim.log.length);
}

// A two-part mixture: 90% fast (exponential, mean 1 ms), 10% slow (exponential, mean 40 ms).
const MIXTURE =
  '{ dist: mixture, of: [ { weight: 90%, value: { dist: exponential, mean: 1ms } }, { weight: 10%, value: { dist: exponential, mean: 40ms } } ] }';
const S = (t: number) => (t <= 0 ? 1 : 0.9 * Math.exp(-t) + 0.1 * Math.exp(-t / 40));

describe('hedged latency is the minimum of the copies', () => {
  it.each([
    { d: 5, max: 1 },
    { d: 3, max: 2 },
  ])('after $d ms with up to $max extra copies: P(T > t) = Π S(t − k·d)', ({ d, max }) => {
    const n = 100_000;
    const lat = latencies(model(MIXTURE, `, hedge: { after: ${d}ms, max: ${max} }`, n));
    expect(lat.length).toBe(n);
    const survival = (t: number) => {
      let p = 1;
      for (let k = 0; k <= max && t > k * d; k++) p *= S(t - k * d);
      return p;
    };
    const rows: string[] = [];
    for (const t of [0.5, 1, 2, 4, d, d + 1, d + 3, 10, 15, 20, 30, 50, 80]) {
      let above = 0;
      for (let i = 0; i < n; i++) if (lat[i] > t) above++;
      const measured = above / n;
      const expected = survival(t);
      rows.push(`t=${t}: ${measured.toFixed(5)} vs ${expected.toFixed(5)}`);
      // Requests are independent here (nothing queues), so a binomial 4σ band holds.
      expect(Math.abs(measured - expected)).toBeLessThanOrEqual(
        4 * proportionSe(expected, n) + 1e-5,
      );
    }
    console.info(
      `hedge after ${d} ms, max ${max}: P(T > t) measured vs closed form\n  ${rows.join('\n  ')}`,
    );
  });

  it('sends one hedge for each attempt still unanswered after the delay: S(d) of requests', () => {
    const n = 100_000;
    const report = simulateSync(model(MIXTURE, ', hedge: { after: 5ms }', n));
    const share = report.services.b.hedges / n;
    console.info(`hedges per request ${share.toFixed(5)} vs S(5) = ${S(5).toFixed(5)}`);
    expect(Math.abs(share - S(5))).toBeLessThanOrEqual(4 * proportionSe(S(5), n));
    expect(report.overall.hedges).toBe(report.services.b.hedges);
    // Every hedge is also an attempt at b, as a first attempt: not a retry.
    expect(report.services.b.attempts).toBe(n + report.services.b.hedges);
    expect(report.services.b.retries).toBe(0);
    expect(report.services.b.hedgeWins).toBeLessThanOrEqual(report.services.b.hedges);
  });
});

describe('the Tail at Scale shape', () => {
  it('a hedge at the 95th percentile cuts p99.9 sharply for about 5% more requests', () => {
    // Mostly quick answers with a rare, very slow tail (a stall, a GC pause, a busy disk).
    const work =
      '{ dist: mixture, of: [ { weight: 98%, value: { dist: lognormal, median: 2ms, p99: 8ms } }, { weight: 2%, value: { dist: uniform, min: 100ms, max: 2s } } ] }';
    const n = 100_000;
    const plain = simulateSync(model(work, '', n));
    const hedged = simulateSync(model(work, ', hedge: { after: p95 }', n));
    const extra = hedged.services.b.hedges / n;
    const before = plain.overall.latencyMs;
    const after = hedged.overall.latencyMs;
    console.info(
      `p95 hedge: p99 ${before.p99} → ${after.p99} ms, p99.9 ${before.p999} → ${after.p999} ms, ` +
        `p50 ${before.p50} → ${after.p50} ms, ${(extra * 100).toFixed(2)}% more requests`,
    );
    // The tail collapses by more than 10× ...
    expect(after.p999).toBeLessThan(before.p999 / 10);
    expect(after.p99).toBeLessThan(before.p99 / 10);
    // ... for about 5% more requests (the delay is the 95th percentile: ~5% of first copies are
    // still out when it passes; a little over, since the estimate sits up to 1% above it) ...
    expect(extra).toBeGreaterThan(0.04);
    expect(extra).toBeLessThan(0.065);
    // ... and the median does not move.
    expect(Math.abs(after.p50 - before.p50)).toBeLessThan(0.05 * before.p50);
  });
});

describe('hedging with timeouts, retries and breakers', () => {
  it('the timeout covers the attempt and all its copies; each attempt times out once', () => {
    const n = 1000;
    const report = simulateSync(
      model(
        '100ms',
        ', timeout: 30ms, hedge: { after: 10ms, max: 2 }, retry: { attempts: 2, backoff: none }',
        n,
      ),
    );
    const b = report.services.b;
    // Every attempt: a copy at 0, 10 and 20 ms, none answering by 30 ms; then one retry, the same.
    expect(report.overall.failed).toBe(n);
    expect(b.timeouts).toBe(2 * n);
    expect(b.hedges).toBe(4 * n);
    expect(b.attempts).toBe(6 * n);
    expect(b.retries).toBe(n);
    expect(report.overall.latencyMs.max).toBe(0); // no successes
  });

  it('a failed copy ends the attempt only when no other copy is out', () => {
    // b fails half its attempts, at once (work 0) or after 20 ms: the first copy's fast failure
    // comes before the hedge delay, so it ends the attempt alone and the retry answers.
    const n = 2000;
    const report = simulateSync(
      model(
        '0ms',
        ', hedge: { after: 10ms }, retry: { attempts: 3, backoff: none }',
        n,
        'errorRate: 0.5,',
      ),
    );
    // Failures answer at once: no copy is ever out 10 ms, so hedging never fires.
    expect(report.services.b.hedges).toBe(0);
    expect(report.services.b.retries).toBeGreaterThan(0);
  });

  it('a hedged call is unchanged when no answer is ever late', () => {
    const plain = simulateSync(model('1ms', '', 1000));
    const hedged = simulateSync(model('1ms', ', hedge: { after: 10ms }', 1000));
    expect(hedged.services.b.hedges).toBe(0);
    expect({ ...hedged, wallMs: 0 }).toEqual({ ...plain, wallMs: 0 });
  });

  it('the breaker sees one outcome per attempt, whatever its copies', () => {
    // Every copy answers after 50 ms; hedges at 10 and 20 ms; the breaker window is 10 calls.
    const n = 200;
    const report = simulateSync(
      model(
        '50ms',
        ', hedge: { after: 10ms, max: 2 }, breaker: { window: 10, minimumCalls: 10 }',
        n,
      ),
    );
    // Every attempt succeeds, so the breaker never opens, and hedging never wins (all copies take
    // 50 ms, the first finishes first).
    expect(report.breakers?.[0]?.transitions).toEqual([]);
    expect(report.services.b.hedges).toBe(2 * n);
    expect(report.services.b.hedgeWins).toBe(0);
  });
});
