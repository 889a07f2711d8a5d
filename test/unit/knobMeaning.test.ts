// The knob panel's physical-meaning lines and plausible ranges (src/ui/knobMeaning.ts, knobs.ts).
// Every expected number is worked out here from the preset's raw JSON with the model's formulas
// (docs/model.md, "Parameter sets and knobs"), not with the code under test.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';
import type { Scenario } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { formatMW } from '../../src/ui/format';
import { knobFacts, knobMeaning, WORLD_ELECTRICITY_TWH_2024 } from '../../src/ui/knobMeaning';
import { KNOB_META, knobRanges, scenarioWithKnobs } from '../../src/ui/knobs';

type Raw = {
  startYear: number;
  endYear: number;
  sites: { status: string; region: string; cooling: string; itLoadMW: number; plannedYear: number; rampYears?: number }[];
  regions: { id: string; headroomGrowthMWPerYear: RawDist; droughtWaterAllowance: RawDist; heatwaveProbability: number }[];
  cooling: Record<string, { pue: RawDist }>;
  proceedProbability: Record<string, number>;
  cyber: { incidentsPerSiteYear: number };
  knobs: Record<string, { value: number; min: number; max: number }>;
};
type RawDist = number | { dist: string; mode?: number; value?: number; mean?: number; median?: number };

const PRESETS = ['uk-2030', 'global-2030', 'japan-2030', 'us-federal-sites'] as const;
const raw = (id: string): Raw => JSON.parse(readFileSync(`public/data/scenarios/${id}.json`, 'utf8'));
function scenario(id: string): Scenario {
  const r = parseScenario(readFileSync(`public/data/scenarios/${id}.json`, 'utf8'));
  if (!r.ok) throw new Error(`${id} does not validate`);
  return r.scenario;
}
/** The presets use PERT and fixed values for these fields: the mode, or the value. */
const central = (d: RawDist): number => (typeof d === 'number' ? d : (d.mode ?? d.value ?? d.mean ?? d.median ?? Number.NaN));
/** Planned IT load of a site in a year: full load × the share of its ramp done by mid-year. */
function planned(site: Raw['sites'][number], year: number): number {
  const ramp = site.rampYears ?? 1;
  const since = year + 0.5 - site.plannedYear;
  return site.itLoadMW * (ramp > 0 ? Math.min(1, Math.max(0, since / ramp)) : since >= 0 ? 1 : 0);
}
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

afterEach(() => setLanguage('en'));

describe('what each knob means for the scenario', () => {
  const id = 'uk-2030';
  const s = scenario(id);
  const r = raw(id);
  const year = 2030;
  const y = year - r.startYear;
  const ranges = knobRanges(s);
  const planMW = sum(r.sites.map((site) => planned(site, year)));

  it('demand growth: the year’s IT load × (1 + γ)^y against the plan', () => {
    const f = knobFacts(s, year, 'demandGrowthPctPerYear', 3);
    expect(f.planMW).toBeCloseTo(planMW, 6);
    expect(f.factor).toBeCloseTo(1.03 ** 5, 12);
    expect(f.deltaMW).toBeCloseTo(planMW * (1.03 ** 5 - 1), 6);
    const m = knobMeaning(s, year, 'demandGrowthPctPerYear', 3, ranges.demandGrowthPctPerYear);
    expect(m.text).toBe(
      `IT load in 2030 ×1.16 vs the plan (+${formatMW(planMW * (1.03 ** 5 - 1))}, ${formatMW(planMW * 1.03 ** 5)} in all)`,
    );
    expect(m.warning).toBeUndefined();
    expect(knobMeaning(s, year, 'demandGrowthPctPerYear', 0, ranges.demandGrowthPctPerYear).text).toBe(
      `IT load as planned: ${formatMW(planMW)} in 2030`,
    );
  });

  it('grid build-out: scales only the headroom added since the start year', () => {
    const added = sum(r.regions.map((g) => central(g.headroomGrowthMWPerYear) * y));
    const f = knobFacts(s, year, 'gridBuildoutScale', 0.8);
    expect(f.addedBaseMW).toBeCloseTo(added, 6);
    expect(f.addedMW).toBeCloseTo(0.8 * added, 6);
    expect(knobMeaning(s, year, 'gridBuildoutScale', 0.8, ranges.gridBuildoutScale).text).toBe(
      `20% less new grid headroom than the regions plan: ${formatMW(0.8 * added)} by 2030 instead of ${formatMW(added)}`,
    );
  });

  it('drought, heatwaves, cooling mix, efficiency, chips, cyber and the queue', () => {
    const left = (k: number) => r.regions.map((g) => Math.min(1, Math.max(0, 1 - k * (1 - central(g.droughtWaterAllowance)))));
    const d = knobFacts(s, year, 'droughtSeverity', 2);
    expect([d.lo, d.hi]).toEqual([Math.min(...left(2)), Math.max(...left(2))]);
    expect([d.baseLo, d.baseHi]).toEqual([Math.min(...left(1)), Math.max(...left(1))]);

    const h = knobFacts(s, year, 'heatwaveFrequencyScale', 2);
    expect(h.hi).toBeCloseTo(Math.min(1, 2 * Math.max(...r.regions.map((g) => g.heatwaveProbability))), 12);

    const evaporative = sum(r.sites.filter((x) => x.cooling === 'evaporative').map((x) => planned(x, year)));
    const c = knobFacts(s, year, 'coolingMixShift', 0.4);
    expect(c.evaporativeMW).toBeCloseTo(evaporative, 6);
    expect(c.shiftedMW).toBeCloseTo(0.4 * evaporative, 6);

    const pue0 = sum(r.sites.map((x) => planned(x, year) * central(r.cooling[x.cooling]!.pue))) / planMW;
    const e = knobFacts(s, year, 'efficiencyTrendPctPerYear', 2);
    expect(e.pueBase).toBeCloseTo(pue0, 9);
    expect(e.pue).toBeCloseTo(1 + (pue0 - 1) * 0.98 ** y, 9);
    expect(knobMeaning(s, year, 'efficiencyTrendPctPerYear', 2, ranges.efficiencyTrendPctPerYear).text).toBe(
      `Typical PUE in 2030: ${(1 + (pue0 - 1) * 0.98 ** y).toFixed(2)} (as written ${pue0.toFixed(2)})`,
    );

    const cy = knobFacts(s, year, 'cyberRateScale', 3);
    expect(cy.perYear).toBeCloseTo(3 * r.cyber.incidentsPerSiteYear * r.sites.length, 12);

    // The queue: a site not yet operating is built with probability clamp(κ P_status).
    const pending = r.sites.filter((x) => x.status !== 'operating');
    const expected = (k: number) => sum(pending.map((x) => planned(x, year) * Math.min(1, k * r.proceedProbability[x.status]!)));
    const q = knobFacts(s, year, 'realQueueShareScale', 1.5);
    expect(q.pendingMW).toBeCloseTo(sum(pending.map((x) => planned(x, year))), 6);
    expect(q.expectedMW).toBeCloseTo(expected(1.5), 6);
    expect(q.expectedBaseMW).toBeCloseTo(expected(1), 6);
  });

  it('reads in Japanese with the same numbers', () => {
    setLanguage('ja');
    const m = knobMeaning(s, year, 'demandGrowthPctPerYear', 3, ranges.demandGrowthPctPerYear);
    expect(m.text).toContain('×1.16');
    expect(m.text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(m.text).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('plausible ranges', () => {
  it('demand growth: −6…+6 %/yr, which holds the IEA’s Headwinds and Lift-Off cases', () => {
    // IEA Energy and AI (2025), 2030 against the Base case's 945 TWh, compounded over 2024–2030.
    const headwinds = ((669 / 945) ** (1 / 6) - 1) * 100;
    const liftOff = ((1264 / 945) ** (1 / 6) - 1) * 100;
    expect(headwinds).toBeCloseTo(-5.6, 1);
    expect(liftOff).toBeCloseTo(5.0, 1);
    expect(KNOB_META.demandGrowthPctPerYear.defaultRange).toEqual([-6, 6]);
    for (const id of PRESETS) {
      const k = raw(id).knobs.demandGrowthPctPerYear!;
      expect([k.min, k.max], id).toEqual([-6, 6]);
      const range = knobRanges(scenario(id)).demandGrowthPctPerYear;
      expect(range.plausible, id).toEqual([-6, 6]);
      expect(range.plausible[0]).toBeLessThan(headwinds);
      expect(range.plausible[1]).toBeGreaterThan(liftOff);
      // The slider still reaches the extremes, with the warning.
      expect([range.min, range.max], id).toEqual([-20, 50]);
    }
  });

  it('every preset knob range holds the scenario value and stays inside the slider', () => {
    for (const id of PRESETS) {
      for (const [name, r] of Object.entries(knobRanges(scenario(id)))) {
        expect(r.plausible[0], `${id} ${name}`).toBeLessThanOrEqual(r.base);
        expect(r.plausible[1], `${id} ${name}`).toBeGreaterThanOrEqual(r.base);
        expect(r.min).toBeLessThanOrEqual(r.plausible[0]);
        expect(r.max).toBeGreaterThanOrEqual(r.plausible[1]);
      }
    }
  });

  it('a live run spreads its sets over the plausible range, widened to hold a value beyond it', () => {
    const s = scenario('uk-2030');
    expect(scenarioWithKnobs(s, {}).knobs.demandGrowthPctPerYear).toEqual({ value: 0, min: -6, max: 6 });
    expect(scenarioWithKnobs(s, { demandGrowthPctPerYear: 20 }).knobs.demandGrowthPctPerYear).toEqual({ value: 20, min: -6, max: 20 });
  });
});

describe('the warning beyond the plausible range', () => {
  it('+37 %/yr on the world preset: more electricity than the world uses', () => {
    const id = 'global-2030';
    const s = scenario(id);
    const r = raw(id);
    const ranges = knobRanges(s);
    const factor = 1.37 ** (r.endYear - r.startYear);
    const twh = (sum(r.sites.map((x) => planned(x, r.endYear) * central(r.cooling[x.cooling]!.pue))) * factor * 8760) / 1e6;
    expect(twh).toBeGreaterThan(WORLD_ELECTRICITY_TWH_2024);
    expect(knobFacts(s, 2030, 'demandGrowthPctPerYear', 37).horizonTWh).toBeCloseTo(twh, 3);
    const m = knobMeaning(s, 2030, 'demandGrowthPctPerYear', 37, ranges.demandGrowthPctPerYear);
    expect(m.warning).toContain(
      `compounds to ×${factor.toPrecision(3)} by ${r.endYear}, about ${Number(twh.toPrecision(3)).toLocaleString('en')} TWh a year`,
    );
    expect(m.warning).toContain('more than the world’s whole electricity use (about 28,000 TWh in 2024)');
    expect(knobMeaning(s, 2030, 'demandGrowthPctPerYear', 6, ranges.demandGrowthPctPerYear).warning).toBeUndefined();
    expect(knobMeaning(s, 2030, 'demandGrowthPctPerYear', -7, ranges.demandGrowthPctPerYear).warning).toMatch(
      /% of the world’s electricity use/,
    );
  });

  it('says so in Japanese too', () => {
    setLanguage('ja');
    const s = scenario('global-2030');
    const m = knobMeaning(s, 2030, 'demandGrowthPctPerYear', 37, knobRanges(s).demandGrowthPctPerYear);
    expect(m.warning).toContain('上回ります');
    expect(m.warning).not.toMatch(/\b(?!IEA|TWh)[A-Za-z]{3,}/);
  });
});
