// GPU dispatches follow the measured rate (createEngine.ts, gpuDispatchSiteYears): a software
// adapter starts small, and each later run is cut into dispatches of what the last run's rate
// does in GPU_DISPATCH_SECONDS, so a knob move or a cancel waits for about that long.
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, GPU_DISPATCH_SECONDS, gpuDispatchSiteYears } from '../../src/createEngine';
import type { Engine } from '../../src/engine/types';
import { BLOCK_DRAWS } from '../../src/kernel/contract';
import { fixtureScenario, requireGpu } from './engineHelpers';

describe('gpuDispatchSiteYears', () => {
  it('starts at 2^22 site-years on a hardware adapter and 2^18 on a software one', () => {
    expect(gpuDispatchSiteYears(false)).toBe(2 ** 22);
    expect(gpuDispatchSiteYears(true)).toBe(2 ** 18);
    expect(gpuDispatchSiteYears(true, Number.NaN)).toBe(2 ** 18);
    expect(gpuDispatchSiteYears(false, 0)).toBe(2 ** 22);
  });

  it('then takes the power of two at or below what the rate does in GPU_DISPATCH_SECONDS, within [2^16, 2^28]', () => {
    for (const rate of [3e5, 1.3e6, 7e7, 2.5e9]) {
      const n = gpuDispatchSiteYears(true, rate);
      expect(Math.log2(n) % 1).toBe(0);
      expect(n).toBeLessThanOrEqual(Math.max(rate * GPU_DISPATCH_SECONDS, 2 ** 16));
      if (n > 2 ** 16 && n < 2 ** 28) expect(2 * n).toBeGreaterThan(rate * GPU_DISPATCH_SECONDS);
    }
    expect(gpuDispatchSiteYears(false, 10)).toBe(2 ** 16);
    expect(gpuDispatchSiteYears(false, 1e12)).toBe(2 ** 28);
  });
});

describe('an engine on a software adapter', () => {
  let engine: Engine | undefined;
  afterAll(async () => engine?.dispose());

  it('cuts its second run by the first run’s measured rate', async () => {
    engine = await createEngine({ backend: 'webgpu', gpu: await requireGpu() });
    const scenario = fixtureScenario();
    const siteYears = scenario.sites.length * (scenario.endYear - scenario.startYear + 1);
    const draws = Math.ceil(2 ** 18 / siteYears);
    const blocks = Math.ceil(draws / BLOCK_DRAWS);
    /** Main dispatches of a one-set run cut at `target` site-years (src/engine/plan.ts). */
    const expected = (target: number) => Math.ceil(blocks / Math.max(1, Math.floor(target / (BLOCK_DRAWS * siteYears))));
    const dispatches = async (): Promise<{ n: number; rate: number; ms: number }> => {
      let n = 0;
      const r = await (engine as Engine).run(scenario, { draws, onProgress: () => n++ });
      return { n, rate: r.siteYearSamplesPerSecond, ms: r.elapsedMs };
    };
    const first = await dispatches();
    expect(first.n).toBe(expected(2 ** 18));
    const second = await dispatches();
    // A first run under a second is not taken as a measurement (its fixed costs dominate).
    const target = first.ms >= 1000 ? gpuDispatchSiteYears(true, first.rate) : 2 ** 18;
    expect(second.n).toBe(expected(target));
  }, 120_000);
});
