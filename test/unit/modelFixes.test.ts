// Defects an independent implementation of docs/model.md found, each checked on both backends
// against a value worked out by hand: the direction of correlated climate events, the water
// permit's design WUE (the median), and quantiles that fall on a point mass.
import { describe, expect, it } from 'vitest';
import { medianOf } from '../../src/engine/pack';
import { findSeries, seriesSummary } from '../../src/engine/resultJson';
import { packDist } from '../../src/engine/packDist';
import { normCdf64, normInv64 } from '../../src/kernel/distributions';
import { sampleDistU } from '../../src/kernel/inverse';
import type { DistSpec, Scenario } from '../../src/scenario/schema';
import { bothEngines, handScenario, mustParse } from './engineHelpers';

const SEEDS = [1, 2024, 77];
const DRAWS = 16_384;
const HOURS = 8760;
const phi = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
/** Pearson correlation of the Gaussian copula that gives Spearman ρ (docs/model.md). */
const copulaR = (rho: number): number => 2 * Math.sin((Math.PI * rho) / 6);

/** One operating 100 MW air-cooled site (PUE 1.2, WUE 0.5) in one region, one year. */
function oneYear(region: object, extra: object = {}): Scenario {
  const base = handScenario({ region, site: { status: 'operating', plannedYear: 2020, rampYears: 0 } });
  return mustParse({ ...base, endYear: base.startYear, ...extra });
}

const engines = bothEngines();

async function draws(backend: 'cpu' | 'webgpu', scenario: Scenario, series: string, seed: number): Promise<Float32Array> {
  const raw = await engines[backend].samples(scenario, { draws: DRAWS, seed, series: [series] });
  return raw.columns[0];
}

/**
 * An event of probability p paired with a normal(mean, sd) input by a Gaussian copula of
 * Spearman ρ: the event is u′₁ > 1 − p, i.e. Z₁ > c = Φ⁻¹(1 − p), so
 * E[X | event] = mean + sd·r·λ and Var[X | event] = sd²(1 − r²λ(λ − c)), λ = φ(c)/(1 − Φ(c)).
 */
function conditional(p: number, rho: number, mean: number, sd: number): { mean: number; sd: number } {
  const c = normInv64(1 - p);
  const lambda = phi(c) / (1 - normCdf64(c));
  const r = copulaR(rho);
  return { mean: mean + sd * r * lambda, sd: sd * Math.sqrt(1 - r * r * lambda * (lambda - c)) };
}

/** Event share within 5 binomial SE of p; conditional mean within 5 SE of the hand value. */
function checkEvent(values: number[], eventShare: number, p: number, want: { mean: number; sd: number }): void {
  expect(Math.abs(eventShare - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / DRAWS));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  // 5 SE of a mean of n values; 1e-4 covers f32 rounding of MWh totals near 1e6 (~6e-8 relative).
  expect(Math.abs(mean - want.mean)).toBeLessThan(5 * (want.sd / Math.sqrt(values.length)) + 1e-4);
}

describe.each(['cpu', 'webgpu'] as const)('correlated climate events on %s', (backend) => {
  it.each([0.9, -0.9])('heatwave ~ heatwavePueUplift at Spearman %s: uplift in heatwave years has the sign of ρ', async (rho) => {
    const uplift = { dist: 'normal', mean: 0.2, sd: 0.02, min: 0 }; // 10 sd: the bound never binds
    const s = oneYear(
      { heatwaveProbability: 0.3, heatwavePueUplift: uplift },
      { correlations: [{ inputs: ['heatwave', 'heatwavePueUplift'], spearman: rho }] },
    );
    const want = conditional(0.3, rho, 0.2, 0.02);
    // Demand = 100 MW × 1.2 × (1 + uplift in a heatwave) × 8760 h.
    const base = 100 * 1.2 * HOURS;
    for (const seed of SEEDS) {
      const demand = await draws(backend, s, 'energyDemandedMWh', seed);
      const ups = Array.from(demand, (e) => e / base - 1).filter((x) => x > 1e-4);
      checkEvent(ups, ups.length / DRAWS, 0.3, want);
      // The defect put heatwave years on the wrong side of the mean uplift.
      expect(Math.sign(ups.reduce((a, b) => a + b, 0) / ups.length - 0.2)).toBe(Math.sign(rho));
    }
  });

  it('drought ~ droughtWaterAllowance at Spearman −0.9: droughts leave less water than the allowance mean', async () => {
    const allowance = { dist: 'normal', mean: 0.6, sd: 0.05, min: 0, max: 1 }; // 8 sd
    const s = oneYear(
      { droughtProbability: 0.3, droughtWaterAllowance: allowance },
      { correlations: [{ inputs: ['drought', 'droughtWaterAllowance'], spearman: -0.9 }] },
    );
    const want = conditional(0.3, -0.9, 0.6, 0.05);
    // Need = permit = 100 MW × 8760 h × 0.5 L/kWh / 1000 = 438 ML; a drought allows A × permit.
    const permitML = (100 * HOURS * 0.5) / 1000;
    for (const seed of SEEDS) {
      const used = await draws(backend, s, 'waterUsedML', seed);
      const shares = Array.from(used, (w) => w / permitML).filter((a) => a < 1 - 1e-5);
      checkEvent(shares, shares.length / DRAWS, 0.3, want);
    }
  });
});

describe('every marginal rises with its uniform (the copula keeps ranks only so)', () => {
  const specs: [string, DistSpec][] = [
    ['normal truncated mostly above the mean (mirrored)', { dist: 'normal', mean: 0.2, sd: 0.02, min: 0 }],
    ['normal truncated below', { dist: 'normal', mean: 0.6, sd: 0.05, max: 0.62 }],
    ['normal truncated both sides', { dist: 'normal', mean: 0.6, sd: 0.15, min: 0.2, max: 1 }],
    ['triangular', { dist: 'triangular', min: 1, mode: 1.2, max: 3 }],
    ['lognormal', { dist: 'lognormal', median: 2, p90: 10 }],
    ['pert', { dist: 'pert', min: 0, mode: 1, max: 4 }],
  ];
  it.each(specs)('%s', (_, spec) => {
    const [kind, a, b, c, d] = packDist(spec);
    let last = -Infinity;
    for (let i = 1; i < 2000; i++) {
      const x = sampleDistU(kind, a, b, c, d, i / 2000);
      expect(x, `u = ${i / 2000}`).toBeGreaterThanOrEqual(last);
      last = x;
    }
  });
});

describe('the water permit is sized at the median of the design WUE', () => {
  // Independent medians: closed forms, and for PERT the Beta CDF by Simpson's rule.
  const betaMedian = (a: number, b: number): number => {
    const pdf = (x: number): number => x ** (a - 1) * (1 - x) ** (b - 1);
    const cdf = (x: number, n = 2000): number => {
      let s = 0;
      for (let i = 0; i <= n; i++) s += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * pdf((x * i) / n);
      return (s * x) / (3 * n);
    };
    const total = cdf(1);
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (cdf(mid) < total / 2) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const truncMedian = (m: number, sd: number, lo: number, hi: number): number =>
    m + sd * normInv64((normCdf64((lo - m) / sd) + normCdf64((hi - m) / sd)) / 2);
  const cases: [string, DistSpec, number][] = [
    ['fixed', { dist: 'fixed', value: 1.8 }, 1.8],
    ['uniform', { dist: 'uniform', min: 1, max: 2.5 }, 1.75],
    ['triangular, mode left of centre', { dist: 'triangular', min: 1.2, mode: 1.5, max: 3 }, 3 - Math.sqrt((1.8 * 1.5) / 2)],
    ['triangular, mode right of centre', { dist: 'triangular', min: 0, mode: 3, max: 4 }, Math.sqrt((4 * 3) / 2)],
    ['normal', { dist: 'normal', mean: 1.8, sd: 0.3 }, 1.8],
    ['truncated normal', { dist: 'normal', mean: 0.2, sd: 0.5, min: 0, max: 3 }, truncMedian(0.2, 0.5, 0, 3)],
    ['lognormal', { dist: 'lognormal', median: 1.4, p90: 3 }, 1.4],
    ['pert', { dist: 'pert', min: 0.5, mode: 1, max: 4 }, 0.5 + 3.5 * betaMedian(1 + (4 * 0.5) / 3.5, 1 + (4 * 3) / 3.5)],
    ['bernoulli (lower median)', { dist: 'bernoulli', p: 0.7 }, 1],
    ['poisson (lower median)', { dist: 'poisson', lambda: 2.5 }, 2],
  ];
  it.each(cases)('%s', (_, spec, median) => {
    expect(Math.abs(medianOf(spec) - median)).toBeLessThan(2e-6 * Math.max(1, Math.abs(median)));
  });

  // Every year a drought with all of the permit left: a site is short exactly when its drawn WUE
  // exceeds the permit's design WUE, so P(shortfall > 0) = P(WUE > median) = ½ (with the mode,
  // 1.5, it would be P(WUE > 1.5) = 1 − 0.3²/(1.8 × 0.3) = 5/6).
  it.each(['cpu', 'webgpu'] as const)('P(water shortfall) = ½ on %s', async (backend) => {
    const base = oneYear({ droughtProbability: 1, droughtWaterAllowance: 1 });
    const s = mustParse({
      ...base,
      cooling: { ...base.cooling, air: { pue: 1.2, wueLPerKWh: { dist: 'triangular', min: 1.2, mode: 1.5, max: 3 } } },
    });
    for (const seed of SEEDS) {
      const r = await engines[backend].run(s, { draws: DRAWS, seed });
      const p = seriesSummary(r, 0, findSeries(r, 'waterShortfallML')!.index).pExceed;
      expect(Math.abs(p - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / DRAWS));
    }
  });
});

describe.each(['cpu', 'webgpu'] as const)('quantiles at point masses on %s', (backend) => {
  const q = async (s: Scenario, key: string, seed = 1) => {
    const r = await engines[backend].run(s, { draws: 8192, seed });
    return seriesSummary(r, 0, findSeries(r, key)!.index);
  };

  it('a series that is always 0 has P5 = P50 = P95 = 0 exactly', async () => {
    const s = q(oneYear({}), 'waterShortfallML');
    expect(await s).toMatchObject({ mean: 0, sd: 0, p5: 0, p50: 0, p95: 0, pExceed: 0 });
  });

  it('curtailment that is 0 in most draws has P50 = 0 exactly, P95 > 0', async () => {
    // Headroom normal(150, 30): demand 120 MW exceeds it with probability Φ(−1) ≈ 16%.
    const s = oneYear({ gridHeadroomMW: { dist: 'normal', mean: 150, sd: 30, min: 0 } });
    for (const seed of SEEDS) {
      const c = await q(s, 'curtailedMWh', seed);
      expect(c.p5).toBe(0);
      expect(c.p50).toBe(0);
      expect(c.p95).toBeGreaterThan(0);
      expect(Math.abs(c.pExceed - normCdf64(-1))).toBeLessThan(5 * Math.sqrt((0.16 * 0.84) / 8192));
    }
  });

  it('grid stress at its cap has quantiles of exactly 10, never above', async () => {
    const stuck = await q(oneYear({ gridHeadroomMW: 0 }), 'gridStress[r]');
    expect(stuck).toMatchObject({ mean: 10, p5: 10, p50: 10, p95: 10, pExceed: 1 });
    // Headroom uniform(0, 100) against 120 MW: stress ≥ 10 (the cap) when headroom ≤ 12, P = 12%.
    const mixed = await q(oneYear({ gridHeadroomMW: { dist: 'uniform', min: 0, max: 100 } }), 'gridStress[r]');
    expect(mixed.p95).toBe(10);
    expect(mixed.p50).toBeGreaterThan(2.2);
    expect(mixed.p50).toBeLessThan(2.6); // 120 / 50, to a bin
  });
});
