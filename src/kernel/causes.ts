// Mirrors shaders/causes.wgsl: what a site-year's undelivered IT load is lost to, and which
// cause binds (docs/model.md, "What breaks first").
import { CAUSE_ABANDONED, CAUSE_CURTAILMENT, CAUSE_CYBER, CAUSE_WATER, F32, REGION_HIST_BINS, RH_FULL, RH_ZERO } from './contract';

const f32 = Math.fround;

/** The parts of plannedMW − deliveredMW, in the model's order; each is ≥ 0. */
export interface Shortfall {
  /** The plan of a site (or the share of an aggregate) that never proceeds. */
  abandonedMW: number;
  /** The binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE. */
  delayCause: number;
  delayMW: number;
  curtailMW: number;
  waterMW: number;
  cyberMW: number;
}

/** The cause that takes the largest part; a tie goes to the earlier step of the model. */
export function bindingCause(f: Shortfall): number {
  let cause = CAUSE_ABANDONED;
  let most = f.abandonedMW;
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
  if (f.cyberMW > most) cause = CAUSE_CYBER;
  return cause;
}

/** The cause of step k (0 abandonment, 1 delay, 2 curtailment, 3 water, 4 cyber; SHORTFALL_STEPS in all), and its part. */
export function shortfallCause(f: Shortfall, k: number): number {
  return k === 0 ? CAUSE_ABANDONED : k === 1 ? f.delayCause : k === 2 ? CAUSE_CURTAILMENT : k === 3 ? CAUSE_WATER : CAUSE_CYBER;
}

export function shortfallMW(f: Shortfall, k: number): number {
  return k === 0 ? f.abandonedMW : k === 1 ? f.delayMW : k === 2 ? f.curtailMW : k === 3 ? f.waterMW : f.cyberMW;
}

/** All of a site-year's undelivered MW, its parts summed in step order (f32, as the shader). */
export function shortfallTotalMW(f: Shortfall): number {
  return f32(f32(f32(f32(f.abandonedMW + f.delayMW) + f.curtailMW) + f.waterMW) + f.cyberMW);
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
