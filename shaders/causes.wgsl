// What a site-year's undelivered IT load is lost to, and which cause binds. A library for
// model.wgsl and simulate.wgsl; mirrored by src/kernel/causes.ts (docs/model.md, "What breaks first").

// The parts of plannedMW − deliveredMW, in the model's order; each is ≥ 0.
struct Shortfall {
  // The plan of a site (or the share of an aggregate) that never proceeds.
  abandonedMW: f32,
  // The grid part's binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE.
  delayCause: u32,
  delayMW: f32,
  // The on-site part's binding delay: a supply item's cause, or CAUSE_ONSITE_GENERATION.
  genDelayCause: u32,
  genDelayMW: f32,
  curtailMW: f32,
  // The curtailment a site accepted for its flexible connection.
  flexMW: f32,
  // The on-site plant's outages.
  genOutageMW: f32,
  waterMW: f32,
  cyberMW: f32,
}

// The cause with the most MW, the parts of one cause added in step order; a tie goes to the
// cause first in CAUSES (the model's order).
fn bindingCause(f: Shortfall) -> u32 {
  var byCause: array<f32, N_CAUSES>;
  for (var k = 0u; k < SHORTFALL_STEPS; k++) {
    let c = shortfallCause(f, k);
    byCause[c] += shortfallMW(f, k);
  }
  var cause = CAUSE_ABANDONED;
  var most = byCause[CAUSE_ABANDONED];
  for (var c = 0u; c < N_CAUSES; c++) {
    if (byCause[c] > most) {
      cause = c;
      most = byCause[c];
    }
  }
  return cause;
}

// The cause of step k (0 abandonment, 1 the grid part's delay, 2 the on-site part's delay,
// 3 curtailment, 4 the flexible connection's curtailment, 5 the on-site plant's outages, 6 water,
// 7 cyber; SHORTFALL_STEPS in all), and its part.
fn shortfallCause(f: Shortfall, k: u32) -> u32 {
  var cause = CAUSE_CYBER;
  switch k {
    case 0u: { cause = CAUSE_ABANDONED; }
    case 1u: { cause = f.delayCause; }
    case 2u: { cause = f.genDelayCause; }
    case 3u: { cause = CAUSE_CURTAILMENT; }
    case 4u: { cause = CAUSE_FLEXIBLE_CONNECTION; }
    case 5u: { cause = CAUSE_ONSITE_GENERATION; }
    case 6u: { cause = CAUSE_WATER; }
    default: {}
  }
  return cause;
}

fn shortfallMW(f: Shortfall, k: u32) -> f32 {
  var mw = f.cyberMW;
  switch k {
    case 0u: { mw = f.abandonedMW; }
    case 1u: { mw = f.delayMW; }
    case 2u: { mw = f.genDelayMW; }
    case 3u: { mw = f.curtailMW; }
    case 4u: { mw = f.flexMW; }
    case 5u: { mw = f.genOutageMW; }
    case 6u: { mw = f.waterMW; }
    default: {}
  }
  return mw;
}

// All of a site-year's undelivered MW, its parts summed in step order.
fn shortfallTotalMW(f: Shortfall) -> f32 {
  var total = 0.0;
  for (var k = 0u; k < SHORTFALL_STEPS; k++) { total += shortfallMW(f, k); }
  return total;
}

// The counter of a region-year's share of its plan not delivered: the atoms 0 and whole plan
// lost, else one of REGION_HIST_BINS equal bins on (0, 1).
fn regionShareBin(lostMW: f32, plannedMW: f32) -> u32 {
  let share = lostMW / plannedMW;
  if (share <= 0.0) { return RH_ZERO; }
  if (share >= REGION_FULL_SHARE) { return RH_FULL; }
  return min(u32(share * f32(REGION_HIST_BINS)), REGION_HIST_BINS - 1u);
}
