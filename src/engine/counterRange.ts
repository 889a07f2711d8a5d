// A run's numbers must fit the kernels' integer counters: each site-year adds its MW not delivered
// in steps of 1/MW_QUANTUM MW as one u32 (src/engine/counters.ts). Planned load grows with the
// demand-growth knob, (1 + γ/100)^y, so a large site under the steepest growth a run asks for can
// pass that bound within the scenario's years — finite, wrong numbers if it ran. Refused here,
// before anything runs, naming the site, the year and the knob.
import { F32 } from '../kernel/contract';
import type { Scenario } from '../scenario/schema';
import { ScenarioError } from '../scenario/validate';
import type { CheckedParamSets } from './options';
import { RunOptionError } from './options';

/** The most MW one site-year may plan: one u32 of 1/MW_QUANTUM MW steps. */
export const MAX_SITE_YEAR_MW = (2 ** 32 - 1) / F32.MW_QUANTUM;

/** The steepest demand growth (%/yr) any of the run's sets uses, and where it comes from. */
function steepestGrowth(scenario: Scenario, sets: CheckedParamSets): { pct: number; path: string; explicit: boolean } {
  const knob = scenario.knobs.demandGrowthPctPerYear;
  const own = { pct: knob?.value ?? 0, path: 'knobs.demandGrowthPctPerYear.value', explicit: false };
  if (sets.kind === 'explicit') {
    return sets.sets.reduce((best, set, i) => {
      const pct = set.demandGrowthPctPerYear;
      return pct !== undefined && pct > best.pct ? { pct, path: `paramSets[${i}].demandGrowthPctPerYear`, explicit: true } : best;
    }, own);
  }
  // A design with more than one set spreads the knob over [min, max].
  const max = knob?.max;
  return sets.count > 1 && max !== undefined && max > own.pct
    ? { pct: max, path: 'knobs.demandGrowthPctPerYear.max', explicit: false }
    : own;
}

export function checkCounterRange(scenario: Scenario, sets: CheckedParamSets): void {
  const growth = steepestGrowth(scenario, sets);
  const lastYear = scenario.endYear - scenario.startYear;
  const factor = Math.max(1, (1 + growth.pct / 100) ** lastYear);
  const site = scenario.sites.reduce((a, s) => (s.itLoadMW > a.itLoadMW ? s : a), scenario.sites[0] ?? { id: '', itLoadMW: 0 });
  const peakMW = site.itLoadMW * factor;
  if (!(peakMW > MAX_SITE_YEAR_MW)) return;
  const message =
    `demand growth of ${growth.pct} %/yr takes site '${site.id}' (${site.itLoadMW.toLocaleString('en-US')} MW) to ` +
    `${peakMW.toExponential(2)} MW by ${scenario.endYear}, beyond the ${MAX_SITE_YEAR_MW.toExponential(2)} MW a site-year's counters hold: ` +
    'lower the growth, or shorten the scenario';
  if (growth.explicit) throw new RunOptionError(growth.path, message);
  throw new ScenarioError([{ path: growth.path, message }]);
}
