import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valuesAtRanks } from './bucketQuantiles.ts';

/** The values at `ranks` by sorting a copy: the definition the bucket method must match. */
function bySorting(samples: Float64Array, ranks: readonly number[]): number[] {
  const sorted = Float64Array.from(samples).sort();
  return ranks.map((k) => sorted[k] as number);
}

describe('valuesAtRanks', () => {
  it('matches a sort at every rank, for any non-negative samples (ties and zeros included)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 2.5, 1e-9)),
          { minLength: 1, maxLength: 400 },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        (values, picks) => {
          const samples = Float64Array.from(values);
          const ranks = [...new Set(picks.map((p) => p % samples.length))].sort((a, b) => a - b);
          const before = Array.from(samples);
          expect(Array.from(valuesAtRanks(samples, ranks))).toEqual(bySorting(samples, ranks));
          expect(Array.from(samples)).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is exact on a large heavy-tailed sample and on one packed into a single bucket', () => {
    const n = 100_000;
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const heavy = Float64Array.from(
      { length: n },
      () => Math.exp(4 * next()) * -Math.log(1 - next()),
    );
    const packed = Float64Array.from({ length: n }, () => 1 + next() * 1e-6);
    const ranks = [0, 1, 500, 49_999, 50_000, 98_999, 99_900, 99_998, 99_999];
    expect(Array.from(valuesAtRanks(heavy, ranks))).toEqual(bySorting(heavy, ranks));
    expect(Array.from(valuesAtRanks(packed, ranks))).toEqual(bySorting(packed, ranks));
  });
});
