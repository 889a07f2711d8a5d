// The packed form of a scenario and the layout of every buffer both backends share. The WGSL
// kernels and their TypeScript mirrors index the same flat arrays with the same offsets, so a
// change here is a change in both (shaders/model.wgsl repeats these constants; a test checks).
import { packDist } from '../rng/distributions';
import { COOLING_TYPES, KNOB_NAMES, MAX_GROUP_MEMBERS, type KnobName } from '../scenario/names';
import { centralValue } from '../scenario/centralValue';
import type { DistSpec, Scenario } from '../scenario/schema';
import { buildCopula, MATRIX_STRIDE } from './copula';
import type { SeriesInfo } from './types';

export const MAX_REGIONS = 32;
export const MAX_YEARS = 16;
export const MAX_SITES = 4096;
/** Draws per workgroup and per reduction block: sums are reduced in blocks of this size. */
export const BLOCK_DRAWS = 64;
export const HIST_BINS = 64;
/** Bins per series: underflow, HIST_BINS, overflow, then the exceedance count. */
export const HIST_STRIDE = HIST_BINS + 3;
/** The first draws of every parameter set fix its histogram ranges. */
export const PILOT_DRAWS = 128;
export const SUMMARY_STRIDE = 8;
export const ACCUM_STRIDE = 4;
export const DIST_STRIDE = 5;
export const NKNOBS = KNOB_NAMES.length;

// Scenario buffer: a global block, then regions, then sites.
export const G_COOLING = 0; // 3 × (pue, wue) dists
export const G_SUPPLY = 30; // 3 × (delay dist, shockDelay dist, shockProbability, scope)
export const SUPPLY_STRIDE = 12;
export const G_CYBER_RATE = 66;
export const G_CYBER_OUTAGE = 67; // dist
export const G_MISS_TOLERANCE = 72;
export const G_WUE_NOMINAL = 73; // 3 floats, by cooling type: the water permit's design WUE
/** 1 where a group is correlated: site, region, climate (see CORRELATION_GROUPS). */
export const G_COPULA_ON = 80;
/** Their Cholesky factors, 6 × 6 row-major each, in the same order. */
export const G_COPULA_L = 83;
export const COPULA_L_STRIDE = 36;
export const GLOBAL_SIZE = 192;
export const REGION_STRIDE = 32; // 6 dists then heatwaveProbability, droughtProbability
export const R_HEADROOM = 0;
export const R_GROWTH = 5;
export const R_CONN_DELAY = 10;
export const R_HW_PUE = 15;
export const R_HW_WUE = 20;
export const R_DROUGHT_ALLOWANCE = 25;
export const R_HEATWAVE_P = 30;
export const R_DROUGHT_P = 31;
export const SITE_STRIDE = 8; // region, itLoadMW, plannedOffset, rampYears, cooling, importShare, delayable, 0

export const HEADLINE_METRICS = [
  { metric: 'energyDemandedMWh', unit: 'MWh', threshold: 0 },
  { metric: 'energyServedMWh', unit: 'MWh', threshold: 0 },
  { metric: 'curtailedMWh', unit: 'MWh', threshold: 0 },
  { metric: 'waterUsedML', unit: 'ML', threshold: 0 },
  { metric: 'waterShortfallML', unit: 'ML', threshold: 0 },
  { metric: 'computeLostMWh', unit: 'MWh', threshold: 0 },
] as const;
/** The headline series' keys, in series order. */
export const HEADLINE_KEYS = HEADLINE_METRICS.map((m) => m.metric);
export const SCOPE_CODES = { global: 0, region: 1, site: 2 } as const;

export interface PackedScenario {
  data: Float32Array<ArrayBuffer>;
  nSites: number;
  nRegions: number;
  nYears: number;
  nSeries: number;
  startYear: number;
  thresholds: Float32Array<ArrayBuffer>;
  series: SeriesInfo[];
  /** Some group of per-draw inputs is correlated: the GPU then needs its copula pipelines. */
  correlated: boolean;
}

/** Series order: the six headline totals, demanded by year, served by year, grid stress by region. */
export function seriesOf(scenario: Scenario): SeriesInfo[] {
  const years = yearsOf(scenario);
  const series: SeriesInfo[] = HEADLINE_METRICS.map((m) => ({ key: m.metric, ...m }));
  for (const metric of ['energyDemandedMWh', 'energyServedMWh']) {
    for (const year of years) series.push({ key: `${metric}[${year}]`, metric, unit: 'MWh', year, threshold: 0 });
  }
  for (const r of scenario.regions) {
    series.push({ key: `gridStress[${r.id}]`, metric: 'gridStress', unit: 'ratio', region: r.id, threshold: 1 });
  }
  return series;
}

export function yearsOf(scenario: Scenario): number[] {
  return Array.from({ length: scenario.endYear - scenario.startYear + 1 }, (_, i) => scenario.startYear + i);
}

function putDist(data: Float32Array, at: number, spec: DistSpec): void {
  data.set(packDist(spec), at);
}

export function packScenario(scenario: Scenario): PackedScenario {
  const nRegions = scenario.regions.length;
  const nSites = scenario.sites.length;
  const data = new Float32Array(GLOBAL_SIZE + REGION_STRIDE * nRegions + SITE_STRIDE * nSites);
  COOLING_TYPES.forEach((type, c) => {
    putDist(data, G_COOLING + c * 2 * DIST_STRIDE, scenario.cooling[type].pue);
    putDist(data, G_COOLING + (c * 2 + 1) * DIST_STRIDE, scenario.cooling[type].wueLPerKWh);
    data[G_WUE_NOMINAL + c] = centralValue(scenario.cooling[type].wueLPerKWh);
  });
  const supply = [scenario.supplyChain.accelerators, scenario.supplyChain.transformers, scenario.supplyChain.coolingPlant];
  supply.forEach((item, i) => {
    const at = G_SUPPLY + i * SUPPLY_STRIDE;
    putDist(data, at, item.delayYears);
    putDist(data, at + DIST_STRIDE, item.shockDelayYears);
    data[at + 10] = item.shockProbability;
    data[at + 11] = SCOPE_CODES[item.scope];
  });
  data[G_CYBER_RATE] = scenario.cyber.incidentsPerSiteYear;
  putDist(data, G_CYBER_OUTAGE, scenario.cyber.outageDays);
  data[G_MISS_TOLERANCE] = scenario.missTolerance;
  const copula = buildCopula(scenario.correlations);
  let correlated = false;
  if (copula.issues.length) throw new Error(`${copula.issues[0].path}: ${copula.issues[0].message}`);
  (['site', 'region', 'climate'] as const).forEach((group, g) => {
    const factor = copula.factors[group];
    if (!factor) return;
    data[G_COPULA_ON + g] = 1;
    correlated = true;
    // The shader's groups have at most MAX_GROUP_MEMBERS: that corner of the host matrix.
    for (let i = 0; i < MAX_GROUP_MEMBERS; i++) {
      for (let j = 0; j < MAX_GROUP_MEMBERS; j++) data[G_COPULA_L + g * COPULA_L_STRIDE + i * MAX_GROUP_MEMBERS + j] = factor[i * MATRIX_STRIDE + j];
    }
  });
  const regionIndex = new Map(scenario.regions.map((r, i) => [r.id, i]));
  scenario.regions.forEach((r, i) => {
    const at = GLOBAL_SIZE + i * REGION_STRIDE;
    putDist(data, at + R_HEADROOM, r.gridHeadroomMW);
    putDist(data, at + R_GROWTH, r.headroomGrowthMWPerYear);
    putDist(data, at + R_CONN_DELAY, r.connectionDelayYears);
    putDist(data, at + R_HW_PUE, r.heatwavePueUplift);
    putDist(data, at + R_HW_WUE, r.heatwaveWueUplift);
    putDist(data, at + R_DROUGHT_ALLOWANCE, r.droughtWaterAllowance);
    data[at + R_HEATWAVE_P] = r.heatwaveProbability;
    data[at + R_DROUGHT_P] = r.droughtProbability;
  });
  const sitesAt = GLOBAL_SIZE + REGION_STRIDE * nRegions;
  scenario.sites.forEach((s, i) => {
    const region = regionIndex.get(s.region);
    if (region === undefined) throw new Error(`sites[${i}].region: no region '${s.region}'`);
    data.set(
      [region, s.itLoadMW, s.plannedYear - scenario.startYear, s.rampYears, COOLING_TYPES.indexOf(s.cooling), s.acceleratorImportShare, s.status === 'operating' ? 0 : 1, 0],
      sitesAt + i * SITE_STRIDE,
    );
  });
  const series = seriesOf(scenario);
  return {
    data,
    nSites,
    nRegions,
    nYears: scenario.endYear - scenario.startYear + 1,
    nSeries: series.length,
    startYear: scenario.startYear,
    thresholds: Float32Array.from(series.map((s) => s.threshold)),
    series,
    correlated,
  };
}

/** Knob values of every parameter set, K × NKNOBS in KNOB_NAMES order. */
export function knobDefaults(scenario: Scenario): Record<KnobName, number> {
  const out = {} as Record<KnobName, number>;
  for (const name of KNOB_NAMES) out[name] = scenario.knobs[name]?.value ?? knobBaseline(scenario)[name];
  return out;
}

/** Values that leave the scenario as written: no extra growth, scales of 1, no mix shift. */
export function knobBaseline(scenario: Scenario): Record<KnobName, number> {
  return {
    demandGrowthPctPerYear: 0,
    gridBuildoutScale: 1,
    droughtSeverity: 1,
    heatwaveFrequencyScale: 1,
    cyberRateScale: 1,
    chipShockProbability: scenario.supplyChain.accelerators.shockProbability,
    coolingMixShift: 0,
    efficiencyTrendPctPerYear: 0,
  };
}

/** Counter-buffer sections for a group of `paramSets` parameter sets. */
export function counterLayout(paramSets: number, p: PackedScenario) {
  const hist = 0;
  const miss = hist + paramSets * p.nSeries * HIST_STRIDE;
  const load = miss + paramSets * p.nSites * p.nYears;
  const curtail = load + paramSets * p.nSites * p.nYears * 2;
  const total = curtail + paramSets * p.nRegions * p.nYears;
  return { hist, miss, load, curtail, total };
}
export type CounterLayout = ReturnType<typeof counterLayout>;
