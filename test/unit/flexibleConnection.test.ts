// Flexible connection (docs/model.md, "Flexible connection"): a site accepts that the share c of
// its grid-fed energy is curtailed, after the grid's own pro-rata share ρ, in exchange for e years
// off its grid-connection delay, d_q = max(0, q − e). The price goes to `flexibleConnection`, the
// benefit shows as less `gridQueue`. Every case is worked out by hand and run on both backends; the
// last ones check the new stream slots draw by draw against their uniforms.
import { describe, expect, it } from 'vitest';
import { shortfallByYear } from '../../src/engine/attribution';
import { findSeries, seriesSummary } from '../../src/engine/resultJson';
import { CAUSES, S_SITE, SLOT_FLEX_CURTAILED, SLOT_FLEX_EARLIER } from '../../src/kernel/contract';
import { uniformAt } from '../../src/kernel/distributions';
import type { Scenario } from '../../src/scenario/schema';
import { expectPartsAddUpAndBind, expectSameBindingCauses } from './causeChecks';
import { bothEngines, everyCause, handScenario, mustParse } from './engineHelpers';
import { Z } from './stats';

const SEEDS = [1, 2024, 77];
const DRAWS = 8192;
const HOURS = 8760;
const YEAR = 2025;
/** The hand scenario's air cooling: PUE 1.2 exactly. */
const PUE = 1.2;
const key = (cause: string) => `shortfallMW[${cause}][${YEAR}]`;

/**
 * A 100 MW site planned for 2020 (no ramp), in 2025 alone, with `deal` as its flexible connection
 * (none when undefined) and a grid queue of `queueYears`.
 */
function oneSite(deal: object | undefined, queueYears: unknown, over: { region?: object; site?: object } = {}): Scenario {
  const base = handScenario({ region: { connectionDelayYears: queueYears, ...over.region } });
  const site = { ...base.sites[0], plannedYear: 2020, rampYears: 0, ...(deal && { flexibleConnection: deal }), ...over.site };
  return mustParse({ ...base, endYear: YEAR, sites: [site] });
}

const engines = bothEngines();
const backends = ['cpu', 'webgpu'] as const;

async function columns(backend: (typeof backends)[number], s: Scenario, keys: string[], seed: number): Promise<Float32Array[]> {
  return (await engines[backend].samples(s, { draws: DRAWS, seed, series: keys })).columns;
}

type Run = Awaited<ReturnType<(typeof engines)['cpu']['run']>>;

function meanMWByCause(s: Scenario, r: Run): Record<string, number> {
  const [y] = shortfallByYear(s, r);
  return Object.fromEntries(y!.causes.map((c) => [c.cause, c.meanMW]));
}

const mean = (r: Run, name: string) => seriesSummary(r, 0, findSeries(r, name)!.index).mean;

describe.each(backends)('flexible connection, worked by hand, on %s', (backend) => {
  it('pays: 2 years off a 6-year queue bring a 2020 site online by 2025, for 1 % of its grid energy', async () => {
    // Without the deal: commissioned 2020 + 6 = 2026, so all 100 MW of 2025 wait in the queue.
    const firm = oneSite(undefined, 6);
    const r0 = await engines[backend].run(firm, { draws: 256, seed: 3 });
    expect(meanMWByCause(firm, r0).gridQueue).toBeCloseTo(100, 3);
    // With it: 2020 + 4 = 2024, online all of 2025; 1 % of 100 MW curtailed, 99 MW delivered.
    const flex = oneSite({ connectionYearsEarlier: 2, curtailedShare: 0.01 }, 6);
    const r = await engines[backend].run(flex, { draws: 256, seed: 3 });
    const mw = meanMWByCause(flex, r);
    expect(mw.flexibleConnection).toBeCloseTo(1, 4);
    for (const c of CAUSES.filter((c) => c !== 'flexibleConnection')) expect(mw[c], c).toBe(0);
    // Its curtailed energy counts as curtailed: 1 % of 120 MW of facility load for a year.
    expect(mean(r, 'curtailedMWh')).toBeCloseTo(0.01 * 100 * PUE * HOURS, -1);
    expect(mean(r, 'energyServedMWh')).toBeCloseTo(99 * PUE * HOURS, -2);
    // The missed site-year (1 MW short is within the 5 % tolerance) does not miss at all.
    expect(r.siteCauseProbability.reduce((a, v) => a + v, 0)).toBe(0);
  });

  it('never connects ahead of plan: 3 years off a 1-year queue is a queue of none', async () => {
    // Planned 2025 with a 1-year ramp: half of 2025 is planned (50 MW), and exactly that runs.
    const s = oneSite({ connectionYearsEarlier: 3, curtailedShare: 0 }, 1, { site: { plannedYear: 2025, rampYears: 1 } });
    const r = await engines[backend].run(s, { draws: 256, seed: 5 });
    const [y] = shortfallByYear(s, r);
    expect(y!.plannedMW).toBeCloseTo(50, 4);
    for (const c of y!.causes) expect(c.meanMW, c.cause).toBe(0);
    expect(mean(r, 'energyServedMWh')).toBeCloseTo(50 * PUE * HOURS, -1);
  });

  it("curtails after the grid's own share and does not hand its cut to the region", async () => {
    // 120 MW of facility demand on 60 MW of headroom: ρ = 0.5, 50 MW to curtailment; of the 50 MW
    // served, c = 0.1 more (5 MW) to flexibleConnection. Curtailed energy (60 + 6) MW × 8760 h.
    // Stress stays 120 / 60 = 2: the flexible cut does not lower the region's demand.
    const s = oneSite({ connectionYearsEarlier: 0, curtailedShare: 0.1 }, 0, { region: { gridHeadroomMW: 60 } });
    const [curtail, flex, curtailedMWh, stress] = await columns(
      backend,
      s,
      [key('curtailment'), key('flexibleConnection'), 'curtailedMWh', 'gridStress[r]'],
      7,
    );
    for (let n = 0; n < DRAWS; n += 61) {
      expect(curtail[n]).toBeCloseTo(50, 4);
      expect(flex[n]).toBeCloseTo(5, 4);
      expect(Math.abs((curtailedMWh[n] as number) - 66 * HOURS)).toBeLessThan(1e-5 * 66 * HOURS);
      expect(stress[n]).toBeCloseTo(2, 5);
    }
  });

  it('binds an operating site to its curtailment though it has no queue left to shorten', async () => {
    const s = oneSite({ connectionYearsEarlier: 5, curtailedShare: 0.02 }, 3, { site: { status: 'operating' } });
    const [flex, queue] = await columns(backend, s, [key('flexibleConnection'), key('gridQueue')], 2);
    for (let n = 0; n < DRAWS; n += 61) {
      expect(flex[n]).toBeCloseTo(2, 4);
      expect(queue[n]).toBe(0);
    }
  });

  it('leaves the on-site part of a site alone: only the grid part is curtailed', async () => {
    // 60 MW of plant for 120 MW of facility load carries half the site; c = 0.1 of the other 50 MW.
    const s = oneSite({ connectionYearsEarlier: 0, curtailedShare: 0.1 }, 0, {
      site: { onsiteGeneration: { capacityMW: 60, kind: 'gasTurbine', availability: 1, delayYears: 0 } },
    });
    const [flex, onsite] = await columns(backend, s, [key('flexibleConnection'), key('onsiteGeneration')], 4);
    for (let n = 0; n < DRAWS; n += 61) {
      expect(flex[n]).toBeCloseTo(5, 4);
      expect(onsite[n]).toBe(0);
    }
  });

  it('a random curtailed share uniform(0, 0.02) loses 100 × 0.01 = 1 MW on average, on every seed', async () => {
    const s = oneSite({ connectionYearsEarlier: 0, curtailedShare: { dist: 'uniform', min: 0, max: 0.02 } }, 0);
    // Lost MW = 100 c, c ~ U(0, 0.02): sd = 100 × 0.02 / √12; tolerance Z standard errors.
    const tolerance = (Z * 100 * 0.02) / Math.sqrt(12 * DRAWS);
    for (const seed of SEEDS) {
      const [flex] = await columns(backend, s, [key('flexibleConnection')], seed);
      const m = flex.reduce((a, b) => a + b, 0) / DRAWS;
      expect(Math.abs(m - 1), `seed ${seed}`).toBeLessThan(tolerance);
    }
  });
});

describe('the flexible-connection streams are the same on both backends, draw by draw', () => {
  it("each draw's years earlier is the uniform(0, 1) inverse at the site's SLOT_FLEX_EARLIER", async () => {
    // Planned 2024 with a 2-year ramp: 75 % of 2025 planned. d_q = 1 − e, e = u, so the grid part
    // starts at 2024 + 1 − u and runs (1.5 − (1 − u)) / 2 of 2025: the queue holds 50 − 50u MW.
    const s = oneSite({ connectionYearsEarlier: { dist: 'uniform', min: 0, max: 1 }, curtailedShare: 0 }, 1, {
      site: { plannedYear: 2024, rampYears: 2 },
    });
    const seed = 43;
    const want = Array.from({ length: DRAWS }, (_, n) => 50 - 50 * uniformAt(seed, 0, n, S_SITE, SLOT_FLEX_EARLIER));
    for (const backend of backends) {
      const [queue] = await columns(backend, s, [key('gridQueue')], seed);
      for (let n = 0; n < DRAWS; n++)
        expect(Math.abs((queue[n] as number) - (want[n] as number)), `${backend} draw ${n}`).toBeLessThan(1e-3);
    }
  });

  it("each draw's curtailed share is the uniform(0, 0.02) inverse at the site's SLOT_FLEX_CURTAILED", async () => {
    const s = oneSite({ connectionYearsEarlier: 0, curtailedShare: { dist: 'uniform', min: 0, max: 0.02 } }, 0);
    const seed = 47;
    const want = Array.from({ length: DRAWS }, (_, n) => 100 * 0.02 * uniformAt(seed, 0, n, S_SITE, SLOT_FLEX_CURTAILED));
    for (const backend of backends) {
      const [flex] = await columns(backend, s, [key('flexibleConnection')], seed);
      for (let n = 0; n < DRAWS; n++)
        expect(Math.abs((flex[n] as number) - (want[n] as number)), `${backend} draw ${n}`).toBeLessThan(1e-4);
    }
  });

  it('a deal of nothing (0 years, 0 curtailed) draws exactly as no deal', async () => {
    const base = handScenario({ region: { connectionDelayYears: { dist: 'uniform', min: 0, max: 3 } } });
    const nothing = mustParse({
      ...base,
      sites: [{ ...base.sites[0], flexibleConnection: { connectionYearsEarlier: 0, curtailedShare: 0 } }],
    });
    const keys = ['shortfallShare[2027]', 'energyServedMWh', 'curtailedMWh'];
    for (const backend of backends) {
      const a = await columns(backend, base, keys, 9);
      const b = await columns(backend, nothing, keys, 9);
      expect(
        b.map((c) => Array.from(c)),
        backend,
      ).toEqual(a.map((c) => Array.from(c)));
    }
  });
});

/** everyCause() with a flexible connection: a random queue, random years off it, a random curtailed share. */
function everyCauseFlexible(): Scenario {
  const s = everyCause();
  const deal = {
    connectionYearsEarlier: { dist: 'uniform', min: 0, max: 1.5 },
    curtailedShare: { dist: 'uniform', min: 0.05, max: 0.4 },
  };
  return mustParse({
    ...s,
    regions: [{ ...s.regions[0], connectionDelayYears: { dist: 'uniform', min: 0, max: 3 } }],
    sites: [{ ...s.sites[0], flexibleConnection: deal }],
  });
}

describe.each(backends)('every cause with a flexible connection, draw by draw, on %s', (backend) => {
  it.each(SEEDS)('the eight parts add up to the MW not delivered, and the largest cause binds (seed %i)', (seed) =>
    expectPartsAddUpAndBind(engines[backend], everyCauseFlexible(), 2048, seed, ['flexibleConnection', 'gridQueue', 'curtailment']),
  );
});

it('CPU and WebGPU count the same binding causes with a flexible connection for the same seed', () =>
  expectSameBindingCauses(engines.cpu, engines.webgpu, everyCauseFlexible()));
