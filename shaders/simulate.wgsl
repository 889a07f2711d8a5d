// One invocation per (parameter set, draw): runs model.wgsl's draw and reduces it within the
// workgroup to block sums, histograms and counters. Mirrored by src/kernel/simulate.ts.
// Prepended at build time: the contract prelude, common.wgsl, philox.wgsl, distributions.wgsl,
// inverse.wgsl, copula.wgsl, causes.wgsl, model.wgsl.

// 0: pilot, records each series' min/max so the main pass can place its histogram bins; it also
//    counts its draws as the main pass would and keeps their series values in `stash`.
// 1: main pass, accumulates block sums, histograms and site/region counters; the pilot's blocks
//    it only bins, from the stash, once the ranges are fixed (never simulated twice).
// 2: raw samples, writes every draw's series values (for audits; one parameter set at a time).
override MODE: u32 = MODE_MAIN;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> scenario: array<f32>;
@group(0) @binding(2) var<storage, read> knobs: array<f32>;
// Per series: exceedance threshold and upper atom (SERIES_INFO_STRIDE floats).
@group(0) @binding(3) var<storage, read> seriesInfo: array<f32>;
@group(0) @binding(4) var<storage, read_write> ranges: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read_write> counters: array<atomic<u32>>;
@group(0) @binding(6) var<storage, read_write> partials: array<f32>;
// The pilot's series values per (parameter set of the group, pilot draw): PILOT_DRAWS × nSeries
// floats per set (src/engine/plan.ts counts them in a set's memory and buffer bounds).
@group(0) @binding(7) var<storage, read_write> stash: array<f32>;

// Series are reduced SERIES_BATCH at a time and site counters flushed every SITE_BATCH sites:
// each tree pass costs barriers, and barriers are the dear part on CPU-emulated GPUs.
var<workgroup> wgSum: array<f32, WG_SERIES_SLOTS>;
var<workgroup> wgSq: array<f32, WG_SERIES_SLOTS>;
var<workgroup> wgHist: array<atomic<u32>, WG_HIST_SLOTS>;
var<workgroup> wgSite: array<atomic<u32>, WG_SITE_SLOTS>;
var<workgroup> wgCurtail: array<atomic<u32>, REGION_YEAR_SLOTS>;
// This draw's climate of every region-year, drawn once before the two phases.
var<private> climateOf: array<Climate, REGION_YEAR_SLOTS>;
// This draw's planned and undelivered MW by region-year, for the region-year share histograms.
var<private> regionPlanMW: array<f32, REGION_YEAR_SLOTS>;
var<private> regionLostMW: array<f32, REGION_YEAR_SLOTS>;

fn add64(index: u32, value: u32) {
  // Two 32-bit atomics make an exact 64-bit sum: the adder that wraps the low word carries.
  let old = atomicAdd(&counters[index], value);
  if (old + value < old) { atomicAdd(&counters[index + 1u], 1u); }
}

// Workgroup totals of a batch of sites' year counters go to the global counters once per block:
// the load sum, and each cause's count of missed site-years it bound, unpacked from its word.
fn flushSiteCounters(pl: u32, firstSite: u32, count: u32, lid: u32) {
  workgroupBarrier();
  for (var i = lid; i < count * MAX_YEARS; i += BLOCK_DRAWS) {
    let j = i / MAX_YEARS;
    let y = i % MAX_YEARS;
    let at = (pl * params.nSites + firstSite + j) * params.nYears + y;
    let load = atomicExchange(&wgSite[j * SITE_WORDS * MAX_YEARS + y], 0u);
    if (y < params.nYears && load > 0u) { add64(params.loadOffset + at * 2u, load); }
    for (var w = 0u; w < CAUSE_WORDS; w++) {
      let packed = atomicExchange(&wgSite[(j * SITE_WORDS + 1u + w) * MAX_YEARS + y], 0u);
      for (var b = 0u; b < CAUSES_PER_WORD; b++) {
        let cause = w * CAUSES_PER_WORD + b;
        let n = (packed >> (b * CAUSE_COUNT_BITS)) & CAUSE_COUNT_MASK;
        if (y < params.nYears && cause < N_CAUSES && n > 0u) { atomicAdd(&counters[params.bindingOffset + at * N_CAUSES + cause], n); }
      }
    }
  }
  workgroupBarrier();
}

// MW not delivered by region-year and cause, in steps of 1/MW_QUANTUM MW: straight to the global
// counters, as workgroup memory has no room for them.
fn addRegionCauses(pl: u32, region: u32, y: u32, lost: Shortfall) {
  let at = params.regionCauseOffset + ((pl * params.nRegions + region) * params.nYears + y) * N_CAUSES * 2u;
  for (var k = 0u; k < SHORTFALL_STEPS; k++) {
    let mw = shortfallMW(lost, k);
    if (mw > 0.0) { add64(at + shortfallCause(lost, k) * 2u, u32(mw * MW_QUANTUM + 0.5)); }
  }
}

// Every region-year's climate of the draw, into climateOf: each drawn once, not once per site.
fn drawClimate(d: Draw) {
  for (var r = 0u; r < params.nRegions; r++) {
    for (var y = 0u; y < params.nYears; y++) { climateOf[r * MAX_YEARS + y] = climate(d, r, y); }
  }
}

// Two phases over the same loop, so the model's samplers are inlined once: phase 0 adds up
// regional demand, phase 1 serves each site-year from its region's share.
fn simulateDraw(d: Draw, pl: u32, inRange: bool, lid: u32) {
  for (var i = 0u; i < MAX_SERIES; i++) { seriesValues[i] = 0.0; }
  for (var y = 0u; y < MAX_YEARS; y++) { yearPlannedMW[y] = 0.0; }
  for (var i = 0u; i < params.nRegions * MAX_YEARS; i++) { regionYear[i] = 0.0; }
  let regionHist = MODE != MODE_RAW && params.regionHistOffset != NO_REGION_HIST;
  if (regionHist) {
    for (var i = 0u; i < params.nRegions * MAX_YEARS; i++) {
      regionPlanMW[i] = 0.0;
      regionLostMW[i] = 0.0;
    }
  }
  let tolerance = scenario[G_MISS_TOLERANCE];
  drawClimate(d);
  for (var phase = 0u; phase < 2u; phase++) {
    if (phase == 1u) { regionShares(d); }
    for (var s = 0u; s < params.nSites; s++) {
      let st = siteState(d, s);
      for (var y = 0u; y < params.nYears; y++) {
        let c = climateOf[st.region * MAX_YEARS + y];
        if (phase == 0u) {
          addRegionDemand(d, st, y, c);
          continue;
        }
        let r = siteYear(d, s, st, y, c);
        if (MODE != MODE_RAW && inRange && r.plannedMW > 0.0) {
          let j = s % SITE_BATCH;
          if (r.deliveredMW < (1.0 - tolerance) * r.plannedMW) {
            let cause = bindingCause(r.lost);
            let word = cause / CAUSES_PER_WORD;
            atomicAdd(&wgSite[(j * SITE_WORDS + 1u + word) * MAX_YEARS + y], 1u << ((cause % CAUSES_PER_WORD) * CAUSE_COUNT_BITS));
          }
          atomicAdd(&wgSite[j * SITE_WORDS * MAX_YEARS + y], u32(clamp(r.deliveredMW / r.plannedMW, 0.0, 1.0) * LOAD_QUANTUM + 0.5));
          addRegionCauses(pl, st.region, y, r.lost);
          if (regionHist) {
            let i = st.region * MAX_YEARS + y;
            regionPlanMW[i] += r.plannedMW;
            regionLostMW[i] += shortfallTotalMW(r.lost);
          }
        }
      }
      if (MODE != MODE_RAW && phase == 1u && (s % SITE_BATCH == SITE_BATCH - 1u || s + 1u == params.nSites)) {
        flushSiteCounters(pl, s - s % SITE_BATCH, s % SITE_BATCH + 1u, lid);
      }
    }
  }
  finishShortfall();
}

// Each region-year's share of its plan not delivered in this draw, into its histogram.
fn countRegionShares(pl: u32, inRange: bool) {
  if (!inRange || params.regionHistOffset == NO_REGION_HIST) { return; }
  for (var r = 0u; r < params.nRegions; r++) {
    for (var y = 0u; y < params.nYears; y++) {
      let plan = regionPlanMW[r * MAX_YEARS + y];
      if (plan <= 0.0) { continue; }
      let at = params.regionHistOffset + ((pl * params.nRegions + r) * params.nYears + y) * REGION_HIST_STRIDE;
      atomicAdd(&counters[at + regionShareBin(regionLostMW[r * MAX_YEARS + y], plan)], 1u);
    }
  }
}

// The series' counter for a value: its exact atoms (0, and the cap for stress) apart from the
// histogram, so quantiles that fall on a point mass are exact.
fn histBin(v: f32, range: vec3<f32>, cap: f32) -> u32 {
  if (v == 0.0) { return HIST_ATOM_ZERO; }
  if (v == cap) { return HIST_ATOM_CAP; }
  if (v < range.x) { return HIST_UNDER; }
  if (v >= range.y) { return HIST_OVER; }
  return 1u + min(u32((v - range.x) / (range.y - range.x) * f32(HIST_BINS)), HIST_BINS - 1u);
}

// The pilot's range covers the values off the atoms: the bins are spent where the spread is.
fn recordPilot(pl: u32, inRange: bool) {
  if (!inRange) { return; }
  for (var s = 0u; s < params.nSeries; s++) {
    let v = seriesValues[s];
    if (v == 0.0 || v == seriesInfo[s * SERIES_INFO_STRIDE + INFO_CAP]) { continue; }
    let at = (pl * params.nSeries + s) * 2u;
    let bits = bitcast<u32>(v);
    atomicMin(&ranges[at], bits);
    atomicMax(&ranges[at + 1u], bits);
  }
}

// Block sums (each series' tree order fixed, so chunking never changes them), histograms and
// exceedance counts, SERIES_BATCH series per pass.
fn reduceSeries(pl: u32, partialAt: u32, inRange: bool, lid: u32) {
  for (var s0 = 0u; s0 < params.nSeries; s0 += SERIES_BATCH) {
    let count = min(SERIES_BATCH, params.nSeries - s0);
    for (var j = 0u; j < count; j++) {
      let s = s0 + j;
      let at = (pl * params.nSeries + s) * 2u;
      let range = histRange(atomicLoad(&ranges[at]), atomicLoad(&ranges[at + 1u]));
      let v = seriesValues[s];
      let x = select(0.0, v - range.z, inRange);
      wgSum[j * BLOCK_DRAWS + lid] = x;
      wgSq[j * BLOCK_DRAWS + lid] = x * x;
      if (inRange) {
        let info = s * SERIES_INFO_STRIDE;
        atomicAdd(&wgHist[j * HIST_STRIDE + histBin(v, range, seriesInfo[info + INFO_CAP])], 1u);
        if (v > seriesInfo[info + INFO_THRESHOLD]) { atomicAdd(&wgHist[j * HIST_STRIDE + HIST_EXCEED], 1u); }
      }
    }
    workgroupBarrier();
    for (var stride = BLOCK_DRAWS / 2u; stride > 0u; stride >>= 1u) {
      if (lid < stride) {
        for (var j = 0u; j < count; j++) {
          wgSum[j * BLOCK_DRAWS + lid] += wgSum[j * BLOCK_DRAWS + lid + stride];
          wgSq[j * BLOCK_DRAWS + lid] += wgSq[j * BLOCK_DRAWS + lid + stride];
        }
      }
      workgroupBarrier();
    }
    if (lid < count) {
      let out = (partialAt * params.nSeries + s0 + lid) * 2u;
      partials[out] = wgSum[lid * BLOCK_DRAWS];
      partials[out + 1u] = wgSq[lid * BLOCK_DRAWS];
    }
    // The batch's series are contiguous in the counters, as in wgHist.
    for (var b = lid; b < count * HIST_STRIDE; b += BLOCK_DRAWS) {
      let n = atomicExchange(&wgHist[b], 0u);
      if (n > 0u) { atomicAdd(&counters[(pl * params.nSeries + s0) * HIST_STRIDE + b], n); }
    }
    workgroupBarrier();
  }
}

// A pilot draw's series values, kept for the main pass; and read back there.
fn stashAt(pl: u32, drawIndex: u32) -> u32 {
  return (pl * PILOT_DRAWS + drawIndex) * params.nSeries;
}

fn writeStash(pl: u32, drawIndex: u32, inRange: bool) {
  if (!inRange) { return; }
  let at = stashAt(pl, drawIndex);
  for (var s = 0u; s < params.nSeries; s++) { stash[at + s] = seriesValues[s]; }
}

fn readStash(pl: u32, drawIndex: u32, inRange: bool) {
  if (!inRange) { return; }
  let at = stashAt(pl, drawIndex);
  for (var s = 0u; s < params.nSeries; s++) { seriesValues[s] = stash[at + s]; }
}

// Raw samples reuse the block-sum buffer: row = the draw's place in this dispatch.
fn writeRawSamples(row: u32, inRange: bool) {
  if (!inRange) { return; }
  for (var s = 0u; s < params.nSeries; s++) {
    partials[row * params.nSeries + s] = seriesValues[s];
  }
}

// A region-year is curtailed when its grid share fell below one.
fn flushCurtailCounters(pl: u32, inRange: bool, lid: u32) {
  if (inRange) {
    for (var i = 0u; i < params.nRegions * MAX_YEARS; i++) {
      if (regionYear[i] < 1.0) { atomicAdd(&wgCurtail[i], 1u); }
    }
  }
  workgroupBarrier();
  for (var i = lid; i < params.nRegions * MAX_YEARS; i += BLOCK_DRAWS) {
    let y = i % MAX_YEARS;
    let n = atomicLoad(&wgCurtail[i]);
    if (y < params.nYears && n > 0u) {
      atomicAdd(&counters[params.curtailOffset + (pl * params.nRegions + i / MAX_YEARS) * params.nYears + y], n);
    }
  }
}

@compute @workgroup_size(BLOCK_DRAWS)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  for (var i = lid; i < REGION_YEAR_SLOTS; i += BLOCK_DRAWS) { atomicStore(&wgCurtail[i], 0u); }
  for (var i = lid; i < WG_SITE_SLOTS; i += BLOCK_DRAWS) { atomicStore(&wgSite[i], 0u); }
  for (var b = lid; b < WG_HIST_SLOTS; b += BLOCK_DRAWS) { atomicStore(&wgHist[b], 0u); }
  workgroupBarrier();
  let pl = params.paramOffset + wid.y;
  let drawIndex = (params.blockOffset + wid.x) * BLOCK_DRAWS + lid;
  let inRange = drawIndex < params.draws;
  let p = params.paramBase + pl;
  let d = Draw(vec2<u32>(params.seed, select(p, 0u, params.crn != 0u)), drawIndex, pl * NKNOBS);
  // The pilot covers the first min(draws, PILOT_DRAWS) draws, in whole blocks (uniform per workgroup).
  let pilotBlocks = (min(params.draws, PILOT_DRAWS) + BLOCK_DRAWS - 1u) / BLOCK_DRAWS;
  if (MODE == MODE_MAIN && params.blockOffset + wid.x < pilotBlocks) {
    // Simulated and counted by the pilot: only the histograms and block sums are left.
    readStash(pl, drawIndex, inRange);
    reduceSeries(pl, wid.y * params.blockCount + wid.x, inRange, lid);
    return;
  }
  simulateDraw(d, pl, inRange, lid);
  if (MODE == MODE_PILOT) {
    recordPilot(pl, inRange);
    writeStash(pl, drawIndex, inRange);
    countRegionShares(pl, inRange);
    flushCurtailCounters(pl, inRange, lid);
    return;
  }
  if (MODE == MODE_RAW) {
    writeRawSamples((wid.y * params.blockCount + wid.x) * BLOCK_DRAWS + lid, inRange);
    return;
  }
  countRegionShares(pl, inRange);
  flushCurtailCounters(pl, inRange, lid);
  reduceSeries(pl, wid.y * params.blockCount + wid.x, inRange, lid);
}
