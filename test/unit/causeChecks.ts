// Checks shared by the tests of each cause-bearing model addition (on-site generation, flexible
// connection): draw by draw, the causes' MW add up to the MW not delivered and the largest one is
// the cause that binds; and the two backends count the same binding causes.
import { expect } from 'vitest';
import { plannedMWByYear } from '../../src/engine/attribution';
import type { Engine } from '../../src/engine/types';
import { siteCauseProbability } from '../../src/engine/whereBreaks';
import { CAUSES, type Cause, N_CAUSES } from '../../src/kernel/contract';
import type { Scenario } from '../../src/scenario/schema';

/**
 * Runs `s` and its raw samples on `engine` and checks every year and draw: each part ≥ 0, the parts
 * sum to the shortfall (to f32 rounding), and the per-year binding-cause probabilities equal the
 * counts of draws where each part is largest (but for draws on the tolerance). `mustBind` are the
 * causes the scenario is built to make bind at least once, so the check is known to have met them.
 */
export async function expectPartsAddUpAndBind(
  engine: Engine,
  s: Scenario,
  draws: number,
  seed: number,
  mustBind: readonly Cause[],
): Promise<void> {
  const years = Array.from({ length: s.endYear - s.startYear + 1 }, (_, i) => s.startYear + i);
  const keys = years.flatMap((y) => [`shortfallShare[${y}]`, ...CAUSES.map((c) => `shortfallMW[${c}][${y}]`)]);
  const r = await engine.run(s, { draws, seed });
  const planned = plannedMWByYear(s, r, 0);
  const raw = await engine.samples(s, { draws, seed, series: keys });
  const causeP = siteCauseProbability(r, 0, 0);
  const seen = new Set<string>();
  years.forEach((year, y) => {
    const plan = planned[y] as number;
    const counts = new Array<number>(N_CAUSES).fill(0);
    let borderline = 0;
    for (let n = 0; n < draws; n++) {
      const at = y * (1 + N_CAUSES);
      const parts = CAUSES.map((_, c) => (raw.columns[at + 1 + c] as Float32Array)[n] as number);
      for (const v of parts) expect(v).toBeGreaterThanOrEqual(0);
      const short = parts.reduce((a, v) => a + v, 0);
      // f32: each part and the share carry ≤ 2^-24 of the year's plan.
      expect(Math.abs(short - ((raw.columns[at] as Float32Array)[n] as number) * plan), `${year} draw ${n}`).toBeLessThanOrEqual(
        2e-6 * plan + 1e-9,
      );
      if (Math.abs(short - s.missTolerance * plan) < 1e-5 * plan) borderline++;
      else if (short > s.missTolerance * plan) {
        // The cause with the most MW binds; a tie goes to the first in CAUSES.
        const cause = parts.reduce((best, v, c) => (v > (parts[best] as number) ? c : best), 0);
        counts[cause]++;
      }
    }
    CAUSES.forEach((cause, c) => {
      expect(Math.abs((causeP[cause][y] as number) * draws - (counts[c] as number)), `${cause} ${year}`).toBeLessThanOrEqual(borderline);
      if ((counts[c] as number) > 0) seen.add(cause);
    });
  });
  for (const cause of mustBind) expect(seen.has(cause), cause).toBe(true);
}

/** CPU and WebGPU count the same binding causes of `s` for one seed. */
export async function expectSameBindingCauses(cpu: Engine, gpu: Engine, s: Scenario): Promise<void> {
  const draws = 1024;
  const [a, b] = await Promise.all([cpu, gpu].map((e) => e.run(s, { draws, seed: 21 })));
  // Integer counts of the same draws: equal but for a draw whose f32 parts tie or sit on the tolerance.
  const diff = a!.siteCauseProbability.reduce((sum, v, i) => sum + Math.abs(v - (b!.siteCauseProbability[i] as number)), 0) * draws;
  expect(diff).toBeLessThanOrEqual(4);
}
