// One invocation per (parameter set, series) of a group: turns running sums and the histogram
// into mean, sd, P5/P50/P95, the exceedance probability and the share of draws outside the
// histogram's range. Mirrored by src/kernel/summarize.ts. Prepended: the prelude, common.wgsl.

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> ranges: array<u32>;
@group(0) @binding(2) var<storage, read> counters: array<u32>;
@group(0) @binding(3) var<storage, read> accum: array<f32>;
@group(0) @binding(4) var<storage, read_write> summary: array<f32>;
@group(0) @binding(5) var<storage, read> seriesInfo: array<f32>;

// The q-quantile: the draws in value order are the zero atom, the underflow, the bins, the
// overflow, then the cap atom. A rank on an atom is the atom's exact value; inside a bin it is
// interpolated linearly; under- and overflow clamp to the histogram's range.
fn quantile(histAt: u32, range: vec3<f32>, cap: f32, q: f32) -> f32 {
  let rank = q * f32(params.draws);
  var cum = counters[histAt + HIST_ATOM_ZERO]; // counts stay integers: f32 is exact only to 2^24
  if (cum > 0u && f32(cum) >= rank) { return 0.0; }
  for (var b = HIST_UNDER; b <= HIST_OVER; b++) {
    let count = counters[histAt + b];
    if (count > 0u && f32(cum + count) >= rank) {
      if (b == HIST_UNDER) { return range.x; }
      if (b == HIST_OVER) { return range.y; }
      let width = (range.y - range.x) / f32(HIST_BINS);
      return range.x + (f32(b - 1u) + (rank - f32(cum)) / f32(count)) * width;
    }
    cum += count;
  }
  return select(range.y, cap, counters[histAt + HIST_ATOM_CAP] > 0u);
}

@compute @workgroup_size(SERIES_WORKGROUP)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.paramCount * params.nSeries) { return; }
  let i = gid.x; // (parameter set, series) within the group
  let cap = seriesInfo[(i % params.nSeries) * SERIES_INFO_STRIDE + INFO_CAP];
  let range = histRange(ranges[i * 2u], ranges[i * 2u + 1u]);
  let n = f32(params.draws);
  let meanDev = accum[i * ACCUM_STRIDE] / n;
  let variance = max(accum[i * ACCUM_STRIDE + 2u] / n - meanDev * meanDev, 0.0) * n / max(n - 1.0, 1.0);
  let histAt = i * HIST_STRIDE;
  let outside = counters[histAt + HIST_UNDER] + counters[histAt + HIST_OVER];
  let out = i * SUMMARY_STRIDE;
  summary[out] = range.z + meanDev;
  summary[out + 1u] = sqrt(variance);
  summary[out + 2u] = quantile(histAt, range, cap, 0.05);
  summary[out + 3u] = quantile(histAt, range, cap, 0.5);
  summary[out + 4u] = quantile(histAt, range, cap, 0.95);
  summary[out + 5u] = f32(counters[histAt + HIST_EXCEED]) / n;
  summary[out + 6u] = f32(outside) / n;
  summary[out + 7u] = 0.0;
}
