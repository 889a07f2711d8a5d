// Mirrors shaders/summarize.wgsl: running sums and histograms to mean, sd, quantiles, exceedance.
import { ACCUM_STRIDE, HIST_BINS, HIST_STRIDE, SUMMARY_STRIDE } from '../engine/layout';
import { histRange, type Params } from './common';

const f32 = Math.fround;

function quantile(counters: Uint32Array, histAt: number, range: Float32Array, q: number, draws: number): number {
  const target = f32(q * draws);
  let cum = 0;
  for (let b = 0; b < HIST_BINS + 2; b++) {
    const count = counters[histAt + b];
    if (count > 0 && f32(cum + count) >= target) {
      if (b === 0) return range[0];
      if (b === HIST_BINS + 1) return range[1];
      const width = f32(f32(range[1] - range[0]) / HIST_BINS);
      return f32(range[0] + f32(f32(b - 1 + f32(f32(target - f32(cum)) / count)) * width));
    }
    cum += count;
  }
  return range[1];
}

/** `ranges`, `counters` and `accum` are the group's; `summary` receives group × series rows. */
export function summarize(params: Params, ranges: Uint32Array, counters: Uint32Array, accum: Float32Array, summary: Float32Array): void {
  const range = new Float32Array(3);
  const n = f32(params.draws);
  for (let i = 0; i < params.paramCount * params.nSeries; i++) {
    histRange(ranges[i * 2], ranges[i * 2 + 1], range);
    const meanDev = f32(accum[i * ACCUM_STRIDE] / n);
    const variance = f32(f32(Math.max(f32(f32(accum[i * ACCUM_STRIDE + 2] / n) - f32(meanDev * meanDev)), 0) * n) / Math.max(n - 1, 1));
    const histAt = i * HIST_STRIDE;
    const outside = counters[histAt] + counters[histAt + HIST_BINS + 1];
    const out = i * SUMMARY_STRIDE;
    summary[out] = f32(range[2] + meanDev);
    summary[out + 1] = Math.sqrt(variance);
    summary[out + 2] = quantile(counters, histAt, range, 0.05, params.draws);
    summary[out + 3] = quantile(counters, histAt, range, 0.5, params.draws);
    summary[out + 4] = quantile(counters, histAt, range, 0.95, params.draws);
    summary[out + 5] = f32(counters[histAt + HIST_STRIDE - 1] / n);
    summary[out + 6] = f32(outside / n);
    summary[out + 7] = 0;
  }
}
