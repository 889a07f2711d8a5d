// Correlated inputs (Gaussian copula): achieved Spearman correlations match the requested ones,
// marginals are kept, bad matrices are scenario errors, and the GPU draws what the CPU draws.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine';
import { buildParamSets } from '../../src/engine/paramSets';
import { KNOB_NAMES, type KnobName } from '../../src/scenario/names';
import { DIST_STRIDE, G_COOLING, G_SUPPLY, GLOBAL_SIZE, NKNOBS, packScenario, R_CONN_DELAY, SUMMARY_STRIDE, SUPPLY_STRIDE } from '../../src/engine/layout';
import { CopulaDraw, GROUP_SITE } from '../../src/model/copulaDraw';
import { parseScenario } from '../../src/scenario/validate';
import { fixtureScenario, mustParse, requireGpu } from './engineHelpers';

function ranks(x: Float64Array): Float64Array {
  const order = Array.from(x.keys()).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(x.length);
  order.forEach((i, k) => (r[i] = k));
  return r;
}

function spearman(x: Float64Array, y: Float64Array): number {
  const [a, b] = [ranks(x), ranks(y)];
  const n = x.length;
  const mean = (n - 1) / 2;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (a[i] - mean) * (b[i] - mean);
    sxx += (a[i] - mean) ** 2;
    syy += (b[i] - mean) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const requested: [string, string, number][] = [
  ['transformerDelay', 'coolingPlantDelay', 0.7],
  ['acceleratorDelay', 'pue', -0.4],
  ['gridConnectionDelay', 'wue', 0.3],
];
const withCorrelations = (extra: object[] = []) =>
  mustParse({ ...structuredClone(fixtureScenario()), correlations: [...requested.map(([a, b, s]) => ({ inputs: [a, b], spearman: s })), ...extra] });

describe('site-group copula (TypeScript model path)', () => {
  const scenario = withCorrelations();
  const packed = packScenario(scenario);
  const copula = new CopulaDraw(packed.data);
  // Offsets of the site group's members for an evaporative site in region 0 (as siteState reads them).
  const offsets = [G_SUPPLY, G_SUPPLY + SUPPLY_STRIDE, G_SUPPLY + 2 * SUPPLY_STRIDE, GLOBAL_SIZE + R_CONN_DELAY, G_COOLING, G_COOLING + DIST_STRIDE];
  const names = ['acceleratorDelay', 'transformerDelay', 'coolingPlantDelay', 'gridConnectionDelay', 'pue', 'wue'];
  const n = 20_000;
  const samples = names.map(() => new Float64Array(n));
  for (let draw = 0; draw < n; draw++) {
    copula.correlateGroup({ key0: 9, key1: 0, index: draw, knob: 0 }, GROUP_SITE, 6, 0x02000001, 0);
    offsets.forEach((off, m) => (samples[m][draw] = copula.distAtU(off, copula.u[m])));
  }
  // Spearman's sampling sd is about (1 − ρ²)/√n ≤ 0.007 here; 0.025 is ~3.5 of those.
  it.each(requested)('%s ~ %s reaches ρ = %f', (a, b, rho) => {
    expect(Math.abs(spearman(samples[names.indexOf(a)], samples[names.indexOf(b)]) - rho)).toBeLessThan(0.025);
  });

  it('pairs with no requested correlation stay independent', () => {
    expect(Math.abs(spearman(samples[0], samples[1]))).toBeLessThan(0.025);
    expect(Math.abs(spearman(samples[4], samples[5]))).toBeLessThan(0.025);
  });

  it('keeps the marginals: the PERT and uniform means are the analytic ones', () => {
    // pue (evaporative) is uniform(1.15, 1.3): mean 1.225, sd 0.0433 → se 3.1e-4.
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(Math.abs(mean(samples[4]) - 1.225)).toBeLessThan(4 * 3.1e-4);
    // The fixture's transformer delay is triangular(0.5, 1.5, 4): mean 2, sd 0.735 → se 0.0052.
    expect(Math.abs(mean(samples[1]) - 2)).toBeLessThan(4 * 0.0052);
  });
});

describe('knob correlations shape the parameter-set design', () => {
  const scenario = mustParse({
    ...structuredClone(fixtureScenario()),
    correlations: [{ inputs: ['demandGrowthPctPerYear', 'gridBuildoutScale'], spearman: -0.6 }],
  });
  const column = (sets: Float32Array, name: KnobName) => Float64Array.from({ length: sets.length / NKNOBS }, (_, p) => sets[p * NKNOBS + KNOB_NAMES.indexOf(name)]);
  // K = 4000: Spearman's sampling sd ≈ (1 − ρ²)/√K ≈ 0.01; 0.035 is 3.5 of those.
  it.each(['random', 'lhs'] as const)('%s design reaches ρ = −0.6 and keeps each knob in range', (design) => {
    const sets = buildParamSets(scenario, { count: 4000, design }, 7);
    const growth = column(sets, 'demandGrowthPctPerYear');
    const grid = column(sets, 'gridBuildoutScale');
    expect(Math.abs(spearman(growth, grid) + 0.6)).toBeLessThan(0.035);
    expect(Math.min(...grid)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...grid)).toBeLessThanOrEqual(2);
    // The uncorrelated knob stays independent of both.
    expect(Math.abs(spearman(growth, column(sets, 'chipShockProbability')))).toBeLessThan(0.035);
  });
});

describe('correlation errors name the entry and the reason', () => {
  const issues = (correlations: object[]) => {
    const r = parseScenario({ ...structuredClone(fixtureScenario()), correlations });
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
  };
  it('rejects a matrix that is not positive semi-definite', () => {
    const out = issues([
      { inputs: ['acceleratorDelay', 'transformerDelay'], spearman: 0.9 },
      { inputs: ['transformerDelay', 'coolingPlantDelay'], spearman: 0.9 },
      { inputs: ['acceleratorDelay', 'coolingPlantDelay'], spearman: -0.9 },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^correlations\[0\]: the site correlations .* are not positive semi-definite/);
  });
  it('rejects unknown inputs, pairs across groups, self-pairs, duplicates and |ρ| > 1', () => {
    expect(issues([{ inputs: ['pue', 'nope'], spearman: 0.1 }])[0]).toMatch(/^correlations\[0\]\.inputs\[1\]: unknown input 'nope'/);
    expect(issues([{ inputs: ['pue', 'drought'], spearman: 0.1 }])[0]).toMatch(/^correlations\[0\]\.inputs: 'pue' \(site\) and 'drought' \(climate\) are drawn for different things/);
    expect(issues([{ inputs: ['pue', 'pue'], spearman: 0.1 }])).toEqual(['correlations[0].inputs: must name two different inputs']);
    expect(issues([{ inputs: ['pue', 'wue'], spearman: 0.1 }, { inputs: ['wue', 'pue'], spearman: 0.2 }])).toEqual(['correlations[1].inputs: duplicate of correlations[0]']);
    expect(issues([{ inputs: ['pue', 'wue'], spearman: 1.5 }])).toEqual(['correlations[0].spearman: must be within [-1, 1]']);
  });
});

it('GPU and CPU agree with every group correlated', async () => {
  const scenario = withCorrelations([
    { inputs: ['gridHeadroom', 'headroomGrowth'], spearman: -0.5 },
    { inputs: ['heatwave', 'drought'], spearman: 0.6 },
    { inputs: ['heatwavePueUplift', 'droughtWaterAllowance'], spearman: -0.5 },
  ]);
  const options = { draws: 2048, seed: 4, paramSets: 2 };
  const cpu = await createEngine({ backend: 'cpu', workers: 2 });
  const gpu = await createEngine({ backend: 'webgpu', gpu: await requireGpu() });
  const [a, b] = [await cpu.run(scenario, options), await gpu.run(scenario, options)];
  // Same tolerance argument as parity.test.ts: float32 on both sides, rare ulp-flipped decisions.
  for (let i = 0; i < a.summary.length; i += SUMMARY_STRIDE) {
    expect(Math.abs(a.summary[i] - b.summary[i])).toBeLessThanOrEqual(1e-3 * Math.max(Math.abs(a.summary[i]), 1e-6));
  }
  // And the correlations matter: the same scenario without them gives other means.
  const plain = await cpu.run(fixtureScenario(), options);
  expect(plain.summary[0]).not.toBe(a.summary[0]);
  await cpu.dispose();
  await gpu.dispose();
});
