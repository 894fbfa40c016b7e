import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankOf, summarise } from './samples.ts';
import { selectRank } from './selectRank.ts';

describe('exact percentiles', () => {
  it('selectRank finds the k-th smallest, as a sort would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, r) => {
          const a = Float64Array.from(xs);
          const sorted = Float64Array.from(xs).sort();
          const k = r % xs.length;
          selectRank(a, k);
          expect(a[k]).toBe(sorted[k]);
          for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]);
          for (let i = k + 1; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]);
        },
      ),
    );
  });

  it('summarise gives nearest-rank percentiles of 1 … 1000', () => {
    const a = Float64Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(summarise(a)).toEqual({
      mean: 500.5,
      p50: 500,
      p90: 900,
      p95: 950,
      p99: 990,
      p999: 999,
      max: 1000,
    });
    expect(rankOf(0.5, 1)).toBe(0);
  });
});

describe('latency CDF', () => {
  it('is non-decreasing, ends at the maximum and agrees with the percentiles', () => {
    const a = Float64Array.from({ length: 10_007 }, (_, i) => (i * 7919) % 10_007);
    const { summary, cdf } = summarise(a, true);
    expect(cdf.levels.at(-1)).toBe(1);
    expect(cdf.values.at(-1)).toBe(summary.max);
    for (let i = 1; i < cdf.values.length; i++) {
      expect(cdf.values[i]).toBeGreaterThanOrEqual(cdf.values[i - 1]);
    }
    expect(cdf.values[cdf.levels.indexOf(0.5)]).toBe(summary.p50);
    expect(cdf.values[cdf.levels.indexOf(0.99)]).toBe(summary.p99);
  });
});
