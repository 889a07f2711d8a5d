// CPU samplers against their analytic distributions. Fixed keys and counters, so every run sees the
// same numbers; each statistical check runs under every key in SEEDS (stats.ts: testSeeds), and its
// tolerance is stated in Monte Carlo standard errors (SE) or as a test's critical value.
import { describe, expect, it } from 'vitest';
import { packDist } from '../../src/engine/packDist';
import { DIST_KIND, normCdf, normCdf64, normInv, normInv64, sampleDist, uniformAt } from '../../src/kernel/distributions';
import type { DistSpec } from '../../src/scenario/schema';
import {
  ALPHA_GOF,
  binomialSE,
  chiSquareCritical,
  chiSquareDiscrete,
  expectBelow,
  expectNear,
  ksCritical,
  ksStatistic,
  moments,
  quantileSE,
  testSeeds,
} from './stats';

/** Philox key word 0 of each run of the statistical checks (word 1 is KEY1). */
const SEEDS = testSeeds([20240611, 1, 2]);
const KEY1 = 3;
const N = 40000;
/**
 * KS and chi-square significance, 1e-4 (was 1e-3): each check is deterministic for its key, and
 * alpha says how unlucky a correct sampler would have to be to fail. About 18 such checks per key
 * and 3 keys make 54: at 1e-3 one of them would fail by chance for 5% of key sets, at 1e-4 for 0.5%.
 */
const ALPHA = ALPHA_GOF;
/** Mean and variance must be within this many SE of the analytic values (two-sided p ≈ 6e-7). */
const K_SE = 5;

function draw(spec: DistSpec, key0: number, n = N, stream = 0x01000001, slot = 2): Float64Array {
  const p = Float32Array.from(packDist(spec));
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sampleDist(p[0], p[1], p[2], p[3], p[4], key0, KEY1, i, stream, slot);
  return xs;
}

const phi = (x: number): number => (Number.isFinite(x) ? Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) : 0);
const xphi = (x: number): number => (Number.isFinite(x) ? x * phi(x) : 0);

/** Truncated normal moments and CDF, taking the upper tail through Φ(−x) to keep precision. */
function truncNormal(mean: number, sd: number, lo = -Infinity, hi = Infinity) {
  const a = (lo - mean) / sd;
  const b = (hi - mean) / sd;
  const upper = a + b > 0;
  const Phi = (z: number): number => (z === -Infinity ? 0 : z === Infinity ? 1 : normCdf64(z));
  const z = upper ? Phi(-a) - Phi(-b) : Phi(b) - Phi(a);
  const m = (phi(a) - phi(b)) / z;
  return {
    mean: mean + sd * m,
    variance: sd * sd * (1 + (xphi(a) - xphi(b)) / z - m * m),
    cdf: (x: number): number => {
      const s = Math.min(Math.max((x - mean) / sd, a), b);
      return upper ? (Phi(-a) - Phi(-s)) / z : (Phi(s) - Phi(a)) / z;
    },
  };
}

/** Beta(α, β) CDF by Simpson integration of the unnormalised density (error ≪ 1e-6 here). */
function betaCdf(alpha: number, beta: number): (x: number) => number {
  const m = 20000;
  const f = (x: number): number => x ** (alpha - 1) * (1 - x) ** (beta - 1);
  const cum = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const x0 = i / m;
    const x1 = (i + 1) / m;
    cum[i + 1] = cum[i] + ((x1 - x0) / 6) * (f(x0) + 4 * f((x0 + x1) / 2) + f(x1));
  }
  return (x: number): number => {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const j = Math.min(Math.floor(x * m), m - 1);
    const t = x * m - j;
    return (cum[j] + t * (cum[j + 1] - cum[j])) / cum[m];
  };
}

interface ContinuousCase {
  name: string;
  spec: DistSpec;
  mean: number;
  variance: number;
  cdf: (x: number) => number;
  lo?: number;
  hi?: number;
}

const ln10 = Math.log(10);
const sigmaLn = Math.log(2) / 1.2815515655446004;
const beta24 = betaCdf(2, 4);
const beta2238 = betaCdf(2.2, 3.8);
const tn = [
  truncNormal(1, 0.5, 0),
  truncNormal(0, 1, -1, 2),
  truncNormal(0, 1, 2.5),
  truncNormal(5, 2, -Infinity, 4),
  truncNormal(0, 1, 6),
];

const CONTINUOUS: ContinuousCase[] = [
  { name: 'uniform', spec: { dist: 'uniform', min: -2, max: 5 }, mean: 1.5, variance: 49 / 12, cdf: (x) => (x + 2) / 7, lo: -2, hi: 5 },
  {
    name: 'triangular',
    spec: { dist: 'triangular', min: 1, mode: 2, max: 6 },
    mean: 3,
    variance: (1 + 4 + 36 - 2 - 6 - 12) / 18,
    cdf: (x) => (x <= 2 ? (x - 1) ** 2 / 5 : 1 - (6 - x) ** 2 / 20),
    lo: 1,
    hi: 6,
  },
  { name: 'normal', spec: { dist: 'normal', mean: 10, sd: 3 }, mean: 10, variance: 9, cdf: (x) => normCdf64((x - 10) / 3) },
  { name: 'normal ≥ 0 (mirrored)', spec: { dist: 'normal', mean: 1, sd: 0.5, min: 0 }, ...tn[0], lo: 0 },
  { name: 'normal in [−1, 2]', spec: { dist: 'normal', mean: 0, sd: 1, min: -1, max: 2 }, ...tn[1], lo: -1, hi: 2 },
  { name: 'normal ≥ 2.5 sd', spec: { dist: 'normal', mean: 0, sd: 1, min: 2.5 }, ...tn[2], lo: 2.5 },
  { name: 'normal ≤ 4', spec: { dist: 'normal', mean: 5, sd: 2, max: 4 }, ...tn[3], hi: 4 },
  { name: 'normal ≥ 6 sd (deep tail)', spec: { dist: 'normal', mean: 0, sd: 1, min: 6 }, ...tn[4], lo: 6 },
  {
    name: 'lognormal',
    spec: { dist: 'lognormal', median: 10, p90: 20 },
    mean: Math.exp(ln10 + sigmaLn ** 2 / 2),
    variance: (Math.exp(sigmaLn ** 2) - 1) * Math.exp(2 * ln10 + sigmaLn ** 2),
    cdf: (x) => normCdf64((Math.log(x) - ln10) / sigmaLn),
    lo: 0,
  },
  // α = 2, β = 4: Beta(2, 4) scaled to [10, 20]; mean 10 + 10·2/6, variance 100·αβ/((α+β)²(α+β+1)).
  {
    name: 'pert (α=2, β=4)',
    spec: { dist: 'pert', min: 10, mode: 12.5, max: 20 },
    mean: 10 + 20 / 6,
    variance: 800 / 252,
    cdf: (x) => beta24((x - 10) / 10),
    lo: 10,
    hi: 20,
  },
  {
    name: 'pert (α=2.2, β=3.8)',
    spec: { dist: 'pert', min: 0, mode: 3, max: 10 },
    mean: 22 / 6,
    variance: (100 * 2.2 * 3.8) / (36 * 7),
    cdf: (x) => beta2238(x / 10),
    lo: 0,
    hi: 10,
  },
  // mode = min gives α = 1, the edge of Marsaglia–Tsang's range: Beta(1, 5), CDF 1 − (1 − x)^5.
  {
    name: 'pert (α=1, β=5)',
    spec: { dist: 'pert', min: 0, mode: 0, max: 1 },
    mean: 1 / 6,
    variance: 5 / 252,
    cdf: (x) => 1 - (1 - x) ** 5,
    lo: 0,
    hi: 1,
  },
];

describe.each(SEEDS)('continuous samplers (key %i)', (key0) => {
  it.each(CONTINUOUS)('$name: mean, variance, KS and bounds', ({ name, spec, mean, variance, cdf, lo, hi }) => {
    const xs = draw(spec, key0);
    const m = moments(xs);
    // K_SE = 5 SE of the mean, SE = sqrt(σ²/N) from the analytic variance; 5 SE of the sample
    // variance, SE = sqrt((m4 − s⁴)/N) from the sample fourth moment.
    expectNear(m.mean, mean, K_SE * Math.sqrt(variance / N), `${name} mean`, Math.sqrt(variance / N));
    expectNear(m.variance, variance, K_SE * m.seVariance, `${name} variance`, m.seVariance);
    // KS at alpha = 1e-4: D < 2.224/sqrt(n) = 0.0111 for n = 40000.
    expectBelow(ksStatistic(xs, cdf), ksCritical(N, ALPHA), `${name} KS`);
    // Samples are f32, so the bounds they must respect are the f32-rounded bounds.
    let min = Infinity;
    let max = -Infinity;
    for (const x of xs) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    if (lo !== undefined) expect(min).toBeGreaterThanOrEqual(Math.fround(lo));
    if (hi !== undefined) expect(max).toBeLessThanOrEqual(Math.fround(hi));
  });
});

function poissonPmf(lambda: number): (k: number) => number {
  return (k) => {
    let p = Math.exp(-lambda);
    for (let j = 1; j <= k; j++) p *= lambda / j;
    return p;
  };
}

describe.each(SEEDS)('discrete samplers (key %i)', (key0) => {
  it('bernoulli(0.3): mean within 5 SE and chi-square (df 1) below its 1e-4 critical value 15.1', () => {
    const xs = draw({ dist: 'bernoulli', p: 0.3 }, key0);
    expect(xs.every((x) => x === 0 || x === 1)).toBe(true);
    const ones = xs.reduce((s, x) => s + x, 0);
    // K_SE = 5 SE of a binomial proportion, 5·sqrt(p(1 − p)/N).
    expectNear(ones / N, 0.3, K_SE * binomialSE(0.3, N), 'bernoulli(0.3) mean', binomialSE(0.3, N));
    const { chi2, df } = chiSquareDiscrete(xs, (k) => (k === 0 ? 0.7 : k === 1 ? 0.3 : 0));
    expect(df).toBe(1);
    expectBelow(chi2, chiSquareCritical(1, ALPHA), 'bernoulli(0.3) chi-square');
  });

  it.each([0.2, 3.7, 12, 29.5])('poisson(%f) by inversion: mean, variance and chi-square', (lambda) => {
    const xs = draw({ dist: 'poisson', lambda }, key0);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const m = moments(xs);
    // 5 SE of the mean, SE = sqrt(λ/N); 5 SE of the variance from the sample fourth moment.
    expectNear(m.mean, lambda, K_SE * Math.sqrt(lambda / N), `poisson(${lambda}) mean`, Math.sqrt(lambda / N));
    expectNear(m.variance, lambda, K_SE * m.seVariance, `poisson(${lambda}) variance`, m.seVariance);
    const { chi2, df } = chiSquareDiscrete(xs, poissonPmf(lambda));
    expectBelow(chi2, chiSquareCritical(df, ALPHA), `poisson(${lambda}) chi-square`);
  });

  it('poisson(0) is always 0', () => {
    expect(draw({ dist: 'poisson', lambda: 0 }, key0, 1000).every((x) => x === 0)).toBe(true);
  });

  it('poisson(200) uses the rounded normal: Poisson mean, variance λ + 1/12, and its own pmf', () => {
    const lambda = 200;
    const xs = draw({ dist: 'poisson', lambda }, key0);
    const m = moments(xs);
    expectNear(m.mean, lambda, K_SE * Math.sqrt(lambda / N), 'poisson(200) mean', Math.sqrt(lambda / N));
    expectNear(m.variance, lambda + 1 / 12, K_SE * m.seVariance, 'poisson(200) variance', m.seVariance);
    // Chi-square against the distribution the sampler claims (round(λ + √λ·Z)), not against the
    // Poisson it approximates: at λ = 200 their skewness differs by 0.07, visible at n = 40000.
    const s = Math.sqrt(lambda);
    const pmf = (k: number): number => normCdf64((k + 0.5 - lambda) / s) - (k === 0 ? 0 : normCdf64((k - 0.5 - lambda) / s));
    const { chi2, df } = chiSquareDiscrete(xs, pmf);
    expectBelow(chi2, chiSquareCritical(df, ALPHA), 'poisson(200) chi-square');
  });
});

describe('normal CDF and quantile', () => {
  // Reference values of the standard normal (tables; each also agrees with normInv64 to 1e-8).
  const QUANTILES: Array<[number, number]> = [
    [0.975, 1.959963984540054],
    [0.9, 1.2815515655446004],
    [0.5, 0],
    [0.001, -3.090232306167813],
    [1e-6, -4.753424308822899],
  ];
  it.each(QUANTILES)('normInv64(%f) = %f to 1e-8 (Acklam: relative error < 1.15e-9)', (p, z) => {
    expect(Math.abs(normInv64(p) - z)).toBeLessThan(1e-8);
  });
  it.each(QUANTILES)('f32 normInv(%f) = %f to 5e-7 (a few f32 ulp; ulp(1.96) = 1.2e-7)', (p, z) => {
    expect(Math.abs(normInv(p) - z)).toBeLessThan(5e-7 * Math.max(1, Math.abs(z)));
  });

  const CDF: Array<[number, number]> = [
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.959963984540054, 0.025],
    [3, 0.9986501019683699],
    [-5, 2.866515718791939e-7],
  ];
  it.each(CDF)('normCdf64(%f) = %f to 1.2e-7 relative in the tail (Numerical Recipes erfcc)', (x, p) => {
    expect(Math.abs(normCdf64(x) - p)).toBeLessThan(1.2e-7 * Math.min(p, 1 - p) + 1e-15);
  });
  it.each(CDF)('f32 normCdf(%f) = %f to 3e-7 (absolute)', (x, p) => {
    expect(Math.abs(normCdf(x) - p)).toBeLessThan(3e-7);
  });

  it('f32 normInv stays within 1.2e-6 of f64 Acklam over every 7th u01 value', () => {
    // Measured worst case 1.1e-6 (z ≈ −2.56, ~4 f32 ulp). Acklam's own central branch in f32 is
    // off by up to 9e-5, which is why the centre uses Giles' erfinv.
    let worst = 0;
    for (let k = 0; k < 1 << 23; k += 7) {
      const p = (k + 0.5) * 2 ** -23;
      worst = Math.max(worst, Math.abs(normInv(p) - normInv64(p)));
    }
    expect(worst).toBeLessThan(1.2e-6);
  });

  it('normInv is monotone across its branch points and symmetric', () => {
    for (const edge of [0.02425, 0.97575]) {
      let prev = -Infinity;
      for (let i = -200; i <= 200; i++) {
        const z = normInv(Math.fround(edge + i * 2 ** -30));
        expect(z).toBeGreaterThanOrEqual(prev);
        prev = z;
      }
    }
    // u01 values, for which 1 − p is exact in f32; the two tails use the same branch.
    for (const k of [0, 1, 1000, 200000, 3000000, 4194303]) {
      const p = (k + 0.5) * 2 ** -23;
      expect(Math.abs(normInv(1 - p) + normInv(p))).toBeLessThan(1e-6);
    }
  });
});

describe('packDist', () => {
  it('lognormal parameters reproduce the median and P90', () => {
    const [kind, mu, sigma] = packDist({ dist: 'lognormal', median: 40, p90: 130 });
    expect(kind).toBe(DIST_KIND.lognormal);
    expect(Math.exp(mu)).toBeCloseTo(40, 10);
    expect(Math.exp(mu + sigma * normInv64(0.9))).toBeCloseTo(130, 6);
  });

  it.each(SEEDS)('sampled lognormal median and P90 land on the spec within 5 SE (key %i)', (key0) => {
    // K_SE = 5 order-statistic SE, sqrt(p(1 − p)/N)/f(x_p) with the lognormal density
    // f(x_p) = φ(z_p)/(x_p σ): 0.23 at the median, 1.02 at the P90 (were 1 and 5.5, written by hand).
    const sigma = Math.log(130 / 40) / normInv64(0.9);
    const density = (x: number, z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / (x * sigma);
    const xs = draw({ dist: 'lognormal', median: 40, p90: 130 }, key0).sort();
    const se50 = quantileSE(0.5, N, density(40, 0));
    const se90 = quantileSE(0.9, N, density(130, normInv64(0.9)));
    expectNear(xs[N / 2], 40, K_SE * se50, 'lognormal sample median', se50);
    expectNear(xs[0.9 * N], 130, K_SE * se90, 'lognormal sample P90', se90);
  });

  it('packs each kind with the documented parameters', () => {
    expect(packDist({ dist: 'fixed', value: 2 })).toEqual([0, 2, 0, 0, 0]);
    expect(packDist({ dist: 'uniform', min: 1, max: 3 })).toEqual([1, 1, 3, 0, 0]);
    expect(packDist({ dist: 'triangular', min: 1, mode: 2, max: 4 })).toEqual([2, 1, 2, 4, 0]);
    expect(packDist({ dist: 'normal', mean: 1, sd: 2, min: 0 })).toEqual([3, 1, 2, 0, 3.4028234663852886e38]);
    expect(packDist({ dist: 'pert', min: 0, mode: 1, max: 4 })).toEqual([5, 0, 4, 2, 4]);
    expect(packDist({ dist: 'bernoulli', p: 0.25 })).toEqual([6, 0.25, 0, 0, 0]);
    expect(packDist({ dist: 'poisson', lambda: 2 })).toEqual([7, 2, Math.exp(-2), 0, 0]);
  });

  it('turns degenerate specs into fixed values and drops bounds that cannot bind', () => {
    expect(packDist({ dist: 'uniform', min: 3, max: 3 })).toEqual([0, 3, 0, 0, 0]);
    expect(packDist({ dist: 'normal', mean: 5, sd: 0, max: 4 })).toEqual([0, 4, 0, 0, 0]);
    expect(packDist({ dist: 'lognormal', median: 7, p90: 7 })).toEqual([0, 7, 0, 0, 0]);
    expect(packDist({ dist: 'normal', mean: 0, sd: 1, min: -50, max: 50 })).toEqual([
      3, 0, 1, -3.4028234663852886e38, 3.4028234663852886e38,
    ]);
  });
});

describe('stream independence', () => {
  it.each(SEEDS)('uniforms of neighbouring draws, streams, slots and keys are uncorrelated (key %i)', (key0) => {
    const n = 20000;
    const corr = (f: (i: number) => number, g: (i: number) => number): number => {
      let sx = 0,
        sy = 0,
        sxx = 0,
        syy = 0,
        sxy = 0;
      for (let i = 0; i < n; i++) {
        const x = f(i),
          y = g(i);
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
      }
      return (sxy / n - (sx / n) * (sy / n)) / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
    };
    const u = (i: number, stream = 9, slot = 0, k0 = key0): number => uniformAt(k0, KEY1, i, stream, slot);
    // The sample correlation of independent variables has SE 1/sqrt(n) = 0.0071; allow K_SE = 5 SE.
    const se = 1 / Math.sqrt(n);
    expectNear(
      corr(
        (i) => u(i),
        (i) => u(i + 1),
      ),
      0,
      K_SE * se,
      'uniform corr: next draw',
      se,
    );
    expectNear(
      corr(
        (i) => u(i),
        (i) => u(i, 10),
      ),
      0,
      K_SE * se,
      'uniform corr: next stream',
      se,
    );
    expectNear(
      corr(
        (i) => u(i),
        (i) => u(i, 9, 1),
      ),
      0,
      K_SE * se,
      'uniform corr: next slot',
      se,
    );
    expectNear(
      corr(
        (i) => u(i),
        (i) => u(i, 9, 0, key0 + 1),
      ),
      0,
      K_SE * se,
      'uniform corr: next key',
      se,
    );
  });
});
