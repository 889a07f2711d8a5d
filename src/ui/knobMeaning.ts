// What a knob's value means physically for the scenario on the page: the line under each slider
// ("IT load in 2030 ×1.16 vs the plan"), computed from the scenario's own sites and regions in
// the shown year with the model's formulas (docs/model.md, "Parameter sets and knobs"), and a
// warning when the value lies beyond the plausible range (docs/data.md, "Knob ranges").
import { t } from '../i18n/i18n';
import { centralValue } from '../scenario/centralValue';
import type { KnobName } from '../scenario/names';
import type { Scenario, Site } from '../scenario/schema';
import { formatMW, formatNumber, formatPercent } from './format';
import { beyondPlausible, KNOB_META, type KnobRange } from './knobs';
import { plannedMWInYear } from './map/labelPlacement';

/**
 * World electricity use, TWh a year: IEA Energy and AI (2025) puts data centres' 415 TWh in 2024
 * at about 1.5 % of it (415 / 0.015 ≈ 27,700), docs/data.md "Knob ranges".
 */
export const WORLD_ELECTRICITY_TWH_2024 = 28_000;
const HOURS_PER_YEAR = 8760;

/** The numbers behind one knob's line, at the knob's value and at the scenario as written. */
export interface KnobFacts {
  /** Year index y = year − startYear: the exponent of the yearly trends. */
  y: number;
  [fact: string]: number;
}

const planIn = (s: Scenario, year: number, keep: (site: Site) => boolean = () => true): number =>
  s.sites.reduce((sum, site) => (keep(site) ? sum + plannedMWInYear(site, year) : sum), 0);

/** Facility energy (TWh a year) of the planned IT load in `year` × `factor`, at each cooling type's typical PUE. */
function facilityTWh(s: Scenario, year: number, factor: number): number {
  const mwh = s.sites.reduce((sum, site) => sum + plannedMWInYear(site, year) * centralValue(s.cooling[site.cooling].pue), 0);
  return (mwh * factor * HOURS_PER_YEAR) / 1e6;
}

/** A site's chance of being built at all before the knob: its region's override, else the scenario's. */
function proceedProbability(s: Scenario, site: Site): number {
  if (site.status === 'operating') return 1;
  const region = s.regions.find((r) => r.id === site.region);
  return region?.proceedProbability?.[site.status] ?? s.proceedProbability[site.status];
}

const spread = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];

/** The numbers of knob `name` at value `v` in the shown `year` (independent of language). */
export function knobFacts(s: Scenario, year: number, name: KnobName, v: number): KnobFacts {
  const y = Math.max(0, year - s.startYear);
  switch (name) {
    case 'demandGrowthPctPerYear': {
      const planMW = planIn(s, year);
      const factor = (1 + v / 100) ** y;
      const horizonFactor = (1 + v / 100) ** (s.endYear - s.startYear);
      return { y, planMW, factor, deltaMW: planMW * (factor - 1), horizonFactor, horizonTWh: facilityTWh(s, s.endYear, horizonFactor) };
    }
    case 'gridBuildoutScale': {
      // Headroom in year y is H⁰ + β·G·y (model.ts phase 1): the knob scales only what is added.
      const addedBaseMW = s.regions.reduce((sum, r) => sum + centralValue(r.headroomGrowthMWPerYear) * y, 0);
      return { y, addedBaseMW, addedMW: v * addedBaseMW };
    }
    case 'droughtSeverity': {
      const left = (k: number) =>
        spread(s.regions.map((r) => Math.min(1, Math.max(0, 1 - k * (1 - centralValue(r.droughtWaterAllowance))))));
      const [lo, hi] = left(v);
      const [baseLo, baseHi] = left(1);
      return { y, lo, hi, baseLo, baseHi };
    }
    case 'heatwaveFrequencyScale': {
      const p = (k: number) => spread(s.regions.map((r) => Math.min(1, k * r.heatwaveProbability)));
      const [lo, hi] = p(v);
      const [baseLo, baseHi] = p(1);
      return { y, lo, hi, baseLo, baseHi };
    }
    case 'coolingMixShift': {
      const evaporativeMW = planIn(s, year, (site) => site.cooling === 'evaporative');
      return { y, evaporativeMW, shiftedMW: v * evaporativeMW };
    }
    case 'efficiencyTrendPctPerYear': {
      // The plan-weighted typical PUE of the year's load; the trend cuts its overhead by (1 − ε/100)^y.
      const planMW = planIn(s, year);
      const weighted = s.sites.reduce((sum, site) => sum + plannedMWInYear(site, year) * centralValue(s.cooling[site.cooling].pue), 0);
      const pueBase = planMW > 0 ? weighted / planMW : 1;
      return { y, pueBase, pue: 1 + (pueBase - 1) * (1 - v / 100) ** y };
    }
    case 'chipShockProbability':
      return { y, probability: v, shockYears: centralValue(s.supplyChain.accelerators.shockDelayYears) };
    case 'cyberRateScale': {
      const perSiteYear = v * s.cyber.incidentsPerSiteYear;
      return {
        y,
        perSiteYear,
        sites: s.sites.length,
        perYear: perSiteYear * s.sites.length,
        basePerYear: s.cyber.incidentsPerSiteYear * s.sites.length,
      };
    }
    case 'realQueueShareScale': {
      const pending = s.sites.filter((site) => site.status !== 'operating');
      const expected = (k: number) =>
        pending.reduce((sum, site) => sum + plannedMWInYear(site, year) * Math.min(1, Math.max(0, k * proceedProbability(s, site))), 0);
      return { y, pendingMW: planIn(s, year, (site) => site.status !== 'operating'), expectedMW: expected(v), expectedBaseMW: expected(1) };
    }
  }
}

export interface KnobMeaning {
  /** What the value means for this scenario in the shown year. */
  text: string;
  /** Set when the value lies beyond the plausible range: what it implies. */
  warning?: string;
}

const pctRange = (lo: number, hi: number): string =>
  Math.abs(hi - lo) < 0.005 ? formatPercent(lo) : `${formatPercent(lo)}–${formatPercent(hi)}`;
const times = (f: number): string => `×${f >= 10 ? formatNumber(f) : f.toFixed(2)}`;
const signedMW = (mw: number): string => `${mw < 0 ? '−' : '+'}${formatMW(Math.abs(mw))}`;
const SAME = 1e-9;

type MeaningKey =
  | 'demand.same'
  | 'demand.moved'
  | 'grid.none'
  | 'grid.same'
  | 'grid.less'
  | 'grid.more'
  | 'drought'
  | 'heatwave'
  | 'cooling'
  | 'cooling.none'
  | 'efficiency'
  | 'chip'
  | 'cyber'
  | 'queue'
  | 'queue.none';

function text(year: number, name: KnobName, v: number, f: KnobFacts): string {
  // The keys are checked by MeaningKey; i18next's types would also want each key's own variables.
  const k = (key: MeaningKey, values: Record<string, string>) =>
    (t as unknown as (key: string, values: Record<string, string>) => string)(`knobs:meaning.${key}`, { year: String(year), ...values });
  switch (name) {
    case 'demandGrowthPctPerYear':
      return Math.abs(v) < SAME || f.y === 0
        ? k('demand.same', { plan: formatMW(f.planMW) })
        : k('demand.moved', { factor: times(f.factor), delta: signedMW(f.deltaMW), load: formatMW(f.planMW * f.factor) });
    case 'gridBuildoutScale': {
      if (!(Math.abs(f.addedBaseMW) > 0)) return k('grid.none', {});
      if (Math.abs(v - 1) < SAME) return k('grid.same', { base: formatMW(f.addedBaseMW) });
      const change = formatPercent(Math.abs(v - 1));
      return k(v < 1 ? 'grid.less' : 'grid.more', { change, now: formatMW(f.addedMW), base: formatMW(f.addedBaseMW) });
    }
    case 'droughtSeverity':
      return k('drought', { left: pctRange(f.lo, f.hi), base: pctRange(f.baseLo, f.baseHi) });
    case 'heatwaveFrequencyScale':
      return k('heatwave', { now: pctRange(f.lo, f.hi), base: pctRange(f.baseLo, f.baseHi) });
    case 'coolingMixShift':
      return f.evaporativeMW > 0
        ? k('cooling', { shifted: formatMW(f.shiftedMW), evaporative: formatMW(f.evaporativeMW) })
        : k('cooling.none', {});
    case 'efficiencyTrendPctPerYear':
      return k('efficiency', { pue: f.pue.toFixed(2), base: f.pueBase.toFixed(2) });
    case 'chipShockProbability':
      return k('chip', { chance: formatPercent(f.probability), years: formatNumber(f.shockYears) });
    case 'cyberRateScale':
      return k('cyber', { perYear: formatNumber(f.perYear), sites: String(f.sites), base: formatNumber(f.basePerYear) });
    case 'realQueueShareScale':
      return f.pendingMW > 0
        ? k('queue', { expected: formatMW(f.expectedMW), pending: formatMW(f.pendingMW), base: formatMW(f.expectedBaseMW) })
        : k('queue.none', {});
  }
}

function warning(s: Scenario, name: KnobName, v: number, r: KnobRange): string {
  const meta = KNOB_META[name];
  const values = {
    value: `${meta.display(v)} ${meta.unit}`,
    lo: meta.display(r.plausible[0]),
    hi: meta.display(r.plausible[1]),
    unit: meta.unit,
  };
  if (name !== 'demandGrowthPctPerYear') return t('knobs:meaning.beyond', values);
  const f = knobFacts(s, s.endYear, name, v);
  const world = formatNumber(WORLD_ELECTRICITY_TWH_2024);
  const energy = {
    ...values,
    horizon: String(s.endYear),
    factor: times(f.horizonFactor),
    twh: formatNumber(Number(f.horizonTWh.toPrecision(3))),
    world,
  };
  if (f.horizonTWh > WORLD_ELECTRICITY_TWH_2024) return t('knobs:meaning.demandBeyondWorld', energy);
  return t('knobs:meaning.demandBeyond', { ...energy, share: formatPercent(f.horizonTWh / WORLD_ELECTRICITY_TWH_2024) });
}

/** The knob's line for the page: its physical meaning, and a warning beyond the plausible range. */
export function knobMeaning(s: Scenario, year: number, name: KnobName, v: number, r: KnobRange): KnobMeaning {
  const line = text(year, name, v, knobFacts(s, year, name, v));
  return beyondPlausible(r, v) ? { text: line, warning: warning(s, name, v, r) } : { text: line };
}
