// The per-draw model: one Monte Carlo draw of every site-year. A library for simulate.wgsl,
// which declares the bindings it reads (params, scenario, knobs). Mirrored function by function
// by src/kernel/model.ts; the equations are in docs/model.md. Offsets, slots and knob indices
// come from the generated prelude (src/kernel/contract.ts).

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
  // The binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE.
  delayCause: u32,
  // Share of the site built: 1 or 0 for a named site (it proceeds or not), the expected share
  // for an aggregate.
  builtShare: f32,
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

// An event of probability p, drawn by inverse CDF at u: it happens when u > 1 − p, so a high
// (copula-correlated) uniform means both the event and high values of its partners.
fn eventAt(u: f32, p: f32) -> bool {
  return u > 1.0 - p;
}

fn knob(d: Draw, i: u32) -> f32 {
  return knobs[d.knob + i];
}

// The scope's stream of supply item `item`'s rare shock: one draw for all sites, per region, or per site.
fn shockStream(item: u32, site: u32, region: u32) -> u32 {
  let scope = u32(scenario[G_SUPPLY + item * SUPPLY_STRIDE + SUPPLY_SCOPE]);
  if (scope == SCOPE_REGION) { return S_REGION_SHOCK | region; }
  if (scope == SCOPE_SITE) { return S_SITE | site; }
  return S_GLOBAL;
}

// The accelerator shock probability is a scenario knob; the others come from the scenario.
fn shockProbability(d: Draw, item: u32) -> f32 {
  return select(scenario[G_SUPPLY + item * SUPPLY_STRIDE + SUPPLY_SHOCK_P], knob(d, K_CHIP_SHOCK), item == SUPPLY_ACCELERATORS);
}

// A non-operating site's built share: its status's proceed probability scaled by the real-queue
// knob, clamped to [0, 1]; a named site proceeds (1) or not (0) by one uniform, an aggregate
// keeps the probability as its expected share (docs/model.md, "Proceeding").
fn builtShare(d: Draw, stream: u32, proceedP: f32, aggregate: bool) -> f32 {
  let p = clamp(proceedP * knob(d, K_REAL_QUEUE), 0.0, 1.0);
  if (aggregate) { return p; }
  return select(0.0, 1.0, chance(d, stream, SLOT_PROCEED, p));
}

// All per-site samples come from one call site in a loop: WGSL inlines every call, and each
// inlined sampler costs seconds of pipeline compilation on SwiftShader.
// k: [0, N_SUPPLY) ordinary delays of accelerators, transformers, cooling plant; then their
// shock delays; then the grid-connection queue, PUE and WUE.
fn siteState(d: Draw, s: u32) -> SiteState {
  let at = params.sitesOffset + s * SITE_STRIDE;
  var st: SiteState;
  st.region = u32(scenario[at + SITE_REGION]);
  st.itLoadMW = scenario[at + SITE_LOAD];
  st.plannedOffset = scenario[at + SITE_PLANNED];
  st.rampYears = scenario[at + SITE_RAMP];
  st.designCooling = u32(scenario[at + SITE_COOLING]);
  let delayable = scenario[at + SITE_DELAYABLE] > 0.5;
  let stream = S_SITE | s;
  st.builtShare = 1.0;
  if (delayable) { st.builtShare = builtShare(d, stream, scenario[at + SITE_PROCEED_P], scenario[at + SITE_AGGREGATE] > 0.5); }
  // Cooling-mix shift: an evaporative design is built closed-loop liquid instead.
  st.cooling = st.designCooling;
  if (st.cooling == COOLING_EVAPORATIVE && chance(d, stream, SLOT_MIX_SHIFT, knob(d, K_COOLING_MIX))) { st.cooling = COOLING_LIQUID; }
  let correlated = copulaOn(GROUP_SITE);
  if (correlated) { correlateGroup(d, GROUP_SITE, SITE_MEMBERS, stream, 0u); }
  let kGrid = 2u * N_SUPPLY;
  var delays = vec3<f32>(0.0);
  var grid = 0.0;
  for (var k = 0u; k < kGrid + 3u; k++) {
    var off: u32;
    var str = stream;
    var slot: u32;
    var enabled = delayable;
    if (k < N_SUPPLY) {
      off = G_SUPPLY + k * SUPPLY_STRIDE + SUPPLY_DELAY;
      slot = SLOT_DELAY0 + k;
    } else if (k < kGrid) {
      let item = k - N_SUPPLY;
      off = G_SUPPLY + item * SUPPLY_STRIDE + SUPPLY_SHOCK_DELAY;
      str = shockStream(item, s, st.region);
      slot = SLOT_SHOCK_DELAY0 + item;
      enabled = delayable && chance(d, str, SLOT_SHOCK0 + item, shockProbability(d, item));
    } else if (k == kGrid) {
      off = GLOBAL_SIZE + st.region * REGION_STRIDE + R_CONN_DELAY;
      slot = SLOT_GRID_DELAY;
    } else {
      off = G_COOLING + (st.cooling * 2u + k - kGrid - 1u) * DIST_STRIDE;
      slot = SLOT_PUE + k - kGrid - 1u;
      enabled = true;
    }
    if (!enabled) { continue; }
    var x: f32;
    // Members of the site group: the ordinary delays, then grid queue, PUE, WUE; shock delays
    // stay independent.
    if (correlated && (k < N_SUPPLY || k >= kGrid)) {
      x = distAtU(off, copulaU[select(k - N_SUPPLY, k, k < N_SUPPLY)]);
    } else {
      x = distAt(off, d, str, slot);
    }
    x = max(x, 0.0);
    if (k < kGrid) {
      delays[k % N_SUPPLY] += x;
    } else if (k == kGrid) {
      grid = x;
    } else if (k == kGrid + 1u) {
      st.pue0 = max(x, 1.0);
    } else {
      st.wue0 = x;
    }
  }
  let accel = delays.x * scenario[at + SITE_IMPORT_SHARE];
  let slowest = max(max(accel, delays.y), max(delays.z, grid));
  st.commissionOffset = st.plannedOffset + slowest;
  // The first of the delays (in CAUSES order) that equals the slowest binds. CAUSES lists the
  // supply items, then the grid queue (CAUSE_ACCELERATORS + N_SUPPLY).
  st.delayCause = CAUSE_ACCELERATORS + select(select(select(N_SUPPLY, 2u, delays.z == slowest), 1u, delays.y == slowest), 0u, accel == slowest);
  return st;
}

// Heatwave and drought of a region-year; its three samples share one call site (see siteState).
fn climate(d: Draw, r: u32, y: u32) -> Climate {
  let at = GLOBAL_SIZE + r * REGION_STRIDE;
  let stream = S_REGION_YEAR | r;
  let slots = y * CLIMATE_SLOTS;
  let correlated = copulaOn(GROUP_CLIMATE);
  if (correlated) { correlateGroup(d, GROUP_CLIMATE, CLIMATE_MEMBERS, stream, y); }
  let uHeatwave = select(uniformAt(d.key.x, d.key.y, d.index, stream, slots + SLOT_HEATWAVE), copulaU[0], correlated);
  let uDrought = select(uniformAt(d.key.x, d.key.y, d.index, stream, slots + SLOT_DROUGHT), copulaU[1], correlated);
  let heatwave = eventAt(uHeatwave, min(scenario[at + R_HEATWAVE_P] * knob(d, K_HEATWAVE_SCALE), 1.0));
  var c = Climate(1.0, 1.0, 1.0, eventAt(uDrought, scenario[at + R_DROUGHT_P]));
  for (var k = 0u; k < 3u; k++) {
    if ((k < 2u && !heatwave) || (k == 2u && !c.drought)) { continue; }
    let field = select(R_DROUGHT_ALLOWANCE, select(R_HW_WUE, R_HW_PUE, k == 0u), k < 2u);
    var x: f32;
    if (correlated) {
      x = distAtU(at + field, copulaU[k + 2u]);
    } else {
      x = distAt(at + field, d, stream, slots + select(SLOT_ALLOWANCE, SLOT_HW_PUE + k, k < 2u));
    }
    if (k == 0u) {
      c.pueFactor = 1.0 + max(x, 0.0);
    } else if (k == 1u) {
      c.wueFactor = 1.0 + max(x, 0.0);
    } else {
      c.allowance = clamp(1.0 - knob(d, K_DROUGHT_SEVERITY) * (1.0 - x), 0.0, 1.0);
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
  return pow(1.0 + knob(d, K_DEMAND_GROWTH) * 0.01, f32(y));
}

fn pueIn(d: Draw, st: SiteState, y: u32, c: Climate) -> f32 {
  let trend = pow(max(1.0 - knob(d, K_EFFICIENCY) * 0.01, 0.0), f32(y));
  return (1.0 + (st.pue0 - 1.0) * trend) * c.pueFactor;
}

fn sumOutageDays(d: Draw, s: u32, y: u32) -> f32 {
  let stream = S_SITE_CYBER | s;
  let rate = scenario[G_CYBER_RATE] * knob(d, K_CYBER_SCALE);
  let u = uniformAt(d.key.x, d.key.y, d.index, stream, y * CYBER_SLOTS + SLOT_INCIDENTS);
  let n = min(u32(samplePoisson(rate, exp(-rate), u)), MAX_OUTAGES);
  var days = 0.0;
  for (var i = 0u; i < n; i++) {
    days += max(distAt(G_CYBER_OUTAGE, d, stream, y * CYBER_SLOTS + SLOT_OUTAGE0 + i), 0.0);
  }
  return min(days, DAYS_PER_YEAR);
}

// Per-draw totals of every series, in series order (src/engine/series.ts).
var<private> seriesValues: array<f32, MAX_SERIES>;
// Planned IT load (MW) of each year, summed over sites: the denominator of the shortfall share.
var<private> yearPlannedMW: array<f32, MAX_YEARS>;

// Series index of year y's shortfall share, and of cause c's MW not delivered in year y.
fn serShortfall(y: u32) -> u32 {
  return SER_BY_YEAR + 2u * params.nYears + params.nRegions + y;
}

fn serCause(c: u32, y: u32) -> u32 {
  return SER_BY_YEAR + 3u * params.nYears + params.nRegions + c * params.nYears + y;
}
// Demand (MW) per region-year during phase 1, then the share of it the grid serves.
var<private> regionYear: array<f32, REGION_YEAR_SLOTS>;

// Phase 1's end: regionYear holds each region-year's demand (MW); replace it with the share of
// that demand the grid's headroom can serve, and record each region's peak stress.
fn regionShares(d: Draw) {
  for (var r = 0u; r < params.nRegions; r++) {
    let at = GLOBAL_SIZE + r * REGION_STRIDE;
    var grid = vec2<f32>(0.0); // headroom in startYear (MW), its growth (MW/yr)
    let correlated = copulaOn(GROUP_REGION);
    if (correlated) { correlateGroup(d, GROUP_REGION, REGION_MEMBERS, S_REGION | r, 0u); }
    for (var k = 0u; k < 2u; k++) {
      let off = at + select(R_GROWTH, R_HEADROOM, k == 0u);
      if (correlated) {
        grid[k] = distAtU(off, copulaU[k]);
      } else {
        grid[k] = distAt(off, d, S_REGION | r, select(SLOT_GROWTH, SLOT_HEADROOM, k == 0u));
      }
    }
    let headroom0 = max(grid.x, 0.0);
    let growth = grid.y * knob(d, K_GRID_BUILDOUT);
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
    seriesValues[SER_BY_YEAR + 2u * params.nYears + r] = stress;
  }
}

// Phase 1 for one site-year: its facility demand (MW) adds to its region's.
fn addRegionDemand(d: Draw, st: SiteState, y: u32, c: Climate) {
  let itMW = st.itLoadMW * growthFactor(d, y) * st.builtShare * onlineShare(y, st.commissionOffset, st.rampYears);
  regionYear[st.region * MAX_YEARS + y] += itMW * pueIn(d, st, y, c);
}

struct SiteYear {
  plannedMW: f32,
  deliveredMW: f32,
  // What plannedMW − deliveredMW was lost to (causes.wgsl).
  lost: Shortfall,
}

// Phase 2 for one site-year: grid curtailment, drought throttling, cyber outages.
fn siteYear(d: Draw, s: u32, st: SiteState, y: u32, c: Climate) -> SiteYear {
  let growth = growthFactor(d, y);
  let loadMW = st.itLoadMW * growth;
  let plannedMW = loadMW * onlineShare(y, st.plannedOffset, st.rampYears);
  // What was built of the plan: the announced load less what never proceeds.
  let builtMW = loadMW * st.builtShare;
  let builtPlanMW = builtMW * onlineShare(y, st.plannedOffset, st.rampYears);
  let demandMW = builtMW * onlineShare(y, st.commissionOffset, st.rampYears);
  let pue = pueIn(d, st, y, c);
  let gridShare = regionYear[st.region * MAX_YEARS + y];
  let servedMW = demandMW * gridShare;
  let needML = servedMW * HOURS_PER_YEAR * st.wue0 * c.wueFactor * ML_PER_MWH_WUE;
  var waterShare = 1.0;
  if (c.drought) {
    let permitML = builtMW * HOURS_PER_YEAR * scenario[G_WUE_DESIGN + st.designCooling] * ML_PER_MWH_WUE;
    let allowedML = c.allowance * permitML;
    if (needML > allowedML) { waterShare = allowedML / needML; }
  }
  let runningMW = servedMW * waterShare;
  let outageShare = sumOutageDays(d, s, y) / DAYS_PER_YEAR;
  let deliveredMW = runningMW * (1.0 - outageShare);
  let demandedMWh = demandMW * pue * HOURS_PER_YEAR;
  let servedMWh = deliveredMW * pue * HOURS_PER_YEAR;
  seriesValues[SER_DEMANDED] += demandedMWh;
  seriesValues[SER_SERVED] += servedMWh;
  seriesValues[SER_CURTAILED] += demandMW * pue * (1.0 - gridShare) * HOURS_PER_YEAR;
  seriesValues[SER_WATER_USED] += needML * waterShare;
  seriesValues[SER_WATER_SHORTFALL] += needML * (1.0 - waterShare);
  seriesValues[SER_COMPUTE_LOST] += runningMW * outageShare * HOURS_PER_YEAR;
  seriesValues[SER_BY_YEAR + y] += demandedMWh;
  seriesValues[SER_BY_YEAR + params.nYears + y] += servedMWh;
  let lost = attributeShortfall(st, y, plannedMW, builtPlanMW, demandMW, servedMW, runningMW, deliveredMW);
  return SiteYear(plannedMW, deliveredMW, lost);
}

// Splits the site-year's undelivered IT load in the model's order: each step's loss goes to its
// cause, so the parts add up to plannedMW − deliveredMW (docs/model.md, "What breaks first").
fn attributeShortfall(st: SiteState, y: u32, plannedMW: f32, builtPlanMW: f32, demandMW: f32, servedMW: f32, runningMW: f32,
                      deliveredMW: f32) -> Shortfall {
  let f = Shortfall(plannedMW - builtPlanMW, st.delayCause, builtPlanMW - demandMW, demandMW - servedMW, servedMW - runningMW,
                    runningMW - deliveredMW);
  seriesValues[serCause(CAUSE_ABANDONED, y)] += f.abandonedMW;
  seriesValues[serCause(f.delayCause, y)] += f.delayMW;
  seriesValues[serCause(CAUSE_CURTAILMENT, y)] += f.curtailMW;
  seriesValues[serCause(CAUSE_WATER, y)] += f.waterMW;
  seriesValues[serCause(CAUSE_CYBER, y)] += f.cyberMW;
  seriesValues[serShortfall(y)] += plannedMW - deliveredMW;
  yearPlannedMW[y] += plannedMW;
  return f;
}

// The draw's end: each year's MW not delivered becomes its share of the year's planned load
// (0 for a year with nothing planned).
fn finishShortfall() {
  for (var y = 0u; y < params.nYears; y++) {
    let planned = yearPlannedMW[y];
    seriesValues[serShortfall(y)] = select(0.0, seriesValues[serShortfall(y)] / planned, planned > 0.0);
  }
}

