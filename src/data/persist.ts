// The user's imported or edited scenario survives reloads in IndexedDB until they reset it.
// (De)serialisation and validation are pure functions (`encodeUserScenario`, `decodeUserScenario`)
// so they can be tested in Node; the IndexedDB calls around them are thin, and each entry point
// takes an optional store so tests can pass an in-memory one.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Scenario } from '../scenario/schema';
import { formatIssues, parseScenario } from '../scenario/validate';
import { scenarioToJson } from './scenarioFile';

/** Bump when the stored shape changes; entries of another format are dropped, not migrated. */
export const USER_DATA_FORMAT = 1;
const KEY = 'scenario';

export interface SavedScenario {
  scenario: Scenario;
  /** What the page shows for it, e.g. the imported file's name. */
  label: string;
  savedAt: Date;
}

/** What is stored: the scenario as its exported JSON text, so loading runs the file validator. */
export interface StoredUserScenario {
  format: typeof USER_DATA_FORMAT;
  label: string;
  savedAt: string;
  json: string;
}

/** The minimal key-value store persist.ts needs; `idbStore()` is the IndexedDB one. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

const opened = new Map<string, UseStore>();
/**
 * An IndexedDB object store as a KeyValueStore (default: database 'headroom', store 'user-data',
 * the saved import); opened on first use, not on import, and once per database and store.
 */
export function idbStore(database = 'headroom', storeName = 'user-data'): KeyValueStore {
  const id = `${database}/${storeName}`;
  let s = opened.get(id);
  if (!s) {
    s = createStore(database, storeName);
    opened.set(id, s);
  }
  const store = s;
  return { get: (k) => get<unknown>(k, store), set: (k, v) => set(k, v, store), del: (k) => del(k, store) };
}

export function encodeUserScenario(scenario: Scenario, label: string, now: Date = new Date()): StoredUserScenario {
  return { format: USER_DATA_FORMAT, label, savedAt: now.toISOString(), json: scenarioToJson(scenario) };
}

/** Checks a stored entry from any past version; the reason says why it cannot be used. */
export function decodeUserScenario(raw: unknown): { ok: true; saved: SavedScenario } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const entry = raw as Partial<Record<keyof StoredUserScenario, unknown>>;
  if (entry.format !== USER_DATA_FORMAT) return { ok: false, reason: `format ${String(entry.format)}, expected ${USER_DATA_FORMAT}` };
  if (typeof entry.label !== 'string') return { ok: false, reason: 'no label' };
  const savedAt = typeof entry.savedAt === 'string' ? new Date(entry.savedAt) : undefined;
  if (!savedAt || Number.isNaN(savedAt.getTime())) return { ok: false, reason: 'no valid savedAt time' };
  if (typeof entry.json !== 'string') return { ok: false, reason: 'no scenario JSON' };
  // The schema may have tightened since this was saved; an entry that no longer validates
  // would fail later, deep in the engine, so it is refused here.
  const parsed = parseScenario(entry.json);
  if (!parsed.ok) return { ok: false, reason: `the scenario no longer validates:\n${formatIssues(parsed.errors.slice(0, 5))}` };
  return { ok: true, saved: { scenario: parsed.scenario, label: entry.label, savedAt } };
}

/** Saves (replacing any earlier one). Rejects when IndexedDB is unavailable, e.g. some private modes. */
export async function saveUserScenario(scenario: Scenario, label: string, store: KeyValueStore = idbStore()): Promise<void> {
  await store.set(KEY, encodeUserScenario(scenario, label));
}

/**
 * The saved scenario, or undefined when there is none or it cannot be used. Never rejects: a page
 * must start on the default scenario whatever state the database is in. An unusable entry is
 * deleted with a console warning so it is not retried on every load.
 */
export async function loadUserScenario(store: KeyValueStore = idbStore()): Promise<SavedScenario | undefined> {
  let raw: unknown;
  try {
    raw = await store.get(KEY);
  } catch (e) {
    console.warn(`Headroom: could not read saved data (${e instanceof Error ? e.message : String(e)}); using the default scenario`);
    return undefined;
  }
  if (raw === undefined) return undefined;
  const decoded = decodeUserScenario(raw);
  if (decoded.ok) return decoded.saved;
  console.warn(`Headroom: dropped a saved scenario that cannot be used: ${decoded.reason}`);
  await store.del(KEY).catch(() => undefined);
  return undefined;
}

/** Forgets the saved scenario (the reset button). Rejects when IndexedDB is unavailable. */
export async function clearUserScenario(store: KeyValueStore = idbStore()): Promise<void> {
  await store.del(KEY);
}
