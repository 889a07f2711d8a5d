// Everything the page does that takes time or can fail: starting the engine, loading scenarios,
// and running. Components call these and read the outcome back from the store. The model itself
// never runs on this thread: the engine works on the GPU (async) or in CPU workers.
import { createEngine } from '../createEngine';
import type { Engine, RunOptions, RunResult } from '../engine/types';
import { t } from '../i18n/i18n';
import type { KnobName } from '../scenario/names';
import { EnsembleController } from './ensemble/ensembleController';
import { LiveRunner } from './liveRunner';
import { ScenarioLoader } from './scenarioLoader';
import type { AppState, PresetId, RunInputs, Store } from './store';
import type { CpuFallback } from './engineText';
import { errorMessage } from './format';

/** Why 'auto' ended on the CPU: the browser's side when it has no WebGPU, else the engine's (hr-status puts it in words). */
function cpuReason(engine: Engine): CpuFallback {
  if (!window.isSecureContext) return { why: 'insecure' };
  if (!('gpu' in navigator) || !navigator.gpu) return { why: 'noWebgpu' };
  return { why: 'engine', reason: engine.backendReason };
}

export class Controller {
  #engine: Engine | undefined;
  readonly ready: Promise<void>;
  readonly scenarios: ScenarioLoader;
  readonly runner: LiveRunner;
  /** Ranges, ensembles, brushing, PRIM, sensitivity and raw samples (src/ui/ensemble/). */
  readonly ensemble: EnsembleController;

  constructor(private readonly store: Store) {
    this.runner = new LiveRunner(store, () => this.#engine);
    this.ensemble = new EnsembleController(store, () => this.#engine);
    this.scenarios = new ScenarioLoader(store, () => this.runner.requestLive());
    this.ready = this.#init();
    // The store already shows a failed start; this keeps it from also being an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get engine(): Engine | undefined {
    return this.#engine;
  }

  async #init(): Promise<void> {
    const { backendChoice } = this.store.state;
    try {
      const [engine] = await Promise.all([
        createEngine({ backend: backendChoice, onFallback: (reason) => this.#onDeviceLost(reason) }),
        this.scenarios.loadInitial(),
      ]);
      this.#engine = engine;
      const fellBack = backendChoice === 'auto' && engine.backend === 'cpu';
      this.store.set({
        engineBackend: engine.backend,
        engineDevice: engine.device,
        cpuFallbackReason: fellBack ? cpuReason(engine) : undefined,
      });
      // A disposed engine refuses every later call, so it is disposed once, on the way out.
      addEventListener('pagehide', () => void engine.dispose().catch(() => undefined), { once: true });
    } catch (e) {
      const why = backendChoice === 'webgpu' ? t('app:engine.tryOther', { message: errorMessage(e) }) : errorMessage(e);
      this.store.set({ state: 'error', error: { title: t('app:engine.failed'), issues: [{ message: why }] } });
      throw e;
    }
    // A preset that failed to load has already reported itself; only a clean start counts as idle.
    this.store.set({ ready: true, state: this.store.state.error ? 'error' : 'idle' });
    // Opening the page shows results straight away: a coarse pass, then the refined one.
    if (this.store.state.scenario) this.runner.requestLive();
  }

  #onDeviceLost(reason: string): void {
    const engine = this.#engine;
    this.store.set({
      engineBackend: engine?.backend ?? 'cpu',
      engineDevice: engine?.device ?? 'CPU',
      cpuFallbackReason: { why: 'deviceLost', detail: reason },
    });
  }

  selectPreset(id: PresetId): Promise<void> {
    return this.scenarios.selectPreset(id);
  }

  importFile(file: File): Promise<void> {
    return this.scenarios.importFile(file);
  }

  resetToPreset(): Promise<void> {
    return this.scenarios.resetToPreset();
  }

  setKnob(name: KnobName, value: number): void {
    this.store.set({ knobs: { ...this.store.state.knobs, [name]: value } });
    this.runner.requestLive();
  }

  resetKnob(name: KnobName): void {
    const knobs = { ...this.store.state.knobs };
    delete knobs[name];
    this.store.set({ knobs });
    this.runner.requestLive();
  }

  resetKnobs(): void {
    this.store.set({ knobs: {} });
    this.runner.requestLive();
  }

  setInputs(inputs: RunInputs): void {
    const before = this.store.state.inputs.shortfallThreshold;
    this.store.set({ inputs });
    // The threshold changes the answer's probability, not the draws: answer it as a knob move is.
    if (inputs.shortfallThreshold !== before && Number.isFinite(inputs.shortfallThreshold)) this.runner.requestLive();
  }

  /** View state that needs no new run (year, map view, selection, chart choice, flags). */
  setView(patch: Partial<Pick<AppState, 'year' | 'mapView' | 'selectedSiteId' | 'chartOutput' | 'present'>>): void {
    this.store.set(patch);
  }

  /** One run at the Run settings' draws (no coarse pass). Supersedes any live run. */
  async run(overrides: RunOptions = {}): Promise<RunResult> {
    await this.ready;
    return this.runner.runFull(overrides);
  }

  /** Resolves with the result once no run is in flight or waiting. */
  settled(): Promise<RunResult | undefined> {
    return this.runner.settled();
  }

  cancel(): void {
    this.runner.cancel();
  }
}
