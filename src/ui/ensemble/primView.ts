// PRIM on the ensemble's rows: x = each varied knob's value normalised to its range (so the peel
// step means the same on every axis), y = 1 where the visitor's failure definition holds. Boxes
// come back as sentences in the knobs' own words and units, and as brushes that select their sets.
import { describeBox, prim, type PrimBox } from '../../analysis/prim';
import { KNOB_META } from '../knobs';
import { formatMetric, metricColumn, metricLabel } from './metrics';
import { knobColumn } from './selection';
import type { Brush, EnsembleRun, FailureDef, PrimView } from './types';

/** Boxes PRIM looks for (covering: each further box among the sets outside the earlier ones). */
const MAX_BOXES = 3;
/** Share of failing sets a box should reach; the densest box is shown when none does. */
export const PRIM_DENSITY = 0.8;

export function failureSentence(f: FailureDef, scenarioName: Parameters<typeof metricLabel>[1]): string {
  return `${metricLabel(f.metric, scenarioName)} ${f.op} ${formatMetric(f.value, f.metric)}`;
}

export function failureColumn(run: EnsembleRun, f: FailureDef): Uint8Array {
  const col = run.result ? metricColumn(run.result, f.metric, run.rows) : new Float64Array(0);
  return Uint8Array.from(col, (v) => (Number.isFinite(v) && (f.op === '>' ? v > f.value : v < f.value) ? 1 : 0));
}

function boxInKnobUnits(run: EnsembleRun, box: PrimBox): { lower: Float64Array; upper: Float64Array } {
  const lower = box.lower.map((u, i) => (run.lo[i] as number) + u * ((run.hi[i] as number) - (run.lo[i] as number)));
  const upper = box.upper.map((u, i) => (run.lo[i] as number) + u * ((run.hi[i] as number) - (run.lo[i] as number)));
  return { lower, upper };
}

export function runPrim(run: EnsembleRun, f: FailureDef): PrimView {
  const rows = run.rows;
  const d = run.varied.length;
  const y = failureColumn(run, f);
  let failing = 0;
  for (const v of y) failing += v;
  const base = { rows, failing, boxes: [] };
  if (!run.result || rows === 0) return { ...base, message: 'Run an ensemble first.' };
  if (d === 0) return { ...base, message: 'The ensemble varied no knob: give at least one knob a range.' };
  if (failing === 0) return { ...base, message: 'No parameter set meets this failure definition: loosen the threshold.' };
  if (failing === rows) return { ...base, message: 'Every parameter set meets this failure definition: tighten the threshold.' };
  const x = new Float64Array(rows * d);
  run.varied.forEach((name, i) => {
    const col = knobColumn(run.result as NonNullable<EnsembleRun['result']>, name, rows);
    const lo = run.lo[i] as number;
    const span = (run.hi[i] as number) - lo || 1;
    for (let k = 0; k < rows; k++) x[k * d + i] = ((col[k] as number) - lo) / span;
  });
  const { boxes } = prim(x, y, d, { threshold: PRIM_DENSITY, maxBoxes: MAX_BOXES });
  const names = run.varied.map((n) => KNOB_META[n].label.toLowerCase());
  const units = run.varied.map((n) => KNOB_META[n].unit);
  const pct = run.varied.map((n) => KNOB_META[n].percent === true);
  return {
    ...base,
    boxes: boxes.map((box) => {
      const { lower, upper } = boxInKnobUnits(run, box);
      // Shares are stored 0..1 but shown as percentages, like the sliders.
      const shown = { ...box, lower: lower.map((v, i) => (pct[i] ? v * 100 : v)), upper: upper.map((v, i) => (pct[i] ? v * 100 : v)) };
      const intervals: Record<string, readonly [number, number]> = {};
      run.varied.forEach((name, i) => {
        if (box.cutsLower[i] || box.cutsUpper[i])
          intervals[name] = [
            box.cutsLower[i] ? (lower[i] as number) : (run.lo[i] as number),
            box.cutsUpper[i] ? (upper[i] as number) : (run.hi[i] as number),
          ];
      });
      const brush: Brush = { kind: 'axes', intervals, from: 'prim' };
      return { sentence: describeBox(shown, names, units), coverage: box.coverage, density: box.density, count: box.count, brush };
    }),
  };
}
