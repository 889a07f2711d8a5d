// Mirrors shaders/causes.wgsl: what a site-year's undelivered IT load is lost to, and which
// cause binds (docs/model.md, "What breaks first").
import {
  CAUSE_ABANDONED,
  CAUSE_CURTAILMENT,
  CAUSE_CYBER,
  CAUSE_FLEXIBLE_CONNECTION,
  CAUSE_ONSITE_GENERATION,
  CAUSE_WATER,
  F32,
  N_CAUSES,
  REGION_HIST_BINS,
  RH_FULL,
  RH_ZERO,
  SHORTFALL_STEPS,
} from './contract';

const f32 = Math.fround;

/** The parts of plannedMW − deliveredMW, in the model's order; each is ≥ 0. */
export interface Shortfall {
  /** The plan of a site (or the share of an aggregate) that never proceeds. */
  abandonedMW: number;
  /** The grid part's binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE. */
  delayCause: number;
  delayMW: number;
  /** The on-site part's binding delay: a supply item's cause, or CAUSE_ONSITE_GENERATION. */
  genDelayCause: number;
  genDelayMW: number;
  curtailMW: number;
  /** The curtailment a site accepted for its flexible connection. */
  flexMW: number;
  /** The on-site plant's outages. */
  genOutageMW: number;
  waterMW: number;
  cyberMW: number;
}

const byCause = new Float32Array(N_CAUSES);

/**
 * The cause with the most MW, the parts of one cause added in step order; a tie goes to the cause
 * first in CAUSES (the model's order).
 */
export function bindingCause(f: Shortfall): number {
  byCause.fill(0);
  for (let k = 0; k < SHORTFALL_STEPS; k++) {
    const c = shortfallCause(f, k);
    byCause[c] = f32(byCause[c] + shortfallMW(f, k));
  }
  let cause = CAUSE_ABANDONED;
  let most = byCause[CAUSE_ABANDONED] as number;
  for (let c = 0; c < N_CAUSES; c++) {
    if ((byCause[c] as number) > most) {
      cause = c;
      most = byCause[c] as number;
    }
  }
  return cause;
}

/**
 * The cause of step k (0 abandonment, 1 the grid part's delay, 2 the on-site part's delay,
 * 3 curtailment, 4 the flexible connection's curtailment, 5 the on-site plant's outages, 6 water,
 * 7 cyber; SHORTFALL_STEPS in all), and its part.
 */
export function shortfallCause(f: Shortfall, k: number): number {
  switch (k) {
    case 0:
      return CAUSE_ABANDONED;
    case 1:
      return f.delayCause;
    case 2:
      return f.genDelayCause;
    case 3:
      return CAUSE_CURTAILMENT;
    case 4:
      return CAUSE_FLEXIBLE_CONNECTION;
    case 5:
      return CAUSE_ONSITE_GENERATION;
    case 6:
      return CAUSE_WATER;
    default:
      return CAUSE_CYBER;
  }
}

export function shortfallMW(f: Shortfall, k: number): number {
  switch (k) {
    case 0:
      return f.abandonedMW;
    case 1:
      return f.delayMW;
    case 2:
      return f.genDelayMW;
    case 3:
      return f.curtailMW;
    case 4:
      return f.flexMW;
    case 5:
      return f.genOutageMW;
    case 6:
      return f.waterMW;
    default:
      return f.cyberMW;
  }
}

/** All of a site-year's undelivered MW, its parts summed in step order (f32, as the shader). */
export function shortfallTotalMW(f: Shortfall): number {
  let total = 0;
  for (let k = 0; k < SHORTFALL_STEPS; k++) total = f32(total + shortfallMW(f, k));
  return total;
}

/**
 * The counter of a region-year's share of its plan not delivered: the atoms 0 and whole plan
 * lost, else one of REGION_HIST_BINS equal bins on (0, 1).
 */
export function regionShareBin(lostMW: number, plannedMW: number): number {
  const share = f32(lostMW / plannedMW);
  if (share <= 0) return RH_ZERO;
  if (share >= f32(F32.REGION_FULL_SHARE)) return RH_FULL;
  return Math.min(Math.floor(f32(share * REGION_HIST_BINS)), REGION_HIST_BINS - 1);
}
