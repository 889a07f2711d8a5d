// Sobol' sensitivity indices of the headline outputs over the knobs' ranges (runSensitivity on a
// Saltelli design of N (d + 2) sets). N is picked from a budget of site-year samples per backend
// so the analysis takes seconds, not minutes, and the page says which N it used. It runs on
// request; once it has run, range edits re-run it after a pause (debounced), cancelling a run
// that is already stale, so the tornado follows the ranges without a run per slider tick.
import { checkSeed, DEFAULT_SEED, validOr } from '../../engine/options';
import type { BackendKind, Engine, RunProgress } from '../../engine/types';
import { checkIndependentKnobs, CorrelatedKnobsError, runSensitivity } from '../../analysis/sensitivityRun';
import { t } from '../../i18n/i18n';
import type { KnobName } from '../../scenario/names';
import { KNOB_META } from '../knobs';
import { errorMessage } from '../format';
import { clampRanges, ensembleKey, ensembleScenario, rangesKey, variedKnobs } from '../ranges';
import type { Store } from '../store';
import { chunkedEngine, chunkSetsFor } from './chunkedRun';
import { siteYearsOf } from './sizing';
import type { SensitivityPlan } from './types';

/** Site-year samples one analysis may take: ~15 s on a two-core CPU fallback, ~1 s on a desktop GPU. */
const BUDGET: Record<BackendKind, number> = { cpu: 2 ** 24, webgpu: 2 ** 30 };
const DRAWS: Record<BackendKind, number> = { cpu: 128, webgpu: 256 };
export const SENSITIVITY_N_CHOICES = [16, 32, 64, 128, 256, 512, 1024, 2048] as const;
/** Quiet time after the last range edit before a re-run. */
const DEBOUNCE_MS = 1200;

export function planSensitivity(backend: BackendKind, knobs: KnobName[], siteYears: number, n?: number): SensitivityPlan {
  const d = knobs.length;
  const draws = DRAWS[backend];
  let chosen = n;
  if (chosen === undefined) {
    const fits = BUDGET[backend] / Math.max(1, (d + 2) * draws * siteYears);
    chosen = SENSITIVITY_N_CHOICES.filter((c) => c <= fits).pop() ?? SENSITIVITY_N_CHOICES[0];
  }
  return { n: chosen, sets: chosen * (d + 2), draws, knobs };
}

/** Why correlated knobs get no indices, in the panel's words (knob labels, not names). */
export function correlatedReason(e: CorrelatedKnobsError): string {
  const pairs = e.correlations.map((c) =>
    t('ensemble:sens.pair', { a: KNOB_META[c.knobs[0]].label, b: KNOB_META[c.knobs[1]].label, rho: String(c.spearman) }),
  );
  return t('ensemble:sens.correlated', { pairs: pairs.join(t('ensemble:sens.pairSep')) });
}

/** A failed analysis whose words are read when shown (a getter), so they follow a change of language. */
function failed<T extends object>(view: T, reason: () => string): T & { status: 'error'; error: string } {
  return Object.defineProperties({ ...view, status: 'error' as const }, { error: { get: reason, enumerable: true } }) as T & {
    status: 'error';
    error: string;
  };
}

export class SensitivityRunner {
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastProgress = 0;

  constructor(
    private readonly store: Store,
    private readonly engine: () => Engine | undefined,
  ) {}

  /** Ranges changed: re-run after a pause, but only once the visitor has asked for the analysis. */
  rangesChanged(): void {
    const sens = this.store.state.sensitivity;
    if (!sens || rangesKey(this.store.state.ranges) === sens.rangesKey) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.compute(), DEBOUNCE_MS);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
  }

  /** Forgets the analysis (a new scenario). */
  clear(): void {
    this.cancel();
    this.store.set({ sensitivity: undefined });
  }

  async compute(): Promise<void> {
    this.cancel();
    const s = this.store.state;
    const engine = this.engine();
    if (!engine || !s.scenario) return;
    const knobs = variedKnobs(clampRanges(s.scenario, s.ranges));
    const siteYears = siteYearsOf(s.scenario);
    const plan = planSensitivity(engine.backend, knobs, siteYears, s.sensitivitySettings.n);
    const key = ensembleKey(s.scenario, s.knobs, s.ranges, `sens|${plan.n}`);
    const base = { plan, key, rangesKey: rangesKey(s.ranges), result: s.sensitivity?.result };
    if (knobs.length === 0) {
      this.store.set({ sensitivity: failed({ ...base, result: undefined }, () => t('ensemble:sens.noRange')) });
      return;
    }
    const scenario = ensembleScenario(s.scenario, s.knobs, s.ranges);
    try {
      // Refused before anything runs: the panel says why in words instead of showing indices.
      checkIndependentKnobs(scenario, knobs);
    } catch (e) {
      if (!(e instanceof CorrelatedKnobsError)) throw e;
      this.store.set({ sensitivity: failed({ ...base, result: undefined }, () => correlatedReason(e)) });
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    const current = () => this.#abort === abort;
    this.store.set({ sensitivity: { ...base, status: 'running' } });
    const seed = validOr(() => checkSeed(s.inputs.seed)) ?? DEFAULT_SEED;
    try {
      const result = await runSensitivity(
        chunkedEngine(engine, (K, draws) =>
          chunkSetsFor(engine.backend, draws, siteYears, K, this.store.state.result?.siteYearSamplesPerSecond),
        ),
        scenario,
        { n: plan.n, draws: plan.draws, seed, knobs, signal: abort.signal, onProgress: (p) => current() && this.#progress(p) },
      );
      // The last progress stays: its elapsed time is what the tornado reports.
      if (current()) this.store.set({ sensitivity: { ...base, status: 'done', result, progress: this.store.state.sensitivity?.progress } });
    } catch (e) {
      if (!current()) return;
      if (e instanceof CorrelatedKnobsError) {
        // No indices at all, not the last ones: they would not answer for these ranges either.
        this.store.set({ sensitivity: failed({ ...base, result: undefined }, () => correlatedReason(e)) });
        return;
      }
      const cancelled = abort.signal.aborted;
      this.store.set({
        sensitivity: { ...base, status: cancelled ? 'cancelled' : 'error', error: cancelled ? undefined : errorMessage(e) },
      });
    } finally {
      if (current()) this.#abort = undefined;
    }
  }

  /** At most ten progress updates a second: each one re-renders the page. */
  #progress(p: RunProgress): void {
    const now = performance.now();
    if (now - this.#lastProgress < 100 && p.fraction < 1) return;
    this.#lastProgress = now;
    const sens = this.store.state.sensitivity;
    if (sens) this.store.set({ sensitivity: { ...sens, progress: p } });
  }
}
