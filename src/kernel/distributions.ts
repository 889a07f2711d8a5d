// Distribution samplers, the TypeScript twin of shaders/distributions.wgsl. Every function here
// mirrors the WGSL function of the same name with the same order of operations, rounding to f32
// (Math.fround) after each step, so both backends take the same branches and return the same
// floats except where GPU log/exp/sqrt/division differ in the last ulp. The stream addressing
// contract and the packed layout are documented at the top of the WGSL file.
import {
  DIST_BERNOULLI,
  DIST_FIXED,
  DIST_LOGNORMAL,
  DIST_NORMAL,
  DIST_PERT,
  DIST_PERT_MAX_ATTEMPTS,
  DIST_POISSON,
  DIST_POISSON_MAX_K,
  DIST_TRIANGULAR,
  DIST_UNIFORM,
  F32,
} from './contract';
import { philox4x32, u01 } from './philox';

export const DIST_KIND = {
  fixed: DIST_FIXED,
  uniform: DIST_UNIFORM,
  triangular: DIST_TRIANGULAR,
  normal: DIST_NORMAL,
  lognormal: DIST_LOGNORMAL,
  pert: DIST_PERT,
  bernoulli: DIST_BERNOULLI,
  poisson: DIST_POISSON,
} as const;
export type PackedDist = [number, number, number, number, number];

const fr = Math.fround;
const ONE_MINUS_ULP = fr(F32.DIST_ONE_MINUS_ULP);
const NO_BOUND = fr(F32.DIST_NO_BOUND);
const THIRD = fr(1 / 3);
const PLOW = fr(0.02425);
const PHIGH = fr(0.97575);
// Coefficients as the f32 values the WGSL literals become: Acklam's tail (C, D), Giles' central
// erfinv branch (G, highest order first) and Numerical Recipes' erfcc (E).
const G = [
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941,
].map(fr);
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783].map(
  fr,
);
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416].map(fr);
const E = [1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277].map(
  fr,
);
const SQRT1_2 = fr(Math.SQRT1_2);
const SQRT2 = fr(Math.SQRT2);

const words = new Uint32Array(4);

// The last block of four uniforms drawn, and its counter and key: uniformAt's one-entry cache
// (distributions.wgsl keeps the same, per invocation). A hit returns the word Philox would. The
// counter lives in a typed array, not module-level `let`s, whose every read V8 checks for TDZ.
const block = new Uint32Array(4);
/** key0, key1, draw, stream, block index of `block`; NaN until the first call, so nothing matches. */
const blockAt = new Float64Array(5).fill(Number.NaN);

/**
 * The uniform at `slot` of (draw, stream): word slot mod 4 of the Philox call at counter
 * (draw, stream, ⌊slot / 4⌋, 0), so four neighbouring slots share one call.
 */
export function uniformAt(key0: number, key1: number, draw: number, stream: number, slot: number): number {
  const index = slot >>> 2;
  const at = blockAt;
  if (index !== at[4] || draw !== at[2] || stream !== at[3] || key0 !== at[0] || key1 !== at[1]) {
    philox4x32(draw, stream, index, 0, key0, key1, block);
    at[0] = key0;
    at[1] = key1;
    at[2] = draw;
    at[3] = stream;
    at[4] = index;
  }
  return u01(block[slot & 3] as number);
}

/** Acklam's tail branch, q = sqrt(−2 ln p'). */
export function acklamTail(q: number): number {
  const num = fr(fr(fr(fr(fr(fr(fr(fr(fr(fr(C[0] * q) + C[1]) * q) + C[2]) * q) + C[3]) * q) + C[4]) * q) + C[5]);
  const den = fr(fr(fr(fr(fr(fr(fr(fr(D[0] * q) + D[1]) * q) + D[2]) * q) + D[3]) * q) + 1);
  return fr(num / den);
}

/**
 * Φ⁻¹ in f32, as the GPU computes it: Acklam's tails, Giles' single-precision erfinv in the
 * centre (see the WGSL for why not Acklam's centre). For host-side f64 work use normInv64.
 */
export function normInv(pIn: number): number {
  const p = Math.min(Math.max(fr(pIn), fr(1e-37)), ONE_MINUS_ULP);
  if (p < PLOW) return acklamTail(fr(Math.sqrt(fr(-2 * fr(Math.log(p))))));
  if (p > PHIGH) return -acklamTail(fr(Math.sqrt(fr(-2 * fr(Math.log(fr(1 - p)))))));
  const w = fr(fr(-fr(Math.log(fr(fr(4 * p) * fr(1 - p))))) - 2.5);
  let r = G[0];
  for (let i = 1; i < G.length; i++) r = fr(G[i] + fr(r * w));
  return fr(SQRT2 * fr(r * fr(fr(2 * p) - 1)));
}

/** Φ in f32 (Numerical Recipes erfcc, fractional error < 1.2e-7), as the GPU computes it. */
export function normCdf(xIn: number): number {
  const x = fr(xIn);
  const z = Math.min(fr(Math.abs(x) * SQRT1_2), 9);
  const t = fr(1 / fr(1 + fr(0.5 * z)));
  let poly = fr(fr(E[8] + fr(t * E[9])));
  for (let i = 7; i >= 1; i--) poly = fr(E[i] + fr(t * poly));
  const arg = fr(fr(fr(fr(-z) * z) - E[0]) + fr(t * poly));
  const h = fr(0.5 * fr(t * fr(Math.exp(arg))));
  return x > 0 ? fr(1 - h) : h;
}

export function sampleTriangular(lo: number, mode: number, hi: number, u: number): number {
  const w = fr(hi - lo);
  const fc = fr(fr(mode - lo) / w);
  const x = u < fc ? fr(lo + fr(Math.sqrt(fr(fr(u * w) * fr(mode - lo))))) : fr(hi - fr(Math.sqrt(fr(fr(fr(1 - u) * w) * fr(hi - mode)))));
  return Math.min(Math.max(x, lo), hi);
}

export function sampleNormal(mean: number, sd: number, lo: number, hi: number, u: number): number {
  const hasLo = lo > -NO_BOUND;
  const hasHi = hi < NO_BOUND;
  if (!hasLo && !hasHi) return fr(mean + fr(sd * normInv(u)));
  const a = hasLo ? fr(fr(lo - mean) / sd) : -40;
  const b = hasHi ? fr(fr(hi - mean) / sd) : 40;
  const flip = fr(a + b) > 0;
  const fa = flip ? -b : a;
  const fb = flip ? -a : b;
  const pa = normCdf(fa);
  const pb = normCdf(fb);
  // Mirrored, the interval is walked from 1 − u so x still rises with u (see the WGSL).
  const v = flip ? fr(1 - u) : u;
  let z = Math.min(Math.max(normInv(fr(pa + fr(v * fr(pb - pa)))), fa), fb);
  if (flip) z = -z;
  return Math.min(Math.max(fr(mean + fr(sd * z)), lo), hi);
}

/** One Marsaglia–Tsang attempt for Gamma(alpha ≥ 1); the variate, or −1 when rejected. */
export function gammaTry(alpha: number, w0: number, w1: number): number {
  const d = fr(alpha - THIRD);
  const c = fr(1 / fr(Math.sqrt(fr(9 * d))));
  const z = normInv(u01(w0));
  const t = fr(1 + fr(c * z));
  if (t <= 0) return -1;
  const v = fr(fr(t * t) * t);
  const u = u01(w1);
  const z2 = fr(z * z);
  if (u < fr(1 - fr(fr(fr(0.0331) * z2) * z2))) return fr(d * v);
  const rhs = fr(fr(0.5 * z2) + fr(d * fr(fr(1 - v) + fr(Math.log(v)))));
  if (fr(Math.log(u)) < rhs) return fr(d * v);
  return -1;
}

export function samplePert(
  lo: number,
  range: number,
  alpha: number,
  beta: number,
  key0: number,
  key1: number,
  draw: number,
  stream: number,
  slot: number,
): number {
  let gx = -1;
  let gy = -1;
  // Attempt k at sub = k + 1: sub 0 holds uniformAt's blocks, whose index could equal this slot.
  for (let k = 0; k < DIST_PERT_MAX_ATTEMPTS; k++) {
    philox4x32(draw, stream, slot, k + 1, key0, key1, words);
    if (gx < 0) gx = gammaTry(alpha, words[0], words[1]);
    if (gy < 0) gy = gammaTry(beta, words[2], words[3]);
    if (gx >= 0 && gy >= 0) return fr(lo + fr(range * fr(gx / fr(gx + gy))));
  }
  return fr(lo + fr(range * fr(alpha / fr(alpha + beta))));
}

export function samplePoisson(lambda: number, expNegLambda: number, u: number): number {
  if (lambda >= 30) return Math.max(0, Math.floor(fr(fr(lambda + fr(fr(Math.sqrt(lambda)) * normInv(u))) + 0.5)));
  let k = 0;
  let p = expNegLambda;
  let s = p;
  while (!(u <= s || k >= DIST_POISSON_MAX_K)) {
    k++;
    p = fr(fr(p * lambda) / k);
    const s2 = fr(s + p);
    if (s2 === s) break;
    s = s2;
  }
  return k;
}

/** One variate of packed distribution [kind, p0..p3] at counter (draw, stream, slot, ·). */
export function sampleDist(
  kind: number,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  key0: number,
  key1: number,
  draw: number,
  stream: number,
  slot: number,
): number {
  // The GPU sees the packed floats as f32; round here so callers may pass f64 parameters.
  const a = fr(p0),
    b = fr(p1),
    c = fr(p2),
    d = fr(p3);
  switch (kind) {
    case DIST_KIND.fixed:
      return a;
    case DIST_KIND.pert:
      return samplePert(a, b, c, d, key0, key1, draw, stream, slot);
  }
  const u = uniformAt(key0, key1, draw, stream, slot);
  switch (kind) {
    case DIST_KIND.uniform:
      return fr(a + fr(u * fr(b - a)));
    case DIST_KIND.triangular:
      return sampleTriangular(a, b, c, u);
    case DIST_KIND.normal:
      return sampleNormal(a, b, c, d, u);
    case DIST_KIND.lognormal:
      return fr(Math.exp(fr(a + fr(b * normInv(u)))));
    case DIST_KIND.bernoulli:
      return u < a ? 1 : 0;
    case DIST_KIND.poisson:
      return samplePoisson(a, b, u);
    default:
      return a;
  }
}

// ---- Host-side f64 versions, for parameter set-up, tests and a host Gaussian copula. ----

/** Φ⁻¹ in f64 (Acklam, relative error < 1.15e-9). Returns ∓Infinity at 0 and 1. */
export function normInv64(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const tail = (q: number): number =>
    (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q +
      2.938163982698783) /
    ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 0.97575) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r - 3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r - 1.328068155288572e1) *
      r +
      1)
  );
}

/** Φ in f64 (Numerical Recipes erfcc; fractional error < 1.2e-7 in either tail). */
export function normCdf64(x: number): number {
  const z = Math.abs(x) * Math.SQRT1_2;
  const t = 1 / (1 + 0.5 * z);
  let poly = E64[9];
  for (let i = 8; i >= 1; i--) poly = E64[i] + t * poly;
  const h = 0.5 * t * Math.exp(-z * z - E64[0] + t * poly);
  return x > 0 ? 1 - h : h;
}
const E64 = [1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
