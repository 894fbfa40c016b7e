import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import type { Model } from '../../simulations/model/types.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import type { Report } from '../../simulations/report/types.ts';
import { applyControls } from '../../simulations/scenarios/controls.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import { attemptBars, attemptsPlot } from './attempts.ts';
import { formatMs, formatShare } from './format.ts';
import { cdfPoints, latencyPlot } from './latency.ts';
import { availabilityPlot, availabilityRows } from './outcomes.ts';
import { describeChange } from './summary.ts';
import { logTicks } from './timeline.ts';

/** Figures are pure functions of reports; these reports come from the engine with seed 1. */
function preset(name: string): Model {
  const parsed = parseTopology(loadPreset(name), { file: `${name}.yaml` });
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.model;
}

const dm = preset('distributed-monolith');
const healthy: Report = simulateSync(dm, { seed: 1, requests: 3000 });
const failing: Report = simulateSync(
  applyControls(dm, [{ control: 'failureRate', target: 'orders', value: 0.3 }]),
  { seed: 1, requests: 3000 },
);

describe('latency figure', () => {
  it('draws each series as a rising CDF from the engine quantiles', () => {
    const points = cdfPoints([{ label: 'distributed-monolith', report: healthy }]);
    expect(points.length).toBeGreaterThan(50);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]?.ms).toBeGreaterThanOrEqual(points[i - 1]?.ms ?? 0);
      expect(points[i]?.share).toBeGreaterThan(points[i - 1]?.share ?? 0);
    }
  });

  it('marks p50, p95 and p99 at the values the report gives, log scale by default', () => {
    const options = latencyPlot([{ label: 'dm', report: healthy }]);
    expect(options.x).toMatchObject({ type: 'log' });
    expect(latencyPlot([{ label: 'dm', report: healthy }], { log: false }).x).toMatchObject({
      type: 'linear',
    });
    const text = JSON.stringify(options.marks?.map((m) => (m as { data?: unknown }).data));
    expect(text).toContain(`"ms":${healthy.overall.latencyMs.p99}`);
  });
});

describe('availability figure', () => {
  it('has one row per endpoint and series, and starts its axis below the lowest value', () => {
    const series = [
      { label: 'healthy', report: healthy },
      { label: 'orders failing', report: failing },
    ];
    const rows = availabilityRows(series);
    expect(rows).toHaveLength(2 * Object.keys(healthy.endpoints).length);
    const lowest = Math.min(...rows.map((r) => r.availability));
    const domain = (availabilityPlot(series).x as { domain: [number, number] }).domain;
    expect(domain[0]).toBeLessThan(lowest);
    expect(domain[1]).toBe(1);
  });
});

describe('attempts figure', () => {
  it('splits each service into first attempts and retries that add up to its attempts', () => {
    const withRetries = simulateSync(
      applyControls(dm, [
        { control: 'failureRate', target: 'orders', value: 0.3 },
        { control: 'retries', target: 'orders', value: 3 },
      ]),
      { seed: 1, requests: 2000 },
    );
    const bars = attemptBars(withRetries);
    const orders = bars.filter((b) => b.service === 'orders');
    expect(orders.reduce((n, b) => n + b.count, 0)).toBe(withRetries.services.orders?.attempts);
    expect(orders.find((b) => b.kind === 'retries')?.count).toBeGreaterThan(0);
    expect(attemptsPlot(withRetries).height).toBe(
      48 + Object.keys(withRetries.services).length * 34,
    );
  });
});

describe('text alternative', () => {
  it('says which way the numbers moved, in the words a reader uses', () => {
    expect(describeChange(failing, healthy)).toMatch(/availability falls from 100% to \d+\.\d%/);
    expect(describeChange(healthy, healthy)).toMatch(/^p99 stays near .+; availability stays at/);
    expect(describeChange(healthy)).toContain('3,000 requests');
  });

  it('quotes no latency when nothing answered, rather than a fast-looking 0 ms', () => {
    const down = simulateSync(
      applyControls(dm, [{ control: 'failureRate', target: 'gateway', value: 1 }]),
      { seed: 1, requests: 500 },
    );
    expect(down.overall.availability).toBe(0);
    expect(describeChange(down)).toBe('no request succeeded (availability 0%), over 500 requests.');
    expect(describeChange(down, healthy)).toMatch(
      /^no request succeeds any more \(availability falls from 100% to 0%\)/,
    );
    expect(describeChange(healthy, down)).toMatch(/^requests succeed again: p99 \d/);
  });

  it('formats times and shares for people', () => {
    expect([
      formatMs(0.424),
      formatMs(4.2),
      formatMs(41.4),
      formatMs(1234),
      formatMs(65_000),
    ]).toEqual(['0.42 ms', '4.2 ms', '41 ms', '1.2 s', '65 s']);
    expect([formatShare(1), formatShare(0.9995), formatShare(0.972)]).toEqual([
      '100%',
      '99.95%',
      '97.2%',
    ]);
  });
});

describe('timeline figure', () => {
  it('labels the p99 axis at 1-2-5 steps that cover the data', () => {
    expect(logTicks([18, 95, 420])).toEqual([20, 50, 100, 200, 500]);
    expect(logTicks([0, 0])).toEqual([]);
  });
});
