// Names the engine needs at run time, apart from the zod schema so workers stay small. The
// names whose order the kernels rely on (cooling types, scopes, knobs) live in the contract.
import { KNOB_NAMES, MAX_GROUP_MEMBERS, type KnobName } from '../kernel/contract';

export { COOLING_TYPES, KNOB_NAMES, MAX_GROUP_MEMBERS, SHOCK_SCOPES, type CoolingType, type KnobName } from '../kernel/contract';
/** The statuses of a site not yet operating: each has a probability of proceeding at all (docs/model.md). */
export const PROCEEDING_STATUSES = ['construction', 'planned', 'proposed'] as const;
export type ProceedingStatus = (typeof PROCEEDING_STATUSES)[number];
export const SITE_STATUSES = ['operating', ...PROCEEDING_STATUSES] as const;
/** What a site's on-site plant is (docs/model.md, "On-site generation"); the model reads its numbers, not its kind. */
export const GENERATION_KINDS = ['gasTurbine', 'reciprocatingEngine', 'fuelCell', 'smr'] as const;
export type GenerationKind = (typeof GENERATION_KINDS)[number];

/**
 * The values each knob may take, in a scenario's knob specs and in explicit parameter sets.
 * Growth and efficiency stop at ±50–100 %/yr so (1 ± x/100)^y keeps a positive base; every
 * knob has a ceiling, as every quantity in a scenario does (LIMITS in schema.ts): a scale of
 * 1e308 is finite but overflows the float32 kernels.
 */
export const KNOB_LIMITS: Record<KnobName, { lo: number; hi: number; why?: string }> = {
  demandGrowthPctPerYear: { lo: -50, hi: 100 },
  efficiencyTrendPctPerYear: { lo: -50, hi: 50 },
  gridBuildoutScale: { lo: 0, hi: 100, why: 'a hundredfold grid build-out is beyond any plan' },
  droughtSeverity: { lo: 0, hi: 100, why: 'a scale beyond 100× is no longer a drought scenario' },
  heatwaveFrequencyScale: { lo: 0, hi: 100, why: 'a scale beyond 100× makes every year a heatwave year many times over' },
  cyberRateScale: { lo: 0, hi: 1000, why: 'a scale beyond 1000× is no longer an incident rate' },
  chipShockProbability: { lo: 0, hi: 1 },
  coolingMixShift: { lo: 0, hi: 1 },
  realQueueShareScale: { lo: 0, hi: 100, why: 'a scale beyond 100× makes any site with a 1% chance certain to proceed' },
};

/** Why `v` is outside a knob's limits: a range for two-sided limits, one side for a ceiling with its reason. */
export function knobLimitMessage(name: KnobName, v: number): string {
  const { lo, hi, why } = KNOB_LIMITS[name];
  if (why === undefined) return `must be within [${lo}, ${hi}]`;
  return v < lo ? `must be ≥ ${lo}` : `must be ≤ ${hi} (${why})`;
}

/**
 * Inputs a scenario may correlate (Spearman), by the group drawn together: a Gaussian copula
 * couples the members of one group, for each site, region or region-year. Knobs are drawn per
 * parameter set, inputs per draw: each correlates only within its own group.
 */
export const CORRELATION_GROUPS = {
  site: ['acceleratorDelay', 'transformerDelay', 'coolingPlantDelay', 'gridConnectionDelay', 'pue', 'wue'],
  region: ['gridHeadroom', 'headroomGrowth'],
  climate: ['heatwave', 'drought', 'heatwavePueUplift', 'heatwaveWueUplift', 'droughtWaterAllowance'],
  knobs: KNOB_NAMES,
} as const;
export type CorrelationGroup = keyof typeof CORRELATION_GROUPS;
// The per-draw groups fit the kernels' 6 × 6 factors.
for (const [group, members] of Object.entries(CORRELATION_GROUPS)) {
  if (group !== 'knobs' && members.length > MAX_GROUP_MEMBERS) throw new Error(`CORRELATION_GROUPS.${group} exceeds MAX_GROUP_MEMBERS`);
}
