// What breaks first: every MW of planned IT load not delivered is split into causes in the
// model's order (binding delay, curtailment, water, cyber), and the parts add up to the whole,
// draw by draw, on both backends (docs/model.md, "What breaks first").
import { describe, expect, it } from 'vitest';
import { plannedMWByYear, yearShortfall } from '../../src/engine/attribution';
import { CAUSES, SUPPLY_ITEMS } from '../../src/kernel/contract';
import type { Scenario } from '../../src/scenario/schema';
import { bothEngines, fixtureScenario, handScenario } from './engineHelpers';

const BACKENDS = ['cpu', 'webgpu'] as const;
const engines = bothEngines();

it('abandonment comes first, then the delay causes: the supply items, in order, then the grid queue', () => {
  expect(CAUSES[0]).toBe('abandoned');
  expect(CAUSES.slice(1, 1 + SUPPLY_ITEMS.length)).toEqual([...SUPPLY_ITEMS]);
  expect(CAUSES[1 + SUPPLY_ITEMS.length]).toBe('gridQueue');
});

describe.each(BACKENDS)('on %s', (backend) => {
  it('the causes add up to the MW not delivered, in every draw and year (minimal scenario, 3 seeds)', async () => {
    const s = fixtureScenario();
    const years = Array.from({ length: s.endYear - s.startYear + 1 }, (_, i) => s.startYear + i);
    const planned = plannedMWByYear(s, await engines[backend].run(s, { draws: 64 }), 0);
    for (const seed of [1, 5, 9]) {
      const keys = years.flatMap((y) => [`shortfallShare[${y}]`, ...CAUSES.map((c) => `shortfallMW[${c}][${y}]`)]);
      const raw = await engines[backend].samples(s, { draws: 512, seed, series: keys });
      let someShort = 0;
      years.forEach((_, y) => {
        const at = y * (1 + CAUSES.length);
        for (let n = 0; n < raw.draws; n++) {
          const total = (raw.columns[at] as Float32Array)[n] * (planned[y] as number);
          let parts = 0;
          for (let c = 0; c < CAUSES.length; c++) {
            const v = (raw.columns[at + 1 + c] as Float32Array)[n] as number;
            expect(v).toBeGreaterThanOrEqual(0);
            parts += v;
          }
          if (total > 0) someShort++;
          // f32: each of ≤ 4 × 3 site terms and the share carry ≤ 2^-24 of the year's plan.
          expect(Math.abs(parts - total)).toBeLessThanOrEqual(2e-6 * (planned[y] as number) + 1e-9);
        }
      });
      expect(someShort).toBeGreaterThan(100); // the check had shortfalls to add up
    }
  });

  // One 100 MW site planned for 2026 with a two-year ramp: planned 0, 25, 75, 100 MW in
  // 2025–2028. A fixed 1-year transformer delay moves its ramp by a year: 0, 0, 25, 75 MW.
  const transformers1y = { transformers: { delayYears: 1, shockProbability: 0, shockDelayYears: 0, scope: 'global' } };
  const byCause = async (s: Scenario, year: number, threshold?: number) => {
    const r = await engines[backend].run(s, { draws: 256, seed: 3, shortfallThreshold: threshold });
    return yearShortfall(s, r, 0, year);
  };

  it('a fixed transformer delay is the only cause, by the hand-worked MW', async () => {
    const s = handScenario({ supplyChain: transformers1y });
    for (const [year, plannedMW, shortMW] of [
      [2026, 25, 25],
      [2027, 75, 50],
      [2028, 100, 25],
    ] as const) {
      const a = await byCause(s, year);
      expect(a.plannedMW).toBeCloseTo(plannedMW, 9);
      // Quantiles are read to a bin: with every draw equal, the pilot's range is padded by 0.1%.
      expect(Math.abs(a.shortfallMW.p5 - shortMW)).toBeLessThan(1e-4 * shortMW);
      expect(Math.abs(a.shortfallMW.p95 - shortMW)).toBeLessThan(1e-4 * shortMW);
      expect(a.shortfallMW.mean).toBeCloseTo(shortMW, 3);
      expect(a.causes[0]).toMatchObject({ cause: 'transformers', shareOfShortfall: 1 });
      expect(a.causes[0]?.meanMW).toBeCloseTo(shortMW, 3);
      expect(a.causes.slice(1).every((c) => c.meanMW === 0)).toBe(true);
    }
  });

  it('a grid that cannot serve the delayed demand adds curtailment after the delay', async () => {
    // 2028: demand 75 MW × PUE 1.2 = 90 MW against 60 MW of headroom: served 2/3, 25 MW curtailed.
    const s = handScenario({ supplyChain: transformers1y, region: { gridHeadroomMW: { dist: 'fixed', value: 60 } } });
    const a = await byCause(s, 2028, 0.4);
    const mw = Object.fromEntries(a.causes.map((c) => [c.cause, c.meanMW]));
    expect(mw.transformers).toBeCloseTo(25, 3);
    expect(mw.curtailment).toBeCloseTo(25, 3);
    expect(a.shortfallMW.mean).toBeCloseTo(50, 3);
    expect(Math.abs(a.shortfallMW.p50 - 50)).toBeLessThan(1e-4 * 50); // to a bin, as above
    expect(a.pExceed).toBe(1); // half the plan is lost: above the 40% threshold in every draw
    expect(a.threshold).toBe(0.4);
  });

  it('the slowest delay binds; a tie goes to the first cause in CAUSES order', async () => {
    const queue = await byCause(handScenario({ supplyChain: transformers1y, region: { connectionDelayYears: 1.5 } }), 2027);
    expect(queue.causes[0]?.cause).toBe('gridQueue');
    const tie = await byCause(handScenario({ supplyChain: transformers1y, region: { connectionDelayYears: 1 } }), 2027);
    expect(tie.causes[0]?.cause).toBe('transformers');
    expect(tie.causes[0]?.shareOfShortfall).toBe(1);
  });
});
