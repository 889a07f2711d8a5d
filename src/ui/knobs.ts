// What the parameter panel knows about each knob: its group, label, unit, slider step and a
// default range for scenarios that give none. The engine's meaning of each knob is in
// docs/model.md; the hard limits are KNOB_LIMITS, which every range here stays inside.
import { knobBaseline } from '../engine/knobs';
import type { KnobValues } from '../engine/types';
import { t } from '../i18n/i18n';
import { KNOB_LIMITS, KNOB_NAMES, type KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';

export interface KnobMeta {
  readonly label: string;
  /** Unit as shown next to the value. */
  readonly unit: string;
  step: number;
  /**
   * The plausible range, used when the scenario gives no min/max (clipped to KNOB_LIMITS): what
   * "vary over a range" starts from; a value beyond it gets a warning (docs/data.md "Knob ranges").
   */
  defaultRange: [number, number];
  /** How far the slider reaches past the plausible range, for exploring extremes (with the warning). */
  sliderRange?: [number, number];
  /** Shown value: probabilities and shares as percentages. */
  display: (v: number) => string;
  readonly help: string;
  /** Stored as a share 0..1, shown as a percentage (PRIM's sentences scale it the same way). */
  percent?: boolean;
}

const pct = (v: number): string => `${Math.round(v * 100)}`;
const fixed = (digits: number) => (v: number) => v.toFixed(digits);

type KnobSpec = Omit<KnobMeta, 'label' | 'unit' | 'help'>;

const SPECS: Record<KnobName, KnobSpec> = {
  // IEA Energy and AI (2025): Headwinds 669 and Lift-Off 1,264 TWh against the Base case's 945 in
  // 2030 are (669/945)^(1/6) − 1 ≈ −5.6 and (1264/945)^(1/6) − 1 ≈ +5.0 %/yr from 2024.
  demandGrowthPctPerYear: { step: 1, defaultRange: [-6, 6], sliderRange: [-20, 50], display: fixed(0) },
  gridBuildoutScale: { step: 0.05, defaultRange: [0.25, 3], display: fixed(2) },
  droughtSeverity: { step: 0.05, defaultRange: [0, 3], display: fixed(2) },
  heatwaveFrequencyScale: { step: 0.05, defaultRange: [0, 3], display: fixed(2) },
  coolingMixShift: { step: 0.01, defaultRange: [0, 1], display: pct, percent: true },
  efficiencyTrendPctPerYear: { step: 0.1, defaultRange: [0, 5], display: fixed(1) },
  chipShockProbability: { step: 0.01, defaultRange: [0, 1], display: pct, percent: true },
  cyberRateScale: { step: 0.1, defaultRange: [0, 10], display: fixed(1) },
  realQueueShareScale: { step: 0.05, defaultRange: [0, 2], display: fixed(2) },
};

/**
 * The words are getters (src/i18n/{en,ja}/knobs.ts), so every reader of `KNOB_META[name].label`
 * (panel, ensemble, tornado, PRIM) gets the page's current language without a second table.
 */
function withWords(name: KnobName, spec: KnobSpec): KnobMeta {
  return {
    ...spec,
    get label() {
      return t(`knobs:${name}.label`);
    },
    get unit() {
      return t(`knobs:${name}.unit`);
    },
    get help() {
      return t(`knobs:${name}.help`);
    },
  };
}

export const KNOB_META = Object.fromEntries(KNOB_NAMES.map((name) => [name, withWords(name, SPECS[name])])) as Record<KnobName, KnobMeta>;

const group = (id: 'demand' | 'grid' | 'cooling' | 'supply', knobs: readonly KnobName[]) => ({
  id,
  get label() {
    return t(`knobs:group.${id}`);
  },
  knobs,
});

export const KNOB_GROUPS: readonly { id: string; readonly label: string; knobs: readonly KnobName[] }[] = [
  group('demand', ['demandGrowthPctPerYear', 'realQueueShareScale']),
  group('grid', ['gridBuildoutScale']),
  group('cooling', ['droughtSeverity', 'heatwaveFrequencyScale', 'coolingMixShift', 'efficiencyTrendPctPerYear']),
  group('supply', ['chipShockProbability', 'cyberRateScale']),
];

export interface KnobRange {
  /** The scenario's own value: what "reset" returns to. */
  base: number;
  /** The slider's ends: the plausible range, widened by the knob's sliderRange and to hold `base`. */
  min: number;
  max: number;
  step: number;
  /** The plausible range: the scenario's min/max, else the default; what "vary over a range" starts from. */
  plausible: [number, number];
}

function clipToLimits(name: KnobName, v: number): number {
  const { lo, hi } = KNOB_LIMITS[name];
  return Math.min(hi ?? Number.POSITIVE_INFINITY, Math.max(lo, v));
}

/**
 * Ranges of every knob: the plausible range is the scenario's min/max, else the default; the
 * slider reaches as far as the knob's sliderRange too and always holds the scenario's value.
 */
export function knobRanges(scenario: Scenario): Record<KnobName, KnobRange> {
  const baseline = knobBaseline(scenario);
  const out = {} as Record<KnobName, KnobRange>;
  for (const name of KNOB_NAMES) {
    const spec = scenario.knobs[name];
    const meta = KNOB_META[name];
    const base = spec?.value ?? baseline[name];
    const lo = clipToLimits(name, spec?.min ?? meta.defaultRange[0]);
    const hi = clipToLimits(name, Math.max(lo, spec?.max ?? meta.defaultRange[1]));
    const reach = meta.sliderRange ?? [lo, hi];
    const min = clipToLimits(name, Math.min(lo, reach[0], base));
    const max = clipToLimits(name, Math.max(hi, reach[1], base));
    out[name] = { base, min, max, step: meta.step, plausible: [lo, hi] };
  }
  return out;
}

/** True when `v` lies outside the knob's plausible range (the panel then says what it implies). */
export function beyondPlausible(r: KnobRange, v: number): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(v));
  return v < r.plausible[0] - eps || v > r.plausible[1] + eps;
}

/** The knob values in force: the visitor's, clamped into range, else the scenario's. */
export function effectiveKnobs(scenario: Scenario, overrides: KnobValues): Record<KnobName, number> {
  const ranges = knobRanges(scenario);
  const out = {} as Record<KnobName, number>;
  for (const name of KNOB_NAMES) {
    const r = ranges[name];
    const v = overrides[name];
    out[name] = v === undefined || !Number.isFinite(v) ? r.base : Math.min(r.max, Math.max(r.min, v));
  }
  return out;
}

/**
 * The scenario with the sliders' values written in as its knob values and the plausible ranges
 * (widened to hold the value) as min/max: parameter set 0 is then what the sliders say, and sets
 * 1…K−1 of a multi-set run spread across the ranges "vary over a range" starts from.
 */
export function scenarioWithKnobs(scenario: Scenario, overrides: KnobValues): Scenario {
  const ranges = knobRanges(scenario);
  const values = effectiveKnobs(scenario, overrides);
  const knobs: Scenario['knobs'] = {};
  for (const name of KNOB_NAMES) {
    const [lo, hi] = ranges[name].plausible;
    const v = values[name];
    knobs[name] = { value: v, min: Math.min(lo, v), max: Math.max(hi, v) };
  }
  return { ...scenario, knobs };
}

/** Only the values that differ from the scenario's own (what the URL carries). */
export function knobOverrides(scenario: Scenario, values: KnobValues): KnobValues {
  const ranges = knobRanges(scenario);
  const out: KnobValues = {};
  for (const name of KNOB_NAMES) {
    const v = values[name];
    if (v !== undefined && Math.abs(v - ranges[name].base) > 1e-9) out[name] = v;
  }
  return out;
}
