// The kernel contract: every offset, limit, code, knob index, stream kind and slot that the WGSL
// kernels and their TypeScript mirrors share. This module is the only place those numbers are
// written. src/kernel/wgslPrelude.ts turns each exported UPPER_CASE number into a WGSL `const`
// (u32), every member of F32 into an f32 `const`, and PARAM_FIELDS into `struct Params`, and
// prepends that prelude to every shader; test/unit/contract.test.ts fails on a shader that
// declares its own integer constant or writes a layout number as a literal.
// docs/model.md describes what the numbers mean.

// ---- Names whose order is part of the contract -------------------------------------------
export const COOLING_TYPES = ['evaporative', 'liquid', 'air'] as const;
export type CoolingType = (typeof COOLING_TYPES)[number];
export const SHOCK_SCOPES = ['global', 'region', 'site'] as const;
export type ShockScope = (typeof SHOCK_SCOPES)[number];
/** Supply items in buffer order. */
export const SUPPLY_ITEMS = ['accelerators', 'transformers', 'coolingPlant'] as const;
export const KNOB_NAMES = [
  'demandGrowthPctPerYear',
  'gridBuildoutScale',
  'droughtSeverity',
  'heatwaveFrequencyScale',
  'cyberRateScale',
  'chipShockProbability',
  'coolingMixShift',
  'efficiencyTrendPctPerYear',
  'realQueueShareScale',
] as const;
export type KnobName = (typeof KNOB_NAMES)[number];
/** The six headline series, in series order; per-year and per-region series follow them. */
export const HEADLINE_SERIES = [
  'energyDemandedMWh',
  'energyServedMWh',
  'curtailedMWh',
  'waterUsedML',
  'waterShortfallML',
  'computeLostMWh',
] as const;
export type HeadlineKey = (typeof HEADLINE_SERIES)[number];
/**
 * The causes a site-year's undelivered IT load is split into, in the model's order: a site that
 * never proceeds (abandoned), the binding commissioning delay (one of the supply items, in
 * SUPPLY_ITEMS order, or the grid-connection queue), on-site generation (its equipment's delay
 * and its plant's outages), then grid curtailment, the curtailment a site accepted for a
 * flexible connection, drought throttling and cyber outages (docs/model.md).
 */
export const CAUSES = [
  'abandoned',
  'accelerators',
  'transformers',
  'coolingPlant',
  'gridQueue',
  'onsiteGeneration',
  'curtailment',
  'flexibleConnection',
  'water',
  'cyber',
] as const;
export type Cause = (typeof CAUSES)[number];

// ---- Limits of a scenario and a run ------------------------------------------------------
export const MAX_REGIONS = 32;
export const MAX_YEARS = 16;
export const MAX_SITES = 4096;
/** Draws per parameter set: quantile ranks are formed in f32, exact to 2^24. */
export const MAX_DRAWS = 2 ** 24;
/** Outages drawn per site-year at most (with λ ≤ 1 the chance of more is below 1e-13). */
export const MAX_OUTAGES = 16;
export const N_HEADLINE = HEADLINE_SERIES.length;
/** Series index of the first energy-demanded-by-year series; served-by-year follow, then stress. */
export const SER_BY_YEAR = N_HEADLINE;
export const N_CAUSES = CAUSES.length;
export const CAUSE_ABANDONED = CAUSES.indexOf('abandoned');
/** Supply item i's delay is cause CAUSE_ACCELERATORS + i (SUPPLY_ITEMS order). */
export const CAUSE_ACCELERATORS = CAUSES.indexOf('accelerators');
export const CAUSE_GRID_QUEUE = CAUSES.indexOf('gridQueue');
export const CAUSE_ONSITE_GENERATION = CAUSES.indexOf('onsiteGeneration');
export const CAUSE_CURTAILMENT = CAUSES.indexOf('curtailment');
export const CAUSE_FLEXIBLE_CONNECTION = CAUSES.indexOf('flexibleConnection');
export const CAUSE_WATER = CAUSES.indexOf('water');
export const CAUSE_CYBER = CAUSES.indexOf('cyber');
/**
 * Series: headline totals; energy demanded then served by year; grid stress by region; the
 * share of the year's planned IT load not delivered, by year; MW not delivered by cause and year.
 */
export const MAX_SERIES = N_HEADLINE + 2 * MAX_YEARS + MAX_REGIONS + MAX_YEARS * (1 + N_CAUSES);
export const SER_DEMANDED = HEADLINE_SERIES.indexOf('energyDemandedMWh');
export const SER_SERVED = HEADLINE_SERIES.indexOf('energyServedMWh');
export const SER_CURTAILED = HEADLINE_SERIES.indexOf('curtailedMWh');
export const SER_WATER_USED = HEADLINE_SERIES.indexOf('waterUsedML');
export const SER_WATER_SHORTFALL = HEADLINE_SERIES.indexOf('waterShortfallML');
export const SER_COMPUTE_LOST = HEADLINE_SERIES.indexOf('computeLostMWh');

// ---- Reduction ---------------------------------------------------------------------------
/** Draws per workgroup and per reduction block: float sums are reduced in blocks of this size. */
export const BLOCK_DRAWS = 64;
export const HIST_BINS = 64;
/** Histogram counters of a series: underflow, HIST_BINS bins, overflow (values ≠ the atoms). */
export const HIST_UNDER = 0;
export const HIST_OVER = HIST_BINS + 1;
/** Draws above the series' exceedance threshold. */
export const HIST_EXCEED = HIST_BINS + 2;
/** Draws exactly 0 (every series is ≥ 0): a point mass kept out of the bins. */
export const HIST_ATOM_ZERO = HIST_BINS + 3;
/** Draws exactly at the series' upper atom (the stress cap; none for other series). */
export const HIST_ATOM_CAP = HIST_BINS + 4;
export const HIST_STRIDE = HIST_BINS + 5;
/** The first draws of every parameter set fix its histogram ranges. */
export const PILOT_DRAWS = 128;
/** Per (parameter set, series): mean, sd, p5, p50, p95, pExceed, outOfRangeFraction, 0. */
export const SUMMARY_STRIDE = 8;
/** Per (parameter set, series): Kahan sum and compensation, sum of squares and compensation. */
export const ACCUM_STRIDE = 4;
/** Series reduced per workgroup tree pass, and sites per flush of the site counters. */
export const SERIES_BATCH = 16;
/** Six, not eight, since a ninth cause took a third packed word per site-year (the tenth fits in it; contract.test.ts sums the budget). */
export const SITE_BATCH = 6;
export const WG_SERIES_SLOTS = SERIES_BATCH * BLOCK_DRAWS;
export const WG_HIST_SLOTS = SERIES_BATCH * HIST_STRIDE;
/**
 * A missed site-year counts once, under its binding cause. A workgroup keeps those counts packed,
 * CAUSES_PER_WORD causes of CAUSE_COUNT_BITS bits to a u32 (BLOCK_DRAWS < 2^CAUSE_COUNT_BITS, so a
 * count never spills into its neighbour): workgroup memory is nearly all spoken for.
 */
export const CAUSE_COUNT_BITS = 8;
/**
 * Steps of the model a site-year's shortfall is split over: abandonment, the grid part's delay,
 * the on-site part's delay, curtailment, the flexible connection's curtailment, the on-site
 * plant's outages, water, cyber.
 */
export const SHORTFALL_STEPS = 8;
export const CAUSE_COUNT_MASK = 2 ** CAUSE_COUNT_BITS - 1;
export const CAUSES_PER_WORD = 4;
export const CAUSE_WORDS = Math.ceil(N_CAUSES / CAUSES_PER_WORD);
/** Per site-year of a batch: the load sum, then the packed binding-cause counts. */
export const SITE_WORDS = 1 + CAUSE_WORDS;
export const WG_SITE_SLOTS = SITE_BATCH * SITE_WORDS * MAX_YEARS;
export const REGION_YEAR_SLOTS = MAX_REGIONS * MAX_YEARS;
/**
 * Each region-year's share of its planned IT load not delivered in a draw, counted for its
 * P5–P95: exactly 0 and the whole plan lost are atoms apart from REGION_HIST_BINS equal bins on
 * (0, 1) (docs/model.md, "What breaks first").
 */
export const REGION_HIST_BINS = 32;
export const RH_ZERO = REGION_HIST_BINS;
export const RH_FULL = REGION_HIST_BINS + 1;
export const REGION_HIST_STRIDE = REGION_HIST_BINS + 2;
/** Params.regionHistOffset of a run without region-year quantiles (the kernels then skip them). */
export const NO_REGION_HIST = 0xffffffff;
/** Workgroup size of the per-(parameter set, series) kernels, fold and summarize. */
export const SERIES_WORKGROUP = 64;
/** Workgroup size of the RNG probe kernel (rngProbe.wgsl, used by the parity tests). */
export const PROBE_WORKGROUP = 64;
/** simulate.wgsl's modes (an override constant). */
export const MODE_PILOT = 0;
export const MODE_MAIN = 1;
/** Writes every draw's series values to the block-sum buffer (row = draw's place in the dispatch). */
export const MODE_RAW = 2;

// ---- Packed distributions ----------------------------------------------------------------
/** Floats per packed distribution: [kind, p0, p1, p2, p3]. */
export const DIST_STRIDE = 5;
export const DIST_FIXED = 0;
export const DIST_UNIFORM = 1;
export const DIST_TRIANGULAR = 2;
export const DIST_NORMAL = 3;
export const DIST_LOGNORMAL = 4;
export const DIST_PERT = 5;
export const DIST_BERNOULLI = 6;
export const DIST_POISSON = 7;
export const DIST_PERT_MAX_ATTEMPTS = 64;
export const DIST_POISSON_MAX_K = 127;
export const BETA_CF_ITERATIONS = 64;
export const BETA_INV_ITERATIONS = 24;

// ---- Scenario buffer: a global block, then regions, then sites ---------------------------
export const N_COOLING = COOLING_TYPES.length;
export const COOLING_EVAPORATIVE = COOLING_TYPES.indexOf('evaporative');
export const COOLING_LIQUID = COOLING_TYPES.indexOf('liquid');
export const SCOPE_GLOBAL = SHOCK_SCOPES.indexOf('global');
export const SCOPE_REGION = SHOCK_SCOPES.indexOf('region');
export const SCOPE_SITE = SHOCK_SCOPES.indexOf('site');
export const N_SUPPLY = SUPPLY_ITEMS.length;
export const SUPPLY_ACCELERATORS = SUPPLY_ITEMS.indexOf('accelerators');
/** By cooling type: its PUE distribution, then its WUE distribution. */
export const G_COOLING = 0;
export const G_SUPPLY = G_COOLING + N_COOLING * 2 * DIST_STRIDE;
/** By supply item: ordinary delay, shock delay (distributions), shock probability, scope code. */
export const SUPPLY_DELAY = 0;
export const SUPPLY_SHOCK_DELAY = SUPPLY_DELAY + DIST_STRIDE;
export const SUPPLY_SHOCK_P = SUPPLY_SHOCK_DELAY + DIST_STRIDE;
export const SUPPLY_SCOPE = SUPPLY_SHOCK_P + 1;
export const SUPPLY_STRIDE = SUPPLY_SCOPE + 1;
/**
 * On-site generation equipment: a supply record of the same layout after the supply items
 * (record N_SUPPLY), so its shock has the next event and delay slots (docs/model.md).
 */
export const SUPPLY_GENERATION = N_SUPPLY;
export const G_CYBER_RATE = G_SUPPLY + (SUPPLY_GENERATION + 1) * SUPPLY_STRIDE;
export const G_CYBER_OUTAGE = G_CYBER_RATE + 1;
export const G_MISS_TOLERANCE = G_CYBER_OUTAGE + DIST_STRIDE;
/** By cooling type: the water permit's design WUE (the median of the type's WUE distribution). */
export const G_WUE_DESIGN = G_MISS_TOLERANCE + 1;
/** The per-draw copula groups: 1 where a group is correlated, then their Cholesky factors. */
export const GROUP_SITE = 0;
export const GROUP_REGION = 1;
export const GROUP_CLIMATE = 2;
export const N_DRAW_GROUPS = 3;
/** Members of a per-draw group at most (the site group's six): factors are stored 6 × 6. */
export const MAX_GROUP_MEMBERS = 6;
export const SITE_MEMBERS = 6;
export const REGION_MEMBERS = 2;
export const CLIMATE_MEMBERS = 5;
export const G_COPULA_ON = G_WUE_DESIGN + N_COOLING;
export const COPULA_L_STRIDE = MAX_GROUP_MEMBERS * MAX_GROUP_MEMBERS;
export const G_COPULA_L = G_COPULA_ON + N_DRAW_GROUPS;
export const GLOBAL_SIZE = G_COPULA_L + N_DRAW_GROUPS * COPULA_L_STRIDE;
/** A region: six distributions, then the heatwave and drought probabilities. */
export const R_HEADROOM = 0;
export const R_GROWTH = R_HEADROOM + DIST_STRIDE;
export const R_CONN_DELAY = R_GROWTH + DIST_STRIDE;
export const R_HW_PUE = R_CONN_DELAY + DIST_STRIDE;
export const R_HW_WUE = R_HW_PUE + DIST_STRIDE;
export const R_DROUGHT_ALLOWANCE = R_HW_WUE + DIST_STRIDE;
export const R_HEATWAVE_P = R_DROUGHT_ALLOWANCE + DIST_STRIDE;
export const R_DROUGHT_P = R_HEATWAVE_P + 1;
export const REGION_STRIDE = R_DROUGHT_P + 1;
/**
 * A site: region index, planned IT load, planned offset, ramp, cooling, import share, delayable
 * (not operating), its status's proceed probability before the knob, 1 for an aggregate, then its
 * on-site generation: capacity (MW, 0 for none), equipment delay and availability (distributions),
 * then its flexible connection: 1 where it has one, the years taken off its grid-connection delay
 * and the share of its grid-fed energy curtailed (distributions).
 */
export const SITE_REGION = 0;
export const SITE_LOAD = 1;
export const SITE_PLANNED = 2;
export const SITE_RAMP = 3;
export const SITE_COOLING = 4;
export const SITE_IMPORT_SHARE = 5;
export const SITE_DELAYABLE = 6;
export const SITE_PROCEED_P = SITE_DELAYABLE + 1;
export const SITE_AGGREGATE = SITE_PROCEED_P + 1;
export const SITE_GEN_CAPACITY = SITE_AGGREGATE + 1;
export const SITE_GEN_DELAY = SITE_GEN_CAPACITY + 1;
export const SITE_GEN_AVAILABILITY = SITE_GEN_DELAY + DIST_STRIDE;
export const SITE_FLEXIBLE = SITE_GEN_AVAILABILITY + DIST_STRIDE;
export const SITE_FLEX_EARLIER = SITE_FLEXIBLE + 1;
export const SITE_FLEX_CURTAILED = SITE_FLEX_EARLIER + DIST_STRIDE;
export const SITE_STRIDE = SITE_FLEX_CURTAILED + DIST_STRIDE;

// ---- Knob indices (a parameter set's knobs, NKNOBS floats in KNOB_NAMES order) -----------
export const NKNOBS = KNOB_NAMES.length;
export const K_DEMAND_GROWTH = KNOB_NAMES.indexOf('demandGrowthPctPerYear');
export const K_GRID_BUILDOUT = KNOB_NAMES.indexOf('gridBuildoutScale');
export const K_DROUGHT_SEVERITY = KNOB_NAMES.indexOf('droughtSeverity');
export const K_HEATWAVE_SCALE = KNOB_NAMES.indexOf('heatwaveFrequencyScale');
export const K_CYBER_SCALE = KNOB_NAMES.indexOf('cyberRateScale');
export const K_CHIP_SHOCK = KNOB_NAMES.indexOf('chipShockProbability');
export const K_COOLING_MIX = KNOB_NAMES.indexOf('coolingMixShift');
export const K_EFFICIENCY = KNOB_NAMES.indexOf('efficiencyTrendPctPerYear');
export const K_REAL_QUEUE = KNOB_NAMES.indexOf('realQueueShareScale');

// ---- Random streams: counter = (draw, stream, slot, sub); stream = kind | entity ---------
export const S_GLOBAL = 0x01000000;
export const S_SITE = 0x02000000;
export const S_REGION = 0x03000000;
export const S_REGION_SHOCK = 0x04000000;
export const S_REGION_YEAR = 0x05000000;
export const S_SITE_CYBER = 0x06000000;
/** The knob design's own stream (parameter sets of the `random` design). */
export const S_DESIGN = 0x7f000000;
// A uniform at slot s is word s mod 4 of the Philox call for block ⌊s / 4⌋ (distributions.ts), so
// slots drawn together sit in one block of four; PERT samples take their own calls.
/** Site stream: ordinary delays of the supply items (slot SLOT_DELAY0 + item) and the grid queue. */
export const SLOT_DELAY0 = 0;
export const SLOT_GRID_DELAY = 3;
/** On-site generation: the equipment's ordinary delay and the plant's availability (drawn only for sites that plan it). */
export const SLOT_GEN_DELAY = 5;
export const SLOT_GEN_AVAILABILITY = 6;
/** Flexible connection: the years taken off the grid queue and the curtailed share (drawn only for sites that have one). */
export const SLOT_FLEX_EARLIER = 7;
export const SLOT_FLEX_CURTAILED = 8;
/** Whether a named, non-operating site proceeds at all (one uniform per draw; docs/model.md), then the mix shift: one block. */
export const SLOT_PROCEED = 12;
export const SLOT_MIX_SHIFT = 13;
export const SLOT_PUE = 14;
export const SLOT_WUE = 15;
/** Shock event and shock delay of supply record i (SUPPLY_GENERATION included): + i (on the scope's stream). */
export const SLOT_SHOCK0 = 16;
export const SLOT_SHOCK_DELAY0 = 20;
/** Region stream. */
export const SLOT_HEADROOM = 0;
export const SLOT_GROWTH = 1;
/** Region-year stream: CLIMATE_SLOTS per year, year y at y × CLIMATE_SLOTS + these (heatwave and drought share a block). */
export const CLIMATE_SLOTS = 8;
export const SLOT_HEATWAVE = 0;
export const SLOT_HW_PUE = 1;
export const SLOT_HW_WUE = 2;
export const SLOT_DROUGHT = 3;
export const SLOT_ALLOWANCE = 4;
/**
 * Site-cyber stream: year y's incident count at SLOT_INCIDENTS0 + y (four years to a block), its
 * outage j at SLOT_OUTAGE0 + y × MAX_OUTAGES + j.
 */
export const SLOT_INCIDENTS0 = 0;
export const SLOT_OUTAGE0 = MAX_YEARS;

// ---- Philox4x32-10 (Salmon et al., SC 2011; Random123) -----------------------------------
export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;

/** Per series: its exceedance threshold, then its upper atom (NO_ATOM when it has none). */
export const SERIES_INFO_STRIDE = 2;
export const INFO_THRESHOLD = 0;
export const INFO_CAP = 1;

/** Model and numeric constants the kernels use as f32 (docs/model.md, "Model constants"). */
export const F32 = {
  HOURS_PER_YEAR: 8760,
  DAYS_PER_YEAR: 365,
  /** Grid stress when headroom is 0, and its cap: an upper atom of every stress series. */
  STRESS_CAP: 10,
  /** ML of water per MWh of IT energy per L/kWh of WUE. */
  ML_PER_MWH_WUE: 0.001,
  /** Delivered shares of planned load are summed in 16-bit fixed point. */
  LOAD_QUANTUM: 65535,
  /** MW not delivered, by region-year and cause, is summed in steps of 1/16 MW. */
  MW_QUANTUM: 16,
  /** A region-year share at or above this lost its whole plan (the parts' f32 sum may miss 1 by ulps). */
  REGION_FULL_SHARE: 0.999999,
  /** Histogram range: the pilot's spread padded by this share on each side. */
  HIST_PAD: 0.25,
  /** Smallest and largest copula uniforms (keep Φ⁻¹ finite). */
  COPULA_U_MIN: 5.9604645e-8,
  COPULA_U_MAX: 0.99999994,
  /** Largest f32 below 1; also the largest value u01 returns. */
  DIST_ONE_MINUS_ULP: 1 - 2 ** -24,
  /** Convergence of the incomplete beta's continued fraction (Lentz). */
  BETA_CF_EPS: 1e-7,
  /** A normal's absent truncation bound. */
  DIST_NO_BOUND: 1e38,
  /** The upper atom of a series without one: no series value is negative. */
  NO_ATOM: -1,
} as const;

/** The dispatch parameters every kernel reads (`struct Params`, all u32, in this order). */
export const PARAM_FIELDS = [
  'seed',
  'crn',
  'draws',
  'nSites',
  'nRegions',
  'nYears',
  'nSeries',
  'sitesOffset',
  // Global index of the group's first parameter set: keys the random streams.
  'paramBase',
  // Group-local index of this dispatch's first parameter set, and how many it covers.
  'paramOffset',
  'paramCount',
  // Reduction blocks of BLOCK_DRAWS draws covered by this dispatch.
  'blockOffset',
  'blockCount',
  // Counter offsets (src/engine/counters.ts): binding causes per site-year, load sums per
  // site-year, curtailed draws per region-year, MW not delivered per region-year and cause, and
  // the region-year shortfall-share histograms (NO_REGION_HIST when the run keeps none).
  'bindingOffset',
  'loadOffset',
  'curtailOffset',
  'regionCauseOffset',
  'regionHistOffset',
] as const;
export type Params = Record<(typeof PARAM_FIELDS)[number], number>;
