// Mirrors shaders/simulate.wgsl: runs the draws of one dispatch (parameter sets × blocks) and
// reduces them exactly as a workgroup would, into the same flat buffers the GPU uses.
import { floatBits, histRange, type Draw, type Params } from './common';
import {
  BLOCK_DRAWS,
  F32,
  G_MISS_TOLERANCE,
  HIST_ATOM_CAP,
  HIST_ATOM_ZERO,
  HIST_BINS,
  HIST_EXCEED,
  HIST_OVER,
  HIST_STRIDE,
  HIST_UNDER,
  INFO_CAP,
  INFO_THRESHOLD,
  MAX_REGIONS,
  MAX_SERIES,
  MAX_SITES,
  MAX_YEARS,
  MODE_MAIN,
  MODE_PILOT,
  MODE_RAW,
  N_CAUSES,
  NKNOBS,
  NO_REGION_HIST,
  REGION_HIST_STRIDE,
  REGION_YEAR_SLOTS,
  SERIES_INFO_STRIDE,
  SHORTFALL_STEPS,
} from './contract';
import { bindingCause, regionShareBin, type Shortfall, shortfallCause, shortfallMW, shortfallTotalMW } from './causes';
import { type Climate, DrawModel, onlineShare, type SiteState } from './model';
import type { PilotStash } from './PilotStash';

const f32 = Math.fround;
/** Climate fields kept per region-year: PUE and WUE factors, water allowance, drought (0/1). */
const CLIMATE_FIELDS = 4;
/** SiteState's fields, in the order the per-draw cache keeps them. */
const SITE_FIELDS: readonly (keyof SiteState)[] = [
  'region',
  'itLoadMW',
  'plannedOffset',
  'commissionOffset',
  'rampYears',
  'cooling',
  'designCooling',
  'pue0',
  'wue0',
  'delayCause',
  'builtShare',
  'genShare',
  'genOffset',
  'genDelayCause',
  'genAvailability',
  'flexCurtailedShare',
];

export interface KernelBuffers {
  scenario: Float32Array;
  knobs: Float32Array;
  /** Per series: exceedance threshold and upper atom (SERIES_INFO_STRIDE floats). */
  seriesInfo: Float32Array;
  ranges: Uint32Array;
  counters: Uint32Array;
  partials: Float32Array;
}

function add64(counters: Uint32Array, index: number, value: number): void {
  const old = counters[index];
  counters[index] = (old + value) >>> 0;
  if (counters[index] < old) counters[index + 1] = (counters[index + 1] + 1) >>> 0;
}

/** The first year whose planned share is above 0 (onlineShare is non-decreasing in the year), or nYears. */
function firstPlannedYear(st: SiteState, nYears: number): number {
  let y = 0;
  while (y < nYears && onlineShare(y, st.plannedOffset, st.rampYears) === 0) y++;
  return y;
}

/** The series' counter for a value: its exact atoms apart from the histogram (simulate.wgsl). */
function histBin(v: number, range: Float32Array, cap: number): number {
  if (v === 0) return HIST_ATOM_ZERO;
  if (v === cap) return HIST_ATOM_CAP;
  if (v < range[0]) return HIST_UNDER;
  if (v >= range[1]) return HIST_OVER;
  return 1 + Math.min(Math.floor(f32(f32(f32(v - range[0]) / f32(range[1] - range[0])) * HIST_BINS)), HIST_BINS - 1);
}

export class SimulateKernel {
  private readonly model: DrawModel;
  private readonly laneValues = new Float32Array(BLOCK_DRAWS * MAX_SERIES);
  private readonly laneActive = new Uint8Array(BLOCK_DRAWS);
  private readonly wgSum = new Float32Array(BLOCK_DRAWS);
  private readonly wgSq = new Float32Array(BLOCK_DRAWS);
  private readonly range = new Float32Array(3);
  private readonly draw: Draw = { key0: 0, key1: 0, index: 0, knob: 0 };

  /**
   * With a stash (the CPU backend's), the pilot also counts its draws as the main pass would and
   * keeps their series values, and the main pass bins kept cells instead of simulating them.
   */
  constructor(
    private readonly buffers: KernelBuffers,
    private readonly params: Params,
    private readonly stash?: PilotStash,
  ) {
    this.model = new DrawModel(buffers.scenario, buffers.knobs, params);
  }

  /** Runs every workgroup of the dispatch described by the current params. */
  dispatch(mode: number): void {
    const p = this.params;
    for (let wy = 0; wy < p.paramCount; wy++) {
      for (let wx = 0; wx < p.blockCount; wx++) this.workgroup(mode, wx, wy);
    }
  }

  private workgroup(mode: number, wx: number, wy: number): void {
    const p = this.params;
    const pl = p.paramOffset + wy;
    const d = this.draw;
    d.key0 = p.seed;
    d.key1 = p.crn !== 0 ? 0 : p.paramBase + pl;
    d.knob = pl * NKNOBS;
    const block = p.blockOffset + wx;
    const kept = mode === MODE_MAIN ? this.stash?.take(pl, block) : undefined;
    const keep = mode === MODE_PILOT && this.stash ? this.stash.open(pl, block, p.nSeries) : undefined;
    for (let lid = 0; lid < BLOCK_DRAWS; lid++) {
      d.index = block * BLOCK_DRAWS + lid;
      const active = d.index < p.draws;
      this.laneActive[lid] = active ? 1 : 0;
      // Inactive lanes contribute nothing on the GPU either.
      if (!active) continue;
      if (kept) {
        this.laneValues.set(kept.subarray(lid * p.nSeries, (lid + 1) * p.nSeries), lid * MAX_SERIES);
        continue;
      }
      // A kept pilot counts as the main pass does: the main pass will only bin these draws.
      this.simulateDraw(d, pl, keep ? MODE_MAIN : mode);
      const values = this.model.seriesValues.subarray(0, p.nSeries);
      if (mode === MODE_PILOT) {
        this.recordPilot(pl);
        if (keep) {
          this.countCurtailment(pl);
          keep.set(values, lid * p.nSeries);
        }
      } else if (mode === MODE_RAW) {
        this.buffers.partials.set(values, ((wy * p.blockCount + wx) * BLOCK_DRAWS + lid) * p.nSeries);
      } else {
        this.countCurtailment(pl);
        this.laneValues.set(values, lid * MAX_SERIES);
      }
    }
    if (mode === MODE_MAIN) this.reduceSeries(pl, wy * p.blockCount + wx);
  }

  // Both backends draw each region-year's climate once per draw, before the two phases.
  // simulate.wgsl recomputes a site's state in each phase (private memory is dear on a GPU); here
  // it is computed once per draw and reused. It is a pure function of the draw's counters, so the
  // numbers are the same bit for bit.
  private readonly climateCache = new Float32Array(MAX_REGIONS * MAX_YEARS * CLIMATE_FIELDS);
  private readonly climateOut: Climate = { pueFactor: 1, wueFactor: 1, allowance: 1, drought: false };
  private readonly siteCache = new Float64Array(MAX_SITES * SITE_FIELDS.length);
  private readonly siteOut = {} as SiteState;

  /** Every region-year's climate of this draw, into the cache (simulate.wgsl's drawClimate). */
  private drawClimate(d: Draw): void {
    const cache = this.climateCache;
    for (let r = 0; r < this.params.nRegions; r++) {
      for (let y = 0; y < this.params.nYears; y++) {
        const c = this.model.climate(d, r, y);
        const at = (r * MAX_YEARS + y) * CLIMATE_FIELDS;
        cache[at] = c.pueFactor;
        cache[at + 1] = c.wueFactor;
        cache[at + 2] = c.allowance;
        cache[at + 3] = c.drought ? 1 : 0;
      }
    }
  }

  private climateOf(r: number, y: number): Climate {
    const at = (r * MAX_YEARS + y) * CLIMATE_FIELDS;
    const cache = this.climateCache;
    const c = this.climateOut;
    c.pueFactor = cache[at] as number;
    c.wueFactor = cache[at + 1] as number;
    c.allowance = cache[at + 2] as number;
    c.drought = cache[at + 3] === 1;
    return c;
  }

  private saveSite(s: number, st: SiteState): SiteState {
    const at = s * SITE_FIELDS.length;
    for (let k = 0; k < SITE_FIELDS.length; k++) this.siteCache[at + k] = st[SITE_FIELDS[k] as keyof SiteState];
    return st;
  }

  private loadSite(s: number): SiteState {
    const at = s * SITE_FIELDS.length;
    const st = this.siteOut;
    for (let k = 0; k < SITE_FIELDS.length; k++) st[SITE_FIELDS[k] as keyof SiteState] = this.siteCache[at + k] as number;
    return st;
  }

  // This draw's planned and undelivered MW by region-year, for the region-year share histograms.
  private readonly regionPlanMW = new Float32Array(REGION_YEAR_SLOTS);
  private readonly regionLostMW = new Float32Array(REGION_YEAR_SLOTS);

  /** Two phases over one loop, as simulate.wgsl: regional demand, then each site-year served. */
  private simulateDraw(d: Draw, pl: number, mode: number): void {
    const p = this.params;
    const m = this.model;
    m.seriesValues.fill(0);
    m.yearPlannedMW.fill(0);
    m.regionYear.fill(0, 0, p.nRegions * MAX_YEARS);
    const regionHist = mode === MODE_MAIN && p.regionHistOffset !== NO_REGION_HIST;
    if (regionHist) {
      this.regionPlanMW.fill(0, 0, p.nRegions * MAX_YEARS);
      this.regionLostMW.fill(0, 0, p.nRegions * MAX_YEARS);
    }
    const tolerance = this.buffers.scenario[G_MISS_TOLERANCE];
    const counters = this.buffers.counters;
    this.drawClimate(d);
    for (let phase = 0; phase < 2; phase++) {
      if (phase === 1) m.regionShares(d);
      for (let s = 0; s < p.nSites; s++) {
        const st = phase === 0 ? this.saveSite(s, m.siteState(d, s)) : this.loadSite(s);
        // Before its planned date a site-year plans, demands and loses nothing (commissioning is
        // never earlier than planned), so all it would add is exact zeros: the CPU skips those
        // years, simulate.wgsl runs them (14 % of the default scenario's site-years).
        for (let y = firstPlannedYear(st, p.nYears); y < p.nYears; y++) {
          const c = this.climateOf(st.region, y);
          if (phase === 0) {
            m.addRegionDemand(d, st, y, c);
            continue;
          }
          const r = m.siteYear(d, s, st, y, c);
          if (mode === MODE_MAIN && r.plannedMW > 0) {
            const at = (pl * p.nSites + s) * p.nYears + y;
            if (r.deliveredMW < f32(f32(1 - tolerance) * r.plannedMW)) counters[p.bindingOffset + at * N_CAUSES + bindingCause(r.lost)]++;
            const q = Math.floor(f32(f32(Math.min(Math.max(f32(r.deliveredMW / r.plannedMW), 0), 1) * F32.LOAD_QUANTUM) + 0.5));
            add64(counters, p.loadOffset + at * 2, q);
            this.addRegionCauses(pl, st.region, y, r.lost);
            if (regionHist) {
              const i = st.region * MAX_YEARS + y;
              this.regionPlanMW[i] = f32(this.regionPlanMW[i] + r.plannedMW);
              this.regionLostMW[i] = f32(this.regionLostMW[i] + shortfallTotalMW(r.lost));
            }
          }
        }
      }
    }
    m.finishShortfall();
    if (regionHist) this.countRegionShares(pl);
  }

  /** Each region-year's share of its plan not delivered in this draw, into its histogram (simulate.wgsl). */
  private countRegionShares(pl: number): void {
    const p = this.params;
    for (let r = 0; r < p.nRegions; r++) {
      for (let y = 0; y < p.nYears; y++) {
        const plan = this.regionPlanMW[r * MAX_YEARS + y] as number;
        if (plan <= 0) continue;
        const at = p.regionHistOffset + ((pl * p.nRegions + r) * p.nYears + y) * REGION_HIST_STRIDE;
        this.buffers.counters[at + regionShareBin(this.regionLostMW[r * MAX_YEARS + y] as number, plan)]++;
      }
    }
  }

  /** MW not delivered by region-year and cause, in steps of 1/MW_QUANTUM MW (simulate.wgsl). */
  private addRegionCauses(pl: number, region: number, y: number, lost: Shortfall): void {
    const p = this.params;
    const at = p.regionCauseOffset + ((pl * p.nRegions + region) * p.nYears + y) * N_CAUSES * 2;
    for (let k = 0; k < SHORTFALL_STEPS; k++) {
      const mw = shortfallMW(lost, k);
      if (mw > 0) add64(this.buffers.counters, at + shortfallCause(lost, k) * 2, Math.floor(f32(f32(mw * F32.MW_QUANTUM) + 0.5)));
    }
  }

  private recordPilot(pl: number): void {
    const { nSeries } = this.params;
    const { ranges, seriesInfo } = this.buffers;
    for (let s = 0; s < nSeries; s++) {
      const v = this.model.seriesValues[s];
      // The range covers the values off the atoms (simulate.wgsl's recordPilot).
      if (v === 0 || v === seriesInfo[s * SERIES_INFO_STRIDE + INFO_CAP]) continue;
      const at = (pl * nSeries + s) * 2;
      const b = floatBits(v);
      if (b < ranges[at]) ranges[at] = b;
      if (b > ranges[at + 1]) ranges[at + 1] = b;
    }
  }

  private countCurtailment(pl: number): void {
    const p = this.params;
    const ry = this.model.regionYear;
    for (let r = 0; r < p.nRegions; r++) {
      for (let y = 0; y < p.nYears; y++) {
        if (ry[r * MAX_YEARS + y] < 1) this.buffers.counters[p.curtailOffset + (pl * p.nRegions + r) * p.nYears + y]++;
      }
    }
  }

  private reduceSeries(pl: number, partialAt: number): void {
    const { nSeries } = this.params;
    const { ranges, counters, partials, seriesInfo } = this.buffers;
    const { wgSum, wgSq, range } = this;
    for (let s = 0; s < nSeries; s++) {
      const at = (pl * nSeries + s) * 2;
      histRange(ranges[at], ranges[at + 1], range);
      const histAt = (pl * nSeries + s) * HIST_STRIDE;
      const threshold = seriesInfo[s * SERIES_INFO_STRIDE + INFO_THRESHOLD];
      const cap = seriesInfo[s * SERIES_INFO_STRIDE + INFO_CAP];
      for (let lid = 0; lid < BLOCK_DRAWS; lid++) {
        if (!this.laneActive[lid]) {
          wgSum[lid] = 0;
          wgSq[lid] = 0;
          continue;
        }
        const v = this.laneValues[lid * MAX_SERIES + s];
        const x = f32(v - range[2]);
        wgSum[lid] = x;
        wgSq[lid] = f32(x * x);
        counters[histAt + histBin(v, range, cap)]++;
        if (v > threshold) counters[histAt + HIST_EXCEED]++;
      }
      for (let stride = BLOCK_DRAWS / 2; stride > 0; stride >>= 1) {
        for (let lid = 0; lid < stride; lid++) {
          wgSum[lid] = wgSum[lid] + wgSum[lid + stride];
          wgSq[lid] = wgSq[lid] + wgSq[lid + stride];
        }
      }
      partials[(partialAt * nSeries + s) * 2] = wgSum[0];
      partials[(partialAt * nSeries + s) * 2 + 1] = wgSq[0];
    }
  }
}
