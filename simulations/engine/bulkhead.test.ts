/**
 * Bulkheads: a cap on one calling service's attempts in flight to one callee. Beyond it an attempt
 * fails at once (rejected), so a slow callee holds at most that many of the caller's waits.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { simulateSync } from '../simulate.ts';

function model(step: string, requests = 20_000): Model {
  const parsed = parseTopology(`
name: bulkhead
workload: { requests: ${requests}, rate: 1000, arrivals: constant, seed: 2 }
network: { latency: 0ms, overhead: 0ms }
services:
  a: { concurrency: 10000, operations: { go: { steps: [ { call: b.slow${step} }, { call: c.quick } ] } } }
  b: { concurrency: 10000, operations: { slow: { work: 100ms } } }
  c: { concurrency: 10000, operations: { quick: { work: 1ms } } }
endpoints: { go: { operation: a.go } }
`);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.model;
}

describe('bulkhead', () => {
  it("admits at most its limit at once: Little's law gives the share let through", () => {
    // One call every 1 ms, each holding its place 100 ms: 100 would be in flight. With room for
    // 20, a place frees every 5 ms on average, so 20 of every 100 calls get one.
    const n = 20_000;
    const report = simulateSync(model(', bulkhead: 20', n));
    const entry = report.bulkheads?.[0];
    expect(entry).toMatchObject({ caller: 'a', callee: 'b', limit: 20, maxInFlight: 20 });
    const share = 1 - (entry?.rejected ?? 0) / n;
    console.info(`bulkhead 20 of 100 needed: ${(share * 100).toFixed(2)}% admitted (theory 20%)`);
    expect(Math.abs(share - 0.2)).toBeLessThan(0.005);
    // A rejected call fails its request at once, before the callee or the next step see it.
    expect(report.services.b.attempts).toBe(n - (entry?.rejected ?? 0));
    expect(report.overall.failed).toBe(entry?.rejected);
    expect(report.services.c.attempts).toBe(report.overall.succeeded);
  });

  it('contains a slow callee: an optional call behind a bulkhead keeps the caller fast', () => {
    const plain = simulateSync(model(', optional: true', 5000));
    const walled = simulateSync(model(', optional: true, bulkhead: 20', 5000));
    // Without the bulkhead every request waits 100 ms for b; with it, most skip b at once.
    expect(plain.overall.latencyMs.p50).toBeGreaterThanOrEqual(100);
    expect(walled.overall.latencyMs.p50).toBeLessThan(5);
    expect(walled.overall.availability).toBe(1);
  });

  it('is absent from steps that do not declare it, and from the report without one', () => {
    const report = simulateSync(model('', 1000));
    expect(report.bulkheads).toEqual([]);
  });
});
