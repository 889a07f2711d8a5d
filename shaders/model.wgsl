// The per-draw model: one Monte Carlo draw of every site-year. A library for simulate.wgsl,
// which declares the bindings it reads (params, scenario, knobs). Mirrored function by function
// by src/model/model.ts; the equations are in docs/model.md.

const MAX_REGIONS: u32 = 32u;
const MAX_YEARS: u32 = 16u;
const MAX_SERIES: u32 = 70u; // 6 headline + 2 × MAX_YEARS + MAX_REGIONS
const DIST: u32 = 5u;
const G_COOLING: u32 = 0u;
const G_SUPPLY: u32 = 30u;
const SUPPLY_STRIDE: u32 = 12u;
const G_CYBER_RATE: u32 = 66u;
const G_CYBER_OUTAGE: u32 = 67u;
const G_MISS_TOLERANCE: u32 = 72u;
const G_WUE_NOMINAL: u32 = 73u;
const GLOBAL_SIZE: u32 = 192u;
const REGION_STRIDE: u32 = 32u;
const R_HEADROOM: u32 = 0u;
const R_GROWTH: u32 = 5u;
const R_CONN_DELAY: u32 = 10u;
const R_HW_PUE: u32 = 15u;
const R_HW_WUE: u32 = 20u;
const R_DROUGHT_ALLOWANCE: u32 = 25u;
const R_HEATWAVE_P: u32 = 30u;
const R_DROUGHT_P: u32 = 31u;
const SITE_STRIDE: u32 = 8u;
const HOURS_PER_YEAR: f32 = 8760.0;
const STRESS_CAP: f32 = 10.0;
const MAX_OUTAGES: u32 = 16u;
// Stream kinds: the high byte of the stream word; the low bytes name the entity.
const S_GLOBAL: u32 = 0x01000000u;
const S_SITE: u32 = 0x02000000u;
const S_REGION: u32 = 0x03000000u;
const S_REGION_SHOCK: u32 = 0x04000000u;
const S_REGION_YEAR: u32 = 0x05000000u;
const S_SITE_CYBER: u32 = 0x06000000u;

struct Draw {
  key: vec2<u32>,
  index: u32,
  knob: u32, // offset of this parameter set's knobs
}

struct SiteState {
  region: u32,
  itLoadMW: f32,
  plannedOffset: f32,
  commissionOffset: f32,
  rampYears: f32,
  cooling: u32,
  designCooling: u32,
  pue0: f32,
  wue0: f32,
}

struct Climate {
  pueFactor: f32,
  wueFactor: f32,
  // Share of the water permit left this year: 1 when there is no drought.
  allowance: f32,
  drought: bool,
}

fn distAt(off: u32, d: Draw, stream: u32, slot: u32) -> f32 {
  return sampleDist(u32(scenario[off]), scenario[off + 1u], scenario[off + 2u], scenario[off + 3u], scenario[off + 4u],
                    d.key.x, d.key.y, d.index, stream, slot);
}

fn chance(d: Draw, stream: u32, slot: u32, p: f32) -> bool {
  return uniformAt(d.key.x, d.key.y, d.index, stream, slot) < p;
}

fn knob(d: Draw, i: u32) -> f32 {
  return knobs[d.knob + i];
}

// The scope's stream of supply item `item`'s rare shock: one draw for all sites, per region, or per site.
fn shockStream(item: u32, site: u32, region: u32) -> u32 {
  let scope = u32(scenario[G_SUPPLY + item * SUPPLY_STRIDE + 11u]);
  if (scope == 1u) { return S_REGION_SHOCK | region; }
  if (scope == 2u) { return S_SITE | site; }
  return S_GLOBAL;
}

// The accelerator shock probability is a scenario knob; the others come from the scenario.
fn shockProbability(d: Draw, item: u32) -> f32 {
  return select(scenario[G_SUPPLY + item * SUPPLY_STRIDE + 10u], knob(d, 5u), item == 0u);
}

// All per-site samples come from one call site in a loop: WGSL inlines every call, and each
// inlined sampler costs seconds of pipeline compilation on SwiftShader.
// k: 0–2 ordinary delays of accelerators, transformers, cooling plant; 3–5 their shock delays;
// 6 the grid-connection queue; 7 PUE; 8 WUE.
fn siteState(d: Draw, s: u32) -> SiteState {
  let at = params.sitesOffset + s * SITE_STRIDE;
  var st: SiteState;
  st.region = u32(scenario[at]);
  st.itLoadMW = scenario[at + 1u];
  st.plannedOffset = scenario[at + 2u];
  st.rampYears = scenario[at + 3u];
  st.designCooling = u32(scenario[at + 4u]);
  let delayable = scenario[at + 6u] > 0.5;
  let stream = S_SITE | s;
  // Cooling-mix shift: an evaporative design is built closed-loop liquid instead.
  st.cooling = st.designCooling;
  if (st.cooling == 0u && chance(d, stream, 12u, knob(d, 6u))) { st.cooling = 1u; }
  let correlated = copulaOn(GROUP_SITE);
  if (correlated) { correlateGroup(d, GROUP_SITE, 6u, stream, 0u); }
  var delays = vec3<f32>(0.0);
  var grid = 0.0;
  for (var k = 0u; k < 9u; k++) {
    var off: u32;
    var str = stream;
    var slot: u32;
    var enabled = delayable;
    if (k < 3u) {
      off = G_SUPPLY + k * SUPPLY_STRIDE;
      slot = k;
    } else if (k < 6u) {
      off = G_SUPPLY + (k - 3u) * SUPPLY_STRIDE + DIST;
      str = shockStream(k - 3u, s, st.region);
      slot = 17u + k;
      enabled = delayable && chance(d, str, 13u + k, shockProbability(d, k - 3u));
    } else if (k == 6u) {
      off = GLOBAL_SIZE + st.region * REGION_STRIDE + R_CONN_DELAY;
      slot = 3u;
    } else {
      off = G_COOLING + (st.cooling * 2u + k - 7u) * DIST;
      slot = k + 6u;
      enabled = true;
    }
    if (!enabled) { continue; }
    var x: f32;
    // Members of the site group: k 0–2 (ordinary delays) and 6–8; shock delays stay independent.
    if (correlated && (k < 3u || k >= 6u)) {
      x = distAtU(off, copulaU[select(k - 3u, k, k < 3u)]);
    } else {
      x = distAt(off, d, str, slot);
    }
    x = max(x, 0.0);
    if (k < 6u) {
      delays[k % 3u] += x;
    } else if (k == 6u) {
      grid = x;
    } else if (k == 7u) {
      st.pue0 = max(x, 1.0);
    } else {
      st.wue0 = x;
    }
  }
  let accel = delays.x * scenario[at + 5u];
  st.commissionOffset = st.plannedOffset + max(max(accel, delays.y), max(delays.z, grid));
  return st;
}

// Heatwave and drought of a region-year; its three samples share one call site (see siteState).
fn climate(d: Draw, r: u32, y: u32) -> Climate {
  let at = GLOBAL_SIZE + r * REGION_STRIDE;
  let stream = S_REGION_YEAR | r;
  let correlated = copulaOn(GROUP_CLIMATE);
  if (correlated) { correlateGroup(d, GROUP_CLIMATE, 5u, stream, y); }
  let uHeatwave = select(uniformAt(d.key.x, d.key.y, d.index, stream, y * 8u), copulaU[0], correlated);
  let uDrought = select(uniformAt(d.key.x, d.key.y, d.index, stream, y * 8u + 3u), copulaU[1], correlated);
  let heatwave = uHeatwave < min(scenario[at + R_HEATWAVE_P] * knob(d, 3u), 1.0);
  var c = Climate(1.0, 1.0, 1.0, uDrought < scenario[at + R_DROUGHT_P]);
  for (var k = 0u; k < 3u; k++) {
    if ((k < 2u && !heatwave) || (k == 2u && !c.drought)) { continue; }
    let field = select(R_DROUGHT_ALLOWANCE, select(R_HW_WUE, R_HW_PUE, k == 0u), k < 2u);
    var x: f32;
    if (correlated) {
      x = distAtU(at + field, copulaU[k + 2u]);
    } else {
      x = distAt(at + field, d, stream, y * 8u + select(4u, k + 1u, k < 2u));
    }
    if (k == 0u) {
      c.pueFactor = 1.0 + max(x, 0.0);
    } else if (k == 1u) {
      c.wueFactor = 1.0 + max(x, 0.0);
    } else {
      c.allowance = clamp(1.0 - knob(d, 2u) * (1.0 - x), 0.0, 1.0);
    }
  }
  return c;
}

// Annual-average online share of a site commissioned at `start` (years from startYear).
fn onlineShare(y: u32, start: f32, rampYears: f32) -> f32 {
  let t = f32(y) + 0.5 - start;
  if (rampYears <= 0.0) { return select(0.0, 1.0, t >= 0.0); }
  return clamp(t / rampYears, 0.0, 1.0);
}

fn growthFactor(d: Draw, y: u32) -> f32 {
  return pow(1.0 + knob(d, 0u) * 0.01, f32(y));
}

fn pueIn(d: Draw, st: SiteState, y: u32, c: Climate) -> f32 {
  let trend = pow(max(1.0 - knob(d, 7u) * 0.01, 0.0), f32(y));
  return (1.0 + (st.pue0 - 1.0) * trend) * c.pueFactor;
}

fn sumOutageDays(d: Draw, s: u32, y: u32) -> f32 {
  let stream = S_SITE_CYBER | s;
  let rate = scenario[G_CYBER_RATE] * knob(d, 4u);
  let u = uniformAt(d.key.x, d.key.y, d.index, stream, y * 32u);
  let n = min(u32(samplePoisson(rate, exp(-rate), u)), MAX_OUTAGES);
  var days = 0.0;
  for (var i = 0u; i < n; i++) {
    days += max(distAt(G_CYBER_OUTAGE, d, stream, y * 32u + 1u + i), 0.0);
  }
  return min(days, 365.0);
}

// Per-draw totals of every series, in layout.ts order.
var<private> seriesValues: array<f32, MAX_SERIES>;
// Demand (MW) per region-year during phase 1, then the share of it the grid serves.
var<private> regionYear: array<f32, 512>;

// Phase 1's end: regionYear holds each region-year's demand (MW); replace it with the share of
// that demand the grid's headroom can serve, and record each region's peak stress.
fn regionShares(d: Draw) {
  for (var r = 0u; r < params.nRegions; r++) {
    let at = GLOBAL_SIZE + r * REGION_STRIDE;
    var grid = vec2<f32>(0.0); // headroom in startYear (MW), its growth (MW/yr)
    let correlated = copulaOn(GROUP_REGION);
    if (correlated) { correlateGroup(d, GROUP_REGION, 2u, S_REGION | r, 0u); }
    for (var k = 0u; k < 2u; k++) {
      let off = at + select(R_GROWTH, R_HEADROOM, k == 0u);
      if (correlated) {
        grid[k] = distAtU(off, copulaU[k]);
      } else {
        grid[k] = distAt(off, d, S_REGION | r, k);
      }
    }
    let headroom0 = max(grid.x, 0.0);
    let growth = grid.y * knob(d, 1u);
    var stress = 0.0;
    for (var y = 0u; y < params.nYears; y++) {
      let i = r * MAX_YEARS + y;
      let demandMW = regionYear[i];
      let headroomMW = max(headroom0 + growth * f32(y), 0.0);
      var share = 1.0;
      if (demandMW > headroomMW) { share = headroomMW / demandMW; }
      if (demandMW > 0.0) { stress = max(stress, select(STRESS_CAP, min(demandMW / headroomMW, STRESS_CAP), headroomMW > 0.0)); }
      regionYear[i] = share;
    }
    seriesValues[6u + 2u * params.nYears + r] = stress;
  }
}

// Phase 1 for one site-year: its facility demand (MW) adds to its region's.
fn addRegionDemand(d: Draw, st: SiteState, y: u32, c: Climate) {
  let itMW = st.itLoadMW * growthFactor(d, y) * onlineShare(y, st.commissionOffset, st.rampYears);
  regionYear[st.region * MAX_YEARS + y] += itMW * pueIn(d, st, y, c);
}

struct SiteYear {
  plannedMW: f32,
  deliveredMW: f32,
}

// Phase 2 for one site-year: grid curtailment, drought throttling, cyber outages.
fn siteYear(d: Draw, s: u32, st: SiteState, y: u32, c: Climate) -> SiteYear {
  let growth = growthFactor(d, y);
  let plannedMW = st.itLoadMW * growth * onlineShare(y, st.plannedOffset, st.rampYears);
  let demandMW = st.itLoadMW * growth * onlineShare(y, st.commissionOffset, st.rampYears);
  let pue = pueIn(d, st, y, c);
  let gridShare = regionYear[st.region * MAX_YEARS + y];
  let servedMW = demandMW * gridShare;
  let needML = servedMW * HOURS_PER_YEAR * st.wue0 * c.wueFactor * 0.001;
  var waterShare = 1.0;
  if (c.drought) {
    let permitML = st.itLoadMW * growth * HOURS_PER_YEAR * scenario[G_WUE_NOMINAL + st.designCooling] * 0.001;
    let allowedML = c.allowance * permitML;
    if (needML > allowedML) { waterShare = allowedML / needML; }
  }
  let runningMW = servedMW * waterShare;
  let outageShare = sumOutageDays(d, s, y) / 365.0;
  let deliveredMW = runningMW * (1.0 - outageShare);
  let demandedMWh = demandMW * pue * HOURS_PER_YEAR;
  let servedMWh = deliveredMW * pue * HOURS_PER_YEAR;
  seriesValues[0] += demandedMWh;
  seriesValues[1] += servedMWh;
  seriesValues[2] += demandMW * pue * (1.0 - gridShare) * HOURS_PER_YEAR;
  seriesValues[3] += needML * waterShare;
  seriesValues[4] += needML * (1.0 - waterShare);
  seriesValues[5] += runningMW * outageShare * HOURS_PER_YEAR;
  seriesValues[6u + y] += demandedMWh;
  seriesValues[6u + params.nYears + y] += servedMWh;
  return SiteYear(plannedMW, deliveredMW);
}

