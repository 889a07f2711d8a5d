// What one CPU worker does: runs sub-dispatches of the simulate kernel's TypeScript mirror and
// keeps its own counters, which the backend sums (integers, so the order does not matter).
import type * as Comlink from 'comlink';
import type { Params } from '../../kernel/common';
import { BLOCK_DRAWS, MODE_MAIN, MODE_PILOT, MODE_RAW } from '../../kernel/contract';
import { PilotStash } from '../../kernel/PilotStash';
import { SimulateKernel, type KernelBuffers } from '../../kernel/simulate';

/** N CPU workers behind comlink (Web Workers in the browser, worker_threads in Node). */
export interface WorkerPool {
  workers: Comlink.Remote<CpuWorkerApi>[];
  terminate(): Promise<void>;
}

export interface WorkerGroupSetup {
  scenario: Float32Array;
  knobs: Float32Array;
  seriesInfo: Float32Array;
  paramCount: number;
  rangeWords: number;
  counterWords: number;
}

export class CpuWorkerApi {
  private buffers: KernelBuffers | undefined;
  /** The pilot's draws this worker ran, for its main pass to bin (CpuBackend routes those cells back here). */
  private stash = new PilotStash(0);

  beginGroup(setup: WorkerGroupSetup): void {
    this.stash = new PilotStash(setup.paramCount);
    const ranges = new Uint32Array(setup.rangeWords);
    // Empty ranges: min above every float's bits, max below.
    for (let i = 0; i < ranges.length; i += 2) ranges[i] = 0xffffffff;
    this.buffers = {
      scenario: setup.scenario,
      knobs: setup.knobs,
      seriesInfo: setup.seriesInfo,
      ranges,
      counters: new Uint32Array(setup.counterWords),
      partials: new Float32Array(0),
    };
  }

  private get group(): KernelBuffers {
    if (!this.buffers) throw new Error('CPU worker: beginGroup was not called');
    return this.buffers;
  }

  /** Pilot over a sub-dispatch: ranges, and the main pass's counters of its draws, whose values it keeps. */
  pilot(params: Params): void {
    new SimulateKernel(this.group, params, this.stash).dispatch(MODE_PILOT);
  }

  takeRanges(): Uint32Array {
    return this.group.ranges;
  }

  setRanges(ranges: Uint32Array): void {
    this.group.ranges.set(ranges);
  }

  /**
   * Main pass over a sub-dispatch, binning the cells this worker's pilot kept; returns its block
   * sums (paramCount × blockCount × series × 2).
   */
  main(params: Params): Float32Array {
    const g = this.group;
    g.partials = new Float32Array(params.paramCount * params.blockCount * params.nSeries * 2);
    new SimulateKernel(g, params, this.stash).dispatch(MODE_MAIN);
    return g.partials;
  }

  /** Raw samples of a sub-dispatch: (paramCount × blockCount × 64) rows × series. */
  raw(params: Params): Float32Array {
    const g = this.group;
    g.partials = new Float32Array(params.paramCount * params.blockCount * BLOCK_DRAWS * params.nSeries);
    new SimulateKernel(g, params).dispatch(MODE_RAW);
    return g.partials;
  }

  /** The group's counters; every kept pilot cell must have been binned by now. */
  takeCounters(): Uint32Array {
    if (this.stash.size > 0) throw new Error(`CPU worker: ${this.stash.size} pilot cells were kept but never binned`);
    return this.group.counters;
  }
}
