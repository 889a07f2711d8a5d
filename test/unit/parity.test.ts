// GPU vs CPU on the same seed: per parameter set, per series and per site.
//
// Tolerances. Both backends run the same float32 arithmetic in the same order (block sums in a
// fixed tree, folded in block order), so the only differences come from log/exp/pow/sqrt, which
// WGSL lets differ from the correctly rounded result by a few ulp (≈1e-6 relative). Alone these
// move a mean by ~1e-6. Rarely, a uniform lands within those few ulp of a decision that used
// them (a Poisson inversion step, a gamma rejection) and one draw changes outcome: that moves a
// mean by at most (largest value)/N, measured at ≤ 3e-4 relative here for N = 8192. Hence:
// means and sds agree to 1e-3 relative, or to 3 flipped draws where that is larger (series of
// rare events, whose mean is small next to their largest values); quantiles to one histogram bin (they interpolate inside
// the same bin); probabilities (counts / N) to 3 draws in N (a flip has a chance of order 1e-6 per
// draw and decision, so even 1 flipped count in 8192 draws is rare and 4 would be a bug).
//
// No standard error applies: both backends compute the same draws, so these are floating-point
// tolerances, not sampling ones, and a second seed would test the same arithmetic. Other seeds and
// scenarios reach the same comparison in copula.test.ts (seed 4, every group correlated) and
// rawSamples.test.ts (seed 21, draw by draw).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/createEngine';
import { HIST_BINS, SUMMARY_STRIDE } from '../../src/kernel/contract';
import type { Engine, RunResult } from '../../src/engine/types';
import type { Scenario } from '../../src/scenario/schema';
import { fixtureScenario, mustParse, requireGpu } from './engineHelpers';

const DRAWS = 8192;
const K = 8;

/**
 * The fixture with on-site plants (docs/model.md, "On-site generation"): the operating site runs
 * half on a plant, the site under construction on one with its own delay, the planned one wholly
 * on a plant waiting for turbines that a global shock may hold up.
 */
function withPlants(): Scenario {
  const s = fixtureScenario();
  const plant = (capacityMW: number, extra: object = {}) => ({
    capacityMW,
    kind: 'gasTurbine',
    availability: { dist: 'pert', min: 0.85, mode: 0.93, max: 0.97 },
    ...extra,
  });
  const plants = [plant(72), plant(150, { delayYears: { dist: 'uniform', min: 0, max: 3 } }), plant(1000)];
  return mustParse({
    ...s,
    sites: s.sites.map((site, i) => ({ ...site, onsiteGeneration: plants[i] })),
    supplyChain: {
      ...s.supplyChain,
      onsiteGeneration: {
        delayYears: { dist: 'pert', min: 0, mode: 1, max: 4 },
        shockProbability: 0.3,
        shockDelayYears: 2,
        scope: 'global',
      },
    },
  });
}

/**
 * The fixture with flexible connections (docs/model.md, "Flexible connection"): the operating site
 * only pays its curtailment, the site under construction draws both its years earlier and its
 * share, and the planned one keeps a firm connection.
 */
function withFlexible(): Scenario {
  const s = fixtureScenario();
  const deals = [
    { connectionYearsEarlier: 1, curtailedShare: 0.01 },
    {
      connectionYearsEarlier: { dist: 'uniform', min: 0, max: 2 },
      curtailedShare: { dist: 'triangular', min: 0.0025, mode: 0.005, max: 0.05 },
    },
    undefined,
  ];
  return mustParse({ ...s, sites: s.sites.map((site, i) => ({ ...site, flexibleConnection: deals[i] })) });
}

describe.each([
  ['the fixture scenario', fixtureScenario],
  ['the fixture with on-site plants', withPlants],
  ['the fixture with flexible connections', withFlexible],
])('GPU vs CPU parity on %s', (_name, scenario) => {
  let cpu: Engine;
  let gpu: Engine;
  let a: RunResult;
  let b: RunResult;
  beforeAll(async () => {
    cpu = await createEngine({ backend: 'cpu', workers: 2 });
    gpu = await createEngine({ backend: 'webgpu', gpu: await requireGpu() });
    const options = { draws: DRAWS, seed: 11, paramSets: K, histograms: true };
    a = await cpu.run(scenario(), options);
    b = await gpu.run(scenario(), options);
  });
  afterAll(async () => {
    await cpu?.dispose();
    await gpu?.dispose();
  });

  it('ran on the backends it says', () => {
    expect(a.backend).toBe('cpu');
    expect(b.backend).toBe('webgpu');
    expect(b.knobValues).toEqual(a.knobValues);
  });

  it('series summaries agree per parameter set', () => {
    const S = a.series.length;
    for (let p = 0; p < K; p++) {
      for (let s = 0; s < S; s++) {
        const i = (p * S + s) * SUMMARY_STRIDE;
        const where = `set ${p} ${a.series[s].key}`;
        const scale = Math.max(Math.abs(a.summary[i]), 1e-6);
        const sd = a.summary[i + 1];
        // Up to 3 flipped draws (as for probabilities), each moving the mean by ≤ X/N and the
        // sd by ≤ X²/(2N·sd), X a large value of the series: this is what binds for rare events
        // (a year's cyber shortfall: mean ~0.1 MW from a few draws of tens of MW).
        const big = Math.max(a.histograms!.hi[p * S + s], a.summary[i] + 5 * sd);
        const flipMean = (3 * big) / DRAWS;
        const flipSd = sd > 0 ? (3 * big * big) / (2 * DRAWS * sd) : 0;
        expect(Math.abs(a.summary[i] - b.summary[i]), `${where} mean`).toBeLessThanOrEqual(Math.max(1e-3 * scale, flipMean));
        expect(Math.abs(sd - b.summary[i + 1]), `${where} sd`).toBeLessThanOrEqual(Math.max(1e-3 * Math.max(sd, 1e-6 * scale), flipSd));
        const bin = (a.histograms!.hi[p * S + s] - a.histograms!.lo[p * S + s]) / HIST_BINS;
        for (const q of [2, 3, 4]) expect(Math.abs(a.summary[i + q] - b.summary[i + q]), `${where} quantile ${q}`).toBeLessThanOrEqual(bin);
        expect(Math.abs(a.summary[i + 5] - b.summary[i + 5]), `${where} pExceed`).toBeLessThanOrEqual(3 / DRAWS);
      }
    }
  });

  it('per-site miss probabilities and expected loads agree', () => {
    for (let i = 0; i < a.siteMissProbability.length; i++) {
      expect(Math.abs(a.siteMissProbability[i] - b.siteMissProbability[i])).toBeLessThanOrEqual(3 / DRAWS);
      expect(Math.abs(a.siteExpectedLoadMW[i] - b.siteExpectedLoadMW[i])).toBeLessThanOrEqual(
        1e-3 * Math.max(a.siteExpectedLoadMW[i], 1e-3),
      );
    }
    for (let i = 0; i < a.regionCurtailProbability.length; i++) {
      expect(Math.abs(a.regionCurtailProbability[i] - b.regionCurtailProbability[i])).toBeLessThanOrEqual(3 / DRAWS);
    }
  });

  it('the fixture is not trivial: outcomes vary across draws and parameter sets', () => {
    const S = a.series.length;
    const served = Array.from({ length: K }, (_, p) => a.summary[(p * S + 1) * SUMMARY_STRIDE]);
    expect(new Set(served).size).toBe(K);
    expect(a.summary[1 * SUMMARY_STRIDE + 1]).toBeGreaterThan(0); // sd of energy served
    expect(Math.max(...a.regionCurtailProbability)).toBeGreaterThan(0.05);
  });
});
