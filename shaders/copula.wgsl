// The Gaussian copula of a scenario's rank correlations, for model.wgsl: members of a group (a
// site's delays, PUE and WUE; a region's headroom and growth; a region-year's climate) draw
// correlated uniforms, then their values by inverse CDF (inverse.wgsl). Mirrored by
// src/model/copulaDraw.ts; the factors come from src/engine/copula.ts (docs/model.md).

// False in the pipelines for scenarios without correlations, so the copula's code is compiled
// out of them (it cost 40% of the draw rate even when never taken).
override COPULA: bool = true;

const G_COPULA_ON: u32 = 80u;
const G_COPULA_L: u32 = 83u;
const COPULA_L_STRIDE: u32 = 36u;
const MAX_GROUP_MEMBERS: u32 = 6u;
const GROUP_SITE: u32 = 0u;
const GROUP_REGION: u32 = 1u;
const GROUP_CLIMATE: u32 = 2u;

fn distAtU(off: u32, u: f32) -> f32 {
  return sampleDistU(u32(scenario[off]), scenario[off + 1u], scenario[off + 2u], scenario[off + 3u], scenario[off + 4u], u);
}

// Copula-correlated uniforms of the group being drawn, by member (see CORRELATION_GROUPS).
var<private> copulaU: array<f32, 6>;

fn copulaOn(group: u32) -> bool {
  return COPULA && scenario[G_COPULA_ON + group] > 0.5;
}

// The slot of member m's own uniform: the one it draws from when uncorrelated.
fn memberSlot(group: u32, m: u32, y: u32) -> u32 {
  if (group == GROUP_SITE) { return select(m, m + 9u, m >= 4u); }
  if (group == GROUP_REGION) { return m; }
  var climateSlots = array<u32, 5>(0u, 3u, 1u, 2u, 4u); // heatwave, drought, uplifts, allowance
  return y * 8u + climateSlots[m];
}

// Gaussian copula: z_m = Φ⁻¹(u_m) from each member's own uniform, z' = L z, u'_m = Φ(z'_m).
fn correlateGroup(d: Draw, group: u32, n: u32, stream: u32, y: u32) {
  var z: array<f32, 6>;
  for (var m = 0u; m < n; m++) {
    z[m] = normInv(uniformAt(d.key.x, d.key.y, d.index, stream, memberSlot(group, m, y)));
  }
  let at = G_COPULA_L + group * COPULA_L_STRIDE;
  for (var i = 0u; i < n; i++) {
    var acc = 0.0;
    for (var j = 0u; j <= i; j++) { acc += scenario[at + i * MAX_GROUP_MEMBERS + j] * z[j]; }
    copulaU[i] = clamp(normCdf(acc), 5.9604645e-8, 0.99999994);
  }
}
