// Where it breaks and why: the kernels count, per site-year, which cause binds when a site misses
// its plan, and sum per region-year the MW not delivered by cause. Checked against hand-worked
// numbers and, draw by draw, against the raw samples of the same run on both backends.
import { describe, expect, it } from 'vitest';
import { CAUSE_CURTAILMENT, CAUSE_CYBER, CAUSE_WATER, CAUSES, N_CAUSES } from '../../src/kernel/contract';
import { regionShortfallInYear, regionShortfallMW, siteCauseProbability, siteWhy } from '../../src/engine/whereBreaks';
import { plannedMWByYear, yearShortfall } from '../../src/engine/attribution';
import { findSeries, seriesSummary } from '../../src/engine/resultAccess';
import { bothEngines, everyCause, fixtureScenario, handScenario, mustParse } from './engineHelpers';
import { testSeeds } from './stats';

const BACKENDS = ['cpu', 'webgpu'] as const;
const engines = bothEngines();
const transformers1y = { transformers: { delayYears: 1, shockProbability: 0, shockDelayYears: 0, scope: 'global' } };

/** The binding cause of one draw from its parts, as docs/model.md defines it (ties to the earlier step). */
function bindingFromParts(parts: number[]): number {
  let cause = 0;
  parts.forEach((v, c) => {
    if (v > (parts[cause] as number)) cause = c;
  });
  return cause;
}

describe.each(BACKENDS)('on %s', (backend) => {
  it('a fixed transformer delay binds in every year it costs load, by the hand-worked MW', async () => {
    const s = handScenario({ supplyChain: transformers1y });
    const r = await engines[backend].run(s, { draws: 256, seed: 3 });
    const p = siteCauseProbability(r, 0, 0);
    // Planned 0, 25, 75, 100 MW in 2025–2028; delivered 0, 0, 25, 75: short 0, 25, 50, 25 MW.
    expect(p.transformers).toEqual([0, 1, 1, 1]);
    for (const c of CAUSES.filter((c) => c !== 'transformers')) expect(p[c]).toEqual([0, 0, 0, 0]);
    const mw = regionShortfallMW(r, 0, 0);
    expect(mw.transformers).toEqual([0, 25, 50, 25]);
    expect(siteWhy(r, 0, 0, 2027)).toEqual({ missProbability: 1, causes: [{ cause: 'transformers', probability: 1, shareOfMisses: 1 }] });
    const [region] = regionShortfallInYear(s, r, 0, 2027);
    expect(region).toMatchObject({ region: 'r', plannedMW: 75, meanMW: 50, facilityCapexUSD: 50 * s.economics.facilityCapexUSDPerMW });
    expect(region?.causes[0]).toEqual({ cause: 'transformers', meanMW: 50, shareOfShortfall: 1 });
  });

  it("prices each region's MW at its own facility capex, the scenario's where it gives none", async () => {
    // Two copies of the hand-worked site, in a region at $20 M/MW and one without a figure.
    const one = handScenario({ supplyChain: transformers1y });
    const [region, site] = [one.regions[0], one.sites[0]];
    if (!region || !site) throw new Error('hand scenario has a region and a site');
    const s = mustParse({
      ...one,
      regions: [
        { ...region, facilityCapexUSDPerMW: 20e6 },
        { ...region, id: 'q' },
      ],
      sites: [site, { ...site, id: 't', region: 'q' }],
    });
    const r = await engines[backend].run(s, { draws: 64, seed: 3 });
    const byRegion = regionShortfallInYear(s, r, 0, 2027);
    expect(byRegion.find((x) => x.region === 'r')?.facilityCapexUSD).toBe(50 * 20e6);
    expect(byRegion.find((x) => x.region === 'q')?.facilityCapexUSD).toBe(50 * s.economics.facilityCapexUSDPerMW);
    const year = yearShortfall(s, r, 0, 2027);
    const expected = 50 * 20e6 + 50 * s.economics.facilityCapexUSDPerMW;
    expect(year.causes[0]?.cause).toBe('transformers');
    expect(year.causes[0]?.facilityCapexUSD).toBeCloseTo(expected, -2);
    expect(year.facilityCapexUSD).toBeCloseTo(expected, -2);
  });

  it('a tie between the delay and curtailment goes to the delay, the earlier step', async () => {
    // 2028: demand 75 MW × PUE 1.2 = 90 MW against 60 MW of headroom: 25 MW late, 25 MW curtailed.
    const s = handScenario({ supplyChain: transformers1y, region: { gridHeadroomMW: { dist: 'fixed', value: 60 } } });
    const r = await engines[backend].run(s, { draws: 64, seed: 3 });
    const mw = regionShortfallMW(r, 0, 0);
    expect(mw.transformers[3]).toBe(25);
    expect(mw.curtailment[3]).toBe(25);
    expect(siteCauseProbability(r, 0, 0).transformers[3]).toBe(1);
  });

  it.each(testSeeds([11, 12, 13]))('binding causes and MW by cause match the raw samples draw by draw (seed %i)', async (seed) => {
    const s = everyCause();
    const draws = 2048;
    const r = await engines[backend].run(s, { draws, seed });
    const planned = plannedMWByYear(s, r, 0);
    const keys = r.years.flatMap((y) => [`shortfallShare[${y}]`, ...CAUSES.map((c) => `shortfallMW[${c}][${y}]`)]);
    const raw = await engines[backend].samples(s, { draws, seed, series: keys });
    const causeP = siteCauseProbability(r, 0, 0);
    const mw = regionShortfallMW(r, 0, 0);
    const seen = new Set<number>();
    r.years.forEach((year, y) => {
      const counts = new Array<number>(N_CAUSES).fill(0);
      const sums = new Array<number>(N_CAUSES).fill(0);
      let borderline = 0;
      const plannedY = planned[y] as number;
      for (let n = 0; n < draws; n++) {
        const parts = CAUSES.map((_, c) => (raw.columns[y * (1 + N_CAUSES) + 1 + c] as Float32Array)[n] as number);
        parts.forEach((v, c) => (sums[c] = (sums[c] as number) + v));
        const short = parts.reduce((a, v) => a + v, 0);
        if (Math.abs(short - s.missTolerance * plannedY) < 1e-5 * plannedY) borderline++;
        else if (short > s.missTolerance * plannedY) counts[bindingFromParts(parts)]++;
      }
      CAUSES.forEach((cause, c) => {
        const got = (causeP[cause][y] as number) * draws;
        expect(Math.abs(got - (counts[c] as number)), `${cause} ${year}`).toBeLessThanOrEqual(borderline);
        if ((counts[c] as number) > 0) seen.add(c);
        // Each draw's part is rounded to 1/16 MW before it is summed.
        expect(Math.abs((mw[cause][y] as number) - (sums[c] as number) / draws), `${cause} ${year} MW`).toBeLessThanOrEqual(
          1 / 32 + 1e-5 * plannedY,
        );
      });
    });
    // The check met every kind of cause: a supply shock, curtailment, water and cyber.
    for (const c of [CAUSE_CURTAILMENT, CAUSE_WATER, CAUSE_CYBER]) expect(seen.has(c), CAUSES[c]).toBe(true);
    expect([0, 1].some((c) => seen.has(c))).toBe(true);
  });

  it('the regions’ MW by cause add up to the scenario’s (fixture: 3 sites in 2 regions)', async () => {
    const s = fixtureScenario();
    const r = await engines[backend].run(s, { draws: 1024, seed: 7 });
    r.years.forEach((year, y) => {
      for (const cause of CAUSES) {
        const found = findSeries(r, `shortfallMW[${cause}][${year}]`);
        if (!found) throw new Error('no shortfall series');
        const whole = seriesSummary(r, 0, found.index).mean;
        const parts = r.regionIds.reduce((a, _, i) => a + (regionShortfallMW(r, 0, i)[cause][y] as number), 0);
        // Per site-year a part is rounded to 1/16 MW; the series mean carries f32 sums.
        expect(Math.abs(parts - whole), `${cause} ${year}`).toBeLessThanOrEqual(s.sites.length / 32 + 1e-5 * Math.abs(whole));
      }
    });
  });
});

it('CPU and WebGPU count the same binding causes for the same seed', async () => {
  const s = everyCause();
  const [cpu, gpu] = await Promise.all(BACKENDS.map((b) => engines[b].run(s, { draws: 1024, seed: 21 })));
  if (!cpu || !gpu) throw new Error('no runs');
  // Integer counts of the same draws: equal but for a draw whose f32 parts tie or sit on the tolerance.
  const diff = cpu.siteCauseProbability.reduce((a, v, i) => a + Math.abs(v - (gpu.siteCauseProbability[i] as number)), 0) * 1024;
  expect(diff).toBeLessThanOrEqual(4);
  cpu.regionShortfallMW.forEach((v, i) => expect(Math.abs(v - (gpu.regionShortfallMW[i] as number))).toBeLessThanOrEqual(1e-3 + 1e-5 * v));
});
