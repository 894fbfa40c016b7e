import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import { availabilityError, chainAvailability, chainModel, chainYaml } from './chain.ts';
import { applyControls } from './controls.ts';

const run = (hops: number, p: number, inProcess = false, seed = 1) =>
  simulateSync(
    applyControls(chainModel({ hops, inProcess }), [{ control: 'networkErrors', value: p }]),
    { seed, requests: 6000 },
  );

describe('chain', () => {
  it('makes n remote hops per request, and none in one process', () => {
    expect(simulateSync(chainModel({ hops: 7 }), { requests: 200 }).syncCallsPerRequest).toBe(7);
    expect(
      simulateSync(chainModel({ hops: 7, inProcess: true }), { requests: 200 }).syncCallsPerRequest,
    ).toBe(0);
  });

  it.each([
    [1, 0.01],
    [5, 0.01],
    [10, 0.02],
    [20, 0.005],
  ])('%i hops at p = %f succeed with (1 − p)ⁿ, within binomial tolerance', (hops, p) => {
    const report = run(hops, p);
    const theory = chainAvailability(hops, p);
    expect(Math.abs(report.overall.availability - theory)).toBeLessThan(
      3 * availabilityError(theory, report.requests),
    );
  });

  it('loses nothing in one process, whatever the network error rate', () => {
    expect(run(20, 0.05, true).overall.availability).toBe(1);
  });

  it('refuses a chain it cannot build, naming the value', () => {
    expect(() => chainYaml({ hops: 0 })).toThrow(/hops must be .* got 0/);
    expect(() => chainYaml({ hops: 2.5 })).toThrow(/got 2.5/);
    expect(() => chainAvailability(3, 1.5)).toThrow(/got 1.5/);
  });
});
