// Bring-your-own power (docs/model.md, "On-site generation"): a site's plant carries
// f = min(1, capacity / (IT load × PUE⁰)) of its load behind the meter, skips the grid queue for
// it, waits for its equipment (its own delay or the supply item's, plus that item's shock) and
// runs for the share `availability` of the year; what it loses goes to `onsiteGeneration`. Every
// case is worked out by hand and run on both backends; the last ones check the new stream slots
// draw by draw against their uniforms.
import { describe, expect, it } from 'vitest';
import { shortfallByYear } from '../../src/engine/attribution';
import { findSeries, seriesSummary } from '../../src/engine/resultJson';
import { CAUSES, S_GLOBAL, S_SITE, SLOT_GEN_AVAILABILITY, SLOT_SHOCK0, SUPPLY_GENERATION } from '../../src/kernel/contract';
import { uniformAt } from '../../src/kernel/distributions';
import type { Scenario } from '../../src/scenario/schema';
import { expectPartsAddUpAndBind, expectSameBindingCauses } from './causeChecks';
import { bothEngines, everyCause, handScenario, mustParse } from './engineHelpers';
import { binomialTolerance, Z } from './stats';

const SEEDS = [1, 2024, 77];
const DRAWS = 8192;
const HOURS = 8760;
const YEAR = 2025;
/** The hand scenario's air cooling: PUE 1.2 exactly. */
const PUE = 1.2;
const key = (cause: string) => `shortfallMW[${cause}][${YEAR}]`;
const noShock = { delayYears: 0, shockProbability: 0, shockDelayYears: 0, scope: 'global' };

/** A 100 MW site online by plan since 2020 (no ramp), with a plant of `capacityMW`, in 2025 alone. */
function oneSite(plant: object, over: { region?: object; site?: object; equipment?: object } = {}): Scenario {
  const base = handScenario({ region: over.region });
  const site = { ...base.sites[0], plannedYear: 2020, rampYears: 0, onsiteGeneration: { kind: 'gasTurbine', ...plant }, ...over.site };
  return mustParse({
    ...base,
    endYear: YEAR,
    sites: [site],
    supplyChain: { ...base.supplyChain, onsiteGeneration: { ...noShock, ...over.equipment } },
  });
}

const engines = bothEngines();
const backends = ['cpu', 'webgpu'] as const;

async function columns(backend: (typeof backends)[number], s: Scenario, keys: string[], seed: number): Promise<Float32Array[]> {
  return (await engines[backend].samples(s, { draws: DRAWS, seed, series: keys })).columns;
}

function meanMWByCause(s: Scenario, r: Awaited<ReturnType<(typeof engines)['cpu']['run']>>): Record<string, number> {
  const [y] = shortfallByYear(s, r);
  return Object.fromEntries(y!.causes.map((c) => [c.cause, c.meanMW]));
}

describe.each(backends)('on-site generation, worked by hand, on %s', (backend) => {
  it('skips the grid queue for its share: 60 MW of plant for 120 MW of facility load carries half the site', async () => {
    // f = 60 / (100 × 1.2) = 0.5. The grid queue (10 years) holds the other 50 MW past 2025.
    const s = oneSite({ capacityMW: 60, availability: 1 }, { region: { connectionDelayYears: 10 } });
    const r = await engines[backend].run(s, { draws: 256, seed: 3 });
    const mw = meanMWByCause(s, r);
    expect(mw.gridQueue).toBeCloseTo(50, 3);
    for (const c of CAUSES.filter((c) => c !== 'gridQueue')) expect(mw[c], c).toBe(0);
    // Only the on-site part runs, and it is behind the meter: the grid sees no demand at all.
    const at = (name: string) => seriesSummary(r, 0, findSeries(r, name)!.index).mean;
    expect(at('energyDemandedMWh')).toBeCloseTo(50 * PUE * HOURS, -1);
    expect(at('gridStress[r]')).toBe(0);
    // The missed site-year binds to the grid queue (50 MW against nothing else).
    expect(r.siteCauseProbability[CAUSES.indexOf('gridQueue')]).toBe(1);
  });

  it('a plant covering the whole site at availability 0.9 delivers 90 MW and loses 10 MW to onsiteGeneration, grid or no grid', async () => {
    // Capacity 150 MW > 120 MW of facility load: f = 1. No headroom at all, and it does not matter.
    const s = oneSite({ capacityMW: 150, availability: 0.9 }, { region: { gridHeadroomMW: 0, connectionDelayYears: 10 } });
    const [onsite, served, curtailed, stress] = await columns(
      backend,
      s,
      [key('onsiteGeneration'), 'energyServedMWh', 'curtailedMWh', 'gridStress[r]'],
      5,
    );
    for (let n = 0; n < DRAWS; n += 61) {
      expect(onsite[n]).toBeCloseTo(10, 4);
      expect(Math.abs((served[n] as number) - 90 * PUE * HOURS)).toBeLessThan(1e-6 * 90 * PUE * HOURS);
      expect(curtailed[n]).toBe(0);
      expect(stress[n]).toBe(0);
    }
  });

  it('half on the grid, half on site: the grid curtails its part, the plant loses its outages', async () => {
    // f = 0.5: 50 MW on the grid = 60 MW of facility load against 30 MW of headroom, ρ = 0.5, so
    // 25 MW curtailed (30 MW × 8760 h of facility energy); the plant's 50 MW at availability 0.8 lose 10.
    const s = oneSite({ capacityMW: 60, availability: 0.8 }, { region: { gridHeadroomMW: 30 } });
    const [curtailMW, onsite, curtailedMWh, stress] = await columns(
      backend,
      s,
      [key('curtailment'), key('onsiteGeneration'), 'curtailedMWh', 'gridStress[r]'],
      7,
    );
    for (let n = 0; n < DRAWS; n += 61) {
      expect(curtailMW[n]).toBeCloseTo(25, 4);
      expect(onsite[n]).toBeCloseTo(10, 4);
      expect(Math.abs((curtailedMWh[n] as number) - 30 * HOURS)).toBeLessThan(1e-5 * 30 * HOURS);
      expect(stress[n]).toBeCloseTo(2, 5);
    }
  });

  it("the plant's own equipment delay holds its part back: 6 years past a 2020 plan is all of 2025", async () => {
    const s = oneSite({ capacityMW: 150, availability: 1, delayYears: 6 });
    const r = await engines[backend].run(s, { draws: 256, seed: 11 });
    const mw = meanMWByCause(s, r);
    expect(mw.onsiteGeneration).toBeCloseTo(100, 3);
    expect(r.siteCauseProbability[CAUSES.indexOf('onsiteGeneration')]).toBe(1);
    // A longer accelerator delay binds instead: the on-site part needs its chips too.
    const slowChips = mustParse({ ...s, supplyChain: { ...s.supplyChain, accelerators: { ...noShock, delayYears: 7 } } });
    const r2 = await engines[backend].run(slowChips, { draws: 256, seed: 11 });
    expect(meanMWByCause(slowChips, r2).accelerators).toBeCloseTo(100, 3);
    expect(meanMWByCause(slowChips, r2).onsiteGeneration).toBe(0);
  });

  it('an operating site draws no delays, but its plant still has outages', async () => {
    const s = oneSite({ capacityMW: 150, availability: 0.95, delayYears: 40 }, { site: { status: 'operating' } });
    const [onsite, queue] = await columns(backend, s, [key('onsiteGeneration'), key('gridQueue')], 2);
    for (let n = 0; n < DRAWS; n += 61) {
      expect(onsite[n]).toBeCloseTo(5, 4);
      expect(queue[n]).toBe(0);
    }
  });

  it('the turbine shock (p = 0.4, 10 years, global) takes the whole plant in 40% of draws, on every seed', async () => {
    const s = oneSite({ capacityMW: 150, availability: 1 }, { equipment: { shockProbability: 0.4, shockDelayYears: 10 } });
    for (const seed of SEEDS) {
      const [onsite] = await columns(backend, s, [key('onsiteGeneration')], seed);
      for (const mw of onsite) expect(mw === 0 || Math.abs(mw - 100) < 1e-4).toBe(true);
      const share = onsite.filter((mw) => mw > 50).length / DRAWS;
      expect(Math.abs(share - 0.4), `seed ${seed}`).toBeLessThan(binomialTolerance(0.4, DRAWS));
    }
  });

  it('a random availability uniform(0.8, 1) loses 100 × (1 − 0.9) = 10 MW on average', async () => {
    const s = oneSite({ capacityMW: 150, availability: { dist: 'uniform', min: 0.8, max: 1 } });
    // Lost MW = 100 (1 − A), A ~ U(0.8, 1): sd = 100 × 0.2 / √12; tolerance Z standard errors.
    const tolerance = (Z * 100 * 0.2) / Math.sqrt(12 * DRAWS);
    for (const seed of SEEDS) {
      const [onsite] = await columns(backend, s, [key('onsiteGeneration')], seed);
      const mean = onsite.reduce((a, b) => a + b, 0) / DRAWS;
      expect(Math.abs(mean - 10), `seed ${seed}`).toBeLessThan(tolerance);
    }
  });
});

describe('the on-site generation streams are the same on both backends, draw by draw', () => {
  it('the shock fires exactly when the global uniform at SLOT_SHOCK0 + SUPPLY_GENERATION is below p', async () => {
    const p = 0.3;
    const s = oneSite({ capacityMW: 150, availability: 1 }, { equipment: { shockProbability: p, shockDelayYears: 10 } });
    const seed = 41;
    const want = Array.from({ length: DRAWS }, (_, n) => (uniformAt(seed, 0, n, S_GLOBAL, SLOT_SHOCK0 + SUPPLY_GENERATION) < p ? 100 : 0));
    for (const backend of backends) {
      const [onsite] = await columns(backend, s, [key('onsiteGeneration')], seed);
      expect(
        Array.from(onsite, (mw) => (mw > 50 ? 100 : 0)),
        backend,
      ).toEqual(want);
    }
  });

  it("each draw's availability is the uniform(0.8, 1) inverse at the site's SLOT_GEN_AVAILABILITY", async () => {
    const s = oneSite({ capacityMW: 150, availability: { dist: 'uniform', min: 0.8, max: 1 } });
    const seed = 43;
    const want = Array.from({ length: DRAWS }, (_, n) => 100 * (1 - (0.8 + 0.2 * uniformAt(seed, 0, n, S_SITE, SLOT_GEN_AVAILABILITY))));
    for (const backend of backends) {
      const [onsite] = await columns(backend, s, [key('onsiteGeneration')], seed);
      for (let n = 0; n < DRAWS; n++)
        expect(Math.abs((onsite[n] as number) - (want[n] as number)), `${backend} draw ${n}`).toBeLessThan(1e-4);
    }
  });

  it('a scenario that gives the equipment but plans no plant draws exactly as one without it', async () => {
    const base = handScenario({ region: { connectionDelayYears: { dist: 'uniform', min: 0, max: 3 } } });
    const withItem = mustParse({ ...base, supplyChain: { ...base.supplyChain, onsiteGeneration: { ...noShock, shockProbability: 0.5 } } });
    const keys = [`shortfallShare[2027]`, 'energyServedMWh'];
    for (const backend of backends) {
      const a = await columns(backend, base, keys, 9);
      const b = await columns(backend, withItem, keys, 9);
      expect(
        b.map((c) => Array.from(c)),
        backend,
      ).toEqual(a.map((c) => Array.from(c)));
    }
  });
});

/** everyCause() with half of its site on a plant that waits for turbines (own delay, shock) and has outages. */
function everyCauseWithPlant(): Scenario {
  const s = everyCause();
  const plant = {
    capacityMW: 60,
    kind: 'gasTurbine',
    availability: { dist: 'uniform', min: 0.7, max: 1 },
    delayYears: { dist: 'uniform', min: 0, max: 2 },
  };
  return mustParse({
    ...s,
    regions: [{ ...s.regions[0], connectionDelayYears: { dist: 'uniform', min: 0, max: 2 } }],
    sites: [{ ...s.sites[0], onsiteGeneration: plant }],
    supplyChain: { ...s.supplyChain, onsiteGeneration: { ...noShock, shockProbability: 0.3, shockDelayYears: 1.5 } },
  });
}

describe.each(backends)('every cause with an on-site plant, draw by draw, on %s', (backend) => {
  it.each(SEEDS)('the eight parts add up to the MW not delivered, and the largest cause binds (seed %i)', (seed) =>
    expectPartsAddUpAndBind(engines[backend], everyCauseWithPlant(), 2048, seed, ['onsiteGeneration', 'gridQueue', 'curtailment']),
  );
});

it('CPU and WebGPU count the same binding causes with an on-site plant for the same seed', () =>
  expectSameBindingCauses(engines.cpu, engines.webgpu, everyCauseWithPlant()));
