import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema';
import { formatIssues, loadScenarioFile, parseScenario, ScenarioError, type ScenarioIssue } from '../../src/scenario/validate';

const FIXTURE = join(__dirname, '../fixtures/minimal-scenario.json');
const fixtureText = readFileSync(FIXTURE, 'utf8');
const fixture = (): ScenarioInput => JSON.parse(fixtureText) as ScenarioInput;

/** Sets (or, for undefined, deletes) the value at a JS path such as `sites[2].lat`. */
function setAt(root: unknown, path: string, value: unknown): void {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let node = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The issues for the fixture with these paths changed; [] when it still parses. */
function issuesOf(changes: Record<string, unknown>): ScenarioIssue[] {
  const s = fixture();
  for (const [path, value] of Object.entries(changes)) setAt(s, path, value);
  const r = parseScenario(s);
  return r.ok ? [] : r.errors;
}

const one = (path: string, message: string) => [{ path, message }];

describe('parseScenario: valid input', () => {
  it('accepts the minimal fixture as an object and as text, applying defaults', () => {
    for (const input of [fixture(), fixtureText]) {
      const r = parseScenario(input);
      if (!r.ok) throw new Error(formatIssues(r.errors));
      expect(r.scenario.sites).toHaveLength(3);
      expect(r.scenario.regions).toHaveLength(2);
      expect(r.scenario.sites[0]?.rampYears).toBe(1);
      expect(r.scenario.missTolerance).toBe(0.05);
      // A bare number is shorthand for a fixed distribution.
      expect(r.scenario.regions[1]?.headroomGrowthMWPerYear).toEqual({ dist: 'fixed', value: 30 });
    }
  });
});

describe('parseScenario: schema rules', () => {
  it('names an unknown distribution once, with the choices', () => {
    expect(issuesOf({ 'regions[0].gridHeadroomMW': { dist: 'gauss', mean: 300, sd: 50 } })).toEqual(
      one(
        'regions[0].gridHeadroomMW.dist',
        "unknown distribution 'gauss' (expected one of fixed, uniform, triangular, normal, lognormal, pert, bernoulli, poisson)",
      ),
    );
  });

  it('rejects a negative sd', () => {
    expect(issuesOf({ 'regions[0].headroomGrowthMWPerYear': { dist: 'normal', mean: 50, sd: -2 } })).toEqual(
      one('regions[0].headroomGrowthMWPerYear.sd', 'must be ≥ 0'),
    );
  });

  it('rejects a probability of 1.5', () => {
    expect(issuesOf({ 'regions[1].droughtProbability': 1.5 })).toEqual(one('regions[1].droughtProbability', 'must be within [0, 1]'));
  });

  it('rejects latitude 200', () => {
    expect(issuesOf({ 'sites[2].lat': 200 })).toEqual(one('sites[2].lat', 'must be within [-90, 90] degrees'));
  });

  it('rejects a negative IT load', () => {
    expect(issuesOf({ 'sites[1].itLoadMW': -40 })).toEqual(one('sites[1].itLoadMW', 'must be > 0'));
  });

  it('reports missing and unknown fields and wrong types', () => {
    expect(issuesOf({ 'regions[0].name': undefined })).toEqual(one('regions[0].name', 'is required'));
    expect(issuesOf({ 'sites[0].itLoadMw': 5 })).toEqual(one('sites[0].itLoadMw', 'unknown field'));
    expect(issuesOf({ 'sites[0].itLoadMW': '120' })).toEqual(one('sites[0].itLoadMW', "must be a finite number (got '120')"));
    expect(issuesOf({ 'cyber.outageDays': { dist: 'lognormal', median: 2 } })).toEqual(one('cyber.outageDays.p90', 'is required'));
  });
});

describe('parseScenario: semantic rules', () => {
  it('rejects duplicate site and region ids', () => {
    expect(issuesOf({ 'sites[2].id': 'n-alpha' })).toEqual(one('sites[2].id', "duplicate of sites[0].id 'n-alpha'"));
    expect(issuesOf({ 'regions[1].id': 'north' })).toEqual([
      { path: 'regions[1].id', message: "duplicate of regions[0].id 'north'" },
      // The renamed region no longer exists, so its site is reported too.
      { path: 'sites[2].region', message: "no region 'south' (known: north)" },
    ]);
  });

  it('rejects a site in an unknown region, listing the known ones', () => {
    expect(issuesOf({ 'sites[1].region': 'foo' })).toEqual(one('sites[1].region', "no region 'foo' (known: north, south)"));
  });

  it('enforces the year window and its 16-year engine limit', () => {
    expect(issuesOf({ endYear: 2044 })).toEqual(one('endYear', '2025–2044 spans 20 years; the engine handles at most 16'));
    expect(issuesOf({ endYear: 2024 })).toEqual(one('endYear', 'must be ≥ startYear (2025)'));
    expect(issuesOf({ endYear: 2040 })).toEqual([]);
  });

  it('enforces the region and site count limits', () => {
    const base = fixture();
    const regions = issuesOf({
      regions: Array.from({ length: 33 }, (_, i) => ({ ...base.regions[0], id: `r${i}` })),
      'sites[0].region': 'r0',
      'sites[1].region': 'r0',
      'sites[2].region': 'r0',
    });
    expect(regions).toEqual(one('regions', '33 regions; the engine handles at most 32'));
    const sites = issuesOf({ sites: Array.from({ length: 4097 }, (_, i) => ({ ...base.sites[0], id: `s${i}` })) });
    expect(sites).toEqual(one('sites', '4097 sites; the engine handles at most 4096'));
  });

  it('checks each knob against its own range', () => {
    expect(issuesOf({ 'knobs.chipShockProbability': { value: 0.1, min: 0, max: 1.5 } })).toEqual(
      one('knobs.chipShockProbability.max', 'must be within [0, 1]'),
    );
    expect(issuesOf({ 'knobs.gridBuildoutScale': { value: 1, min: -0.5, max: 2 } })).toEqual(
      one('knobs.gridBuildoutScale.min', 'must be ≥ 0'),
    );
    expect(issuesOf({ 'knobs.demandGrowthPctPerYear': { value: 150 } })).toEqual(
      one('knobs.demandGrowthPctPerYear.value', 'must be within [-50, 100]'),
    );
    expect(issuesOf({ 'knobs.warpDrive': { value: 1 } })[0]?.path).toBe('knobs.warpDrive');
  });

  it('requires a drought water allowance bounded within [0, 1]', () => {
    const at = 'regions[0].droughtWaterAllowance';
    expect(issuesOf({ 'regions[0].droughtWaterAllowance': { dist: 'normal', mean: 0.6, sd: 0.1 } })).toEqual(
      one(at, 'must be bounded within [0, 1]: a normal needs min ≥ 0 and max ≤ 1'),
    );
    expect(issuesOf({ 'regions[0].droughtWaterAllowance': { dist: 'lognormal', median: 0.5, p90: 0.8 } })).toEqual(
      one(at, 'must be bounded within [0, 1]: use uniform, triangular, PERT or a truncated normal'),
    );
    expect(issuesOf({ 'regions[0].droughtWaterAllowance': { dist: 'bernoulli', p: 0.5 } })).toEqual(
      one(at, 'must be bounded within [0, 1]: use uniform, triangular, PERT or a truncated normal'),
    );
    expect(issuesOf({ 'regions[0].droughtWaterAllowance': { dist: 'uniform', min: 0.5, max: 1.2 } })).toEqual(
      one(`${at}.max`, 'must be ≤ 1'),
    );
    expect(issuesOf({ 'regions[0].droughtWaterAllowance': 1.1 })).toEqual(one(at, 'must be within [0, 1]'));
  });

  it('requires PUE support ≥ 1', () => {
    expect(issuesOf({ 'cooling.air.pue': { dist: 'uniform', min: 0.9, max: 1.3 } })).toEqual(
      one('cooling.air.pue.min', 'must be ≥ 1 (PUE is never below 1)'),
    );
    expect(issuesOf({ 'cooling.liquid.pue': 0.95 })).toEqual(one('cooling.liquid.pue', 'must be ≥ 1 (PUE is never below 1)'));
    expect(issuesOf({ 'cooling.evaporative.pue': { dist: 'lognormal', median: 1.2, p90: 1.4 } })).toEqual(
      one(
        'cooling.evaporative.pue',
        'lognormal takes values below 1 (PUE is never below 1): use uniform, triangular, PERT or a normal with min ≥ 1',
      ),
    );
  });

  it('requires non-negative quantities to have non-negative support', () => {
    expect(issuesOf({ 'regions[0].gridHeadroomMW': { dist: 'normal', mean: 300, sd: 80 } })).toEqual(
      one('regions[0].gridHeadroomMW.min', 'must be set, ≥ 0: a normal without min is unbounded below'),
    );
    expect(issuesOf({ 'supplyChain.transformers.shockDelayYears': -1 })).toEqual(
      one('supplyChain.transformers.shockDelayYears', 'must be ≥ 0'),
    );
    expect(issuesOf({ 'regions[1].heatwavePueUplift': { dist: 'triangular', min: -0.1, mode: 0, max: 0.1 } })).toEqual(
      one('regions[1].heatwavePueUplift.min', 'must be ≥ 0'),
    );
  });
});

describe('parseScenario: reporting', () => {
  it('turns malformed JSON text into one (file) issue with line and column', () => {
    const r = parseScenario('{\n  "name": "x",\n}');
    expect(r).toEqual({ ok: false, errors: one('(file)', 'invalid JSON at line 3, column 1: Expected double-quoted property name') });
  });

  it('reports every problem at once', () => {
    const errors = issuesOf({
      'sites[0].lat': 200,
      'sites[1].itLoadMW': 0,
      'sites[2].region': 'west',
      'regions[1].droughtProbability': 1.5,
      endYear: 2050,
    });
    expect(errors).toEqual([
      { path: 'sites[0].lat', message: 'must be within [-90, 90] degrees' },
      { path: 'sites[1].itLoadMW', message: 'must be > 0' },
      { path: 'regions[1].droughtProbability', message: 'must be within [0, 1]' },
      { path: 'sites[2].region', message: "no region 'west' (known: north, south)" },
      { path: 'endYear', message: '2025–2050 spans 26 years; the engine handles at most 16' },
    ]);
    expect(formatIssues(errors).split('\n')[0]).toBe('sites[0].lat: must be within [-90, 90] degrees');
  });
});

describe('loadScenarioFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-validate-'));

  it('loads a valid file', async () => {
    expect((await loadScenarioFile(FIXTURE)).name).toBe('Minimal test scenario');
  });

  it('throws a ScenarioError naming the file and every issue', async () => {
    const file = join(dir, 'bad.json');
    const s = fixture();
    setAt(s, 'sites[1].itLoadMW', -1);
    setAt(s, 'regions[0].droughtProbability', 2);
    writeFileSync(file, JSON.stringify(s));
    const err = await loadScenarioFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    expect(e.file).toBe(file);
    expect(e.issues).toHaveLength(2);
    expect(e.message).toBe(
      `${file}: 2 problems:\n  sites[1].itLoadMW: must be > 0\n  regions[0].droughtProbability: must be within [0, 1]`,
    );
  });

  it('says plainly when the file is missing', async () => {
    const file = join(dir, 'nope.json');
    await expect(loadScenarioFile(file)).rejects.toThrow(`${file}: file not found`);
  });
});
