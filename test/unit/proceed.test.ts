// Announced is not built (docs/model.md, "Proceeding"): each non-operating site proceeds with its
// status's probability × the real-queue knob, drawn once per draw from its own stream slot; an
// aggregate keeps the probability as an expected share. Every case is worked out by hand and run
// on both backends; the last one checks the new stream draw by draw against its uniforms.
import { describe, expect, it } from 'vitest';
import { shortfallByYear } from '../../src/engine/attribution';
import { proceedProbabilityOf } from '../../src/engine/pack';
import { findSeries, seriesSummary } from '../../src/engine/resultJson';
import { CAUSE_ACCELERATORS, CAUSE_GRID_QUEUE, CAUSES, N_SUPPLY, S_SITE, SLOT_PROCEED } from '../../src/kernel/contract';
import { uniformAt } from '../../src/kernel/distributions';
import type { Scenario } from '../../src/scenario/schema';
import { bothEngines, handScenario, mustParse } from './engineHelpers';
import { binomialTolerance } from './stats';

const SEEDS = [1, 2024, 77];
const DRAWS = 8192;
const HOURS = 8760;
const YEAR = 2025;
const abandonedKey = `shortfallMW[abandoned][${YEAR}]`;
const causeKeys = CAUSES.map((c) => `shortfallMW[${c}][${YEAR}]`);

const site = (id: string, status: string, itLoadMW: number, extra: object = {}) => ({
  id,
  name: `Site ${id}`,
  lat: 51.5,
  lon: -0.1,
  region: 'r',
  status,
  itLoadMW,
  plannedYear: 2020,
  rampYears: 0,
  cooling: 'air',
  ...extra,
});

/** One year (2025), sites fully online by plan, air cooled (PUE 1.2), nothing random but proceeding. */
function oneYear(sites: object[], extra: object = {}, region: object = {}): Scenario {
  const base = handScenario({ region });
  return mustParse({ ...base, endYear: YEAR, sites, ...extra });
}

const proceed = (construction: number, planned: number, proposed: number) => ({ proceedProbability: { construction, planned, proposed } });
const queueKnob = (value: number) => ({ knobs: { realQueueShareScale: { value } } });

const engines = bothEngines();
const backends = ['cpu', 'webgpu'] as const;

async function columns(backend: (typeof backends)[number], s: Scenario, keys: string[], seed: number): Promise<Float32Array[]> {
  return (await engines[backend].samples(s, { draws: DRAWS, seed, series: keys })).columns;
}

describe('proceed probabilities by status', () => {
  it('an operating site proceeds with 1; others take their region override, else the scenario value', () => {
    const s = oneYear([site('a', 'operating', 10), site('b', 'planned', 10), site('c', 'proposed', 10)], proceed(0.9, 0.5, 0.13), {
      proceedProbability: { proposed: 0.4 },
    });
    expect(s.sites.map((x) => proceedProbabilityOf(s, x))).toEqual([1, 0.5, 0.4]);
    // A scenario without the block builds every announced site, as v1 did.
    const silent = oneYear([site('d', 'proposed', 10)]);
    expect(proceedProbabilityOf(silent, silent.sites[0]!)).toBe(1);
  });

  it('CAUSES lists abandoned first, then the supply items and the grid queue, as the kernels assume', () => {
    expect(CAUSES[0]).toBe('abandoned');
    expect(CAUSE_GRID_QUEUE).toBe(CAUSE_ACCELERATORS + N_SUPPLY);
  });
});

describe.each(backends)('a named site proceeds or is abandoned, all or nothing, on %s', (backend) => {
  it('one proposed 100 MW site at p = 0.3: abandoned in 70% of draws, and then all its plan is abandoned', async () => {
    const s = oneYear([site('p', 'proposed', 100)], proceed(1, 1, 0.3));
    for (const seed of SEEDS) {
      const [abandoned, demanded, ...causes] = await columns(backend, s, [abandonedKey, 'energyDemandedMWh', ...causeKeys.slice(1)], seed);
      const gone = Array.from(abandoned, (mw) => mw === 100);
      const share = gone.filter(Boolean).length / DRAWS;
      expect(Math.abs(share - 0.7), `seed ${seed}`).toBeLessThan(binomialTolerance(0.7, DRAWS));
      for (let n = 0; n < DRAWS; n++) {
        // All or nothing: 100 MW abandoned and nothing demanded, or 0 abandoned and 100 MW × PUE 1.2.
        expect(abandoned[n] === 0 || abandoned[n] === 100, `draw ${n}`).toBe(true);
        expect(demanded[n]).toBeCloseTo(gone[n] ? 0 : 100 * 1.2 * HOURS, 0);
        // No other cause takes any of it: nothing else is random here.
        for (const c of causes) expect(c[n]).toBe(0);
      }
    }
  });

  it('an operating site is never abandoned, even with every probability and the knob at 0', async () => {
    const s = oneYear([site('o', 'operating', 100)], { ...proceed(0, 0, 0), ...queueKnob(0) });
    const [abandoned, served] = await columns(backend, s, [abandonedKey, 'energyServedMWh'], 1);
    expect(abandoned.every((mw) => mw === 0)).toBe(true);
    expect(Math.abs((served[0] as number) - 100 * 1.2 * HOURS)).toBeLessThan(1);
  });

  it('knob at 0: every non-operating site is abandoned and all its MW go to "abandoned", in every draw', async () => {
    const s = oneYear(
      [site('o', 'operating', 50), site('c', 'construction', 100), site('p', 'planned', 200), site('q', 'proposed', 400)],
      { ...proceed(0.9, 0.5, 0.13), ...queueKnob(0) },
      // Connection delays and shocks would bite if anything were built: nothing is.
      { connectionDelayYears: 3, gridHeadroomMW: 80 },
    );
    const r = await engines[backend].run(s, { draws: 1024, seed: 5 });
    const [y] = shortfallByYear(s, r);
    expect(y!.plannedMW).toBeCloseTo(750, 3);
    const byCause = Object.fromEntries(y!.causes.map((c) => [c.cause, c.meanMW]));
    expect(byCause.abandoned).toBeCloseTo(700, 3);
    for (const c of CAUSES.slice(1)) expect(byCause[c], c).toBe(0);
    // Only the operating 50 MW (60 MW of facility load) reach the grid: stress 60/80, no curtailment.
    expect(seriesSummary(r, 0, findSeries(r, 'gridStress[r]')!.index).mean).toBeCloseTo(0.75, 5);
    expect(seriesSummary(r, 0, findSeries(r, 'curtailedMWh')!.index).mean).toBe(0);
    expect(seriesSummary(r, 0, findSeries(r, 'energyDemandedMWh')!.index).mean).toBeCloseTo(50 * 1.2 * HOURS, -1);
    // Each missed site-year binds to "abandoned" in every draw.
    const siteWhy = (i: number) => r.siteCauseProbability[i * CAUSES.length + CAUSES.indexOf('abandoned')];
    expect([1, 2, 3].map(siteWhy)).toEqual([1, 1, 1]);
  });

  it('an abandoned site adds nothing to its region: its neighbour is not curtailed', async () => {
    // Operating 100 MW (120 MW facility) and a proposed 400 MW site that never proceeds, 150 MW of headroom.
    const s = oneYear([site('o', 'operating', 100), site('q', 'proposed', 400)], proceed(1, 1, 0), { gridHeadroomMW: 150 });
    const [stress, curtailed, shortfall] = await columns(backend, s, ['gridStress[r]', 'curtailedMWh', `shortfallShare[${YEAR}]`], 3);
    expect(stress.every((x) => Math.abs(x - 0.8) < 1e-6)).toBe(true);
    expect(curtailed.every((x) => x === 0)).toBe(true);
    // The plan stays the announced 500 MW: 400 of them abandoned is a shortfall share of 0.8.
    expect(shortfall.every((x) => Math.abs(x - 0.8) < 1e-6)).toBe(true);
  });
});

describe.each(backends)('an aggregate proceeds as an expected share on %s', (backend) => {
  // A planned fleet of 1000 MW at P = 0.4 and knob 1.5: p = 0.6 of it built in every draw,
  // 600 MW × PUE 1.2 = 720 MW against 500 MW of headroom: the grid serves 500/720 of it.
  const fleet = (knob: number) =>
    oneYear([site('agg', 'planned', 1000, { aggregate: true })], { ...proceed(1, 0.4, 1), ...queueKnob(knob) }, { gridHeadroomMW: 500 });
  const keys = [abandonedKey, `shortfallMW[curtailment][${YEAR}]`, 'gridStress[r]', 'energyDemandedMWh'];

  it('knob 1.5: 400 MW abandoned and 600 × (1 − 500/720) MW curtailed, identically in every draw', async () => {
    const [abandoned, curtailed, stress, demanded] = await columns(backend, fleet(1.5), keys, 9);
    const want = { abandoned: 400, curtailed: 600 * (1 - 500 / 720), stress: 720 / 500, demanded: 720 * HOURS };
    for (let n = 0; n < DRAWS; n += 97) {
      expect(abandoned[n]).toBeCloseTo(want.abandoned, 3);
      expect(curtailed[n]).toBeCloseTo(want.curtailed, 2);
      expect(stress[n]).toBeCloseTo(want.stress, 5);
      expect(Math.abs((demanded[n] as number) - want.demanded)).toBeLessThan(1e-6 * want.demanded);
    }
  });

  it('knob 3: min(1, 0.4 × 3) = 1, nothing abandoned', async () => {
    const [abandoned] = await columns(backend, fleet(3), keys, 9);
    expect(abandoned.every((mw) => mw === 0)).toBe(true);
  });
});

describe('the proceed stream is the same on both backends, draw by draw', () => {
  it('each named site proceeds exactly when its uniform at SLOT_PROCEED is below p', async () => {
    const loads = [100, 200, 300, 400];
    const s = oneYear(
      loads.map((mw, i) => site(`s${i}`, ['construction', 'planned', 'proposed', 'planned'][i] as string, mw)),
      { ...proceed(0.8, 0.55, 0.25), ...queueKnob(1.2) },
    );
    const p = [0.8, 0.55, 0.25, 0.55].map((x) => Math.min(1, Math.fround(Math.fround(x) * Math.fround(1.2))));
    const seed = 31;
    // Sum of each draw's abandoned MW, by hand from the uniforms (key (seed, 0): parameter set 0).
    const want = Float32Array.from({ length: DRAWS }, (_, n) =>
      loads.reduce((sum, mw, i) => sum + (uniformAt(seed, 0, n, (S_SITE | i) >>> 0, SLOT_PROCEED) < (p[i] as number) ? 0 : mw), 0),
    );
    const [cpu] = await columns('cpu', s, [abandonedKey], seed);
    const [gpu] = await columns('webgpu', s, [abandonedKey], seed);
    expect(Array.from(cpu!)).toEqual(Array.from(want));
    expect(Array.from(gpu!)).toEqual(Array.from(want));
  });
});
