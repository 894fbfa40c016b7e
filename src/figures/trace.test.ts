import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import { depths, describeTrace, findTrace, spanLabel, tracePlot, traceSegments } from './trace.ts';

/** The trace figure is a pure function of a report's traces; these come from the engine, seed 1. */
const parsed = parseTopology(loadPreset('microservices'), { file: 'microservices.yaml' });
if (!parsed.ok) throw new Error('microservices does not parse');
const report = simulateSync(parsed.model, { seed: 1, requests: 3000, traces: true });

describe('trace figure', () => {
  const trace = findTrace(report.traces, 'checkout', 'p99');

  it('finds the picked request of the endpoint', () => {
    expect(trace?.latencyMs).toBe(report.endpoints.checkout?.latencyMs.p99);
    expect(findTrace(report.traces, 'nowhere', 'p50')).toBeUndefined();
  });

  it("lays each span's parts end to end, filling the span", () => {
    if (!trace) throw new Error('no trace');
    const segments = traceSegments(trace);
    for (const span of trace.spans) {
      const own = segments.filter((s) => s.span === span.id);
      const total = own.reduce((sum, s) => sum + (s.x2 - s.x1), 0);
      expect(total).toBeCloseTo(span.endMs - span.startMs, 2);
      if (own.length > 0) expect(own[0]?.x1).toBe(span.startMs);
    }
  });

  it('indents spans under their callers and names retries and hedges', () => {
    if (!trace) throw new Error('no trace');
    const d = depths(trace.spans);
    expect(d[0]).toBe(0);
    for (const span of trace.spans.slice(1)) expect(d[span.id]).toBe((d[span.parent] ?? -1) + 1);
    const base = trace.spans[1];
    if (!base) throw new Error('no child span');
    expect(spanLabel({ ...base, attempt: 2, hedge: true })).toMatch(/\(retry 1, hedge\)$/);
  });

  it('gives one row per span and says where the time went', () => {
    if (!trace) throw new Error('no trace');
    const options = tracePlot(trace, { width: 800 });
    expect(options.y?.domain).toHaveLength(trace.spans.length);
    const text = describeTrace(trace, 'p99');
    expect(text).toContain('99th percentile checkout request');
    expect(text).toContain('longest call');
  });
});
