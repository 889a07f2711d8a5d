// The packed form of a scenario: one flat Float32Array in the layout of src/kernel/contract.ts,
// read by the WGSL kernels and their TypeScript mirrors alike.
import * as C from '../kernel/contract';
import { sampleDistU } from '../kernel/inverse';
import { buildCopula, MATRIX_STRIDE } from '../scenario/correlations';
import type { DistSpec, Scenario, Site, SupplyItem } from '../scenario/schema';
import { packDist } from './packDist';
import { seriesInfoOf, seriesOf } from './series';
import type { SeriesInfo } from './types';

export interface PackedScenario {
  data: Float32Array<ArrayBuffer>;
  nSites: number;
  nRegions: number;
  nYears: number;
  nSeries: number;
  startYear: number;
  /** Per series: exceedance threshold and upper atom (SERIES_INFO_STRIDE floats). */
  seriesInfo: Float32Array<ArrayBuffer>;
  series: SeriesInfo[];
  /** Some group of per-draw inputs is correlated: the GPU then needs its copula pipelines. */
  correlated: boolean;
  /** The run counts each region-year's shortfall share for its quantiles (counters.ts). */
  regionQuantiles: boolean;
}

/**
 * The median of a distribution: its inverse CDF at ½, evaluated by the kernel's own inverse
 * sampler, so the permit's design WUE is the median of exactly the distribution the draws follow
 * (the truncated one for a bounded normal; the lower median for discrete kinds).
 */
export function medianOf(spec: DistSpec): number {
  const [kind, p0, p1, p2, p3] = packDist(spec);
  return kind === C.DIST_FIXED ? p0 : sampleDistU(kind, p0, p1, p2, p3, 0.5);
}

function putDist(data: Float32Array, at: number, spec: DistSpec): void {
  data.set(packDist(spec), at);
}

function packSupplyItem(data: Float32Array, record: number, item: SupplyItem): void {
  const at = C.G_SUPPLY + record * C.SUPPLY_STRIDE;
  putDist(data, at + C.SUPPLY_DELAY, item.delayYears);
  putDist(data, at + C.SUPPLY_SHOCK_DELAY, item.shockDelayYears);
  data[at + C.SUPPLY_SHOCK_P] = item.shockProbability;
  data[at + C.SUPPLY_SCOPE] = C.SHOCK_SCOPES.indexOf(item.scope);
}

function packGlobal(data: Float32Array, scenario: Scenario): boolean {
  C.COOLING_TYPES.forEach((type, c) => {
    putDist(data, C.G_COOLING + c * 2 * C.DIST_STRIDE, scenario.cooling[type].pue);
    putDist(data, C.G_COOLING + (c * 2 + 1) * C.DIST_STRIDE, scenario.cooling[type].wueLPerKWh);
    data[C.G_WUE_DESIGN + c] = medianOf(scenario.cooling[type].wueLPerKWh);
  });
  C.SUPPLY_ITEMS.forEach((name, i) => packSupplyItem(data, i, scenario.supplyChain[name]));
  // Without on-site generation in the scenario the record stays zero: no delay, no shock, unread.
  const generation = scenario.supplyChain.onsiteGeneration;
  if (generation) packSupplyItem(data, C.SUPPLY_GENERATION, generation);
  data[C.G_CYBER_RATE] = scenario.cyber.incidentsPerSiteYear;
  putDist(data, C.G_CYBER_OUTAGE, scenario.cyber.outageDays);
  data[C.G_MISS_TOLERANCE] = scenario.missTolerance;
  const copula = buildCopula(scenario.correlations);
  if (copula.issues.length) throw new Error(`${copula.issues[0].path}: ${copula.issues[0].message}`);
  let correlated = false;
  (['site', 'region', 'climate'] as const).forEach((group, g) => {
    const factor = copula.factors[group];
    if (!factor) return;
    data[C.G_COPULA_ON + g] = 1;
    correlated = true;
    // The kernels' groups have at most MAX_GROUP_MEMBERS: that corner of the host matrix.
    const at = C.G_COPULA_L + g * C.COPULA_L_STRIDE;
    for (let i = 0; i < C.MAX_GROUP_MEMBERS; i++) {
      for (let j = 0; j < C.MAX_GROUP_MEMBERS; j++) data[at + i * C.MAX_GROUP_MEMBERS + j] = factor[i * MATRIX_STRIDE + j];
    }
  });
  return correlated;
}

function packRegions(data: Float32Array, scenario: Scenario): void {
  scenario.regions.forEach((r, i) => {
    const at = C.GLOBAL_SIZE + i * C.REGION_STRIDE;
    putDist(data, at + C.R_HEADROOM, r.gridHeadroomMW);
    putDist(data, at + C.R_GROWTH, r.headroomGrowthMWPerYear);
    putDist(data, at + C.R_CONN_DELAY, r.connectionDelayYears);
    putDist(data, at + C.R_HW_PUE, r.heatwavePueUplift);
    putDist(data, at + C.R_HW_WUE, r.heatwaveWueUplift);
    putDist(data, at + C.R_DROUGHT_ALLOWANCE, r.droughtWaterAllowance);
    data[at + C.R_HEATWAVE_P] = r.heatwaveProbability;
    data[at + C.R_DROUGHT_P] = r.droughtProbability;
  });
}

/**
 * A site's probability of proceeding before the real-queue knob: 1 when operating, else its
 * region's override for its status where the region gives one, else the scenario's.
 */
export function proceedProbabilityOf(scenario: Scenario, site: Site): number {
  if (site.status === 'operating') return 1;
  const region = scenario.regions.find((r) => r.id === site.region);
  return region?.proceedProbability?.[site.status] ?? scenario.proceedProbability[site.status];
}

function packSites(data: Float32Array, scenario: Scenario): void {
  const regionIndex = new Map(scenario.regions.map((r, i) => [r.id, i]));
  const sitesAt = C.GLOBAL_SIZE + C.REGION_STRIDE * scenario.regions.length;
  scenario.sites.forEach((s, i) => {
    const region = regionIndex.get(s.region);
    if (region === undefined) throw new Error(`sites[${i}].region: no region '${s.region}'`);
    const at = sitesAt + i * C.SITE_STRIDE;
    data[at + C.SITE_REGION] = region;
    data[at + C.SITE_LOAD] = s.itLoadMW;
    data[at + C.SITE_PLANNED] = s.plannedYear - scenario.startYear;
    data[at + C.SITE_RAMP] = s.rampYears;
    data[at + C.SITE_COOLING] = C.COOLING_TYPES.indexOf(s.cooling);
    data[at + C.SITE_IMPORT_SHARE] = s.acceleratorImportShare;
    data[at + C.SITE_DELAYABLE] = s.status === 'operating' ? 0 : 1;
    data[at + C.SITE_PROCEED_P] = proceedProbabilityOf(scenario, s);
    data[at + C.SITE_AGGREGATE] = s.aggregate === true ? 1 : 0;
    packGeneration(data, at, scenario, s, i);
    packFlexible(data, at, s);
  });
}

/**
 * A site's flexible connection: a flag, the years it takes off the grid queue and its curtailed
 * share (docs/model.md, "Flexible connection"); a site without one keeps zeros and draws nothing.
 */
function packFlexible(data: Float32Array, at: number, site: Site): void {
  const deal = site.flexibleConnection;
  if (!deal) return;
  data[at + C.SITE_FLEXIBLE] = 1;
  putDist(data, at + C.SITE_FLEX_EARLIER, deal.connectionYearsEarlier);
  putDist(data, at + C.SITE_FLEX_CURTAILED, deal.curtailedShare);
}

/**
 * A site's on-site generation: its capacity (0 for none), its equipment delay (its own, else the
 * supply item's) and its plant's availability (docs/model.md, "On-site generation").
 */
function packGeneration(data: Float32Array, at: number, scenario: Scenario, site: Site, i: number): void {
  const plant = site.onsiteGeneration;
  if (!plant) return;
  const equipment = scenario.supplyChain.onsiteGeneration;
  const delay = plant.delayYears ?? equipment?.delayYears;
  if (!delay) throw new Error(`sites[${i}].onsiteGeneration: needs supplyChain.onsiteGeneration or its own delayYears`);
  data[at + C.SITE_GEN_CAPACITY] = plant.capacityMW;
  putDist(data, at + C.SITE_GEN_DELAY, delay);
  putDist(data, at + C.SITE_GEN_AVAILABILITY, plant.availability);
}

/** `shortfallThreshold`: the exceedance threshold of the shortfallShare series (a share of plan). */
export function packScenario(scenario: Scenario, shortfallThreshold?: number, regionQuantiles = false): PackedScenario {
  const nRegions = scenario.regions.length;
  const nSites = scenario.sites.length;
  const data = new Float32Array(C.GLOBAL_SIZE + C.REGION_STRIDE * nRegions + C.SITE_STRIDE * nSites);
  const correlated = packGlobal(data, scenario);
  packRegions(data, scenario);
  packSites(data, scenario);
  const series = seriesOf(scenario, shortfallThreshold);
  return {
    data,
    nSites,
    nRegions,
    nYears: scenario.endYear - scenario.startYear + 1,
    nSeries: series.length,
    startYear: scenario.startYear,
    seriesInfo: seriesInfoOf(series),
    series,
    correlated,
    regionQuantiles,
  };
}

/** Offset of the first site record in the packed data. */
export function sitesOffset(p: PackedScenario): number {
  return C.GLOBAL_SIZE + C.REGION_STRIDE * p.nRegions;
}
