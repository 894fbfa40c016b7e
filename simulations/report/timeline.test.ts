/**
 * The timeline's rules: bucket width and count, sums that match the report, exact percentiles,
 * and counters that widen their slices so any run length fits.
 */
import { describe, expect, it } from 'vitest';
import { BucketCounts, MAX_SLICES } from '../engine/bucketCounts.ts';
import { buildModel, exponential } from '../engine/testing/buildModel.ts';
import { simulateSync } from '../simulate.ts';
import { bucketWidth } from './timeline.ts';

/** caller → callee with some failures and retries, `requests` at `rate` per second. */
function run(requests: number, rate: number) {
  return simulateSync(
    buildModel({
      workload: { requests, rate, seed: 11 },
      network: 0.5,
      services: {
        caller: {
          operations: { go: { steps: [{ call: 'callee.op', retry: { attempts: 2 } }] } },
        },
        callee: { errorRate: 0.1, operations: { op: { work: exponential(2) } } },
      },
      endpoints: { go: { operation: 'caller.go' } },
    }),
  );
}

describe('timeline', () => {
  it('a run of at most 200 s has 1 s buckets, one per started second', () => {
    const report = run(5000, 100); // about 50 s
    const timeline = report.timeline ?? [];
    expect(timeline.length).toBe(Math.ceil(report.simulatedMs / 1000));
    timeline.forEach((b, i) => {
      expect(b.startMs).toBe(i * 1000);
    });
    const sum = (f: (b: (typeof timeline)[number]) => number) =>
      timeline.reduce((s, b) => s + f(b), 0);
    expect(sum((b) => b.requests)).toBe(report.requests);
    expect(sum((b) => b.succeeded)).toBe(report.overall.succeeded);
    expect(sum((b) => b.failed)).toBe(report.overall.failed);
    expect(sum((b) => b.attempts.callee)).toBe(report.services.callee.attempts);
    expect(sum((b) => b.attempts.caller)).toBe(report.services.caller.attempts);
  });

  it.each([
    { requests: 3000, rate: 10 }, // about 300 s: 1.5 s buckets of 100 ms slices
    { requests: 3000, rate: 2 }, // about 1,500 s: the slices have widened
  ])(
    'a longer run ($requests at $rate/s) is divided in at most 200 buckets of whole slices',
    ({ requests, rate }) => {
      const report = run(requests, rate);
      const timeline = report.timeline ?? [];
      const end = report.simulatedMs;
      const width = timeline[1].startMs - timeline[0].startMs;
      console.info(
        `timeline of ${end.toFixed(0)} ms: ${timeline.length} buckets of ${width} ms (ideal ${(end / 200).toFixed(1)})`,
      );
      expect(timeline.length).toBeLessThanOrEqual(200);
      expect(timeline.length).toBeGreaterThanOrEqual(183);
      expect(width).toBeGreaterThanOrEqual(end / 200);
      expect(width).toBeLessThanOrEqual(end / 200 + end / 2048);
      expect(width % 100).toBe(0);
      expect(timeline.reduce((s, b) => s + b.requests, 0)).toBe(report.requests);
      expect(timeline.reduce((s, b) => s + b.attempts.callee, 0)).toBe(
        report.services.callee.attempts,
      );
    },
  );

  it('bucket percentiles are exact: one bucket holds the whole run and matches latencyMs', () => {
    const report = run(400, 1000); // under a second
    const timeline = report.timeline ?? [];
    expect(timeline.length).toBe(1);
    expect(timeline[0].p50).toBe(report.overall.latencyMs.p50);
    expect(timeline[0].p99).toBe(report.overall.latencyMs.p99);
  });

  it('the width rule', () => {
    expect(bucketWidth(1, 100)).toBe(1000);
    expect(bucketWidth(200_000, 100)).toBe(1000);
    expect(bucketWidth(200_001, 100)).toBe(1100);
    expect(bucketWidth(300_000, 100)).toBe(1500);
    expect(bucketWidth(1_000_000, 800)).toBe(5600);
  });
});

describe('BucketCounts', () => {
  it('doubles its slice width past MAX_SLICES slices and keeps every count', () => {
    const counts = new BucketCounts();
    const times = Array.from({ length: 10_000 }, (_, i) => i * 97.3);
    for (const t of times) counts.add(t);
    // The last time is 972,603 ms: 9,727 slices of 100 ms, so two doublings (400 ms slices).
    expect(counts.widthMs).toBe(400);
    expect(counts.length).toBeLessThanOrEqual(MAX_SLICES);
    expect(counts.sum(0, Number.POSITIVE_INFINITY)).toBe(times.length);
    for (const from of [0, 400, 123_200, 900_000]) {
      const expected = times.filter(
        (t) => Math.floor(t / 400) * 400 >= from && Math.floor(t / 400) * 400 < from + 40_000,
      ).length;
      expect(counts.sum(from, from + 40_000)).toBe(expected);
    }
  });
});
