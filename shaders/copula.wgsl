// The Gaussian copula of a scenario's rank correlations, for model.wgsl: members of a group (a
// site's delays, PUE and WUE; a region's headroom and growth; a region-year's climate) draw
// correlated uniforms, then their values by inverse CDF (inverse.wgsl). Mirrored by
// src/kernel/copula.ts; the factors come from src/scenario/correlations.ts (docs/model.md).

// False in the pipelines for scenarios without correlations, so the copula's code is compiled
// out of them (it cost 40% of the draw rate even when never taken).
override COPULA: bool = true;

fn distAtU(off: u32, u: f32) -> f32 {
  return sampleDistU(u32(scenario[off]), scenario[off + 1u], scenario[off + 2u], scenario[off + 3u], scenario[off + 4u], u);
}

// Copula-correlated uniforms of the group being drawn, by member (see CORRELATION_GROUPS).
var<private> copulaU: array<f32, MAX_GROUP_MEMBERS>;

fn copulaOn(group: u32) -> bool {
  return COPULA && scenario[G_COPULA_ON + group] > 0.5;
}

// The slot of member m's own uniform: the one it draws from when uncorrelated (the order of
// CORRELATION_GROUPS in src/scenario/names.ts).
fn memberSlot(group: u32, m: u32, y: u32) -> u32 {
  if (group == GROUP_SITE) {
    var siteSlots = array<u32, SITE_MEMBERS>(SLOT_DELAY0, SLOT_DELAY0 + 1u, SLOT_DELAY0 + 2u, SLOT_GRID_DELAY, SLOT_PUE, SLOT_WUE);
    return siteSlots[m];
  }
  if (group == GROUP_REGION) { return select(SLOT_GROWTH, SLOT_HEADROOM, m == 0u); }
  var climateSlots = array<u32, CLIMATE_MEMBERS>(SLOT_HEATWAVE, SLOT_DROUGHT, SLOT_HW_PUE, SLOT_HW_WUE, SLOT_ALLOWANCE);
  return y * CLIMATE_SLOTS + climateSlots[m];
}

// Gaussian copula: z_m = Φ⁻¹(u_m) from each member's own uniform, z' = L z, u'_m = Φ(z'_m).
fn correlateGroup(d: Draw, group: u32, n: u32, stream: u32, y: u32) {
  var z: array<f32, MAX_GROUP_MEMBERS>;
  for (var m = 0u; m < n; m++) {
    z[m] = normInv(uniformAt(d.key.x, d.key.y, d.index, stream, memberSlot(group, m, y)));
  }
  let at = G_COPULA_L + group * COPULA_L_STRIDE;
  for (var i = 0u; i < n; i++) {
    var acc = 0.0;
    for (var j = 0u; j <= i; j++) { acc += scenario[at + i * MAX_GROUP_MEMBERS + j] * z[j]; }
    copulaU[i] = clamp(normCdf(acc), COPULA_U_MIN, COPULA_U_MAX);
  }
}
