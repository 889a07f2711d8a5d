// The kernels' cause counters read back per entity: per site-year the probability that each cause
// binds, per region-year the mean MW not delivered by cause (docs/model.md, "What breaks first").
import { CAUSES, type Cause, N_CAUSES } from '../kernel/contract';
import type { RunResult } from './types';

/** One number per year for each cause. */
export type ByCause = Record<Cause, number[]>;

function byCause(result: RunResult, data: Float32Array, entities: number, paramSet: number, entity: number): ByCause {
  const nY = result.years.length;
  const out = {} as ByCause;
  CAUSES.forEach((cause, c) => {
    out[cause] = result.years.map((_, y) => data[((paramSet * entities + entity) * nY + y) * N_CAUSES + c] as number);
  });
  return out;
}

/** P(the site misses its plan and this cause binds), by year; over causes they add up to its miss probability. */
export function siteCauseProbability(result: RunResult, paramSet: number, site: number): ByCause {
  return byCause(result, result.siteCauseProbability, result.siteIds.length, paramSet, site);
}

/** Mean MW of the region's planned IT load not delivered, by cause and year. */
export function regionShortfallMW(result: RunResult, paramSet: number, region: number): ByCause {
  return byCause(result, result.regionShortfallMW, result.regionIds.length, paramSet, region);
}

/** P5, P50, P95 of the region's MW not delivered (all causes), by year; undefined when the run kept none. */
export function regionShortfallQuantilesMW(
  result: RunResult,
  paramSet: number,
  region: number,
): { p5: number[]; p50: number[]; p95: number[] } | undefined {
  const q = result.regionShortfallQuantilesMW;
  const nY = result.years.length;
  if (q.length === 0) return undefined;
  const at = (y: number, j: number) => q[((paramSet * result.regionIds.length + region) * nY + y) * 3 + j] as number;
  return { p5: result.years.map((_, y) => at(y, 0)), p50: result.years.map((_, y) => at(y, 1)), p95: result.years.map((_, y) => at(y, 2)) };
}
