// The one engine API shared by the page, the tests and the CLI.
// Option rules (limits, defaults, messages) are in options.ts; createEngine's own options are in
// src/createEngine.ts (they name the GPU handle, which this layer must not know).
import type { KnobName, Scenario } from '../scenario/schema';

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';
export type BackendKind = 'webgpu' | 'cpu';

/** One parameter set: a value for every scenario knob (missing ones take the scenario's value). */
export type KnobValues = Partial<Record<KnobName, number>>;

export interface RunProgress {
  /** Draws finished so far, summed over parameter sets. */
  doneDraws: number;
  totalDraws: number;
  /** 0..1 */
  fraction: number;
  elapsedMs: number;
}

/** K parameter sets spread over the scenario's knob ranges by a design (see src/engine/paramSets.ts). */
export interface ParamSetDesign {
  count: number;
  design: 'random' | 'sobol' | 'lhs';
}

export interface RunOptions {
  /**
   * A count K draws K parameter sets uniformly within each knob's [min, max] (set 0 is the
   * scenario's own knob values), as does { count: K, design: 'random' }; 'sobol' and 'lhs' spread
   * all K sets by a scrambled Sobol' sequence or a Latin hypercube; an array gives the sets
   * explicitly. Default 1.
   */
  paramSets?: number | KnobValues[] | ParamSetDesign;
  /**
   * Run only the sets [first, first + count) of the K that paramSets defines (a shard). Knob
   * values and random streams are those of the same sets in the whole run, so shards merged in
   * order equal the unsharded run. Default: all K.
   */
  paramSetRange?: { first: number; count: number };
  /** Monte Carlo draws per parameter set, within [1, 2^24]. Default (when absent) 4096; null is an error. */
  draws?: number;
  /** 32-bit seed, within [0, 2^32 − 1]. Default 1. */
  seed?: number;
  /** Common random numbers: every parameter set sees the same random streams. Default false. */
  commonRandomNumbers?: boolean;
  /**
   * A share of each year's planned IT load: every shortfallShare[year] series reports
   * P(share not delivered > this) as its exceedance probability. Default 0.1.
   */
  shortfallThreshold?: number;
  /** Return the histograms of every series (large for big K). Default: when K ≤ 16. */
  histograms?: boolean;
  /**
   * Count each region-year's shortfall for its P5/P50/P95 (regionShortfallQuantilesMW). Default:
   * when the design has at most 64 parameter sets.
   */
  regionQuantiles?: boolean;
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
}

export interface SeriesInfo {
  /** e.g. 'energyServedMWh', 'energyDemandedMWh[2030]', 'gridStress[uk-london]' */
  key: string;
  metric: string;
  unit: string;
  year?: number;
  region?: string;
  /** Exceedance probabilities are P(value > threshold). */
  threshold: number;
  /** The series' upper atom (grid stress: its cap), counted exactly like the atom at 0. */
  cap?: number;
  /** For shortfallMW series: the cause (see CAUSES in src/kernel/contract.ts). */
  cause?: string;
}

export interface SeriesSummary {
  mean: number;
  sd: number;
  /** Monte Carlo standard error of the mean: sd / sqrt(draws). */
  se: number;
  p5: number;
  p50: number;
  p95: number;
  pExceed: number;
}

/** The RunResult arrays laid out parameter set by parameter set (K × …), for code that slices or joins them. */
export const PER_SET_ARRAYS = [
  'knobValues',
  'summary',
  'siteMissProbability',
  'siteCauseProbability',
  'siteExpectedLoadMW',
  'regionCurtailProbability',
  'regionShortfallMW',
  'regionShortfallQuantilesMW',
] as const satisfies readonly (keyof RunResult)[];

export interface RunResult {
  backend: BackendKind;
  /** e.g. 'google swiftshader' or 'CPU, 2 workers' */
  device: string;
  seed: number;
  draws: number;
  /** Parameter sets in this result (the slice's size when paramSetRange was given). */
  paramSetCount: number;
  /** Absolute index of this result's first parameter set (0 unless paramSetRange was given). */
  firstParamSet?: number;
  years: number[];
  siteIds: string[];
  regionIds: string[];
  series: SeriesInfo[];
  /** K × NKNOBS, in KNOB_NAMES order. */
  knobValues: Float32Array;
  /** K × series × SUMMARY_STRIDE: mean, sd, p5, p50, p95, pExceed, outOfRangeFraction, 0. */
  summary: Float32Array;
  /** K × sites × years: P(site delivers < (1 − missTolerance) × its planned IT load). */
  siteMissProbability: Float32Array;
  /**
   * K × sites × years × causes (CAUSES order): P(site misses its plan and that cause binds, i.e.
   * takes the largest part of its undelivered load). Summed over causes it is siteMissProbability.
   */
  siteCauseProbability: Float32Array;
  /** K × sites × years: expected delivered IT load (MW, annual average). */
  siteExpectedLoadMW: Float32Array;
  /** K × regions × years: P(datacenter demand exceeds grid headroom). */
  regionCurtailProbability: Float32Array;
  /** K × regions × years × causes: mean MW of planned IT load not delivered, by cause. */
  regionShortfallMW: Float32Array;
  /**
   * K × regions × years × 3: P5, P50, P95 of the MW of the region's planned IT load not delivered
   * (all causes), within one bin (1/32 of the plan) of the draws' own quantiles; empty (length 0)
   * when the run kept no region-year quantiles (RunOptions.regionQuantiles).
   */
  regionShortfallQuantilesMW: Float32Array;
  /** Present when requested: per (K × series) the bin range, and counts K × series × (bins + 2). */
  histograms?: {
    lo: Float32Array;
    hi: Float32Array;
    bins: number;
    /** Underflow, the bins, overflow: draws off the atoms. */
    counts: Uint32Array;
    /** K × series × 2: draws exactly 0, and exactly at the series' cap (SeriesInfo.cap). */
    atoms: Uint32Array;
  };
  elapsedMs: number;
  /** Site-year samples per second: K × draws × sites × years / elapsed. */
  siteYearSamplesPerSecond: number;
}

export interface SampleOptions extends Pick<RunOptions, 'paramSets' | 'draws' | 'seed' | 'commonRandomNumbers' | 'signal' | 'onProgress'> {
  /** Which parameter set of the run's design (0-based). Default 0. */
  paramSet?: number;
  /** Series keys (see RunResult.series). Default: the six headline totals. */
  series?: string[];
}

export interface RawSamples {
  paramSet: number;
  seed: number;
  draws: number;
  series: SeriesInfo[];
  /** One column per series, `draws` values each, in draw order. */
  columns: Float32Array[];
}

/**
 * run and samples check the scenario as parseScenario does (ScenarioError, every issue with its
 * path) and their options (RunOptionError, see options.ts) before anything runs.
 */
export interface Engine {
  readonly backend: BackendKind;
  readonly device: string;
  /** Why this backend runs the model, in words for the page and the CLI (e.g. a software adapter passed over). */
  readonly backendReason: string;
  run(scenario: Scenario, options?: RunOptions): Promise<RunResult>;
  /** Every draw's values of chosen series for one parameter set of a run's design (audits). */
  samples(scenario: Scenario, options?: SampleOptions): Promise<RawSamples>;
  /** Waits for queued jobs, then frees the backend; every later call is refused (EngineDisposedError). */
  dispose(): Promise<void>;
}

export class EngineDisposedError extends Error {
  constructor() {
    super('engine: disposed; create a new engine with createEngine()');
    this.name = 'EngineDisposedError';
  }
}

export class RunAbortedError extends Error {
  constructor() {
    super('run aborted');
    this.name = 'RunAbortedError';
  }
}
