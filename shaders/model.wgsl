// The per-draw model: one Monte Carlo draw of every site-year. A library for simulate.wgsl,
// which declares the bindings it reads (params, scenario, knobs). Mirrored function by function
// by src/kernel/model.ts; the equations are in docs/model.md. Offsets, slots and knob indices
// come from the generated prelude (src/kernel/contract.ts).

struct Climate {
  pueFactor: f32,
  wueFactor: f32,
  // Share of the water permit left this year: 1 when there is no drought.
  allowance: f32,
  drought: bool,
}

// An event of probability p, drawn by inverse CDF at u: it happens when u > 1 − p, so a high
// (copula-correlated) uniform means both the event and high values of its partners.
fn eventAt(u: f32, p: f32) -> bool {
  return u > 1.0 - p;
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
  let u = uniformAt(d.key.x, d.key.y, d.index, stream, SLOT_INCIDENTS0 + y);
  let n = min(u32(samplePoisson(rate, exp(-rate), u)), MAX_OUTAGES);
  var days = 0.0;
  for (var i = 0u; i < n; i++) {
    days += max(distAt(G_CYBER_OUTAGE, d, stream, SLOT_OUTAGE0 + y * MAX_OUTAGES + i), 0.0);
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

// A site-year's IT load (MW) at each step of the model, by part where the site has an on-site plant.
struct LoadChain {
  plannedMW: f32,
  // The whole site as built at full load (its water permit's basis).
  builtMW: f32,
  builtPlanMW: f32,
  gridPlanMW: f32,
  genPlanMW: f32,
  gridDemandMW: f32,
  genDemandMW: f32,
  // The grid part's pro-rata share of its region's headroom.
  gridAllottedMW: f32,
  // What of it runs: less the curtailment a flexible connection accepted.
  gridServedMW: f32,
  genServedMW: f32,
  runningMW: f32,
  deliveredMW: f32,
}

// A site-year's plan, what was built of it and its demand, by part: the grid part and the
// on-site part (docs/model.md, "Demand"). The grid part's plan is the built plan less the
// on-site part's, so the two add up to it.
fn loadChain(d: Draw, st: SiteState, y: u32) -> LoadChain {
  var ch: LoadChain;
  let loadMW = st.itLoadMW * growthFactor(d, y);
  let planShare = onlineShare(y, st.plannedOffset, st.rampYears);
  ch.plannedMW = loadMW * planShare;
  // What was built of the plan: the announced load less what never proceeds.
  ch.builtMW = loadMW * st.builtShare;
  ch.builtPlanMW = ch.builtMW * planShare;
  let genBuiltMW = ch.builtMW * st.genShare;
  ch.genPlanMW = genBuiltMW * planShare;
  ch.gridPlanMW = ch.builtPlanMW - ch.genPlanMW;
  ch.gridDemandMW = (ch.builtMW - genBuiltMW) * onlineShare(y, st.commissionOffset, st.rampYears);
  ch.genDemandMW = genBuiltMW * onlineShare(y, st.genOffset, st.rampYears);
  return ch;
}

// Phase 1 for one site-year: the facility demand (MW) of its grid part adds to its region's.
fn addRegionDemand(d: Draw, st: SiteState, y: u32, c: Climate) {
  let ch = loadChain(d, st, y);
  regionYear[st.region * MAX_YEARS + y] += ch.gridDemandMW * pueIn(d, st, y, c);
}

struct SiteYear {
  plannedMW: f32,
  deliveredMW: f32,
  // What plannedMW − deliveredMW was lost to (causes.wgsl).
  lost: Shortfall,
}

// Phase 2 for one site-year: grid curtailment, a flexible connection's curtailment, the on-site
// plant's outages, drought throttling, cyber outages.
fn siteYear(d: Draw, s: u32, st: SiteState, y: u32, c: Climate) -> SiteYear {
  var ch = loadChain(d, st, y);
  let demandMW = ch.gridDemandMW + ch.genDemandMW;
  let pue = pueIn(d, st, y, c);
  let gridShare = regionYear[st.region * MAX_YEARS + y];
  ch.gridAllottedMW = ch.gridDemandMW * gridShare;
  ch.gridServedMW = ch.gridAllottedMW * (1.0 - st.flexCurtailedShare);
  ch.genServedMW = ch.genDemandMW * st.genAvailability;
  let servedMW = ch.gridServedMW + ch.genServedMW;
  let needML = servedMW * HOURS_PER_YEAR * st.wue0 * c.wueFactor * ML_PER_MWH_WUE;
  var waterShare = 1.0;
  if (c.drought) {
    let permitML = ch.builtMW * HOURS_PER_YEAR * scenario[G_WUE_DESIGN + st.designCooling] * ML_PER_MWH_WUE;
    let allowedML = c.allowance * permitML;
    if (needML > allowedML) { waterShare = allowedML / needML; }
  }
  ch.runningMW = servedMW * waterShare;
  let outageShare = sumOutageDays(d, s, y) / DAYS_PER_YEAR;
  ch.deliveredMW = ch.runningMW * (1.0 - outageShare);
  let demandedMWh = demandMW * pue * HOURS_PER_YEAR;
  let servedMWh = ch.deliveredMW * pue * HOURS_PER_YEAR;
  seriesValues[SER_DEMANDED] += demandedMWh;
  seriesValues[SER_SERVED] += servedMWh;
  seriesValues[SER_CURTAILED] += ch.gridDemandMW * pue * (1.0 - gridShare) * HOURS_PER_YEAR;
  seriesValues[SER_CURTAILED] += ch.gridAllottedMW * pue * st.flexCurtailedShare * HOURS_PER_YEAR;
  seriesValues[SER_WATER_USED] += needML * waterShare;
  seriesValues[SER_WATER_SHORTFALL] += needML * (1.0 - waterShare);
  seriesValues[SER_COMPUTE_LOST] += ch.runningMW * outageShare * HOURS_PER_YEAR;
  seriesValues[SER_BY_YEAR + y] += demandedMWh;
  seriesValues[SER_BY_YEAR + params.nYears + y] += servedMWh;
  let lost = attributeShortfall(st, y, ch, servedMW);
  return SiteYear(ch.plannedMW, ch.deliveredMW, lost);
}

// Splits the site-year's undelivered IT load in the model's order: each step's loss goes to its
// cause, so the parts add up to plannedMW − deliveredMW (docs/model.md, "What breaks first").
fn attributeShortfall(st: SiteState, y: u32, ch: LoadChain, servedMW: f32) -> Shortfall {
  let f = Shortfall(ch.plannedMW - ch.builtPlanMW, st.delayCause, ch.gridPlanMW - ch.gridDemandMW, st.genDelayCause,
                    ch.genPlanMW - ch.genDemandMW, ch.gridDemandMW - ch.gridAllottedMW, ch.gridAllottedMW - ch.gridServedMW,
                    ch.genDemandMW - ch.genServedMW, servedMW - ch.runningMW, ch.runningMW - ch.deliveredMW);
  for (var k = 0u; k < SHORTFALL_STEPS; k++) { seriesValues[serCause(shortfallCause(f, k), y)] += shortfallMW(f, k); }
  seriesValues[serShortfall(y)] += ch.plannedMW - ch.deliveredMW;
  yearPlannedMW[y] += ch.plannedMW;
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

