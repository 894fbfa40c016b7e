/** Backoff delays exactly as the spec defines them. */
import { describe, expect, it } from 'vitest';
import { BackoffPolicy } from './backoff.ts';
import { Random } from './prng.ts';

describe('backoff', () => {
  const rng = new Random(1);

  it('exponential = min(cap, base·2^(k−1)); constant = base; none = 0', () => {
    const exp = new BackoffPolicy('exponential', 'none', 10, 50);
    expect([1, 2, 3, 4, 5].map((k) => exp.delay(k, 0, rng))).toEqual([10, 20, 40, 50, 50]);
    expect(new BackoffPolicy('constant', 'none', 10, 5).delay(3, 0, rng)).toBe(10);
    expect(new BackoffPolicy('none', 'full', 10, 50).delay(3, 0, rng)).toBe(0);
  });

  it('full jitter is uniform(0, d); equal jitter d/2 + uniform(0, d/2)', () => {
    const full = new BackoffPolicy('exponential', 'full', 10, 1000);
    const equal = new BackoffPolicy('exponential', 'equal', 10, 1000);
    let sumFull = 0;
    for (let i = 0; i < 10_000; i++) {
      const f = full.delay(3, 0, rng); // d = 40
      const e = equal.delay(3, 0, rng);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(40);
      expect(e).toBeGreaterThanOrEqual(20);
      expect(e).toBeLessThan(40);
      sumFull += f;
    }
    // Mean 20, se = (40/√12)/100 = 0.115.
    expect(Math.abs(sumFull / 10_000 - 20)).toBeLessThan(0.5);
  });

  it('decorrelated is min(cap, uniform(base, 3·previous))', () => {
    const dec = new BackoffPolicy('exponential', 'decorrelated', 10, 100);
    let previous = 10;
    for (let k = 1; k < 1000; k++) {
      const d = dec.delay(k, previous, rng);
      expect(d).toBeGreaterThanOrEqual(10);
      expect(d).toBeLessThanOrEqual(Math.min(100, 3 * previous));
      previous = d;
    }
  });
});
