// Shared by simulate.wgsl, fold.wgsl and summarize.wgsl; mirrored by src/kernel/common.ts.
// Constants and `struct Params` come from the generated prelude (src/kernel/contract.ts).

// One draw of one parameter set: its Philox key, draw index and knob offset.
struct Draw {
  key: vec2<u32>,
  index: u32,
  knob: u32, // offset of this parameter set's knobs
}

// Histogram range of a series from its pilot min/max (non-negative floats order as their bits).
// The pilot's spread is padded by a quarter on each side; a degenerate range gets a small width.
// Returns (lo, hi, centre); sums are taken of (value − centre) to keep float32 variance exact.
fn histRange(minBits: u32, maxBits: u32) -> vec3<f32> {
  if (minBits > maxBits) {
    return vec3<f32>(0.0, 1.0, 0.0);
  }
  let vmin = bitcast<f32>(minBits);
  let vmax = bitcast<f32>(maxBits);
  let pad = max((vmax - vmin) * HIST_PAD, max(abs(vmax) * 1e-3, 1e-6));
  let lo = max(vmin - pad, 0.0);
  let hi = vmax + pad;
  return vec3<f32>(lo, hi, 0.5 * (vmin + vmax));
}
