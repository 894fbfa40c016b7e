/**
 * The one random source of a simulation.
 *
 * xoshiro128** (Blackman and Vigna, 2018): 128 bits of state, period 2^128 − 1, passes BigCrush and
 * PractRand, and needs only 32-bit integer operations, which JavaScript engines run at full speed
 * (`Math.imul`, `>>>`). A 64-bit generator (PCG64, xoshiro256**) would need BigInt or pairs of
 * numbers in JavaScript and be several times slower; `Math.random` cannot be seeded. The state is
 * filled from the seed with splitmix32, so nearby seeds give unrelated streams.
 *
 * Uniforms carry 32 bits of resolution. That is plenty here: the largest exponential it can draw is
 * 32·ln 2 ≈ 22.2 means, which a true exponential exceeds with probability e^−22 ≈ 3·10^−10, far
 * below one event in the largest run (5,000,000 requests).
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Normals come in pairs; the second waits here. */

  /** @param seed any finite number; only its integer part (mod 2^32) matters. */
  constructor(seed: number) {
    let x = Math.trunc(seed) >>> 0;
    const next = (): number => {
      // splitmix32: a well-mixed sequence from any seed, including 0.
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // xoshiro's state must not be all zero; splitmix32 cannot produce four zeros, but be explicit.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() * 2.3283064365386963e-10; // 2^−32
  }
}
