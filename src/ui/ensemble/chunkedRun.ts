// Runs K parameter sets as a series of engine runs of a few sets each (RunOptions.paramSetRange).
// The engine does one job at a time, so one long run would hold every live knob run behind it;
// in chunks of about half a second the live view's runs slot in between and the map keeps
// answering while thousands of sets run. Shards of one design are keyed by absolute set index,
// so the chunks merged in order are the unchunked run number for number (docs/scale.md).
import { checkDraws, checkRunOptions, paramSetCount, RunOptionError } from '../../engine/options';
import type { BackendKind, Engine, RunOptions, RunResult } from '../../engine/types';
import { PER_SET_ARRAYS, RunAbortedError } from '../../engine/types';

/** Site-year samples per chunk before any run has measured the backend: ~0.5 s on a CPU fallback, a few dispatches on a GPU. */
const CHUNK_SITE_YEARS: Record<BackendKind, number> = { cpu: 2 ** 19, webgpu: 2 ** 24 };
/** A chunk lasts about this long at the measured rate: a knob move waits at most one chunk. */
export const CHUNK_SECONDS = 0.5;

/**
 * Parameter sets per chunk: what the measured rate (site-year samples/s of the last run) does in
 * CHUNK_SECONDS, else the backend's usual size. A software WebGPU adapter runs at a CPU's pace,
 * and a fixed GPU-sized chunk there kept knob moves waiting for minutes.
 */
export function chunkSetsFor(backend: BackendKind, draws: number, siteYears: number, K: number, rate?: number): number {
  const per = Math.max(1, draws * siteYears);
  const budget = rate !== undefined && Number.isFinite(rate) && rate > 0 ? rate * CHUNK_SECONDS : CHUNK_SITE_YEARS[backend];
  return Math.max(1, Math.min(K, Math.floor(budget / per)));
}

/** K, as the engine counts RunOptions.paramSets (and checks it: a bad one is a RunOptionError). */
export function setCount(paramSets: RunOptions['paramSets']): number {
  return paramSetCount(paramSets);
}

/** A result with room for all K sets, shaped like `first` (a chunk of the same run). */
function allocate(first: RunResult, K: number): RunResult {
  const per = (a: Float32Array): number => a.length / Math.max(1, first.paramSetCount);
  const out: RunResult = { ...first, paramSetCount: K, firstParamSet: 0, histograms: undefined, elapsedMs: 0 };
  for (const key of PER_SET_ARRAYS) out[key] = new Float32Array(K * per(first[key]));
  return out;
}

function place(into: RunResult, chunk: RunResult, first: number): void {
  const n = chunk.paramSetCount;
  for (const key of PER_SET_ARRAYS) {
    const src = chunk[key];
    into[key].set(src, first * (src.length / n));
  }
  into.elapsedMs += chunk.elapsedMs;
}

export interface ChunkedRunOptions extends RunOptions {
  chunkSets: number;
  /** After every chunk: the result so far (the same arrays, filled up to `rows` sets). */
  onChunk?: (result: RunResult, rows: number) => void;
}

export async function chunkedRun(
  engine: Pick<Engine, 'run'>,
  scenario: Parameters<Engine['run']>[0],
  options: ChunkedRunOptions,
): Promise<RunResult> {
  const { chunkSets, onChunk, onProgress, signal, ...run } = options;
  // The whole run's options, checked once by the engine's rules before the first chunk.
  const checked = checkRunOptions({ ...run, signal });
  const K = checked.paramSets.count;
  const draws = checked.draws;
  if (!Number.isInteger(chunkSets) || chunkSets < 1) throw new RunOptionError('chunkSets', `must be a whole number ≥ 1 (got ${chunkSets})`);
  const t0 = performance.now();
  let merged: RunResult | undefined;
  for (let first = 0; first < K; first += chunkSets) {
    if (signal?.aborted) throw new RunAbortedError();
    const count = Math.min(chunkSets, K - first);
    const chunk = await engine.run(scenario, {
      ...run,
      paramSetRange: { first, count },
      signal,
      onProgress: (p) =>
        onProgress?.({
          doneDraws: first * draws + p.doneDraws,
          totalDraws: K * draws,
          fraction: (first * draws + p.doneDraws) / (K * draws),
          elapsedMs: performance.now() - t0,
        }),
    });
    merged ??= allocate(chunk, K);
    place(merged, chunk, first);
    onChunk?.(merged, first + count);
  }
  if (!merged) throw new Error('no parameter sets to run');
  const siteYears = merged.siteIds.length * merged.years.length;
  merged.siteYearSamplesPerSecond = (K * draws * siteYears) / Math.max(1e-3, merged.elapsedMs / 1000);
  return merged;
}

/** An engine whose run() goes in chunks: what runSensitivity is given, so it too lets live runs through. */
export function chunkedEngine(engine: Engine, chunkSets: (K: number, draws: number) => number): Pick<Engine, 'run'> {
  return {
    run: (scenario, options = {}) => {
      const K = setCount(options.paramSets);
      return chunkedRun(engine, scenario, { ...options, chunkSets: chunkSets(K, checkDraws(options.draws)) });
    },
  };
}
