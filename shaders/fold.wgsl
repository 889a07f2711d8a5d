// One invocation per (parameter set, series) of a dispatch: folds the dispatch's block sums into
// the run's running sums, in block order, with Kahan compensation. Because every parameter set
// sees its blocks in the same order whatever the chunking, chunked runs are bit-identical.
// Mirrored by src/kernel/fold.ts. Prepended: the prelude, common.wgsl.

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> partials: array<f32>;
// Per (group parameter set, series): sum, compensation, sum of squares, its compensation.
@group(0) @binding(2) var<storage, read_write> accum: array<f32>;

fn kahanAdd(acc: vec2<f32>, x: f32) -> vec2<f32> {
  let y = x - acc.y;
  let t = acc.x + y;
  return vec2<f32>(t, (t - acc.x) - y);
}

@compute @workgroup_size(SERIES_WORKGROUP)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.paramCount * params.nSeries) { return; }
  let pc = gid.x / params.nSeries;
  let s = gid.x % params.nSeries;
  let at = ((params.paramOffset + pc) * params.nSeries + s) * ACCUM_STRIDE;
  var sum = vec2<f32>(accum[at], accum[at + 1u]);
  var sq = vec2<f32>(accum[at + 2u], accum[at + 3u]);
  for (var b = 0u; b < params.blockCount; b++) {
    let i = ((pc * params.blockCount + b) * params.nSeries + s) * 2u;
    sum = kahanAdd(sum, partials[i]);
    sq = kahanAdd(sq, partials[i + 1u]);
  }
  accum[at] = sum.x;
  accum[at + 1u] = sum.y;
  accum[at + 2u] = sq.x;
  accum[at + 3u] = sq.y;
}
