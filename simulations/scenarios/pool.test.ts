import { describe, expect, it } from 'vitest';
import { simulateSync } from '../simulate.ts';
import {
  erlangC,
  meanResponse,
  POOL_WORK_MS,
  poolCapacity,
  poolLabel,
  poolModel,
  poolYaml,
  responseQuantile,
} from './pool.ts';

describe('Erlang C', () => {
  it('agrees with textbook values', () => {
    // One server: the chance of waiting is the utilisation.
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12);
    // Two servers at 1 Erlang: C = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('waits less often in a bigger pool at the same utilisation', () => {
    expect(erlangC(16, 12.8)).toBeLessThan(erlangC(4, 3.2));
    expect(erlangC(4, 3.2)).toBeLessThan(erlangC(1, 0.8));
  });

  it('gives M/M/1 its exponential response time', () => {
    // M/M/1: response time is exponential at μ − λ, so p99 = ln(100) / (μ − λ).
    expect(responseQuantile(1, 0.2, 4, 0.99)).toBeCloseTo(Math.log(100) / (0.25 - 0.2), 6);
  });
});

describe('pool', () => {
  it('gives every configuration the same cores', () => {
    for (const pools of [1, 2, 4, 8, 16]) {
      const report = simulateSync(poolModel({ pools }), { requests: 500 });
      expect(report.overall.cores).toBe(16);
    }
    expect(poolLabel(4)).toBe('4 pools of 4 cores');
    expect(poolLabel(16)).toBe('16 pools of 1 core');
  });

  it.each([1, 4, 16])(
    '%i pools at 80%% of capacity match the M/M/c mean and p99 of Erlang C',
    (pools) => {
      const rate = 0.8 * poolCapacity();
      const report = simulateSync(poolModel({ pools, rate }), { seed: 2, requests: 80_000 });
      const c = 16 / pools;
      const lambda = rate / pools / 1000;
      expect(report.overall.latencyMs.mean).toBeGreaterThan(
        0.9 * meanResponse(c, lambda, POOL_WORK_MS),
      );
      expect(report.overall.latencyMs.mean).toBeLessThan(
        1.1 * meanResponse(c, lambda, POOL_WORK_MS),
      );
      const p99 = responseQuantile(c, lambda, POOL_WORK_MS, 0.99);
      expect(report.overall.latencyMs.p99).toBeGreaterThan(0.85 * p99);
      expect(report.overall.latencyMs.p99).toBeLessThan(1.15 * p99);
    },
  );

  it('refuses a split that does not divide the cores', () => {
    expect(() => poolYaml({ pools: 3 })).toThrow(/divides 16, got 3/);
  });
});
