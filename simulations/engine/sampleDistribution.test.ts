/**
 * Samplers against their distributions' known moments and quantiles. 200,000 draws each: the
 * standard error of a sample mean is σ/√n (0.22% of the mean for an exponential), of a sample
 * quantile about √(p(1 − p)/n)/f(x_p); the tolerances below are at least four standard errors.
 */
import { describe, expect, it } from 'vitest';
import { Random } from './prng.ts';
import { Sampler } from './sampleDistribution.ts';

const N = 200_000;

function draws(sampler: Sampler, seed = 1): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: N }, () => sampler.sample(rng));
}

const meanOf = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs: Float64Array, p: number) => xs.slice().sort()[Math.ceil(p * xs.length) - 1];

describe('samplers', () => {
  it('exponential has its mean', () => {
    // se = 2/√200,000 = 0.0045
    expect(
      Math.abs(meanOf(draws(Sampler.compile({ dist: 'exponential', mean: 2 }))) - 2),
    ).toBeLessThan(0.018);
  });

  it('uniform has its mean and range', () => {
    const xs = draws(Sampler.compile({ dist: 'uniform', min: 1, max: 3 }));
    // se = (2/√12)/√200,000 = 0.0013
    expect(Math.abs(meanOf(xs) - 2)).toBeLessThan(0.006);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...xs)).toBeLessThan(3);
  });

  it('lognormal has its median and p99 (σ = ln(p99/median)/2.3263)', () => {
    const xs = draws(Sampler.compile({ dist: 'lognormal', median: 2, p99: 40 }));
    // Quantile se: median ≈ 0.6%, p99 ≈ 2.5% of the value; allow 3% and 10%.
    expect(Math.abs(quantile(xs, 0.5) / 2 - 1)).toBeLessThan(0.03);
    expect(Math.abs(quantile(xs, 0.99) / 40 - 1)).toBeLessThan(0.1);
  });

  it('mixture draws each part by weight', () => {
    const xs = draws(
      Sampler.compile({
        dist: 'mixture',
        of: [
          { weight: 0.99, value: { dist: 'constant', value: 10 } },
          { weight: 0.01, value: { dist: 'constant', value: 1000 } },
        ],
      }),
    );
    const slow = xs.filter((x) => x === 1000).length / N;
    // se = √(0.01·0.99/200,000) = 0.00022
    expect(Math.abs(slow - 0.01)).toBeLessThan(0.001);
  });

  it('the same seed gives the same stream; another seed another', () => {
    const s = Sampler.compile({ dist: 'lognormal', median: 1, p99: 5 });
    expect(draws(s, 7)).toEqual(draws(s, 7));
    expect(draws(s, 7)).not.toEqual(draws(s, 8));
  });
});
