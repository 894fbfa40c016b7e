/**
 * Quantiles of the model's duration distributions, for the static latency estimates. Closed forms
 * where there is one; a mixture is inverted by bisection on its distribution function.
 */
import type { Distribution } from '../model/types.ts';

/** The 99th percentile of the standard normal, as the model defines the lognormal's σ. */
const Z99 = 2.3263;

/** The value below which a share `q` (0 < q < 1) of draws fall. */
export function quantile(d: Distribution, q: number): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
      return -d.mean * Math.log(1 - q);
    case 'uniform':
      return d.min + q * (d.max - d.min);
    case 'lognormal': {
      if (d.median <= 0) return 0;
      const sigma = Math.log(d.p99 / d.median) / Z99;
      return d.median * Math.exp(sigma * inverseNormal(q));
    }
    case 'mixture': {
      let lo = 0;
      let hi = Math.max(0, ...d.of.map((part) => quantile(part.value, 1 - (1 - q) / 100)));
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (cdf(d, mid) < q) lo = mid;
        else hi = mid;
      }
      return hi;
    }
  }
}

/** P(draw ≤ x). */
export function cdf(d: Distribution, x: number): number {
  switch (d.dist) {
    case 'constant':
      return x >= d.value ? 1 : 0;
    case 'exponential':
      return d.mean <= 0 ? 1 : x <= 0 ? 0 : 1 - Math.exp(-x / d.mean);
    case 'uniform':
      if (d.max <= d.min) return x >= d.min ? 1 : 0;
      return Math.min(1, Math.max(0, (x - d.min) / (d.max - d.min)));
    case 'lognormal': {
      if (x <= 0) return 0;
      const sigma = Math.log(d.p99 / d.median) / Z99;
      if (sigma <= 0) return x >= d.median ? 1 : 0;
      return normalCdf(Math.log(x / d.median) / sigma);
    }
    case 'mixture':
      return d.of.reduce((sum, part) => sum + part.weight * cdf(part.value, x), 0);
  }
}

function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7, ample for a latency budget. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const y = 1 - poly * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** Acklam's rational approximation of the standard normal's inverse (relative error < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const tail = (q: number) =>
    (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
    ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}
