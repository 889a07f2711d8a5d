// Page entry: builds the store and controller, mounts the UI, keeps the URL in step with the
// state, and exposes `window.headroom` so headless drivers (Playwright, scripts) can run the
// model and set knobs without clicking.
import { createEngine } from './createEngine';
import { setLanguage } from './i18n/i18n';
import type { Engine, RunOptions, RunResult } from './engine/types';
import { type RegionShortfall, regionShortfallInYear, type SiteWhy, siteWhy } from './engine/whereBreaks';
import type { KnobName } from './scenario/names';
import type { Scenario } from './scenario/schema';
import { parseScenario } from './scenario/validate';
import { pageAnswer, type PageAnswer } from './ui/answerText';
import { Controller } from './ui/controller';
import { axisColumn } from './ui/ensemble/selection';
import './ui/hr-app';
import { resolveYear } from './ui/resultSlices';
import type { AppState } from './ui/store';
import { Store } from './ui/store';
import { initialState, syncUrl } from './ui/urlState';
import { registerSW } from 'virtual:pwa-register';

export interface HeadroomApi {
  createEngine: typeof createEngine;
  parseScenario: typeof parseScenario;
  /** Runs the current scenario (knobs applied) on the page's engine, as the Run button does. */
  run(options?: RunOptions): Promise<RunResult>;
  /** Moves a knob as its slider would: a coarse pass, then the refined one. */
  setKnob(name: KnobName, value: number): void;
  /** Resolves with the result once no run is in flight or pending. */
  settled(): Promise<RunResult | undefined>;
  /** Settles once the engine has started and the first scenario has loaded (rejects if the engine cannot start). */
  readonly ready: Promise<void>;
  readonly scenario: Scenario | undefined;
  readonly lastResult: RunResult | undefined;
  readonly engine: Engine | undefined;
  /** A read-only snapshot of the page state (knobs, year, map view, selection, …). */
  readonly state: AppState;
  /**
   * What the answer card says for a year (default: the page's year), with the numbers behind it
   * (`shortfall`: the engine's yearShortfall of the current result; `baseline`: the scenario as
   * written, when the knobs differ); undefined before a result of the current scenario is shown.
   */
  answer(year?: number): PageAnswer | undefined;
  /**
   * Where it breaks and why, for a year (default: the page's year): every region's mean MW not
   * delivered by cause, largest first, and for a site id the share of its misses each cause binds.
   * Undefined before a result of the current scenario is shown.
   */
  whereBreaks(year?: number, siteId?: string): { year: number; regions: RegionShortfall[]; site?: SiteWhy } | undefined;
  /** One value per finished ensemble set of a knob name or output id ('curtailP[uk-london][2030]'); undefined without an ensemble. */
  ensembleColumn(id: string): number[] | undefined;
}

declare global {
  interface Window {
    headroom: HeadroomApi;
  }
}

const store = new Store(initialState(location.search, navigator.languages));
// The language is set before the first render, so the page never flashes in the other one.
store.subscribe((s) => {
  setLanguage(s.lang);
  document.documentElement.lang = s.lang;
});
const controller = new Controller(store);

// Absent until the page is ready, so a driver can wait for `body[data-state]`. `data-results`
// counts results shown, so a driver can tell a new result from the one already there.
let shown: RunResult | undefined;
let results = 0;
store.subscribe((s) => {
  if (s.result !== shown) {
    shown = s.result;
    document.body.dataset.results = String(++results);
  }
  if (s.ready || s.state === 'error') document.body.dataset.state = s.state;
  if (s.phase) document.body.dataset.phase = s.phase;
  if (s.embed.enabled) document.documentElement.dataset.embed = s.embed.view;
  // Ensemble and sensitivity runs have their own status: they run beside the live runs.
  setData('ensemble', s.ensemble?.status);
  setData('ensembleRows', s.ensemble ? String(s.ensemble.rows) : undefined);
  setData('sensitivity', s.sensitivity?.status);
});

/** The answer card's answer (hr-app draws the same one). */
function answerOf(s: AppState, year?: number): PageAnswer | undefined {
  if (!s.result || s.resultScenario !== s.scenario) return undefined;
  return pageAnswer(s, year ?? resolveYear(s.year, s.resultScenario));
}

// `data-answer`: the card's first sentence, once a result is shown.
let answerKey: unknown[] = [];
store.subscribe((s) => {
  const key = [s.result, s.resultScenario, s.scenario, s.baselineResult, s.year];
  if (key.every((k, i) => k === answerKey[i])) return;
  answerKey = key;
  setData('answer', answerOf(s)?.text.headline);
});

function setData(key: string, value: string | undefined): void {
  if (value === undefined) delete document.body.dataset[key];
  else if (document.body.dataset[key] !== value) document.body.dataset[key] = value;
}
syncUrl((fn) => store.subscribe(fn));

// Offline after the first visit (vite.config.ts): the service worker precaches the build; it
// updates itself when a new build is deployed. Absent in `npm start` (dev), where it is a no-op.
registerSW({ immediate: true });

const app = document.querySelector('hr-app') ?? document.body.appendChild(document.createElement('hr-app'));
app.attach(store, controller);

window.headroom = {
  createEngine,
  parseScenario,
  run: (options) => controller.run(options),
  setKnob: (name, value) => controller.setKnob(name, value),
  settled: () => controller.settled(),
  ready: controller.ready,
  get scenario() {
    return store.state.scenario;
  },
  get lastResult() {
    return store.state.result;
  },
  get engine() {
    return controller.engine;
  },
  get state() {
    return store.state;
  },
  answer: (year) => answerOf(store.state, year),
  whereBreaks(year, siteId) {
    const s = store.state;
    const scenario = s.resultScenario;
    if (!s.result || !scenario || scenario !== s.scenario) return undefined;
    const y = year ?? resolveYear(s.year, scenario);
    if (y === undefined) return undefined;
    const site = siteId === undefined ? -1 : scenario.sites.findIndex((x) => x.id === siteId);
    if (siteId !== undefined && site < 0) throw new RangeError(`no site '${siteId.slice(0, 80)}' in ${scenario.name}`);
    return {
      year: y,
      regions: regionShortfallInYear(scenario, s.result, 0, y),
      ...(site >= 0 && { site: siteWhy(s.result, 0, site, y) }),
    };
  },
  ensembleColumn(id) {
    const e = store.state.ensemble;
    return e?.result ? Array.from(axisColumn(e.result, id, e.rows)) : undefined;
  },
};
