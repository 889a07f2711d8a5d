// The engine's own output check: a run never hands back NaN or Infinity in silence. Inputs are
// bounded by the schema (LIMITS in src/scenario/schema.ts), so a value that is not finite here is
// a bug or an input the bounds missed; the run fails with a typed error that names where it is.
import { CAUSES } from '../kernel/contract';
import type { RunResult } from './types';

/** Summary row fields, in layout order (see resultAccess.ts). */
const SUMMARY_FIELDS = ['mean', 'sd', 'p5', 'p50', 'p95', 'pExceed', 'outOfRangeFraction'] as const;

export class ResultNotFiniteError extends Error {
  /** Absolute parameter-set index. */
  readonly paramSet: number;
  /** What is not finite: a series key, `site 'id'` or `region 'id'`. */
  readonly where: string;
  /** The field: 'mean', 'missProbability', … */
  readonly field: string;
  readonly year: number | undefined;
  readonly value: number;
  constructor(o: { paramSet: number; where: string; field: string; year?: number; value: number }) {
    const year = o.year === undefined ? '' : ` in ${o.year}`;
    super(
      `run result: ${o.where} ${o.field}${year} is ${o.value} (parameter set ${o.paramSet}); ` +
        'the inputs are out of the range the model can compute, or this is a bug',
    );
    this.name = 'ResultNotFiniteError';
    this.paramSet = o.paramSet;
    this.where = o.where;
    this.field = o.field;
    this.year = o.year;
    this.value = o.value;
  }
}

/** Index of the first value that is not finite, or −1. */
function firstNotFinite(a: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
}

/**
 * Throws a ResultNotFiniteError for the first summary or per-site / per-region value that is
 * not finite (the summary's padding included). Knob values are checked on the way in.
 */
export function checkResult(result: RunResult): void {
  const K = result.paramSetCount;
  const first = result.firstParamSet ?? 0;
  const nS = result.siteIds.length;
  const nR = result.regionIds.length;
  const nY = result.years.length;
  const rows = K * result.series.length;
  const stride = rows > 0 ? result.summary.length / rows : 0;
  let at = firstNotFinite(result.summary);
  if (at >= 0) {
    const row = Math.floor(at / stride);
    const series = result.series[row % result.series.length];
    const field = SUMMARY_FIELDS[at % stride] ?? `summary[${at % stride}]`;
    throw new ResultNotFiniteError({
      paramSet: first + Math.floor(row / result.series.length),
      where: series?.key ?? '?',
      field,
      value: result.summary[at] as number,
    });
  }
  // K × items × years (× parts: causes, or quantiles): which item, year and part index `at` is.
  const perItem = (a: Float32Array, ids: string[], kind: 'site' | 'region', field: string, parts?: readonly string[]): void => {
    at = firstNotFinite(a);
    if (at < 0) return;
    const c = parts ? parts.length : 1;
    const cell = Math.floor(at / c);
    const y = cell % nY;
    const item = Math.floor(cell / nY) % ids.length;
    const k = Math.floor(cell / nY / ids.length);
    throw new ResultNotFiniteError({
      paramSet: first + k,
      where: `${kind} '${ids[item]}'`,
      field: parts ? `${field}.${parts[at % c]}` : field,
      year: result.years[y],
      value: a[at] as number,
    });
  };
  if (nS > 0 && nY > 0) {
    perItem(result.siteMissProbability, result.siteIds, 'site', 'missProbability');
    perItem(result.siteExpectedLoadMW, result.siteIds, 'site', 'expectedLoadMW');
    perItem(result.siteCauseProbability, result.siteIds, 'site', 'causeProbability', CAUSES);
  }
  if (nR > 0 && nY > 0) {
    perItem(result.regionCurtailProbability, result.regionIds, 'region', 'curtailProbability');
    perItem(result.regionShortfallMW, result.regionIds, 'region', 'shortfallMW', CAUSES);
    perItem(result.regionShortfallQuantilesMW, result.regionIds, 'region', 'shortfallMWQuantiles', ['p5', 'p50', 'p95']);
  }
}
