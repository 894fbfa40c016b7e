/**
 * The distribution of each backoff delay against its closed form (`backoff.test.ts` checks the
 * exact formulas and the bounds; this file checks the shapes and means statistically).
 *
 * Tolerances: each check draws N = 20,000 delays. A sample mean is within 4 standard errors
 * (σ/√N) of the true mean, and the share of draws below a quantile q within 4·√(q(1−q)/N) of q,
 * except with probability about 6·10⁻⁵ per check; the seeds are fixed, so a run is reproducible,
 * and a different seed would fail a correct formula only that rarely. 4 SE is still tight: for
 * uniform(0, d) it is 0.8% of d/2 on the mean and 1.2 points on a quartile, far below the error
 * any wrong formula makes (e.g. uniform(0, d/2) instead of uniform(0, d) moves the mean 50%).
 */
import { describe, expect, it } from 'vitest';
import { BackoffPolicy } from './backoff.ts';
import { Random } from './prng.ts';

const N = 20_000;
const Z = 4;

function draw(policy: BackoffPolicy, k: number, previous: number, seed: number): number[] {
  const rng = new Random(seed);
  return Array.from({ length: N }, () => policy.delay(k, previous, rng));
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const shareBelow = (xs: readonly number[], t: number) => xs.filter((x) => x < t).length / xs.length;

/** Draws are uniform on [lo, hi): bounds, mean, and the three quartiles. */
function expectUniform(xs: readonly number[], lo: number, hi: number): void {
  expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
  expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
  const sd = (hi - lo) / Math.sqrt(12);
  expect(Math.abs(mean(xs) - (lo + hi) / 2)).toBeLessThan((Z * sd) / Math.sqrt(N));
  for (const q of [0.25, 0.5, 0.75]) {
    const tolerance = Z * Math.sqrt((q * (1 - q)) / N);
    expect(Math.abs(shareBelow(xs, lo + q * (hi - lo)) - q)).toBeLessThan(tolerance);
  }
}

/** The un-jittered exponential delay before retry k. */
const exponential = (base: number, cap: number, k: number) => Math.min(cap, base * 2 ** (k - 1));

describe('backoff delay distributions', () => {
  const base = 20;
  const cap = 1000;

  it('exponential with full jitter is uniform(0, min(cap, base·2^(k−1))) for each k', () => {
    const policy = new BackoffPolicy('exponential', 'full', base, cap);
    for (const k of [1, 2, 4, 6, 7, 10]) {
      expectUniform(draw(policy, k, base, k), 0, exponential(base, cap, k));
    }
  });

  it('exponential with equal jitter is uniform(d/2, d), mean 3d/4', () => {
    const policy = new BackoffPolicy('exponential', 'equal', base, cap);
    for (const k of [1, 3, 6, 9]) {
      const d = exponential(base, cap, k);
      expectUniform(draw(policy, k, base, 100 + k), d / 2, d);
    }
  });

  it('constant backoff jitters around base whatever k is', () => {
    const full = new BackoffPolicy('constant', 'full', base, cap);
    const equal = new BackoffPolicy('constant', 'equal', base, cap);
    for (const k of [1, 5]) {
      expectUniform(draw(full, k, base, 200 + k), 0, base);
      expectUniform(draw(equal, k, base, 300 + k), base / 2, base);
    }
  });

  it('decorrelated below the cap is uniform(base, 3·previous)', () => {
    const policy = new BackoffPolicy('exponential', 'decorrelated', base, cap);
    for (const previous of [base, 50, 300]) {
      expectUniform(draw(policy, 2, previous, 400 + previous), base, 3 * previous);
    }
  });

  it('decorrelated across the cap is uniform(base, 3·previous) censored at the cap', () => {
    // a = base, b = 3·previous > c = cap: P(X = c) = (b − c)/(b − a), and
    // E[X] = ((c² − a²)/2 + c(b − c))/(b − a), E[X²] = ((c³ − a³)/3 + c²(b − c))/(b − a).
    const policy = new BackoffPolicy('exponential', 'decorrelated', base, cap);
    const previous = 500;
    const [a, b, c] = [base, 3 * previous, cap];
    const xs = draw(policy, 5, previous, 500);
    const atCap = (b - c) / (b - a);
    const m1 = ((c * c - a * a) / 2 + c * (b - c)) / (b - a);
    const m2 = ((c ** 3 - a ** 3) / 3 + c * c * (b - c)) / (b - a);
    const sd = Math.sqrt(m2 - m1 * m1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(a);
    expect(Math.max(...xs)).toBe(c);
    expect(Math.abs(mean(xs) - m1)).toBeLessThan((Z * sd) / Math.sqrt(N));
    const shareAtCap = xs.filter((x) => x === c).length / N;
    expect(Math.abs(shareAtCap - atCap)).toBeLessThan(Z * Math.sqrt((atCap * (1 - atCap)) / N));
  });

  it('stays finite and at the cap for the largest retry the format allows (k = 99)', () => {
    for (const jitter of ['none', 'full', 'equal'] as const) {
      const xs = draw(new BackoffPolicy('exponential', jitter, base, cap), 99, base, 600);
      expect(xs.every((x) => Number.isFinite(x) && x >= 0 && x <= cap)).toBe(true);
    }
    expect(new BackoffPolicy('exponential', 'none', base, cap).delay(99, base, new Random(1))).toBe(
      cap,
    );
  });
});
