// Hardening, the URL: names from the query string are looked up as own keys only, so
// `?map=toString`, `y=toString` or `colour=__proto__` are unknown values like any other: they
// fall back to the default and the page says which were ignored. The property: for any strings
// in any parameters, parsing never throws and yields a state every consumer can use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKEND_CHOICES, checkDraws, checkSeed } from '../../src/engine/options';
import { HEADLINE_KEYS } from '../../src/engine/series';
import { KNOB_LIMITS, KNOB_NAMES } from '../../src/scenario/names';
import { fitMetric, METRIC_KINDS, parseMetric } from '../../src/ui/ensemble/metrics';
import type { AppState } from '../../src/ui/store';
import { isPresetId } from '../../src/ui/store';
import { EMBED_ID, formatMapView, initialState, MAX_LIVE_PARAM_SETS, parseMapView, stateToSearch } from '../../src/ui/urlState';
import { fixtureScenario } from './engineHelpers';

const PARAMS = [
  'scenario',
  'preset',
  'backend',
  ...KNOB_NAMES,
  'year',
  'map',
  'site',
  'output',
  'draws',
  'sets',
  'seed',
  'embed',
  'view',
  'controls',
  'static',
  'id',
  'present',
  'design',
  'K',
  'ensDraws',
  'x',
  'y',
  'colour',
  'fail',
  'sens',
  'sensN',
] as const;
const PROTO_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
const scenario = fixtureScenario();
const headline = HEADLINE_KEYS as readonly string[];

/** Every field a consumer reads is of its kind and range. */
function expectUsable(s: AppState): void {
  expect(BACKEND_CHOICES).toContain(s.backendChoice);
  expect(s.source === 'user' || isPresetId(s.source)).toBe(true);
  expect(isPresetId(s.presetId)).toBe(true);
  for (const [name, v] of Object.entries(s.knobs)) {
    expect(KNOB_NAMES).toContain(name);
    const { lo, hi } = KNOB_LIMITS[name as (typeof KNOB_NAMES)[number]];
    expect(Number.isFinite(v) && (v as number) >= lo && (v as number) <= hi).toBe(true);
  }
  for (const [name, r] of Object.entries(s.ranges)) {
    expect(KNOB_NAMES).toContain(name);
    expect(r && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] <= r[1]).toBe(true);
  }
  expect(checkDraws(s.inputs.draws)).toBe(s.inputs.draws);
  expect(checkSeed(s.inputs.seed)).toBe(s.inputs.seed);
  expect(Number.isInteger(s.inputs.paramSets) && s.inputs.paramSets >= 1 && s.inputs.paramSets <= MAX_LIVE_PARAM_SETS).toBe(true);
  if (s.year !== undefined) expect(Number.isInteger(s.year) && s.year >= 1990 && s.year <= 2100).toBe(true);
  if (s.mapView !== undefined) {
    const { lon, lat, zoom } = s.mapView;
    expect(Number.isFinite(lon) && Number.isFinite(lat) && Number.isFinite(zoom) && zoom > 0).toBe(true);
    expect(() => formatMapView(s.mapView!)).not.toThrow();
  }
  expect(headline).toContain(s.chartOutput);
  expect(['map', 'charts', 'both']).toContain(s.embed.view);
  expect(typeof s.embed.static).toBe('boolean');
  if (s.embed.id !== undefined) expect(s.embed.id).toMatch(EMBED_ID);
  if (s.discovery.x !== undefined) expect(KNOB_NAMES).toContain(s.discovery.x);
  for (const id of [s.discovery.y, s.discovery.colour, s.failure.metric]) {
    const m = parseMetric(id);
    expect(m && Object.hasOwn(METRIC_KINDS, m.kind)).toBeTruthy();
    expect(Object.hasOwn(METRIC_KINDS, fitMetric(id, scenario, 2030).kind)).toBe(true);
  }
  expect(Number.isFinite(s.failure.value)).toBe(true);
  expect(['sobol', 'lhs']).toContain(s.ensembleSettings.design);
  expect(checkDraws(s.ensembleSettings.draws)).toBe(s.ensembleSettings.draws);
  expect(headline).toContain(s.sensitivitySettings.output);
}

describe('prototype names in the URL', () => {
  it('map=toString (or __proto__, constructor) is no map view, and saying so; state changes still write the URL', () => {
    for (const v of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(parseMapView(v)).toBeUndefined();
      const s = initialState(`?map=${v}`);
      expect(s.mapView).toBeUndefined();
      expect(s.notice).toContain(`map=${v}`);
      expect(() => stateToSearch({ ...s, ready: true, year: 2030 })).not.toThrow();
    }
    expect(parseMapView('uk')).toEqual({ lon: -2.8, lat: 54.4, zoom: 15 });
  });

  it('y=toString, colour=__proto__, fail=constructor>1, sens=__proto__ and output=valueOf fall back to the defaults', () => {
    const s = initialState('?y=toString&colour=__proto__&fail=constructor%3E1&sens=__proto__&output=valueOf&x=toString');
    expect(s.discovery).toEqual({ x: undefined, y: 'energyServedMWh', colour: 'curtailedMWh' });
    expect(s.failure.metric).toBe('curtailP[*][2030]');
    expect(s.sensitivitySettings.output).toBe('energyServedMWh');
    expect(s.chartOutput).toBe('energyServedMWh');
    for (const key of ['y=toString', 'colour=__proto__', 'sens=__proto__', 'output=valueOf', 'x=toString']) expect(s.notice).toContain(key);
    expect(parseMetric('toString')).toBeUndefined();
    expect(parseMetric('__proto__')).toBeUndefined();
    expectUsable(s);
  });

  it('a clean link has no notice, and a state written to the URL reads back without one', () => {
    const s = initialState('?scenario=uk-2030&map=uk&y=energyServedMWh%5B2030%5D&gridBuildoutScale=2&gridBuildoutScale=0.5..3');
    expect(s.notice).toBeUndefined();
    expect(initialState(stateToSearch({ ...s, ready: true })).notice).toBeUndefined();
    const absurd = initialState('?gridBuildoutScale=1e308&draws=0');
    expect(absurd.knobs).toEqual({});
    expect(absurd.notice).toContain('gridBuildoutScale=1e308');
    expect(absurd.notice).toContain('draws=0');
  });
});

describe('property: any strings in any URL parameters', () => {
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(...PROTO_NAMES, '', ' ', 'uk', 'user', '1', '0', '1e308', '-1', 'NaN', 'Infinity', '0.5..2', '2..1', 'a>1'),
    fc.constantFrom(...PROTO_NAMES).map((p) => `curtailP[${p}][2030]`),
    fc.constantFrom(...PROTO_NAMES).map((p) => `${p}>1`),
    fc.tuple(fc.double(), fc.double(), fc.double()).map((t) => t.join(',')),
  );
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: fc.constantFrom(...PROTO_NAMES) });
  const query = fc.array(fc.tuple(key, value), { maxLength: 8 }).map((pairs) => {
    const q = new URLSearchParams();
    for (const [k, v] of pairs) q.append(k, v);
    return `?${q.toString()}`;
  });

  it('never throws, yields a usable state, and writes a URL that reads back cleanly', () => {
    fc.assert(
      fc.property(query, (search) => {
        const s = initialState(search);
        expectUsable(s);
        const written = stateToSearch({ ...s, ready: true });
        const again = initialState(written);
        expectUsable(again);
        expect(again.notice).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
});
