// What breaks first: a run's undelivered IT load by year and cause, read from its shortfall
// series (docs/model.md, "What breaks first"). Planned load is deterministic given the knobs, so
// the share series' quantiles scale to MW exactly.
import { CAUSES, type Cause, K_DEMAND_GROWTH, NKNOBS } from '../kernel/contract';
import { onlineShare } from '../kernel/model';
import type { Scenario } from '../scenario/schema';
import { findSeries, seriesSummary } from './resultAccess';
import type { RunResult, SeriesSummary } from './types';
import { regionShortfallMW } from './causeCounts';

export { CAUSES, type Cause } from '../kernel/contract';

/** Each cause in words, as legends and tables name it. */
export const CAUSE_LABELS: Record<Cause, string> = {
  abandoned: 'Abandoned (never built)',
  accelerators: 'Accelerator supply',
  transformers: 'Transformers',
  coolingPlant: 'Cooling plant',
  gridQueue: 'Grid-connection queue',
  onsiteGeneration: 'On-site generation',
  curtailment: 'Grid curtailment',
  flexibleConnection: 'Flexible-connection curtailment',
  water: 'Water (drought)',
  cyber: 'Cyber outages',
};

export interface CauseShortfall {
  cause: Cause;
  /** Mean MW not delivered because of this cause, with its Monte Carlo standard error. */
  meanMW: number;
  seMW: number;
  p5MW: number;
  p50MW: number;
  p95MW: number;
  /** This cause's share of the mean shortfall (0 when nothing is short). */
  shareOfShortfall: number;
  /** Facility capital (US$) standing idle or delayed behind this cause: Σ over regions of its mean MW there × the region's facility capex. */
  facilityCapexUSD: number;
}

export interface YearShortfall {
  year: number;
  /** IT load planned to run this year (MW, annual average), summed over sites. */
  plannedMW: number;
  /** MW of that plan not delivered: mean, se, P5, P50, P95 over the draws. */
  shortfallMW: { mean: number; se: number; p5: number; p50: number; p95: number };
  /** P(share of the plan not delivered > threshold). */
  pExceed: number;
  threshold: number;
  /** Causes, largest mean first. */
  causes: CauseShortfall[];
  /**
   * Money behind the mean shortfall (US$): facility capital (building, power, cooling) built or
   * committed but not delivering, and — when the scenario gives an IT capex — the IT investment
   * that cannot run. Mean MW × facility capex per MW — the region's where it gives one, else the
   * scenario's `economics` (docs/data.md, Money) — summed over the causes.
   */
  facilityCapexUSD: number;
  itCapexUSD: number | undefined;
  /** The grid connection and reinforcement built for the MW not delivered (US$), when the scenario gives a grid capex. */
  gridCapexUSD: number | undefined;
}

/**
 * Planned IT load (MW) of one site in year index y, before any delay or shortfall:
 * L (1 + γ/100)^y φ(y; t, R), γ the parameter set's demand-growth knob.
 */
export function plannedSiteMW(
  knobValues: Float32Array,
  paramSet: number,
  site: { itLoadMW: number; plannedOffset: number; rampYears: number },
  y: number,
): number {
  const growth = (1 + (knobValues[paramSet * NKNOBS + K_DEMAND_GROWTH] as number) * 0.01) ** y;
  return site.itLoadMW * growth * onlineShare(y, site.plannedOffset, site.rampYears);
}

/** Planned IT load (MW) of every year for one parameter set: Σ_s L_s (1 + γ/100)^y φ(y; t_s, R_s). */
export function plannedMWByYear(scenario: Scenario, result: RunResult, paramSet: number): Float64Array {
  const sites = scenario.sites.map((s) => ({
    itLoadMW: s.itLoadMW,
    plannedOffset: s.plannedYear - scenario.startYear,
    rampYears: s.rampYears,
  }));
  const out = new Float64Array(result.years.length);
  for (let y = 0; y < out.length; y++) {
    for (const s of sites) out[y] += plannedSiteMW(result.knobValues, paramSet, s, y);
  }
  return out;
}

function summaryOf(result: RunResult, paramSet: number, key: string): SeriesSummary & { threshold: number } {
  const found = findSeries(result, key);
  if (!found) throw new Error(`result has no series '${key}': it predates shortfall attribution`);
  return { ...seriesSummary(result, paramSet, found.index), threshold: found.info.threshold };
}

/** The index of a calendar year in the run's years; a RangeError naming the run's span if absent. */
export function yearIndex(result: RunResult, year: number): number {
  const y = result.years.indexOf(year);
  if (y < 0) throw new RangeError(`year ${year} is not in the run (${result.years[0]}–${result.years.at(-1)})`);
  return y;
}

/** Facility capex per MW (US$) of each region of a run: its own figure, else the scenario's. */
export function regionCapexUSDPerMW(scenario: Scenario, result: RunResult): Float64Array {
  const byId = new Map(scenario.regions.map((r) => [r.id, r.facilityCapexUSDPerMW]));
  return Float64Array.from(result.regionIds, (id) => byId.get(id) ?? scenario.economics.facilityCapexUSDPerMW);
}

/**
 * Facility capex per MW (US$) behind each cause's mean shortfall in year index y: the regions'
 * figures weighted by where that cause's MW are lost (the scenario's figure when nothing is lost).
 */
function causeCapexUSDPerMW(scenario: Scenario, result: RunResult, paramSet: number, y: number): Record<Cause, number> {
  const capex = regionCapexUSDPerMW(scenario, result);
  const mwUSD = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
  const mw = { ...mwUSD };
  result.regionIds.forEach((_, r) => {
    const byCause = regionShortfallMW(result, paramSet, r);
    for (const c of CAUSES) {
      const m = byCause[c][y] as number;
      mw[c] += m;
      mwUSD[c] += m * (capex[r] as number);
    }
  });
  const out = { ...mw };
  for (const c of CAUSES) out[c] = mw[c] > 0 ? mwUSD[c] / mw[c] : scenario.economics.facilityCapexUSDPerMW;
  return out;
}

/** The shortfall of one year of one parameter set, with its causes. */
export function yearShortfall(scenario: Scenario, result: RunResult, paramSet: number, year: number): YearShortfall {
  const y = yearIndex(result, year);
  const plannedMW = plannedMWByYear(scenario, result, paramSet)[y] as number;
  const share = summaryOf(result, paramSet, `shortfallShare[${year}]`);
  const capex = causeCapexUSDPerMW(scenario, result, paramSet, y);
  const causes = CAUSES.map((cause) => {
    const s = summaryOf(result, paramSet, `shortfallMW[${cause}][${year}]`);
    const facilityCapexUSD = s.mean * capex[cause];
    return { cause, meanMW: s.mean, seMW: s.se, p5MW: s.p5, p50MW: s.p50, p95MW: s.p95, shareOfShortfall: 0, facilityCapexUSD };
  });
  const total = causes.reduce((a, c) => a + c.meanMW, 0);
  for (const c of causes) c.shareOfShortfall = total > 0 ? c.meanMW / total : 0;
  causes.sort((a, b) => b.meanMW - a.meanMW);
  return {
    year,
    plannedMW,
    shortfallMW: {
      mean: share.mean * plannedMW,
      se: share.se * plannedMW,
      p5: share.p5 * plannedMW,
      p50: share.p50 * plannedMW,
      p95: share.p95 * plannedMW,
    },
    pExceed: share.pExceed,
    threshold: share.threshold,
    causes,
    facilityCapexUSD: causes.reduce((a, c) => a + c.facilityCapexUSD, 0),
    itCapexUSD: scenario.economics.itCapexUSDPerMW === undefined ? undefined : share.mean * plannedMW * scenario.economics.itCapexUSDPerMW,
    gridCapexUSD:
      scenario.economics.gridCapexUSDPerMW === undefined ? undefined : share.mean * plannedMW * scenario.economics.gridCapexUSDPerMW,
  };
}

/** Every year's shortfall of one parameter set. */
export function shortfallByYear(scenario: Scenario, result: RunResult, paramSet = 0): YearShortfall[] {
  return result.years.map((year) => yearShortfall(scenario, result, paramSet, year));
}
