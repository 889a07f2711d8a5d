// The page's ensemble logic without a browser: knob ranges and their URL form, the ensemble
// scenario, output columns, brushing and the selection's means, PRIM sentences, the sensitivity
// plan, and chunked runs equal to one run number for number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backends/cpu/CpuBackend';
import { runWithBackend } from '../../src/engine/runner';
import type { RunOptions, RunResult } from '../../src/engine/types';
import { KNOB_NAMES } from '../../src/scenario/names';
import { chunkedRun, chunkSetsFor } from '../../src/ui/ensemble/chunkedRun';
import { fitMetric, metricColumn, metricId, parseMetric } from '../../src/ui/ensemble/metrics';
import { runPrim } from '../../src/ui/ensemble/primView';
import { brushMask, knobColumn, selectionOf } from '../../src/ui/ensemble/selection';
import { planSensitivity } from '../../src/ui/ensemble/sensitivityRunner';
import type { EnsembleRun } from '../../src/ui/ensemble/types';
import { ensembleScenario, parseRange, variedKnobs } from '../../src/ui/ranges';
import { initialState, stateToSearch } from '../../src/ui/urlState';
import { fixtureScenario } from './engineHelpers';

const tuning = { maxGroupWords: 2 ** 24, targetSiteYears: 2 ** 30 };
const scenario = fixtureScenario();

describe('ranges in the URL', () => {
  it('parses lo..hi and refuses points, junk and inverted ranges', () => {
    expect(parseRange('0.8..1.6')).toEqual([0.8, 1.6]);
    expect(parseRange('-20..50')).toEqual([-20, 50]);
    expect(parseRange('1.2')).toBeUndefined();
    expect(parseRange('a..b')).toBeUndefined();
    expect(parseRange('2..1')).toBeUndefined();
  });

  it('keeps a point value and a range of the same knob, and round-trips the ensemble choices', () => {
    const search =
      '?scenario=uk-2030&gridBuildoutScale=0.9&gridBuildoutScale=0.5..2&droughtSeverity=0..3&design=lhs&K=64&ensDraws=32&x=droughtSeverity&y=energyServedMWh%5B2030%5D&colour=missShare%5B2031%5D&fail=curtailedMWh%3E1.5&sens=waterUsedML&sensN=32';
    const s = initialState(search);
    expect(s.knobs).toEqual({ gridBuildoutScale: 0.9 });
    expect(s.ranges).toEqual({ gridBuildoutScale: [0.5, 2], droughtSeverity: [0, 3] });
    expect(s.ensembleSettings).toEqual({ design: 'lhs', count: 64, draws: 32 });
    expect(s.discovery).toEqual({ x: 'droughtSeverity', y: 'energyServedMWh[2030]', colour: 'missShare[2031]' });
    expect(s.failure).toEqual({ metric: 'curtailedMWh', op: '>', value: 1.5 });
    expect(s.sensitivitySettings).toEqual({ output: 'waterUsedML', n: 32 });
    const again = initialState(stateToSearch({ ...s, ready: true }));
    for (const key of ['knobs', 'ranges', 'ensembleSettings', 'discovery', 'failure', 'sensitivitySettings'] as const)
      expect(again[key]).toEqual(s[key]);
    expect(stateToSearch(s)).toContain('gridBuildoutScale=0.9&gridBuildoutScale=0.5..2');
  });

  it('falls back to the defaults on bad values', () => {
    const s = initialState('?gridBuildoutScale=3..1&design=grid&K=1&fail=nonsense%3E2&y=bogus');
    expect(s.ranges).toEqual({});
    expect(s.ensembleSettings.design).toBe('sobol');
    expect(s.ensembleSettings.count).toBeUndefined();
    expect(s.failure.metric).toBe('curtailP[*][2030]');
    expect(s.discovery.y).toBe('energyServedMWh');
  });
});

describe('the ensemble scenario', () => {
  it('gives ranged knobs their range and pins every other knob at its point value', () => {
    const e = ensembleScenario(scenario, { droughtSeverity: 2 }, { gridBuildoutScale: [0.5, 2] });
    expect(e.knobs.gridBuildoutScale).toMatchObject({ min: 0.5, max: 2 });
    expect(e.knobs.droughtSeverity).toEqual({ value: 2, min: 2, max: 2 });
    expect(variedKnobs({ gridBuildoutScale: [0.5, 2], cyberRateScale: [1, 1] })).toEqual(['gridBuildoutScale']);
  });
});

describe('ensemble runs, columns, brushing and PRIM', () => {
  let cpu: CpuBackend;
  let whole: RunResult;
  const ens = ensembleScenario(scenario, {}, { gridBuildoutScale: [0.25, 3], demandGrowthPctPerYear: [-20, 50] });
  const options: RunOptions = { paramSets: { count: 32, design: 'sobol' }, draws: 64, seed: 3, histograms: false };
  const engine = { run: (s: typeof ens, o: RunOptions = {}) => runWithBackend(cpu, tuning, s, o) };

  beforeAll(async () => {
    cpu = await CpuBackend.create(2);
    whole = await runWithBackend(cpu, tuning, ens, options);
  });
  afterAll(async () => cpu.dispose());

  it('runs in chunks that merge into the one-run result, number for number', async () => {
    const rows: number[] = [];
    const chunked = await chunkedRun(engine, ens, { ...options, chunkSets: 5, onChunk: (_r, n) => rows.push(n) });
    expect(rows).toEqual([5, 10, 15, 20, 25, 30, 32]);
    for (const key of ['knobValues', 'summary', 'siteMissProbability', 'siteExpectedLoadMW', 'regionCurtailProbability'] as const) {
      expect(Array.from(chunked[key])).toEqual(Array.from(whole[key]));
    }
    expect(chunkSetsFor('cpu', 256, 649, 4096)).toBe(3);
    expect(chunkSetsFor('webgpu', 64, 10, 16)).toBe(16);
    // Measured: half a second's worth at the last run's rate (a software adapter at 90k site-years/s).
    expect(chunkSetsFor('webgpu', 64, 649, 4096, 90_000)).toBe(1);
    expect(chunkSetsFor('cpu', 64, 649, 4096, 1.2e6)).toBe(14);
  });

  it('reads outputs per set in display units', () => {
    const served = metricColumn(whole, 'energyServedMWh');
    const i = whole.series.findIndex((s) => s.key === 'energyServedMWh');
    expect(served[3]).toBeCloseTo((whole.summary[(3 * whole.series.length + i) * 8] as number) / 1e6, 9);
    const nY = whole.years.length;
    const y = whole.years.indexOf(2030);
    expect(metricColumn(whole, 'curtailP[south][2030]')[2]).toBeCloseTo(
      (whole.regionCurtailProbability[(2 * 2 + 1) * nY + y] as number) * 100,
      6,
    );
    expect(metricColumn(whole, 'curtailP[nowhere][2030]').every(Number.isNaN)).toBe(true);
    expect(parseMetric('missShare[2030]')).toEqual({ kind: 'missShare', year: 2030 });
    expect(metricId(fitMetric('curtailP[*][2030]', scenario, 2030))).toMatch(/^curtailP\[(north|south)\]\[2030\]$/);
  });

  const run = (): EnsembleRun => ({
    status: 'done',
    result: whole,
    rows: 32,
    K: 32,
    design: 'sobol',
    draws: 64,
    seed: 3,
    scenario: ens,
    varied: ['demandGrowthPctPerYear', 'gridBuildoutScale'],
    lo: Float64Array.of(-20, 0.25),
    hi: Float64Array.of(50, 3),
    key: '',
  });

  it('brushes a rectangle and averages the selected sets', () => {
    const grid = knobColumn(whole, 'gridBuildoutScale');
    const mask = brushMask(run(), { kind: 'rect', x: 'gridBuildoutScale', y: 'energyServedMWh', x0: 0.25, x1: 1, y0: -1e9, y1: 1e9 });
    expect(Array.from(mask)).toEqual(Array.from(grid, (v) => (v <= 1 ? 1 : 0)));
    const sel = selectionOf(run(), { kind: 'axes', intervals: { gridBuildoutScale: [0.25, 1] } });
    expect(sel.count).toBe(mask.reduce((t, v) => t + v, 0));
    const nSY = whole.siteIds.length * whole.years.length;
    let sum = 0;
    mask.forEach((m, k) => (sum += m ? (whole.siteMissProbability[k * nSY] as number) : 0));
    expect(sel.mean?.siteMissProbability[0]).toBeCloseTo(sum / sel.count, 6);
    expect(sel.mean?.paramSetCount).toBe(1);
  });

  it('finds a PRIM box for a failure defined by a knob, in the knob’s words, that selects its sets', () => {
    const growth = knobColumn(whole, 'demandGrowthPctPerYear');
    const failing = growth.filter((v) => v > 25).length;
    expect(failing).toBeGreaterThan(2);
    // Energy demanded rises with demand growth alone (grid build-out does not change demand), so
    // "demanded above its (32 − failing)-th value" fails exactly the sets with growth > 25 %/yr.
    const demanded = metricColumn(whole, 'energyDemandedMWh');
    const cut = [...demanded].sort((a, b) => a - b)[32 - failing] as number;
    const view = runPrim(run(), { metric: 'energyDemandedMWh', op: '>', value: cut - 1e-9 });
    expect(view.failing).toBe(failing);
    expect(view.boxes.length).toBeGreaterThan(0);
    expect(view.boxes[0]?.sentence).toMatch(/demand growth > [\d.]+ %\/yr/);
    const box = view.boxes[0];
    if (!box) throw new Error('no box');
    expect(selectionOf(run(), box.brush).count).toBe(box.count);
  });
});

describe('the sensitivity plan', () => {
  it('picks the largest N within the backend budget, and uses a chosen N as given', () => {
    const knobs = KNOB_NAMES.slice(0, 2);
    const cpu = planSensitivity('cpu', knobs, 20 * 11);
    expect(cpu).toEqual({ n: 128, sets: 512, draws: 128, knobs });
    expect(cpu.sets * cpu.draws * 220).toBeLessThanOrEqual(2 ** 24);
    expect(planSensitivity('webgpu', knobs, 59 * 11).n).toBe(1024);
    expect(planSensitivity('cpu', KNOB_NAMES.slice(), 59 * 11).n).toBe(16);
    expect(planSensitivity('cpu', knobs, 220, 32)).toMatchObject({ n: 32, sets: 128 });
  });
});
