// Mirrors shaders/fold.wgsl: folds a dispatch's block sums into the running sums, in block order.
import { ACCUM_STRIDE } from './contract';
import type { Params } from './common';

const f32 = Math.fround;

export function fold(params: Params, partials: Float32Array, accum: Float32Array): void {
  const { nSeries, paramCount, paramOffset, blockCount } = params;
  for (let g = 0; g < paramCount * nSeries; g++) {
    const pc = Math.floor(g / nSeries);
    const s = g % nSeries;
    const at = ((paramOffset + pc) * nSeries + s) * ACCUM_STRIDE;
    let sum = accum[at],
      c = accum[at + 1],
      sq = accum[at + 2],
      csq = accum[at + 3];
    for (let b = 0; b < blockCount; b++) {
      const i = ((pc * blockCount + b) * nSeries + s) * 2;
      // kahanAdd, inlined twice to keep the hot loop free of allocations
      let y = f32(partials[i] - c);
      let t = f32(sum + y);
      c = f32(f32(t - sum) - y);
      sum = t;
      y = f32(partials[i + 1] - csq);
      t = f32(sq + y);
      csq = f32(f32(t - sq) - y);
      sq = t;
    }
    accum[at] = sum;
    accum[at + 1] = c;
    accum[at + 2] = sq;
    accum[at + 3] = csq;
  }
}
