// Shared by the engine tests: scenarios a person can work out by hand, and the test GPU.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { acquireGpu, type GpuHandle, releaseNodeGpu } from '../../src/backends/gpu/gpuDevice';
import { createEngine } from '../../src/createEngine';
import type { Engine } from '../../src/engine/types';
import type { Scenario } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

export function mustParse(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`test scenario invalid:\n${r.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return r.scenario;
}

export function fixtureScenario(): Scenario {
  return mustParse(readFileSync(new URL('../fixtures/minimal-scenario.json', import.meta.url), 'utf8'));
}

/** WebGPU tests must run for real: no adapter is a failure that says why, never a skip. */
export async function requireGpu(): Promise<GpuHandle> {
  try {
    return await acquireGpu('test device');
  } catch (e) {
    throw new Error(
      `WebGPU test needs an adapter and found none (${(e as Error).message}). ` +
        '`npm test` installs Debian chromium (SwiftShader) and libvulkan1; Dawn uses /usr/lib/chromium/vk_swiftshader_icd.json.',
    );
  }
}

const fixed = (value: number) => ({ dist: 'fixed', value });
const coolingSpec = (pue: unknown, wue: unknown) => ({ pue, wueLPerKWh: wue });
const noSupplyDelay = { delayYears: 0, shockProbability: 0, shockDelayYears: 0, scope: 'global' };

/**
 * One region, one 100 MW air-cooled site planned for 2026 with a two-year ramp, 2025–2028,
 * nothing random unless an override makes it so: every number below can be checked by hand.
 */
export function handScenario(
  over: { region?: object; site?: object; cooling?: object; supplyChain?: object; cyber?: object } = {},
): Scenario {
  return mustParse({
    name: 'hand-worked',
    startYear: 2025,
    endYear: 2028,
    regions: [
      {
        id: 'r',
        name: 'Region',
        gridHeadroomMW: fixed(1000),
        headroomGrowthMWPerYear: 0,
        connectionDelayYears: 0,
        heatwaveProbability: 0,
        heatwavePueUplift: 0,
        heatwaveWueUplift: 0,
        droughtProbability: 0,
        droughtWaterAllowance: 1,
        ...over.region,
      },
    ],
    sites: [
      {
        id: 's',
        name: 'Site',
        lat: 51.5,
        lon: -0.1,
        region: 'r',
        status: 'planned',
        itLoadMW: 100,
        plannedYear: 2026,
        rampYears: 2,
        cooling: 'air',
        ...over.site,
      },
    ],
    cooling: { evaporative: coolingSpec(1.2, 1.8), liquid: coolingSpec(1.1, 0.2), air: coolingSpec(1.2, 0.5), ...over.cooling },
    supplyChain: { accelerators: noSupplyDelay, transformers: noSupplyDelay, coolingPlant: noSupplyDelay, ...over.supplyChain },
    cyber: { incidentsPerSiteYear: 0, outageDays: 10, ...over.cyber },
  });
}

/**
 * A CPU engine (2 workers) and a WebGPU engine for one test file: started before its tests,
 * disposed after them. Read the engines inside tests, not when the file is loaded.
 */
export function bothEngines(): Record<'cpu' | 'webgpu', Engine> {
  const engines = {} as Record<'cpu' | 'webgpu', Engine>;
  beforeAll(async () => {
    engines.cpu = await createEngine({ backend: 'cpu', workers: 2 });
    engines.webgpu = await createEngine({ backend: 'webgpu', gpu: await requireGpu() });
  });
  afterAll(async () => {
    await engines.cpu?.dispose();
    await engines.webgpu?.dispose();
    releaseNodeGpu();
  });
  return engines;
}

/** One site whose every cause can bite: shocks, a random grid, droughts on evaporative cooling, cyber. */
export function everyCause(): Scenario {
  return handScenario({
    supplyChain: {
      accelerators: { delayYears: 0, shockProbability: 0.3, shockDelayYears: 1, scope: 'global' },
      transformers: { delayYears: 0, shockProbability: 0.2, shockDelayYears: 2, scope: 'global' },
    },
    region: {
      gridHeadroomMW: { dist: 'uniform', min: 40, max: 160 },
      droughtProbability: 0.4,
      droughtWaterAllowance: { dist: 'uniform', min: 0.3, max: 0.9 },
    },
    site: { cooling: 'evaporative' },
    cyber: { incidentsPerSiteYear: 0.6, outageDays: 40 },
  });
}
