// GPU vs CPU on the same seed: per parameter set, per series and per site.
//
// Tolerances. Both backends run the same float32 arithmetic in the same order (block sums in a
// fixed tree, folded in block order), so the only differences come from log/exp/pow/sqrt, which
// WGSL lets differ from the correctly rounded result by a few ulp (≈1e-6 relative). Alone these
// move a mean by ~1e-6. Rarely, a uniform lands within those few ulp of a decision that used
// them (a Poisson inversion step, a gamma rejection) and one draw changes outcome: that moves a
// mean by at most (largest value)/N, measured at ≤ 3e-4 relative here for N = 8192. Hence:
// means and sds agree to 1e-3 relative; quantiles to one histogram bin (they interpolate inside
// the same bin); probabilities (counts / N) to 3 draws in N.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine';
import { HIST_BINS, SUMMARY_STRIDE } from '../../src/engine/layout';
import type { Engine, RunResult } from '../../src/engine/types';
import { fixtureScenario, requireGpu } from './engineHelpers';

const DRAWS = 8192;
const K = 8;

describe('GPU vs CPU parity on the fixture scenario', () => {
  let cpu: Engine;
  let gpu: Engine;
  let a: RunResult;
  let b: RunResult;
  beforeAll(async () => {
    cpu = await createEngine({ backend: 'cpu', workers: 2 });
    gpu = await createEngine({ backend: 'webgpu', gpu: await requireGpu() });
    const options = { draws: DRAWS, seed: 11, paramSets: K, histograms: true };
    a = await cpu.run(fixtureScenario(), options);
    b = await gpu.run(fixtureScenario(), options);
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
        expect(Math.abs(a.summary[i] - b.summary[i]), `${where} mean`).toBeLessThanOrEqual(1e-3 * scale);
        expect(Math.abs(a.summary[i + 1] - b.summary[i + 1]), `${where} sd`).toBeLessThanOrEqual(1e-3 * Math.max(a.summary[i + 1], 1e-6 * scale));
        const bin = (a.histograms!.hi[p * S + s] - a.histograms!.lo[p * S + s]) / HIST_BINS;
        for (const q of [2, 3, 4]) expect(Math.abs(a.summary[i + q] - b.summary[i + q]), `${where} quantile ${q}`).toBeLessThanOrEqual(bin);
        expect(Math.abs(a.summary[i + 5] - b.summary[i + 5]), `${where} pExceed`).toBeLessThanOrEqual(3 / DRAWS);
      }
    }
  });

  it('per-site miss probabilities and expected loads agree', () => {
    for (let i = 0; i < a.siteMissProbability.length; i++) {
      expect(Math.abs(a.siteMissProbability[i] - b.siteMissProbability[i])).toBeLessThanOrEqual(3 / DRAWS);
      expect(Math.abs(a.siteExpectedLoadMW[i] - b.siteExpectedLoadMW[i])).toBeLessThanOrEqual(1e-3 * Math.max(a.siteExpectedLoadMW[i], 1e-3));
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
