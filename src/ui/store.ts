// The page's single source of state. Components never keep their own copy of anything here:
// the root element subscribes and passes slices down as properties, and the URL is written from it.
import type { BackendChoice, BackendKind, KnobValues, RunProgress, RunResult } from '../engine/types';
import type { Language } from '../i18n/i18n';
import type { Scenario } from '../scenario/schema';
import type { CpuFallback } from './engineText';
import type {
  Brush,
  DiscoveryAxes,
  EnsembleRun,
  EnsembleSettings,
  FailureDef,
  PrimView,
  Selection,
  SensitivitySettings,
  SensitivityView,
} from './ensemble/types';
import type { KnobRangeMap } from './ranges';

/** The shipped scenarios (public/data/scenarios/<id>.json); their names on screen are app:preset.<id>. */
export const PRESETS = [{ id: 'global-2030' }, { id: 'uk-2030' }, { id: 'us-federal-sites' }, { id: 'japan-2030' }] as const;
export type PresetId = (typeof PRESETS)[number]['id'];
/** A preset, or 'user' for a scenario imported by the visitor (kept in IndexedDB). */
export type ScenarioSource = PresetId | 'user';

export const isPresetId = (v: string | null | undefined): v is PresetId => PRESETS.some((p) => p.id === v);

/** Mirrors `document.body.dataset.state`; absent until the engine and first scenario are ready. */
export type PageState = 'idle' | 'running' | 'done' | 'error';
/** Which pass produced the result on screen: the quick coarse pass, its refinement, or a Run. */
export type RunPhase = 'coarse' | 'refine' | 'full';

export interface UiIssue {
  /** Where the problem is: 'sites[0].lat' in a scenario, 'row 3, column lat' in a CSV; absent for engine failures. */
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
  /** Share of a year's plan whose loss counts as exceeding (RunOptions.shortfallThreshold). */
  shortfallThreshold: number;
}

/** Map camera: centre in degrees and zoom (1 = the whole world fits). */
export interface MapViewState {
  lon: number;
  lat: number;
  zoom: number;
}

export type EmbedView = 'map' | 'charts' | 'both';
export interface EmbedState {
  enabled: boolean;
  view: EmbedView;
  /** Show the parameter panel inside an embed. */
  controls: boolean;
  /** `static=1`: show the result stored for this view at once, without running (src/ui/staticResult.ts). */
  static: boolean;
  /** `id=`: the embed's name in its `headroom:height` messages, so the host page finds its iframe. */
  id: string | undefined;
}

export interface AppState {
  ready: boolean;
  state: PageState;
  backendChoice: BackendChoice;
  engineBackend?: BackendKind;
  engineDevice?: string;
  /** Why the CPU is running when WebGPU was wanted; drives the banner (in words at render: engineText.ts). */
  cpuFallbackReason?: CpuFallback;
  source: ScenarioSource;
  /** The preset "Reset to preset" returns to. */
  presetId: PresetId;
  /** Name the visitor's imported data was saved under (file name). */
  userLabel?: string;
  scenario?: Scenario;
  /** Knob values the visitor moved away from the scenario's own (absent = the scenario's value). */
  knobs: KnobValues;
  inputs: RunInputs;
  progress?: RunProgress;
  phase?: RunPhase;
  /** The last successful run; errors and cancelled runs leave it in place. */
  result?: RunResult;
  /** The scenario `result` was run on (sites and regions in result order), which may no longer be the current one. */
  resultScenario?: Scenario;
  /** Name of the scenario `result` was run on. */
  resultLabel?: string;
  /**
   * The scenario as written (every knob at the scenario's own value), same seed, run at the quick
   * pass's draws after a result whose knobs differ: the answer card's and cause chart's "as written".
   */
  baselineResult?: RunResult;
  /** The scenario `baselineResult` was run on (compare with `resultScenario` before using it). */
  baselineScenario?: Scenario;
  /** Year shown on the map and in the per-region bars; undefined = the scenario's default. */
  year?: number;
  /** undefined = the scenario's default view. */
  mapView?: MapViewState;
  selectedSiteId?: string;
  /** Series key of the histogram / exceedance chart. */
  chartOutput: string;
  embed: EmbedState;
  present: boolean;
  /** The page's language (`lang=`, else the browser's, else English). */
  lang: Language;
  /** The link named the language or the visitor chose it: the link keeps it, even English for a Japanese browser. */
  langPinned: boolean;
  /** What an imported site list does to the scenario's sites. */
  importMode: 'replace' | 'append';
  error?: UiError;
  notice?: string;
  /**
   * Why the scenario in use (an import) could not be saved in this browser: shown until another
   * scenario is taken or a save succeeds, whatever notices come and go meanwhile.
   */
  saveProblem?: string;
  /** Knobs varied over a range by ensembles, sensitivity and PRIM (the point value stays set 0). */
  ranges: KnobRangeMap;
  ensembleSettings: EnsembleSettings;
  discovery: DiscoveryAxes;
  failure: FailureDef;
  sensitivitySettings: SensitivitySettings;
  ensemble?: EnsembleRun;
  brush?: Brush;
  selection?: Selection;
  prim?: PrimView;
  sensitivity?: SensitivityView;
  /** Ensemble row picked in the scatter (raw-sample export); undefined = the live view's set 0. */
  pickedSet?: number;
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
