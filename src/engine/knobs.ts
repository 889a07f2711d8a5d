// Knob values of a scenario: as written, and the baseline that leaves the scenario unchanged.
import { KNOB_NAMES, type KnobName } from '../kernel/contract';
import type { Scenario } from '../scenario/schema';

/** Values that leave the scenario as written: no extra growth, scales of 1 (the scenario's proceed probabilities), no mix shift. */
export function knobBaseline(scenario: Scenario): Record<KnobName, number> {
  return {
    demandGrowthPctPerYear: 0,
    gridBuildoutScale: 1,
    droughtSeverity: 1,
    heatwaveFrequencyScale: 1,
    cyberRateScale: 1,
    chipShockProbability: scenario.supplyChain.accelerators.shockProbability,
    coolingMixShift: 0,
    efficiencyTrendPctPerYear: 0,
    realQueueShareScale: 1,
  };
}

/** The scenario's own knob values: its `knobs.NAME.value`, else the baseline. */
export function knobDefaults(scenario: Scenario): Record<KnobName, number> {
  const baseline = knobBaseline(scenario);
  const out = {} as Record<KnobName, number>;
  for (const name of KNOB_NAMES) out[name] = scenario.knobs[name]?.value ?? baseline[name];
  return out;
}
