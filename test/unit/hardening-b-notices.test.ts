// Hardening, notices: a failed save of imported data says so, with the import's own notice and
// after later notices (AppState.saveProblem); `?scenario=user` with nothing saved, and values
// ignored in the link, keep their notice through the first scenario's load.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScenarioLoader } from '../../src/ui/scenarioLoader';
import { Store } from '../../src/ui/store';
import { initialState } from '../../src/ui/urlState';

const persist = vi.hoisted(() => ({
  saved: undefined as unknown,
  saveFails: false,
}));

vi.mock('../../src/data/persist', () => ({
  loadUserScenario: async () => persist.saved,
  saveUserScenario: async () => {
    if (persist.saveFails) throw new Error('QuotaExceededError: the quota has been exceeded');
  },
  clearUserScenario: async () => undefined,
}));

const presetText = (id: string): string => readFileSync(new URL(`../../public/data/scenarios/${id}.json`, import.meta.url), 'utf8');
const csv = readFileSync(new URL('../fixtures/import/good.csv', import.meta.url), 'utf8');

function setup(search: string): { store: Store; loader: ScenarioLoader } {
  vi.stubGlobal('location', { search });
  vi.stubGlobal('fetch', async (url: string) => {
    const id = /scenarios\/([\w-]+)\.json$/.exec(String(url))?.[1] ?? '';
    return new Response(presetText(id), { status: 200 });
  });
  const store = new Store({ ...initialState(search), ready: true });
  return { store, loader: new ScenarioLoader(store, () => undefined) };
}

beforeEach(() => {
  persist.saved = undefined;
  persist.saveFails = false;
});
afterEach(() => vi.unstubAllGlobals());

describe('a failed save of imported data', () => {
  it('is said with the import notice, not overwritten by it, and keeps being said', async () => {
    const { store, loader } = setup('?scenario=uk-2030');
    await loader.loadInitial();
    expect(store.state.scenario?.name).toBeTruthy();
    persist.saveFails = true;
    const regions = store.state.scenario!.regions.map((r) => r.id);
    // good.csv names its own regions; map them onto the preset's so the import is accepted.
    const text = csv.replace(/\b(GB-[A-Za-z]+|north|south)\b/g, regions[0]!);
    await loader.importFile(new File([text], 'sites.csv'));
    expect(store.state.error).toBeUndefined();
    expect(store.state.source).toBe('user');
    expect(store.state.notice).toMatch(/^Imported \d+ sites? from sites\.csv/);
    expect(store.state.notice).toContain('could not be saved in this browser (QuotaExceededError');
    expect(store.state.notice).toContain('it will be gone after a reload');
    expect(store.state.saveProblem).toContain('could not be saved');
    // A later notice (a copied link, an export) replaces the notice, not the save problem.
    store.set({ notice: 'Link copied.' });
    expect(store.state.saveProblem).toContain('could not be saved');
    // A save that works clears it.
    persist.saveFails = false;
    await loader.importFile(new File([text], 'sites.csv'));
    expect(store.state.saveProblem).toBeUndefined();
    expect(store.state.notice).not.toContain('could not be saved');
  });

  it('a scenario file that cannot be saved says so too', async () => {
    const { store, loader } = setup('?scenario=uk-2030');
    await loader.loadInitial();
    persist.saveFails = true;
    await loader.importFile(new File([presetText('us-federal-sites')], 'mine.json'));
    expect(store.state.source).toBe('user');
    expect(store.state.notice).toContain('could not be saved');
    expect(store.state.saveProblem).toContain('could not be saved');
    // Going back to a preset ends it: that scenario needs no saving.
    await loader.selectPreset('uk-2030');
    expect(store.state.saveProblem).toBeUndefined();
  });
});

describe('start-up notices survive the first load', () => {
  it('?scenario=user with nothing saved keeps its notice', async () => {
    const { store, loader } = setup('?scenario=user');
    await loader.loadInitial();
    expect(store.state.scenario).toBeDefined();
    expect(store.state.source).toBe('global-2030');
    expect(store.state.notice).toBe(
      'This link points at data someone imported into their own browser, which a link cannot carry; the preset is shown instead. Ask them for the scenario file (Export › Scenario (JSON)).',
    );
  });

  it('values ignored in the link are still listed once the preset has loaded', async () => {
    const { store, loader } = setup('?scenario=user&map=toString');
    expect(store.state.notice).toContain('map=toString');
    await loader.loadInitial();
    expect(store.state.notice).toContain('map=toString');
    expect(store.state.notice).toContain('This link points at data someone imported');
  });
});
