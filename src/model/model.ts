// The per-draw model: one Monte Carlo draw of every site-year. Mirrors shaders/model.wgsl
// function by function (same names, same order of random draws); equations in docs/model.md.
// Values are stored in Float32Arrays where the shader keeps f32 so both round alike.
import { sampleDist, uniformAt } from '../rng/distributions';
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

interface SiteState {
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

interface Climate {
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

  constructor(
    private readonly scenario: Float32Array,
    private readonly knobs: Float32Array,
    private readonly shape: ModelShape,
  ) {}

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

  private shockDelay(d: Draw, item: number, site: number, region: number): number {
    const at = G_SUPPLY + item * SUPPLY_STRIDE;
    const p = item === 0 ? this.knob(d, 5) : this.scenario[at + 10];
    const scope = this.scenario[at + 11];
    let stream = S_GLOBAL;
    if (scope === 1) stream = (S_REGION_SHOCK | region) >>> 0;
    if (scope === 2) stream = (S_SITE | site) >>> 0;
    if (!this.chance(d, stream, 16 + item, p)) return 0;
    return Math.max(this.distAt(at + DIST, d, stream, 20 + item), 0);
  }

  siteState(d: Draw, s: number): SiteState {
    const sc = this.scenario;
    const at = this.shape.sitesOffset + s * SITE_STRIDE;
    const st = this.st;
    st.region = sc[at];
    st.itLoadMW = sc[at + 1];
    st.plannedOffset = sc[at + 2];
    st.rampYears = sc[at + 3];
    st.designCooling = sc[at + 4];
    const stream = (S_SITE | s) >>> 0;
    let delay = 0;
    if (sc[at + 6] > 0.5) {
      const accel = f32(f32(Math.max(this.distAt(G_SUPPLY, d, stream, 0), 0) + this.shockDelay(d, 0, s, st.region)) * sc[at + 5]);
      const transformer = f32(Math.max(this.distAt(G_SUPPLY + SUPPLY_STRIDE, d, stream, 1), 0) + this.shockDelay(d, 1, s, st.region));
      const plant = f32(Math.max(this.distAt(G_SUPPLY + 2 * SUPPLY_STRIDE, d, stream, 2), 0) + this.shockDelay(d, 2, s, st.region));
      const grid = Math.max(this.distAt(GLOBAL_SIZE + st.region * REGION_STRIDE + R_CONN_DELAY, d, stream, 3), 0);
      delay = Math.max(Math.max(accel, transformer), Math.max(plant, grid));
    }
    st.commissionOffset = f32(st.plannedOffset + delay);
    st.cooling = st.designCooling;
    if (st.cooling === 0 && this.chance(d, stream, 12, this.knob(d, 6))) st.cooling = 1;
    st.pue0 = Math.max(this.distAt(G_COOLING + st.cooling * 2 * DIST, d, stream, 13), 1);
    st.wue0 = Math.max(this.distAt(G_COOLING + (st.cooling * 2 + 1) * DIST, d, stream, 14), 0);
    return st;
  }

  climate(d: Draw, r: number, y: number): Climate {
    const at = GLOBAL_SIZE + r * REGION_STRIDE;
    const stream = (S_REGION_YEAR | r) >>> 0;
    const c = this.c;
    c.pueFactor = 1;
    c.wueFactor = 1;
    c.allowance = 1;
    c.drought = false;
    if (this.chance(d, stream, y * 8, Math.min(f32(this.scenario[at + R_HEATWAVE_P] * this.knob(d, 3)), 1))) {
      c.pueFactor = f32(1 + Math.max(this.distAt(at + R_HW_PUE, d, stream, y * 8 + 1), 0));
      c.wueFactor = f32(1 + Math.max(this.distAt(at + R_HW_WUE, d, stream, y * 8 + 2), 0));
    }
    if (this.chance(d, stream, y * 8 + 3, this.scenario[at + R_DROUGHT_P])) {
      const allowance = this.distAt(at + R_DROUGHT_ALLOWANCE, d, stream, y * 8 + 4);
      c.allowance = Math.min(Math.max(f32(1 - f32(this.knob(d, 2) * f32(1 - allowance))), 0), 1);
      c.drought = true;
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
    const n = Math.min(sampleDist(7, rate, f32(Math.exp(-rate)), 0, 0, d.key0, d.key1, d.index, stream, y * 32) >>> 0, MAX_OUTAGES);
    let days = 0;
    for (let i = 0; i < n; i++) days = f32(days + Math.max(this.distAt(G_CYBER_OUTAGE, d, stream, y * 32 + 1 + i), 0));
    return Math.min(days, 365);
  }

  regionGridShares(d: Draw): void {
    const { nSites, nRegions, nYears } = this.shape;
    const ry = this.regionYear;
    ry.fill(0, 0, nRegions * MAX_YEARS);
    for (let s = 0; s < nSites; s++) {
      const st = this.siteState(d, s);
      for (let y = 0; y < nYears; y++) {
        const c = this.climate(d, st.region, y);
        const itMW = f32(f32(st.itLoadMW * this.growthFactor(d, y)) * onlineShare(y, st.commissionOffset, st.rampYears));
        ry[st.region * MAX_YEARS + y] += f32(itMW * this.pueIn(d, st, y, c));
      }
    }
    for (let r = 0; r < nRegions; r++) {
      const at = GLOBAL_SIZE + r * REGION_STRIDE;
      const stream = (S_REGION | r) >>> 0;
      const headroom0 = Math.max(this.distAt(at + R_HEADROOM, d, stream, 0), 0);
      const growth = f32(this.distAt(at + R_GROWTH, d, stream, 1) * this.knob(d, 1));
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

  siteYear(d: Draw, s: number, st: SiteState, y: number): SiteYear {
    const c = this.climate(d, st.region, y);
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
