// What a site-year's undelivered IT load is lost to, and which cause binds. A library for
// model.wgsl and simulate.wgsl; mirrored by src/kernel/causes.ts (docs/model.md, "What breaks first").

// The parts of plannedMW − deliveredMW, in the model's order; each is ≥ 0.
struct Shortfall {
  // The plan of a site (or the share of an aggregate) that never proceeds.
  abandonedMW: f32,
  // The binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE.
  delayCause: u32,
  delayMW: f32,
  curtailMW: f32,
  waterMW: f32,
  cyberMW: f32,
}

// The cause that takes the largest part; a tie goes to the earlier step of the model.
fn bindingCause(f: Shortfall) -> u32 {
  var cause = CAUSE_ABANDONED;
  var most = f.abandonedMW;
  if (f.delayMW > most) {
    cause = f.delayCause;
    most = f.delayMW;
  }
  if (f.curtailMW > most) {
    cause = CAUSE_CURTAILMENT;
    most = f.curtailMW;
  }
  if (f.waterMW > most) {
    cause = CAUSE_WATER;
    most = f.waterMW;
  }
  if (f.cyberMW > most) { cause = CAUSE_CYBER; }
  return cause;
}

// The cause of step k (0 abandonment, 1 delay, 2 curtailment, 3 water, 4 cyber; SHORTFALL_STEPS in all), and its part.
fn shortfallCause(f: Shortfall, k: u32) -> u32 {
  return select(select(select(select(CAUSE_CYBER, CAUSE_WATER, k == 3u), CAUSE_CURTAILMENT, k == 2u), f.delayCause, k == 1u), CAUSE_ABANDONED, k == 0u);
}

fn shortfallMW(f: Shortfall, k: u32) -> f32 {
  return select(select(select(select(f.cyberMW, f.waterMW, k == 3u), f.curtailMW, k == 2u), f.delayMW, k == 1u), f.abandonedMW, k == 0u);
}

// All of a site-year's undelivered MW, its parts summed in step order.
fn shortfallTotalMW(f: Shortfall) -> f32 {
  return (((f.abandonedMW + f.delayMW) + f.curtailMW) + f.waterMW) + f.cyberMW;
}

// The counter of a region-year's share of its plan not delivered: the atoms 0 and whole plan
// lost, else one of REGION_HIST_BINS equal bins on (0, 1).
fn regionShareBin(lostMW: f32, plannedMW: f32) -> u32 {
  let share = lostMW / plannedMW;
  if (share <= 0.0) { return RH_ZERO; }
  if (share >= REGION_FULL_SHARE) { return RH_FULL; }
  return min(u32(share * f32(REGION_HIST_BINS)), REGION_HIST_BINS - 1u);
}
