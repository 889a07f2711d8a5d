// Small goodness-of-fit helpers for the RNG tests: sample moments with their standard errors,
// the one-sample Kolmogorov–Smirnov statistic, and Pearson's chi-square.
import { normInv64 } from '../../src/rng/distributions';

export interface Moments {
  n: number;
  mean: number;
  variance: number;
  /** Standard error of the mean, sqrt(variance / n). */
  seMean: number;
  /** Standard error of the sample variance, sqrt((m4 − variance²) / n) (large-n formula). */
  seVariance: number;
}

export function moments(xs: ArrayLike<number>): Moments {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i];
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  return { n, mean, variance, seMean: Math.sqrt(variance / n), seVariance: Math.sqrt(Math.max(m4 - variance * variance, 0) / n) };
}

/** sup |F_n(x) − F(x)| of the sample against a continuous CDF. */
export function ksStatistic(xs: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(xs).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * Asymptotic KS critical value: P(D > c) ≈ alpha for c = sqrt(−ln(alpha / 2) / 2) / sqrt(n)
 * (the leading term of the Kolmogorov series; accurate for n in the thousands).
 */
export function ksCritical(n: number, alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let chi2 = 0;
  for (let i = 0; i < observed.length; i++) chi2 += (observed[i] - expected[i]) ** 2 / expected[i];
  return chi2;
}

/** Upper-alpha chi-square quantile by the Wilson–Hilferty cube approximation (df ≥ 1). */
export function chiSquareCritical(df: number, alpha: number): number {
  const z = normInv64(1 - alpha);
  const h = 2 / (9 * df);
  return df * (1 - h + z * Math.sqrt(h)) ** 3;
}

/**
 * Chi-square of integer samples against a pmf over 0, 1, 2, …. Neighbouring values are merged
 * from the left until each cell expects at least 5 counts; whatever remains (including the tail
 * beyond the last value the pmf reaches) joins the last cell.
 */
export function chiSquareDiscrete(xs: ArrayLike<number>, pmf: (k: number) => number): { chi2: number; df: number } {
  const n = xs.length;
  const expected: number[] = [];
  const cellOf: number[] = [];
  let acc = 0;
  let mass = 0;
  for (let k = 0; 1 - mass > 1e-12; k++) {
    if (k > 1e6) throw new Error('pmf does not converge');
    const p = pmf(k);
    mass += p;
    acc += p * n;
    cellOf.push(expected.length);
    if (acc >= 5) {
      expected.push(acc);
      acc = 0;
    }
  }
  const last = expected.length - 1;
  expected[last] += acc + Math.max(0, 1 - mass) * n;
  const observed = new Array<number>(expected.length).fill(0);
  for (let i = 0; i < n; i++) observed[Math.min(cellOf[xs[i]] ?? last, last)]++;
  return { chi2: chiSquare(observed, expected), df: expected.length - 1 };
}
