// No silent zeros on the GPU: every dispatch and buffer is planned within the device's limits
// (here a claimed maxComputeWorkgroupsPerDimension of 4, and the real 65,535 crossed by 2^22
// draws of one site-year), and a GPU error rejects the run with a GpuError instead of resolving.
// Real WebGPU through Dawn: no adapter fails the test with the reason (requireGpu), never skips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuBackend, GpuError } from '../../src/backends/gpu/GpuBackend';
import type { GpuHandle } from '../../src/backends/gpu/gpuDevice';
import { createEngine, tuningFor, type EngineOptions } from '../../src/createEngine';
import { planRun } from '../../src/engine/plan';
import { packScenario } from '../../src/engine/pack';
import { counterLayout } from '../../src/engine/counters';
import { BLOCK_DRAWS, SERIES_WORKGROUP, SUMMARY_STRIDE } from '../../src/kernel/contract';
import type { Engine, RunResult } from '../../src/engine/types';
import type { Scenario } from '../../src/scenario/schema';
import { fixtureScenario, mustParse, requireGpu } from './engineHelpers';

interface Grid {
  label: string;
  x: number;
  y: number;
  z: number;
}

/** Forwards to a real Dawn object: its methods need the real object as `this`. */
function forward<T extends object>(target: T, override: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in override) return override[prop as keyof T];
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

/**
 * A handle on a real device that reports `limits` (smaller or larger than the device's own) and
 * records the grid of every compute dispatch that reaches the device.
 */
function claimingHandle(
  real: GpuHandle,
  limits: Partial<GpuHandle['limits']>,
  grids: Grid[],
  claims: Partial<Pick<GpuHandle, 'software'>> = {},
): GpuHandle {
  const device = forward(real.device, {
    createCommandEncoder: (descriptor?: GPUCommandEncoderDescriptor) => {
      const encoder = real.device.createCommandEncoder(descriptor);
      return forward(encoder, {
        beginComputePass: (passDescriptor?: GPUComputePassDescriptor) => {
          const pass = encoder.beginComputePass(passDescriptor);
          return forward(pass, {
            dispatchWorkgroups: (x: number, y = 1, z = 1) => {
              grids.push({ label: passDescriptor?.label ?? '', x, y, z });
              pass.dispatchWorkgroups(x, y, z);
            },
          });
        },
      });
    },
  });
  return { ...real, ...claims, device, limits: { ...real.limits, ...limits } };
}

function expectIdentical(x: RunResult, y: RunResult): void {
  expect(y.summary).toEqual(x.summary);
  expect(y.siteMissProbability).toEqual(x.siteMissProbability);
  expect(y.siteExpectedLoadMW).toEqual(x.siteExpectedLoadMW);
  expect(y.regionCurtailProbability).toEqual(x.regionCurtailProbability);
  expect(y.histograms?.counts).toEqual(x.histograms?.counts);
}

/** parity.test.ts's tolerances: means and sds to 1e-3 relative, probabilities to 3 draws in N. */
function expectParity(cpu: RunResult, gpu: RunResult): void {
  for (let i = 0; i < cpu.summary.length; i += SUMMARY_STRIDE) {
    const scale = Math.max(Math.abs(cpu.summary[i]), 1e-6);
    expect(Math.abs(cpu.summary[i] - gpu.summary[i]), `mean ${i / SUMMARY_STRIDE}`).toBeLessThanOrEqual(1e-3 * scale);
    expect(Math.abs(cpu.summary[i + 1] - gpu.summary[i + 1]), `sd ${i / SUMMARY_STRIDE}`).toBeLessThanOrEqual(
      1e-3 * Math.max(cpu.summary[i + 1], 1e-6 * scale),
    );
    expect(Math.abs(cpu.summary[i + 5] - gpu.summary[i + 5]), `pExceed ${i / SUMMARY_STRIDE}`).toBeLessThanOrEqual(3 / cpu.draws);
  }
  for (let i = 0; i < cpu.siteMissProbability.length; i++) {
    expect(Math.abs(cpu.siteMissProbability[i] - gpu.siteMissProbability[i])).toBeLessThanOrEqual(3 / cpu.draws);
  }
}

/** One site, one year, and enough randomness that the mean is nobody's default. */
function oneSiteYear(): Scenario {
  const fixed = (value: number) => ({ dist: 'fixed', value });
  const cooling = { pue: { dist: 'uniform', min: 1.1, max: 1.4 }, wueLPerKWh: { dist: 'uniform', min: 0.2, max: 2 } };
  const supply = { delayYears: 0, shockProbability: 0.2, shockDelayYears: 1, scope: 'global' };
  return mustParse({
    name: 'one site-year',
    startYear: 2026,
    endYear: 2026,
    regions: [
      {
        id: 'r',
        name: 'Region',
        gridHeadroomMW: { dist: 'triangular', min: 40, mode: 90, max: 160 },
        headroomGrowthMWPerYear: 0,
        connectionDelayYears: 0,
        heatwaveProbability: 0.3,
        heatwavePueUplift: 0.05,
        heatwaveWueUplift: 0.2,
        droughtProbability: 0.2,
        droughtWaterAllowance: { dist: 'uniform', min: 0.5, max: 0.9 },
      },
    ],
    sites: [
      { id: 's', name: 'Site', lat: 51.5, lon: -0.1, region: 'r', status: 'operating', itLoadMW: 100, plannedYear: 2024, cooling: 'air' },
    ],
    cooling: { evaporative: cooling, liquid: cooling, air: cooling },
    supplyChain: { accelerators: supply, transformers: supply, coolingPlant: supply },
    cyber: { incidentsPerSiteYear: 0.5, outageDays: fixed(10) },
  });
}

const maxDim = (grids: Grid[]): number => Math.max(...grids.map((g) => Math.max(g.x, g.y, g.z)));

describe('the plan stays within the device limits', () => {
  it('caps workgroups per dimension, block-sum and raw-sample buffers, groups for fold and summarize', () => {
    const packed = packScenario(fixtureScenario());
    const limits = { maxComputeWorkgroupsPerDimension: 4, maxStorageBufferBindingSize: 2 ** 16, maxBufferSize: 2 ** 17 };
    const groups = planRun(packed, 40, 5000, { maxGroupWords: 2 ** 24, targetSiteYears: 2 ** 22, limits });
    expect(groups.length).toBeGreaterThan(1);
    let blocks = 0;
    for (const g of groups) {
      expect(Math.ceil((g.paramCount * packed.nSeries) / SERIES_WORKGROUP)).toBeLessThanOrEqual(4);
      expect(counterLayout(g.paramCount, packed).total * 4).toBeLessThanOrEqual(2 ** 16);
      expect(g.maxPartialFloats * 4).toBeLessThanOrEqual(2 ** 16);
      for (const d of [...g.pilot, ...g.main]) {
        expect(d.blockCount).toBeLessThanOrEqual(4);
        expect(d.paramCount).toBeLessThanOrEqual(4);
        expect(d.paramCount * d.blockCount * BLOCK_DRAWS * packed.nSeries * 4).toBeLessThanOrEqual(2 ** 16);
      }
      blocks += g.main.reduce((n, d) => n + d.paramCount * d.blockCount, 0);
    }
    expect(blocks).toBe(40 * Math.ceil(5000 / BLOCK_DRAWS));
  });
});

// One real device for every GPU engine here: Dawn reuses a device's compiled pipelines, so each
// engine after the first starts in milliseconds (SwiftShader compiles the simulate shader in
// 10-25 s). GPU engines are disposed at the end: disposing one destroys the shared device.
let real: GpuHandle;
let cpu: Engine;
const gpuEngines: Engine[] = [];
async function gpuEngine(options: EngineOptions): Promise<Engine> {
  const engine = await createEngine(options);
  gpuEngines.push(engine);
  return engine;
}
beforeAll(async () => {
  real = await requireGpu();
  cpu = await createEngine({ backend: 'cpu', workers: 2 });
});
afterAll(async () => {
  await cpu?.dispose();
  for (const engine of gpuEngines) await engine.dispose();
});

describe('GPU runs within a claimed limit of 4 workgroups per dimension', () => {
  it('match the unlimited GPU run bit for bit and the CPU within parity tolerance', async () => {
    // 13 sets × 16 blocks: 208 simulate workgroups, in dispatches of at most 4 × 4; fold and
    // summarize of 4 × 64 (set, series) pairs at most, so groups of ⌊256 / series⌋ sets.
    const options = { draws: 1000, seed: 7, paramSets: 13, histograms: true };
    const nSeries = packScenario(fixtureScenario()).nSeries;
    const groups = Math.ceil(13 / Math.floor((4 * SERIES_WORKGROUP) / nSeries));
    expect(groups).toBeGreaterThan(1);
    const grids: Grid[] = [];
    const normalGrids: Grid[] = [];
    const limited = await gpuEngine({ backend: 'webgpu', gpu: claimingHandle(real, { maxComputeWorkgroupsPerDimension: 4 }, grids) });
    const normal = await gpuEngine({ backend: 'webgpu', gpu: claimingHandle(real, {}, normalGrids) });
    const small = await limited.run(fixtureScenario(), options);
    expect(small.backend).toBe('webgpu');
    expect(grids.filter((g) => g.label === 'simulate').length).toBeGreaterThanOrEqual((13 * 16) / 16);
    expect(grids.filter((g) => g.label === 'summarize').length).toBe(groups);
    expect(maxDim(grids)).toBeLessThanOrEqual(4);
    const whole = await normal.run(fixtureScenario(), options);
    expect(maxDim(normalGrids)).toBeGreaterThan(4);
    expectIdentical(whole, small);
    expectParity(await cpu.run(fixtureScenario(), options), small);
  });
});

describe('raw samples within a claimed limit of 4 workgroups per dimension', () => {
  it("are the unlimited GPU run's samples, in dispatches of at most 4 blocks", async () => {
    const options = { draws: 1000, seed: 7, paramSets: 3, paramSet: 2 };
    const grids: Grid[] = [];
    const limited = await gpuEngine({ backend: 'webgpu', gpu: claimingHandle(real, { maxComputeWorkgroupsPerDimension: 4 }, grids) });
    const normal = await gpuEngine({ backend: 'webgpu', gpu: real });
    const small = await limited.samples(fixtureScenario(), options);
    expect(grids.length).toBeGreaterThanOrEqual(4);
    expect(maxDim(grids)).toBeLessThanOrEqual(4);
    expect(small.columns).toEqual((await normal.samples(fixtureScenario(), options)).columns);
  });
});

describe('a run past the real 65,535-workgroup limit', () => {
  // Executing it is the expensive part: SwiftShader runs about 15-65 thousand draws a second
  // (2^20 draws of one site-year took 68 s), so 2^22 draws would take minutes. The cheaper
  // equivalent: the engine's own plan for the real device, checked here, and the device
  // refusing the unsplit dispatch, in 'GPU errors reject the run' below.
  it('2^22 draws of one site-year (65,536 blocks) are planned in dispatches the real device accepts', async () => {
    const engine = await gpuEngine({ backend: 'webgpu', gpu: real });
    const backend = await GpuBackend.create(real);
    const tuning = tuningFor(backend);
    expect(tuning.limits).toEqual(real.limits);
    const max = real.limits.maxComputeWorkgroupsPerDimension;
    expect(max).toBeLessThan(2 ** 22 / BLOCK_DRAWS);
    const packed = packScenario(oneSiteYear());
    const [group, ...rest] = planRun(packed, 1, 2 ** 22, tuning);
    expect(rest).toEqual([]);
    expect(group.main.length).toBeGreaterThan(1);
    expect(Math.max(...group.main.map((d) => d.blockCount))).toBeLessThanOrEqual(max);
    expect(group.main.reduce((n, d) => n + d.blockCount, 0)).toBe(2 ** 22 / BLOCK_DRAWS);
    expect(group.main.reduce((n, d) => n + d.drawCount, 0)).toBe(2 ** 22);
    expect(engine.backend).toBe('webgpu');
  });
});

describe('GPU errors reject the run', () => {
  it('a handle claiming more workgroups than the device has: run() rejects with a GpuError, even on auto', async () => {
    const fallbacks: string[] = [];
    const engine = await gpuEngine({
      backend: 'auto',
      // Claiming a hardware adapter too: its first run's dispatches are 2^22 site-years (a
      // software one starts at 2^18, whose 4,096-block dispatches the device would accept).
      gpu: claimingHandle(real, { maxComputeWorkgroupsPerDimension: 2 ** 20 }, [], { software: false }),
      onFallback: (r) => fallbacks.push(r),
    });
    expect(engine.backend).toBe('webgpu');
    // 2^22 draws of one site-year planned as one dispatch of 65,536 blocks: the device refuses
    // it (and so runs nothing: cheap). Before error scopes this resolved with mean 0, sd 0.
    const failed = await engine.run(oneSiteYear(), { draws: 2 ** 22 }).then(
      (r) => r,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(GpuError);
    expect((failed as GpuError).kind).toBe('validation');
    expect((failed as GpuError).uncaptured).toBe(false);
    expect((failed as GpuError).message).toMatch(/GPU validation error in a main dispatch/);
    expect(fallbacks).toEqual([]);
    // The device itself is fine: a run within the real limit still works, and matches the CPU.
    const options = { draws: 1000, seed: 2 };
    const ok = await engine.run(oneSiteYear(), options);
    expect(ok.backend).toBe('webgpu');
    expect(ok.summary[0]).toBeGreaterThan(0);
    expectParity(await cpu.run(oneSiteYear(), options), ok);
  });

  it('an error that escaped every scope makes the next run reject, once', async () => {
    const engine = await gpuEngine({ backend: 'webgpu', gpu: real });
    // Outside any error scope: only the device's uncapturederror event hears of it.
    real.device.createBuffer({ label: 'too big', size: real.limits.maxBufferSize + 256, usage: GPUBufferUsage.STORAGE });
    await real.device.queue.onSubmittedWorkDone();
    const failed = await engine.run(oneSiteYear(), { draws: 1000 }).then(
      (r) => r,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(GpuError);
    expect((failed as GpuError).uncaptured).toBe(true);
    expect((failed as GpuError).message).toMatch(/max buffer size/);
    const ok = await engine.run(oneSiteYear(), { draws: 1000 });
    expect(ok.summary[0]).toBeGreaterThan(0);
  });
});
