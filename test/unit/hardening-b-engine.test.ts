// Hardening, engine: result JSON cannot lose an id to Object.prototype; a run never returns NaN
// or Infinity in silence (checkResult, called by runPrepared); null is refused for every run,
// sample and engine option, by path; a disposed engine (CPU or WebGPU) and a disposed backend
// refuse every call with EngineDisposedError, and start nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CpuBackend } from '../../src/backends/cpu/CpuBackend';
import { releaseNodeGpu } from '../../src/backends/gpu/gpuDevice';
import { GpuBackend } from '../../src/backends/gpu/GpuBackend';
import { createEngine } from '../../src/createEngine';
import type { Backend } from '../../src/engine/backend';
import { checkResult, ResultNotFiniteError } from '../../src/engine/checkResult';
import {
  checkEngineOptions,
  checkRunOptions,
  checkSampleOptions,
  RUN_OPTION_KEYS,
  RunOptionError,
  SAMPLE_OPTION_KEYS,
} from '../../src/engine/options';
import { resultToJson } from '../../src/engine/resultJson';
import { prepareRun, runPrepared, runWithBackend } from '../../src/engine/runner';
import { EngineDisposedError, type RunResult } from '../../src/engine/types';
import { RESERVED_IDS } from '../../src/scenario/schema';
import { fixtureScenario, requireGpu } from './engineHelpers';

const tuning = { maxGroupWords: 2 ** 24, targetSiteYears: 2 ** 30 };

function copyResult(r: RunResult): RunResult {
  return {
    ...r,
    summary: r.summary.slice(),
    siteMissProbability: r.siteMissProbability.slice(),
    siteExpectedLoadMW: r.siteExpectedLoadMW.slice(),
    siteCauseProbability: r.siteCauseProbability.slice(),
    regionCurtailProbability: r.regionCurtailProbability.slice(),
    regionShortfallMW: r.regionShortfallMW.slice(),
  };
}

describe('result JSON and the output check', () => {
  let cpu: CpuBackend;
  let result: RunResult;
  const scenario = fixtureScenario();
  beforeAll(async () => {
    cpu = await CpuBackend.create(1);
    result = await runWithBackend(cpu, tuning, scenario, { draws: 64, paramSets: 2 });
  });
  afterAll(async () => cpu?.dispose());

  it('keeps every site and region under its id, whatever the id (null-prototype objects)', () => {
    // The schema refuses these ids; the JSON builder must not depend on it.
    const names = ['__proto__', 'constructor', 'toString'];
    const named = { ...result, siteIds: names.slice(0, result.siteIds.length), regionIds: ['hasOwnProperty', '__proto__'] };
    const json = resultToJson(named, scenario);
    for (const set of json.paramSets) {
      expect(Object.keys(set.sites)).toEqual(named.siteIds);
      expect(Object.keys(set.regions)).toEqual(named.regionIds);
      expect(Object.hasOwn(set.sites, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(set.sites, '__proto__')?.value.missProbability).toHaveLength(result.years.length);
    }
    // …and survives a round trip through JSON text.
    const back = JSON.parse(JSON.stringify(json)) as typeof json;
    expect(Object.keys(back.paramSets[0]!.sites)).toEqual(named.siteIds);
    expect(RESERVED_IDS.has('hasOwnProperty')).toBe(true);
  });

  it('a finite result passes; a NaN or Infinity is named by series, or by site or region and year', () => {
    expect(() => checkResult(result)).not.toThrow();
    const bad = copyResult(result);
    bad.summary[(1 * result.series.length + 1) * 8] = Number.NaN; // set 1, series 1, mean
    const e1 = (() => {
      try {
        checkResult(bad);
      } catch (e) {
        return e;
      }
    })() as ResultNotFiniteError;
    expect(e1).toBeInstanceOf(ResultNotFiniteError);
    expect(e1.where).toBe(result.series[1]!.key);
    expect(e1.field).toBe('mean');
    expect(e1.paramSet).toBe(1);
    const site = copyResult(result);
    const nY = result.years.length;
    site.siteExpectedLoadMW[(0 * result.siteIds.length + 2) * nY + 3] = Number.POSITIVE_INFINITY;
    expect(() => checkResult(site)).toThrow(
      `run result: site '${result.siteIds[2]}' expectedLoadMW in ${result.years[3]} is Infinity (parameter set 0)`,
    );
    const region = copyResult(result);
    region.regionShortfallMW[region.regionShortfallMW.length - 1] = Number.NaN;
    expect(() => checkResult(region)).toThrow(/^run result: region 'south' shortfallMW\.\w+ in 2030 is NaN \(parameter set 1\)/);
  });

  it('runPrepared fails with ResultNotFiniteError when a backend hands back NaN (it used to return it)', async () => {
    const prepared = prepareRun(scenario, { draws: 16 });
    const nanBackend: Backend = {
      kind: 'cpu',
      device: 'NaN backend',
      beginGroup: (setup) => cpu.beginGroup(setup),
      dispatch: (p, mode) => cpu.dispatch(p, mode),
      raw: (p) => cpu.raw(p),
      dispose: async () => undefined,
      finishGroup: async (h) => {
        const out = await cpu.finishGroup();
        out.summary.fill(Number.NaN);
        void h;
        return out;
      },
    };
    await expect(runPrepared(nanBackend, tuning, prepared)).rejects.toBeInstanceOf(ResultNotFiniteError);
  });
});

describe('null is refused for every option, by path', () => {
  const scenario = fixtureScenario();

  it('property: any run option set to null is a RunOptionError naming it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RUN_OPTION_KEYS), (key) => {
        let err: unknown;
        try {
          checkRunOptions({ [key]: null });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(RunOptionError);
        expect((err as RunOptionError).path).toBe(key);
      }),
      { numRuns: RUN_OPTION_KEYS.length * 3 },
    );
  });

  it('property: any sample option set to null is a RunOptionError naming it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLE_OPTION_KEYS), (key) => {
        expect(() => checkSampleOptions(scenario, { [key]: null })).toThrow(RunOptionError);
        try {
          checkSampleOptions(scenario, { [key]: null });
        } catch (e) {
          expect((e as RunOptionError).path).toBe(key);
        }
      }),
      { numRuns: SAMPLE_OPTION_KEYS.length * 3 },
    );
  });

  it('draws: null, series: null, paramSets.design: null and gpu: null are refused, never defaulted', async () => {
    expect(() => checkRunOptions({ draws: null as never })).toThrow('draws: must be a whole number within [1, 16777216] (got null)');
    expect(() => checkSampleOptions(scenario, { series: null as never })).toThrow(/^series: /);
    expect(() => checkRunOptions({ paramSets: { count: 2, design: null as never } })).toThrow(/^paramSets\.design: must be one of/);
    expect(() => checkEngineOptions({ gpu: null }, ['backend', 'workers', 'onFallback', 'gpu'])).toThrow(
      'gpu: must not be null: leave it out for the default',
    );
    await expect(createEngine({ backend: 'cpu', gpu: null as never })).rejects.toThrow(RunOptionError);
  });

  it('a knob set with an own __proto__ key (as JSON.parse makes it) is refused, not dropped', () => {
    const set = JSON.parse('{"__proto__": {"gridBuildoutScale": 2}, "droughtSeverity": 1}');
    expect(() => checkRunOptions({ paramSets: [set] })).toThrow('paramSets[0].__proto__: unknown knob');
    expect(() => checkRunOptions({ paramSets: [{ gridBuildoutScale: 1e308 }] })).toThrow(
      /^paramSets\[0\]\.gridBuildoutScale: must be ≤ 100 /,
    );
  });
});

describe('a disposed engine and a disposed backend', () => {
  afterAll(() => releaseNodeGpu());
  it('CPU: every call is refused with EngineDisposedError (not "Proxy has been released")', async () => {
    const engine = await createEngine({ backend: 'cpu', workers: 1 });
    await engine.dispose();
    await expect(engine.run(fixtureScenario(), { draws: 16 })).rejects.toBeInstanceOf(EngineDisposedError);
    await expect(engine.samples(fixtureScenario(), { draws: 16 })).rejects.toBeInstanceOf(EngineDisposedError);
    const backend = await CpuBackend.create(1);
    await backend.dispose();
    await backend.dispose(); // once only: a second call does nothing
    const prepared = prepareRun(fixtureScenario(), { draws: 16 });
    await expect(runPrepared(backend, tuning, prepared)).rejects.toBeInstanceOf(EngineDisposedError);
  });

  it('WebGPU: refused with EngineDisposedError, and no CPU workers are started', async () => {
    const create = vi.spyOn(CpuBackend, 'create');
    try {
      const engine = await createEngine({ backend: 'webgpu', gpu: await requireGpu() });
      expect(engine.backend).toBe('webgpu');
      await engine.dispose();
      await expect(engine.run(fixtureScenario(), { draws: 16 })).rejects.toBeInstanceOf(EngineDisposedError);
      await expect(engine.samples(fixtureScenario(), { draws: 16 })).rejects.toBeInstanceOf(EngineDisposedError);
      // The backend itself: its destroyed device must not read as a lost one (which falls back to the CPU).
      const backend = (engine as unknown as { primary: GpuBackend }).primary;
      expect(backend).toBeInstanceOf(GpuBackend);
      await backend.dispose(); // once only: a second call does nothing
      await expect(runPrepared(backend, tuning, prepareRun(fixtureScenario(), { draws: 16 }))).rejects.toBeInstanceOf(EngineDisposedError);
      expect(create).not.toHaveBeenCalled();
    } finally {
      create.mockRestore();
    }
  });
});
