// Result files: the full result as JSON (resultToJson), the series summaries as CSV (one row per
// parameter set × series) and the per-site, per-year numbers as a second CSV. Values are written
// as the engine returned them; units are in the column names; text cells pass toCsv's formula guard.
import { toCsv } from '../../engine/csv';
import { resultToJson } from '../../engine/resultJson';
import type { RunResult } from '../../engine/types';
import type { Scenario } from '../../scenario/schema';

export const RESULTS_CSV_FIELDS = [
  'paramSet',
  'series',
  'metric',
  'unit',
  'year',
  'region',
  'mean',
  'sd',
  'se',
  'p5',
  'p50',
  'p95',
  'pExceed',
  'threshold',
  'outOfRangeFraction',
] as const;
export const SITE_YEARS_CSV_FIELDS = ['paramSet', 'siteId', 'siteName', 'region', 'year', 'missProbability', 'expectedLoadMW'] as const;

export function resultsJson(result: RunResult, scenario: Scenario): string {
  return `${JSON.stringify(resultToJson(result, scenario), null, 2)}\n`;
}

export function resultsCsv(result: RunResult): string {
  const K = result.paramSetCount;
  const nSeries = result.series.length;
  const stride = result.summary.length / Math.max(1, K * nSeries);
  const rows: (string | number)[][] = [];
  for (let k = 0; k < K; k++) {
    result.series.forEach((info, i) => {
      const o = (k * nSeries + i) * stride;
      const v = (j: number): number => result.summary[o + j] ?? Number.NaN;
      const sd = v(1);
      rows.push([
        k,
        info.key,
        info.metric,
        info.unit,
        info.year ?? '',
        info.region ?? '',
        v(0),
        sd,
        sd / Math.sqrt(result.draws),
        v(2),
        v(3),
        v(4),
        v(5),
        info.threshold,
        v(6),
      ]);
    });
  }
  return toCsv(RESULTS_CSV_FIELDS, rows);
}

export function siteYearsCsv(result: RunResult, scenario: Scenario): string {
  const nS = result.siteIds.length;
  const nY = result.years.length;
  const rows: (string | number)[][] = [];
  for (let k = 0; k < result.paramSetCount; k++) {
    result.siteIds.forEach((id, s) => {
      const site = scenario.sites.find((x) => x.id === id);
      result.years.forEach((year, y) => {
        const o = (k * nS + s) * nY + y;
        rows.push([
          k,
          id,
          site?.name ?? '',
          site?.region ?? '',
          year,
          result.siteMissProbability[o] ?? Number.NaN,
          result.siteExpectedLoadMW[o] ?? Number.NaN,
        ]);
      });
    });
  }
  return toCsv(SITE_YEARS_CSV_FIELDS, rows);
}
