// The page's single source of state. Components never keep their own copy of anything here:
// the root element subscribes and passes slices down as properties.
import type { BackendChoice, BackendKind, RunProgress, RunResult } from '../engine/types';
import type { Scenario } from '../scenario/schema';

export const PRESETS = [
  { id: 'global-2030', label: 'Global (default)' },
  { id: 'uk-2030', label: 'United Kingdom' },
  { id: 'us-federal-sites', label: 'US federal sites' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

/** Mirrors `document.body.dataset.state`; absent until the engine and first scenario are ready. */
export type PageState = 'idle' | 'running' | 'done' | 'error';

export interface UiIssue {
  /** Where in the scenario the problem is, e.g. 'sites[0].lat'; absent for engine failures. */
  path?: string;
  message: string;
}

export interface UiError {
  title: string;
  issues: UiIssue[];
}

export interface RunInputs {
  draws: number;
  paramSets: number;
  seed: number;
}

export interface AppState {
  ready: boolean;
  state: PageState;
  backendChoice: BackendChoice;
  engineBackend?: BackendKind;
  engineDevice?: string;
  /** Why the CPU is running when WebGPU was wanted; drives the banner. */
  cpuFallbackReason?: string;
  /** A preset id, or 'file' for a scenario loaded from disk. */
  source: PresetId | 'file';
  scenario?: Scenario;
  inputs: RunInputs;
  progress?: RunProgress;
  /** The last successful run; errors and cancelled runs leave it in place. */
  result?: RunResult;
  /** Name of the scenario `result` was run on, which may no longer be the current one. */
  resultLabel?: string;
  error?: UiError;
  notice?: string;
}

type Listener = (state: AppState) => void;

export class Store {
  #state: AppState;
  readonly #listeners = new Set<Listener>();

  constructor(initial: AppState) {
    this.#state = initial;
  }

  get state(): AppState {
    return this.#state;
  }

  set(patch: Partial<AppState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener(this.#state);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }
}

export function backendFromUrl(search: string): BackendChoice {
  const value = new URLSearchParams(search).get('backend');
  return value === 'cpu' || value === 'webgpu' ? value : 'auto';
}

export function presetFromUrl(search: string): PresetId {
  const value = new URLSearchParams(search).get('scenario');
  return PRESETS.find((p) => p.id === value)?.id ?? PRESETS[0].id;
}

export function initialState(search: string): AppState {
  return {
    ready: false,
    state: 'idle',
    backendChoice: backendFromUrl(search),
    source: presetFromUrl(search),
    inputs: { draws: 4096, paramSets: 1, seed: 1 },
  };
}
