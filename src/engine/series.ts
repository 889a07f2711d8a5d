// The series a run reports, in the order the kernels write them (src/kernel/contract.ts owns the
// indices): the six headline totals, energy demanded and served by year, grid stress by region.
import { CAUSES, F32, HEADLINE_SERIES, INFO_CAP, INFO_THRESHOLD, SERIES_INFO_STRIDE } from '../kernel/contract';
import type { Scenario } from '../scenario/schema';
import type { SeriesInfo } from './types';

export const HEADLINE_METRICS = [
  { metric: 'energyDemandedMWh', unit: 'MWh', threshold: 0 },
  { metric: 'energyServedMWh', unit: 'MWh', threshold: 0 },
  { metric: 'curtailedMWh', unit: 'MWh', threshold: 0 },
  { metric: 'waterUsedML', unit: 'ML', threshold: 0 },
  { metric: 'waterShortfallML', unit: 'ML', threshold: 0 },
  { metric: 'computeLostMWh', unit: 'MWh', threshold: 0 },
] as const satisfies readonly { metric: (typeof HEADLINE_SERIES)[number]; unit: string; threshold: number }[];
/** The headline series' keys, in series order. */
export const HEADLINE_KEYS = HEADLINE_SERIES;

export function yearsOf(scenario: Scenario): number[] {
  return Array.from({ length: scenario.endYear - scenario.startYear + 1 }, (_, i) => scenario.startYear + i);
}

/** Share of a year's planned IT load whose loss counts as exceeding, unless a run picks another. */
export const DEFAULT_SHORTFALL_THRESHOLD = 0.1;

/**
 * Series order: the six headline totals, demanded by year, served by year, grid stress by
 * region, the share of planned IT load not delivered by year (exceedance: above
 * `shortfallThreshold`), then MW not delivered by cause and year (src/kernel/contract.ts).
 */
export function seriesOf(scenario: Scenario, shortfallThreshold = DEFAULT_SHORTFALL_THRESHOLD): SeriesInfo[] {
  const years = yearsOf(scenario);
  const series: SeriesInfo[] = HEADLINE_METRICS.map((m) => ({ key: m.metric, ...m }));
  for (const metric of ['energyDemandedMWh', 'energyServedMWh']) {
    for (const year of years) series.push({ key: `${metric}[${year}]`, metric, unit: 'MWh', year, threshold: 0 });
  }
  for (const r of scenario.regions) {
    series.push({ key: `gridStress[${r.id}]`, metric: 'gridStress', unit: 'ratio', region: r.id, threshold: 1, cap: F32.STRESS_CAP });
  }
  // A year can lose all of its plan: 1 is the share's upper atom.
  for (const year of years)
    series.push({ key: `shortfallShare[${year}]`, metric: 'shortfallShare', unit: 'share', year, threshold: shortfallThreshold, cap: 1 });
  for (const cause of CAUSES) {
    for (const year of years)
      series.push({ key: `shortfallMW[${cause}][${year}]`, metric: 'shortfallMW', unit: 'MW', cause, year, threshold: 0 });
  }
  return series;
}

/** The kernels' per-series table: exceedance threshold and upper atom (NO_ATOM when none). */
export function seriesInfoOf(series: readonly SeriesInfo[]): Float32Array<ArrayBuffer> {
  const info = new Float32Array(series.length * SERIES_INFO_STRIDE);
  series.forEach((s, i) => {
    info[i * SERIES_INFO_STRIDE + INFO_THRESHOLD] = s.threshold;
    info[i * SERIES_INFO_STRIDE + INFO_CAP] = s.cap ?? F32.NO_ATOM;
  });
  return info;
}
