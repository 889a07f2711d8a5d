// Shared by simulate.wgsl, fold.wgsl and summarize.wgsl; mirrored by src/model/common.ts.
// Constants repeat src/engine/layout.ts (test/unit/layout.test.ts keeps them equal).

const BLOCK_DRAWS: u32 = 64u;
const HIST_BINS: u32 = 64u;
const HIST_STRIDE: u32 = 67u;
const SUMMARY_STRIDE: u32 = 8u;
const ACCUM_STRIDE: u32 = 4u;
const NKNOBS: u32 = 8u;

// One uniform block for every kernel of a run; each kernel reads the fields it needs.
struct Params {
  seed: u32,
  crn: u32,
  draws: u32,
  nSites: u32,
  nRegions: u32,
  nYears: u32,
  nSeries: u32,
  sitesOffset: u32,
  // Global index of the group's first parameter set: keys the random streams.
  paramBase: u32,
  // Group-local index of this dispatch's first parameter set, and how many it covers.
  paramOffset: u32,
  paramCount: u32,
  // Reduction blocks of BLOCK_DRAWS draws covered by this dispatch.
  blockOffset: u32,
  blockCount: u32,
  missOffset: u32,
  loadOffset: u32,
  curtailOffset: u32,
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
  let pad = max((vmax - vmin) * 0.25, max(abs(vmax) * 1e-3, 1e-6));
  let lo = max(vmin - pad, 0.0);
  let hi = vmax + pad;
  return vec3<f32>(lo, hi, 0.5 * (vmin + vmax));
}
