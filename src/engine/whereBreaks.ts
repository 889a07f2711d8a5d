// Where it breaks and why: per site-year, the probability that each cause binds (the site misses
// its plan by more than the miss tolerance and that cause takes the largest part of the MW it
// loses); per region-year, the mean MW not delivered by cause (docs/model.md, "What breaks first").
import { CAUSES, type Cause } from '../kernel/contract';
import type { Scenario } from '../scenario/schema';
import { plannedSiteMW, regionCapexUSDPerMW, yearIndex } from './attribution';
import { regionShortfallMW, regionShortfallQuantilesMW, siteCauseProbability } from './causeCounts';
import type { RunResult } from './types';

export { type ByCause, regionShortfallMW, regionShortfallQuantilesMW, siteCauseProbability } from './causeCounts';

export interface SiteWhy {
  /** P(the site delivers less than its plan allows) this year. */
  missProbability: number;
  /** Causes that bind in some draw, most likely first, with their share of the misses. */
  causes: { cause: Cause; probability: number; shareOfMisses: number }[];
}

/** Why one site misses its plan in one year. */
export function siteWhy(result: RunResult, paramSet: number, site: number, year: number): SiteWhy {
  const y = yearIndex(result, year);
  const p = siteCauseProbability(result, paramSet, site);
  const missProbability = CAUSES.reduce((a, c) => a + (p[c][y] as number), 0);
  const causes = CAUSES.map((cause) => ({
    cause,
    probability: p[cause][y] as number,
    shareOfMisses: missProbability > 0 ? (p[cause][y] as number) / missProbability : 0,
  }))
    .filter((c) => c.probability > 0)
    .sort((a, b) => b.probability - a.probability);
  return { missProbability, causes };
}

export interface RegionShortfall {
  region: string;
  /** IT load planned to run in the region this year (MW). */
  plannedMW: number;
  /** Mean MW not delivered, and by cause (largest first). */
  meanMW: number;
  causes: { cause: Cause; meanMW: number; shareOfShortfall: number }[];
  /** Facility capital standing idle or delayed (US$): meanMW × the region's facility capex per MW (else the scenario's). */
  facilityCapexUSD: number;
  /** P5, P50, P95 of the MW not delivered (all causes), within 1/32 of the plan; absent when the run kept none. */
  quantilesMW?: { p5: number; p50: number; p95: number };
}

/** Every region's mean shortfall in one year, the largest first. */
export function regionShortfallInYear(scenario: Scenario, result: RunResult, paramSet: number, year: number): RegionShortfall[] {
  const y = yearIndex(result, year);
  const planned = new Float64Array(result.regionIds.length);
  const regionIndex = new Map(result.regionIds.map((id, i) => [id, i]));
  const capex = regionCapexUSDPerMW(scenario, result);
  for (const s of scenario.sites) {
    const site = { itLoadMW: s.itLoadMW, plannedOffset: s.plannedYear - scenario.startYear, rampYears: s.rampYears };
    const r = regionIndex.get(s.region);
    if (r !== undefined) planned[r] = (planned[r] as number) + plannedSiteMW(result.knobValues, paramSet, site, y);
  }
  return result.regionIds
    .map((region, r) => {
      const mw = regionShortfallMW(result, paramSet, r);
      const q = regionShortfallQuantilesMW(result, paramSet, r);
      const meanMW = CAUSES.reduce((a, c) => a + (mw[c][y] as number), 0);
      const causes = CAUSES.map((cause) => ({
        cause,
        meanMW: mw[cause][y] as number,
        shareOfShortfall: meanMW > 0 ? (mw[cause][y] as number) / meanMW : 0,
      })).sort((a, b) => b.meanMW - a.meanMW);
      return {
        region,
        plannedMW: planned[r] as number,
        meanMW,
        causes,
        facilityCapexUSD: meanMW * (capex[r] as number),
        ...(q && { quantilesMW: { p5: q.p5[y] as number, p50: q.p50[y] as number, p95: q.p95[y] as number } }),
      };
    })
    .sort((a, b) => b.meanMW - a.meanMW);
}
