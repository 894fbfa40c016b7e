/**
 * Exact exponential draws by Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating
 * Random Variables", J. Stat. Software 5(8), 2000): the density is covered by 256 layers of equal
 * area; a draw picks a layer and a point in it, and ~99% of draws land inside the density's
 * rectangle under that layer, costing one 32-bit draw, a multiplication and a comparison. Only
 * the rest evaluate an exponential (a layer's edge) or a logarithm (the tail beyond R).
 *
 * Exponentials are most of a model's draws (every gap between Poisson arrivals, most work and
 * queries), and −ln(1 − u) took about 15 ns of V8's `Math.log` per draw against about 6 here
 * (measured, 20 million draws). The result has the exponential's distribution exactly; only the
 * random stream differs from inversion.
 *
 * One 32-bit draw gives both the layer (its low 8 bits) and the point (its high 24 bits), so the
 * two are independent bits; 24 bits place a point within a layer to 2⁻²⁴ of its width.
 */
import type { Random } from './prng.ts';

/** Where the tail starts (the base layer's right edge), for 256 layers. */
const R = 7.69711747013105;
/** Area of each layer (and of the base layer with its tail). */
const V = 3.949659822581572e-3;
/** 2²⁴: points are 24-bit integers. */
const M = 16777216;

/** `point < K[i]`: the point lies under the density in layer i for sure. */
const K = new Uint32Array(256);
/** Layer i's width per unit of point: x = point × W[i]. */
const W = new Float64Array(256);
/** The density at layer i's upper edge. */
const F = new Float64Array(256);

{
  let de = R;
  let te = de;
  const q = V / Math.exp(-de);
  K[0] = Math.floor((de / q) * M);
  K[1] = 0;
  W[0] = q / M;
  W[255] = de / M;
  F[0] = 1;
  F[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(V / de + Math.exp(-de));
    K[i + 1] = Math.floor((de / te) * M);
    te = de;
    F[i] = Math.exp(-de);
    W[i] = de / M;
  }
}

/** One draw of the exponential of mean 1. */
export function standardExponential(rng: Random): number {
  for (;;) {
    const bits = rng.nextUint32();
    const i = bits & 255;
    const point = bits >>> 8;
    if (point < K[i]) return point * W[i];
    // The tail beyond R is R plus an exponential again (memorylessness), drawn by inversion.
    if (i === 0) return R - Math.log(1 - rng.uniform());
    // Between the rectangle and the layer's edge: accept under the density.
    const x = point * W[i];
    if (F[i] + rng.uniform() * (F[i - 1] - F[i]) < Math.exp(-x)) return x;
  }
}
