// Global sensitivity of a scenario's outputs to its knobs: the engine runs every row of a
// Saltelli design over the knobs' ranges as one parameter set, and each output's mean over the
// draws is the function whose variance is apportioned. Common random numbers are on by default:
// every parameter set then sees the same random streams, so the mean is a deterministic function
// of the knobs and the indices measure the knobs alone, not Monte Carlo noise (a knob that
// changes nothing then gets exactly 0).
import { knobRange, rangedKnobs } from '../engine/paramSets';
import { findSeries, seriesSummary } from '../engine/resultJson';
import type { Engine, KnobValues, RunProgress } from '../engine/types';
import type { KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { saltelliDesign, SALTELLI_MAX_INPUTS } from './saltelli';
import { sobolIndices, type SensitivityIndices } from './sensitivity';
import { HEADLINE_KEYS, seriesOf } from '../engine/series';
import { checkScenario } from '../scenario/validate';

export interface SensitivityRunOptions {
  /** Base rows N of the Saltelli design: the engine runs N (d + 2) parameter sets. A power of two is best. */
  n: number;
  /** Draws per parameter set. Default 1024. */
  draws?: number;
  seed?: number;
  /** Knobs to analyse, default every knob with a range; a knob without one may be listed (it gets 0). */
  knobs?: readonly KnobName[];
  /** Series keys, default the headline metrics. */
  outputs?: readonly string[];
  /** Default true (see the top of this file). */
  commonRandomNumbers?: boolean;
  resamples?: number;
  confidence?: number;
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
}

export interface SensitivityRunResult {
  knobs: KnobName[];
  /** Each knob's [lo, hi] as sampled. */
  ranges: { lo: number; hi: number }[];
  n: number;
  /** Parameter sets run: N (d + 2). */
  evaluations: number;
  draws: number;
  seed: number;
  /** Per output key, indices in `knobs` order. */
  outputs: Record<string, SensitivityIndices>;
}

export class SensitivityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SensitivityError';
  }
}

/** A rank correlation the scenario sets between two of the analysed knobs. */
export interface KnobCorrelation {
  /** Where it is in the scenario: 'correlations[2]'. */
  path: string;
  knobs: [KnobName, KnobName];
  spearman: number;
}

/**
 * Sobol' indices apportion variance between independent inputs; the scenario's correlations
 * between knobs shape every design the engine builds, so the indices of correlated knobs would
 * answer a different question. Refused rather than computed.
 */
export class CorrelatedKnobsError extends SensitivityError {
  readonly correlations: KnobCorrelation[];
  constructor(correlations: KnobCorrelation[]) {
    const list = correlations.map((c) => `${c.knobs[0]} and ${c.knobs[1]} (Spearman ${c.spearman}, ${c.path})`).join('; ');
    super(
      `Sobol' indices assume independent knobs, but the scenario correlates ${list}: ` +
        'remove the correlation from the scenario, or give only one of the knobs a range',
    );
    this.name = 'CorrelatedKnobsError';
    this.correlations = correlations;
  }
}

/** Throws CorrelatedKnobsError when the scenario correlates two of `knobs` that both have a range. */
export function checkIndependentKnobs(scenario: Scenario, knobs: readonly KnobName[]): void {
  const ranged = new Set(rangedKnobs(scenario).filter((k) => knobs.includes(k)));
  const isAnalysed = (name: string): name is KnobName => ranged.has(name as KnobName);
  const found: KnobCorrelation[] = [];
  scenario.correlations.forEach((c, i) => {
    const [a, b] = c.inputs;
    if (c.spearman !== 0 && isAnalysed(a) && isAnalysed(b)) found.push({ path: `correlations[${i}]`, knobs: [a, b], spearman: c.spearman });
  });
  if (found.length > 0) throw new CorrelatedKnobsError(found);
}

export async function runSensitivity(
  engine: Pick<Engine, 'run'>,
  input: Scenario,
  options: SensitivityRunOptions,
): Promise<SensitivityRunResult> {
  // The engine's scenario check, first: the checks below read the scenario's knobs and correlations.
  const scenario = checkScenario(input);
  const knobs = [...(options.knobs ?? rangedKnobs(scenario))];
  const d = knobs.length;
  if (d === 0) throw new SensitivityError('no knob to analyse: the scenario gives no knob a range (knobs.NAME = { value, min, max })');
  if (d > SALTELLI_MAX_INPUTS) throw new SensitivityError(`at most ${SALTELLI_MAX_INPUTS} knobs at once (got ${d})`);
  if (new Set(knobs).size !== d) throw new SensitivityError(`a knob is listed twice: ${knobs.join(', ')}`);
  checkIndependentKnobs(scenario, knobs);
  const seed = options.seed ?? 1;
  const draws = options.draws ?? 1024;
  const keys = [...(options.outputs ?? HEADLINE_KEYS)];
  // Checked before the run, which may be long, rather than after it.
  const known = new Set(seriesOf(scenario).map((si) => si.key));
  for (const key of keys) if (!known.has(key)) throw new SensitivityError(`output '${key}' is not a series of this scenario`);
  const ranges = knobs.map((k) => knobRange(scenario, k));
  const design = saltelliDesign(options.n, d, { seed });
  const rows = design.points.length / d;
  const paramSets: KnobValues[] = [];
  for (let r = 0; r < rows; r++) {
    const set: KnobValues = {};
    knobs.forEach((k, i) => {
      const { lo, hi } = ranges[i] as { lo: number; hi: number };
      set[k] = lo + (hi - lo) * (design.points[r * d + i] as number);
    });
    paramSets.push(set);
  }
  const result = await engine.run(scenario, {
    paramSets,
    draws,
    seed,
    commonRandomNumbers: options.commonRandomNumbers ?? true,
    histograms: false,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const outputs: Record<string, SensitivityIndices> = {};
  for (const key of keys) {
    const found = findSeries(result, key);
    if (!found) throw new SensitivityError(`output '${key}' is not in the result`);
    const y = Float64Array.from({ length: rows }, (_, p) => seriesSummary(result, p, found.index).mean);
    outputs[key] = sobolIndices(y, options.n, d, { resamples: options.resamples, confidence: options.confidence, seed });
  }
  return { knobs, ranges, n: options.n, evaluations: rows, draws, seed, outputs };
}
