// Mirrors shaders/common.wgsl.
const f32 = Math.fround;
const bits = new Uint32Array(2);
const floats = new Float32Array(bits.buffer);

export function floatBits(x: number): number {
  floats[0] = x;
  return bits[0];
}

export function bitsFloat(b: number): number {
  bits[1] = b;
  return floats[1];
}

/** The dispatch parameters every kernel reads; mirrors `struct Params`. */
export interface Params {
  seed: number;
  crn: number;
  draws: number;
  nSites: number;
  nRegions: number;
  nYears: number;
  nSeries: number;
  sitesOffset: number;
  paramBase: number;
  paramOffset: number;
  paramCount: number;
  blockOffset: number;
  blockCount: number;
  missOffset: number;
  loadOffset: number;
  curtailOffset: number;
}
export const PARAM_FIELDS: (keyof Params)[] = [
  'seed', 'crn', 'draws', 'nSites', 'nRegions', 'nYears', 'nSeries', 'sitesOffset',
  'paramBase', 'paramOffset', 'paramCount', 'blockOffset', 'blockCount', 'missOffset', 'loadOffset', 'curtailOffset',
];

/** Histogram range (lo, hi, centre) of a series from its pilot min/max bits; written into `out`. */
export function histRange(minBits: number, maxBits: number, out: Float32Array): Float32Array {
  if (minBits > maxBits) {
    out[0] = 0; out[1] = 1; out[2] = 0;
    return out;
  }
  const vmin = bitsFloat(minBits);
  const vmax = bitsFloat(maxBits);
  const pad = Math.max(f32(f32(vmax - vmin) * 0.25), Math.max(f32(Math.abs(vmax) * f32(1e-3)), f32(1e-6)));
  out[0] = Math.max(f32(vmin - pad), 0);
  out[1] = f32(vmax + pad);
  out[2] = f32(0.5 * f32(vmin + vmax));
  return out;
}
