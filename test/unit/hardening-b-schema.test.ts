// Hardening, scenario schema: ids that collide with Object.prototype are refused, a knob key
// `__proto__` is refused rather than dropped, and every number in a scenario has a physical
// ceiling (LIMITS in src/scenario/schema.ts). The property tests walk every numeric leaf of the
// shipped scenarios, so a field added later without a bound fails here.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSitesText } from '../../src/data/importSites';
import { KNOB_LIMITS, KNOB_NAMES } from '../../src/scenario/names';
import { ceilingMessage, LIMITS, RESERVED_IDS } from '../../src/scenario/schema';
import { formatPath, parseScenario, type ScenarioIssue } from '../../src/scenario/validate';

type Json = Record<string, unknown>;
const read = (url: URL): Json => JSON.parse(readFileSync(url, 'utf8'));
const fixture = (): Json => read(new URL('../fixtures/minimal-scenario.json', import.meta.url));
const PRESETS = ['global-2030', 'uk-2030', 'us-federal-sites', 'japan-2030'] as const;
const preset = (id: string): Json => read(new URL(`../../public/data/scenarios/${id}.json`, import.meta.url));
const SOURCES: Record<string, Json> = { fixture: fixture(), ...Object.fromEntries(PRESETS.map((id) => [id, preset(id)])) };

type Seg = string | number;
/** Paths to every number in a JSON value. */
function numericLeaves(v: unknown, path: Seg[] = [], out: Seg[][] = []): Seg[][] {
  if (typeof v === 'number') out.push(path);
  else if (Array.isArray(v)) v.forEach((x, i) => numericLeaves(x, [...path, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) numericLeaves(x, [...path, k], out);
  return out;
}

function withValue(doc: Json, path: Seg[], value: unknown): Json {
  const copy = structuredClone(doc);
  let at: Record<Seg, unknown> = copy;
  for (const seg of path.slice(0, -1)) at = at[seg] as Record<Seg, unknown>;
  at[path.at(-1) as Seg] = value;
  return copy;
}

function issuesOf(doc: Json): ScenarioIssue[] {
  const r = parseScenario(doc);
  return r.ok ? [] : r.errors;
}

/**
 * An issue at the leaf, or within the object that holds it: a distribution's `max` of −1e308
 * may be reported as its `mode` out of order, a bare number at the field itself.
 */
function refusedAt(issues: ScenarioIssue[], path: Seg[]): boolean {
  const leaf = formatPath(path);
  const parent = formatPath(path.slice(0, -1));
  return issues.some((i) => i.path === leaf || i.path === parent || i.path.startsWith(`${leaf}.`) || i.path.startsWith(`${parent}.`));
}

const ABSURD = [1e308, -1e308, Number.MAX_VALUE, 1e30, -1e30] as const;

describe('reserved ids', () => {
  const reserved = [...RESERVED_IDS];

  it('covers every key of Object.prototype, and prototype', () => {
    for (const key of [...Object.getOwnPropertyNames(Object.prototype), 'prototype', '__proto__', 'constructor', 'toString']) {
      expect(RESERVED_IDS.has(key)).toBe(true);
    }
  });

  it('refuses any of them as a site id or a region id, naming the path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...reserved.filter((id) => /^[A-Za-z0-9_.-]+$/.test(id))), fc.boolean(), (id, asRegion) => {
        const s = fixture() as { sites: Json[]; regions: Json[] };
        if (asRegion) {
          s.regions[0]!.id = id;
          for (const site of s.sites) if (site.region === 'north') site.region = id;
        } else s.sites[0]!.id = id;
        const issues = issuesOf(s as Json);
        const at = asRegion ? 'regions[0].id' : 'sites[0].id';
        expect(issues).toContainEqual({ path: at, message: expect.stringContaining(`'${id}' is reserved`) });
      }),
      { numRuns: 60 },
    );
  });

  it('refuses them in an imported site list too, by row and column', () => {
    const csv = readFileSync(new URL('../fixtures/import/good.csv', import.meta.url), 'utf8').replace('n-one,', '__proto__,');
    const r = parseSitesText('sites.csv', csv, ['north', 'south']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toContainEqual(
      expect.objectContaining({ row: 2, column: 'id', message: expect.stringContaining("'__proto__' is reserved") }),
    );
  });

  it('refuses a knob named __proto__ (JSON text: an own key) instead of dropping it', () => {
    const text = JSON.stringify(fixture()).replace('"knobs":{', '"knobs":{"__proto__":{"value":1},');
    expect(text).toContain('"__proto__"');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toContainEqual({ path: 'knobs.__proto__', message: expect.stringMatching(/^unknown knob/) });
    // …and other prototype names, as every unknown knob.
    const t2 = JSON.stringify(fixture()).replace('"knobs":{', '"knobs":{"constructor":{"value":1},');
    expect(issuesOf(JSON.parse(t2)).map((i) => i.path)).toContain('knobs.constructor');
  });
});

describe('every quantity has a ceiling', () => {
  it('the reported example: itLoadMW 1e308 is refused, with the unit and the reason', () => {
    const s = fixture() as { sites: Json[] };
    s.sites[0]!.itLoadMW = 1e308;
    const issues = issuesOf(s as Json);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('sites[0].itLoadMW');
    expect(issues[0]!.message).toMatch(/^must be ≤ 20,000 MW \(per site; the largest announced campuses are ~5 GW\)/);
    s.sites[0]!.itLoadMW = 30_000;
    s.sites[0]!.aggregate = true;
    expect(issuesOf(s as Json)).toEqual([]);
  });

  it('a PUE bound of 1e308 is refused', () => {
    const s = fixture() as { cooling: { air: Json } };
    s.cooling.air.pue = { dist: 'uniform', min: 1.1, max: 1e308 };
    expect(issuesOf(s as Json)).toContainEqual({ path: 'cooling.air.pue.max', message: ceilingMessage(LIMITS.pue) });
  });

  it('every ceiling states its unit and reason once, in the schema', () => {
    for (const [name, c] of Object.entries(LIMITS)) {
      expect(Number.isFinite(c.max), name).toBe(true);
      expect(c.why.length, name).toBeGreaterThan(5);
      expect(ceilingMessage(c), name).toContain(c.why);
    }
    for (const name of KNOB_NAMES) expect(Number.isFinite(KNOB_LIMITS[name].hi), name).toBe(true);
  });

  it('the shipped presets and the test fixture validate under the ceilings', () => {
    for (const [name, doc] of Object.entries(SOURCES)) expect(issuesOf(doc), name).toEqual([]);
  });

  it('every numeric leaf of the fixture and the small presets refuses an absurd value at its path', () => {
    for (const name of ['fixture', 'us-federal-sites', 'uk-2030']) {
      const doc = SOURCES[name] as Json;
      for (const path of numericLeaves(doc)) {
        for (const value of [1e308, -1e308]) {
          const issues = issuesOf(withValue(doc, path, value));
          expect(refusedAt(issues, path), `${name}: ${formatPath(path)} = ${value} was accepted`).toBe(true);
        }
      }
    }
  });

  it('property: any numeric leaf of any shipped scenario, set to an absurd finite value, is refused', () => {
    const leaves = Object.entries(SOURCES).flatMap(([name, doc]) => numericLeaves(doc).map((path) => ({ name, path })));
    fc.assert(
      fc.property(fc.constantFrom(...leaves), fc.constantFrom(...ABSURD), ({ name, path }, value) => {
        const issues = issuesOf(withValue(SOURCES[name] as Json, path, value));
        return refusedAt(issues, path);
      }),
      { numRuns: 150 },
    );
  });

  it('property: a distribution of any kind, with any parameter absurd, is refused wherever a distribution goes', () => {
    const distPaths: Seg[][] = [
      ['regions', 0, 'gridHeadroomMW'],
      ['regions', 0, 'headroomGrowthMWPerYear'],
      ['regions', 0, 'connectionDelayYears'],
      ['regions', 0, 'heatwavePueUplift'],
      ['regions', 0, 'heatwaveWueUplift'],
      ['regions', 0, 'droughtWaterAllowance'],
      ['cooling', 'air', 'pue'],
      ['cooling', 'air', 'wueLPerKWh'],
      ['supplyChain', 'transformers', 'delayYears'],
      ['supplyChain', 'transformers', 'shockDelayYears'],
      ['cyber', 'outageDays'],
    ];
    const dist = fc.oneof(
      fc.record({ dist: fc.constant('uniform'), min: fc.constant(0.5), max: fc.constantFrom(...ABSURD.filter((v) => v > 0)) }),
      fc.record({
        dist: fc.constant('normal'),
        mean: fc.constant(1),
        sd: fc.constantFrom(1e30, 1e308),
        min: fc.constant(0.5),
        max: fc.constant(1),
      }),
      fc.record({
        dist: fc.constant('normal'),
        mean: fc.constantFrom(...ABSURD),
        sd: fc.constant(0.1),
        min: fc.constant(0.5),
        max: fc.constant(1),
      }),
      fc.record({ dist: fc.constant('lognormal'), median: fc.constant(1), p90: fc.constantFrom(1e30, 1e308) }),
      fc.record({ dist: fc.constant('pert'), min: fc.constant(0.5), mode: fc.constant(0.9), max: fc.constantFrom(1e30, 1e308) }),
      fc.record({ dist: fc.constant('fixed'), value: fc.constantFrom(...ABSURD) }),
      fc.constantFrom(...ABSURD),
    );
    fc.assert(
      fc.property(fc.constantFrom(...distPaths), dist, (path, spec) => {
        const issues = issuesOf(withValue(fixture(), path, spec));
        return issues.some((i) => i.path === formatPath(path) || i.path.startsWith(`${formatPath(path)}.`));
      }),
      { numRuns: 120 },
    );
  });
});
