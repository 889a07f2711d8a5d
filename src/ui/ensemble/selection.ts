// From a brush to the chosen parameter sets, and from those to what the map and the region bars
// draw: the mean over the chosen sets of expected load, P(miss) and P(curtailment), packed as a
// one-set RunResult so the map and the charts read it exactly as they read a live result.
import { PER_SET_ARRAYS, type RunResult } from '../../engine/types';
import { KNOB_NAMES, type KnobName } from '../../scenario/names';

/** RunResult.knobValues holds one value per knob, in KNOB_NAMES order. */
const NKNOBS = KNOB_NAMES.length;
import { metricColumn } from './metrics';
import type { Brush, EnsembleRun, Selection } from './types';

const isKnob = (id: string): id is KnobName => (KNOB_NAMES as readonly string[]).includes(id);

/** A knob's value in each of the first `rows` sets. */
export function knobColumn(result: RunResult, name: KnobName, rows = result.paramSetCount): Float64Array {
  const j = KNOB_NAMES.indexOf(name);
  const out = new Float64Array(rows);
  for (let k = 0; k < rows; k++) out[k] = result.knobValues[k * NKNOBS + j] ?? Number.NaN;
  return out;
}

/** A parallel-coordinates axis or scatter axis: a knob (knob units) or a metric (display units). */
export function axisColumn(result: RunResult, id: string, rows: number): Float64Array {
  return isKnob(id) ? knobColumn(result, id, rows) : metricColumn(result, id, rows);
}

/** Inclusive with a hair of slack: PRIM's faces sit exactly on data values that went through float32. */
function within(v: number, lo: number, hi: number): boolean {
  const eps = 1e-6 * Math.max(1, Math.abs(lo), Math.abs(hi));
  return v >= lo - eps && v <= hi + eps;
}

export function brushMask(run: EnsembleRun, brush: Brush): Uint8Array {
  const rows = run.rows;
  const mask = new Uint8Array(rows).fill(0);
  const result = run.result;
  if (!result) return mask;
  const tests: [Float64Array, number, number][] =
    brush.kind === 'rect'
      ? [
          [axisColumn(result, brush.x, rows), Math.min(brush.x0, brush.x1), Math.max(brush.x0, brush.x1)],
          [axisColumn(result, brush.y, rows), Math.min(brush.y0, brush.y1), Math.max(brush.y0, brush.y1)],
        ]
      : Object.entries(brush.intervals).map(([id, [lo, hi]]) => [axisColumn(result, id, rows), Math.min(lo, hi), Math.max(lo, hi)]);
  for (let k = 0; k < rows; k++) {
    let ok = 1;
    for (const [col, lo, hi] of tests) {
      if (!within(col[k] ?? Number.NaN, lo, hi)) {
        ok = 0;
        break;
      }
    }
    mask[k] = ok;
  }
  return mask;
}

/** Mean of each per-set block of `src` over the selected sets. */
function meanBlocks(src: Float32Array, K: number, mask: Uint8Array, count: number): Float32Array {
  const per = src.length / Math.max(1, K);
  const out = new Float32Array(per);
  const acc = new Float64Array(per);
  for (let k = 0; k < mask.length; k++) {
    if (!mask[k]) continue;
    const o = k * per;
    for (let i = 0; i < per; i++) acc[i] = (acc[i] as number) + (src[o + i] as number);
  }
  for (let i = 0; i < per; i++) out[i] = (acc[i] as number) / count;
  return out;
}

/**
 * The one-set result of the selected sets' means. P(miss) and P(curtailment) averaged over
 * equally weighted sets are the probabilities over the selected sets' mixture; the summary's
 * quantiles (used only for the region bars' stress dots) are averages, not mixture quantiles.
 */
export function selectionOf(run: EnsembleRun, brush: Brush): Selection {
  const mask = brushMask(run, brush);
  let count = 0;
  for (const m of mask) count += m;
  const r = run.result;
  if (!r || count === 0) return { mask, count };
  const K = r.paramSetCount;
  const mean: RunResult = { ...r, paramSetCount: 1, firstParamSet: 0, histograms: undefined };
  for (const key of PER_SET_ARRAYS) mean[key] = meanBlocks(r[key], K, mask, count);
  // A mixture's quantiles are not the mean of its sets' quantiles: the selection keeps none.
  mean.regionShortfallQuantilesMW = new Float32Array(0);
  return { mask, count, mean };
}
