// Test kernel for the RNG library: concatenated after philox.wgsl and distributions.wgsl by
// src/backends/gpu/rngProbe.ts. Output index i covers [offset, offset + count), like every kernel in the
// project, so a run split into chunks writes exactly what one dispatch would.
//   MODE 0: out[4i .. 4i+3] = philox4x32((i, stream, slot, sub), key)
//   MODE 1: out[i] = bitcast<u32>(sampleDist(dist, key, draw = i, stream, slot))

override MODE: u32 = 0u;

struct ProbeParams {
  offset: u32,
  count: u32,
  key0: u32,
  key1: u32,
  stream: u32,
  slot: u32,
  sub: u32,
  pad: u32,
  // kind, p0, p1, p2 then p3 — the packed distribution, split over two vec4s.
  distA: vec4<f32>,
  distB: vec4<f32>,
}

@group(0) @binding(0) var<uniform> params: ProbeParams;
@group(0) @binding(1) var<storage, read_write> outWords: array<u32>;

@compute @workgroup_size(PROBE_WORKGROUP)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.count) {
    return;
  }
  let i = params.offset + gid.x;
  if (MODE == 0u) {
    let w = philox4x32(vec4<u32>(i, params.stream, params.slot, params.sub), vec2<u32>(params.key0, params.key1));
    outWords[4u * i] = w.x;
    outWords[4u * i + 1u] = w.y;
    outWords[4u * i + 2u] = w.z;
    outWords[4u * i + 3u] = w.w;
  } else {
    let dA = params.distA;
    let x = sampleDist(u32(dA.x), dA.y, dA.z, dA.w, params.distB.x, params.key0, params.key1, i, params.stream, params.slot);
    outWords[i] = bitcast<u32>(x);
  }
}
