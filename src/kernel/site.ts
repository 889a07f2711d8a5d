// A site's state in one draw: whether it proceeds, its delays, its cooling, PUE and WUE, its
// on-site generation and its flexible connection. Mirrors shaders/site.wgsl function by function
// (same names, same order of random draws); the equations are in docs/model.md ("Proceeding",
// "On-site generation", "Flexible connection", "Commissioning"). DrawModel (model.ts) extends it with the rest of the draw.
import * as C from './contract';
import { sampleDist, uniformAt } from './distributions';
import type { Draw } from './common';
import { CopulaDraw } from './copula';

const { N_SUPPLY, SUPPLY_GENERATION } = C;
const f32 = Math.fround;

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
  /** When the grid part is commissioned (years from startYear). */
  commissionOffset: number;
  rampYears: number;
  cooling: number;
  designCooling: number;
  pue0: number;
  wue0: number;
  /** The grid part's binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE. */
  delayCause: number;
  /** Share of the site built: 1 or 0 for a named site (it proceeds or not), the expected share for an aggregate. */
  builtShare: number;
  /** Share of the site's load its on-site plant carries (0 without one). */
  genShare: number;
  /** When the on-site part is commissioned. */
  genOffset: number;
  /** The on-site part's binding delay: a supply item's cause, or CAUSE_ONSITE_GENERATION. */
  genDelayCause: number;
  /** Share of the year the on-site plant is available (1 without one). */
  genAvailability: number;
  /** Share of the grid part's served energy curtailed under a flexible connection (0 without one). */
  flexCurtailedShare: number;
}

/** Indices of the per-site sample loop (siteState): grid queue, on-site generation, flexible connection. */
const K_GRID = 2 * N_SUPPLY;
const K_GEN = K_GRID + 3;
const K_FLEX = K_GEN + 3;
const K_END = K_FLEX + 2;

export class SiteModel {
  protected readonly copula: CopulaDraw;
  private readonly delays = new Float32Array(N_SUPPLY);
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
    genShare: 0,
    genOffset: 0,
    genDelayCause: 0,
    genAvailability: 1,
    flexCurtailedShare: 0,
  };

  constructor(
    protected readonly scenario: Float32Array,
    protected readonly knobs: Float32Array,
    protected readonly shape: ModelShape,
  ) {
    this.copula = new CopulaDraw(scenario);
  }

  protected distAt(off: number, d: Draw, stream: number, slot: number): number {
    const sc = this.scenario;
    return sampleDist(sc[off], sc[off + 1], sc[off + 2], sc[off + 3], sc[off + 4], d.key0, d.key1, d.index, stream, slot);
  }

  protected chance(d: Draw, stream: number, slot: number, p: number): boolean {
    return uniformAt(d.key0, d.key1, d.index, stream, slot) < p;
  }

  protected knob(d: Draw, i: number): number {
    return this.knobs[d.knob + i];
  }

  /** The scope's stream of supply record `item`'s shock: one draw for all sites, per region, or per site. */
  private shockStream(item: number, site: number, region: number): number {
    const scope = this.scenario[C.G_SUPPLY + item * C.SUPPLY_STRIDE + C.SUPPLY_SCOPE];
    if (scope === C.SCOPE_REGION) return (C.S_REGION_SHOCK | region) >>> 0;
    if (scope === C.SCOPE_SITE) return (C.S_SITE | site) >>> 0;
    return C.S_GLOBAL;
  }

  /** The accelerator shock probability is a knob; the others come from the scenario. */
  private shockProbability(d: Draw, item: number): number {
    return item === C.SUPPLY_ACCELERATORS
      ? this.knob(d, C.K_CHIP_SHOCK)
      : this.scenario[C.G_SUPPLY + item * C.SUPPLY_STRIDE + C.SUPPLY_SHOCK_P];
  }

  /**
   * k: [0, N_SUPPLY) ordinary supply delays, then their shock delays, grid queue, PUE, WUE, then
   * on-site generation: the equipment's delay, its shock delay and the plant's availability, then
   * the flexible connection: the years it takes off the grid queue and its curtailed share.
   */
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
    const generating = sc[at + C.SITE_GEN_CAPACITY] > 0;
    const flexible = sc[at + C.SITE_FLEXIBLE] > 0.5;
    const stream = (C.S_SITE | s) >>> 0;
    st.builtShare = delayable ? this.builtShare(d, stream, sc[at + C.SITE_PROCEED_P], sc[at + C.SITE_AGGREGATE] > 0.5) : 1;
    st.cooling = st.designCooling;
    if (st.cooling === C.COOLING_EVAPORATIVE && this.chance(d, stream, C.SLOT_MIX_SHIFT, this.knob(d, C.K_COOLING_MIX)))
      st.cooling = C.COOLING_LIQUID;
    const copula = this.copula;
    const correlated = copula.on(C.GROUP_SITE);
    if (correlated) copula.correlateGroup(d, C.GROUP_SITE, C.SITE_MEMBERS, stream, 0);
    const delays = this.delays.fill(0);
    let grid = 0;
    let genDelay = 0;
    let earlier = 0;
    st.genAvailability = 1;
    st.flexCurtailedShare = 0;
    for (let k = 0; k < K_END; k++) {
      let off: number;
      let str = stream;
      let slot: number;
      let enabled = delayable;
      if (k < N_SUPPLY) {
        off = C.G_SUPPLY + k * C.SUPPLY_STRIDE + C.SUPPLY_DELAY;
        slot = C.SLOT_DELAY0 + k;
      } else if (k < K_GRID || k === K_GEN + 1) {
        const item = k < K_GRID ? k - N_SUPPLY : SUPPLY_GENERATION;
        off = C.G_SUPPLY + item * C.SUPPLY_STRIDE + C.SUPPLY_SHOCK_DELAY;
        str = this.shockStream(item, s, st.region);
        slot = C.SLOT_SHOCK_DELAY0 + item;
        enabled = delayable && (k < K_GRID || generating) && this.chance(d, str, C.SLOT_SHOCK0 + item, this.shockProbability(d, item));
      } else if (k === K_GRID) {
        off = C.GLOBAL_SIZE + st.region * C.REGION_STRIDE + C.R_CONN_DELAY;
        slot = C.SLOT_GRID_DELAY;
      } else if (k < K_GEN) {
        off = C.G_COOLING + (st.cooling * 2 + k - K_GRID - 1) * C.DIST_STRIDE;
        slot = C.SLOT_PUE + k - K_GRID - 1;
        enabled = true;
      } else if (k < K_FLEX) {
        const delay = k === K_GEN;
        off = at + (delay ? C.SITE_GEN_DELAY : C.SITE_GEN_AVAILABILITY);
        slot = delay ? C.SLOT_GEN_DELAY : C.SLOT_GEN_AVAILABILITY;
        enabled = generating && (delayable || !delay);
      } else {
        // An operating site has no queue left to shorten; its curtailment still applies.
        const gain = k === K_FLEX;
        off = at + (gain ? C.SITE_FLEX_EARLIER : C.SITE_FLEX_CURTAILED);
        slot = gain ? C.SLOT_FLEX_EARLIER : C.SLOT_FLEX_CURTAILED;
        enabled = flexible && (delayable || !gain);
      }
      if (!enabled) continue;
      // Members of the site group: the ordinary delays, then grid queue, PUE, WUE; shock delays,
      // on-site generation and the flexible connection stay independent.
      const member = correlated && (k < N_SUPPLY || (k >= K_GRID && k < K_GEN));
      const x = Math.max(member ? copula.distAtU(off, copula.u[k < N_SUPPLY ? k : k - N_SUPPLY]) : this.distAt(off, d, str, slot), 0);
      if (k < K_GRID) delays[k % N_SUPPLY] += x;
      else if (k === K_GRID) grid = x;
      else if (k === K_GRID + 1) st.pue0 = Math.max(x, 1);
      else if (k === K_GRID + 2) st.wue0 = x;
      else if (k < K_GEN + 2) genDelay = f32(genDelay + x);
      else if (k < K_FLEX) st.genAvailability = Math.min(x, 1);
      else if (k === K_FLEX) earlier = x;
      else st.flexCurtailedShare = Math.min(x, 1);
    }
    // The flexible connection's earlier connection: years off the queue, never below none.
    grid = Math.max(f32(grid - earlier), 0);
    const accel = f32(delays[0] * sc[at + C.SITE_IMPORT_SHARE]);
    const slowest = Math.max(Math.max(accel, delays[1]), Math.max(delays[2], grid));
    st.commissionOffset = f32(st.plannedOffset + slowest);
    st.delayCause = this.bindingDelay(accel, slowest, C.CAUSE_GRID_QUEUE);
    const genSlowest = Math.max(Math.max(accel, delays[1]), Math.max(delays[2], genDelay));
    st.genOffset = f32(st.plannedOffset + genSlowest);
    st.genDelayCause = this.bindingDelay(accel, genSlowest, C.CAUSE_ONSITE_GENERATION);
    st.genShare = generating ? Math.min(f32(sc[at + C.SITE_GEN_CAPACITY] / f32(st.itLoadMW * st.pue0)), 1) : 0;
    return st;
  }

  /**
   * The cause of the first delay, in CAUSES order, that equals the slowest: accelerators,
   * transformers, cooling plant, else the part's own (the grid queue or the generation equipment).
   */
  private bindingDelay(accel: number, slowest: number, ownCause: number): number {
    const d = this.delays;
    if (accel === slowest) return C.CAUSE_ACCELERATORS;
    if (d[1] === slowest) return C.CAUSE_ACCELERATORS + 1;
    if (d[2] === slowest) return C.CAUSE_ACCELERATORS + 2;
    return ownCause;
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
}
