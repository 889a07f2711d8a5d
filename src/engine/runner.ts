// The run loop, the same for both backends: groups of parameter sets, a pilot pass that fixes
// each series' histogram range, the main pass in dispatches, then summaries finished in JS.
import type { Params } from '../kernel/common';
import { histRange } from '../kernel/common';
import type { Scenario } from '../scenario/schema';
import { plannedSiteMW } from './attribution';
import type { Backend, BackendTuning } from './backend';
import { counterLayout } from './counters';
import {
  F32,
  HIST_ATOM_CAP,
  HIST_ATOM_ZERO,
  HIST_BINS,
  HIST_OVER,
  HIST_STRIDE,
  HIST_UNDER,
  N_CAUSES,
  NKNOBS,
  NO_REGION_HIST,
  PILOT_DRAWS,
  REGION_HIST_STRIDE,
  SITE_LOAD,
  SITE_PLANNED,
  SITE_RAMP,
  SITE_REGION,
  SITE_STRIDE,
  SUMMARY_STRIDE,
} from '../kernel/contract';
import { packScenario, sitesOffset, type PackedScenario } from './pack';
import { yearsOf } from './series';
import { checkRunOptions, checkRunSize, type CheckedRunOptions } from './options';
import { knobMatrix } from './paramSets';
import { planRun, type GroupPlan } from './plan';
import { QUANTILES, shareQuantile } from './regionQuantile';
import { checkScenario } from '../scenario/validate';
import { checkResult } from './checkResult';
import { checkCounterRange } from './counterRange';
import { RunAbortedError, type RunOptions, type RunResult } from './types';

export { DEFAULT_DRAWS, RunOptionError } from './options';
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The dispatch parameters shared by a group's dispatches; each fills in its own offsets.
 * `paramBase` is the absolute index of the group's first set: it keys the random streams.
 */
export function groupParams(
  packed: PackedScenario,
  o: { seed: number; draws: number; crn: boolean; paramBase: number; paramCount: number },
): Params {
  const layout = counterLayout(o.paramCount, packed);
  return {
    seed: o.seed,
    crn: o.crn ? 1 : 0,
    draws: o.draws,
    nSites: packed.nSites,
    nRegions: packed.nRegions,
    nYears: packed.nYears,
    nSeries: packed.nSeries,
    sitesOffset: sitesOffset(packed),
    paramBase: o.paramBase,
    paramOffset: 0,
    paramCount: o.paramCount,
    blockOffset: 0,
    blockCount: 0,
    bindingOffset: layout.binding,
    loadOffset: layout.load,
    curtailOffset: layout.curtail,
    regionCauseOffset: layout.regionCause,
    regionHistOffset: layout.regionHist ?? NO_REGION_HIST,
  };
}

/** Allocates the result arrays for K parameter sets. */
function emptyResult(
  scenario: Scenario,
  packed: PackedScenario,
  K: number,
  knobs: Float32Array,
  o: { seed: number; draws: number; histograms: boolean },
  backend: Backend,
): RunResult {
  const siteYears = packed.nSites * packed.nYears;
  return {
    backend: backend.kind,
    device: backend.device,
    seed: o.seed,
    draws: o.draws,
    paramSetCount: K,
    years: yearsOf(scenario),
    siteIds: scenario.sites.map((s) => s.id),
    regionIds: scenario.regions.map((r) => r.id),
    series: packed.series,
    knobValues: knobs,
    summary: new Float32Array(K * packed.nSeries * SUMMARY_STRIDE),
    siteMissProbability: new Float32Array(K * siteYears),
    siteCauseProbability: new Float32Array(K * siteYears * N_CAUSES),
    siteExpectedLoadMW: new Float32Array(K * siteYears),
    regionCurtailProbability: new Float32Array(K * packed.nRegions * packed.nYears),
    regionShortfallMW: new Float32Array(K * packed.nRegions * packed.nYears * N_CAUSES),
    regionShortfallQuantilesMW: new Float32Array(packed.regionQuantiles ? K * packed.nRegions * packed.nYears * 3 : 0),
    histograms: o.histograms
      ? {
          lo: new Float32Array(K * packed.nSeries),
          hi: new Float32Array(K * packed.nSeries),
          bins: HIST_BINS,
          counts: new Uint32Array(K * packed.nSeries * (HIST_BINS + 2)),
          atoms: new Uint32Array(K * packed.nSeries * 2),
        }
      : undefined,
    elapsedMs: 0,
    siteYearSamplesPerSecond: 0,
  };
}

/** Planned IT load (MW) of a site in a year: the plan, before any delay or shortfall. */
function plannedMW(packed: PackedScenario, knobs: Float32Array, p: number, s: number, y: number): number {
  const at = sitesOffset(packed) + s * SITE_STRIDE;
  const site = {
    itLoadMW: packed.data[at + SITE_LOAD],
    plannedOffset: packed.data[at + SITE_PLANNED],
    rampYears: packed.data[at + SITE_RAMP],
  };
  return plannedSiteMW(knobs, p, site, y);
}

/** Planned IT load (MW) of each region-year of parameter set p: regions × years, region-major. */
function regionPlannedMW(packed: PackedScenario, knobs: Float32Array, p: number): Float64Array {
  const out = new Float64Array(packed.nRegions * packed.nYears);
  for (let s = 0; s < packed.nSites; s++) {
    const r = packed.data[sitesOffset(packed) + s * SITE_STRIDE + SITE_REGION] as number;
    for (let y = 0; y < packed.nYears; y++) out[r * packed.nYears + y] += plannedMW(packed, knobs, p, s, y);
  }
  return out;
}

/** P5, P50, P95 of each region-year's MW not delivered, from its share histogram (regionQuantile.ts). */
function storeRegionQuantiles(result: RunResult, packed: PackedScenario, p: number, counters: Uint32Array, at: number): void {
  const planned = regionPlannedMW(packed, result.knobValues, p);
  const ry = packed.nRegions * packed.nYears;
  for (let i = 0; i < ry; i++) {
    const hist = counters.subarray(at + i * REGION_HIST_STRIDE, at + (i + 1) * REGION_HIST_STRIDE);
    QUANTILES.forEach((q, j) => {
      result.regionShortfallQuantilesMW[(p * ry + i) * 3 + j] = shareQuantile(hist, q, result.draws) * (planned[i] as number);
    });
  }
}

/** A 64-bit counter kept as two u32 words, low first. */
function u64(counters: Uint32Array, at: number): number {
  return counters[at] + counters[at + 1] * 2 ** 32;
}

function storeGroup(
  result: RunResult,
  packed: PackedScenario,
  group: GroupPlan,
  out: { summary: Float32Array; ranges: Uint32Array; counters: Uint32Array },
): void {
  const { nSeries, nSites, nYears, nRegions } = packed;
  const layout = counterLayout(group.paramCount, packed);
  const n = result.draws;
  const range = new Float32Array(3);
  result.summary.set(out.summary, group.paramBase * nSeries * SUMMARY_STRIDE);
  for (let pl = 0; pl < group.paramCount; pl++) {
    const p = group.paramBase + pl;
    for (let i = 0; i < nSites * nYears; i++) {
      const at = pl * nSites * nYears + i;
      let misses = 0;
      for (let c = 0; c < N_CAUSES; c++) {
        const count = out.counters[layout.binding + at * N_CAUSES + c];
        misses += count;
        result.siteCauseProbability[(p * nSites * nYears + i) * N_CAUSES + c] = count / n;
      }
      result.siteMissProbability[p * nSites * nYears + i] = misses / n;
      const loadSum = u64(out.counters, layout.load + at * 2);
      result.siteExpectedLoadMW[p * nSites * nYears + i] =
        (loadSum / F32.LOAD_QUANTUM / n) * plannedMW(packed, result.knobValues, p, Math.floor(i / nYears), i % nYears);
    }
    for (let i = 0; i < nRegions * nYears; i++) {
      result.regionCurtailProbability[p * nRegions * nYears + i] = out.counters[layout.curtail + pl * nRegions * nYears + i] / n;
    }
    for (let i = 0; i < nRegions * nYears * N_CAUSES; i++) {
      const sum = u64(out.counters, layout.regionCause + (pl * nRegions * nYears * N_CAUSES + i) * 2);
      result.regionShortfallMW[p * nRegions * nYears * N_CAUSES + i] = sum / F32.MW_QUANTUM / n;
    }
    if (layout.regionHist !== undefined)
      storeRegionQuantiles(result, packed, p, out.counters, layout.regionHist + pl * nRegions * nYears * REGION_HIST_STRIDE);
    if (!result.histograms) continue;
    for (let s = 0; s < nSeries; s++) {
      const g = pl * nSeries + s;
      histRange(out.ranges[g * 2], out.ranges[g * 2 + 1], range);
      result.histograms.lo[p * nSeries + s] = range[0];
      result.histograms.hi[p * nSeries + s] = range[1];
      result.histograms.counts.set(
        out.counters.subarray(g * HIST_STRIDE + HIST_UNDER, g * HIST_STRIDE + HIST_OVER + 1),
        (p * nSeries + s) * (HIST_BINS + 2),
      );
      result.histograms.atoms[(p * nSeries + s) * 2] = out.counters[g * HIST_STRIDE + HIST_ATOM_ZERO];
      result.histograms.atoms[(p * nSeries + s) * 2 + 1] = out.counters[g * HIST_STRIDE + HIST_ATOM_CAP];
    }
  }
}

/** A run's scenario and options, checked (and the scenario normalised) before anything is allocated. */
export interface PreparedRun {
  scenario: Scenario;
  options: CheckedRunOptions;
}

/**
 * The scenario as parseScenario checks it (ScenarioError, every issue) and the options as
 * options.ts checks them (RunOptionError): what engine.run does before it queues the run.
 */
export function prepareRun(scenario: Scenario, options: RunOptions | undefined): PreparedRun {
  const checked = checkRunOptions(options);
  const valid = checkScenario(scenario);
  checkRunSize(valid, checked, options?.paramSetRange === undefined ? 'paramSets' : 'paramSetRange.count');
  checkCounterRange(valid, checked.paramSets);
  return { scenario: valid, options: checked };
}

export async function runWithBackend(
  backend: Backend,
  tuning: BackendTuning,
  scenario: Scenario,
  options: RunOptions = {},
): Promise<RunResult> {
  return runPrepared(backend, tuning, prepareRun(scenario, options));
}

export async function runPrepared(backend: Backend, tuning: BackendTuning, prepared: PreparedRun): Promise<RunResult> {
  // A run cancelled while it waited in the queue costs nothing (the page cancels superseded passes).
  if (prepared.options.signal?.aborted) throw new RunAbortedError();
  const t0 = now();
  const { scenario, options } = prepared;
  const { draws, seed, histograms } = options;
  const packed = packScenario(scenario, options.shortfallThreshold, options.regionQuantiles);
  // A shard runs a slice of the design; `first` keys its random streams by absolute index.
  const { first, count: K } = options.range;
  const knobs = knobMatrix(scenario, options.paramSets, seed, options.range);
  const result = emptyResult(scenario, packed, K, knobs, { seed, draws, histograms }, backend);
  result.firstParamSet = first;
  const groups = planRun(packed, K, draws, tuning);
  const totalDraws = K * draws;
  let doneDraws = 0;
  for (const group of groups) {
    const layout = counterLayout(group.paramCount, packed);
    const base = groupParams(packed, {
      seed,
      draws,
      crn: options.commonRandomNumbers,
      paramBase: first + group.paramBase,
      paramCount: group.paramCount,
    });
    const groupKnobs = knobs.subarray(group.paramBase * NKNOBS, (group.paramBase + group.paramCount) * NKNOBS);
    await backend.beginGroup({
      packed,
      knobs: groupKnobs,
      paramCount: group.paramCount,
      layout,
      maxPartialFloats: group.maxPartialFloats,
      base,
    });
    for (const [mode, list] of [
      [0, group.pilot],
      [1, group.main],
    ] as const) {
      for (const d of list) {
        if (options.signal?.aborted) throw new RunAbortedError();
        const { drawCount, ...grid } = d;
        await backend.dispatch({ ...base, ...grid, draws: mode === 0 ? Math.min(draws, PILOT_DRAWS) : draws }, mode);
        if (mode === 1) {
          doneDraws += drawCount;
          options.onProgress?.({ doneDraws, totalDraws, fraction: doneDraws / totalDraws, elapsedMs: now() - t0 });
        }
      }
    }
    storeGroup(result, packed, group, await backend.finishGroup(histograms));
  }
  checkResult(result); // never NaN or Infinity in silence: ResultNotFiniteError names the series or site
  result.elapsedMs = now() - t0;
  result.siteYearSamplesPerSecond = (totalDraws * packed.nSites * packed.nYears) / (result.elapsedMs / 1000);
  return result;
}
