// How a run is cut into groups of parameter sets (bounded memory) and dispatches (bounded time).
// Results do not depend on the cut: every sum is reduced in fixed blocks and folded in order.
import { ACCUM_STRIDE, BLOCK_DRAWS, counterLayout, PILOT_DRAWS, SUMMARY_STRIDE, type PackedScenario } from './layout';

export interface Dispatch {
  paramOffset: number;
  paramCount: number;
  blockOffset: number;
  blockCount: number;
  /** Draws this dispatch covers, for progress. */
  drawCount: number;
}

export interface GroupPlan {
  paramBase: number;
  paramCount: number;
  pilot: Dispatch[];
  main: Dispatch[];
  /** Largest dispatch, for sizing the block-sum buffer. */
  maxPartialFloats: number;
}

/** 32-bit words a parameter set needs on the device across all run buffers. */
export function wordsPerParamSet(p: PackedScenario): number {
  return counterLayout(1, p).total + p.nSeries * (2 + ACCUM_STRIDE + SUMMARY_STRIDE);
}

function dispatches(paramCount: number, draws: number, siteYears: number, targetSiteYears: number): Dispatch[] {
  const nBlocks = Math.ceil(draws / BLOCK_DRAWS);
  const perBlock = BLOCK_DRAWS * siteYears;
  const blockStep = Math.max(1, Math.min(nBlocks, Math.floor(targetSiteYears / (perBlock * paramCount))));
  const paramStep = blockStep > 1 ? paramCount : Math.max(1, Math.min(paramCount, Math.floor(targetSiteYears / perBlock)));
  const out: Dispatch[] = [];
  for (let b0 = 0; b0 < nBlocks; b0 += blockStep) {
    const blockCount = Math.min(blockStep, nBlocks - b0);
    const blockDraws = Math.min(blockCount * BLOCK_DRAWS, draws - b0 * BLOCK_DRAWS);
    for (let p0 = 0; p0 < paramCount; p0 += paramStep) {
      const n = Math.min(paramStep, paramCount - p0);
      out.push({ paramOffset: p0, paramCount: n, blockOffset: b0, blockCount, drawCount: n * blockDraws });
    }
  }
  return out;
}

export function planRun(
  p: PackedScenario,
  paramSets: number,
  draws: number,
  opts: { maxGroupWords: number; targetSiteYears: number },
): GroupPlan[] {
  const siteYears = Math.max(1, p.nSites * p.nYears);
  const groupSize = Math.max(1, Math.min(paramSets, Math.floor(opts.maxGroupWords / wordsPerParamSet(p))));
  const groups: GroupPlan[] = [];
  for (let base = 0; base < paramSets; base += groupSize) {
    const count = Math.min(groupSize, paramSets - base);
    const main = dispatches(count, draws, siteYears, opts.targetSiteYears);
    groups.push({
      paramBase: base,
      paramCount: count,
      pilot: dispatches(count, Math.min(draws, PILOT_DRAWS), siteYears, opts.targetSiteYears),
      main,
      maxPartialFloats: Math.max(...main.map((d) => d.paramCount * d.blockCount)) * p.nSeries * 2,
    });
  }
  return groups;
}
