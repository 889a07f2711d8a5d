// The ensemble's actions: knob ranges, the ensemble run (in chunks, beside the live runs, with
// progress and cancel), brushing and the selection's means for the map, PRIM on the failure
// definition, the sensitivity analysis and raw-sample export. Outcomes go to the store.
import { checkDraws, checkParamSets, checkSeed, DEFAULT_SEED, RunOptionError, validOr } from '../../engine/options';
import type { Engine, RunProgress } from '../../engine/types';
import { t } from '../../i18n/i18n';
import { KNOB_NAMES } from '../../scenario/names';
import type { Scenario } from '../../scenario/schema';
import { errorMessage } from '../format';
import { defaultYear, resolveYear } from '../resultSlices';
import { fitMetric, metricId } from './metrics';
import { clampRanges, ensembleKey, ensembleScenario, variedKnobs } from '../ranges';
import type { Store } from '../store';
import type { EnsembleAction } from './actions';
import { chunkedRun, chunkSetsFor } from './chunkedRun';
import { runPrim } from './primView';
import { exportRawSamples } from './rawSampleExport';
import { selectionOf } from './selection';
import { SensitivityRunner } from './sensitivityRunner';
import { autoKFor, siteYearsOf } from './sizing';
import type { Brush, EnsembleRun } from './types';

/** PRIM re-runs this long after the last change of the failure definition (it takes ~0.1 s at K = 4096). */
const PRIM_DEBOUNCE_MS = 150;

const sameSites = (a: Scenario | undefined, b: Scenario | undefined): boolean =>
  !!a && !!b && a.sites.length === b.sites.length && a.sites.every((s, i) => s.id === b.sites[i]?.id);

export class EnsembleController {
  readonly sensitivity: SensitivityRunner;
  #abort: AbortController | undefined;
  #primTimer: ReturnType<typeof setTimeout> | undefined;
  #lastProgress = 0;
  #scenario: Scenario | undefined;

  constructor(
    private readonly store: Store,
    private readonly engine: () => Engine | undefined,
  ) {
    this.sensitivity = new SensitivityRunner(store, engine);
    // A scenario with other sites makes the ensemble's rows meaningless for the map: drop them.
    store.subscribe((s) => {
      if (s.scenario === this.#scenario) return;
      const before = this.#scenario;
      this.#scenario = s.scenario;
      if (before && !sameSites(before, s.scenario)) this.#clear();
    });
  }

  handle(a: EnsembleAction): void {
    const s = this.store.state;
    switch (a.type) {
      case 'range': {
        const ranges = { ...s.ranges };
        if (a.range) ranges[a.name] = a.range;
        else delete ranges[a.name];
        this.store.set({ ranges });
        this.sensitivity.rangesChanged();
        return;
      }
      case 'settings':
        return this.store.set({ ensembleSettings: { ...s.ensembleSettings, ...a.patch } });
      case 'run':
        return void this.run();
      case 'cancel':
        return this.#abort?.abort();
      case 'axes':
        this.store.set({ discovery: { ...s.discovery, ...a.patch } });
        return this.#keepVisibleBrush();
      case 'failure':
        this.store.set({ failure: a.failure });
        return this.#schedulePrim();
      case 'brush':
        return this.setBrush(a.brush);
      case 'pick':
        return this.store.set({ pickedSet: a.set });
      case 'sensitivity-settings':
        return this.store.set({ sensitivitySettings: { ...s.sensitivitySettings, ...a.patch } });
      case 'sensitivity':
        return void this.sensitivity.compute();
      case 'sensitivity-cancel':
        return this.sensitivity.cancel();
      case 'export':
        return void this.#export(a.format, a.series);
    }
  }

  /** K when the visitor chose none: what the last run's measured throughput gets through in ~30 s (sizing.ts). */
  defaultK(): number {
    return autoKFor(this.store.state);
  }

  async run(): Promise<void> {
    const s = this.store.state;
    const engine = this.engine();
    if (!engine || !s.scenario) return;
    this.#abort?.abort();
    const { design, draws } = s.ensembleSettings;
    const K = s.ensembleSettings.count ?? this.defaultK();
    const scenario = ensembleScenario(s.scenario, s.knobs, s.ranges);
    const varied = variedKnobs(clampRanges(s.scenario, s.ranges));
    // The engine's rules (src/engine/options.ts), checked before the run is announced.
    try {
      checkDraws(draws);
      checkParamSets({ count: K, design });
    } catch (e) {
      if (!(e instanceof RunOptionError)) throw e;
      this.store.set({ error: { title: t('ensemble:settings.invalid'), issues: [{ path: e.path, message: e.reason }] } });
      return;
    }
    const seed = validOr(() => checkSeed(s.inputs.seed)) ?? DEFAULT_SEED;
    const abort = new AbortController();
    this.#abort = abort;
    const current = () => this.#abort === abort;
    let run: EnsembleRun = {
      status: 'running',
      rows: 0,
      K,
      design,
      draws,
      seed,
      scenario,
      varied,
      lo: Float64Array.from(varied, (n) => scenario.knobs[n]?.min ?? 0),
      hi: Float64Array.from(varied, (n) => scenario.knobs[n]?.max ?? 0),
      key: ensembleKey(s.scenario, s.knobs, s.ranges, `${design}|${K}|${draws}|${seed}`),
    };
    const update = (patch: Partial<EnsembleRun>): void => {
      run = { ...run, ...patch };
      if (current()) this.store.set({ ensemble: run });
    };
    this.store.set({ ensemble: run, brush: undefined, selection: undefined, prim: undefined, pickedSet: undefined });
    const siteYears = siteYearsOf(scenario);
    try {
      await chunkedRun(engine, scenario, {
        paramSets: { count: K, design },
        draws,
        seed,
        histograms: false,
        signal: abort.signal,
        chunkSets: chunkSetsFor(engine.backend, draws, siteYears, K, s.result?.siteYearSamplesPerSecond),
        onProgress: (p) => this.#progress(p, update),
        onChunk: (result, rows) => {
          update({ result, rows });
          // A brush drawn while sets are still arriving takes in the new ones.
          const brush = this.store.state.brush;
          if (brush && current()) this.setBrush(brush);
        },
      });
      update({ status: 'done', progress: undefined });
    } catch (e) {
      update({
        status: abort.signal.aborted ? 'cancelled' : 'error',
        progress: undefined,
        error: abort.signal.aborted ? undefined : errorMessage(e),
      });
    }
    if (current()) {
      this.#abort = undefined;
      this.#prim();
    }
  }

  setBrush(brush: Brush | undefined): void {
    const run = this.store.state.ensemble;
    if (!brush || !run?.result) {
      this.store.set({ brush: undefined, selection: undefined });
      return;
    }
    this.store.set({ brush, selection: selectionOf(run, brush) });
  }

  /**
   * New axes: a brush drawn on axes that are no longer shown would go on filtering invisibly, so
   * a scatter rectangle goes, and so does an interval on an outcome axis that was swapped out.
   */
  #keepVisibleBrush(): void {
    const { brush, discovery } = this.store.state;
    if (brush?.kind === 'rect') return this.setBrush(undefined);
    if (brush?.kind !== 'axes') return;
    const kept = Object.entries(brush.intervals).filter(
      ([id]) => (KNOB_NAMES as readonly string[]).includes(id) || id === discovery.colour,
    );
    if (kept.length === Object.keys(brush.intervals).length) return;
    this.setBrush(kept.length ? { kind: 'axes', intervals: Object.fromEntries(kept) } : undefined);
  }

  /** At most ten progress updates a second: each one re-renders the page. */
  #progress(p: RunProgress, update: (patch: Partial<EnsembleRun>) => void): void {
    const now = performance.now();
    if (now - this.#lastProgress < 100 && p.fraction < 1) return;
    this.#lastProgress = now;
    update({ progress: p });
  }

  #schedulePrim(): void {
    clearTimeout(this.#primTimer);
    this.#primTimer = setTimeout(() => this.#prim(), PRIM_DEBOUNCE_MS);
  }

  #prim(): void {
    const s = this.store.state;
    const run = s.ensemble;
    if (!run?.result || run.status === 'running') return;
    try {
      // A metric naming a region or year this scenario lacks means what the picker shows instead.
      const metric = metricId(fitMetric(s.failure.metric, run.scenario, resolveYear(s.year, run.scenario) ?? defaultYear(run.scenario)));
      this.store.set({ prim: runPrim(run, { ...s.failure, metric }) });
    } catch (e) {
      const error = errorMessage(e);
      this.store.set({
        prim: {
          rows: run.rows,
          failing: 0,
          boxes: [],
          get message() {
            return t('ensemble:prim.msg.failed', { error });
          },
        },
      });
    }
  }

  #clear(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.sensitivity.clear();
    this.store.set({ ensemble: undefined, brush: undefined, selection: undefined, prim: undefined, pickedSet: undefined });
  }

  async #export(format: 'csv' | 'arrow', series: string[]): Promise<void> {
    const engine = this.engine();
    if (!engine) return;
    try {
      this.store.set({ notice: await exportRawSamples(engine, this.store.state, format, series) });
    } catch (e) {
      this.store.set({ error: { title: t('ensemble:raw.failed'), issues: [{ message: errorMessage(e) }] } });
    }
  }
}
