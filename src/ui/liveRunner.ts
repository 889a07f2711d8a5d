// Runs the model as the visitor moves things. A change first gets a coarse pass (a few hundred
// draws: an answer in a fraction of a second), then the refined pass at the Run settings' draws
// with the same seed: the RNG is counter-based, so the refined run contains the coarse draws and
// the picture sharpens rather than jumps. A stale run is cancelled through its AbortSignal, and
// the next starts at once. A burst of changes (key presses, the start of a drag) cancels the coarse
// pass in flight too, so the latest value is answered first; once a change has waited LAND_EVERY_MS
// for an answer, the coarse pass in flight is left to land, so a long drag keeps the map moving
// instead of every pass being cancelled before it finishes.
// When the knobs differ from the scenario's own, a cheap companion run of the scenario as written
// (the quick pass's draws, same seed) follows the final result, for the answer card's comparison;
// it never delays a run the visitor asked for: any new request cancels it.
import { checkDraws, checkParamSets, checkSeed, checkShortfallThreshold, RunOptionError, validOr } from '../engine/options';
import { RunAbortedError, type Engine, type RunOptions, type RunResult } from '../engine/types';
import { t } from '../i18n/i18n';
import type { Scenario } from '../scenario/schema';
import { ScenarioError } from '../scenario/validate';
import { scenarioWithKnobs } from './knobs';
import type { RunPhase, Store, UiError, UiIssue } from './store';
import { DEFAULT_INPUTS } from './urlState';
import { errorMessage } from './format';

/** Draws of the first, quick pass after a change. */
export const COARSE_DRAWS = 256;
/** Draws of the scenario-as-written companion run. */
export const BASELINE_DRAWS = COARSE_DRAWS;
/**
 * The longest a change waits with nothing shown before the coarse pass in flight (of an earlier
 * value) is left to land: a pass on the global preset takes 100–250 ms on two CPU workers.
 */
const LAND_EVERY_MS = 200;

interface Snapshot {
  base: Scenario;
  scenario: Scenario;
  draws: number;
  paramSets: NonNullable<RunOptions['paramSets']>;
  seed: number;
  shortfallThreshold: number;
}

interface Token {
  abort: AbortController;
  userCancelled: boolean;
}

const isAbort = (e: unknown, signal: AbortSignal): boolean =>
  e instanceof RunAbortedError || (e instanceof Error && e.name === 'AbortError') || signal.aborted;

/** The Run settings by the engine's rules (src/engine/options.ts), every problem at once. */
function checkInputs(
  draws: unknown,
  paramSets: unknown,
  seed: unknown,
  threshold: unknown,
): { error: UiError; first: RunOptionError } | undefined {
  const refused: RunOptionError[] = [];
  const checks = [
    () => checkDraws(draws),
    () => checkParamSets(paramSets),
    () => checkSeed(seed),
    () => checkShortfallThreshold(threshold),
  ];
  for (const check of checks) {
    try {
      check();
    } catch (e) {
      if (!(e instanceof RunOptionError)) throw e;
      refused.push(e);
    }
  }
  const issues: UiIssue[] = refused.map((e) => ({ path: e.path, message: e.reason }));
  return refused[0] ? { error: { title: t('app:run.invalidSettings'), issues }, first: refused[0] } : undefined;
}

/** The shortfall threshold a result was run with (its shortfallShare series' exceedance threshold). */
const thresholdOf = (r: RunResult): number | undefined => r.series.find((s) => s.metric === 'shortfallShare')?.threshold;

/**
 * What the page shows for a failed run: the engine's checks name the setting or scenario field.
 * The engine cannot translate, so its English detail sits under a title in the page's language.
 */
function runError(e: unknown): UiError {
  if (e instanceof RunOptionError) return { title: t('app:run.invalidSettings'), issues: [{ path: e.path, message: e.reason }] };
  if (e instanceof ScenarioError) return { title: t('app:run.invalidScenario'), issues: e.issues };
  return { title: t('app:run.failed'), issues: [{ message: errorMessage(e) }] };
}

export class LiveRunner {
  #current: Token | undefined;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest change not yet answered by a shown result came (performance.now()). */
  #pendingSince: number | undefined;
  #waiters: ((r: RunResult | undefined) => void)[] = [];
  #cancelNotice: string | undefined;
  /** The companion run of the scenario as written, while it is in flight. */
  #baseline: AbortController | undefined;

  constructor(
    private readonly store: Store,
    private readonly engine: () => Engine | undefined,
  ) {}

  /** Something the model depends on changed: run again, coarse first. */
  requestLive(): void {
    this.#dirty = true;
    this.#cancelBaseline();
    const now = performance.now();
    this.#pendingSince ??= now;
    // A refine or full run of old values is worthless now; a coarse pass is left to land only once
    // the change has waited long enough for something to be shown (see above).
    const letLand = this.store.state.phase === 'coarse' && now - this.#pendingSince >= LAND_EVERY_MS;
    if (this.#current && !letLand) this.#supersede();
    if (!this.#current) this.#schedule();
  }

  async runFull(overrides: RunOptions): Promise<RunResult> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dirty = false;
    this.#pendingSince = undefined;
    this.#supersede();
    this.#cancelBaseline();
    const { inputs } = this.store.state;
    // Only an absent override takes the Run settings' value: null is checked, and refused, as given.
    const draws = overrides.draws === undefined ? inputs.draws : overrides.draws;
    const paramSets = overrides.paramSets === undefined ? inputs.paramSets : overrides.paramSets;
    const seed = overrides.seed === undefined ? inputs.seed : overrides.seed;
    const threshold = overrides.shortfallThreshold === undefined ? inputs.shortfallThreshold : overrides.shortfallThreshold;
    const invalid = checkInputs(draws, paramSets, seed, threshold);
    if (invalid) {
      this.store.set({ state: 'error', error: invalid.error });
      throw invalid.first;
    }
    const snap = this.#snapshot({ draws, paramSets, seed, shortfallThreshold: threshold });
    if (!snap || !this.engine()) throw new Error('no engine or scenario is loaded');
    return this.#exec(snap, draws, 'full', overrides) as Promise<RunResult>;
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dirty = false;
    this.#pendingSince = undefined;
    this.#cancelBaseline();
    const token = this.#current;
    if (!token) return;
    token.userCancelled = true;
    token.abort.abort();
  }

  settled(): Promise<RunResult | undefined> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#notifyIfSettled();
    });
  }

  #supersede(): void {
    const token = this.#current;
    this.#current = undefined;
    token?.abort.abort();
  }

  /** The next pass starts after the current task: changes made together (a knob and the URL) share it. */
  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#pump();
    }, 0);
  }

  #snapshot(over: Partial<Pick<Snapshot, 'draws' | 'paramSets' | 'seed' | 'shortfallThreshold'>> = {}): Snapshot | undefined {
    const { scenario, knobs, inputs } = this.store.state;
    if (!scenario) return undefined;
    // Live runs go on with the defaults while a Run settings field holds something the engine refuses.
    return {
      base: scenario,
      scenario: scenarioWithKnobs(scenario, knobs),
      draws: over.draws ?? validOr(() => checkDraws(inputs.draws)) ?? DEFAULT_INPUTS.draws,
      paramSets: over.paramSets ?? (validOr(() => checkParamSets(inputs.paramSets)) ? inputs.paramSets : DEFAULT_INPUTS.paramSets),
      seed: over.seed ?? validOr(() => checkSeed(inputs.seed)) ?? DEFAULT_INPUTS.seed,
      shortfallThreshold:
        over.shortfallThreshold ?? validOr(() => checkShortfallThreshold(inputs.shortfallThreshold)) ?? DEFAULT_INPUTS.shortfallThreshold,
    };
  }

  async #pump(): Promise<void> {
    if (!this.#dirty || this.#current || !this.engine()) return;
    const snap = this.#snapshot();
    if (!snap) return;
    this.#dirty = false;
    const coarseDraws = Math.min(COARSE_DRAWS, snap.draws);
    const coarse = await this.#exec(snap, coarseDraws, 'coarse');
    if (!coarse) return;
    if (this.#dirty) {
      this.#schedule();
      return;
    }
    if (snap.draws > coarseDraws) await this.#exec(snap, snap.draws, 'refine');
  }

  /** One engine run. Live runs resolve undefined when cancelled or failed; a full run rejects. */
  async #exec(snap: Snapshot, draws: number, phase: RunPhase, overrides?: RunOptions): Promise<RunResult | undefined> {
    const engine = this.engine();
    if (!engine) return undefined;
    const token: Token = { abort: new AbortController(), userCancelled: false };
    this.#current = token;
    const outer = overrides?.signal;
    if (outer?.aborted) token.abort.abort();
    outer?.addEventListener('abort', () => token.abort.abort(), { once: true });
    const last = phase !== 'coarse' || draws >= snap.draws;
    // A new run retires the last run's error and "cancelled" line, not other notices (an import's).
    const stale = this.store.state.notice === this.#cancelNotice;
    this.store.set({ state: 'running', phase, progress: undefined, error: undefined, ...(stale ? { notice: undefined } : {}) });
    try {
      const result = await engine.run(snap.scenario, {
        histograms: true,
        ...overrides,
        paramSets: snap.paramSets,
        draws,
        seed: snap.seed,
        shortfallThreshold: snap.shortfallThreshold,
        signal: token.abort.signal,
        onProgress: (p) => {
          if (this.#current === token) this.store.set({ progress: p });
          overrides?.onProgress?.(p);
        },
      });
      if (this.#current !== token) return phase === 'full' ? result : undefined;
      this.#current = undefined;
      if (!this.#dirty) this.#pendingSince = undefined;
      else if (phase === 'coarse') this.#pendingSince = performance.now(); // shown now: the next change waits afresh
      const done = last && !this.#dirty;
      this.store.set({
        result,
        resultScenario: snap.base,
        resultLabel: snap.base.name,
        phase,
        progress: undefined,
        state: done ? 'done' : 'running',
        engineBackend: engine.backend,
        engineDevice: engine.device,
      });
      if (done) this.#startBaseline(snap);
      // A coarse pass is followed by its refined one (or by the next coarse pass): settled()
      // waits for that, so a driver reads the refined numbers.
      if (last) this.#notifyIfSettled();
      return result;
    } catch (e) {
      const current = this.#current === token;
      if (current) this.#current = undefined;
      if (current && isAbort(e, token.abort.signal)) {
        const line = this.store.state.result ? t('app:run.cancelledKept') : t('app:run.cancelled');
        this.#cancelNotice = token.userCancelled ? line : undefined;
        this.store.set({ state: 'idle', progress: undefined, notice: this.#cancelNotice });
      } else if (current) {
        this.store.set({ state: 'error', progress: undefined, error: runError(e) });
      }
      this.#notifyIfSettled();
      if (phase === 'full') throw e;
      return undefined;
    }
  }

  #cancelBaseline(): void {
    const abort = this.#baseline;
    this.#baseline = undefined;
    abort?.abort();
  }

  /**
   * After a final result whose knobs differ from the scenario's own: the scenario as written, at
   * the quick pass's draws and the same seed, unless the store already holds that run. The
   * counter-based RNG makes its draws the first draws of the knob run, so the two compare draw
   * for draw (common random numbers).
   */
  #startBaseline(snap: Snapshot): void {
    const engine = this.engine();
    if (!engine || this.#baseline) return;
    const asWritten = scenarioWithKnobs(snap.base, {});
    const differs = Object.entries(snap.scenario.knobs).some(([name, spec]) => {
      const own = asWritten.knobs[name as keyof typeof asWritten.knobs]?.value;
      return spec !== undefined && own !== undefined && Math.abs(spec.value - own) > 1e-9 * Math.max(1, Math.abs(own));
    });
    if (!differs) return;
    const draws = Math.min(BASELINE_DRAWS, snap.draws);
    const { baselineResult, baselineScenario } = this.store.state;
    if (
      baselineScenario === snap.base &&
      baselineResult?.seed === snap.seed &&
      baselineResult.draws === draws &&
      thresholdOf(baselineResult) === snap.shortfallThreshold
    )
      return;
    const abort = new AbortController();
    this.#baseline = abort;
    void engine
      .run(asWritten, { paramSets: 1, draws, seed: snap.seed, shortfallThreshold: snap.shortfallThreshold, signal: abort.signal })
      .then(
        (result) => {
          if (this.#baseline === abort) this.store.set({ baselineResult: result, baselineScenario: snap.base });
        },
        () => undefined, // cancelled or failed: the card shows no comparison, and the next result tries again
      )
      .finally(() => {
        if (this.#baseline === abort) this.#baseline = undefined;
        this.#notifyIfSettled();
      });
  }

  #notifyIfSettled(): void {
    if (this.#current || this.#timer !== undefined || this.#dirty || this.#baseline) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w(this.store.state.result);
  }
}
