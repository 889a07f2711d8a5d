// Merging the result files of shards back into the result of the whole run. Each shard ran a
// contiguous slice of the same K parameter sets with the same seed, keyed by absolute index, so
// concatenating the slices in order reproduces the unsharded run number for number — provided
// they really are slices of one run, which is what most of this file checks.
import { capLines, echo } from '../scenario/echo';
import { resultFileProblems } from './shardSchema';
import { resultDigest, sealResult, type EnsembleResultJson } from './shards';

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
  /** Things that do not stop a merge but deserve a look (WebGPU shards from different adapters). */
  warnings: string[];
}

/** How to make a file merge will take again: the run's own command, for this file's shard. */
const regenerate = (s: NamedShard) => {
  const { index, count } = s.json.ensemble.shard;
  return `regenerate it with the run's npm run sim options and --shard ${index}/${count} --out ${s.name}`;
};

/**
 * Parses one shard file's text and checks its shape (shardSchema.ts): the name is for messages,
 * `position` (1-based, among the files given) says which argument it was.
 */
export function parseShardJson(name: string, text: string, position?: number): NamedShard {
  const label = position === undefined ? name : `shard ${position} (${name})`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new MergeError(`${label}: not JSON (${echo(e instanceof Error ? e.message : String(e), 160)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('ensemble' in json))
    throw new MergeError(`${label}: not a result written by \`npm run sim -- --out\` (no "ensemble" section)`);
  const problems = resultFileProblems(json);
  if (problems.length === 1) throw new MergeError(`${label}: ${problems[0]}`);
  if (problems.length > 1)
    throw new MergeError(
      `${label}: ${problems.length} problems:\n${capLines(problems)
        .map((l) => `  ${l}`)
        .join('\n')}`,
    );
  return { name, json: json as EnsembleResultJson };
}

/** Refuses a shard whose digest is missing or does not match its contents (edited or damaged). */
export async function verifyShard(s: NamedShard): Promise<void> {
  const { digest } = s.json.ensemble;
  if (digest === undefined) throw new MergeError(`${s.name}: has no integrity digest (written by an older npm run sim): ${regenerate(s)}`);
  if ((await resultDigest(s.json)) !== digest)
    throw new MergeError(
      `${s.name}: its contents do not match its integrity digest: the file was changed after npm run sim wrote it; ${regenerate(s)}`,
    );
}

/** The CLI's merge: every shard's digest checked, the shards merged, the result given its own digest. */
export async function mergeVerified(shards: readonly NamedShard[]): Promise<MergeOutcome> {
  for (const s of shards) await verifyShard(s);
  const { merged, warnings } = mergeShards(shards);
  return { merged: await sealResult(merged), warnings };
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
  ['series keys', (j) => Object.keys(j.paramSets[0]?.series ?? {}).join(',')],
  ['site ids', (j) => Object.keys(j.paramSets[0]?.sites ?? {}).join(',')],
  ['region ids', (j) => Object.keys(j.paramSets[0]?.regions ?? {}).join(',')],
];

/**
 * Shards from the WebGPU and the CPU backend agree only to float32 tolerance, so their merge
 * would equal neither backend's run: refused, naming a file of each.
 */
function checkOneBackend(shards: readonly NamedShard[]): void {
  const head = shards[0] as NamedShard;
  const other = shards.find((s) => s.json.run.backend !== head.json.run.backend);
  if (!other) return;
  const [a, b] = [head.json.run.backend, other.json.run.backend];
  throw new MergeError(
    `${head.name} ran on ${a} but ${other.name} on ${b}: the shards of one run must share a backend ` +
      `(${a} and ${b} agree only to float32 tolerance); rerun ${other.name} with --backend ${a}`,
  );
}

function withoutDigest(meta: EnsembleResultJson['ensemble']): EnsembleResultJson['ensemble'] {
  const { digest: _, ...rest } = meta;
  return rest;
}

const shown = (v: unknown) => echo(JSON.stringify(v) ?? String(v));

function checkSame(shards: readonly NamedShard[]): void {
  const head = shards[0] as NamedShard;
  for (const [what, read] of SAME) {
    const want = read(head.json);
    for (const s of shards.slice(1)) {
      const got = read(s.json);
      if (got !== want)
        throw new MergeError(`${s.name}: ${what} is ${shown(got)} but ${head.name} has ${shown(want)}: not shards of the same run`);
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
  checkOneBackend(shards);
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
  const devices = [...new Set(sorted.map((s) => s.json.run.device))];
  // CPU shards are bit for bit the same on any number of workers; GPU adapters need not be.
  if (devices.length > 1 && sorted[0].json.run.backend === 'webgpu') {
    warnings.push(`shards ran on different GPUs (${devices.join('; ')}): results agree only to float32 tolerance, not bit for bit`);
  }
  const head = sorted[0].json;
  const elapsedMs = sorted.reduce((t, s) => t + s.json.run.elapsedMs, 0);
  const siteYears = head.paramSets[0] ? Object.keys(head.paramSets[0].sites).length * head.years.length : 0;
  const merged: EnsembleResultJson = {
    scenario: head.scenario,
    run: {
      backend: head.run.backend,
      device: devices.join('; '),
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
    // The shards' digests do not describe the merge: mergeVerified seals it afresh.
    ensemble: { ...withoutDigest(head.ensemble), shard: { index: 0, count: 1 }, mergedShards: sorted.length },
  };
  return { merged, warnings };
}
