// The ensemble's state in the query string: knob ranges (`gridBuildoutScale=0.8..1.6`, beside a
// point value of the same knob when both are set), the design, K and draws, the discovery axes,
// the failure definition (`fail=curtailedMWh>0.5`, display units) and the sensitivity output and
// N. Forgiving like the rest of the URL: a bad value falls back to the default.
import { checkDraws, validOr } from '../../engine/options';
import { KNOB_NAMES, type KnobName } from '../../scenario/names';
import { formatRange, parseRange, type KnobRangeMap } from '../ranges';
import { parseMetric } from './metrics';
import {
  DEFAULT_AXES,
  DEFAULT_ENSEMBLE,
  DEFAULT_FAILURE,
  DEFAULT_SENSITIVITY,
  type DiscoveryAxes,
  type EnsembleSettings,
  type FailureDef,
  type SensitivitySettings,
} from './types';

export interface EnsembleUrlState {
  ranges: KnobRangeMap;
  ensembleSettings: EnsembleSettings;
  discovery: DiscoveryAxes;
  failure: FailureDef;
  sensitivitySettings: SensitivitySettings;
}

const whole = (v: string | null, min: number, max: number): number | undefined => {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

const isKnob = (v: string | null): v is KnobName => v !== null && (KNOB_NAMES as readonly string[]).includes(v);
const metricOr = (v: string | null, fallback: string): string => (v !== null && parseMetric(v) ? v : fallback);

/** `curtailP[uk-london][2030]>20` → a failure definition. */
export function parseFailure(text: string | null): FailureDef | undefined {
  if (!text) return undefined;
  const m = /^(.+?)\s*([<>])\s*(-?[\d.eE+-]+)$/.exec(text);
  if (!m || !parseMetric(m[1] ?? '')) return undefined;
  const value = Number(m[3]);
  return Number.isFinite(value) ? { metric: m[1] as string, op: m[2] as '<' | '>', value } : undefined;
}

export const formatFailure = (f: FailureDef): string => `${f.metric}${f.op}${Number(f.value.toPrecision(6))}`;

export function ensembleFromQuery(q: URLSearchParams): EnsembleUrlState {
  const ranges: KnobRangeMap = {};
  for (const name of KNOB_NAMES) {
    for (const v of q.getAll(name)) {
      const r = parseRange(v);
      if (r) ranges[name] = r;
    }
  }
  const design = q.get('design');
  const x = q.get('x');
  // Draws by the engine's rule; Number('') is 0, which it refuses like any other bad value.
  const ensDraws = q.get('ensDraws');
  return {
    ranges,
    ensembleSettings: {
      design: design === 'lhs' || design === 'sobol' ? design : DEFAULT_ENSEMBLE.design,
      count: whole(q.get('K'), 2, 65536),
      draws: ensDraws === null ? DEFAULT_ENSEMBLE.draws : (validOr(() => checkDraws(Number(ensDraws))) ?? DEFAULT_ENSEMBLE.draws),
    },
    discovery: {
      x: isKnob(x) ? x : undefined,
      y: metricOr(q.get('y'), DEFAULT_AXES.y),
      colour: metricOr(q.get('colour'), DEFAULT_AXES.colour),
    },
    failure: parseFailure(q.get('fail')) ?? DEFAULT_FAILURE,
    sensitivitySettings: {
      output: q.get('sens') ?? DEFAULT_SENSITIVITY.output,
      n: whole(q.get('sensN'), 4, 1 << 16),
    },
  };
}

/** Appends a knob's range after its point value (same key), so one knob's state reads together. */
export function appendRange(q: URLSearchParams, name: KnobName, ranges: KnobRangeMap): void {
  const r = ranges[name];
  if (r) q.append(name, formatRange(r));
}

/** Writes what differs from the defaults. */
export function ensembleToQuery(s: EnsembleUrlState, q: URLSearchParams): void {
  const e = s.ensembleSettings;
  if (e.design !== DEFAULT_ENSEMBLE.design) q.set('design', e.design);
  if (e.count !== undefined) q.set('K', String(e.count));
  if (e.draws !== DEFAULT_ENSEMBLE.draws && Number.isFinite(e.draws)) q.set('ensDraws', String(e.draws));
  if (s.discovery.x) q.set('x', s.discovery.x);
  if (s.discovery.y !== DEFAULT_AXES.y) q.set('y', s.discovery.y);
  if (s.discovery.colour !== DEFAULT_AXES.colour) q.set('colour', s.discovery.colour);
  const f = formatFailure(s.failure);
  if (f !== formatFailure(DEFAULT_FAILURE)) q.set('fail', f);
  if (s.sensitivitySettings.output !== DEFAULT_SENSITIVITY.output) q.set('sens', s.sensitivitySettings.output);
  if (s.sensitivitySettings.n !== undefined) q.set('sensN', String(s.sensitivitySettings.n));
}
