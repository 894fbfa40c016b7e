import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import { availabilityError } from './chain.ts';
import { applyControls } from './controls.ts';
import { fanoutModel, fanoutRequests, fanoutYaml, slowShare } from './fanout.ts';

const run = (leaves: number, hedge = false, requests = 4000) =>
  simulateSync(
    applyControls(fanoutModel({ leaves }), [{ control: 'hedge', target: 'leaf', value: hedge }]),
    { seed: 1, requests },
  );

const slowOf = (report: ReturnType<typeof run>) =>
  1 - (report.endpoints.deadline?.availability ?? 1);
const counted = (report: ReturnType<typeof run>) =>
  (report.endpoints.deadline?.succeeded ?? 0) + (report.endpoints.deadline?.failed ?? 0);

describe('fan-out', () => {
  it('gives the closed form of the tail at scale: 1 − 0.99ᵏ', () => {
    expect(slowShare(1)).toBeCloseTo(0.01, 10);
    expect(slowShare(100)).toBeCloseTo(0.634, 3);
  });

  it.each([1, 10, 50])(
    'with %i leaves, the share of requests slower than the deadline matches 1 − 0.99ᵏ',
    (leaves) => {
      const report = run(leaves, false, leaves === 1 ? 8000 : 4000);
      const theory = slowShare(leaves);
      expect(Math.abs(slowOf(report) - theory)).toBeLessThan(
        3 * availabilityError(theory, counted(report)) + 0.002,
      );
    },
  );

  it('puts p99 at a slow leaf once a request waits for a few of them', () => {
    const few = run(1).endpoints.answer?.latencyMs.p50 ?? 0;
    const many = run(20).endpoints.answer?.latencyMs.p99 ?? 0;
    expect(few).toBeLessThan(10);
    expect(many).toBeGreaterThan(900);
  });

  it('hedging at p95 leaves almost no request slow, for a few per cent more leaf calls', () => {
    const plain = run(50);
    const hedged = run(50, true);
    expect(slowOf(hedged)).toBeLessThan(0.03);
    expect(slowOf(plain)).toBeGreaterThan(0.3);
    const extra = (hedged.services.leaf?.attempts ?? 0) / (plain.services.leaf?.attempts ?? 1) - 1;
    expect(extra).toBeGreaterThan(0.02);
    expect(extra).toBeLessThan(0.1);
  });

  it('keeps the work of a run roughly constant as k grows', () => {
    expect(fanoutRequests(1)).toEqual({ coarse: 2000, full: 8000 });
    expect(fanoutRequests(100).full).toBe(2000);
    expect(fanoutRequests(100).coarse).toBeLessThan(fanoutRequests(100).full);
  });

  it('refuses a fan-out it cannot build', () => {
    expect(() => fanoutYaml({ leaves: 0 })).toThrow(/leaves must be .* got 0/);
  });
});
