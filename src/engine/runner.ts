// The run loop, the same for both backends: groups of parameter sets, a pilot pass that fixes
// each series' histogram range, the main pass in dispatches, then summaries finished in JS.
import type { Params } from '../model/common';
import { histRange } from '../model/common';
import { onlineShare } from '../model/model';
import type { Scenario } from '../scenario/schema';
import type { Backend, BackendTuning } from './backend';
import { counterLayout, GLOBAL_SIZE, HIST_BINS, HIST_STRIDE, NKNOBS, packScenario, PILOT_DRAWS, REGION_STRIDE, SITE_STRIDE, SUMMARY_STRIDE, yearsOf, type PackedScenario } from './layout';
import { buildParamSets } from './paramSets';
import { planRun, type GroupPlan } from './plan';
import { RunAbortedError, type RunOptions, type RunResult } from './types';

export const DEFAULT_DRAWS = 4096;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class RunOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunOptionError';
  }
}

export function checkOptions(draws: number, seed: number): void {
  if (!Number.isInteger(draws) || draws < 1 || draws > 2 ** 24) throw new RunOptionError('draws: must be a whole number within [1, 16777216]');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RunOptionError('seed: must be a whole number within [0, 4294967295]');
}

function paramSetSlice(range: RunOptions['paramSetRange'], total: number): { first: number; count: number } {
  if (range === undefined) return { first: 0, count: total };
  const { first, count } = range;
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > total) {
    throw new RunOptionError(`paramSetRange: [${first}, ${first} + ${count}) must be a non-empty range within the ${total} parameter sets`);
  }
  return { first, count };
}

/**
 * The dispatch parameters shared by a group's dispatches; each fills in its own offsets.
 * `paramBase` is the absolute index of the group's first set: it keys the random streams.
 */
export function groupParams(packed: PackedScenario, o: { seed: number; draws: number; crn: boolean; paramBase: number; paramCount: number }): Params {
  const layout = counterLayout(o.paramCount, packed);
  return {
    seed: o.seed, crn: o.crn ? 1 : 0, draws: o.draws,
    nSites: packed.nSites, nRegions: packed.nRegions, nYears: packed.nYears, nSeries: packed.nSeries,
    sitesOffset: GLOBAL_SIZE + REGION_STRIDE * packed.nRegions,
    paramBase: o.paramBase, paramOffset: 0, paramCount: o.paramCount, blockOffset: 0, blockCount: 0,
    missOffset: layout.miss, loadOffset: layout.load, curtailOffset: layout.curtail,
  };
}

/** Allocates the result arrays for K parameter sets. */
function emptyResult(scenario: Scenario, packed: PackedScenario, K: number, knobs: Float32Array, o: { seed: number; draws: number; histograms: boolean }, backend: Backend): RunResult {
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
    siteExpectedLoadMW: new Float32Array(K * siteYears),
    regionCurtailProbability: new Float32Array(K * packed.nRegions * packed.nYears),
    histograms: o.histograms
      ? { lo: new Float32Array(K * packed.nSeries), hi: new Float32Array(K * packed.nSeries), bins: HIST_BINS, counts: new Uint32Array(K * packed.nSeries * (HIST_BINS + 2)) }
      : undefined,
    elapsedMs: 0,
    siteYearSamplesPerSecond: 0,
  };
}

/** Planned IT load (MW) of a site in a year: the plan, before any delay or shortfall. */
function plannedMW(packed: PackedScenario, knobs: Float32Array, p: number, s: number, y: number): number {
  const at = GLOBAL_SIZE + REGION_STRIDE * packed.nRegions + s * SITE_STRIDE;
  const growth = Math.pow(1 + knobs[p * NKNOBS] * 0.01, y);
  return packed.data[at + 1] * growth * onlineShare(y, packed.data[at + 2], packed.data[at + 3]);
}

function storeGroup(result: RunResult, packed: PackedScenario, group: GroupPlan, out: { summary: Float32Array; ranges: Uint32Array; counters: Uint32Array }): void {
  const { nSeries, nSites, nYears, nRegions } = packed;
  const layout = counterLayout(group.paramCount, packed);
  const n = result.draws;
  const range = new Float32Array(3);
  result.summary.set(out.summary, group.paramBase * nSeries * SUMMARY_STRIDE);
  for (let pl = 0; pl < group.paramCount; pl++) {
    const p = group.paramBase + pl;
    for (let i = 0; i < nSites * nYears; i++) {
      const at = pl * nSites * nYears + i;
      result.siteMissProbability[p * nSites * nYears + i] = out.counters[layout.miss + at] / n;
      const loadSum = out.counters[layout.load + at * 2] + out.counters[layout.load + at * 2 + 1] * 2 ** 32;
      result.siteExpectedLoadMW[p * nSites * nYears + i] = (loadSum / 65535 / n) * plannedMW(packed, result.knobValues, p, Math.floor(i / nYears), i % nYears);
    }
    for (let i = 0; i < nRegions * nYears; i++) {
      result.regionCurtailProbability[p * nRegions * nYears + i] = out.counters[layout.curtail + pl * nRegions * nYears + i] / n;
    }
    if (!result.histograms) continue;
    for (let s = 0; s < nSeries; s++) {
      const g = pl * nSeries + s;
      histRange(out.ranges[g * 2], out.ranges[g * 2 + 1], range);
      result.histograms.lo[p * nSeries + s] = range[0];
      result.histograms.hi[p * nSeries + s] = range[1];
      result.histograms.counts.set(out.counters.subarray(g * HIST_STRIDE, g * HIST_STRIDE + HIST_BINS + 2), (p * nSeries + s) * (HIST_BINS + 2));
    }
  }
}

export async function runWithBackend(backend: Backend, tuning: BackendTuning, scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const t0 = now();
  const draws = options.draws ?? DEFAULT_DRAWS;
  const seed = options.seed ?? 1;
  checkOptions(draws, seed);
  const packed = packScenario(scenario);
  const allKnobs = buildParamSets(scenario, options.paramSets ?? 1, seed);
  // A shard runs a slice of the design; `first` keys its random streams by absolute index.
  const { first, count: K } = paramSetSlice(options.paramSetRange, allKnobs.length / NKNOBS);
  const knobs = allKnobs.slice(first * NKNOBS, (first + K) * NKNOBS);
  const histograms = options.histograms ?? K <= 16;
  const result = emptyResult(scenario, packed, K, knobs, { seed, draws, histograms }, backend);
  result.firstParamSet = first;
  const groups = planRun(packed, K, draws, tuning);
  const totalDraws = K * draws;
  let doneDraws = 0;
  for (const group of groups) {
    const layout = counterLayout(group.paramCount, packed);
    const base = groupParams(packed, { seed, draws, crn: options.commonRandomNumbers ?? false, paramBase: first + group.paramBase, paramCount: group.paramCount });
    const groupKnobs = knobs.subarray(group.paramBase * NKNOBS, (group.paramBase + group.paramCount) * NKNOBS);
    await backend.beginGroup({ packed, knobs: groupKnobs, paramCount: group.paramCount, layout, maxPartialFloats: group.maxPartialFloats, base });
    for (const [mode, list] of [[0, group.pilot], [1, group.main]] as const) {
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
  result.elapsedMs = now() - t0;
  result.siteYearSamplesPerSecond = (totalDraws * packed.nSites * packed.nYears) / (result.elapsedMs / 1000);
  return result;
}
