// Sharding a run of K parameter sets over n machines, and the metadata that lets the shards'
// result files be checked and merged: which scenario, design, seed and slice each one ran.
import { designOf, type DesignKind } from '../engine/paramSets';
import type { ResultJson } from '../engine/resultJson';
import type { KnobValues, ParamSetDesign } from '../engine/types';
import { echo } from '../scenario/echo';
import type { Scenario } from '../scenario/schema';

export class ShardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

export interface ShardSpec {
  /** 0-based shard number i < count. */
  index: number;
  count: number;
}

/**
 * Shard i of n runs the sets [⌊iK/n⌋, ⌊(i+1)K/n⌋): contiguous, sizes differing by at most one,
 * and together exactly 0 … K − 1 for any K ≥ n.
 */
export function shardRange(shard: ShardSpec, K: number): { first: number; count: number } {
  const { index: i, count: n } = shard;
  if (!Number.isInteger(n) || n < 1) throw new ShardError(`shard count must be a whole number ≥ 1 (got ${n})`);
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new ShardError(`shard index must be within [0, ${n - 1}] (got ${i})`);
  if (n > K) throw new ShardError(`${n} shards of ${K} parameter set${K === 1 ? '' : 's'} would leave some empty: use at most ${K} shards`);
  // Exact in doubles: i·K < 2^53 for any K a run can hold.
  const first = Math.floor((i * K) / n);
  return { first, count: Math.floor(((i + 1) * K) / n) - first };
}

/** Parses 'i/n' (as given to --shard). */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new ShardError(`shard must look like i/n, e.g. 0/4 (got '${echo(text)}')`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new ShardError(`shard count n must be ≥ 1 (got '${text}')`);
  if (!Number.isSafeInteger(index) || index >= count) throw new ShardError(`shard index i must be within [0, n − 1] (got '${text}')`);
  return { index, count };
}

/** What a result file must record so that its shards can be checked and merged. */
export interface EnsembleMeta {
  /** SHA-256 (hex) of the parsed scenario as JSON: shards must have run the same scenario. */
  scenarioHash: string;
  design: DesignKind | 'explicit';
  /** K: parameter sets in the whole design, over all shards. */
  paramSetTotal: number;
  commonRandomNumbers: boolean;
  /** This file's shard; { index: 0, count: 1 } for an unsharded or merged run. */
  shard: ShardSpec;
  /** Set on merged files: how many shards went into it. */
  mergedShards?: number;
  /**
   * 'sha256:' and the SHA-256 (hex) of the file's canonical JSON without this field (resultDigest):
   * merge refuses a file whose numbers or metadata were changed after it was written.
   */
  digest?: string;
}

export interface EnsembleResultJson extends ResultJson {
  ensemble: EnsembleMeta;
}

/** SHA-256 (hex) of a text's UTF-8 (Web Crypto: the same in Node and the browser). */
async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of the scenario's canonical JSON. */
export async function scenarioHash(scenario: Scenario): Promise<string> {
  return sha256Hex(JSON.stringify(scenario));
}

/** The same object with its keys in sorted order (JSON.stringify then writes them so). */
function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}

/**
 * JSON with object keys sorted and no spacing: the same text for a result in memory and for that
 * result written to a file and read back (JSON numbers print as the shortest text that reads back
 * exactly; NaN and undefined come out as the file has them), whatever the file's key order or
 * indentation. Integer-like keys keep JavaScript's own (numeric) order, which is the same either way.
 */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_key, value: unknown) => sortedKeys(value)) ?? 'null';
}

/** The integrity digest of a result: over every number and field in it except the digest itself. */
export async function resultDigest(json: EnsembleResultJson): Promise<string> {
  const { digest: _, ...ensemble } = json.ensemble;
  return `sha256:${await sha256Hex(canonicalJson({ ...json, ensemble }))}`;
}

/** The result with its integrity digest set (what sim and merge write). */
export async function sealResult(json: EnsembleResultJson): Promise<EnsembleResultJson> {
  const { digest: _, ...ensemble } = json.ensemble;
  return { ...json, ensemble: { ...ensemble, digest: await resultDigest(json) } };
}

export async function ensembleMeta(
  scenario: Scenario,
  run: { paramSets: number | KnobValues[] | ParamSetDesign; commonRandomNumbers: boolean; shard?: ShardSpec },
): Promise<EnsembleMeta> {
  const spec = designOf(run.paramSets);
  return {
    scenarioHash: await scenarioHash(scenario),
    design: Array.isArray(spec) ? 'explicit' : spec.design,
    paramSetTotal: Array.isArray(spec) ? spec.length : spec.count,
    commonRandomNumbers: run.commonRandomNumbers,
    shard: run.shard ?? { index: 0, count: 1 },
  };
}
