// The ensemble's part of the page state: what the visitor chose (kept in the URL) and what the
// runs produced (kept only in memory: an ensemble is re-run, never serialised into a link).
import type { RunProgress, RunResult } from '../../engine/types';
import type { SensitivityRunResult } from '../../analysis/sensitivityRun';
import type { KnobName } from '../../scenario/names';
import type { Scenario } from '../../scenario/schema';

export type EnsembleDesign = 'sobol' | 'lhs';

export interface EnsembleSettings {
  design: EnsembleDesign;
  /** Parameter sets K; undefined = auto: what the measured throughput runs in ~30 s (sizing.ts). */
  count?: number;
  /** Monte Carlo draws per parameter set. */
  draws: number;
}

/** K by backend before any run has measured its throughput (sizing.ts): a CPU fallback cannot do 4096 sets in reasonable time. */
export const ENSEMBLE_DEFAULT_K = { webgpu: 4096, cpu: 256 } as const;
export const DEFAULT_ENSEMBLE: EnsembleSettings = { design: 'sobol', draws: 256 };

/** Axes of the scenario-discovery views: a knob across, an output up, an output as colour. */
export interface DiscoveryAxes {
  /** undefined = the first varied knob. */
  x?: KnobName;
  y: string;
  colour: string;
}

export const DEFAULT_AXES: DiscoveryAxes = { y: 'energyServedMWh', colour: 'curtailedMWh' };

/** "<metric> <op> <value>": a parameter set fails when its metric (display units) crosses value. */
export interface FailureDef {
  metric: string;
  op: '>' | '<';
  value: number;
}

/** P(curtailment) in 2030 above 20 % in the region with the most planned load ('*': see fitMetric). */
export const DEFAULT_FAILURE: FailureDef = { metric: 'curtailP[*][2030]', op: '>', value: 20 };

export interface SensitivitySettings {
  /** Headline series key the tornado shows. */
  output: string;
  /** Saltelli base rows N; undefined = chosen by the backend's budget. */
  n?: number;
}

export const DEFAULT_SENSITIVITY: SensitivitySettings = { output: 'energyServedMWh' };

export type JobStatus = 'running' | 'done' | 'cancelled' | 'error';

/** An ensemble run, growing chunk by chunk: its rows are the first `rows` parameter sets. */
export interface EnsembleRun {
  status: JobStatus;
  progress?: RunProgress;
  error?: string;
  /** K sets in full (arrays sized for all K); only `rows` are filled. */
  result?: RunResult;
  rows: number;
  K: number;
  design: EnsembleDesign;
  draws: number;
  seed: number;
  /** The scenario the sets were run on (ranges as min/max, other knobs pinned). */
  scenario: Scenario;
  /** The knobs the design varied and their ranges, in KNOB_NAMES order. */
  varied: KnobName[];
  lo: Float64Array;
  hi: Float64Array;
  /** ensembleKey() at the start: compared with the current one to say "settings changed". */
  key: string;
}

/** A brush picks parameter sets: a rectangle on the scatter, or intervals on parallel axes. */
export type Brush =
  | { kind: 'rect'; x: KnobName; y: string; x0: number; x1: number; y0: number; y1: number }
  /** Axis id → [lo, hi]: a knob name (knob units) or a metric id (display units). */
  | { kind: 'axes'; intervals: Record<string, readonly [number, number]>; from?: string };

export interface Selection {
  /** 1 for a selected row, per ensemble row. */
  mask: Uint8Array;
  count: number;
  /** A one-set result holding the means over the selected sets, for the map and region bars. */
  mean?: RunResult;
}

export interface PrimBoxView {
  sentence: string;
  coverage: number;
  density: number;
  count: number;
  brush: Brush;
}

export interface PrimView {
  rows: number;
  failing: number;
  boxes: PrimBoxView[];
  message?: string;
}

export interface SensitivityPlan {
  n: number;
  sets: number;
  draws: number;
  knobs: KnobName[];
}

export interface SensitivityView {
  status: JobStatus;
  plan: SensitivityPlan;
  progress?: RunProgress;
  result?: SensitivityRunResult;
  error?: string;
  key: string;
  rangesKey: string;
}
