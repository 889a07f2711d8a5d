// Finite but absurd: a run whose planned load outgrows the kernels' u32 counters is refused
// before it runs (src/engine/counterRange.ts), instead of returning finite, wrong numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/createEngine';
import { MAX_SITE_YEAR_MW } from '../../src/engine/counterRange';
import { RunOptionError } from '../../src/engine/options';
import type { Engine } from '../../src/engine/types';
import { ScenarioError } from '../../src/scenario/validate';
import { handScenario, mustParse } from './engineHelpers';

/** The hand-worked scenario stretched to 2025–2040 with a 20 GW site and a demand-growth knob. */
function steep(growth: { value: number; min?: number; max?: number }) {
  const s = handScenario({ site: { itLoadMW: 20_000 } });
  return mustParse({ ...s, endYear: 2040, knobs: { ...s.knobs, demandGrowthPctPerYear: growth } });
}

describe('runs that would overflow a site-year counter', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend: 'cpu', workers: 1 });
  });
  afterAll(() => engine.dispose());

  it('are refused with the knob, the site and the bound named', async () => {
    // 20,000 MW × 2^15 = 6.6e8 MW > 2.7e8 MW.
    const e = await engine.run(steep({ value: 100 }), { draws: 64 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).issues[0]?.path).toBe('knobs.demandGrowthPctPerYear.value');
    expect((e as ScenarioError).message).toContain(`site 's'`);
    expect((e as ScenarioError).message).toContain(MAX_SITE_YEAR_MW.toExponential(2));
  });

  it("a design's range counts, and so do explicit sets", async () => {
    const ranged = steep({ value: 5, min: 0, max: 100 });
    await expect(engine.run(ranged, { draws: 64, paramSets: 1 })).resolves.toBeDefined(); // set 0 only: 5 %/yr
    const e = await engine.run(ranged, { draws: 64, paramSets: { count: 8, design: 'sobol' } }).catch((x: unknown) => x);
    expect((e as ScenarioError).issues[0]?.path).toBe('knobs.demandGrowthPctPerYear.max');
    const x = await engine
      .run(steep({ value: 5 }), { draws: 64, paramSets: [{}, { demandGrowthPctPerYear: 100 }] })
      .catch((v: unknown) => v);
    expect(x).toBeInstanceOf(RunOptionError);
    expect((x as RunOptionError).path).toBe('paramSets[1].demandGrowthPctPerYear');
  });

  it('steep but within the counters runs, finite', async () => {
    const r = await engine.run(steep({ value: 60 }), { draws: 64 }); // 20,000 × 1.6^15 = 2.3e7 MW
    expect(r.regionShortfallMW.every(Number.isFinite)).toBe(true);
  });
});
