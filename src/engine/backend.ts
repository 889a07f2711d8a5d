// What the run loop asks of a backend. The GPU and CPU backends implement the same kernels
// (simulate, fold, summarize) over the same buffer layout; see src/kernel/contract.ts and
// src/engine/counters.ts.
import type { Params } from '../kernel/common';
import type { CounterLayout } from './counters';
import type { PackedScenario } from './pack';
import type { BackendKind } from './types';

export interface GroupSetup {
  packed: PackedScenario;
  /** The group's knob values, paramCount × NKNOBS. */
  knobs: Float32Array;
  paramCount: number;
  layout: CounterLayout;
  maxPartialFloats: number;
  /** Params shared by every dispatch of the group; dispatches fill in their own offsets. */
  base: Params;
}

export interface GroupOutput {
  /** paramCount × series × SUMMARY_STRIDE */
  summary: Float32Array;
  /** paramCount × series × 2: pilot min/max bits */
  ranges: Uint32Array;
  /** The counters buffer (histograms only when asked for; the rest always). */
  counters: Uint32Array;
}

/** Device limits a run must be planned within (a GPU's; the CPU has none). */
export interface DeviceLimits {
  /** Workgroups per dimension of one dispatch (65,535 on most GPUs). */
  maxComputeWorkgroupsPerDimension: number;
  /** Bytes of one storage-buffer binding. */
  maxStorageBufferBindingSize: number;
  /** Bytes of one buffer (staging buffers included). */
  maxBufferSize: number;
}

export interface Backend {
  readonly kind: BackendKind;
  readonly device: string;
  /** The device's limits, when it has any. */
  readonly limits?: DeviceLimits;
  beginGroup(setup: GroupSetup): Promise<void>;
  /** Runs one dispatch of the pilot (mode 0) or the main pass (mode 1, then folds its sums). */
  dispatch(params: Params, mode: 0 | 1): Promise<void>;
  finishGroup(withHistograms: boolean): Promise<GroupOutput>;
  /** Raw samples of one dispatch: (paramCount × blockCount × BLOCK_DRAWS) rows × series values. */
  raw(params: Params): Promise<Float32Array>;
  dispose(): Promise<void>;
  /** Rejects or resolves with a reason when the backend can no longer run (a lost GPU device). */
  readonly lost?: Promise<string>;
}

export interface BackendTuning {
  /** Words of device memory a group of parameter sets may take. */
  maxGroupWords: number;
  /** Site-year draws per dispatch: short enough for progress, cancellation and watchdogs. */
  targetSiteYears: number;
  /** Every dispatch and buffer is planned within these (src/engine/plan.ts); none on the CPU. */
  limits?: DeviceLimits;
  /**
   * A dispatch's (parameter set, block) cells come in multiples of this where it has that many:
   * the CPU cuts each dispatch into one piece per worker, and 11 cells on 2 workers left one
   * waiting for the other's sixth.
   */
  cellMultiple?: number;
}
