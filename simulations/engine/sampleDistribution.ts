/**
 * Distributions compiled to samplers. Every sampler is the same class with a small integer kind, so
 * the hot path makes one monomorphic call and a switch, never a closure per distribution.
 */
import type { Distribution } from '../model/types.ts';
import { inverseNormal, QuantileTable } from './inverseTransform.ts';
import type { Random } from './prng.ts';
import { standardExponential } from './ziggurat.ts';

/** z of the standard normal's 99th percentile: lognormal σ = ln(p99 / median) / Z99. */
export const Z99 = 2.3263;

const CONSTANT = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const LOGNORMAL = 3;
const MIXTURE = 4;

/** Lognormals of median 1 by σ: a model has a few shapes, each sampler of one shares its table. */
const lognormals = new Map<number, QuantileTable>();

function lognormal(sigma: number): QuantileTable {
  let table = lognormals.get(sigma);
  if (table === undefined) {
    // Documents are small, but a long-lived worker sees many: keep the cache bounded.
    if (lognormals.size >= 256) lognormals.clear();
    table = new QuantileTable((u) => Math.exp(sigma * inverseNormal(u)));
    lognormals.set(sigma, table);
  }
  return table;
}

export class Sampler {
  /** The distribution's mean, in milliseconds (used by tests and by capacity estimates). */
  readonly mean: number;
  /** True when every draw is the same number, so no random number is consumed. */
  readonly isConstant: boolean;

  /** constant: value; exponential: mean; uniform: min; lognormal: median. */
  private readonly a: number;
  /** uniform: max − min; lognormal: σ. */
  private readonly b: number;
  private readonly kind: number;
  /** mixture: cumulative weights, the last forced to 1. */
  private readonly cumulative: Float64Array | null;
  private readonly parts: readonly Sampler[] | null;
  /** lognormal: its quantile function at median 1, tabulated (`inverseTransform.ts`). */
  private readonly table: QuantileTable | null;

  private constructor(
    kind: number,
    a: number,
    b: number,
    cumulative: Float64Array | null,
    parts: readonly Sampler[] | null,
    mean: number,
  ) {
    this.kind = kind;
    this.a = a;
    this.b = b;
    this.cumulative = cumulative;
    this.parts = parts;
    this.mean = mean;
    this.isConstant = kind === CONSTANT;
    this.table = kind === LOGNORMAL ? lognormal(b) : null;
  }

  /** Compiles a model distribution (already validated and normalised by the parser). */
  static compile(d: Distribution): Sampler {
    switch (d.dist) {
      case 'constant':
        return new Sampler(CONSTANT, d.value, 0, null, null, d.value);
      case 'exponential':
        return new Sampler(EXPONENTIAL, d.mean, 0, null, null, d.mean);
      case 'uniform':
        return new Sampler(UNIFORM, d.min, d.max - d.min, null, null, (d.min + d.max) / 2);
      case 'lognormal': {
        const sigma = d.median > 0 && d.p99 > d.median ? Math.log(d.p99 / d.median) / Z99 : 0;
        if (sigma === 0) return new Sampler(CONSTANT, d.median, 0, null, null, d.median);
        const mean = d.median * Math.exp((sigma * sigma) / 2);
        return new Sampler(LOGNORMAL, d.median, sigma, null, null, mean);
      }
      case 'mixture': {
        const parts = d.of.map((p) => Sampler.compile(p.value));
        if (parts.length === 1) return parts[0];
        const cumulative = new Float64Array(parts.length);
        let sum = 0;
        let mean = 0;
        d.of.forEach((p, i) => {
          sum += p.weight;
          cumulative[i] = sum;
          mean += p.weight * parts[i].mean;
        });
        cumulative[parts.length - 1] = 1; // weights are normalised; guard rounding
        return new Sampler(MIXTURE, 0, 0, cumulative, parts, mean / sum);
      }
    }
  }

  /** One draw, in milliseconds. */
  sample(rng: Random): number {
    switch (this.kind) {
      case CONSTANT:
        return this.a;
      case EXPONENTIAL:
        // Exact, by ziggurat: most draws need no logarithm (`ziggurat.ts`).
        return this.a * standardExponential(rng);
      case LOGNORMAL:
        // Inverse transform from the table: one uniform draw, scaled by the median.
        return this.a * (this.table as QuantileTable).at(rng.uniform());
      case UNIFORM:
        return this.a + this.b * rng.uniform();
      default: {
        const cumulative = this.cumulative as Float64Array;
        const parts = this.parts as readonly Sampler[];
        const u = rng.uniform();
        let i = 0;
        while (u >= cumulative[i]) i++;
        return parts[i].sample(rng);
      }
    }
  }
}
