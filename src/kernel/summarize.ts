// Mirrors shaders/summarize.wgsl: running sums and histograms to mean, sd, quantiles, exceedance.
import { histRange, type Params } from './common';
import {
  ACCUM_STRIDE,
  HIST_ATOM_CAP,
  HIST_ATOM_ZERO,
  HIST_BINS,
  HIST_EXCEED,
  HIST_OVER,
  HIST_STRIDE,
  HIST_UNDER,
  INFO_CAP,
  SERIES_INFO_STRIDE,
  SUMMARY_STRIDE,
} from './contract';

const f32 = Math.fround;

/** The q-quantile over atoms and histogram, in value order (see summarize.wgsl). */
function quantile(counters: Uint32Array, histAt: number, range: Float32Array, cap: number, q: number, draws: number): number {
  const target = f32(q * draws);
  let cum = counters[histAt + HIST_ATOM_ZERO];
  if (cum > 0 && f32(cum) >= target) return 0;
  for (let b = HIST_UNDER; b <= HIST_OVER; b++) {
    const count = counters[histAt + b];
    if (count > 0 && f32(cum + count) >= target) {
      if (b === HIST_UNDER) return range[0];
      if (b === HIST_OVER) return range[1];
      const width = f32(f32(range[1] - range[0]) / HIST_BINS);
      return f32(range[0] + f32(f32(b - 1 + f32(f32(target - f32(cum)) / count)) * width));
    }
    cum += count;
  }
  return counters[histAt + HIST_ATOM_CAP] > 0 ? cap : range[1];
}

/** `ranges`, `counters` and `accum` are the group's; `summary` receives group × series rows. */
export function summarize(
  params: Params,
  ranges: Uint32Array,
  counters: Uint32Array,
  accum: Float32Array,
  summary: Float32Array,
  seriesInfo: Float32Array,
): void {
  const range = new Float32Array(3);
  const n = f32(params.draws);
  for (let i = 0; i < params.paramCount * params.nSeries; i++) {
    const cap = seriesInfo[(i % params.nSeries) * SERIES_INFO_STRIDE + INFO_CAP];
    histRange(ranges[i * 2], ranges[i * 2 + 1], range);
    const meanDev = f32(accum[i * ACCUM_STRIDE] / n);
    const variance = f32(f32(Math.max(f32(f32(accum[i * ACCUM_STRIDE + 2] / n) - f32(meanDev * meanDev)), 0) * n) / Math.max(n - 1, 1));
    const histAt = i * HIST_STRIDE;
    const outside = counters[histAt + HIST_UNDER] + counters[histAt + HIST_OVER];
    const out = i * SUMMARY_STRIDE;
    summary[out] = f32(range[2] + meanDev);
    summary[out + 1] = Math.sqrt(variance);
    summary[out + 2] = quantile(counters, histAt, range, cap, 0.05, params.draws);
    summary[out + 3] = quantile(counters, histAt, range, cap, 0.5, params.draws);
    summary[out + 4] = quantile(counters, histAt, range, cap, 0.95, params.draws);
    summary[out + 5] = f32(counters[histAt + HIST_EXCEED] / n);
    summary[out + 6] = f32(outside / n);
    summary[out + 7] = 0;
  }
}
