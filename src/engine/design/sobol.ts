// Sobol' low-discrepancy points in [0, 1)^dim, 32-bit, generated in Gray-code order (Antonov &
// Saleev 1979), with the direction numbers of Joe & Kuo, "Constructing Sobol sequences with
// better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654: the file
// new-joe-kuo-6.21201 from https://web.maths.unsw.edu.au/~fkuo/sobol/ (rows d = 2 … 32 below;
// dimension 1 is the van der Corput sequence, every m_i = 1). Unscrambled points equal
// scipy.stats.qmc.Sobol(d, scramble=False), which uses the same table (test/unit/sobol.test.ts).
//
// Scrambling, keyed by a seed through Philox (never Math.random, so a design is reproducible):
// - 'owen': nested uniform scrambling (Owen 1995). Bit k of a coordinate is flipped by a random
//   bit that depends on the seed, the dimension, k and the k bits above it. It keeps every net
//   property of the unscrambled points and makes each point uniform on [0, 1)^dim, so estimates
//   built on it are unbiased and their spread over seeds measures their error.
// - 'shift': random digital shift, the same random 32-bit XOR for every point of a dimension;
//   cheaper, also keeps the net properties, but only shifts the lattice rather than reshaping it.
import { philox4x32 } from '../../kernel/philox';

/** [s, a, m_1 … m_s] of dimensions 2 … 32 (new-joe-kuo-6.21201). */
const JOE_KUO: readonly (readonly number[])[] = [
  [1, 0, 1],
  [2, 1, 1, 3],
  [3, 1, 1, 3, 1],
  [3, 2, 1, 1, 1],
  [4, 1, 1, 1, 3, 3],
  [4, 4, 1, 3, 5, 13],
  [5, 2, 1, 1, 5, 5, 17],
  [5, 4, 1, 1, 5, 5, 5],
  [5, 7, 1, 1, 7, 11, 19],
  [5, 11, 1, 1, 5, 1, 1],
  [5, 13, 1, 1, 1, 3, 11],
  [5, 14, 1, 3, 5, 5, 31],
  [6, 1, 1, 3, 3, 9, 7, 49],
  [6, 13, 1, 1, 1, 15, 21, 21],
  [6, 16, 1, 3, 1, 13, 27, 49],
  [6, 19, 1, 1, 1, 15, 7, 5],
  [6, 22, 1, 3, 1, 15, 13, 25],
  [6, 25, 1, 1, 5, 5, 19, 61],
  [7, 1, 1, 3, 7, 11, 23, 15, 103],
  [7, 4, 1, 3, 7, 13, 13, 15, 69],
  [7, 7, 1, 1, 3, 13, 7, 35, 63],
  [7, 8, 1, 3, 5, 9, 1, 25, 53],
  [7, 14, 1, 3, 1, 13, 9, 35, 107],
  [7, 19, 1, 3, 1, 5, 27, 61, 31],
  [7, 21, 1, 1, 5, 11, 19, 41, 61],
  [7, 28, 1, 3, 5, 3, 3, 13, 69],
  [7, 31, 1, 1, 7, 13, 1, 19, 1],
  [7, 32, 1, 3, 7, 5, 13, 19, 59],
  [7, 37, 1, 1, 3, 9, 25, 29, 41],
  [7, 41, 1, 3, 5, 13, 23, 1, 55],
  [7, 42, 1, 3, 7, 3, 13, 59, 17],
];

export const SOBOL_MAX_DIM = JOE_KUO.length + 1;
const BITS = 32;
const TWO_POW_32 = 2 ** 32;
/** Philox stream words of the scramblers: high byte 0x7f, apart from every model stream. */
export const S_SOBOL_OWEN = 0x7f000101;
export const S_SOBOL_SHIFT = 0x7f000102;

export type SobolScramble = 'none' | 'owen' | 'shift';

export interface SobolOptions {
  /** Default 'none' (the published points). */
  scramble?: SobolScramble;
  /** 32-bit seed of the scrambling. Default 1. */
  seed?: number;
  /** Index of the first point returned (skipping points keeps the remaining ones a sequence). */
  skip?: number;
}

export class SobolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SobolError';
  }
}

/** The 32 direction numbers v_1 … v_32 of dimension j (0-based), as uint32 with v_k in the top k bits. */
export function directionNumbers(j: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (j === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const row = JOE_KUO[j - 1];
  if (row === undefined) throw new SobolError(`Sobol dimension ${j + 1} is beyond the ${SOBOL_MAX_DIM} embedded`);
  const s = row[0] as number;
  const a = row[1] as number;
  for (let k = 0; k < Math.min(s, BITS); k++) v[k] = ((row[2 + k] as number) * 2 ** (BITS - 1 - k)) >>> 0;
  // Bratley & Fox's recurrence on the primitive polynomial x^s + a_1 x^(s−1) + … + 1.
  for (let k = s; k < BITS; k++) {
    let x = (v[k - s] as number) ^ ((v[k - s] as number) >>> s);
    for (let l = 1; l < s; l++) if ((a >>> (s - 1 - l)) & 1) x ^= v[k - l] as number;
    v[k] = x >>> 0;
  }
  return v;
}

const words = new Uint32Array(4);

/**
 * Owen scrambling of one 32-bit coordinate. One Philox call serves four levels: level 4g + t
 * (t = 0 … 3) reads word t at the bit chosen by the t coordinate bits below the 4g-bit prefix, so
 * every level's flip is its own random function of the full prefix above it.
 */
export function owenScramble(x: number, dim: number, seed: number): number {
  let flips = 0;
  for (let g = 0; g < BITS / 4; g++) {
    const prefix = g === 0 ? 0 : x >>> (BITS - 4 * g);
    philox4x32(prefix, S_SOBOL_OWEN, dim, g, seed, 0, words);
    for (let t = 0; t < 4; t++) {
      const level = 4 * g + t;
      const below = t === 0 ? 0 : (x >>> (BITS - 4 * g - t)) & ((1 << t) - 1);
      const bit = ((words[t] as number) >>> below) & 1;
      flips |= bit << (BITS - 1 - level);
    }
  }
  return (x ^ flips) >>> 0;
}

/** Random digital shift of dimension `dim`: one 32-bit XOR mask for all points. */
export function digitalShift(dim: number, seed: number): number {
  philox4x32(0, S_SOBOL_SHIFT, dim, 0, seed, 0, words);
  return words[0] as number;
}

function checkArgs(n: number, dim: number, skip: number, seed: number): void {
  if (!Number.isInteger(dim) || dim < 1 || dim > SOBOL_MAX_DIM)
    throw new SobolError(`Sobol dimension must be within [1, ${SOBOL_MAX_DIM}] (got ${dim})`);
  if (!Number.isInteger(n) || n < 0) throw new SobolError(`Sobol point count must be a whole number ≥ 0 (got ${n})`);
  if (!Number.isInteger(skip) || skip < 0 || skip + n > TWO_POW_32)
    throw new SobolError(`Sobol points must lie within the first 2^32 (skip ${skip}, n ${n})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new SobolError(`Sobol seed must be a 32-bit unsigned integer (got ${seed})`);
}

/**
 * Points skip … skip + n − 1 of the dim-dimensional sequence, row-major (n × dim), each
 * coordinate an integer multiple of 2^-32 in [0, 1). Balance properties are exact for n a power
 * of two starting at skip 0 (or a multiple of n).
 */
export function sobolPoints(n: number, dim: number, options: SobolOptions = {}): Float64Array {
  const scramble = options.scramble ?? 'none';
  const seed = options.seed ?? 1;
  const skip = options.skip ?? 0;
  checkArgs(n, dim, skip, seed);
  const v = Array.from({ length: dim }, (_, j) => directionNumbers(j));
  const shift = Uint32Array.from({ length: dim }, (_, j) => (scramble === 'shift' ? digitalShift(j, seed) : 0));
  // The first point straight from the Gray code of `skip`, the rest by one XOR each.
  const x = new Uint32Array(dim);
  const gray = (skip ^ Math.floor(skip / 2)) >>> 0;
  for (let j = 0; j < dim; j++) {
    let acc = 0;
    for (let k = 0; k < BITS; k++) if ((gray >>> k) & 1) acc ^= (v[j] as Uint32Array)[k] as number;
    x[j] = acc >>> 0;
  }
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      // Gray code order: point i differs from point i − 1 in the direction number of the lowest
      // zero bit of i − 1 (counted in the absolute index).
      const prev = skip + i - 1;
      const c = lowestZeroBit(prev);
      for (let j = 0; j < dim; j++) x[j] = ((x[j] as number) ^ ((v[j] as Uint32Array)[c] as number)) >>> 0;
    }
    for (let j = 0; j < dim; j++) {
      const raw = x[j] as number;
      const u = scramble === 'owen' ? owenScramble(raw, j, seed) : (raw ^ (shift[j] as number)) >>> 0;
      out[i * dim + j] = u / TWO_POW_32;
    }
  }
  return out;
}

/** Index (0-based) of the lowest zero bit of a whole number below 2^32. */
function lowestZeroBit(i: number): number {
  let c = 0;
  let k = i;
  while (k % 2 === 1) {
    k = (k - 1) / 2;
    c++;
  }
  return c;
}
