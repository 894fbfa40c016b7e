import { describe, expect, it } from 'vitest';
import { inverseNormal, QuantileTable } from './inverseTransform.ts';
import { Z99 } from './sampleDistribution.ts';

describe('inverseNormal', () => {
  it('gives the standard normal quantiles to nine digits', () => {
    // Reference values of Φ⁻¹ (e.g. Abramowitz and Stegun, table 26.5).
    expect(inverseNormal(0.5)).toBe(0);
    expect(inverseNormal(0.975)).toBeCloseTo(1.959963985, 8);
    expect(inverseNormal(0.99)).toBeCloseTo(2.326347874, 8);
    expect(inverseNormal(0.001)).toBeCloseTo(-3.090232306, 8);
    expect(inverseNormal(1e-9)).toBeCloseTo(-5.997807015, 6);
    expect(inverseNormal(0.3)).toBeCloseTo(-inverseNormal(0.7), 12);
  });
});

describe('QuantileTable', () => {
  const cases = [
    { name: 'exponential of mean 1', q: (u: number) => -Math.log(1 - u) },
    {
      name: 'the network lognormal (median 1, p99 8)',
      q: (u: number) => Math.exp((Math.log(8) / Z99) * inverseNormal(u)),
    },
  ];
  it.each(cases)('interpolates the $name within 3·10⁻⁴ of its quantile', ({ q }) => {
    const table = new QuantileTable(q);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const u = i / 200_000;
      if (u === 0) continue;
      worst = Math.max(worst, Math.abs(table.at(u) - q(u)));
    }
    expect(worst).toBeLessThan(3e-4);
  });

  it('is exact in the tails, where the percentiles that matter live', () => {
    const q = (u: number) => -Math.log(1 - u);
    const table = new QuantileTable(q);
    for (const u of [0.001, 0.005, 0.99, 0.995, 0.999, 0.9999999]) expect(table.at(u)).toBe(q(u));
  });
});
