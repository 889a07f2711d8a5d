// Mirrors shaders/causes.wgsl: what a site-year's undelivered IT load is lost to, and which
// cause binds (docs/model.md, "What breaks first").
import { CAUSE_CURTAILMENT, CAUSE_CYBER, CAUSE_WATER } from './contract';

/** The parts of plannedMW − deliveredMW, in the model's order; each is ≥ 0. */
export interface Shortfall {
  /** The binding commissioning delay: a supply item's cause, or CAUSE_GRID_QUEUE. */
  delayCause: number;
  delayMW: number;
  curtailMW: number;
  waterMW: number;
  cyberMW: number;
}

/** The cause that takes the largest part; a tie goes to the earlier step of the model. */
export function bindingCause(f: Shortfall): number {
  let cause = f.delayCause;
  let most = f.delayMW;
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

/** The cause of step k (0 delay, 1 curtailment, 2 water, 3 cyber; SHORTFALL_STEPS in all), and its part. */
export function shortfallCause(f: Shortfall, k: number): number {
  return k === 0 ? f.delayCause : k === 1 ? CAUSE_CURTAILMENT : k === 2 ? CAUSE_WATER : CAUSE_CYBER;
}

export function shortfallMW(f: Shortfall, k: number): number {
  return k === 0 ? f.delayMW : k === 1 ? f.curtailMW : k === 2 ? f.waterMW : f.cyberMW;
}
