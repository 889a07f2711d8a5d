// Raw samples: every draw's value of chosen series for one parameter set, so an analyst can audit
// a summary. The draws are the run's own (same seed, same absolute parameter-set index, same
// knob values), so their mean is the run's mean.
import type { Scenario } from '../scenario/schema';
import type { Backend, BackendTuning } from './backend';
import { BLOCK_DRAWS } from '../kernel/contract';
import { counterLayout } from './counters';
import { packScenario } from './pack';
import { checkSampleOptions, type CheckedSampleOptions } from './options';
import { knobMatrix } from './paramSets';
import { planRun } from './plan';
import { groupParams } from './runner';
import { checkScenario } from '../scenario/validate';
import { RunAbortedError, type RawSamples, type SampleOptions } from './types';

export type { RawSamples, SampleOptions } from './types';

/** A sample request's scenario and options, checked before anything is allocated. */
export interface PreparedSamples {
  scenario: Scenario;
  options: CheckedSampleOptions;
}

/** The same scenario check as a run, then SampleOptions (set index in range, series of this scenario). */
export function prepareSamples(scenario: Scenario, options: SampleOptions | undefined): PreparedSamples {
  const valid = checkScenario(scenario);
  return { scenario: valid, options: checkSampleOptions(valid, options) };
}

export async function sampleWithBackend(
  backend: Backend,
  tuning: BackendTuning,
  scenario: Scenario,
  options: SampleOptions = {},
): Promise<RawSamples> {
  return samplePrepared(backend, tuning, prepareSamples(scenario, options));
}

export async function samplePrepared(backend: Backend, tuning: BackendTuning, prepared: PreparedSamples): Promise<RawSamples> {
  const { scenario, options } = prepared;
  const { draws, seed, paramSet } = options;
  const packed = packScenario(scenario, options.shortfallThreshold);
  const row = knobMatrix(scenario, options.paramSets, seed, { first: paramSet, count: 1 });
  const picked = options.seriesIndex;
  const columns = picked.map(() => new Float32Array(draws));
  const [group] = planRun(packed, 1, draws, tuning);
  const maxBlocks = group.main.reduce((m, d) => Math.max(m, d.blockCount), 0);
  const layout = counterLayout(1, packed);
  // The absolute index keys the random streams, so these are the run's draws of this set.
  const base = groupParams(packed, { seed, draws, crn: options.commonRandomNumbers, paramBase: paramSet, paramCount: 1 });
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
  return { paramSet, seed, draws, series: options.series, columns };
}
