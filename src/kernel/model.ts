// The per-draw model: one Monte Carlo draw of every site-year. Mirrors shaders/model.wgsl
// function by function (same names, same order of random draws); equations in docs/model.md.
// Values are stored in Float32Arrays where the shader keeps f32 so both round alike.
import * as C from './contract';
import { sampleDist, samplePoisson, uniformAt } from './distributions';
import type { Draw } from './common';
import type { Shortfall } from './causes';
import { CopulaDraw } from './copula';

const { F32, MAX_REGIONS, MAX_SERIES, MAX_YEARS, N_SUPPLY } = C;
const f32 = Math.fround;
const ML_PER_MWH_WUE = f32(F32.ML_PER_MWH_WUE);

export interface ModelShape {
  nSites: number;
  nRegions: number;
  nYears: number;
  sitesOffset: number;
}

export interface SiteState {
  region: number;
  itLoadMW: number;
  plannedOffset: number;
  commissionOffset: number;
  rampYears: number;
  cooling: number;
  designCooling: number;
  pue0: number;
  wue0: number;
  /** The binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE. */
  delayCause: number;
  /** Share of the site built: 1 or 0 for a named site (it proceeds or not), the expected share for an aggregate. */
  builtShare: number;
}

export interface Climate {
  pueFactor: number;
  wueFactor: number;
  allowance: number;
  drought: boolean;
}

export interface SiteYear {
  plannedMW: number;
  deliveredMW: number;
  /** What plannedMW − deliveredMW was lost to. */
  lost: Shortfall;
}

/** One draw's state; reused across draws so the hot loop allocates nothing. */
export class DrawModel {
  readonly seriesValues = new Float32Array(MAX_SERIES);
  /** Planned IT load (MW) of each year, summed over sites: the shortfall share's denominator. */
  readonly yearPlannedMW = new Float32Array(MAX_YEARS);
  /** Demand (MW) per region-year after phase 1's first loop, then the grid's served share. */
  readonly regionYear = new Float32Array(MAX_REGIONS * MAX_YEARS);
  private readonly st: SiteState = {
    region: 0,
    itLoadMW: 0,
    plannedOffset: 0,
    commissionOffset: 0,
    rampYears: 0,
    cooling: 0,
    designCooling: 0,
    pue0: 1,
    wue0: 0,
    delayCause: 0,
    builtShare: 1,
  };
  private readonly c: Climate = { pueFactor: 1, wueFactor: 1, allowance: 1, drought: false };
  private readonly out: SiteYear = {
    plannedMW: 0,
    deliveredMW: 0,
    lost: { abandonedMW: 0, delayCause: 0, delayMW: 0, curtailMW: 0, waterMW: 0, cyberMW: 0 },
  };
  private readonly delays = new Float32Array(3);
  private readonly grid = new Float32Array(2);
  private readonly copula: CopulaDraw;

  constructor(
    private readonly scenario: Float32Array,
    private readonly knobs: Float32Array,
    private readonly shape: ModelShape,
  ) {
    this.copula = new CopulaDraw(scenario);
  }

  private distAt(off: number, d: Draw, stream: number, slot: number): number {
    const sc = this.scenario;
    return sampleDist(sc[off], sc[off + 1], sc[off + 2], sc[off + 3], sc[off + 4], d.key0, d.key1, d.index, stream, slot);
  }

  private chance(d: Draw, stream: number, slot: number, p: number): boolean {
    return uniformAt(d.key0, d.key1, d.index, stream, slot) < p;
  }

  /** An event of probability p at uniform u happens when u > 1 − p (inverse CDF; see model.wgsl). */
  private eventAt(u: number, p: number): boolean {
    return u > f32(1 - p);
  }

  private knob(d: Draw, i: number): number {
    return this.knobs[d.knob + i];
  }

  private shockStream(item: number, site: number, region: number): number {
    const scope = this.scenario[C.G_SUPPLY + item * C.SUPPLY_STRIDE + C.SUPPLY_SCOPE];
    if (scope === C.SCOPE_REGION) return (C.S_REGION_SHOCK | region) >>> 0;
    if (scope === C.SCOPE_SITE) return (C.S_SITE | site) >>> 0;
    return C.S_GLOBAL;
  }

  private shockProbability(d: Draw, item: number): number {
    return item === C.SUPPLY_ACCELERATORS
      ? this.knob(d, C.K_CHIP_SHOCK)
      : this.scenario[C.G_SUPPLY + item * C.SUPPLY_STRIDE + C.SUPPLY_SHOCK_P];
  }

  /** k: [0, N_SUPPLY) ordinary supply delays, then their shock delays, grid queue, PUE, WUE. */
  siteState(d: Draw, s: number): SiteState {
    const sc = this.scenario;
    const at = this.shape.sitesOffset + s * C.SITE_STRIDE;
    const st = this.st;
    st.region = sc[at + C.SITE_REGION];
    st.itLoadMW = sc[at + C.SITE_LOAD];
    st.plannedOffset = sc[at + C.SITE_PLANNED];
    st.rampYears = sc[at + C.SITE_RAMP];
    st.designCooling = sc[at + C.SITE_COOLING];
    const delayable = sc[at + C.SITE_DELAYABLE] > 0.5;
    const stream = (C.S_SITE | s) >>> 0;
    st.builtShare = delayable ? this.builtShare(d, stream, sc[at + C.SITE_PROCEED_P], sc[at + C.SITE_AGGREGATE] > 0.5) : 1;
    st.cooling = st.designCooling;
    if (st.cooling === C.COOLING_EVAPORATIVE && this.chance(d, stream, C.SLOT_MIX_SHIFT, this.knob(d, C.K_COOLING_MIX)))
      st.cooling = C.COOLING_LIQUID;
    const copula = this.copula;
    const correlated = copula.on(C.GROUP_SITE);
    if (correlated) copula.correlateGroup(d, C.GROUP_SITE, C.SITE_MEMBERS, stream, 0);
    const kGrid = 2 * N_SUPPLY;
    const delays = this.delays.fill(0);
    let grid = 0;
    for (let k = 0; k < kGrid + 3; k++) {
      let off: number;
      let str = stream;
      let slot: number;
      let enabled = delayable;
      if (k < N_SUPPLY) {
        off = C.G_SUPPLY + k * C.SUPPLY_STRIDE + C.SUPPLY_DELAY;
        slot = C.SLOT_DELAY0 + k;
      } else if (k < kGrid) {
        const item = k - N_SUPPLY;
        off = C.G_SUPPLY + item * C.SUPPLY_STRIDE + C.SUPPLY_SHOCK_DELAY;
        str = this.shockStream(item, s, st.region);
        slot = C.SLOT_SHOCK_DELAY0 + item;
        enabled = delayable && this.chance(d, str, C.SLOT_SHOCK0 + item, this.shockProbability(d, item));
      } else if (k === kGrid) {
        off = C.GLOBAL_SIZE + st.region * C.REGION_STRIDE + C.R_CONN_DELAY;
        slot = C.SLOT_GRID_DELAY;
      } else {
        off = C.G_COOLING + (st.cooling * 2 + k - kGrid - 1) * C.DIST_STRIDE;
        slot = C.SLOT_PUE + k - kGrid - 1;
        enabled = true;
      }
      if (!enabled) continue;
      // Members of the site group: the ordinary delays, then grid queue, PUE, WUE; shock delays stay independent.
      const member = correlated && (k < N_SUPPLY || k >= kGrid);
      const x = Math.max(member ? copula.distAtU(off, copula.u[k < N_SUPPLY ? k : k - N_SUPPLY]) : this.distAt(off, d, str, slot), 0);
      if (k < kGrid) delays[k % N_SUPPLY] += x;
      else if (k === kGrid) grid = x;
      else if (k === kGrid + 1) st.pue0 = Math.max(x, 1);
      else st.wue0 = x;
    }
    const accel = f32(delays[0] * sc[at + C.SITE_IMPORT_SHARE]);
    const slowest = Math.max(Math.max(accel, delays[1]), Math.max(delays[2], grid));
    st.commissionOffset = f32(st.plannedOffset + slowest);
    // The first of the delays (in CAUSES order) that equals the slowest binds.
    // CAUSES lists the supply items, then the grid queue (CAUSE_ACCELERATORS + N_SUPPLY).
    st.delayCause = C.CAUSE_ACCELERATORS + (accel === slowest ? 0 : delays[1] === slowest ? 1 : delays[2] === slowest ? 2 : N_SUPPLY);
    return st;
  }

  /**
   * A non-operating site's built share: its status's proceed probability scaled by the
   * real-queue knob, clamped to [0, 1]; a named site proceeds (1) or not (0) by one uniform, an
   * aggregate keeps the probability as its expected share (docs/model.md, "Proceeding").
   */
  private builtShare(d: Draw, stream: number, proceedP: number, aggregate: boolean): number {
    const p = Math.min(Math.max(f32(proceedP * this.knob(d, C.K_REAL_QUEUE)), 0), 1);
    if (aggregate) return p;
    return this.chance(d, stream, C.SLOT_PROCEED, p) ? 1 : 0;
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

  // (1 + γ)^y and the efficiency trend depend only on the parameter set and the year: computed
  // once per set here (model.wgsl calls pow each time; the values are the same bit for bit).
  private powersFor = -1;
  private readonly growthPow = new Float32Array(MAX_YEARS);
  private readonly trendPow = new Float32Array(MAX_YEARS);

  private powers(d: Draw): void {
    if (this.powersFor === d.knob) return;
    this.powersFor = d.knob;
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
    const rate = f32(this.scenario[C.G_CYBER_RATE] * this.knob(d, C.K_CYBER_SCALE));
    const u = uniformAt(d.key0, d.key1, d.index, stream, y * C.CYBER_SLOTS + C.SLOT_INCIDENTS);
    const n = Math.min(samplePoisson(rate, f32(Math.exp(-rate)), u) >>> 0, C.MAX_OUTAGES);
    let days = 0;
    for (let i = 0; i < n; i++)
      days = f32(days + Math.max(this.distAt(C.G_CYBER_OUTAGE, d, stream, y * C.CYBER_SLOTS + C.SLOT_OUTAGE0 + i), 0));
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

  /** Phase 1 for one site-year: its facility demand (MW) adds to its region's. */
  addRegionDemand(d: Draw, st: SiteState, y: number, c: Climate): void {
    const builtMW = f32(f32(st.itLoadMW * this.growthFactor(d, y)) * st.builtShare);
    const itMW = f32(builtMW * onlineShare(y, st.commissionOffset, st.rampYears));
    this.regionYear[st.region * MAX_YEARS + y] += f32(itMW * this.pueIn(d, st, y, c));
  }

  siteYear(d: Draw, s: number, st: SiteState, y: number, c: Climate): SiteYear {
    const growth = this.growthFactor(d, y);
    const loadMW = f32(st.itLoadMW * growth);
    const plannedMW = f32(loadMW * onlineShare(y, st.plannedOffset, st.rampYears));
    // What was built of the plan: the announced load less what never proceeds.
    const builtMW = f32(loadMW * st.builtShare);
    const builtPlanMW = f32(builtMW * onlineShare(y, st.plannedOffset, st.rampYears));
    const demandMW = f32(builtMW * onlineShare(y, st.commissionOffset, st.rampYears));
    const pue = this.pueIn(d, st, y, c);
    const gridShare = this.regionYear[st.region * MAX_YEARS + y];
    const servedMW = f32(demandMW * gridShare);
    const needML = f32(f32(f32(f32(servedMW * F32.HOURS_PER_YEAR) * st.wue0) * c.wueFactor) * ML_PER_MWH_WUE);
    let waterShare = 1;
    if (c.drought) {
      const permitML = f32(f32(f32(builtMW * F32.HOURS_PER_YEAR) * this.scenario[C.G_WUE_DESIGN + st.designCooling]) * ML_PER_MWH_WUE);
      const allowedML = f32(c.allowance * permitML);
      if (needML > allowedML) waterShare = f32(allowedML / needML);
    }
    const runningMW = f32(servedMW * waterShare);
    const outageShare = f32(this.sumOutageDays(d, s, y) / F32.DAYS_PER_YEAR);
    const deliveredMW = f32(runningMW * f32(1 - outageShare));
    const demandedMWh = f32(f32(demandMW * pue) * F32.HOURS_PER_YEAR);
    const servedMWh = f32(f32(deliveredMW * pue) * F32.HOURS_PER_YEAR);
    const v = this.seriesValues;
    const nYears = this.shape.nYears;
    v[C.SER_DEMANDED] += demandedMWh;
    v[C.SER_SERVED] += servedMWh;
    v[C.SER_CURTAILED] += f32(f32(f32(demandMW * pue) * f32(1 - gridShare)) * F32.HOURS_PER_YEAR);
    v[C.SER_WATER_USED] += f32(needML * waterShare);
    v[C.SER_WATER_SHORTFALL] += f32(needML * f32(1 - waterShare));
    v[C.SER_COMPUTE_LOST] += f32(f32(runningMW * outageShare) * F32.HOURS_PER_YEAR);
    v[C.SER_BY_YEAR + y] += demandedMWh;
    v[C.SER_BY_YEAR + nYears + y] += servedMWh;
    this.attributeShortfall(st, y, plannedMW, builtPlanMW, demandMW, servedMW, runningMW, deliveredMW);
    this.out.plannedMW = plannedMW;
    this.out.deliveredMW = deliveredMW;
    return this.out;
  }

  /** The site-year's undelivered IT load by cause, in the model's order, into out.lost (model.wgsl's attributeShortfall). */
  attributeShortfall(
    st: SiteState,
    y: number,
    plannedMW: number,
    builtPlanMW: number,
    demandMW: number,
    servedMW: number,
    runningMW: number,
    deliveredMW: number,
  ): void {
    const v = this.seriesValues;
    const shape = this.shape;
    const f = this.out.lost;
    f.abandonedMW = f32(plannedMW - builtPlanMW);
    f.delayCause = st.delayCause;
    f.delayMW = f32(builtPlanMW - demandMW);
    f.curtailMW = f32(demandMW - servedMW);
    f.waterMW = f32(servedMW - runningMW);
    f.cyberMW = f32(runningMW - deliveredMW);
    v[serCause(shape, C.CAUSE_ABANDONED, y)] += f.abandonedMW;
    v[serCause(shape, f.delayCause, y)] += f.delayMW;
    v[serCause(shape, C.CAUSE_CURTAILMENT, y)] += f.curtailMW;
    v[serCause(shape, C.CAUSE_WATER, y)] += f.waterMW;
    v[serCause(shape, C.CAUSE_CYBER, y)] += f.cyberMW;
    v[serShortfall(shape, y)] += f32(plannedMW - deliveredMW);
    this.yearPlannedMW[y] += plannedMW;
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
