// The per-draw model: one Monte Carlo draw of every site-year. Mirrors shaders/model.wgsl
// function by function (same names, same order of random draws); equations in docs/model.md.
// Values are stored in Float32Arrays where the shader keeps f32 so both round alike.
import * as C from './contract';
import { samplePoisson, uniformAt } from './distributions';
import type { Draw } from './common';
import { newShortfall, type Shortfall, shortfallCause, shortfallMW } from './causes';
import { type ModelShape, SiteModel, type SiteState } from './site';

export type { ModelShape, SiteState } from './site';
const { F32, MAX_REGIONS, MAX_SERIES, MAX_YEARS } = C;
const f32 = Math.fround;
const ML_PER_MWH_WUE = f32(F32.ML_PER_MWH_WUE);

export interface Climate {
  pueFactor: number;
  wueFactor: number;
  allowance: number;
  drought: boolean;
}

/** A site-year's IT load (MW) at each step of the model, by part where the site has an on-site plant. */
export interface LoadChain {
  plannedMW: number;
  /** The whole site as built at full load (its water permit's basis). */
  builtMW: number;
  builtPlanMW: number;
  gridPlanMW: number;
  genPlanMW: number;
  gridDemandMW: number;
  genDemandMW: number;
  /** The grid part's pro-rata share of its region's headroom. */
  gridAllottedMW: number;
  /** What of it runs: less the curtailment a flexible connection accepted. */
  gridServedMW: number;
  genServedMW: number;
  runningMW: number;
  deliveredMW: number;
}

export interface SiteYear {
  plannedMW: number;
  deliveredMW: number;
  /** What plannedMW − deliveredMW was lost to. */
  lost: Shortfall;
}

/** One draw's state; reused across draws so the hot loop allocates nothing. */
export class DrawModel extends SiteModel {
  readonly seriesValues = new Float32Array(MAX_SERIES);
  /** Planned IT load (MW) of each year, summed over sites: the shortfall share's denominator. */
  readonly yearPlannedMW = new Float32Array(MAX_YEARS);
  /** Demand (MW) per region-year after phase 1's first loop, then the grid's served share. */
  readonly regionYear = new Float32Array(MAX_REGIONS * MAX_YEARS);
  private readonly c: Climate = { pueFactor: 1, wueFactor: 1, allowance: 1, drought: false };
  private readonly out: SiteYear = {
    plannedMW: 0,
    deliveredMW: 0,
    lost: newShortfall(),
  };
  private readonly grid = new Float32Array(2);
  private readonly ch: LoadChain = {
    plannedMW: 0,
    builtMW: 0,
    builtPlanMW: 0,
    gridPlanMW: 0,
    genPlanMW: 0,
    gridDemandMW: 0,
    genDemandMW: 0,
    gridAllottedMW: 0,
    gridServedMW: 0,
    genServedMW: 0,
    runningMW: 0,
    deliveredMW: 0,
  };

  /** An event of probability p at uniform u happens when u > 1 − p (inverse CDF; see model.wgsl). */
  private eventAt(u: number, p: number): boolean {
    return u > f32(1 - p);
  }

  climate(d: Draw, r: number, y: number): Climate {
    const at = C.GLOBAL_SIZE + r * C.REGION_STRIDE;
    const stream = (C.S_REGION_YEAR | r) >>> 0;
    const slots = y * C.CLIMATE_SLOTS;
    const copula = this.copula;
    const correlated = copula.on(C.GROUP_CLIMATE);
    if (correlated) copula.correlateGroup(d, C.GROUP_CLIMATE, C.CLIMATE_MEMBERS, stream, y);
    const uHeatwave = correlated ? copula.u[0] : uniformAt(d.key0, d.key1, d.index, stream, slots + C.SLOT_HEATWAVE);
    const uDrought = correlated ? copula.u[1] : uniformAt(d.key0, d.key1, d.index, stream, slots + C.SLOT_DROUGHT);
    const heatwave = this.eventAt(uHeatwave, Math.min(f32(this.scenario[at + C.R_HEATWAVE_P] * this.knob(d, C.K_HEATWAVE_SCALE)), 1));
    const c = this.c;
    c.pueFactor = 1;
    c.wueFactor = 1;
    c.allowance = 1;
    c.drought = this.eventAt(uDrought, this.scenario[at + C.R_DROUGHT_P]);
    for (let k = 0; k < 3; k++) {
      if ((k < 2 && !heatwave) || (k === 2 && !c.drought)) continue;
      const field = k < 2 ? (k === 0 ? C.R_HW_PUE : C.R_HW_WUE) : C.R_DROUGHT_ALLOWANCE;
      const x = correlated
        ? copula.distAtU(at + field, copula.u[k + 2])
        : this.distAt(at + field, d, stream, slots + (k < 2 ? C.SLOT_HW_PUE + k : C.SLOT_ALLOWANCE));
      if (k === 0) c.pueFactor = f32(1 + Math.max(x, 0));
      else if (k === 1) c.wueFactor = f32(1 + Math.max(x, 0));
      else c.allowance = Math.min(Math.max(f32(1 - f32(this.knob(d, C.K_DROUGHT_SEVERITY) * f32(1 - x))), 0), 1);
    }
    return c;
  }

  // (1 + γ)^y, the efficiency trend and the cyber rate's e^−λ depend only on the parameter set
  // (and the year): computed once per set here (model.wgsl calls pow and exp each time; the
  // values are the same bit for bit).
  private powersFor = -1;
  private readonly growthPow = new Float32Array(MAX_YEARS);
  private readonly trendPow = new Float32Array(MAX_YEARS);

  private cyberRate = 0;
  private cyberExpNegRate = 1;

  private powers(d: Draw): void {
    if (this.powersFor === d.knob) return;
    this.powersFor = d.knob;
    this.cyberRate = f32(this.scenario[C.G_CYBER_RATE] * this.knob(d, C.K_CYBER_SCALE));
    this.cyberExpNegRate = f32(Math.exp(-this.cyberRate));
    const growth = f32(1 + f32(this.knob(d, C.K_DEMAND_GROWTH) * 0.01));
    const trend = Math.max(f32(1 - f32(this.knob(d, C.K_EFFICIENCY) * 0.01)), 0);
    for (let y = 0; y < MAX_YEARS; y++) {
      this.growthPow[y] = growth ** y;
      this.trendPow[y] = trend ** y;
    }
  }

  growthFactor(d: Draw, y: number): number {
    this.powers(d);
    return this.growthPow[y] as number;
  }

  pueIn(d: Draw, st: SiteState, y: number, c: Climate): number {
    this.powers(d);
    const trend = this.trendPow[y] as number;
    return f32(f32(1 + f32(f32(st.pue0 - 1) * trend)) * c.pueFactor);
  }

  sumOutageDays(d: Draw, s: number, y: number): number {
    const stream = (C.S_SITE_CYBER | s) >>> 0;
    this.powers(d);
    const u = uniformAt(d.key0, d.key1, d.index, stream, C.SLOT_INCIDENTS0 + y);
    const n = Math.min(samplePoisson(this.cyberRate, this.cyberExpNegRate, u) >>> 0, C.MAX_OUTAGES);
    let days = 0;
    for (let i = 0; i < n; i++)
      days = f32(days + Math.max(this.distAt(C.G_CYBER_OUTAGE, d, stream, C.SLOT_OUTAGE0 + y * C.MAX_OUTAGES + i), 0));
    return Math.min(days, F32.DAYS_PER_YEAR);
  }

  /** Phase 1's end: region-year demand (MW) becomes the share the grid serves; peak stress recorded. */
  regionShares(d: Draw): void {
    const { nRegions, nYears } = this.shape;
    const ry = this.regionYear;
    const grid = this.grid;
    for (let r = 0; r < nRegions; r++) {
      const at = C.GLOBAL_SIZE + r * C.REGION_STRIDE;
      const stream = (C.S_REGION | r) >>> 0;
      const correlated = this.copula.on(C.GROUP_REGION);
      if (correlated) this.copula.correlateGroup(d, C.GROUP_REGION, C.REGION_MEMBERS, stream, 0);
      for (let k = 0; k < 2; k++) {
        const off = at + (k === 0 ? C.R_HEADROOM : C.R_GROWTH);
        grid[k] = correlated
          ? this.copula.distAtU(off, this.copula.u[k])
          : this.distAt(off, d, stream, k === 0 ? C.SLOT_HEADROOM : C.SLOT_GROWTH);
      }
      const headroom0 = Math.max(grid[0], 0);
      const growth = f32(grid[1] * this.knob(d, C.K_GRID_BUILDOUT));
      let stress = 0;
      for (let y = 0; y < nYears; y++) {
        const i = r * MAX_YEARS + y;
        const demandMW = ry[i];
        const headroomMW = Math.max(f32(headroom0 + f32(growth * y)), 0);
        let share = 1;
        if (demandMW > headroomMW) share = f32(headroomMW / demandMW);
        if (demandMW > 0) stress = Math.max(stress, headroomMW > 0 ? Math.min(f32(demandMW / headroomMW), F32.STRESS_CAP) : F32.STRESS_CAP);
        ry[i] = share;
      }
      this.seriesValues[C.SER_BY_YEAR + 2 * nYears + r] = stress;
    }
  }

  /**
   * A site-year's plan, what was built of it and its demand, by part: the grid part and the
   * on-site part (docs/model.md, "Demand"). The grid part's plan is the built plan less the
   * on-site part's, so the two add up to it.
   */
  loadChain(d: Draw, st: SiteState, y: number): LoadChain {
    const ch = this.ch;
    const loadMW = f32(st.itLoadMW * this.growthFactor(d, y));
    const planShare = onlineShare(y, st.plannedOffset, st.rampYears);
    ch.plannedMW = f32(loadMW * planShare);
    // What was built of the plan: the announced load less what never proceeds.
    ch.builtMW = f32(loadMW * st.builtShare);
    ch.builtPlanMW = f32(ch.builtMW * planShare);
    const genBuiltMW = f32(ch.builtMW * st.genShare);
    ch.genPlanMW = f32(genBuiltMW * planShare);
    ch.gridPlanMW = f32(ch.builtPlanMW - ch.genPlanMW);
    ch.gridDemandMW = f32(f32(ch.builtMW - genBuiltMW) * onlineShare(y, st.commissionOffset, st.rampYears));
    ch.genDemandMW = f32(genBuiltMW * onlineShare(y, st.genOffset, st.rampYears));
    return ch;
  }

  /** Phase 1 for one site-year: the facility demand (MW) of its grid part adds to its region's. */
  addRegionDemand(d: Draw, st: SiteState, y: number, c: Climate): void {
    const ch = this.loadChain(d, st, y);
    this.regionYear[st.region * MAX_YEARS + y] += f32(ch.gridDemandMW * this.pueIn(d, st, y, c));
  }

  /**
   * Phase 2 for one site-year: grid curtailment, a flexible connection's curtailment, the on-site
   * plant's outages, drought throttling, cyber outages.
   */
  siteYear(d: Draw, s: number, st: SiteState, y: number, c: Climate): SiteYear {
    const ch = this.loadChain(d, st, y);
    const demandMW = f32(ch.gridDemandMW + ch.genDemandMW);
    const pue = this.pueIn(d, st, y, c);
    const gridShare = this.regionYear[st.region * MAX_YEARS + y];
    ch.gridAllottedMW = f32(ch.gridDemandMW * gridShare);
    ch.gridServedMW = f32(ch.gridAllottedMW * f32(1 - st.flexCurtailedShare));
    ch.genServedMW = f32(ch.genDemandMW * st.genAvailability);
    const servedMW = f32(ch.gridServedMW + ch.genServedMW);
    const needML = f32(f32(f32(f32(servedMW * F32.HOURS_PER_YEAR) * st.wue0) * c.wueFactor) * ML_PER_MWH_WUE);
    let waterShare = 1;
    if (c.drought) {
      const permitML = f32(f32(f32(ch.builtMW * F32.HOURS_PER_YEAR) * this.scenario[C.G_WUE_DESIGN + st.designCooling]) * ML_PER_MWH_WUE);
      const allowedML = f32(c.allowance * permitML);
      if (needML > allowedML) waterShare = f32(allowedML / needML);
    }
    ch.runningMW = f32(servedMW * waterShare);
    const outageShare = f32(this.sumOutageDays(d, s, y) / F32.DAYS_PER_YEAR);
    ch.deliveredMW = f32(ch.runningMW * f32(1 - outageShare));
    const demandedMWh = f32(f32(demandMW * pue) * F32.HOURS_PER_YEAR);
    const servedMWh = f32(f32(ch.deliveredMW * pue) * F32.HOURS_PER_YEAR);
    const v = this.seriesValues;
    const nYears = this.shape.nYears;
    v[C.SER_DEMANDED] += demandedMWh;
    v[C.SER_SERVED] += servedMWh;
    v[C.SER_CURTAILED] += f32(f32(f32(ch.gridDemandMW * pue) * f32(1 - gridShare)) * F32.HOURS_PER_YEAR);
    v[C.SER_CURTAILED] += f32(f32(f32(ch.gridAllottedMW * pue) * st.flexCurtailedShare) * F32.HOURS_PER_YEAR);
    v[C.SER_WATER_USED] += f32(needML * waterShare);
    v[C.SER_WATER_SHORTFALL] += f32(needML * f32(1 - waterShare));
    v[C.SER_COMPUTE_LOST] += f32(f32(ch.runningMW * outageShare) * F32.HOURS_PER_YEAR);
    v[C.SER_BY_YEAR + y] += demandedMWh;
    v[C.SER_BY_YEAR + nYears + y] += servedMWh;
    this.attributeShortfall(st, y, ch, servedMW);
    this.out.plannedMW = ch.plannedMW;
    this.out.deliveredMW = ch.deliveredMW;
    return this.out;
  }

  /** The site-year's undelivered IT load by cause, in the model's order, into out.lost (model.wgsl's attributeShortfall). */
  attributeShortfall(st: SiteState, y: number, ch: LoadChain, servedMW: number): void {
    const v = this.seriesValues;
    const shape = this.shape;
    const f = this.out.lost;
    const mw = f.mw;
    // The steps of shortfallCause: abandoned, the grid part's delay, the on-site part's, grid
    // curtailment, the flexible connection's, the plant's outages, water, cyber.
    mw[0] = ch.plannedMW - ch.builtPlanMW;
    f.cause[1] = st.delayCause;
    mw[1] = ch.gridPlanMW - ch.gridDemandMW;
    f.cause[2] = st.genDelayCause;
    mw[2] = ch.genPlanMW - ch.genDemandMW;
    mw[3] = ch.gridDemandMW - ch.gridAllottedMW;
    mw[4] = ch.gridAllottedMW - ch.gridServedMW;
    mw[5] = ch.genDemandMW - ch.genServedMW;
    mw[6] = servedMW - ch.runningMW;
    mw[7] = ch.runningMW - ch.deliveredMW;
    for (let k = 0; k < C.SHORTFALL_STEPS; k++) v[serCause(shape, shortfallCause(f, k), y)] += shortfallMW(f, k);
    v[serShortfall(shape, y)] += f32(ch.plannedMW - ch.deliveredMW);
    this.yearPlannedMW[y] += ch.plannedMW;
  }

  /** The draw's end: each year's MW not delivered becomes its share of the year's plan. */
  finishShortfall(): void {
    const v = this.seriesValues;
    for (let y = 0; y < this.shape.nYears; y++) {
      const planned = this.yearPlannedMW[y];
      const at = serShortfall(this.shape, y);
      v[at] = planned > 0 ? f32(v[at] / planned) : 0;
    }
  }
}

/** Series index of year y's shortfall share, and of cause c's MW not delivered in year y. */
export function serShortfall(shape: ModelShape, y: number): number {
  return C.SER_BY_YEAR + 2 * shape.nYears + shape.nRegions + y;
}

export function serCause(shape: ModelShape, c: number, y: number): number {
  return C.SER_BY_YEAR + 3 * shape.nYears + shape.nRegions + c * shape.nYears + y;
}

/** Annual-average online share of a site commissioned at `start` (years from startYear). */
export function onlineShare(y: number, start: number, rampYears: number): number {
  const t = f32(y + 0.5 - start);
  if (rampYears <= 0) return t >= 0 ? 1 : 0;
  return Math.min(Math.max(f32(t / rampYears), 0), 1);
}
