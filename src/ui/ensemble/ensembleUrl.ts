// The ensemble's state in the query string: knob ranges (`gridBuildoutScale=0.8..1.6`, beside a
// point value of the same knob when both are set), the design, K and draws, the discovery axes,
// the failure definition (`fail=curtailedMWh>0.5`, display units) and the sensitivity output and
// N. Forgiving like the rest of the URL: a bad value falls back to the default, and its
// `key=value` is listed for the page's notice. Names are looked up as own keys only.
import { checkDraws, validOr } from '../../engine/options';
import { HEADLINE_KEYS } from '../../engine/series';
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
const metricOr = (v: string | null): string | undefined => (v !== null && parseMetric(v) ? v : undefined);

/** `curtailP[uk-london][2030]>20` → a failure definition. */
export function parseFailure(text: string | null): FailureDef | undefined {
  if (!text) return undefined;
  const m = /^(.+?)\s*([<>])\s*(-?[\d.eE+-]+)$/.exec(text);
  if (!m || !parseMetric(m[1] ?? '')) return undefined;
  const value = Number(m[3]);
  return Number.isFinite(value) ? { metric: m[1] as string, op: m[2] as '<' | '>', value } : undefined;
}

export const formatFailure = (f: FailureDef): string => `${f.metric}${f.op}${Number(f.value.toPrecision(6))}`;

/** The ensemble's state from a query string; `ignored` collects `key=value` of each value not used. */
export function ensembleFromQuery(q: URLSearchParams, ignored: string[] = []): EnsembleUrlState {
  const used = <T>(key: string, value: T | undefined): T | undefined => {
    const raw = q.get(key);
    if (value === undefined && raw !== null && raw.trim() !== '') ignored.push(`${key}=${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}`);
    return value;
  };
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
  const sens = q.get('sens');
  return {
    ranges,
    ensembleSettings: {
      design: used('design', design === 'lhs' || design === 'sobol' ? design : undefined) ?? DEFAULT_ENSEMBLE.design,
      count: used('K', whole(q.get('K'), 2, 65536)),
      draws:
        ensDraws === null
          ? DEFAULT_ENSEMBLE.draws
          : (used(
              'ensDraws',
              validOr(() => checkDraws(Number(ensDraws))),
            ) ?? DEFAULT_ENSEMBLE.draws),
    },
    discovery: {
      x: used('x', isKnob(x) ? x : undefined),
      y: used('y', metricOr(q.get('y'))) ?? DEFAULT_AXES.y,
      colour: used('colour', metricOr(q.get('colour'))) ?? DEFAULT_AXES.colour,
    },
    failure: used('fail', parseFailure(q.get('fail'))) ?? DEFAULT_FAILURE,
    sensitivitySettings: {
      // The tornado shows a headline series: anything else (`sens=__proto__`) is the default.
      output:
        used('sens', sens !== null && (HEADLINE_KEYS as readonly string[]).includes(sens) ? sens : undefined) ?? DEFAULT_SENSITIVITY.output,
      n: used('sensN', whole(q.get('sensN'), 4, 1 << 16)),
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
