// Reading a RunResult's summaries: one series of one parameter set at a time, by key or index.
import type { RunResult, SeriesInfo, SeriesSummary } from './types';

export interface SeriesJson extends SeriesSummary {
  /** Share of draws outside the histogram range used for the quantiles (they are less exact when > 0). */
  outOfRangeFraction: number;
  threshold: number;
  unit: string;
}

// Summary rows are mean, sd, p5, p50, p95, pExceed, outOfRangeFraction, pad. The stride is read
// off the array length, so this file does not have to follow the engine's layout constants.
export function summaryStride(result: RunResult): number {
  const rows = result.paramSetCount * result.series.length;
  const stride = rows > 0 ? result.summary.length / rows : 0;
  if (!Number.isInteger(stride) || stride < 7) {
    throw new Error(`summary has ${result.summary.length} values for ${rows} rows: not a K × series × stride layout`);
  }
  return stride;
}

function checkIndex(what: string, i: number, n: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${what} ${i} out of range [0, ${n})`);
}

/** Summary of one series in one parameter set; se = sd / sqrt(draws). */
export function seriesSummary(result: RunResult, paramSet: number, seriesIndex: number): SeriesSummary {
  return summaryRow(result, paramSet, seriesIndex, summaryStride(result));
}

export function summaryRow(result: RunResult, paramSet: number, seriesIndex: number, stride: number): SeriesJson {
  checkIndex('parameter set', paramSet, result.paramSetCount);
  checkIndex('series', seriesIndex, result.series.length);
  const o = (paramSet * result.series.length + seriesIndex) * stride;
  const s = result.summary;
  const info = result.series[seriesIndex] as SeriesInfo;
  const sd = s[o + 1] as number;
  return {
    mean: s[o] as number,
    sd,
    se: sd / Math.sqrt(result.draws),
    p5: s[o + 2] as number,
    p50: s[o + 3] as number,
    p95: s[o + 4] as number,
    pExceed: s[o + 5] as number,
    outOfRangeFraction: s[o + 6] as number,
    threshold: info.threshold,
    unit: info.unit,
  };
}

/** The series with this exact key (e.g. 'energyServedMWh' or 'gridStress[uk-london]'). */
export function findSeries(result: RunResult, key: string): { index: number; info: SeriesInfo } | undefined {
  const index = result.series.findIndex((s) => s.key === key);
  return index < 0 ? undefined : { index, info: result.series[index] as SeriesInfo };
}
