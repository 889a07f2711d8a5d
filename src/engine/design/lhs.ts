// Latin hypercube sampling (McKay, Beckman & Conover 1979): n points in [0, 1)^dim such that, in
// every dimension, each of the n strata [k/n, (k+1)/n) holds exactly one point. The stratum of
// point i in dimension j is a seeded random permutation; its position inside the stratum is a
// seeded uniform. Everything is keyed by Philox (seed, dimension, point), so a design is the same
// on every machine and does not depend on the order it is computed in.
import { philox4x32 } from '../../kernel/philox';

/** Philox stream words: high byte 0x7f, apart from every model stream. */
export const S_LHS_PERMUTE = 0x7f000201;
export const S_LHS_JITTER = 0x7f000202;

export class LhsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LhsError';
  }
}

const words = new Uint32Array(4);
const TWO_POW_32 = 2 ** 32;

/** A double uniform in [0, 1) with 53 random bits from two Philox words. */
function u53(w0: number, w1: number): number {
  return ((w0 >>> 5) * 67108864 + (w1 >>> 6)) / 9007199254740992;
}

/** Uniform whole number in [0, m) for m ≤ 2^32, by rejection so every value is equally likely. */
function below(m: number, seed: number, dim: number, i: number): number {
  const limit = TWO_POW_32 - (TWO_POW_32 % m);
  for (let attempt = 0; ; attempt++) {
    philox4x32(i, S_LHS_PERMUTE, dim, attempt, seed, 0, words);
    for (const w of words) if (w < limit) return w % m;
  }
}

/** A seeded random permutation of 0 … n − 1 (Fisher–Yates). */
export function seededPermutation(n: number, seed: number, dim: number): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const k = below(i + 1, seed, dim, i);
    const t = perm[i] as number;
    perm[i] = perm[k] as number;
    perm[k] = t;
  }
  return perm;
}

/** n × dim points, row-major. Options: `centered` puts each point in the middle of its stratum. */
export function latinHypercube(n: number, dim: number, seed: number, options: { centered?: boolean } = {}): Float64Array {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31)
    throw new LhsError(`Latin hypercube size must be a whole number within [1, 2^31] (got ${n})`);
  if (!Number.isInteger(dim) || dim < 1) throw new LhsError(`Latin hypercube dimension must be a whole number ≥ 1 (got ${dim})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new LhsError(`Latin hypercube seed must be a 32-bit unsigned integer (got ${seed})`);
  const out = new Float64Array(n * dim);
  for (let j = 0; j < dim; j++) {
    const perm = seededPermutation(n, seed, j);
    for (let i = 0; i < n; i++) {
      let u = 0.5;
      if (!options.centered) {
        philox4x32(i, S_LHS_JITTER, j, 0, seed, 0, words);
        u = u53(words[0] as number, words[1] as number);
      }
      // (k + u)/n can round up to (k + 1)/n; the stratum's lower edge keeps the point inside it.
      const k = perm[i] as number;
      const x = (k + u) / n;
      out[i * dim + j] = x < (k + 1) / n ? x : k / n;
    }
  }
  return out;
}
