// Embeds' link parameters and the stored results of static mode: `static` and `id` read and
// write back; a view's key ignores what only changes the display and follows everything the run
// depends on; a stored result reads back only for its own view and scenario, of the shape the
// scenario gives and finite (the engine's own check); the copied embed code carries its id.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/data/persist';
import { createEngine } from '../../src/createEngine';
import type { Engine, RunResult } from '../../src/engine/types';
import { embedSnippet, heightListener, newEmbedId } from '../../src/ui/io/embedSnippet';
import {
  decodeStoredResult,
  loadResult,
  MAX_STORED_RESULTS,
  RESULT_FORMAT,
  resultKey,
  resultProblem,
  saveResult,
  scenarioFingerprint,
  type StoredResult,
} from '../../src/ui/io/resultCache';
import { keepable } from '../../src/ui/staticResult';
import type { AppState } from '../../src/ui/store';
import { DISPLAY_PARAMS, EMBED_ID, initialState, stateToSearch } from '../../src/ui/urlState';
import { fixtureScenario } from './engineHelpers';

const scenario = fixtureScenario();

function memoryStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (k) => structuredClone(map.get(k)), // IndexedDB hands back a copy (typed arrays included)
    set: async (k, v) => void map.set(k, structuredClone(v)),
    del: async (k) => void map.delete(k),
  };
}

describe('static and id in the link', () => {
  it('read, write back, and drop an id a host page could not look up', () => {
    const s = initialState('?scenario=uk-2030&embed=1&view=map&static=1&id=headroom-ab12');
    expect(s.embed).toMatchObject({ enabled: true, view: 'map', static: true, id: 'headroom-ab12' });
    expect(s.notice).toBeUndefined();
    const again = initialState(stateToSearch({ ...s, ready: true }));
    expect(again.embed).toEqual(s.embed);
    const bad = initialState('?embed=1&id=a%22b%3Cc');
    expect(bad.embed.id).toBeUndefined();
    expect(bad.notice).toContain('id=a"b<c');
    expect(initialState('?static=0').embed.static).toBe(false);
    // The id names an embed: a full view's link has none, static mode may stand alone.
    const full = new URLSearchParams(stateToSearch({ ...s, embed: { ...s.embed, enabled: false } }));
    expect(full.has('id')).toBe(false);
    expect(full.get('static')).toBe('1');
  });
});

describe('resultKey', () => {
  const base = initialState('?scenario=uk-2030&gridBuildoutScale=1.5&draws=2048&seed=7');

  it('is the same whatever the display-only parameters say', () => {
    const key = resultKey(base);
    const shown = initialState(
      '?scenario=uk-2030&gridBuildoutScale=1.5&draws=2048&seed=7&lang=ja&embed=1&view=charts&controls=1&static=1&id=x&present=1&map=uk&site=a&output=curtailedMWh&year=2031',
    );
    expect(resultKey(shown)).toBe(key);
    const q = new URLSearchParams(key.slice(1));
    for (const name of DISPLAY_PARAMS) expect(q.has(name)).toBe(false);
    expect(q.get('scenario')).toBe('uk-2030');
  });

  it('changes with everything a run depends on', () => {
    const key = resultKey(base);
    for (const other of [
      '?scenario=global-2030&gridBuildoutScale=1.5&draws=2048&seed=7',
      '?scenario=uk-2030&gridBuildoutScale=1.6&draws=2048&seed=7',
      '?scenario=uk-2030&gridBuildoutScale=1.5&draws=4096&seed=7',
      '?scenario=uk-2030&gridBuildoutScale=1.5&draws=2048&seed=8',
      '?scenario=uk-2030&gridBuildoutScale=1.5&draws=2048&seed=7&sets=4',
      '?scenario=uk-2030&gridBuildoutScale=1.5&draws=2048&seed=7&threshold=20',
      '?scenario=uk-2030&gridBuildoutScale=1.5&draws=2048&seed=7&backend=cpu',
    ])
      expect(resultKey(initialState(other)), other).not.toBe(key);
  });
});

describe('stored results', () => {
  let engine: Engine;
  let result: RunResult;
  beforeAll(async () => {
    engine = await createEngine({ backend: 'cpu', workers: 2 });
    result = await engine.run(scenario, { draws: 256, seed: 3 });
  }, 60_000);
  afterAll(() => engine?.dispose());

  const entry = (over: Partial<StoredResult> = {}): StoredResult => ({
    format: RESULT_FORMAT,
    key: '?scenario=x',
    scenario: scenarioFingerprint(scenario),
    savedAt: new Date(0).toISOString(),
    result,
    ...over,
  });

  it('read back equal through a structured clone, for their own view and scenario only', async () => {
    const kv = memoryStore();
    await saveResult(entry(), kv);
    const back = await loadResult('?scenario=x', scenario, kv);
    expect(back?.result.summary).toEqual(result.summary);
    expect(back?.result.siteIds).toEqual(result.siteIds);
    expect(await loadResult('?scenario=y', scenario, kv)).toBeUndefined();
    const edited = { ...scenario, name: `${scenario.name} (edited)` };
    expect(scenarioFingerprint(edited)).not.toBe(scenarioFingerprint(scenario));
    expect(decodeStoredResult(kv.map.get('?scenario=x'), '?scenario=x', edited)).toMatchObject({
      ok: false,
      reason: /scenario has changed/,
    });
    // An entry that cannot be shown is deleted, so it is not read again.
    expect(await loadResult('?scenario=x', edited, kv)).toBeUndefined();
    expect(kv.map.has('?scenario=x')).toBe(false);
  });

  it('refuse a result of another shape, or with a value that is not finite (the engine check names it)', () => {
    expect(resultProblem(result, scenario)).toBeUndefined();
    expect(resultProblem({ ...result, siteIds: [...result.siteIds].reverse() }, scenario)).toMatch(/other sites/);
    expect(resultProblem({ ...result, siteMissProbability: result.siteMissProbability.slice(1) }, scenario)).toMatch(/siteMissProbability/);
    expect(resultProblem({ ...result, summary: Array.from(result.summary) }, scenario)).toMatch(/summary/);
    const summary = result.summary.slice();
    summary[0] = Number.NaN;
    expect(resultProblem({ ...result, summary }, scenario)).toMatch(/is NaN/);
    expect(decodeStoredResult({ ...entry(), format: RESULT_FORMAT + 1 }, '?scenario=x', scenario).ok).toBe(false);
    expect(decodeStoredResult('junk', '?scenario=x', scenario).ok).toBe(false);
    // A broken comparison run is dropped; the result itself still shows.
    const withBad = decodeStoredResult(entry({ baseline: { ...result, summary } }), '?scenario=x', scenario);
    expect(withBad.ok && withBad.stored.baseline).toBeUndefined();
  });

  it('keep the most recent views only', async () => {
    const kv = memoryStore();
    for (let i = 0; i < MAX_STORED_RESULTS + 3; i++) await saveResult(entry({ key: `?v=${i}` }), kv);
    expect(kv.map.has('?v=0')).toBe(false);
    expect(kv.map.has('?v=2')).toBe(false);
    expect(kv.map.has('?v=3')).toBe(true);
    expect(kv.map.has(`?v=${MAX_STORED_RESULTS + 2}`)).toBe(true);
  });

  it("are taken from finished runs at the link's own settings only", () => {
    const s: AppState = {
      ...initialState('?draws=256&seed=3'),
      ready: true,
      state: 'done',
      scenario,
      result,
      resultScenario: scenario,
    };
    expect(keepable(s)?.key).toBe(resultKey(s));
    expect(keepable({ ...s, state: 'running' })).toBeUndefined();
    expect(keepable({ ...s, inputs: { ...s.inputs, seed: 4 } })).toBeUndefined();
    expect(keepable({ ...s, inputs: { ...s.inputs, draws: 512 } })).toBeUndefined();
    expect(keepable({ ...s, resultScenario: { ...scenario } })).toBeUndefined();
  });
});

describe('the copied embed code', () => {
  it('names its iframe in the element and the link, and listens to that frame on its origin only', () => {
    const code = embedSnippet('https://example.org/headroom/?scenario=uk-2030', 'Headroom: UK', 'headroom-test1');
    const src = /src="([^"]*)"/.exec(code)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const url = new URL(src);
    expect(url.searchParams.get('id')).toBe('headroom-test1');
    expect(url.searchParams.get('embed')).toBe('1');
    expect(code).toMatch(/^<iframe id="headroom-test1" /);
    expect(code).toContain(heightListener('https://example.org'));
    expect(code).toContain('e.origin !== "https://example.org"');
    expect(code).toContain('frame.contentWindow === e.source');
    expect(() => embedSnippet('https://example.org/', 'x', 'a"b')).toThrow(RangeError);
  });

  it('listens as README.md, "Embedding", tells a host page to', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(heightListener('https://YOUR-HOST'));
  });

  it('gives each embed its own id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newEmbedId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(EMBED_ID);
  });
});
