// The K parameter sets of a run: explicit knob values, or K sets spread across each knob's range
// by a design (independent uniforms, a scrambled Sobol' sequence or a Latin hypercube).
import { latinHypercube } from './design/lhs';
import { sobolPoints, SOBOL_MAX_DIM } from './design/sobol';
import { uniformAt } from '../kernel/distributions';
import { KNOB_NAMES, type KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { buildCopula, correlateUniforms } from '../scenario/correlations';
import { knobDefaults } from './knobs';
import { NKNOBS } from '../kernel/contract';
import { checkParamSets, RunOptionError, type CheckedParamSets } from './options';
import type { KnobValues, ParamSetDesign } from './types';

export { DESIGNS, type DesignKind } from './options';
/** Bad paramSets are RunOptionErrors (the rules are in options.ts); the old name stays for callers. */
export { RunOptionError as ParamSetError } from './options';

/** Stream word of the knob design, apart from every model stream (whose high byte is 1..6). */
const S_DESIGN = 0x7f000000;

/** A knob's [lo, hi]: the scenario's min/max, its value where either is missing. */
export function knobRange(scenario: Scenario, name: KnobName): { lo: number; hi: number } {
  const base = knobDefaults(scenario)[name];
  const spec = scenario.knobs[name];
  return { lo: spec?.min ?? base, hi: spec?.max ?? base };
}

/** The knobs a design varies: those whose range is wider than a point, in KNOB_NAMES order. */
export function rangedKnobs(scenario: Scenario): KnobName[] {
  return KNOB_NAMES.filter((name) => {
    const { lo, hi } = knobRange(scenario, name);
    return hi > lo;
  });
}

/** Normalises the three forms of RunOptions.paramSets to a design (arrays stay arrays). */
export function designOf(paramSets: number | KnobValues[] | ParamSetDesign): ParamSetDesign | KnobValues[] {
  return typeof paramSets === 'number' ? { count: paramSets, design: 'random' } : paramSets;
}

/** Explicit sets [first, first + count), already checked: knobs a set leaves out take the scenario's values. */
function explicitSets(scenario: Scenario, paramSets: KnobValues[], first: number, count: number): Float32Array {
  const base = knobDefaults(scenario);
  const out = new Float32Array(count * NKNOBS);
  paramSets
    .slice(first, first + count)
    .forEach((set, p) => KNOB_NAMES.forEach((name, i) => (out[p * NKNOBS + i] = set[name] ?? base[name])));
  return out;
}

/**
 * Unit-cube points of a design for the ranged knobs, K × dims row-major. 'sobol' is Owen-scrambled
 * by the run's seed (the unscrambled first point would put every knob at its minimum); 'lhs'
 * stratifies each knob into K equal slices.
 */
function unitDesign(design: 'sobol' | 'lhs', K: number, dims: number, seed: number): Float64Array {
  if (design === 'lhs') return latinHypercube(K, dims, seed);
  if (dims > SOBOL_MAX_DIM) throw new RunOptionError('paramSets.design', `a Sobol design supports at most ${SOBOL_MAX_DIM} knobs`);
  return sobolPoints(K, dims, { scramble: 'owen', seed });
}

/**
 * K × NKNOBS knob values, in KNOB_NAMES order.
 * - A number K or { count: K, design: 'random' }: set 0 is the scenario's own values, so a run of
 *   K sets still answers the "best guess" question; sets 1..K−1 are independent uniforms within
 *   each knob's [min, max], keyed by (seed, set index), so set p is the same for any K.
 * - { design: 'sobol' | 'lhs' }: all K sets are design points (set 0 included: replacing one would
 *   break the design's balance); a design depends on K as a whole, so shards must build it with
 *   the full K and take their slice.
 * - An array: the sets as given; knobs a set leaves out take the scenario's values.
 * Knobs without a range (min = max, or neither given) stay at the scenario's value in every design.
 */
export function buildParamSets(scenario: Scenario, paramSets: number | KnobValues[] | ParamSetDesign, seed: number): Float32Array {
  return knobMatrix(scenario, checkParamSets(paramSets), seed);
}

/**
 * buildParamSets for paramSets that options.ts has checked, for the sets [first, first + count)
 * only (default all): an explicit list builds just those; a design is built whole (its points
 * depend on K) and sliced.
 */
export function knobMatrix(
  scenario: Scenario,
  spec: CheckedParamSets,
  seed: number,
  range = { first: 0, count: spec.count },
): Float32Array {
  if (spec.kind === 'explicit') return explicitSets(scenario, spec.sets, range.first, range.count);
  const all = designSets(scenario, spec, seed);
  return range.first === 0 && range.count === spec.count ? all : all.slice(range.first * NKNOBS, (range.first + range.count) * NKNOBS);
}

function designSets(scenario: Scenario, spec: CheckedParamSets & { kind: 'design' }, seed: number): Float32Array {
  const { count: K, design } = spec;
  const base = knobDefaults(scenario);
  // Rank correlations between knobs (validated with the scenario) couple each set's uniforms.
  const copula = buildCopula(scenario.correlations).factors.knobs;
  const ranges = KNOB_NAMES.map((name) => knobRange(scenario, name));
  const ranged = rangedKnobs(scenario);
  const unit = design !== 'random' && ranged.length > 0 ? unitDesign(design, K, ranged.length, seed) : undefined;
  const out = new Float32Array(K * NKNOBS);
  const row = new Float64Array(NKNOBS);
  for (let p = 0; p < K; p++) {
    if (design === 'random' && p === 0) {
      KNOB_NAMES.forEach((name, i) => (out[i] = base[name]));
      continue;
    }
    // Knobs outside the design sit at the middle of their (empty) range: any u gives their value.
    if (unit) {
      row.fill(0.5);
      ranged.forEach((name, d) => (row[KNOB_NAMES.indexOf(name)] = unit[p * ranged.length + d]));
    } else {
      for (let i = 0; i < NKNOBS; i++) row[i] = uniformAt(seed, p, 0, S_DESIGN, i);
    }
    if (copula) correlateUniforms(row, copula);
    ranges.forEach(({ lo, hi }, i) => (out[p * NKNOBS + i] = lo + (hi - lo) * row[i]));
  }
  return out;
}
