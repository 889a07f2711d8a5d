// A site's state in one draw: whether it proceeds, its delays, its cooling, PUE and WUE, its
// on-site generation and its flexible connection. A library for model.wgsl and simulate.wgsl;
// mirrored function by function by src/kernel/site.ts. The equations are in docs/model.md
// ("Proceeding", "On-site generation", "Flexible connection", "Commissioning"); offsets, slots and knob indices come from the generated prelude.

struct SiteState {
  region: u32,
  itLoadMW: f32,
  plannedOffset: f32,
  // When the grid part is commissioned (years from startYear).
  commissionOffset: f32,
  rampYears: f32,
  cooling: u32,
  designCooling: u32,
  pue0: f32,
  wue0: f32,
  // The grid part's binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE.
  delayCause: u32,
  // Share of the site built: 1 or 0 for a named site (it proceeds or not), the expected share
  // for an aggregate.
  builtShare: f32,
  // Share of the site's load its on-site plant carries (0 without one).
  genShare: f32,
  // When the on-site part is commissioned.
  genOffset: f32,
  // The on-site part's binding delay: a supply item's cause, or CAUSE_ONSITE_GENERATION.
  genDelayCause: u32,
  // Share of the year the on-site plant is available (1 without one).
  genAvailability: f32,
  // Share of the grid part's served energy curtailed under a flexible connection (0 without one).
  flexCurtailedShare: f32,
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

// The scope's stream of supply record `item`'s rare shock: one draw for all sites, per region, or per site.
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

// The cause of the first delay, in CAUSES order, that equals the slowest: accelerators,
// transformers, cooling plant, else the part's own (the grid queue or the generation equipment).
fn bindingDelay(accel: f32, delays: vec3<f32>, slowest: f32, ownCause: u32) -> u32 {
  return select(select(select(ownCause, CAUSE_ACCELERATORS + 2u, delays.z == slowest), CAUSE_ACCELERATORS + 1u, delays.y == slowest),
                CAUSE_ACCELERATORS, accel == slowest);
}

// All per-site samples come from one call site in a loop: WGSL inlines every call, and each
// inlined sampler costs seconds of pipeline compilation on SwiftShader.
// k: [0, N_SUPPLY) ordinary delays of accelerators, transformers, cooling plant; then their
// shock delays; then the grid-connection queue, PUE and WUE; then on-site generation: the
// equipment's delay, its shock delay and the plant's availability; then the flexible
// connection: the years it takes off the grid queue and its curtailed share.
fn siteState(d: Draw, s: u32) -> SiteState {
  let at = params.sitesOffset + s * SITE_STRIDE;
  var st: SiteState;
  st.region = u32(scenario[at + SITE_REGION]);
  st.itLoadMW = scenario[at + SITE_LOAD];
  st.plannedOffset = scenario[at + SITE_PLANNED];
  st.rampYears = scenario[at + SITE_RAMP];
  st.designCooling = u32(scenario[at + SITE_COOLING]);
  let delayable = scenario[at + SITE_DELAYABLE] > 0.5;
  let generating = scenario[at + SITE_GEN_CAPACITY] > 0.0;
  let flexible = scenario[at + SITE_FLEXIBLE] > 0.5;
  let stream = S_SITE | s;
  st.builtShare = 1.0;
  if (delayable) { st.builtShare = builtShare(d, stream, scenario[at + SITE_PROCEED_P], scenario[at + SITE_AGGREGATE] > 0.5); }
  // Cooling-mix shift: an evaporative design is built closed-loop liquid instead.
  st.cooling = st.designCooling;
  if (st.cooling == COOLING_EVAPORATIVE && chance(d, stream, SLOT_MIX_SHIFT, knob(d, K_COOLING_MIX))) { st.cooling = COOLING_LIQUID; }
  let correlated = copulaOn(GROUP_SITE);
  if (correlated) { correlateGroup(d, GROUP_SITE, SITE_MEMBERS, stream, 0u); }
  let kGrid = 2u * N_SUPPLY;
  let kGen = kGrid + 3u;
  let kFlex = kGen + 3u;
  var delays = vec3<f32>(0.0);
  var grid = 0.0;
  var genDelay = 0.0;
  var earlier = 0.0;
  st.genAvailability = 1.0;
  st.flexCurtailedShare = 0.0;
  for (var k = 0u; k < kFlex + 2u; k++) {
    var off: u32;
    var str = stream;
    var slot: u32;
    var enabled = delayable;
    if (k < N_SUPPLY) {
      off = G_SUPPLY + k * SUPPLY_STRIDE + SUPPLY_DELAY;
      slot = SLOT_DELAY0 + k;
    } else if (k < kGrid || k == kGen + 1u) {
      let item = select(SUPPLY_GENERATION, k - N_SUPPLY, k < kGrid);
      off = G_SUPPLY + item * SUPPLY_STRIDE + SUPPLY_SHOCK_DELAY;
      str = shockStream(item, s, st.region);
      slot = SLOT_SHOCK_DELAY0 + item;
      enabled = delayable && (k < kGrid || generating) && chance(d, str, SLOT_SHOCK0 + item, shockProbability(d, item));
    } else if (k == kGrid) {
      off = GLOBAL_SIZE + st.region * REGION_STRIDE + R_CONN_DELAY;
      slot = SLOT_GRID_DELAY;
    } else if (k < kGen) {
      off = G_COOLING + (st.cooling * 2u + k - kGrid - 1u) * DIST_STRIDE;
      slot = SLOT_PUE + k - kGrid - 1u;
      enabled = true;
    } else if (k < kFlex) {
      let delay = k == kGen;
      off = at + select(SITE_GEN_AVAILABILITY, SITE_GEN_DELAY, delay);
      slot = select(SLOT_GEN_AVAILABILITY, SLOT_GEN_DELAY, delay);
      enabled = generating && (delayable || !delay);
    } else {
      // An operating site has no queue left to shorten; its curtailment still applies.
      let gain = k == kFlex;
      off = at + select(SITE_FLEX_CURTAILED, SITE_FLEX_EARLIER, gain);
      slot = select(SLOT_FLEX_CURTAILED, SLOT_FLEX_EARLIER, gain);
      enabled = flexible && (delayable || !gain);
    }
    if (!enabled) { continue; }
    var x: f32;
    // Members of the site group: the ordinary delays, then grid queue, PUE, WUE; shock delays,
    // on-site generation and the flexible connection stay independent.
    if (correlated && (k < N_SUPPLY || (k >= kGrid && k < kGen))) {
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
    } else if (k == kGrid + 2u) {
      st.wue0 = x;
    } else if (k < kGen + 2u) {
      genDelay += x;
    } else if (k < kFlex) {
      st.genAvailability = min(x, 1.0);
    } else if (k == kFlex) {
      earlier = x;
    } else {
      st.flexCurtailedShare = min(x, 1.0);
    }
  }
  // The flexible connection's earlier connection: years off the queue, never below none.
  grid = max(grid - earlier, 0.0);
  let accel = delays.x * scenario[at + SITE_IMPORT_SHARE];
  let slowest = max(max(accel, delays.y), max(delays.z, grid));
  st.commissionOffset = st.plannedOffset + slowest;
  st.delayCause = bindingDelay(accel, delays, slowest, CAUSE_GRID_QUEUE);
  let genSlowest = max(max(accel, delays.y), max(delays.z, genDelay));
  st.genOffset = st.plannedOffset + genSlowest;
  st.genDelayCause = bindingDelay(accel, delays, genSlowest, CAUSE_ONSITE_GENERATION);
  st.genShare = 0.0;
  if (generating) { st.genShare = min(scenario[at + SITE_GEN_CAPACITY] / (st.itLoadMW * st.pue0), 1.0); }
  return st;
}
