// The engine owns its rules: engine.run and engine.samples check the scenario as parseScenario
// does and every option by src/engine/options.ts, before anything is packed or allocated, and
// name what is wrong by its path. createEngine refuses an unknown backend; a disposed engine
// refuses every call; sensitivity refuses correlated knobs.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrelatedKnobsError, runSensitivity } from '../../src/analysis/sensitivityRun';
import { createEngine } from '../../src/createEngine';
import { checkRunOptions, MAX_DRAWS, MAX_PARAM_SETS, RunOptionError } from '../../src/engine/options';
import { EngineDisposedError, type Engine, type RunOptions } from '../../src/engine/types';
import type { Scenario } from '../../src/scenario/schema';
import { checkScenario, ScenarioError } from '../../src/scenario/validate';
import { fixtureScenario, mustParse } from './engineHelpers';

const fixtureJson = (): Record<string, unknown> & {
  startYear: number;
  endYear: number;
  sites: Record<string, unknown>[];
  regions: Record<string, unknown>[];
} => JSON.parse(readFileSync(new URL('../fixtures/minimal-scenario.json', import.meta.url), 'utf8'));

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

async function optionError(p: Promise<unknown>): Promise<RunOptionError> {
  const e = await refusal(p);
  expect(e).toBeInstanceOf(RunOptionError);
  return e as RunOptionError;
}

async function scenarioIssues(p: Promise<unknown>): Promise<ScenarioError['issues']> {
  const e = await refusal(p);
  expect(e).toBeInstanceOf(ScenarioError);
  return (e as ScenarioError).issues;
}

describe('engine.run and engine.samples check what they are given (CPU)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend: 'cpu', workers: 1 });
  });
  afterAll(async () => engine?.dispose());

  it('refuses a 20-year scenario (region-year slots would overlap) and names endYear', async () => {
    const s = fixtureJson();
    s.endYear = s.startYear + 19;
    const issues = await scenarioIssues(engine.run(s as unknown as Scenario, { draws: 64 }));
    expect(issues).toContainEqual({ path: 'endYear', message: '2025–2044 spans 20 years; the engine handles at most 16' });
    expect((await scenarioIssues(engine.samples(s as unknown as Scenario, { draws: 64 }))).map((i) => i.path)).toContain('endYear');
  });

  it('refuses a parsed scenario edited afterwards to span 20 years', async () => {
    const s = fixtureScenario();
    s.endYear = s.startYear + 19;
    expect((await scenarioIssues(engine.run(s, { draws: 64 }))).map((i) => i.path)).toEqual(['endYear']);
  });

  it('refuses a scenario object with a bad field, listing every issue with its path', async () => {
    const s = fixtureJson();
    s.sites[1]!.itLoadMW = 'lots';
    s.regions[0]!.droughtProbability = 1.5;
    const e = (await refusal(engine.run(s as unknown as Scenario, { draws: 64 }))) as ScenarioError;
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e.issues).toEqual([
      { path: 'sites[1].itLoadMW', message: "must be a finite number (got 'lots')" },
      { path: 'regions[0].droughtProbability', message: 'must be within [0, 1]' },
    ]);
    expect(e.message).toContain('sites[1].itLoadMW: must be a finite number');
  });

  it('refuses scenarios built from a parsed one: a bad knob, an added bad site', async () => {
    const parsed = fixtureScenario();
    const knobs = { ...parsed, knobs: { gridBuildoutScale: { value: -1 } } } as Scenario;
    expect(await scenarioIssues(engine.run(knobs, { draws: 64 }))).toContainEqual({
      path: 'knobs.gridBuildoutScale.value',
      message: 'must be ≥ 0',
    });
    const added = { ...parsed, sites: [...parsed.sites, { ...parsed.sites[0]!, id: 'x', lat: 123 }] } as Scenario;
    expect(await scenarioIssues(engine.run(added, { draws: 64 }))).toContainEqual({
      path: 'sites[3].lat',
      message: 'must be within [-90, 90] degrees',
    });
  });

  it('caps the issues a message lists ("and N more") but keeps every one', async () => {
    const s = fixtureJson();
    s.sites = Array.from({ length: 30 }, (_, i) => ({ ...s.sites[0], id: `s${i}`, lat: 100 }));
    const e = (await refusal(engine.run(s as unknown as Scenario))) as ScenarioError;
    expect(e.issues).toHaveLength(30);
    expect(e.message).toContain('… and 10 more');
    expect(e.message).not.toContain('sites[29]');
  });

  it('refuses draws: null instead of running the default', async () => {
    const e = await optionError(engine.run(fixtureScenario(), { draws: null as unknown as number }));
    expect(e.path).toBe('draws');
    expect(e.message).toBe('draws: must be a whole number within [1, 16777216] (got null)');
    expect((await optionError(engine.run(fixtureScenario(), { draws: '64' as unknown as number }))).path).toBe('draws');
  });

  it('refuses draws 2^24 + 1 and names the limit', async () => {
    const e = await optionError(engine.run(fixtureScenario(), { draws: MAX_DRAWS + 1 }));
    expect(e.path).toBe('draws');
    expect(e.reason).toBe(`must be a whole number within [1, ${MAX_DRAWS}] (got 16777217)`);
  });

  it('refuses 2^32 parameter sets at once, naming the limit, before allocating them', async () => {
    const t0 = performance.now();
    const e = await optionError(engine.run(fixtureScenario(), { paramSets: 2 ** 32 }));
    expect(performance.now() - t0).toBeLessThan(1000); // K × 8 float32 would be 128 GiB
    expect(e.path).toBe('paramSets');
    expect(e.reason).toBe(`must be a whole number within [1, ${MAX_PARAM_SETS}] (got 4294967296)`);
    const design = await optionError(engine.run(fixtureScenario(), { paramSets: { count: 2 ** 32, design: 'sobol' } }));
    expect(design.path).toBe('paramSets.count');
    expect((await optionError(engine.run(fixtureScenario(), { paramSets: { count: 4, design: 'grid' as 'lhs' } }))).path).toBe(
      'paramSets.design',
    );
    expect((await optionError(engine.samples(fixtureScenario(), { paramSets: 2 ** 32 }))).path).toBe('paramSets');
  });

  it('refuses other bad options by path: flags, ranges, misspelt names; echoes are cut short', async () => {
    const bad: [RunOptions, string][] = [
      [{ histograms: 'yes' as unknown as boolean }, 'histograms'],
      [{ commonRandomNumbers: 1 as unknown as boolean }, 'commonRandomNumbers'],
      [{ paramSets: 4, paramSetRange: { first: 3, count: 2 } }, 'paramSetRange'],
      [{ seed: 2 ** 32 }, 'seed'],
      [{ draw: 64 } as RunOptions, 'draw'],
    ];
    for (const [options, path] of bad) expect((await optionError(engine.run(fixtureScenario(), options))).path).toBe(path);
    const long = await optionError(engine.run(fixtureScenario(), { draws: 'x'.repeat(10_000) as unknown as number }));
    expect(long.message.length).toBeLessThan(160);
    expect(() => checkRunOptions({ draws: 64, seed: 3 })).not.toThrow();
  });

  it('refuses a run whose result would not fit (sets × sites × years), naming the limit', async () => {
    const s = fixtureJson();
    s.endYear = 2040;
    s.sites = Array.from({ length: 4096 }, (_, i) => ({ ...s.sites[i % 3], id: `s${i}` }));
    const big = mustParse(s);
    const e = await optionError(engine.run(big, { paramSets: 4097, draws: 64 }));
    expect(e.path).toBe('paramSets');
    expect(e.reason).toMatch(
      /^4097 parameter sets × 4096 sites × 16 years is 268500992 site-years of results; one run holds at most 268435456/,
    );
    const sliced = await optionError(engine.run(big, { paramSets: 8192, paramSetRange: { first: 0, count: 4097 }, draws: 64 }));
    expect(sliced.path).toBe('paramSetRange.count');
  });

  it('refuses an unknown sample series, naming it and listing a few known ones', async () => {
    const e = await optionError(engine.samples(fixtureScenario(), { draws: 64, series: ['energyServedMWh', 'energyservedmwh'] }));
    expect(e.path).toBe('series[1]');
    expect(e.reason).toMatch(
      /^no series 'energyservedmwh' in this scenario \(known: energyDemandedMWh, energyServedMWh, .*, … \(\d+ more\)\)$/,
    );
    expect((await optionError(engine.samples(fixtureScenario(), { draws: 64, series: [] }))).path).toBe('series');
    expect((await optionError(engine.samples(fixtureScenario(), { paramSets: 3, paramSet: 3 }))).path).toBe('paramSet');
  });

  it('a validated scenario is not parsed again; one spread from it shares its sites', () => {
    const parsed = fixtureScenario();
    expect(checkScenario(parsed)).toBe(parsed);
    const spread = checkScenario({ ...parsed, knobs: { gridBuildoutScale: { value: 1.5, min: 1, max: 2 } } });
    expect(spread.sites).toBe(parsed.sites);
    expect(checkScenario(spread)).toBe(spread);
  });
});

describe('createEngine and dispose', () => {
  it('refuses an unknown backend name instead of meaning WebGPU', async () => {
    const e = await optionError(createEngine({ backend: 'gpu' as 'webgpu' }));
    expect(e.path).toBe('backend');
    expect(e.reason).toBe("must be one of auto, webgpu, cpu (got 'gpu')");
    expect((await optionError(createEngine({ backend: 'cpu', workers: 0 }))).path).toBe('workers');
    expect((await optionError(createEngine({ backend: 'cpu', worker: 2 } as never))).path).toBe('worker');
  });

  it('a disposed engine refuses every call with a clear error', async () => {
    const engine = await createEngine({ backend: 'cpu', workers: 1 });
    const running = engine.run(fixtureScenario(), { draws: 64 });
    await engine.dispose();
    // What was queued before dispose still finishes.
    expect((await running).draws).toBe(64);
    for (const call of [
      () => engine.run(fixtureScenario(), { draws: 64 }),
      () => engine.samples(fixtureScenario(), { draws: 64 }),
      () => engine.dispose(),
    ]) {
      const e = await refusal(call());
      expect(e).toBeInstanceOf(EngineDisposedError);
      expect(e.message).toMatch(/^engine: disposed/);
    }
  });
});

describe('sensitivity with correlated knobs', () => {
  const correlated = (spearman: number) =>
    mustParse({ ...fixtureJson(), correlations: [{ inputs: ['demandGrowthPctPerYear', 'gridBuildoutScale'], spearman }] });

  it('is refused before anything runs: Sobol indices assume independent knobs', async () => {
    let runs = 0;
    const engine = {
      run: () => {
        runs += 1;
        return Promise.reject(new Error('must not run'));
      },
    };
    const e = await refusal(runSensitivity(engine, correlated(0.6), { n: 4, draws: 16 }));
    expect(e).toBeInstanceOf(CorrelatedKnobsError);
    expect((e as CorrelatedKnobsError).correlations).toEqual([
      { path: 'correlations[0]', knobs: ['demandGrowthPctPerYear', 'gridBuildoutScale'], spearman: 0.6 },
    ]);
    expect(e.message).toMatch(
      /^Sobol' indices assume independent knobs, but the scenario correlates demandGrowthPctPerYear and gridBuildoutScale/,
    );
    expect(runs).toBe(0);
  });

  it('goes ahead when the correlation touches at most one analysed knob', async () => {
    const engine = await createEngine({ backend: 'cpu', workers: 1 });
    try {
      const r = await runSensitivity(engine, correlated(0.6), {
        n: 4,
        draws: 16,
        knobs: ['gridBuildoutScale', 'chipShockProbability'],
        resamples: 0,
        outputs: ['energyServedMWh'],
      });
      expect(r.knobs).toEqual(['gridBuildoutScale', 'chipShockProbability']);
    } finally {
      await engine.dispose();
    }
  });
});
