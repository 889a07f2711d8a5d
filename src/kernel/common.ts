// Mirrors shaders/common.wgsl.
import { F32 } from './contract';

export type { Params } from './contract';
export { PARAM_FIELDS } from './contract';
const f32 = Math.fround;
const bits = new Uint32Array(2);
const floats = new Float32Array(bits.buffer);

/** One draw of one parameter set: its Philox key, draw index and knob offset (`struct Draw`). */
export interface Draw {
  key0: number;
  key1: number;
  index: number;
  /** Offset of this parameter set's knobs. */
  knob: number;
}

export function floatBits(x: number): number {
  floats[0] = x;
  return bits[0];
}

export function bitsFloat(b: number): number {
  bits[1] = b;
  return floats[1];
}

/** Histogram range (lo, hi, centre) of a series from its pilot min/max bits; written into `out`. */
export function histRange(minBits: number, maxBits: number, out: Float32Array): Float32Array {
  if (minBits > maxBits) {
    out[0] = 0;
    out[1] = 1;
    out[2] = 0;
    return out;
  }
  const vmin = bitsFloat(minBits);
  const vmax = bitsFloat(maxBits);
  const pad = Math.max(f32(f32(vmax - vmin) * F32.HIST_PAD), Math.max(f32(Math.abs(vmax) * f32(1e-3)), f32(1e-6)));
  out[0] = Math.max(f32(vmin - pad), 0);
  out[1] = f32(vmax + pad);
  out[2] = f32(0.5 * f32(vmin + vmax));
  return out;
}
