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

/**
 * The parts of plannedMW − deliveredMW, in the model's steps (see shortfallCause): step k's MW,
 * each ≥ 0, and its cause. causes.wgsl keeps them as named struct fields; here they are two
 * arrays, so the per-step loops below index them instead of switching on k (the hot path's
 * largest single cost on the CPU). The causes of steps 1 and 2 are the binding delays'.
 */
export interface Shortfall {
  mw: Float32Array;
  cause: Uint8Array;
}

/** Step k's cause for the steps whose cause is fixed (steps 1 and 2 are filled per site-year). */
const STEP_CAUSES = [
  CAUSE_ABANDONED,
  0,
  0,
  CAUSE_CURTAILMENT,
  CAUSE_FLEXIBLE_CONNECTION,
  CAUSE_ONSITE_GENERATION,
  CAUSE_WATER,
  CAUSE_CYBER,
];

export function newShortfall(): Shortfall {
  return { mw: new Float32Array(SHORTFALL_STEPS), cause: Uint8Array.from(STEP_CAUSES) };
}

const byCause = new Float32Array(N_CAUSES);

/**
 * The cause with the most MW, the parts of one cause added in step order; a tie goes to the cause
 * first in CAUSES (the model's order).
 */
export function bindingCause(f: Shortfall): number {
  byCause.fill(0);
  for (let k = 0; k < SHORTFALL_STEPS; k++) {
    const c = f.cause[k] as number;
    byCause[c] = f32((byCause[c] as number) + (f.mw[k] as number));
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
  return f.cause[k] as number;
}

export function shortfallMW(f: Shortfall, k: number): number {
  return f.mw[k] as number;
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
