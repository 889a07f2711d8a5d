// The saved user scenario: what is stored reads back equal; anything corrupt, old or no longer
// valid is dropped with a warning rather than breaking page start. The IndexedDB layer is
// replaced by an in-memory store with the same three calls.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearUserScenario,
  decodeUserScenario,
  encodeUserScenario,
  loadUserScenario,
  saveUserScenario,
  USER_DATA_FORMAT,
  type KeyValueStore,
} from '../../src/data/persist';
import { downloadText, scenarioToJson } from '../../src/data/scenarioFile';
import type { Scenario } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

const scenario = (): Scenario => {
  const r = parseScenario(readFileSync(new URL('../fixtures/minimal-scenario.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('fixture invalid');
  return r.scenario;
};

function memoryStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (k) => structuredClone(map.get(k)), // IndexedDB hands back a copy, not the stored object
    set: async (k, v) => void map.set(k, structuredClone(v)),
    del: async (k) => void map.delete(k),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('encode / decode', () => {
  it('round-trips scenario, label and time', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const entry = encodeUserScenario(scenario(), 'my-sites.csv', at);
    expect(entry).toEqual({
      format: USER_DATA_FORMAT,
      label: 'my-sites.csv',
      savedAt: '2026-01-02T03:04:05.000Z',
      json: scenarioToJson(scenario()),
    });
    expect(decodeUserScenario(structuredClone(entry))).toEqual({
      ok: true,
      saved: { scenario: scenario(), label: 'my-sites.csv', savedAt: at },
    });
  });

  it('says why an entry cannot be used', () => {
    const good = encodeUserScenario(scenario(), 'x');
    const bad = scenario();
    bad.sites[0]!.lat = 200;
    const cases: [unknown, string][] = [
      [null, 'not an object'],
      ['text', 'not an object'],
      [{ ...good, format: 0 }, 'format 0, expected 1'],
      [{ scenario: scenario() }, 'format undefined, expected 1'],
      [{ ...good, label: 3 }, 'no label'],
      [{ ...good, savedAt: 'yesterday' }, 'no valid savedAt time'],
      [{ ...good, json: undefined }, 'no scenario JSON'],
      [{ ...good, json: JSON.stringify(bad) }, 'the scenario no longer validates:\nsites[0].lat: must be within [-90, 90] degrees'],
    ];
    for (const [raw, reason] of cases) expect(decodeUserScenario(raw)).toEqual({ ok: false, reason });
    // V8 words JSON errors differently across versions; only the prefix is ours.
    const broken = decodeUserScenario({ ...good, json: '{' });
    expect(!broken.ok && broken.reason).toMatch(/^the scenario no longer validates:\n\(file\): invalid JSON/);
  });
});

describe('save / load / clear', () => {
  it('saves, loads and clears', async () => {
    const store = memoryStore();
    expect(await loadUserScenario(store)).toBeUndefined();
    await saveUserScenario(scenario(), 'imported.geojson', store);
    const loaded = await loadUserScenario(store);
    expect(loaded?.scenario).toEqual(scenario());
    expect(loaded?.label).toBe('imported.geojson');
    expect(Math.abs(Date.now() - loaded!.savedAt.getTime())).toBeLessThan(60_000);
    await clearUserScenario(store);
    expect(await loadUserScenario(store)).toBeUndefined();
    expect(store.map.size).toBe(0);
  });

  it('drops a corrupt or old-format entry with a console warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = memoryStore();
    store.map.set('scenario', { format: 0, scenario: {} });
    expect(await loadUserScenario(store)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Headroom: dropped a saved scenario that cannot be used: format 0, expected 1');
    expect(store.map.has('scenario')).toBe(false);
  });

  it('does not reject when the database cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const broken: KeyValueStore = {
      get: () => Promise.reject(new Error('InvalidStateError')),
      set: () => Promise.reject(new Error('no')),
      del: () => Promise.reject(new Error('no')),
    };
    expect(await loadUserScenario(broken)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Headroom: could not read saved data (InvalidStateError); using the default scenario');
    await expect(saveUserScenario(scenario(), 'x', broken)).rejects.toThrow('no');
  });
});

describe('downloadText', () => {
  it('clicks an anchor on an object URL and revokes the URL afterwards', () => {
    vi.useFakeTimers();
    const anchor = { href: '', download: '', style: { display: '' }, click: vi.fn(), remove: vi.fn() };
    const append = vi.fn();
    vi.stubGlobal('document', { createElement: () => anchor, body: { append } });
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    downloadText('a.json', '{}', 'application/json');
    expect(create.mock.calls[0]![0]).toBeInstanceOf(Blob);
    expect(anchor).toMatchObject({ href: 'blob:x', download: 'a.json' });
    expect(append).toHaveBeenCalledWith(anchor);
    expect(anchor.click).toHaveBeenCalledOnce();
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:x');
  });
});
