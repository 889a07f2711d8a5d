// Merging the result files of shards back into the result of the whole run. Each shard ran a
// contiguous slice of the same K parameter sets with the same seed, keyed by absolute index, so
// concatenating the slices in order reproduces the unsharded run number for number — provided
// they really are slices of one run, which is what most of this file checks.
import type { EnsembleResultJson } from './shards';

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface NamedShard {
  /** Where it came from (a file name), for messages. */
  name: string;
  json: EnsembleResultJson;
}

export interface MergeOutcome {
  merged: EnsembleResultJson;
  /** Things that do not stop a merge but deserve a look (mixed backends). */
  warnings: string[];
}

function isShardJson(x: unknown): x is EnsembleResultJson {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Partial<EnsembleResultJson>;
  return typeof o.ensemble === 'object' && o.ensemble !== null && typeof o.run === 'object' && Array.isArray(o.paramSets);
}

/** Parses one shard file's text; the name is for messages. */
export function parseShardJson(name: string, text: string): NamedShard {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new MergeError(`${name}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isShardJson(json)) throw new MergeError(`${name}: not a result written by \`npm run sim -- --out\` (no "ensemble" section)`);
  return { name, json };
}

/** Fields every shard of one run must share, with how to read them. */
const SAME: readonly [string, (j: EnsembleResultJson) => unknown][] = [
  ['scenario name', (j) => j.scenario.name],
  ['scenario hash', (j) => j.ensemble.scenarioHash],
  ['seed', (j) => j.run.seed],
  ['draws', (j) => j.run.draws],
  ['design', (j) => j.ensemble.design],
  ['parameter sets K', (j) => j.ensemble.paramSetTotal],
  ['common random numbers', (j) => j.ensemble.commonRandomNumbers],
  ['shard count n', (j) => j.ensemble.shard.count],
  ['years', (j) => j.years.join(',')],
  ['knob names', (j) => j.knobNames.join(',')],
];

function checkSame(shards: readonly NamedShard[]): void {
  const head = shards[0] as NamedShard;
  for (const [what, read] of SAME) {
    const want = read(head.json);
    for (const s of shards.slice(1)) {
      const got = read(s.json);
      if (got !== want)
        throw new MergeError(
          `${s.name}: ${what} is ${JSON.stringify(got)} but ${head.name} has ${JSON.stringify(want)}: not shards of the same run`,
        );
    }
  }
}

function checkOwnSlice(s: NamedShard): void {
  const { run, paramSets, ensemble } = s.json;
  if (paramSets.length !== run.paramSetCount)
    throw new MergeError(`${s.name}: lists ${paramSets.length} parameter sets but says it ran ${run.paramSetCount}`);
  paramSets.forEach((p, k) => {
    if (p.index !== run.firstParamSet + k)
      throw new MergeError(`${s.name}: parameter set ${k} has index ${p.index}, expected ${run.firstParamSet + k}`);
  });
  const K = ensemble.paramSetTotal;
  const { index: i, count: n } = ensemble.shard;
  const first = Math.floor((i * K) / n);
  const count = Math.floor(((i + 1) * K) / n) - first;
  if (run.firstParamSet !== first || run.paramSetCount !== count) {
    throw new MergeError(
      `${s.name}: shard ${i}/${n} of K = ${K} should hold sets [${first}, ${first + count}) but holds [${run.firstParamSet}, ${run.firstParamSet + run.paramSetCount})`,
    );
  }
}

/** Names duplicated and missing shards by number, which says more than a gap in set indices. */
function checkShardNumbers(shards: readonly NamedShard[]): void {
  const byIndex = new Map<number, string>();
  for (const s of shards) {
    const { index, count } = s.json.ensemble.shard;
    const seen = byIndex.get(index);
    if (seen !== undefined) throw new MergeError(`${seen} and ${s.name} are both shard ${index}/${count}: give each shard once`);
    byIndex.set(index, s.name);
  }
  const { count: n } = (shards[0] as NamedShard).json.ensemble.shard;
  const K = (shards[0] as NamedShard).json.ensemble.paramSetTotal;
  const missing: string[] = [];
  for (let i = 0; i < n && missing.length < 5; i++) {
    if (!byIndex.has(i)) missing.push(`${i}/${n} (sets [${Math.floor((i * K) / n)}, ${Math.floor(((i + 1) * K) / n)}))`);
  }
  if (missing.length > 0)
    throw new MergeError(
      `missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')}${shards.length + missing.length < n ? ', …' : ''}: give every shard of the run`,
    );
}

/** Checks that the shards are the n slices of one run, then concatenates them in order. */
export function mergeShards(shards: readonly NamedShard[]): MergeOutcome {
  if (shards.length === 0) throw new MergeError('no shard files given');
  checkSame(shards);
  shards.forEach(checkOwnSlice);
  checkShardNumbers(shards);
  const sorted = [...shards].sort((a, b) => a.json.run.firstParamSet - b.json.run.firstParamSet);
  const K = sorted[0].json.ensemble.paramSetTotal;
  let next = 0;
  for (const s of sorted) {
    const { firstParamSet: first, paramSetCount: count } = s.json.run;
    if (first < next)
      throw new MergeError(
        `${s.name}: parameter sets [${first}, ${first + count}) overlap sets already given (up to ${next}); was a shard passed twice?`,
      );
    if (first > next)
      throw new MergeError(`parameter sets [${next}, ${first}) are missing (before ${s.name}): give every shard of the run`);
    next = first + count;
  }
  if (next !== K)
    throw new MergeError(
      `parameter sets [${next}, ${K}) are missing (after ${sorted[sorted.length - 1].name}): give every shard of the run`,
    );

  const warnings: string[] = [];
  const backends = [...new Set(sorted.map((s) => `${s.json.run.backend} (${s.json.run.device})`))];
  if (backends.length > 1) {
    warnings.push(`shards ran on different backends (${backends.join('; ')}): results agree only to float32 tolerance, not bit for bit`);
  }
  const head = sorted[0].json;
  const elapsedMs = sorted.reduce((t, s) => t + s.json.run.elapsedMs, 0);
  const siteYears = head.paramSets[0] ? Object.keys(head.paramSets[0].sites).length * head.years.length : 0;
  const merged: EnsembleResultJson = {
    scenario: head.scenario,
    run: {
      backend: head.run.backend,
      device: backends.length > 1 ? backends.join('; ') : head.run.device,
      seed: head.run.seed,
      draws: head.run.draws,
      paramSetCount: K,
      firstParamSet: 0,
      // Summed over shards: the compute time the run took, not its wall-clock time.
      elapsedMs,
      siteYearSamplesPerSecond: elapsedMs > 0 ? (K * head.run.draws * siteYears) / (elapsedMs / 1000) : 0,
    },
    years: head.years,
    knobNames: head.knobNames,
    paramSets: sorted.flatMap((s) => s.json.paramSets),
    ensemble: { ...head.ensemble, shard: { index: 0, count: 1 }, mergedShards: sorted.length },
  };
  return { merged, warnings };
}
