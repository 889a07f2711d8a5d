// Knob ranges: any knob may be a point (its slider value, which the live view runs as parameter
// set 0) or also a range [lo, hi] that an ensemble, the sensitivity analysis and PRIM vary it over.
// The URL carries a range as `gridBuildoutScale=0.8..1.6` next to (not instead of) the point value.
import type { KnobValues } from '../engine/types';
import { KNOB_NAMES, type KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { effectiveKnobs, knobRanges } from './knobs';

/** Knobs varied over a range: [lo, hi] with lo ≤ hi, inside the knob's slider range. */
export type KnobRangeMap = Partial<Record<KnobName, readonly [number, number]>>;

const RANGE_RE = /^\s*(-?[\d.eE+-]+?)\s*\.\.\s*(-?[\d.eE+-]+)\s*$/;

/** `0.8..1.6` → [0.8, 1.6]; undefined for anything else (a point value, junk, lo > hi). */
export function parseRange(text: string): [number, number] | undefined {
  const m = RANGE_RE.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  return Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi ? [lo, hi] : undefined;
}

export function formatRange(r: readonly [number, number]): string {
  const f = (v: number): string => String(Number(v.toPrecision(6)));
  return `${f(r[0])}..${f(r[1])}`;
}

/** The ranges clipped to each knob's slider range; ranges of unknown knobs are dropped. */
export function clampRanges(scenario: Scenario, ranges: KnobRangeMap): KnobRangeMap {
  const slider = knobRanges(scenario);
  const out: KnobRangeMap = {};
  for (const name of KNOB_NAMES) {
    const r = ranges[name];
    if (!r) continue;
    const { min, max } = slider[name];
    const lo = Math.min(max, Math.max(min, r[0]));
    const hi = Math.min(max, Math.max(lo, r[1]));
    out[name] = [lo, hi];
  }
  return out;
}

/** Knobs with a range wider than a point, in KNOB_NAMES order (the ones an ensemble varies). */
export function variedKnobs(ranges: KnobRangeMap): KnobName[] {
  return KNOB_NAMES.filter((n) => {
    const r = ranges[n];
    return !!r && r[1] > r[0];
  });
}

/**
 * The scenario an ensemble runs: ranged knobs get their range as min/max (the design spreads the
 * sets over it), every other knob is pinned at its point value (min = max), so a design varies
 * exactly the knobs the visitor chose and nothing else.
 */
export function ensembleScenario(scenario: Scenario, knobs: KnobValues, ranges: KnobRangeMap): Scenario {
  const values = effectiveKnobs(scenario, knobs);
  const clipped = clampRanges(scenario, ranges);
  const out: Scenario['knobs'] = {};
  for (const name of KNOB_NAMES) {
    const v = values[name];
    const r = clipped[name];
    out[name] = r && r[1] > r[0] ? { value: Math.min(r[1], Math.max(r[0], v)), min: r[0], max: r[1] } : { value: v, min: v, max: v };
  }
  return { ...scenario, knobs: out };
}

/** A key that changes whenever what an ensemble or sensitivity run would compute changes. */
export function ensembleKey(scenario: Scenario, knobs: KnobValues, ranges: KnobRangeMap, extra: string): string {
  const s = ensembleScenario(scenario, knobs, ranges);
  return `${scenario.name}|${scenario.sites.length}|${JSON.stringify(s.knobs)}|${extra}`;
}

/** Only the ranges part of the key: range edits re-run the sensitivity, point moves only mark it stale. */
export function rangesKey(ranges: KnobRangeMap): string {
  return KNOB_NAMES.map((n) => (ranges[n] ? formatRange(ranges[n]) : '')).join('|');
}
