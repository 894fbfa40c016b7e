import { describe, expect, it } from 'vitest';
import { MAX_SPANS } from '../engine/trace.ts';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { loadPreset } from '../presets/index.ts';
import { simulate, simulateSync } from '../simulate.ts';
import type { Report } from './types.ts';

function parse(text: string): Model {
  const parsed = parseTopology(text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.model;
}

const withoutWall = ({ wallMs: _wall, traces: _traces, ...rest }: Report) => rest;

describe('request traces', () => {
  const model = parse(loadPreset('microservices'));
  const plain = simulateSync(model, { requests: 5000 });
  const traced = simulateSync(model, { requests: 5000, traces: true });
  const traces = traced.traces ?? [];

  it('are opt-in and change nothing else in the report', () => {
    expect(plain.traces).toBeUndefined();
    expect(withoutWall(traced)).toEqual(withoutWall(plain));
  });

  it("hold each endpoint's p50, p99 and slowest request, whose root spans last that long", () => {
    for (const [name, endpoint] of Object.entries(traced.endpoints)) {
      const mine = traces.filter((t) => t.endpoint === name);
      const picks = mine.flatMap((t) => t.picks).sort();
      expect(picks).toEqual(['max', 'p50', 'p99']);
      for (const trace of mine) {
        const root = trace.spans[0];
        expect(root.parent).toBe(-1);
        expect(root.outcome).toBe('ok');
        for (const pick of trace.picks) {
          expect(trace.latencyMs).toBeCloseTo(endpoint.latencyMs[pick], 3);
          expect(root.endMs - root.startMs).toBeCloseTo(endpoint.latencyMs[pick], 2);
        }
      }
    }
  });

  it("split every span's time into queue, CPU, network and waiting, adding up to its length", () => {
    let spans = 0;
    for (const trace of traces) {
      for (const s of trace.spans) {
        spans++;
        const parts = s.queueMs + s.cpuMs + s.networkMs + s.waitMs;
        expect(Math.abs(parts - (s.endMs - s.startMs))).toBeLessThan(0.005);
        expect(Math.min(s.queueMs, s.cpuMs, s.networkMs, s.waitMs)).toBeGreaterThanOrEqual(0);
        if (s.parent >= 0) {
          const parent = trace.spans[s.parent];
          expect(s.startMs).toBeGreaterThanOrEqual(parent.startMs);
        }
      }
    }
    expect(spans).toBeGreaterThan(traces.length);
  });

  it('are the same from simulate and simulateSync', async () => {
    const async = await simulate(model, { requests: 5000, traces: true });
    expect(async.traces).toEqual(traced.traces);
  });

  it('mark hedge copies, and the copy that lost is ignored', () => {
    const report = simulateSync(
      parse(`
name: hedged
workload: { requests: 5000, rate: 100, seed: 4 }
network: { latency: 0.5ms }
services:
  a: { operations: { go: { steps: [ { call: b.x, hedge: { after: 10ms } } ] } } }
  b: { operations: { x: { work: { dist: mixture, of: [ { weight: 97%, value: 2ms }, { weight: 3%, value: 500ms } ] } } } }
endpoints: { go: { operation: a.go } }
`),
      { traces: true },
    );
    const slowest = (report.traces ?? []).find((t) => t.picks.includes('max'));
    const copies = slowest?.spans.filter((s) => s.parent === 0) ?? [];
    // The slowest request: both copies stalled, or the first stalled and the hedge won.
    expect(copies.some((s) => s.hedge)).toBe(true);
    expect(copies.filter((s) => s.outcome === 'ok')).toHaveLength(1);
    const p99 = (report.traces ?? []).find((t) => t.picks.includes('p99'));
    const lost = p99?.spans.find((s) => !s.hedge && s.parent === 0);
    expect(lost?.outcome).toBe('ignored');
    // The ignored copy kept working: its span ends after the request did.
    expect(lost?.endMs ?? 0).toBeGreaterThan(p99?.latencyMs ?? 0);
  });

  it('keep memory bounded: three requests per endpoint at most, each capped at MAX_SPANS spans', () => {
    const report = simulateSync(
      parse(`
name: wide
workload: { requests: 50, rate: 10, seed: 1 }
services:
  a: { operations: { go: { steps: [ { call: b.x, fanout: 1000, times: 3 } ] } } }
  b: { concurrency: 5000, operations: { x: { work: 1ms } } }
endpoints: { go: { operation: a.go } }
`),
      { traces: true },
    );
    const all = report.traces ?? [];
    expect(all.length).toBeLessThanOrEqual(3);
    for (const trace of all) {
      expect(trace.truncated).toBe(true);
      expect(trace.spans).toHaveLength(MAX_SPANS);
    }
  });
});
