// Raw samples: every draw's value of chosen series for one parameter set, so an analyst can audit
// a summary. The draws are the run's own (same seed, same absolute parameter-set index, same
// knob values), so their mean is the run's mean.
import type { Scenario } from '../scenario/schema';
import type { Backend, BackendTuning } from './backend';
import { BLOCK_DRAWS, counterLayout, HEADLINE_KEYS, NKNOBS, packScenario } from './layout';
import { buildParamSets } from './paramSets';
import { planRun } from './plan';
import { checkOptions, DEFAULT_DRAWS, groupParams, RunOptionError } from './runner';
import { RunAbortedError, type RunOptions, type SeriesInfo } from './types';

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

function chooseSeries(all: SeriesInfo[], keys: string[] | undefined): number[] {
  const wanted = keys ?? HEADLINE_KEYS;
  return wanted.map((key) => {
    const i = all.findIndex((s) => s.key === key);
    if (i < 0) throw new RunOptionError(`series: no series '${key}' (known: ${all.map((s) => s.key).join(', ')})`);
    return i;
  });
}

export async function sampleWithBackend(backend: Backend, tuning: BackendTuning, scenario: Scenario, options: SampleOptions = {}): Promise<RawSamples> {
  const draws = options.draws ?? DEFAULT_DRAWS;
  const seed = options.seed ?? 1;
  const paramSet = options.paramSet ?? 0;
  checkOptions(draws, seed);
  const packed = packScenario(scenario);
  const knobs = buildParamSets(scenario, options.paramSets ?? 1, seed);
  const K = knobs.length / NKNOBS;
  if (!Number.isInteger(paramSet) || paramSet < 0 || paramSet >= K) throw new RunOptionError(`paramSet: must be a whole number within [0, ${K - 1}]`);
  const picked = chooseSeries(packed.series, options.series);
  const columns = picked.map(() => new Float32Array(draws));
  const [group] = planRun(packed, 1, draws, tuning);
  const maxBlocks = Math.max(...group.main.map((d) => d.blockCount));
  const layout = counterLayout(1, packed);
  // The absolute index keys the random streams, so these are the run's draws of this set.
  const base = groupParams(packed, { seed, draws, crn: options.commonRandomNumbers ?? false, paramBase: paramSet, paramCount: 1 });
  const row = knobs.slice(paramSet * NKNOBS, (paramSet + 1) * NKNOBS);
  await backend.beginGroup({ packed, knobs: row, paramCount: 1, layout, maxPartialFloats: maxBlocks * BLOCK_DRAWS * packed.nSeries, base });
  let done = 0;
  for (const d of group.main) {
    if (options.signal?.aborted) throw new RunAbortedError();
    const values = await backend.raw({ ...base, paramOffset: 0, paramCount: 1, blockOffset: d.blockOffset, blockCount: d.blockCount });
    const first = d.blockOffset * BLOCK_DRAWS;
    for (let r = 0; r < d.drawCount; r++) {
      picked.forEach((s, c) => (columns[c][first + r] = values[r * packed.nSeries + s]));
    }
    done += d.drawCount;
    options.onProgress?.({ doneDraws: done, totalDraws: draws, fraction: done / draws, elapsedMs: 0 });
  }
  return { paramSet, seed, draws, series: picked.map((s) => packed.series[s]), columns };
}
