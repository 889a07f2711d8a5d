// The physical ceiling of every quantity in a scenario file, with its unit and why (schema.ts
// builds every numeric field on these).

/**
 * The physical ceiling of every quantity in the file, with its unit and why: a finite number can
 * still be absurd (1e308 MW overflows the float32 kernels to Infinity and NaN). Lower bounds are
 * the fields' own (`positive`, `probability`) and, for distributions, validate.ts's support
 * rules. A distribution's every parameter (value, min, mode, max, mean, median, p90, sd) must lie
 * within ±max.
 */
export const LIMITS = {
  siteItLoadMW: { max: 20_000, unit: 'MW', why: 'per site; the largest announced campuses are ~5 GW' },
  aggregateItLoadMW: { max: 200_000, unit: 'MW', why: "a region's whole unnamed fleet in one entry" },
  gridHeadroomMW: { max: 1_000_000, unit: 'MW', why: 'the largest national grids peak at ~1–1.5 TW in all' },
  headroomGrowthMWPerYear: { max: 500_000, unit: 'MW/yr', why: 'China, the fastest-growing grid, added ~430 GW of capacity in 2024' },
  delayYears: { max: 50, unit: 'years', why: 'delays beyond 50 years are outside any planning horizon' },
  rampYears: { max: 50, unit: 'years', why: 'ramps beyond 50 years are outside any planning horizon' },
  pue: { max: 5, unit: '', why: 'PUE: even legacy facilities run below ~3' },
  wueLPerKWh: { max: 20, unit: 'L/kWh', why: 'WUE: evaporative cooling in hot, dry climates stays below ~10 L/kWh' },
  heatwavePueUplift: { max: 1, unit: '(share)', why: 'a heatwave year at most doubles PUE' },
  heatwaveWueUplift: { max: 5, unit: '(share)', why: 'a heatwave year at most multiplies WUE by 6' },
  outageDays: { max: 365, unit: 'days', why: 'an outage counted within a year lasts at most the year' },
  incidentsPerSiteYear: { max: 365, unit: 'per site-year', why: 'more than one incident a day is no longer an incident rate' },
  capexUSDPerMW: { max: 1e9, unit: 'US$ per MW', why: 'is this in US$, not US$ M? Builds cost ~US$ 10–40 M per MW' },
  generationCapacityMW: { max: 20_000, unit: 'MW', why: 'per site; the largest on-site plants planned are a few GW' },
  availability: { max: 1, unit: '(share)', why: 'a share of the year' },
  curtailedShare: { max: 1, unit: '(share)', why: "a share of the site's grid-fed energy" },
} as const satisfies Record<string, Ceiling>;

export interface Ceiling {
  max: number;
  /** Shown after the number: 'MW', 'years', '' for a bare ratio. */
  unit: string;
  why: string;
}

export const fmt = (v: number): string => (v >= 1e8 ? v.toExponential().replace('e+', 'e') : v.toLocaleString('en'));
/** 'must be ≤ 20,000 MW (per site; …)' */
export const ceilingMessage = (c: Ceiling, lower = false): string =>
  `must be ${lower ? `≥ −${fmt(c.max)}` : `≤ ${fmt(c.max)}`}${c.unit ? ` ${c.unit}` : ''} (${c.why})`;
