// The rules of run, sample and engine options, in one place. engine.run and engine.samples check
// with these before anything is packed or allocated; the CLI and the page call the same functions
// on what a person typed, so a limit, a default or a message is stated once. Every problem is a
// RunOptionError naming the option's path ('draws', 'paramSets.count', 'series[2]').
import { KNOB_LIMITS, KNOB_NAMES, knobLimitMessage, type KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { DEFAULT_SHORTFALL_THRESHOLD, HEADLINE_KEYS, seriesOf } from './series';
import type { BackendChoice, KnobValues, RunProgress, SeriesInfo } from './types';

export const DEFAULT_DRAWS = 4096;
/** Draws per parameter set: counters and block indices stay exact in 32 bits below this. */
export const MAX_DRAWS = 2 ** 24;
export const DEFAULT_SEED = 1;
export const MAX_SEED = 0xffffffff;
/** Parameter sets one run (or one design of a sharded run) may define. */
export const MAX_PARAM_SETS = 2 ** 20;
/** Parameter sets × sites × years one run's result may hold (each per-site array is 4 bytes a cell). */
export const MAX_RESULT_SITE_YEARS = 2 ** 28;
export const MAX_WORKERS = 256;
export const BACKEND_CHOICES = ['auto', 'webgpu', 'cpu'] as const satisfies readonly BackendChoice[];
export const DESIGNS = ['random', 'sobol', 'lhs'] as const;
export type DesignKind = (typeof DESIGNS)[number];

/** User values echoed in messages are cut to this many characters. */
const ECHO_MAX = 80;
/** Lists of valid choices in messages show at most this many. */
const LIST_MAX = 8;

/** A bad run, sample or engine option: `path` names it, `reason` says what is wrong. */
export class RunOptionError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'RunOptionError';
    this.path = path;
    this.reason = reason;
  }
}

const cut = (s: string): string => (s.length > ECHO_MAX ? `${s.slice(0, ECHO_MAX - 1)}…` : s);

/** A user value as a message shows it, never longer than ECHO_MAX characters. */
export function echo(v: unknown): string {
  if (typeof v === 'string') return cut(`'${v.length > ECHO_MAX ? v.slice(0, ECHO_MAX) : v}'`);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return cut(String(v));
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}

/** 'a, b, c, … (12 more)': at most `max` names. */
export function listed(names: readonly string[], max = LIST_MAX): string {
  const shown = names.slice(0, max).map(cut).join(', ');
  return names.length > max ? `${shown}, … (${names.length - max} more)` : shown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function whole(path: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new RunOptionError(path, `must be a whole number within [${lo}, ${hi}] (got ${echo(v)})`);
  }
  return v;
}

function flag(path: string, v: unknown): boolean | undefined {
  if (v !== undefined && typeof v !== 'boolean') throw new RunOptionError(path, `must be true or false (got ${echo(v)})`);
  return v;
}

/** A share of planned load in [0, 1]: the exceedance threshold of the shortfallShare series. */
export function checkShortfallThreshold(v: unknown, path = 'shortfallThreshold'): number {
  if (v === undefined) return DEFAULT_SHORTFALL_THRESHOLD;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1))
    throw new RunOptionError(path, `must be a share of planned load within [0, 1] (got ${echo(v)})`);
  return v;
}

/**
 * Null is never a default: every check refuses it for its own option, and this backstop refuses
 * it for an option whose check would not (a null `gpu` handle, say), after those checks ran.
 */
function refuseNulls(options: Record<string, unknown>, prefix = ''): void {
  for (const key of Object.keys(options)) {
    if (options[key] === null) throw new RunOptionError(`${prefix}${cut(key)}`, 'must not be null: leave it out for the default');
  }
}

function onlyKeys(options: Record<string, unknown>, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new RunOptionError(`${prefix}${cut(key)}`, `unknown option (known: ${known.join(', ')})`);
  }
}

/** Draws per parameter set: undefined is the default; anything else must be a whole number in range. */
export function checkDraws(v: unknown, path = 'draws'): number {
  return v === undefined ? DEFAULT_DRAWS : whole(path, v, 1, MAX_DRAWS);
}

export function checkSeed(v: unknown, path = 'seed'): number {
  return v === undefined ? DEFAULT_SEED : whole(path, v, 0, MAX_SEED);
}

/**
 * The three forms of RunOptions.paramSets, checked and normalised. Explicit sets are checked
 * where they are used: all of them by checkParamSets, only a run's slice (or a sample's one set)
 * by checkRunOptions and checkSampleOptions, so a run in many chunks does not re-check every set
 * in every chunk.
 */
export type CheckedParamSets =
  | { kind: 'design'; count: number; design: DesignKind }
  | { kind: 'explicit'; count: number; sets: KnobValues[] };

const LIMITS = new Map<string, { lo: number; hi: number }>(KNOB_NAMES.map((name) => [name, KNOB_LIMITS[name]]));

function checkKnobSet(set: unknown, path: string): void {
  if (!isRecord(set)) throw new RunOptionError(path, `must be an object of knob values (got ${echo(set)})`);
  // for…in sees own keys (`__proto__` too: JSON.parse makes it an own key) and inherited ones:
  // every name the run could read must be a knob.
  for (const name in set) {
    const value = set[name];
    const limit = LIMITS.get(name);
    if (limit === undefined) throw new RunOptionError(`${path}.${cut(name)}`, `unknown knob (known: ${KNOB_NAMES.join(', ')})`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new RunOptionError(`${path}.${name}`, `must be a finite number (got ${echo(value)})`);
    if (value < limit.lo || value > limit.hi) {
      throw new RunOptionError(`${path}.${name}`, `${knobLimitMessage(name as KnobName, value)} (got ${echo(value)})`);
    }
  }
}

/** Checks the explicit sets [first, first + count) of a checked paramSets (designs need nothing more). */
export function checkKnobSets(spec: CheckedParamSets, range: { first: number; count: number }, path = 'paramSets'): void {
  if (spec.kind !== 'explicit') return;
  for (let p = range.first; p < range.first + range.count; p++) checkKnobSet(spec.sets[p], `${path}[${p}]`);
}

/**
 * RunOptions.paramSets: a count K, { count: K, design } (design default 'random') or a list of
 * knob sets; undefined is one set. Counts are bounded by MAX_PARAM_SETS before anything is built.
 */
export function checkParamSets(v: unknown, path = 'paramSets'): CheckedParamSets {
  const spec = paramSetsShape(v, path);
  checkKnobSets(spec, { first: 0, count: spec.count }, path);
  return spec;
}

/** checkParamSets but for the contents of explicit sets. */
function paramSetsShape(v: unknown, path: string): CheckedParamSets {
  if (v === undefined) return { kind: 'design', count: 1, design: 'random' };
  if (typeof v === 'number') return { kind: 'design', count: whole(path, v, 1, MAX_PARAM_SETS), design: 'random' };
  if (Array.isArray(v)) {
    if (v.length === 0) throw new RunOptionError(path, 'must list at least one parameter set');
    if (v.length > MAX_PARAM_SETS) throw new RunOptionError(path, `must list at most ${MAX_PARAM_SETS} parameter sets (got ${v.length})`);
    return { kind: 'explicit', count: v.length, sets: v as KnobValues[] };
  }
  if (isRecord(v)) {
    onlyKeys(v, ['count', 'design'], `${path}.`);
    const count = whole(`${path}.count`, v.count, 1, MAX_PARAM_SETS);
    // Absent is the default; null is an error like any other value that is not a design.
    const design = v.design === undefined ? 'random' : v.design;
    if (!DESIGNS.includes(design as DesignKind))
      throw new RunOptionError(`${path}.design`, `must be one of ${DESIGNS.join(', ')} (got ${echo(design)})`);
    return { kind: 'design', count, design: design as DesignKind };
  }
  throw new RunOptionError(path, `must be a count, a list of knob sets or { count, design } (got ${echo(v)})`);
}

/** K, the parameter sets that RunOptions.paramSets defines (explicit sets' contents are not read). */
export function paramSetCount(v: unknown): number {
  return paramSetsShape(v, 'paramSets').count;
}

/** RunOptions.paramSetRange within the K sets: [first, first + count); undefined is all K. */
export function checkParamSetRange(v: unknown, total: number, path = 'paramSetRange'): { first: number; count: number } {
  if (v === undefined) return { first: 0, count: total };
  if (!isRecord(v)) throw new RunOptionError(path, `must be { first, count } (got ${echo(v)})`);
  onlyKeys(v, ['first', 'count'], `${path}.`);
  const first = whole(`${path}.first`, v.first, 0, MAX_PARAM_SETS);
  const count = whole(`${path}.count`, v.count, 0, MAX_PARAM_SETS);
  if (count < 1 || first + count > total) {
    throw new RunOptionError(path, `[${first}, ${first} + ${count}) must be a non-empty range within the ${total} parameter sets`);
  }
  return { first, count };
}

function callback<T>(path: string, v: unknown): T | undefined {
  if (v !== undefined && typeof v !== 'function') throw new RunOptionError(path, `must be a function (got ${echo(v)})`);
  return v as T | undefined;
}

function abortSignal(v: unknown): AbortSignal | undefined {
  if (v !== undefined && !(isRecord(v) && typeof v.aborted === 'boolean'))
    throw new RunOptionError('signal', `must be an AbortSignal (got ${echo(v)})`);
  return v as AbortSignal | undefined;
}

/** The options common to runs and samples, checked. */
interface CheckedCommon {
  paramSets: CheckedParamSets;
  draws: number;
  seed: number;
  commonRandomNumbers: boolean;
  /** P(shortfallShare > this) is each year's exceedance probability. */
  shortfallThreshold: number;
  onProgress: ((p: RunProgress) => void) | undefined;
  signal: AbortSignal | undefined;
}

export interface CheckedRunOptions extends CheckedCommon {
  /** The slice of the K sets this run computes. */
  range: { first: number; count: number };
  histograms: boolean;
  regionQuantiles: boolean;
}

const RUN_KEYS = [
  'paramSets',
  'paramSetRange',
  'draws',
  'seed',
  'commonRandomNumbers',
  'shortfallThreshold',
  'histograms',
  'regionQuantiles',
  'onProgress',
  'signal',
] as const;
const SAMPLE_KEYS = [
  'paramSets',
  'draws',
  'seed',
  'commonRandomNumbers',
  'shortfallThreshold',
  'onProgress',
  'signal',
  'paramSet',
  'series',
] as const;

/** The keys RunOptions and SampleOptions take (types.ts); any other key is an error. */
export { RUN_KEYS as RUN_OPTION_KEYS, SAMPLE_KEYS as SAMPLE_OPTION_KEYS };

function options(v: unknown, known: readonly string[]): Record<string, unknown> {
  if (v === undefined) return {};
  if (!isRecord(v)) throw new RunOptionError('options', `must be an object (got ${echo(v)})`);
  onlyKeys(v, known);
  return v;
}

function common(o: Record<string, unknown>): CheckedCommon {
  return {
    paramSets: paramSetsShape(o.paramSets, 'paramSets'),
    draws: checkDraws(o.draws),
    seed: checkSeed(o.seed),
    commonRandomNumbers: flag('commonRandomNumbers', o.commonRandomNumbers) ?? false,
    shortfallThreshold: checkShortfallThreshold(o.shortfallThreshold),
    onProgress: callback('onProgress', o.onProgress),
    signal: abortSignal(o.signal),
  };
}

/** Designs up to this many parameter sets keep region-year quantiles by default (each set costs regions × years × 34 counters). */
export const REGION_QUANTILE_SETS = 64;

/** Every rule of RunOptions (see types.ts); needs no scenario. Throws RunOptionError. */
export function checkRunOptions(v: unknown): CheckedRunOptions {
  const o = options(v, RUN_KEYS);
  const c = common(o);
  const range = checkParamSetRange(o.paramSetRange, c.paramSets.count);
  checkKnobSets(c.paramSets, range);
  const histograms = flag('histograms', o.histograms) ?? range.count <= 16;
  // By the design's size, not the slice's: every shard and chunk of one design keeps the same outputs.
  const regionQuantiles = flag('regionQuantiles', o.regionQuantiles) ?? c.paramSets.count <= REGION_QUANTILE_SETS;
  refuseNulls(o);
  return { ...c, range, histograms, regionQuantiles };
}

/** The run's result arrays fit: sets × sites × years within MAX_RESULT_SITE_YEARS. */
export function checkRunSize(scenario: Scenario, run: Pick<CheckedRunOptions, 'range'>, path = 'paramSets'): void {
  const years = scenario.endYear - scenario.startYear + 1;
  const cells = run.range.count * scenario.sites.length * years;
  if (cells > MAX_RESULT_SITE_YEARS) {
    throw new RunOptionError(
      path,
      `${run.range.count} parameter sets × ${scenario.sites.length} sites × ${years} years is ${cells} site-years of results; ` +
        `one run holds at most ${MAX_RESULT_SITE_YEARS}: run fewer sets, or a slice of them at a time (paramSetRange; --shard in the CLI)`,
    );
  }
}

export interface CheckedSampleOptions extends CheckedCommon {
  paramSet: number;
  /** Indices into seriesOf(scenario), in the order asked for. */
  seriesIndex: number[];
  series: SeriesInfo[];
}

/** SampleOptions.paramSet: one of the K sets of the design; undefined is set 0. */
export function checkParamSetIndex(v: unknown, K: number, path = 'paramSet'): number {
  return v === undefined ? 0 : whole(path, v, 0, K - 1);
}

/** Every rule of SampleOptions: the set must be one of the design's, the series the scenario's. */
export function checkSampleOptions(scenario: Scenario, v: unknown): CheckedSampleOptions {
  const o = options(v, SAMPLE_KEYS);
  const c = common(o);
  const paramSet = checkParamSetIndex(o.paramSet, c.paramSets.count);
  checkKnobSets(c.paramSets, { first: paramSet, count: 1 });
  const all = seriesOf(scenario);
  const keys = o.series === undefined ? HEADLINE_KEYS : o.series;
  if (!Array.isArray(keys)) throw new RunOptionError('series', `must be a list of series keys (got ${echo(keys)})`);
  if (keys.length === 0) throw new RunOptionError('series', 'must name at least one series');
  const byKey = new Map(all.map((s, i) => [s.key, i]));
  const seriesIndex = keys.map((key: unknown, i) => {
    const at = typeof key === 'string' ? byKey.get(key) : undefined;
    if (at === undefined)
      throw new RunOptionError(`series[${i}]`, `no series ${echo(key)} in this scenario (known: ${listed(all.map((s) => s.key))})`);
    return at;
  });
  refuseNulls(o);
  return { ...c, paramSet, seriesIndex, series: seriesIndex.map((i) => all[i] as SeriesInfo) };
}

/** createEngine's backend: undefined is 'auto'; an unknown name is an error, never a silent WebGPU. */
export function checkBackendChoice(v: unknown, path = 'backend'): BackendChoice {
  if (v === undefined) return 'auto';
  if (!BACKEND_CHOICES.includes(v as BackendChoice))
    throw new RunOptionError(path, `must be one of ${BACKEND_CHOICES.join(', ')} (got ${echo(v)})`);
  return v as BackendChoice;
}

export function checkWorkers(v: unknown, path = 'workers'): number | undefined {
  return v === undefined ? undefined : whole(path, v, 1, MAX_WORKERS);
}

/** The rule-bearing parts of createEngine's options. */
export function checkEngineOptions(v: unknown, known: readonly string[]): { backend: BackendChoice; workers: number | undefined } {
  const o = options(v, known);
  callback('onFallback', o.onFallback);
  const checked = { backend: checkBackendChoice(o.backend), workers: checkWorkers(o.workers) };
  refuseNulls(o);
  return checked;
}

/** The value a check returns, or undefined where it refuses (forgiving readers: URLs, form fields). */
export function validOr<T>(check: () => T): T | undefined {
  try {
    return check();
  } catch (e) {
    if (e instanceof RunOptionError) return undefined;
    throw e;
  }
}
