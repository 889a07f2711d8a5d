// Turns a RunResult's flat typed arrays into a plain JSON document for files and other tools.
// Values are copied as they are (float32 widened to double): no rounding, no unit changes.
import { KNOB_NAMES, type KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { shortfallByYear, type YearShortfall } from './attribution';
import { summaryRow, summaryStride, type SeriesJson } from './resultAccess';
import type { BackendKind, RunResult } from './types';
import { type ByCause, regionShortfallMW, regionShortfallQuantilesMW, siteCauseProbability } from './causeCounts';

export { findSeries, seriesSummary, type SeriesJson } from './resultAccess';

export interface ParamSetJson {
  /** Absolute parameter-set index: the key of its random streams, the same in every shard. */
  index: number;
  knobs: Partial<Record<KnobName, number>>;
  series: Record<string, SeriesJson>;
  /** Per site, by year: P(miss), expected load, and P(miss with each cause binding). */
  sites: Record<string, { missProbability: number[]; expectedLoadMW: number[]; causeProbability: ByCause }>;
  /**
   * Per region, by year: P(curtailment), the mean MW not delivered by cause, and — for runs that
   * keep them (RunOptions.regionQuantiles) — P5/P50/P95 of the MW not delivered.
   */
  regions: Record<
    string,
    { curtailProbability: number[]; shortfallMWByCause: ByCause; shortfallMWQuantiles?: { p5: number[]; p50: number[]; p95: number[] } }
  >;
  /** What breaks first: each year's undelivered IT load, its causes and the capital behind it (absent for results without the shortfall series). */
  attribution?: YearShortfall[];
}

export interface ResultJson {
  scenario: { name: string; startYear: number; endYear: number };
  run: {
    backend: BackendKind;
    device: string;
    seed: number;
    draws: number;
    paramSetCount: number;
    /** Absolute index of the first parameter set (a shard's offset; 0 for a whole run). */
    firstParamSet: number;
    elapsedMs: number;
    siteYearSamplesPerSecond: number;
  };
  years: number[];
  knobNames: KnobName[];
  paramSets: ParamSetJson[];
}

const slice = (a: Float32Array, from: number, n: number): number[] => Array.from(a.subarray(from, from + n));

export function resultToJson(result: RunResult, scenario: Scenario): ResultJson {
  const K = result.paramSetCount;
  const first = result.firstParamSet ?? 0;
  const nY = result.years.length;
  const nS = result.siteIds.length;
  const nR = result.regionIds.length;
  const stride = summaryStride(result);
  const nKnobs = K > 0 ? result.knobValues.length / K : 0;
  const knobNames = KNOB_NAMES.slice(0, nKnobs);

  const hasShortfall = result.series.some((s) => s.metric === 'shortfallShare');
  const paramSets: ParamSetJson[] = [];
  for (let k = 0; k < K; k++) {
    const knobs: Partial<Record<KnobName, number>> = Object.create(null); // null prototype: no key can vanish or collide
    knobNames.forEach((name, j) => (knobs[name] = result.knobValues[k * nKnobs + j] as number));
    const series: Record<string, SeriesJson> = Object.create(null);
    result.series.forEach((info, i) => (series[info.key] = summaryRow(result, k, i, stride)));
    const sites: ParamSetJson['sites'] = Object.create(null);
    result.siteIds.forEach((id, i) => {
      const o = (k * nS + i) * nY;
      sites[id] = {
        missProbability: slice(result.siteMissProbability, o, nY),
        expectedLoadMW: slice(result.siteExpectedLoadMW, o, nY),
        causeProbability: siteCauseProbability(result, k, i),
      };
    });
    const regions: ParamSetJson['regions'] = Object.create(null);
    result.regionIds.forEach((id, i) => {
      regions[id] = {
        curtailProbability: slice(result.regionCurtailProbability, (k * nR + i) * nY, nY),
        shortfallMWByCause: regionShortfallMW(result, k, i),
      };
      const q = regionShortfallQuantilesMW(result, k, i);
      if (q) regions[id].shortfallMWQuantiles = q;
    });
    const attribution = hasShortfall ? shortfallByYear(scenario, result, k) : undefined;
    paramSets.push({ index: first + k, knobs, series, sites, regions, ...(attribution && { attribution }) });
  }

  return {
    scenario: { name: scenario.name, startYear: scenario.startYear, endYear: scenario.endYear },
    run: {
      backend: result.backend,
      device: result.device,
      seed: result.seed,
      draws: result.draws,
      paramSetCount: K,
      firstParamSet: first,
      elapsedMs: result.elapsedMs,
      siteYearSamplesPerSecond: result.siteYearSamplesPerSecond,
    },
    years: [...result.years],
    knobNames: [...knobNames],
    paramSets,
  };
}
