// Variance-based global sensitivity indices from model values on a Saltelli design: first-order
// S_i by the estimator of Saltelli et al. (2010, Table 2 (b)), total effect S_Ti by Jansen's
// (1999; Table 2 (f) there), each with a bootstrap percentile confidence interval (resampling base
// rows j, with A_j, B_j and every AB_i,j kept together; seeded by Philox so it is reproducible).
import { philox4x32 } from '../kernel/philox';
import { rowA, rowAB, rowB, saltelliDesign, scaleRows, type SaltelliOptions } from './saltelli';

/** Philox stream word of the bootstrap, high byte 0x7f like every design stream. */
export const S_BOOTSTRAP = 0x7f000301;

export interface SensitivityIndices {
  n: number;
  d: number;
  /** Variance of the output over A and B (0: a constant output, every index is then 0). */
  variance: number;
  S1: Float64Array;
  ST: Float64Array;
  /** Bootstrap percentile interval at `confidence`. */
  S1Low: Float64Array;
  S1High: Float64Array;
  STLow: Float64Array;
  STHigh: Float64Array;
  confidence: number;
  resamples: number;
}

export interface IndexOptions {
  /** Bootstrap resamples. Default 200 (0: intervals are the point estimate). */
  resamples?: number;
  /** Default 0.95. */
  confidence?: number;
  seed?: number;
}

/** S1 and ST from the rows `rows` (base row numbers, repeats allowed) into s1/st. */
function estimate(y: ArrayLike<number>, n: number, d: number, rows: ArrayLike<number>, s1: Float64Array, st: Float64Array): number {
  const m = rows.length;
  let sum = 0;
  for (let k = 0; k < m; k++) sum += (y[rowA(rows[k] as number)] as number) + (y[rowB(n, rows[k] as number)] as number);
  // Centring changes no estimator's expectation but keeps products of large values from cancelling.
  const c = sum / (2 * m);
  let v = 0;
  for (let k = 0; k < m; k++) {
    const a = (y[rowA(rows[k] as number)] as number) - c;
    const b = (y[rowB(n, rows[k] as number)] as number) - c;
    v += a * a + b * b;
  }
  v /= 2 * m;
  for (let i = 0; i < d; i++) {
    let first = 0;
    let total = 0;
    for (let k = 0; k < m; k++) {
      const j = rows[k] as number;
      const a = (y[rowA(j)] as number) - c;
      const b = (y[rowB(n, j)] as number) - c;
      const ab = (y[rowAB(n, i, j)] as number) - c;
      first += b * (ab - a);
      total += (a - ab) * (a - ab);
    }
    s1[i] = v > 0 ? first / m / v : 0;
    st[i] = v > 0 ? total / (2 * m) / v : 0;
  }
  return v;
}

/** Linear-interpolation quantile of sorted values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Indices from y, the model's values on a Saltelli design of n base rows and d inputs. */
export function sobolIndices(y: ArrayLike<number>, n: number, d: number, options: IndexOptions = {}): SensitivityIndices {
  if (y.length !== n * (d + 2)) throw new RangeError(`sobolIndices: expected n (d + 2) = ${n * (d + 2)} values, got ${y.length}`);
  for (let k = 0; k < y.length; k++)
    if (!Number.isFinite(y[k] as number)) throw new RangeError(`sobolIndices: value ${k} is not finite (${y[k]})`);
  const resamples = options.resamples ?? 200;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(resamples) || resamples < 0) throw new RangeError('sobolIndices: resamples must be a whole number ≥ 0');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('sobolIndices: confidence must be within (0, 1)');
  const S1 = new Float64Array(d);
  const ST = new Float64Array(d);
  const all = Uint32Array.from({ length: n }, (_, j) => j);
  const variance = estimate(y, n, d, all, S1, ST);
  const out: SensitivityIndices = {
    n,
    d,
    variance,
    S1,
    ST,
    confidence,
    resamples,
    S1Low: S1.slice(),
    S1High: S1.slice(),
    STLow: ST.slice(),
    STHigh: ST.slice(),
  };
  if (resamples === 0) return out;
  const boot1 = Array.from({ length: d }, () => new Float64Array(resamples));
  const bootT = Array.from({ length: d }, () => new Float64Array(resamples));
  const rows = new Uint32Array(n);
  const words = new Uint32Array(4);
  const s1 = new Float64Array(d);
  const st = new Float64Array(d);
  for (let r = 0; r < resamples; r++) {
    // floor(w·n / 2^32): bias below n / 2^32, far under the bootstrap's own noise.
    for (let j = 0; j < n; j++) {
      philox4x32(j, S_BOOTSTRAP, r, 0, seed, 0, words);
      rows[j] = Math.floor(((words[0] as number) * n) / 2 ** 32);
    }
    estimate(y, n, d, rows, s1, st);
    for (let i = 0; i < d; i++) {
      (boot1[i] as Float64Array)[r] = s1[i] as number;
      (bootT[i] as Float64Array)[r] = st[i] as number;
    }
  }
  const tail = (1 - confidence) / 2;
  for (let i = 0; i < d; i++) {
    const b1 = (boot1[i] as Float64Array).sort();
    const bT = (bootT[i] as Float64Array).sort();
    out.S1Low[i] = quantileSorted(b1, tail);
    out.S1High[i] = quantileSorted(b1, 1 - tail);
    out.STLow[i] = quantileSorted(bT, tail);
    out.STHigh[i] = quantileSorted(bT, 1 - tail);
  }
  return out;
}

/**
 * Designs, evaluates and analyses in one call: f on n (d + 2) points of the box [lo, hi]
 * (default the unit cube), then sobolIndices. For models cheap enough to call in a loop.
 */
export function estimateSensitivity(
  f: (x: Float64Array) => number,
  d: number,
  n: number,
  options: IndexOptions & SaltelliOptions & { lo?: readonly number[]; hi?: readonly number[] } = {},
): SensitivityIndices {
  const design = saltelliDesign(n, d, options);
  const points = options.lo && options.hi ? scaleRows(design.points, options.lo, options.hi) : design.points;
  const y = new Float64Array(n * (d + 2));
  for (let k = 0; k < y.length; k++) y[k] = f(points.subarray(k * d, (k + 1) * d));
  return sobolIndices(y, n, d, options);
}
