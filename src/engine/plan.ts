// How a run is cut into groups of parameter sets (bounded memory) and dispatches (bounded time),
// each within the device's limits: workgroups per dimension for simulate (x = blocks, y =
// parameter sets), fold and summarize (x = parameter sets × series / SERIES_WORKGROUP), and bytes
// per buffer (block sums and raw samples, counters, summaries, the pilot's kept draws; staging is
// sized by StagingPool).
// Results do not depend on the cut: every sum is reduced in fixed blocks and folded in order.
import type { DeviceLimits } from './backend';
import { ACCUM_STRIDE, BLOCK_DRAWS, NKNOBS, PILOT_DRAWS, SERIES_WORKGROUP, SUMMARY_STRIDE } from '../kernel/contract';
import { counterLayout } from './counters';
import type { PackedScenario } from './pack';

/** The scenario cannot be run within the device's limits, however finely it is cut. */
export class PlanLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanLimitError';
  }
}

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

/** 32-bit words a parameter set needs on the device across all run buffers (the pilot's kept draws included). */
export function wordsPerParamSet(p: PackedScenario): number {
  return counterLayout(1, p).total + p.nSeries * (2 + ACCUM_STRIDE + SUMMARY_STRIDE + PILOT_DRAWS);
}

interface Caps {
  /** Workgroups per dimension. */
  workgroups: number;
  /** Bytes per buffer (a multiple of 16: buffers are rounded up to 16 bytes). */
  bytes: number;
}

function capsOf(limits: DeviceLimits | undefined): Caps {
  if (!limits) return { workgroups: Infinity, bytes: Infinity };
  const bytes = Math.floor(Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) / 16) * 16;
  return { workgroups: limits.maxComputeWorkgroupsPerDimension, bytes };
}

/**
 * (parameter set, block) cells a dispatch may hold. Its block sums take 2 floats per series per
 * cell, but raw samples (src/engine/rawSamples.ts reuses the main plan) take BLOCK_DRAWS floats
 * per series per cell in the same buffer: the bound is the larger.
 */
function maxCells(p: PackedScenario, caps: Caps): number {
  const cells = Math.floor(caps.bytes / (BLOCK_DRAWS * p.nSeries * 4));
  if (cells < 1)
    throw new PlanLimitError(
      `one block of raw samples (${BLOCK_DRAWS * p.nSeries * 4} bytes) exceeds the device's ${caps.bytes}-byte buffer limit`,
    );
  return cells;
}

/** Parameter sets a group may hold within the per-buffer and fold/summarize workgroup limits. */
function maxGroupParamSets(p: PackedScenario, caps: Caps): number {
  const bytesPerSet =
    4 *
    Math.max(
      counterLayout(1, p).total,
      p.nSeries * SUMMARY_STRIDE,
      p.nSeries * ACCUM_STRIDE,
      p.nSeries * PILOT_DRAWS,
      p.nSeries * 2,
      NKNOBS,
    );
  const byBytes = Math.floor(caps.bytes / bytesPerSet);
  const byWorkgroups = Math.floor((caps.workgroups * SERIES_WORKGROUP) / p.nSeries);
  const fixedBytes = Math.max(p.data.byteLength, p.seriesInfo.byteLength);
  if (byBytes < 1 || fixedBytes > caps.bytes) {
    throw new PlanLimitError(
      `one parameter set needs a ${Math.max(bytesPerSet, fixedBytes)}-byte buffer; the device allows ${caps.bytes} bytes`,
    );
  }
  if (byWorkgroups < 1) {
    throw new PlanLimitError(
      `${p.nSeries} series need ${Math.ceil(p.nSeries / SERIES_WORKGROUP)} workgroups to fold; the device allows ${caps.workgroups} per dimension`,
    );
  }
  return Math.min(byBytes, byWorkgroups);
}

function dispatches(
  paramCount: number,
  draws: number,
  siteYears: number,
  targetSiteYears: number,
  caps: { workgroups: number; cells: number; multiple: number },
): Dispatch[] {
  const nBlocks = Math.ceil(draws / BLOCK_DRAWS);
  const perBlock = BLOCK_DRAWS * siteYears;
  // (parameter set, block) cells per dispatch: the time target, then the buffer bound, rounded
  // down to the backend's multiple where that leaves at least one multiple.
  const cells = Math.min(Math.max(1, Math.floor(targetSiteYears / perBlock)), caps.cells);
  const budget = cells >= caps.multiple ? cells - (cells % caps.multiple) : cells;
  // x = blocks, y = parameter sets: each within the workgroups a dimension allows.
  const blockStep = Math.max(1, Math.min(nBlocks, caps.workgroups, Math.floor(budget / paramCount)));
  const paramStep = Math.min(caps.workgroups, blockStep > 1 ? paramCount : Math.max(1, Math.min(paramCount, budget)));
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
  opts: { maxGroupWords: number; targetSiteYears: number; limits?: DeviceLimits; cellMultiple?: number },
): GroupPlan[] {
  const siteYears = Math.max(1, p.nSites * p.nYears);
  const caps = capsOf(opts.limits);
  const grid = { workgroups: caps.workgroups, cells: maxCells(p, caps), multiple: Math.max(1, Math.floor(opts.cellMultiple ?? 1)) };
  const byMemory = Math.max(1, Math.floor(opts.maxGroupWords / wordsPerParamSet(p)));
  const groupSize = Math.min(paramSets, byMemory, maxGroupParamSets(p, caps));
  const groups: GroupPlan[] = [];
  for (let base = 0; base < paramSets; base += groupSize) {
    const count = Math.min(groupSize, paramSets - base);
    const main = dispatches(count, draws, siteYears, opts.targetSiteYears, grid);
    groups.push({
      paramBase: base,
      paramCount: count,
      pilot: dispatches(count, Math.min(draws, PILOT_DRAWS), siteYears, opts.targetSiteYears, grid),
      main,
      // reduce, not Math.max(...): a finely cut plan can hold more dispatches than a call has arguments.
      maxPartialFloats: main.reduce((m, d) => Math.max(m, d.paramCount * d.blockCount), 0) * p.nSeries * 2,
    });
  }
  return groups;
}
