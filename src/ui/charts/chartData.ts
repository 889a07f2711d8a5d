// RunResult → the typed arrays the charts draw (parameter set 0). Scaling to TWh/GWh happens
// here once, so every chart of one quantity uses the same unit as the headline table.
import { findSeries, seriesSummary } from '../../engine/resultJson';
import type { RunResult } from '../../engine/types';
import { KNOB_NAMES } from '../../scenario/names';
import type { Scenario } from '../../scenario/schema';
import { pickScale } from '../format';
import { entityYears, yearSlice } from '../resultSlices';

export interface HistogramData {
  unit: string;
  /** Bin centres and each bin's share of all draws. */
  centres: Float64Array;
  share: Float64Array;
  /** Bin edges and P(X > edge), over all draws (draws below and above the range included). */
  edges: Float64Array;
  exceed: Float64Array;
  /** Share of draws outside the histogram's range (not drawn as bars). */
  outside: number;
  mean: number;
  se: number;
}

/** Adds `count` draws at `value` to the bin (or under/overflow) that holds it. */
function placeAtom(counts: Float64Array, count: number, value: number | undefined, lo: number, hi: number): void {
  if (!count || value === undefined) return;
  const bins = counts.length - 2;
  const bin = value < lo ? 0 : value > hi ? bins + 1 : 1 + Math.min(bins - 1, Math.floor(((value - lo) / (hi - lo || 1)) * bins));
  counts[bin] += count;
}

export function histogramData(result: RunResult, key: string): HistogramData | undefined {
  const h = result.histograms;
  const found = findSeries(result, key);
  if (!h || !found) return undefined;
  const i = found.index;
  const lo = h.lo[i] ?? 0;
  const hi = h.hi[i] ?? 0;
  const bins = h.bins;
  const counts = Float64Array.from(h.counts.subarray(i * (bins + 2), (i + 1) * (bins + 2)));
  // The atoms (draws exactly 0 and exactly at the cap) are drawn in the bins that hold them.
  placeAtom(counts, h.atoms[i * 2], 0, lo, hi);
  placeAtom(counts, h.atoms[i * 2 + 1], found.info.cap, lo, hi);
  let total = 0;
  for (const c of counts) total += c;
  total = Math.max(1, total);
  const scale = pickScale(found.info.unit, Math.max(Math.abs(lo), Math.abs(hi)));
  const width = (hi - lo) / bins;
  const centres = new Float64Array(bins);
  const share = new Float64Array(bins);
  const edges = new Float64Array(bins + 1);
  const exceed = new Float64Array(bins + 1);
  // Counts above edge j: every bin from j on, plus the overflow bin (last).
  let above = total - (counts[0] ?? 0);
  for (let j = 0; j <= bins; j++) {
    edges[j] = (lo + j * width) / scale.divisor;
    exceed[j] = above / total;
    if (j < bins) {
      const c = counts[j + 1] ?? 0;
      centres[j] = (lo + (j + 0.5) * width) / scale.divisor;
      share[j] = c / total;
      above -= c;
    }
  }
  const s = seriesSummary(result, 0, i);
  return {
    unit: scale.unit,
    centres,
    share,
    edges,
    exceed,
    outside: ((counts[0] ?? 0) + (counts[bins + 1] ?? 0)) / total,
    mean: s.mean / scale.divisor,
    se: s.se / scale.divisor,
  };
}

export interface Band {
  p5: Float64Array;
  p50: Float64Array;
  p95: Float64Array;
  mean: Float64Array;
}

export interface FanData {
  years: Float64Array;
  unit: string;
  demanded: Band;
  served: Band;
}

export function fanData(result: RunResult): FanData {
  const n = result.years.length;
  const band = (): Band => ({ p5: new Float64Array(n), p50: new Float64Array(n), p95: new Float64Array(n), mean: new Float64Array(n) });
  const demanded = band();
  const served = band();
  let peak = 0;
  result.years.forEach((year, y) => {
    for (const [metric, b] of [
      ['energyDemandedMWh', demanded],
      ['energyServedMWh', served],
    ] as const) {
      const found = findSeries(result, `${metric}[${year}]`);
      if (!found) continue;
      const s = seriesSummary(result, 0, found.index);
      b.p5[y] = s.p5;
      b.p50[y] = s.p50;
      b.p95[y] = s.p95;
      b.mean[y] = s.mean;
      peak = Math.max(peak, s.p95);
    }
  });
  const scale = pickScale('MWh', peak);
  for (const b of [demanded, served]) for (const a of [b.p5, b.p50, b.p95, b.mean]) a.forEach((v, i) => (a[i] = v / scale.divisor));
  return { years: Float64Array.from(result.years), unit: scale.unit, demanded, served };
}

export interface RegionData {
  ids: string[];
  names: string[];
  curtail: Float64Array;
  stressP50: Float64Array;
}

/** Regions with at least one site, by P(curtailment) in the year, highest first. */
export function regionData(result: RunResult, scenario: Scenario, year: number): RegionData {
  const curtail = yearSlice(result, result.regionCurtailProbability, result.regionIds.length, year);
  const used = new Set(scenario.sites.map((s) => s.region));
  const rows = result.regionIds
    .map((id, i) => {
      const found = findSeries(result, `gridStress[${id}]`);
      return {
        id,
        name: scenario.regions.find((r) => r.id === id)?.name ?? id,
        curtail: curtail[i] ?? 0,
        stress: found ? seriesSummary(result, 0, found.index).p50 : Number.NaN,
      };
    })
    .filter((r) => used.has(r.id))
    .sort((a, b) => b.curtail - a.curtail || b.stress - a.stress);
  return {
    ids: rows.map((r) => r.id),
    names: rows.map((r) => r.name),
    curtail: Float64Array.from(rows.map((r) => r.curtail)),
    stressP50: Float64Array.from(rows.map((r) => r.stress)),
  };
}

export interface SiteLoadData {
  years: Float64Array;
  plannedMW: Float64Array;
  expectedMW: Float64Array;
  missProbability: Float64Array;
}

/**
 * One site by year: planned IT load (the model's L_plan: full load × demand growth × the ramp
 * from its planned year, docs/model.md "Demand"), expected delivered load and P(miss).
 */
export function siteLoadData(result: RunResult, scenario: Scenario, siteIndex: number): SiteLoadData {
  const site = scenario.sites[siteIndex];
  const growth = result.knobValues[KNOB_NAMES.indexOf('demandGrowthPctPerYear')] ?? 0;
  const years = Float64Array.from(result.years);
  const plannedMW = new Float64Array(years.length);
  if (site) {
    const t = site.plannedYear - scenario.startYear;
    years.forEach((_, y) => {
      const mid = y + 0.5;
      const online = site.rampYears > 0 ? Math.min(1, Math.max(0, (mid - t) / site.rampYears)) : mid >= t ? 1 : 0;
      plannedMW[y] = site.itLoadMW * (1 + growth / 100) ** y * online;
    });
  }
  return {
    years,
    plannedMW,
    expectedMW: Float64Array.from(entityYears(result, result.siteExpectedLoadMW, siteIndex)),
    missProbability: Float64Array.from(entityYears(result, result.siteMissProbability, siteIndex)),
  };
}
