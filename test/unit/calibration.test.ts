// The presets' national totals land within the published ranges (docs/data.md, Calibration).
//
// Each target runs the CPU engine (2 workers, fixed seed, 1024 draws, the scenario's own knobs) on
// the preset cut down to the target's country, and reads energy served in the target year.
//
// Why the median: the published figures are central projections (IEA base case, NESO) or a range
// of projections (LBNL), i.e. statements about the middle of the outcome, not about a tail. The
// model's mean is pulled down by rare bad draws (a global chip shock, a drought that throttles a
// whole fleet), so the P50 is the like-for-like comparison; P5–P95 is reported in docs/data.md.
//
// Monte Carlo error: the run reports se = sd/√N of the mean. For a smooth distribution the
// median's standard error is about √(π/2)·se ≈ 1.25·se (medianStandardErrorTWh); at 1024 draws
// that is ≈ 0.1 TWh for GB and ≈ 2 TWh for the US and the world. The histogram quantile adds at
// most one bin (≈ 2.3% of the pilot's range, interpolated inside it). The test therefore also asks
// that the P50 clears both ends of the range by 3 median standard errors, so the verdict does not
// depend on the seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualEnergyTWh, CALIBRATION_TARGETS, medianStandardErrorTWh, scenarioForCountry } from '../../src/data/calibration';
import { createEngine } from '../../src/engine/createEngine';
import type { Engine } from '../../src/engine/types';
import type { Scenario } from '../../src/scenario/schema';
import { loadScenarioFile } from '../../src/scenario/validate';

const DRAWS = 1024;
const SEED = 2030;
const presetPath = (preset: string): string => new URL(`../../public/data/scenarios/${preset}.json`, import.meta.url).pathname;

describe('scenarioForCountry', () => {
  let global: Scenario;
  beforeAll(async () => {
    global = await loadScenarioFile(presetPath('global-2030'));
  });

  it("keeps only the country's sites and the regions they use", () => {
    const gb = scenarioForCountry(global, 'GB');
    expect(gb.sites.length).toBeGreaterThan(0);
    expect(gb.sites.every((s) => s.country === 'GB')).toBe(true);
    expect(new Set(gb.regions.map((r) => r.id))).toEqual(new Set(gb.sites.map((s) => s.region)));
    expect(gb.cooling).toBe(global.cooling);
    expect(gb.knobs).toBe(global.knobs);
  });

  it("returns the whole scenario for 'world', takes a list, and refuses a country with no site", () => {
    expect(scenarioForCountry(global, 'world')).toBe(global);
    const two = scenarioForCountry(global, ['GB', 'US']);
    expect(new Set(two.sites.map((s) => s.country))).toEqual(new Set(['GB', 'US']));
    expect(() => scenarioForCountry(global, 'ZZ')).toThrow('no site in ZZ');
  });
});

describe('preset totals against published ranges', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend: 'cpu', workers: 2 });
  });
  afterAll(async () => engine?.dispose());

  it('annualEnergyTWh reads one year in TWh and names a missing year', async () => {
    const uk = await loadScenarioFile(presetPath('uk-2030'));
    const r = await engine.run(uk, { draws: 256, seed: SEED });
    const e = annualEnergyTWh(r, 2030);
    expect(e.year).toBe(2030);
    expect(e.p5TWh).toBeLessThanOrEqual(e.p50TWh);
    expect(e.p50TWh).toBeLessThanOrEqual(e.p95TWh);
    expect(e.seTWh).toBeCloseTo(e.sdTWh / Math.sqrt(256), 9);
    expect(() => annualEnergyTWh(r, 2050)).toThrow("no series 'energyServedMWh[2050]'");
  });

  for (const t of CALIBRATION_TARGETS) {
    it(`${t.preset}: ${t.country} ${t.year} median within ${t.lowTWh}–${t.highTWh} TWh`, async () => {
      const scenario = scenarioForCountry(await loadScenarioFile(presetPath(t.preset)), t.country);
      const e = annualEnergyTWh(await engine.run(scenario, { draws: DRAWS, seed: SEED }), t.year);
      const mcse = medianStandardErrorTWh(e);
      const report = `${t.preset} ${t.country} ${t.year}: P5 ${e.p5TWh.toFixed(1)}, P50 ${e.p50TWh.toFixed(1)} ± ${mcse.toFixed(2)} (MC s.e.), P95 ${e.p95TWh.toFixed(1)} TWh vs ${t.lowTWh}–${t.highTWh} (${t.source})`;
      expect(e.p50TWh, report).toBeGreaterThanOrEqual(t.lowTWh);
      expect(e.p50TWh, report).toBeLessThanOrEqual(t.highTWh);
      expect(Math.min(e.p50TWh - t.lowTWh, t.highTWh - e.p50TWh), `${report}: too close to an end for the Monte Carlo error`).toBeGreaterThan(3 * mcse);
    });
  }
});
