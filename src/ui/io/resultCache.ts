// The last finished result of each view, kept in this browser (IndexedDB, its own store
// 'headroom-results'/'results'), so `static=1` can show it the moment the page opens instead of
// after the engine has started and run. A view is its link minus the parameters that only change
// how a result is shown (DISPLAY_PARAMS), plus a fingerprint of the scenario it ran on: a preset
// file that changed since, or another import under `scenario=user`, is a miss, never a wrong answer.
// (De)coding is pure so Node tests can run it; the store is any KeyValueStore (persist.ts).
import { idbStore, type KeyValueStore } from '../../data/persist';
import { CAUSES } from '../../engine/attribution';
import { checkResult } from '../../engine/checkResult';
import type { RunResult } from '../../engine/types';
import { KNOB_NAMES } from '../../scenario/names';
import type { Scenario } from '../../scenario/schema';
import type { AppState } from '../store';
import { DISPLAY_PARAMS, stateToSearch } from '../urlState';

/** Bump when the stored shape changes; entries of another format are misses, not migrated. */
export const RESULT_FORMAT = 1;
/** Views kept; the least recently saved go first (a result of a big scenario is megabytes). */
export const MAX_STORED_RESULTS = 24;
/** The list of keys, most recent first, kept beside the results (a view's key starts with '?', so never this). */
const INDEX_KEY = 'index';

export interface StoredResult {
  format: typeof RESULT_FORMAT;
  /** The view (resultKey) it belongs to. */
  key: string;
  /** scenarioFingerprint of the scenario as written (no knobs applied) it ran on. */
  scenario: string;
  savedAt: string;
  result: RunResult;
  /** The scenario as written, when the knobs differ (the answer card's comparison). */
  baseline?: RunResult;
}

/** The view a result belongs to: the link without the display-only parameters, in stateToSearch's order. */
export function resultKey(s: AppState): string {
  const q = new URLSearchParams(stateToSearch(s));
  for (const name of DISPLAY_PARAMS) q.delete(name);
  return `?${q.toString()}`;
}

/** FNV-1a (32 bits) of the scenario's JSON and its length: equal scenarios give equal text. */
export function scenarioFingerprint(scenario: Scenario): string {
  const text = JSON.stringify(scenario);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Why a stored value is no RunResult of `scenario`'s shape, or undefined when it is one. */
export function resultProblem(raw: unknown, scenario: Scenario): string | undefined {
  if (typeof raw !== 'object' || raw === null) return 'not an object';
  const r = raw as Partial<Record<keyof RunResult, unknown>>;
  if (!isWhole(r.paramSetCount) || r.paramSetCount < 1 || !isWhole(r.draws) || !isWhole(r.seed)) return 'no parameter sets, draws or seed';
  if (!Array.isArray(r.years) || !r.years.every(isWhole)) return 'no years';
  if (!isStrings(r.siteIds) || !isStrings(r.regionIds)) return 'no site or region ids';
  if (!Array.isArray(r.series) || !r.series.every((x) => typeof x?.key === 'string')) return 'no series';
  if (typeof r.backend !== 'string' || typeof r.device !== 'string') return 'no backend';
  // The result's sites and regions are the scenario's, in its order (hr-app reads them by index).
  if (r.siteIds.join('\n') !== scenario.sites.map((x) => x.id).join('\n')) return 'other sites than the scenario';
  if (r.regionIds.join('\n') !== scenario.regions.map((x) => x.id).join('\n')) return 'other regions than the scenario';
  const K = r.paramSetCount;
  const siteYears = K * r.siteIds.length * r.years.length;
  const regionYears = K * r.regionIds.length * r.years.length;
  const lengths: [keyof RunResult, number[]][] = [
    ['knobValues', [K * KNOB_NAMES.length]],
    ['siteMissProbability', [siteYears]],
    ['siteExpectedLoadMW', [siteYears]],
    ['siteCauseProbability', [siteYears * CAUSES.length]],
    ['regionCurtailProbability', [regionYears]],
    ['regionShortfallMW', [regionYears * CAUSES.length]],
    ['regionShortfallQuantilesMW', [0, regionYears * 3]],
  ];
  for (const [field, allowed] of lengths) {
    const a = r[field];
    if (!(a instanceof Float32Array) || !allowed.includes(a.length)) return `${field} is not ${allowed.join(' or ')} numbers`;
  }
  // The summary's stride is the engine's (mean … outOfRangeFraction and padding): whole rows only.
  const rows = K * r.series.length;
  if (!(r.summary instanceof Float32Array) || rows === 0 || r.summary.length % rows !== 0 || r.summary.length === 0)
    return 'summary is not whole rows';
  try {
    checkResult(r as RunResult);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return undefined;
}

/** A stored entry for `key` and `scenario`, or why it cannot be shown. */
export function decodeStoredResult(
  raw: unknown,
  key: string,
  scenario: Scenario,
): { ok: true; stored: StoredResult } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'not an object' };
  const e = raw as Partial<Record<keyof StoredResult, unknown>>;
  if (e.format !== RESULT_FORMAT) return { ok: false, reason: `format ${String(e.format)}, expected ${RESULT_FORMAT}` };
  if (e.key !== key) return { ok: false, reason: 'stored for another view' };
  if (e.scenario !== scenarioFingerprint(scenario)) return { ok: false, reason: 'the scenario has changed since' };
  if (typeof e.savedAt !== 'string' || Number.isNaN(new Date(e.savedAt).getTime())) return { ok: false, reason: 'no valid savedAt time' };
  const problem = resultProblem(e.result, scenario);
  if (problem) return { ok: false, reason: `result: ${problem}` };
  // A baseline that no longer fits is dropped; the result stands without its comparison.
  const baseline = e.baseline !== undefined && !resultProblem(e.baseline, scenario) ? (e.baseline as RunResult) : undefined;
  return { ok: true, stored: { ...(e as StoredResult), baseline } };
}

/** IndexedDB database 'headroom-results', object store 'results'; opened on first use, not on import. */
export const resultStore = (): KeyValueStore => idbStore('headroom-results', 'results');

/** Saves a view's result and drops the oldest views past MAX_STORED_RESULTS. Rejects when IndexedDB is unavailable. */
export async function saveResult(entry: StoredResult, store: KeyValueStore = resultStore()): Promise<void> {
  await store.set(entry.key, entry);
  const before = await store.get(INDEX_KEY);
  const keys = [entry.key, ...(isStrings(before) ? before.filter((k) => k !== entry.key) : [])];
  await store.set(INDEX_KEY, keys.slice(0, MAX_STORED_RESULTS));
  for (const old of keys.slice(MAX_STORED_RESULTS)) await store.del(old);
}

/** What is stored under a view's key, unchecked; undefined when nothing is or IndexedDB fails. Never rejects. */
export async function readStored(key: string, store: KeyValueStore = resultStore()): Promise<unknown> {
  try {
    return await store.get(key);
  } catch (e) {
    console.warn(`Headroom: could not read stored results (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

/**
 * The stored result of a view, or undefined when there is none or it cannot be shown (then it is
 * deleted, so it is not read again). `raw`: the entry when it was read ahead (readStored). Never
 * rejects: a page without IndexedDB simply runs.
 */
export async function loadResult(
  key: string,
  scenario: Scenario,
  store: KeyValueStore = resultStore(),
  raw: Promise<unknown> = readStored(key, store),
): Promise<StoredResult | undefined> {
  const entry = await raw;
  if (entry === undefined) return undefined;
  const decoded = decodeStoredResult(entry, key, scenario);
  if (decoded.ok) return decoded.stored;
  console.warn(`Headroom: not showing a stored result: ${decoded.reason}`);
  await store.del(key).catch(() => undefined);
  return undefined;
}
