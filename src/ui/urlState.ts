// The shareable part of the state lives in the query string, so a copied link (or a reload)
// opens the same view: scenario, knobs, year, map view, selected site, chart output, embed flags (the
// embed's id, static mode) and presentation flags, the run settings, and the ensemble's ranges and choices (ensembleUrl.ts). Parsing is forgiving: a bad value is ignored, never fatal,
// and the page says which were (AppState.notice). Names are looked up as own keys only (Object.hasOwn), so `map=toString` or
// `y=__proto__` is an unknown name like any other. Run settings and the backend are judged by the engine's own rules (src/engine/options.ts).
import {
  checkBackendChoice,
  checkDraws,
  checkParamSets,
  checkSeed,
  checkShortfallThreshold,
  DEFAULT_DRAWS,
  DEFAULT_SEED,
  RunOptionError,
  validOr,
} from '../engine/options';
import type { BackendChoice, KnobValues } from '../engine/types';
import { isLanguage, type Language, pickLanguage, t } from '../i18n/i18n';
import { DEFAULT_SHORTFALL_THRESHOLD, HEADLINE_KEYS } from '../engine/series';
import { KNOB_LIMITS, KNOB_NAMES } from '../scenario/names';
import { appendRange, ensembleFromQuery, ensembleToQuery } from './ensemble/ensembleUrl';
import { parseRange } from './ranges';
import { MAX_ZOOM, MIN_ZOOM, PRESET_VIEWS, type PresetViewId } from './map/presetViews';
import { isPresetId, PRESETS, type AppState, type EmbedView, type MapViewState, type RunInputs, type ScenarioSource } from './store';

export const DEFAULT_INPUTS: RunInputs = {
  draws: DEFAULT_DRAWS,
  paramSets: 1,
  seed: DEFAULT_SEED,
  shortfallThreshold: DEFAULT_SHORTFALL_THRESHOLD,
};

/** `threshold=20`: the shortfall threshold in per cent of the plan, as the Run settings show it. */
const thresholdPct = (pct: number): number => checkShortfallThreshold(pct / 100, 'threshold') * 100;
/** The page's own cap on the Run settings' parameter sets (the engine takes more: the ensemble runs them). */
export const MAX_LIVE_PARAM_SETS = 4096;
export const DEFAULT_OUTPUT = 'energyServedMWh';

const num = (v: string | null): number | undefined => {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};
const wholeAtLeast = (v: string | null, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

const backendFrom = (v: string): BackendChoice | undefined => validOr(() => checkBackendChoice(v));

/** The Run settings' parameter sets: a count the engine takes, within the page's own cap. */
function liveParamSets(n: unknown): number {
  const { count } = checkParamSets(n);
  if (count > MAX_LIVE_PARAM_SETS)
    throw new RunOptionError(
      'paramSets',
      `the page runs at most ${MAX_LIVE_PARAM_SETS} parameter sets at once (got ${count}); Run ensemble runs more`,
    );
  return count;
}

/** A number the engine accepts (by `check`), else undefined; an absent or empty value is undefined too. */
const accepted = (v: string | null, check: (n: number) => number): number | undefined => {
  const n = num(v);
  return n === undefined ? undefined : validOr(() => check(n));
};

/** `map=-2.5,54,8` or a preset view name (`map=uk`). */
export function parseMapView(v: string | null): MapViewState | undefined {
  if (!v) return undefined;
  if (Object.hasOwn(PRESET_VIEWS, v)) return { ...PRESET_VIEWS[v as PresetViewId] };
  const [lon, lat, zoom] = v.split(',').map((p) => num(p));
  if (lon === undefined || lat === undefined || zoom === undefined) return undefined;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90 || zoom < MIN_ZOOM || zoom > MAX_ZOOM) return undefined;
  return { lon, lat, zoom };
}

export function formatMapView(v: MapViewState): string {
  return `${v.lon.toFixed(2)},${v.lat.toFixed(2)},${v.zoom.toFixed(2)}`;
}

const presetOrUndefined = (v: string | null) => (isPresetId(v) ? v : undefined);
/** A value from the link as a notice quotes it: at most 40 characters. */
const shown = (v: string): string => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
/** An embed id as the host page's getElementById takes it, and short: letters, digits, `-` and `_`. */
export const EMBED_ID = /^[A-Za-z0-9_-]{1,64}$/;
const embedId = (v: string | null): string | undefined => (v !== null && EMBED_ID.test(v) ? v : undefined);

/**
 * Parameters that change how a result is shown, never the result: the stored result of a view
 * (src/ui/io/resultCache.ts) is the same whatever they say.
 */
export const DISPLAY_PARAMS = ['lang', 'embed', 'view', 'controls', 'static', 'id', 'present', 'map', 'site', 'output', 'year'] as const;

const isHeadline = (v: string | null): v is string => v !== null && (HEADLINE_KEYS as readonly string[]).includes(v);

/**
 * 'Ignored in the link: map=toString, y=__proto__ (unknown or out-of-range values; the defaults are used).'
 * `lng`: the page's language, which is not set yet while the link is first read.
 */
export function ignoredNotice(ignored: readonly string[], lng?: Language): string | undefined {
  if (ignored.length === 0) return undefined;
  const shownList = ignored.slice(0, 6).join(', ');
  const list = ignored.length > 6 ? t('app:notice.ignoredMore', { lng, list: shownList, n: ignored.length - 6 }) : shownList;
  return t('app:notice.ignored', { lng, list });
}

/** `preferred`: the browser's languages (navigator.languages), used when the link names none. */
export function initialState(search: string, preferred: readonly string[] = []): AppState {
  const q = new URLSearchParams(search);
  /** `key=value` of every parameter that was present but not used. */
  const ignored: string[] = [];
  const used = <T>(key: string, value: T | undefined): T | undefined => {
    const raw = q.get(key);
    if (value === undefined && raw !== null && raw.trim() !== '') ignored.push(`${key}=${shown(raw)}`);
    return value;
  };
  const scenarioParam = q.get('scenario');
  const source: ScenarioSource = scenarioParam === 'user' ? 'user' : (used('scenario', presetOrUndefined(scenarioParam)) ?? PRESETS[0].id);
  const knobs: KnobValues = {};
  for (const name of KNOB_NAMES) {
    // A knob's key may come twice: its point value and its range (`0.8..1.6`, see ensembleUrl.ts).
    for (const text of q.getAll(name)) {
      const v = num(text);
      const { lo, hi } = KNOB_LIMITS[name];
      if (v !== undefined && v >= lo && v <= hi) knobs[name] = v;
      else if (!parseRange(text) && text.trim() !== '') ignored.push(`${name}=${shown(text)}`);
    }
  }
  const view = q.get('view');
  const embedView: EmbedView = view === 'map' || view === 'charts' ? view : (used('view', view === 'both' ? 'both' : undefined) ?? 'both');
  const embedded = q.get('embed') === '1';
  const backend = q.get('backend');
  const state: AppState = {
    ready: false,
    state: 'idle',
    backendChoice: used('backend', backend === null ? undefined : backendFrom(backend)) ?? 'auto',
    source,
    presetId: isPresetId(scenarioParam) ? scenarioParam : (used('preset', presetOrUndefined(q.get('preset'))) ?? PRESETS[0].id),
    knobs,
    inputs: {
      draws: used('draws', accepted(q.get('draws'), checkDraws)) ?? DEFAULT_INPUTS.draws,
      paramSets: used('sets', accepted(q.get('sets'), liveParamSets)) ?? DEFAULT_INPUTS.paramSets,
      seed: used('seed', accepted(q.get('seed'), checkSeed)) ?? DEFAULT_INPUTS.seed,
      shortfallThreshold: (used('threshold', accepted(q.get('threshold'), thresholdPct)) ?? DEFAULT_INPUTS.shortfallThreshold * 100) / 100,
    },
    year: used('year', wholeAtLeast(q.get('year'), 1990, 2100)),
    mapView: used('map', parseMapView(q.get('map'))),
    selectedSiteId: q.get('site') ?? undefined,
    chartOutput: used('output', isHeadline(q.get('output')) ? (q.get('output') as string) : undefined) ?? DEFAULT_OUTPUT,
    embed: {
      enabled: embedded,
      view: embedView,
      controls: q.get('controls') === '1',
      static: q.get('static') === '1',
      id: used('id', embedId(q.get('id'))),
    },
    present: q.get('present') === '1',
    lang: used('lang', isLanguage(q.get('lang')) ? pickLanguage(q.get('lang'), []) : undefined) ?? pickLanguage(null, preferred),
    langPinned: isLanguage(q.get('lang')),
    importMode: 'replace',
    ...ensembleFromQuery(q, ignored),
  };
  // Last, once every parameter has been read; in the page's language, which is not set yet.
  return { ...state, notice: ignoredNotice(ignored, state.lang) };
}

/** The query string for a state: only what differs from the defaults, in a stable order. */
export function stateToSearch(s: AppState): string {
  const q = new URLSearchParams();
  q.set('scenario', s.source);
  // Imported data: the preset "Reset to preset" returns to.
  if (s.source === 'user') q.set('preset', s.presetId);
  if (s.backendChoice !== 'auto') q.set('backend', s.backendChoice);
  for (const name of KNOB_NAMES) {
    const v = s.knobs[name];
    if (v !== undefined) q.set(name, String(Number(v.toPrecision(6))));
    appendRange(q, name, s.ranges);
  }
  if (s.year !== undefined) q.set('year', String(s.year));
  if (s.mapView) q.set('map', formatMapView(s.mapView));
  if (s.selectedSiteId) q.set('site', s.selectedSiteId);
  if (s.chartOutput !== DEFAULT_OUTPUT) q.set('output', s.chartOutput);
  if (s.inputs.draws !== DEFAULT_INPUTS.draws && Number.isFinite(s.inputs.draws)) q.set('draws', String(s.inputs.draws));
  if (s.inputs.paramSets !== DEFAULT_INPUTS.paramSets && Number.isFinite(s.inputs.paramSets)) q.set('sets', String(s.inputs.paramSets));
  if (s.inputs.seed !== DEFAULT_INPUTS.seed && Number.isFinite(s.inputs.seed)) q.set('seed', String(s.inputs.seed));
  const threshold = s.inputs.shortfallThreshold;
  if (threshold !== DEFAULT_INPUTS.shortfallThreshold && Number.isFinite(threshold))
    q.set('threshold', String(Number((threshold * 100).toPrecision(6))));
  if (s.embed.enabled) {
    q.set('embed', '1');
    q.set('view', s.embed.view);
    q.set('controls', s.embed.controls ? '1' : '0');
    if (s.embed.id !== undefined) q.set('id', s.embed.id);
  }
  if (s.embed.static) q.set('static', '1');
  if (s.present) q.set('present', '1');
  if (s.lang !== 'en' || s.langPinned) q.set('lang', s.lang);
  ensembleToQuery(s, q);
  return `?${q.toString()}`;
}

/**
 * Keeps the address bar in step with the store (replaceState: moving a slider is not a new page
 * in the history). Writes are coalesced: dragging a slider fires dozens of changes a second and
 * browsers throttle history updates.
 */
export function syncUrl(subscribe: (fn: (s: AppState) => void) => void, delayMs = 120): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: AppState | undefined;
  subscribe((s) => {
    if (!s.ready) return;
    latest = s;
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!latest) return;
      const search = stateToSearch(latest);
      if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }, delayMs);
  });
}
