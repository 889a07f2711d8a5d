// Philox4x32-10 counter-based generator, the TypeScript twin of shaders/philox.wgsl. Both must
// return the same 32-bit words for the same (counter, key): the CPU fallback and the WebGPU
// backend then draw identical random numbers. See test/unit/philox.test.ts for the Random123
// known-answer vectors and test/unit/rngGpuParity.test.ts for the bit-for-bit GPU comparison.

import { PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1 } from './contract';

// The multipliers split into 16-bit halves once, so mulhi needs no per-call splitting of `b`.
const M0_HI = PHILOX_M0 >>> 16;
const M0_LO = PHILOX_M0 & 0xffff;
const M1_HI = PHILOX_M1 >>> 16;
const M1_LO = PHILOX_M1 & 0xffff;

/**
 * High word of the 64-bit product a·b for uint32 a and b = bHi·2^16 + bLo, in integer steps as
 * philox.wgsl's mulhi does: the four 16×16-bit partial products are below 2^32, so each is exact
 * and shifts and masks stay on integers (about 3× faster than splitting through floating division).
 */
function mulhiSplit(a: number, bHi: number, bLo: number): number {
  const aHi = a >>> 16;
  const aLo = a & 0xffff;
  const lh = aLo * bHi;
  const hl = aHi * bLo;
  const mid = ((aLo * bLo) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aHi * bHi + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/** High 32 bits of the product of two uint32 values (exported for tests). */
export function mulhi32(a: number, b: number): number {
  return mulhiSplit(a >>> 0, b >>> 16, b & 0xffff);
}

/** Calls of philox4x32 so far: `npm run bench` counts them per site-year (one add per call, ~1 % of its cost). */
export const philoxCalls = { count: 0 };

/**
 * Philox4x32-10 of counter (c0..c3) under key (k0, k1), written into out[0..3] as uint32.
 * Allocation-free so the CPU model can call it in its inner loop.
 */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): void {
  philoxCalls.count++;
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let r = 0; r < 10; r++) {
    // Random123 bumps the key before rounds 2..10.
    if (r > 0) {
      key0 = (key0 + PHILOX_W0) >>> 0;
      key1 = (key1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulhiSplit(x0, M0_HI, M0_LO);
    const lo0 = Math.imul(PHILOX_M0, x0) >>> 0;
    const hi1 = mulhiSplit(x2, M1_HI, M1_LO);
    const lo1 = Math.imul(PHILOX_M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/** 2^-23 */
const INV_2_23 = 1.1920928955078125e-7;

/**
 * Uniform in (0, 1) from the top 23 bits of a word: (k + 0.5)·2^-23, exact in f32 and f64, so it
 * equals the WGSL `u01` bit for bit. Range [2^-24, 1 − 2^-24]: never 0 or 1, and 1 − u is exact.
 * (23 rather than 24 bits because (k + 0.5) for k < 2^24 needs 25 significant bits, which f32
 * does not have: the top word would round up to exactly 1.0.)
 */
export function u01(x: number): number {
  return ((x >>> 9) + 0.5) * INV_2_23;
}
