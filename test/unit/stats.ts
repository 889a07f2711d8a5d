// Small goodness-of-fit helpers for the statistical tests: sample moments with their standard
// errors, the one-sample Kolmogorov–Smirnov statistic, Pearson's chi-square, tolerances built
// from standard errors, the seeds each suite runs over and an offline pass-rate sweep.
import { appendFileSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { normInv64 } from '../../src/kernel/distributions';

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

// ---------------------------------------------------------------------------------------------
// Tolerances from standard errors, and the seeds every statistical suite runs over.
//
// The rule: a statistical tolerance is z standard errors (SE) of the quantity it checks, and each
// check says where its SE comes from. Z = 4 is a two-sided normal tail of 6.3e-5 per check, so the
// few hundred checks these suites make over their seeds fail by chance with probability of order
// 1e-2 in all; the chi-square and KS checks use ALPHA_GOF = 1e-4 for the same reason.

/** The default z of a two-sided check: P(|Z| > 4) = 6.3e-5. */
export const Z = 4;
/** The default significance of a goodness-of-fit (KS, chi-square) check, as a one-sided tail. */
export const ALPHA_GOF = 1e-4;

/** SE of a binomial proportion p estimated from n trials: sqrt(p(1 − p)/n). */
export function binomialSE(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/** z SE of a binomial proportion: z·sqrt(p(1 − p)/n). */
export function binomialTolerance(p: number, n: number, z = Z): number {
  return z * binomialSE(p, n);
}

/**
 * SE of a sample standard deviation s of n draws whose kurtosis is κ (3 for a normal; not the
 * excess): Var(s²) ≈ σ⁴(κ − 1)/n, and by the delta method SE(s) ≈ σ·sqrt((κ − 1)/(4n)).
 */
export function sdSE(sd: number, kurtosis: number, n: number): number {
  return sd * Math.sqrt((kurtosis - 1) / (4 * n));
}

/**
 * SE of Spearman's rank correlation near ρ from n pairs of a Gaussian copula: Fieller, Hartley &
 * Pearson (Biometrika 44, 1957) give Var(atanh r_s) ≈ 1.06/(n − 3); the delta method turns that
 * into (1 − ρ²)·sqrt(1.06/(n − 3)). For independent ranks the exact value is 1/sqrt(n − 1).
 */
export function spearmanSE(rho: number, n: number): number {
  return rho === 0 ? 1 / Math.sqrt(n - 1) : (1 - rho * rho) * Math.sqrt(1.06 / (n - 3));
}

/** SE of the sample p-quantile of n draws whose density there is f: sqrt(p(1 − p)/n)/f. */
export function quantileSE(p: number, n: number, density: number): number {
  return binomialSE(p, n) / density;
}

/**
 * The seeds a statistical suite runs over: `defaults`, or those in HEADROOM_TEST_SEEDS ("101-120",
 * "5,9,13" or a mix) for an offline pass-rate sweep (see sweepReport below).
 */
export function testSeeds(defaults: readonly number[]): number[] {
  const spec = typeof process !== 'undefined' ? process.env.HEADROOM_TEST_SEEDS : undefined;
  if (!spec) return [...defaults];
  const seeds: number[] = [];
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a) || (b !== undefined && !Number.isInteger(b))) throw new Error(`HEADROOM_TEST_SEEDS: bad part '${part}'`);
    for (let s = a as number; s <= (b ?? (a as number)); s++) seeds.push(s);
  }
  return seeds;
}

interface CheckRecord {
  label: string;
  value: number;
  reference: number;
  /** Pass when |value − reference| ≤ tolerance ('both'), value < tolerance ('below') or value > tolerance ('above'). */
  tolerance: number;
  /** The SE the tolerance was built from, when there is one: z = (value − reference)/se. */
  se?: number;
  /** 'value': a recorded value, no check (recordValue). */
  side: 'both' | 'below' | 'above' | 'value';
}

/** With HEADROOM_STATS_LOG=FILE, each check appends one JSON line to FILE for sweepReport. */
function record(r: CheckRecord): void {
  const file = typeof process !== 'undefined' ? process.env.HEADROOM_STATS_LOG : undefined;
  if (file) appendFileSync(file, `${JSON.stringify(r)}\n`);
}

/**
 * Asserts |actual − expected| ≤ tolerance and records the check. Give `se` when the tolerance is
 * z·se, so that a sweep can report the deviations in SE units.
 */
export function expectNear(actual: number, expected: number, tolerance: number, label: string, se?: number): void {
  record({ label, value: actual, reference: expected, tolerance, se, side: 'both' });
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected} ± ${tolerance}`).toBeLessThanOrEqual(tolerance);
}

/** Asserts actual ≤ bound and records the check (one-sided: a test statistic under its critical value). */
export function expectBelow(actual: number, bound: number, label: string): void {
  record({ label, value: actual, reference: 0, tolerance: bound, side: 'below' });
  expect(actual, `${label}: ${actual} ≥ ${bound}`).toBeLessThan(bound);
}

/** Records a value and its SE without asserting anything: a sweep then compares its spread with the SE. */
export function recordValue(label: string, value: number, se: number): void {
  record({ label, value, reference: 0, tolerance: 0, se, side: 'value' });
}

/** Asserts actual > bound and records the check (one-sided). */
export function expectAbove(actual: number, bound: number, label: string): void {
  record({ label, value: actual, reference: 0, tolerance: bound, side: 'above' });
  expect(actual, `${label}: ${actual} ≤ ${bound}`).toBeGreaterThan(bound);
}

function passes(r: CheckRecord): boolean {
  if (r.side === 'both') return Math.abs(r.value - r.reference) <= r.tolerance;
  if (r.side === 'below') return r.value < r.tolerance;
  if (r.side === 'above') return r.value > r.tolerance;
  return true;
}

/** How close a check came to failing: |deviation|/tolerance, value/bound or bound/value; < 1 passes. */
function margin(r: CheckRecord): number {
  if (r.side === 'both') return Math.abs(r.value - r.reference) / r.tolerance;
  if (r.side === 'below') return r.value / r.tolerance;
  if (r.side === 'above') return r.tolerance / r.value;
  return NaN;
}

/**
 * Pass rates and SE calibration of a sweep log, one line per check label: runs, passes, the
 * closest call (|deviation|/tolerance, or the ratio to a one-sided bound; < 1 passed) and, where
 * an SE was recorded, the mean and sd of the deviations in SE units (about 0 and 1 when the SE is
 * honest; an sd well under 1 means it is conservative) and the sd of the values over their mean SE
 * (the same question where there is no reference value). Offline, not in CI:
 *
 *   HEADROOM_TEST_SEEDS=101-120 HEADROOM_STATS_LOG=/tmp/stats.jsonl npx vitest run test/unit/model.test.ts
 *   npx tsx -e 'import("./test/unit/stats.ts").then((m) => console.log(m.sweepReport("/tmp/stats.jsonl")))'
 */
export function sweepReport(file: string): string {
  const by = new Map<string, CheckRecord[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as CheckRecord;
    const list = by.get(r.label) ?? [];
    list.push(r);
    by.set(r.label, list);
  }
  const rows = ['runs  pass  closest call  mean z  sd z  sd/se  check'];
  for (const [label, list] of by) {
    const pass = list.filter(passes).length;
    const worst = list[0]?.side === 'value' ? NaN : Math.max(...list.map(margin));
    const zs = list
      .filter((r) => r.side !== 'value' && r.se !== undefined && r.se > 0)
      .map((r) => (r.value - r.reference) / (r.se as number));
    const zMean = zs.length ? zs.reduce((a, z) => a + z, 0) / zs.length : NaN;
    const zSd = zs.length > 1 ? Math.sqrt(zs.reduce((a, z) => a + (z - zMean) ** 2, 0) / (zs.length - 1)) : NaN;
    // The spread of the values themselves against their mean SE: the SE's honesty when no reference is known.
    const withSe = list.filter((r) => r.se !== undefined && r.se > 0);
    const vMean = withSe.reduce((a, r) => a + r.value, 0) / withSe.length;
    const vSd = Math.sqrt(withSe.reduce((a, r) => a + (r.value - vMean) ** 2, 0) / (withSe.length - 1));
    const spread = withSe.length > 1 ? vSd / (withSe.reduce((a, r) => a + (r.se as number), 0) / withSe.length) : NaN;
    const f = (x: number, w: number, d: number) => (Number.isNaN(x) ? '' : x.toFixed(d)).padStart(w);
    const counts = `${String(list.length).padStart(4)}  ${String(pass).padStart(4)}`;
    rows.push(`${counts}  ${f(worst, 12, 3)}  ${f(zMean, 6, 2)}  ${f(zSd, 4, 2)}  ${f(spread, 5, 2)}  ${label}`);
  }
  return rows.join('\n');
}
