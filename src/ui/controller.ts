// Everything the page does that takes time or can fail: starting the engine, loading scenarios,
// running and cancelling. Components call these and read the outcome back from the store.
import { createEngine } from '../engine/createEngine';
import { RunAbortedError, type Engine, type RunOptions, type RunResult } from '../engine/types';
import { parseScenario } from '../scenario/validate';
import { PRESETS, type PresetId, type RunInputs, type Store, type UiError } from './store';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function isAbort(e: unknown, signal: AbortSignal): boolean {
  return e instanceof RunAbortedError || (e instanceof Error && e.name === 'AbortError') || signal.aborted;
}

/** Why 'auto' ended up on the CPU, in words a visitor can act on. */
function webgpuMissingReason(): string {
  if (!window.isSecureContext) return 'the page is not a secure context (serve it over https or from localhost)';
  if (!('gpu' in navigator) || !navigator.gpu) return 'this browser does not expose WebGPU (navigator.gpu is missing)';
  return 'WebGPU is present but no adapter or device could be started';
}

function checkInputs(draws: number, paramSets: RunOptions['paramSets'], seed: number): UiError | undefined {
  const issues = [];
  if (!Number.isInteger(draws) || draws < 1) issues.push({ path: 'draws', message: 'must be a whole number ≥ 1' });
  if (typeof paramSets === 'number' && (!Number.isInteger(paramSets) || paramSets < 1)) {
    issues.push({ path: 'paramSets', message: 'must be a whole number ≥ 1' });
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) issues.push({ path: 'seed', message: 'must be a whole number within [0, 4294967295]' });
  return issues.length ? { title: 'Run settings are not valid', issues } : undefined;
}

export class Controller {
  #engine: Engine | undefined;
  #abort: AbortController | undefined;
  readonly ready: Promise<void>;

  constructor(private readonly store: Store) {
    this.ready = this.#init();
    // The store already shows a failed start; this keeps it from also being an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get engine(): Engine | undefined {
    return this.#engine;
  }

  async #init(): Promise<void> {
    const { backendChoice, source } = this.store.state;
    try {
      const [engine] = await Promise.all([
        createEngine({
          backend: backendChoice,
          onFallback: (reason) => this.#onDeviceLost(reason),
        }),
        this.selectPreset(source === 'file' ? PRESETS[0].id : source),
      ]);
      this.#engine = engine;
      const fellBack = backendChoice === 'auto' && engine.backend === 'cpu';
      this.store.set({
        engineBackend: engine.backend,
        engineDevice: engine.device,
        cpuFallbackReason: fellBack ? webgpuMissingReason() : undefined,
      });
      addEventListener('pagehide', () => void engine.dispose());
    } catch (e) {
      const why = backendChoice === 'webgpu' ? `${message(e)}. Try ?backend=auto or ?backend=cpu.` : message(e);
      this.store.set({ state: 'error', error: { title: 'The engine could not start', issues: [{ message: why }] } });
      throw e;
    }
    // A preset that failed to load has already reported itself; only a clean start counts as idle.
    this.store.set({ ready: true, state: this.store.state.error ? 'error' : 'idle' });
  }

  #onDeviceLost(reason: string): void {
    const engine = this.#engine;
    this.store.set({
      engineBackend: engine?.backend ?? 'cpu',
      engineDevice: engine?.device ?? 'CPU',
      cpuFallbackReason: `the GPU device was lost (${reason})`,
    });
  }

  async selectPreset(id: PresetId): Promise<void> {
    let text: string;
    try {
      const response = await fetch(`./data/scenarios/${id}.json`);
      if (!response.ok) throw new Error(`HTTP ${response.status} for data/scenarios/${id}.json`);
      text = await response.text();
    } catch (e) {
      this.store.set({ state: 'error', error: { title: `Could not load the preset '${id}'`, issues: [{ message: message(e) }] } });
      return;
    }
    this.#accept(parseScenario(text), `The preset '${id}' is not a valid scenario`, id);
  }

  async loadFile(file: File): Promise<void> {
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      this.store.set({ state: 'error', error: { title: `Could not read ${file.name}`, issues: [{ message: message(e) }] } });
      return;
    }
    this.#accept(parseScenario(text), `${file.name} is not a valid scenario; the current scenario is kept`, 'file');
  }

  #accept(parsed: ReturnType<typeof parseScenario>, failTitle: string, source: PresetId | 'file'): void {
    if (!parsed.ok) {
      this.store.set({ state: 'error', error: { title: failTitle, issues: parsed.errors }, notice: undefined });
      return;
    }
    const running = this.store.state.state === 'running';
    this.store.set({
      scenario: parsed.scenario,
      source,
      error: undefined,
      notice: undefined,
      ...(running ? {} : { state: 'idle' as const }),
    });
  }

  setInputs(inputs: RunInputs): void {
    this.store.set({ inputs });
  }

  /** Runs the current scenario. Rejects on cancel or failure; the store shows either way. */
  async run(overrides: RunOptions = {}): Promise<RunResult> {
    await this.ready;
    const engine = this.#engine;
    const { scenario, inputs, state } = this.store.state;
    if (!engine || !scenario) throw new Error('no engine or scenario is loaded');
    if (state === 'running') throw new Error('a run is already in progress');
    const draws = overrides.draws ?? inputs.draws;
    const paramSets = overrides.paramSets ?? inputs.paramSets;
    const seed = overrides.seed ?? inputs.seed;
    const invalid = checkInputs(draws, paramSets, seed);
    if (invalid) {
      this.store.set({ state: 'error', error: invalid });
      throw new Error(invalid.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    }

    const abort = new AbortController();
    this.#abort = abort;
    const outer = overrides.signal;
    if (outer?.aborted) abort.abort();
    outer?.addEventListener('abort', () => abort.abort(), { once: true });

    this.store.set({ state: 'running', progress: undefined, error: undefined, notice: undefined });
    try {
      const result = await engine.run(scenario, {
        ...overrides,
        paramSets,
        draws,
        seed,
        signal: abort.signal,
        onProgress: (p) => {
          this.store.set({ progress: p });
          overrides.onProgress?.(p);
        },
      });
      this.store.set({ state: 'done', result, resultLabel: scenario.name, progress: undefined, engineBackend: engine.backend, engineDevice: engine.device });
      return result;
    } catch (e) {
      if (isAbort(e, abort.signal)) {
        const kept = this.store.state.result ? '; the previous result is still shown' : '';
        this.store.set({ state: 'idle', progress: undefined, notice: `Run cancelled${kept}.` });
      } else {
        this.store.set({ state: 'error', progress: undefined, error: { title: 'The run failed', issues: [{ message: message(e) }] } });
      }
      throw e;
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }
}
