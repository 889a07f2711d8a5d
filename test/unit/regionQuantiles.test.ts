// Region-year quantiles of the MW not delivered: the kernels count each draw's share of the
// region's plan lost (exact atoms at 0 and at the whole plan, 32 bins between), and the engine
// reads P5/P50/P95 off those counts. Checked against hand-worked plans and, draw by draw, against
// the raw samples of the same run (one region: its shortfall is the scenario's), on both backends.
import { describe, expect, it } from 'vitest';
import { plannedMWByYear } from '../../src/engine/attribution';
import { regionShortfallQuantilesMW } from '../../src/engine/whereBreaks';
import { REGION_HIST_BINS } from '../../src/kernel/contract';
import { RunOptionError } from '../../src/engine/options';
import { bothEngines, everyCause, handScenario } from './engineHelpers';
import { testSeeds } from './stats';

const engines = bothEngines();
const transformers1y = { transformers: { delayYears: 1, shockProbability: 0, shockDelayYears: 0, scope: 'global' } };

/** The draws' own q-quantile: the smallest value with at least q·n draws at or below it. */
function empirical(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

describe.each(['cpu', 'webgpu'] as const)('%s: region-year quantiles', (backend) => {
  it('hand-worked: a whole year lost is exact, a part of it within one bin', async () => {
    const s = handScenario({ supplyChain: transformers1y });
    const r = await engines[backend].run(s, { draws: 256, seed: 3 });
    const q = regionShortfallQuantilesMW(r, 0, 0);
    if (!q) throw new Error('a one-set run keeps region-year quantiles');
    // Planned 0, 25, 75, 100 MW in 2025–2028; short 0, 25 (all of it), 50, 25 MW in every draw.
    expect([q.p5[0], q.p50[0], q.p95[0]]).toEqual([0, 0, 0]);
    expect([q.p5[1], q.p50[1], q.p95[1]]).toEqual([25, 25, 25]);
    for (const [y, plan, short] of [
      [2, 75, 50],
      [3, 100, 25],
    ] as const) {
      for (const v of [q.p5[y], q.p50[y], q.p95[y]]) expect(Math.abs((v as number) - short)).toBeLessThanOrEqual(plan / REGION_HIST_BINS);
    }
  });

  it.each(testSeeds([21, 22, 23]))('match the raw samples of the same draws within one bin (seed %i)', async (seed) => {
    const s = everyCause();
    const draws = 2048;
    const r = await engines[backend].run(s, { draws, seed });
    const q = regionShortfallQuantilesMW(r, 0, 0);
    if (!q) throw new Error('a one-set run keeps region-year quantiles');
    const planned = plannedMWByYear(s, r, 0);
    const raw = await engines[backend].samples(s, { draws, seed, series: r.years.map((y) => `shortfallShare[${y}]`) });
    let spread = 0;
    r.years.forEach((year, y) => {
      const plan = planned[y] as number;
      const mw = Float64Array.from(raw.columns[y] as Float32Array, (v) => v * plan).sort();
      spread += (mw.at(-1) as number) - (mw[0] as number);
      [q.p5, q.p50, q.p95].forEach((got, j) => {
        const want = empirical(mw, [0.05, 0.5, 0.95][j] as number);
        // Binning moves a quantile at most one bin (1/32 of the plan); f32 sums add ulps.
        expect(Math.abs((got[y] as number) - want), `${year} q${j}`).toBeLessThanOrEqual(plan / REGION_HIST_BINS + 1e-4 * plan);
      });
    });
    expect(spread).toBeGreaterThan(0); // the check met a spread of shortfalls, not only atoms
  });
});

describe('when region-year quantiles are kept', () => {
  it('by default for designs of up to 64 sets, on request above, never as null', async () => {
    const s = handScenario({ supplyChain: transformers1y });
    const cpu = engines.cpu;
    expect((await cpu.run(s, { draws: 64, paramSets: 65 })).regionShortfallQuantilesMW.length).toBe(0);
    expect((await cpu.run(s, { draws: 64, paramSets: 65, regionQuantiles: true })).regionShortfallQuantilesMW.length).toBe(65 * 4 * 3);
    expect((await cpu.run(s, { draws: 64, paramSets: 2, regionQuantiles: false })).regionShortfallQuantilesMW.length).toBe(0);
    await expect(cpu.run(s, { regionQuantiles: 'yes' as unknown as boolean })).rejects.toBeInstanceOf(RunOptionError);
  });

  it('CPU and WebGPU agree within one bin', async () => {
    const s = everyCause();
    const [c, g] = await Promise.all([engines.cpu.run(s, { draws: 1024, seed: 5 }), engines.webgpu.run(s, { draws: 1024, seed: 5 })]);
    const plan = Math.max(...plannedMWByYear(s, c, 0));
    c.regionShortfallQuantilesMW.forEach((v, i) => {
      expect(Math.abs(v - (g.regionShortfallQuantilesMW[i] as number))).toBeLessThanOrEqual(plan / REGION_HIST_BINS);
    });
  });
});
