// Static mode (`static=1`): an embed in an article shows the last result of its view the moment
// it opens, from this browser's store (io/resultCache.ts), instead of after the engine has
// started and run; with a stored result the opening run is called off, and any change the
// visitor makes runs the model as usual. Every finished result of a view is saved for that.
// Without a stored result the page runs as usual and says so. While a stored result is on
// screen `body[data-stored-result]` holds its save time, for drivers and tests.
import type { KeyValueStore } from '../data/persist';
import type { RunResult } from '../engine/types';
import { language, t } from '../i18n/i18n';
import type { Scenario } from '../scenario/schema';
import {
  loadResult,
  RESULT_FORMAT,
  readStored,
  resultKey,
  resultStore,
  type StoredResult,
  saveResult,
  scenarioFingerprint,
} from './io/resultCache';
import type { AppState, Store } from './store';

/** What static mode needs of the controller: its start, and calling off the opening run. */
export interface StaticRunControl {
  readonly ready: Promise<void>;
  cancel(): void;
}

/** The shortfall threshold a result ran with (its shortfallShare series' threshold). */
const thresholdOf = (r: RunResult): number | undefined => r.series.find((x) => x.metric === 'shortfallShare')?.threshold;

/**
 * The result on screen as a view's result to keep, or undefined: a finished run of the current
 * scenario at the Run settings the link carries (a scripted run with other draws or seed is not
 * what the link would show), with its "as written" comparison when that belongs to it.
 */
export function keepable(s: AppState): Omit<StoredResult, 'savedAt'> | undefined {
  const r = s.result;
  const scenario = s.scenario;
  if (!s.ready || s.state !== 'done' || !r || !scenario || s.resultScenario !== scenario) return undefined;
  const { draws, seed, paramSets, shortfallThreshold } = s.inputs;
  if (r.draws !== draws || r.seed !== seed || r.paramSetCount !== paramSets || thresholdOf(r) !== shortfallThreshold) return undefined;
  const b = s.baselineResult;
  const baseline = b && s.baselineScenario === scenario && b.seed === r.seed ? b : undefined;
  return { format: RESULT_FORMAT, key: resultKey(s), scenario: scenarioFingerprint(scenario), result: r, ...(baseline && { baseline }) };
}

export class StaticResult {
  /** The stored result on screen, while it is. */
  #shown: { result: RunResult; notice: string } | undefined;
  /** The "no stored result" line, and the finished result it came with: the next result retires it. */
  #miss: { notice: string; done?: RunResult } | undefined;
  #saved: { result: RunResult; baseline: RunResult | undefined } | undefined;

  constructor(
    private readonly store: Store,
    private readonly control: StaticRunControl,
    private readonly kv: KeyValueStore = resultStore(),
  ) {
    store.subscribe((s) => this.#onState(s));
    if (!store.state.embed.static) return;
    // Read at once: IndexedDB answers slowly while the page starts, and the scenario takes as long.
    const key = resultKey(store.state);
    const raw = readStored(key, kv);
    this.#whenScenario((scenario) => void this.#show(scenario, key, raw));
  }

  #onState(s: AppState): void {
    const shown = this.#shown;
    if (shown && s.result !== shown.result) {
      this.#shown = undefined;
      delete document.body.dataset.storedResult;
      if (s.notice === shown.notice) this.store.set({ notice: undefined });
    }
    const miss = this.#miss;
    if (miss && s.notice !== miss.notice) this.#miss = undefined;
    else if (miss && !miss.done && s.state === 'done') miss.done = s.result;
    else if (miss?.done && s.result !== miss.done) {
      this.#miss = undefined;
      this.store.set({ notice: undefined });
    }
    this.#save(s);
  }

  #save(s: AppState): void {
    const entry = keepable(s);
    if (!entry || entry.result === this.#shown?.result) return;
    const last = this.#saved;
    if (last && last.result === entry.result && last.baseline === entry.baseline) return;
    this.#saved = { result: entry.result, baseline: entry.baseline };
    // A browser without IndexedDB (some private modes) keeps nothing: static mode then runs.
    saveResult({ ...entry, savedAt: new Date().toISOString() }, this.kv).catch(() => undefined);
  }

  /** Calls `fn` once with the first scenario the page loads. */
  #whenScenario(fn: (scenario: Scenario) => void): void {
    let done = false;
    const stop = this.store.subscribe((s) => {
      if (done || !s.scenario) return;
      done = true;
      queueMicrotask(() => stop());
      fn(s.scenario);
    });
  }

  /** `raw`: what was read under `key` at start; loading the scenario may have changed the view (a saved import). */
  async #show(scenario: Scenario, key: string, raw: Promise<unknown>): Promise<void> {
    const view = resultKey(this.store.state);
    const stored = await loadResult(view, scenario, this.kv, view === key ? raw : undefined);
    const s = this.store.state;
    // Too late when the visitor has already moved to another scenario or a run has landed.
    if (s.scenario !== scenario || s.result) return;
    if (!stored) {
      const notice = [s.notice, t('io:stored.none')].filter(Boolean).join(' ');
      this.#miss = { notice };
      this.store.set({ notice });
      return;
    }
    const time = new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(stored.savedAt));
    const notice = t('io:stored.shown', { time });
    this.#shown = { result: stored.result, notice };
    this.store.set({
      result: stored.result,
      resultScenario: scenario,
      resultLabel: scenario.name,
      baselineResult: stored.baseline,
      baselineScenario: stored.baseline ? scenario : undefined,
      notice: s.notice ? `${s.notice} ${notice}` : notice,
    });
    document.body.dataset.storedResult = stored.savedAt;
    await this.control.ready.catch(() => undefined);
    // The opening run is queued, not started, when the engine is ready (controller.ts): calling it
    // off leaves the stored result as the page's finished one. A run already under way goes on.
    const now = this.store.state;
    if (now.result === stored.result && now.state !== 'running' && now.state !== 'error') {
      this.control.cancel();
      this.store.set({ state: 'done' });
    }
  }
}
