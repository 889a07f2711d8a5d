// The model on cases a person can work out by hand, on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine';
import { findSeries, seriesSummary } from '../../src/engine/resultJson';
import type { Engine, RunResult } from '../../src/engine/types';
import { normCdf64 } from '../../src/rng/distributions';
import { handScenario, requireGpu } from './engineHelpers';

const H = 8760; // hours per year

function stat(r: RunResult, key: string) {
  const found = findSeries(r, key);
  if (!found) throw new Error(`no series ${key}`);
  return seriesSummary(r, 0, found.index);
}

describe.each(['cpu', 'webgpu'] as const)('model on %s', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend, workers: 2, gpu: backend === 'webgpu' ? await requireGpu() : undefined });
    expect(engine.backend).toBe(backend);
  });
  afterAll(async () => engine?.dispose());

  it('no randomness: the ramp alone sets demand, every draw the same', async () => {
    // Online shares by year, mid-year on a 2-year ramp from 2026.0: 0, 0.25, 0.75, 1 → 2.0 site-years.
    const r = await engine.run(handScenario(), { draws: 256 });
    const demanded = 100 * 1.2 * H * 2.0;
    expect(stat(r, 'energyDemandedMWh').mean).toBeCloseTo(demanded, -1);
    expect(stat(r, 'energyServedMWh').mean).toBeCloseTo(demanded, -1);
    expect(stat(r, 'energyDemandedMWh').sd).toBeLessThan(demanded * 1e-6);
    expect(Math.abs(stat(r, 'energyDemandedMWh').p50 - demanded)).toBeLessThan(demanded * 1e-3);
    expect(stat(r, 'waterUsedML').mean).toBeCloseTo((100 * H * 2.0 * 0.5) / 1000, 2);
    expect(stat(r, 'curtailedMWh').mean).toBe(0);
    expect(stat(r, 'curtailedMWh').pExceed).toBe(0);
    expect(Array.from(r.siteMissProbability)).toEqual([0, 0, 0, 0]);
    Array.from(r.siteExpectedLoadMW).forEach((mw, y) => expect(mw).toBeCloseTo([0, 25, 75, 100][y], 2));
  });

  it('a fixed half-year transformer delay shifts the ramp and misses two years', async () => {
    const r = await engine.run(handScenario({ supplyChain: { transformers: { delayYears: 0.5, shockProbability: 0, shockDelayYears: 0, scope: 'site' } } }), { draws: 128 });
    // Shares now 0, 0, 0.5, 1 against the planned 0, 0.25, 0.75, 1.
    expect(stat(r, 'energyDemandedMWh').mean).toBeCloseTo(100 * 1.2 * H * 1.5, -1);
    expect(Array.from(r.siteMissProbability)).toEqual([0, 1, 1, 0]);
  });

  it('fixed 60 MW headroom curtails the last two years pro rata', async () => {
    const r = await engine.run(handScenario({ region: { gridHeadroomMW: 60 } }), { draws: 128 });
    // Facility demand 0, 30, 90, 120 MW against 60 MW.
    expect(stat(r, 'curtailedMWh').mean).toBeCloseTo((30 + 60) * H, -1);
    expect(stat(r, 'energyServedMWh').mean).toBeCloseTo((30 + 60 + 60) * H, -1);
    expect(stat(r, 'gridStress[r]').mean).toBeCloseTo(2, 5);
    expect(Array.from(r.regionCurtailProbability)).toEqual([0, 0, 1, 1]);
  });

  it('a drought every year throttles an evaporative site to half its water permit', async () => {
    const r = await engine.run(handScenario({ site: { cooling: 'evaporative' }, region: { droughtProbability: 1, droughtWaterAllowance: 0.5 } }), { draws: 128 });
    // Permit 100 MW × 8760 h × 1.8 L/kWh = 1576.8 ML; half allowed = 788.4 ML.
    // Needs 394.2, 1182.6, 1576.8 ML → used 394.2 + 788.4 + 788.4, short 394.2 + 788.4.
    expect(stat(r, 'waterUsedML').mean).toBeCloseTo(1971, 0);
    expect(stat(r, 'waterShortfallML').mean).toBeCloseTo(1182.6, 0);
    expect(stat(r, 'energyServedMWh').mean).toBeCloseTo((25 + 50 + 50) * 1.2 * H, -1);
  });

  it('normal demand against fixed headroom: P(curtailment) = 1 − Φ((H − μ)/σ)', async () => {
    // Operating site, IT 100 MW, PUE ~ N(1.4, 0.1) (truncated at 1, 4σ away: negligible):
    // facility demand ~ N(140, 10) MW against 150 MW of headroom.
    const scenario = handScenario({
      site: { status: 'operating', plannedYear: 2020 },
      region: { gridHeadroomMW: 150 },
      cooling: { air: { pue: { dist: 'normal', mean: 1.4, sd: 0.1, min: 1 }, wueLPerKWh: 0.5 } },
    });
    const draws = 20_000;
    const r = await engine.run(scenario, { draws, seed: 2024 });
    const expected = 1 - normCdf64((150 - 140) / 10);
    const se = Math.sqrt((expected * (1 - expected)) / draws); // binomial Monte Carlo error, ≈ 0.0026
    for (let y = 0; y < 4; y++) expect(Math.abs(r.regionCurtailProbability[y] - expected)).toBeLessThan(4 * se);
  });

  it('cyber outages: mean compute lost matches the Poisson expectation', async () => {
    // Each outage lasts 36.5 days (a tenth of a year); incidents ~ Poisson(0.5) per site-year.
    const lambda = 0.5;
    const r = await engine.run(handScenario({ cyber: { incidentsPerSiteYear: lambda, outageDays: 36.5 } }), { draws: 20_000, seed: 99 });
    const pmf = (k: number) => (Math.exp(-lambda) * lambda ** k) / [1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800][k];
    const ks = Array.from({ length: 12 }, (_, k) => k);
    const m1 = ks.reduce((a, k) => a + pmf(k) * Math.min(0.1 * k, 1), 0);
    const m2 = ks.reduce((a, k) => a + pmf(k) * Math.min(0.1 * k, 1) ** 2, 0);
    const itMW = [0, 25, 75, 100];
    const mean = itMW.reduce((a, mw) => a + mw * H * m1, 0);
    const sd = Math.sqrt(itMW.reduce((a, mw) => a + (mw * H) ** 2 * (m2 - m1 * m1), 0));
    expect(Math.abs(stat(r, 'computeLostMWh').mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(20_000));
    expect(stat(r, 'computeLostMWh').sd).toBeCloseTo(sd, -3);
  });
});
