// Run mechanics: chunking never changes results, cancellation, a lost GPU device, bad options.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backends/cpu/CpuBackend';
import { createEngine } from '../../src/createEngine';
import { runWithBackend } from '../../src/engine/runner';
import { RunAbortedError, type RunResult } from '../../src/engine/types';
import { GpuBackend } from '../../src/backends/gpu/GpuBackend';
import { fixtureScenario, requireGpu } from './engineHelpers';

const options = { draws: 1000, seed: 5, paramSets: 3, histograms: true };
const coarse = { maxGroupWords: 2 ** 24, targetSiteYears: 2 ** 30 };
// One block of one parameter set per dispatch, and groups of one parameter set.
const fine = { maxGroupWords: 1, targetSiteYears: 1 };

function expectIdentical(x: RunResult, y: RunResult): void {
  expect(y.summary).toEqual(x.summary);
  expect(y.siteMissProbability).toEqual(x.siteMissProbability);
  expect(y.siteExpectedLoadMW).toEqual(x.siteExpectedLoadMW);
  expect(y.regionCurtailProbability).toEqual(x.regionCurtailProbability);
  expect(y.histograms!.counts).toEqual(x.histograms!.counts);
}

describe('chunked dispatches give bit-identical results', () => {
  it('on the CPU workers (and with 1 or 2 workers)', async () => {
    const two = await CpuBackend.create(2);
    const one = await CpuBackend.create(1);
    const whole = await runWithBackend(two, coarse, fixtureScenario(), options);
    expectIdentical(whole, await runWithBackend(two, fine, fixtureScenario(), options));
    expectIdentical(whole, await runWithBackend(one, coarse, fixtureScenario(), options));
    await two.dispose();
    await one.dispose();
  });

  it('on WebGPU', async () => {
    const gpu = await GpuBackend.create(await requireGpu());
    const whole = await runWithBackend(gpu, coarse, fixtureScenario(), options);
    const chunked = await runWithBackend(gpu, fine, fixtureScenario(), options);
    expectIdentical(whole, chunked);
    await gpu.dispose();
  });
});

describe('engine runs', () => {
  let engine: Awaited<ReturnType<typeof createEngine>>;
  beforeAll(async () => {
    engine = await createEngine({ backend: 'cpu', workers: 2 });
  });
  afterAll(async () => engine?.dispose());

  it('reports progress up to every draw, and an abort stops the run', async () => {
    const fractions: number[] = [];
    // 32768 draws × 18 site-years is several CPU dispatches of 2^17 site-years.
    const r = await engine.run(fixtureScenario(), { draws: 32768, onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions[fractions.length - 1]).toBe(1);
    const controller = new AbortController();
    const run = engine.run(fixtureScenario(), { draws: 32768, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(RunAbortedError);
    // The engine is still usable, and the same seed still gives the same answer.
    const again = await engine.run(fixtureScenario(), { draws: 32768 });
    expect(again.summary).toEqual(r.summary);
  });

  it('rejects bad run options with the field and the reason', async () => {
    await expect(engine.run(fixtureScenario(), { draws: 0 })).rejects.toThrow('draws: must be a whole number within [1, 16777216]');
    await expect(engine.run(fixtureScenario(), { seed: -1 })).rejects.toThrow('seed: must be a whole number');
    await expect(engine.run(fixtureScenario(), { paramSets: [{ nope: 1 } as never] })).rejects.toThrow('paramSets[0].nope: unknown knob');
    await expect(engine.run(fixtureScenario(), { paramSets: [{}, { chipShockProbability: 1.5 }] })).rejects.toThrow(
      'paramSets[1].chipShockProbability: must be within [0, 1]',
    );
  });
});

describe('a lost GPU device', () => {
  it('falls back to the CPU and the run still finishes, with the CPU answer', async () => {
    const gpu = await requireGpu();
    const reasons: string[] = [];
    const engine = await createEngine({ backend: 'webgpu', gpu, workers: 2, onFallback: (r) => reasons.push(r) });
    expect(engine.backend).toBe('webgpu');
    let lost = false;
    const result = await engine.run(fixtureScenario(), {
      ...options,
      onProgress: () => {
        if (!lost) gpu.device.destroy();
        lost = true;
      },
    });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/GPU device lost/);
    expect(result.backend).toBe('cpu');
    expect(engine.backend).toBe('cpu');
    const cpu = await CpuBackend.create(2);
    expectIdentical(await runWithBackend(cpu, coarse, fixtureScenario(), options), result);
    await cpu.dispose();
    await engine.dispose();
  });
});
