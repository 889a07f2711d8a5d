// The K parameter sets of a run: explicit knob values, or K sets drawn across each knob's range.
import { uniformAt } from '../rng/distributions';
import { KNOB_LIMITS, KNOB_NAMES, type KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { knobDefaults, NKNOBS } from './layout';
import type { KnobValues } from './types';

/** Stream word of the knob design, apart from every model stream (whose high byte is 1..6). */
const S_DESIGN = 0x7f000000;

export class ParamSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamSetError';
  }
}

/**
 * K × NKNOBS knob values. Set 0 is always the scenario's own values, so a run of K sets still
 * answers the "best guess" question; sets 1..K−1 are uniform within each knob's [min, max].
 */
export function buildParamSets(scenario: Scenario, paramSets: number | KnobValues[], seed: number): Float32Array {
  const base = knobDefaults(scenario);
  if (Array.isArray(paramSets)) {
    if (paramSets.length === 0) throw new ParamSetError('paramSets: must list at least one parameter set');
    const out = new Float32Array(paramSets.length * NKNOBS);
    paramSets.forEach((set, p) => {
      for (const [name, value] of Object.entries(set)) {
        const i = KNOB_NAMES.indexOf(name as KnobName);
        if (i < 0) throw new ParamSetError(`paramSets[${p}].${name}: unknown knob (known: ${KNOB_NAMES.join(', ')})`);
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new ParamSetError(`paramSets[${p}].${name}: must be a finite number`);
        const { lo, hi } = KNOB_LIMITS[name as KnobName];
        if (value < lo || (hi !== undefined && value > hi)) {
          throw new ParamSetError(`paramSets[${p}].${name}: must be within [${lo}, ${hi ?? '∞'}]`);
        }
      }
      KNOB_NAMES.forEach((name, i) => (out[p * NKNOBS + i] = set[name] ?? base[name]));
    });
    return out;
  }
  if (!Number.isInteger(paramSets) || paramSets < 1) throw new ParamSetError('paramSets: must be a whole number ≥ 1');
  const out = new Float32Array(paramSets * NKNOBS);
  for (let p = 0; p < paramSets; p++) {
    KNOB_NAMES.forEach((name, i) => {
      const spec = scenario.knobs[name];
      const lo = spec?.min ?? base[name];
      const hi = spec?.max ?? base[name];
      const u = uniformAt(seed, p, 0, S_DESIGN, i);
      out[p * NKNOBS + i] = p === 0 ? base[name] : lo + (hi - lo) * u;
    });
  }
  return out;
}
