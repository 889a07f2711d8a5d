// The per-draw model: one Monte Carlo draw of every site-year. Mirrors shaders/model.wgsl
// function by function (same names, same order of random draws); equations in docs/model.md.
// Values are stored in Float32Arrays where the shader keeps f32 so both round alike.
import { sampleDist, samplePoisson, uniformAt } from '../rng/distributions';
import { CopulaDraw, GROUP_CLIMATE, GROUP_REGION, GROUP_SITE } from './copulaDraw';
import {
  DIST_STRIDE as DIST,
  G_COOLING,
  G_CYBER_OUTAGE,
  G_CYBER_RATE,
  G_SUPPLY,
  G_WUE_NOMINAL,
  GLOBAL_SIZE,
  MAX_REGIONS,
  MAX_YEARS,
  R_CONN_DELAY,
  R_DROUGHT_ALLOWANCE,
  R_DROUGHT_P,
  R_GROWTH,
  R_HEADROOM,
  R_HEATWAVE_P,
  R_HW_PUE,
  R_HW_WUE,
  REGION_STRIDE,
  SITE_STRIDE,
  SUPPLY_STRIDE,
} from '../engine/layout';

export const MAX_SERIES = 6 + 2 * MAX_YEARS + MAX_REGIONS;
const HOURS_PER_YEAR = 8760;
const STRESS_CAP = 10;
const MAX_OUTAGES = 16;
const S_GLOBAL = 0x01000000;
const S_SITE = 0x02000000;
const S_REGION = 0x03000000;
const S_REGION_SHOCK = 0x04000000;
const S_REGION_YEAR = 0x05000000;
const S_SITE_CYBER = 0x06000000;
const f32 = Math.fround;

export interface ModelShape {
  nSites: number;
  nRegions: number;
  nYears: number;
  sitesOffset: number;
}

export interface Draw {
  key0: number;
  key1: number;
  index: number;
  /** Offset of this parameter set's knobs. */
  knob: number;
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
}

/** One draw's state; reused across draws so the hot loop allocates nothing. */
export class DrawModel {
  readonly seriesValues = new Float32Array(MAX_SERIES);
  /** Demand (MW) per region-year after phase 1's first loop, then the grid's served share. */
  readonly regionYear = new Float32Array(MAX_REGIONS * MAX_YEARS);
  private readonly st: SiteState = { region: 0, itLoadMW: 0, plannedOffset: 0, commissionOffset: 0, rampYears: 0, cooling: 0, designCooling: 0, pue0: 1, wue0: 0 };
  private readonly c: Climate = { pueFactor: 1, wueFactor: 1, allowance: 1, drought: false };
  private readonly out: SiteYear = { plannedMW: 0, deliveredMW: 0 };
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

  private knob(d: Draw, i: number): number {
    return this.knobs[d.knob + i];
  }

  private shockStream(item: number, site: number, region: number): number {
    const scope = this.scenario[G_SUPPLY + item * SUPPLY_STRIDE + 11];
    if (scope === 1) return (S_REGION_SHOCK | region) >>> 0;
    if (scope === 2) return (S_SITE | site) >>> 0;
    return S_GLOBAL;
  }

  private shockProbability(d: Draw, item: number): number {
    return item === 0 ? this.knob(d, 5) : this.scenario[G_SUPPLY + item * SUPPLY_STRIDE + 10];
  }

  /** k: 0–2 ordinary supply delays, 3–5 their shock delays, 6 grid queue, 7 PUE, 8 WUE. */
  siteState(d: Draw, s: number): SiteState {
    const sc = this.scenario;
    const at = this.shape.sitesOffset + s * SITE_STRIDE;
    const st = this.st;
    st.region = sc[at];
    st.itLoadMW = sc[at + 1];
    st.plannedOffset = sc[at + 2];
    st.rampYears = sc[at + 3];
    st.designCooling = sc[at + 4];
    const delayable = sc[at + 6] > 0.5;
    const stream = (S_SITE | s) >>> 0;
    st.cooling = st.designCooling;
    if (st.cooling === 0 && this.chance(d, stream, 12, this.knob(d, 6))) st.cooling = 1;
    const copula = this.copula;
    const correlated = copula.on(GROUP_SITE);
    if (correlated) copula.correlateGroup(d, GROUP_SITE, 6, stream, 0);
    const delays = this.delays.fill(0);
    let grid = 0;
    for (let k = 0; k < 9; k++) {
      let off: number;
      let str = stream;
      let slot: number;
      let enabled = delayable;
      if (k < 3) {
        off = G_SUPPLY + k * SUPPLY_STRIDE;
        slot = k;
      } else if (k < 6) {
        off = G_SUPPLY + (k - 3) * SUPPLY_STRIDE + DIST;
        str = this.shockStream(k - 3, s, st.region);
        slot = 17 + k;
        enabled = delayable && this.chance(d, str, 13 + k, this.shockProbability(d, k - 3));
      } else if (k === 6) {
        off = GLOBAL_SIZE + st.region * REGION_STRIDE + R_CONN_DELAY;
        slot = 3;
      } else {
        off = G_COOLING + (st.cooling * 2 + k - 7) * DIST;
        slot = k + 6;
        enabled = true;
      }
      if (!enabled) continue;
      // Members of the site group: k 0–2 (ordinary delays) and 6–8; shock delays stay independent.
      const member = correlated && (k < 3 || k >= 6);
      const x = Math.max(member ? copula.distAtU(off, copula.u[k < 3 ? k : k - 3]) : this.distAt(off, d, str, slot), 0);
      if (k < 6) delays[k % 3] += x;
      else if (k === 6) grid = x;
      else if (k === 7) st.pue0 = Math.max(x, 1);
      else st.wue0 = x;
    }
    const accel = f32(delays[0] * sc[at + 5]);
    st.commissionOffset = f32(st.plannedOffset + Math.max(Math.max(accel, delays[1]), Math.max(delays[2], grid)));
    return st;
  }

  climate(d: Draw, r: number, y: number): Climate {
    const at = GLOBAL_SIZE + r * REGION_STRIDE;
    const stream = (S_REGION_YEAR | r) >>> 0;
    const copula = this.copula;
    const correlated = copula.on(GROUP_CLIMATE);
    if (correlated) copula.correlateGroup(d, GROUP_CLIMATE, 5, stream, y);
    const uHeatwave = correlated ? copula.u[0] : uniformAt(d.key0, d.key1, d.index, stream, y * 8);
    const uDrought = correlated ? copula.u[1] : uniformAt(d.key0, d.key1, d.index, stream, y * 8 + 3);
    const heatwave = uHeatwave < Math.min(f32(this.scenario[at + R_HEATWAVE_P] * this.knob(d, 3)), 1);
    const c = this.c;
    c.pueFactor = 1;
    c.wueFactor = 1;
    c.allowance = 1;
    c.drought = uDrought < this.scenario[at + R_DROUGHT_P];
    for (let k = 0; k < 3; k++) {
      if ((k < 2 && !heatwave) || (k === 2 && !c.drought)) continue;
      const field = k < 2 ? (k === 0 ? R_HW_PUE : R_HW_WUE) : R_DROUGHT_ALLOWANCE;
      const x = correlated ? copula.distAtU(at + field, copula.u[k + 2]) : this.distAt(at + field, d, stream, y * 8 + (k < 2 ? k + 1 : 4));
      if (k === 0) c.pueFactor = f32(1 + Math.max(x, 0));
      else if (k === 1) c.wueFactor = f32(1 + Math.max(x, 0));
      else c.allowance = Math.min(Math.max(f32(1 - f32(this.knob(d, 2) * f32(1 - x))), 0), 1);
    }
    return c;
  }

  growthFactor(d: Draw, y: number): number {
    return f32(Math.pow(f32(1 + f32(this.knob(d, 0) * 0.01)), y));
  }

  pueIn(d: Draw, st: SiteState, y: number, c: Climate): number {
    const trend = f32(Math.pow(Math.max(f32(1 - f32(this.knob(d, 7) * 0.01)), 0), y));
    return f32(f32(1 + f32(f32(st.pue0 - 1) * trend)) * c.pueFactor);
  }

  sumOutageDays(d: Draw, s: number, y: number): number {
    const stream = (S_SITE_CYBER | s) >>> 0;
    const rate = f32(this.scenario[G_CYBER_RATE] * this.knob(d, 4));
    const u = uniformAt(d.key0, d.key1, d.index, stream, y * 32);
    const n = Math.min(samplePoisson(rate, f32(Math.exp(-rate)), u) >>> 0, MAX_OUTAGES);
    let days = 0;
    for (let i = 0; i < n; i++) days = f32(days + Math.max(this.distAt(G_CYBER_OUTAGE, d, stream, y * 32 + 1 + i), 0));
    return Math.min(days, 365);
  }

  /** Phase 1's end: region-year demand (MW) becomes the share the grid serves; peak stress recorded. */
  regionShares(d: Draw): void {
    const { nRegions, nYears } = this.shape;
    const ry = this.regionYear;
    const grid = this.grid;
    for (let r = 0; r < nRegions; r++) {
      const at = GLOBAL_SIZE + r * REGION_STRIDE;
      const stream = (S_REGION | r) >>> 0;
      const correlated = this.copula.on(GROUP_REGION);
      if (correlated) this.copula.correlateGroup(d, GROUP_REGION, 2, stream, 0);
      for (let k = 0; k < 2; k++) {
        const off = at + (k === 0 ? R_HEADROOM : R_GROWTH);
        grid[k] = correlated ? this.copula.distAtU(off, this.copula.u[k]) : this.distAt(off, d, stream, k);
      }
      const headroom0 = Math.max(grid[0], 0);
      const growth = f32(grid[1] * this.knob(d, 1));
      let stress = 0;
      for (let y = 0; y < nYears; y++) {
        const i = r * MAX_YEARS + y;
        const demandMW = ry[i];
        const headroomMW = Math.max(f32(headroom0 + f32(growth * y)), 0);
        let share = 1;
        if (demandMW > headroomMW) share = f32(headroomMW / demandMW);
        if (demandMW > 0) stress = Math.max(stress, headroomMW > 0 ? Math.min(f32(demandMW / headroomMW), STRESS_CAP) : STRESS_CAP);
        ry[i] = share;
      }
      this.seriesValues[6 + 2 * nYears + r] = stress;
    }
  }

  /** Phase 1 for one site-year: its facility demand (MW) adds to its region's. */
  addRegionDemand(d: Draw, st: SiteState, y: number, c: Climate): void {
    const itMW = f32(f32(st.itLoadMW * this.growthFactor(d, y)) * onlineShare(y, st.commissionOffset, st.rampYears));
    this.regionYear[st.region * MAX_YEARS + y] += f32(itMW * this.pueIn(d, st, y, c));
  }

  siteYear(d: Draw, s: number, st: SiteState, y: number, c: Climate): SiteYear {
    const growth = this.growthFactor(d, y);
    const loadMW = f32(st.itLoadMW * growth);
    const plannedMW = f32(loadMW * onlineShare(y, st.plannedOffset, st.rampYears));
    const demandMW = f32(loadMW * onlineShare(y, st.commissionOffset, st.rampYears));
    const pue = this.pueIn(d, st, y, c);
    const gridShare = this.regionYear[st.region * MAX_YEARS + y];
    const servedMW = f32(demandMW * gridShare);
    const needML = f32(f32(f32(f32(servedMW * HOURS_PER_YEAR) * st.wue0) * c.wueFactor) * f32(0.001));
    let waterShare = 1;
    if (c.drought) {
      const permitML = f32(f32(f32(loadMW * HOURS_PER_YEAR) * this.scenario[G_WUE_NOMINAL + st.designCooling]) * f32(0.001));
      const allowedML = f32(c.allowance * permitML);
      if (needML > allowedML) waterShare = f32(allowedML / needML);
    }
    const runningMW = f32(servedMW * waterShare);
    const outageShare = f32(this.sumOutageDays(d, s, y) / 365);
    const deliveredMW = f32(runningMW * f32(1 - outageShare));
    const demandedMWh = f32(f32(demandMW * pue) * HOURS_PER_YEAR);
    const servedMWh = f32(f32(deliveredMW * pue) * HOURS_PER_YEAR);
    const v = this.seriesValues;
    const nYears = this.shape.nYears;
    v[0] += demandedMWh;
    v[1] += servedMWh;
    v[2] += f32(f32(f32(demandMW * pue) * f32(1 - gridShare)) * HOURS_PER_YEAR);
    v[3] += f32(needML * waterShare);
    v[4] += f32(needML * f32(1 - waterShare));
    v[5] += f32(f32(runningMW * outageShare) * HOURS_PER_YEAR);
    v[6 + y] += demandedMWh;
    v[6 + nYears + y] += servedMWh;
    this.out.plannedMW = plannedMW;
    this.out.deliveredMW = deliveredMW;
    return this.out;
  }
}

/** Annual-average online share of a site commissioned at `start` (years from startYear). */
export function onlineShare(y: number, start: number, rampYears: number): number {
  const t = f32(y + 0.5 - start);
  if (rampYears <= 0) return t >= 0 ? 1 : 0;
  return Math.min(Math.max(f32(t / rampYears), 0), 1);
}
