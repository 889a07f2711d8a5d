// Turns a RunResult's flat typed arrays into a plain JSON document for files and other tools.
// Values are copied as they are (float32 widened to double): no rounding, no unit changes.
import { KNOB_NAMES, type KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import type { BackendKind, RunResult, SeriesInfo, SeriesSummary } from './types';

export interface SeriesJson extends SeriesSummary {
  /** Share of draws outside the histogram range used for the quantiles (they are less exact when > 0). */
  outOfRangeFraction: number;
  threshold: number;
  unit: string;
}

export interface ParamSetJson {
  /** Absolute parameter-set index: the key of its random streams, the same in every shard. */
  index: number;
  knobs: Partial<Record<KnobName, number>>;
  series: Record<string, SeriesJson>;
  sites: Record<string, { missProbability: number[]; expectedLoadMW: number[] }>;
  regions: Record<string, { curtailProbability: number[] }>;
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

// Summary rows are mean, sd, p5, p50, p95, pExceed, outOfRangeFraction, pad. The stride is read
// off the array length, so this file does not have to follow the engine's layout constants.
function summaryStride(result: RunResult): number {
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

function summaryRow(result: RunResult, paramSet: number, seriesIndex: number, stride: number): SeriesJson {
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

  const paramSets: ParamSetJson[] = [];
  for (let k = 0; k < K; k++) {
    const knobs: Partial<Record<KnobName, number>> = {};
    knobNames.forEach((name, j) => (knobs[name] = result.knobValues[k * nKnobs + j] as number));
    const series: Record<string, SeriesJson> = {};
    result.series.forEach((info, i) => (series[info.key] = summaryRow(result, k, i, stride)));
    const sites: ParamSetJson['sites'] = {};
    result.siteIds.forEach((id, i) => {
      const o = (k * nS + i) * nY;
      sites[id] = { missProbability: slice(result.siteMissProbability, o, nY), expectedLoadMW: slice(result.siteExpectedLoadMW, o, nY) };
    });
    const regions: ParamSetJson['regions'] = {};
    result.regionIds.forEach((id, i) => {
      regions[id] = { curtailProbability: slice(result.regionCurtailProbability, (k * nR + i) * nY, nY) };
    });
    paramSets.push({ index: first + k, knobs, series, sites, regions });
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
