// PRIM on the ensemble's rows: x = each varied knob's value normalised to its range (so the peel
// step means the same on every axis), y = 1 where the visitor's failure definition holds. Boxes
// come back as sentences in the knobs' own words and units, and as brushes that select their sets.
import { prim, type PrimBox } from '../../analysis/prim';
import { numberFormat, t } from '../../i18n/i18n';
import { KNOB_META } from '../knobs';
import { formatMetric, metricColumn, metricLabel } from './metrics';
import { knobColumn } from './selection';
import type { Brush, EnsembleRun, FailureDef, PrimView } from './types';

/** Boxes PRIM looks for (covering: each further box among the sets outside the earlier ones). */
const MAX_BOXES = 3;
/** Share of failing sets a box should reach; the densest box is shown when none does. */
export const PRIM_DENSITY = 0.8;

/**
 * The box as a sentence in the page's language: describeBox's words (src/analysis/prim.ts), with
 * three significant figures and no grouping, so English reads exactly as it does there.
 */
function boxSentence(box: PrimBox, names: readonly string[], units: readonly string[]): string {
  const num = numberFormat({ maximumSignificantDigits: 3, useGrouping: false });
  const parts: string[] = [];
  for (let i = 0; i < box.lower.length; i++) {
    const low = box.cutsLower[i] === true;
    const high = box.cutsUpper[i] === true;
    if (!low && !high) continue;
    const name = names[i] ?? `x${i + 1}`;
    const unit = units[i] ? ` ${units[i]}` : '';
    const lo = `${num.format(box.lower[i] as number)}${unit}`;
    const hi = `${num.format(box.upper[i] as number)}${unit}`;
    parts.push(
      low && high
        ? t('ensemble:prim.boxBetween', { name, lo, hi })
        : low
          ? t('ensemble:prim.boxAbove', { name, lo })
          : t('ensemble:prim.boxBelow', { name, hi }),
    );
  }
  return parts.length === 0 ? t('ensemble:prim.anyValues') : parts.join(t('ensemble:prim.boxAnd'));
}

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
  // Messages and sentences are getters: read when shown, so they follow a change of language.
  const says = (key: 'noRun' | 'noKnob' | 'noneFail' | 'allFail'): PrimView => ({
    ...base,
    get message() {
      return t(`ensemble:prim.msg.${key}`);
    },
  });
  if (!run.result || rows === 0) return says('noRun');
  if (d === 0) return says('noKnob');
  if (failing === 0) return says('noneFail');
  if (failing === rows) return says('allFail');
  const x = new Float64Array(rows * d);
  run.varied.forEach((name, i) => {
    const col = knobColumn(run.result as NonNullable<EnsembleRun['result']>, name, rows);
    const lo = run.lo[i] as number;
    const span = (run.hi[i] as number) - lo || 1;
    for (let k = 0; k < rows; k++) x[k * d + i] = ((col[k] as number) - lo) / span;
  });
  const { boxes } = prim(x, y, d, { threshold: PRIM_DENSITY, maxBoxes: MAX_BOXES });
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
      return {
        get sentence() {
          const names = run.varied.map((n) => KNOB_META[n].label.toLowerCase());
          const units = run.varied.map((n) => KNOB_META[n].unit);
          return boxSentence(shown, names, units);
        },
        coverage: box.coverage,
        density: box.density,
        count: box.count,
        brush,
      };
    }),
  };
}
