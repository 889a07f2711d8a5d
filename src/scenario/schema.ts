// The scenario file format, validated at the boundary. The zod schema is the single source of
// the TypeScript types: everything past `parseScenario` can trust its input.
import { z } from 'zod';
import { COOLING_TYPES, KNOB_NAMES, SHOCK_SCOPES, SITE_STATUSES } from './names';

export { COOLING_TYPES, KNOB_NAMES, SHOCK_SCOPES, SITE_STATUSES } from './names';
export type { CoolingType, KnobName } from './names';

const finite = (what = 'must be a finite number') => z.number({ error: what }).refine(Number.isFinite, what);
const positive = () => finite().refine((v) => v > 0, 'must be > 0');
const nonNegative = () => finite().refine((v) => v >= 0, 'must be ≥ 0');
const probability = () => finite().refine((v) => v >= 0 && v <= 1, 'must be within [0, 1]');

/** Triangular and PERT share their parameters and the rule min ≤ mode ≤ max, min < max. */
const minModeMax = <K extends 'triangular' | 'pert'>(dist: K) =>
  z
    .object({ dist: z.literal(dist), min: finite(), mode: finite(), max: finite() })
    .strict()
    .refine((d) => d.min <= d.mode && d.mode <= d.max && d.min < d.max, {
      message: 'must satisfy min ≤ mode ≤ max and min < max',
      path: ['mode'],
    });

/** Distribution specs. A bare number is shorthand for `{ dist: 'fixed', value }`. */
export const distSchema = z.union([
  finite().transform((value) => ({ dist: 'fixed' as const, value })),
  z.discriminatedUnion(
    'dist',
    [
      z.object({ dist: z.literal('fixed'), value: finite() }).strict(),
      z
        .object({ dist: z.literal('uniform'), min: finite(), max: finite() })
        .strict()
        .refine((d) => d.max >= d.min, { message: 'must be ≥ min', path: ['max'] }),
      minModeMax('triangular'),
      z
        .object({ dist: z.literal('normal'), mean: finite(), sd: nonNegative(), min: finite().optional(), max: finite().optional() })
        .strict()
        .refine((d) => d.min === undefined || d.max === undefined || d.max > d.min, { message: 'must be > min', path: ['max'] }),
      z
        .object({ dist: z.literal('lognormal'), median: positive(), p90: positive() })
        .strict()
        .refine((d) => d.p90 >= d.median, { message: 'must be ≥ median', path: ['p90'] }),
      minModeMax('pert'),
      z.object({ dist: z.literal('bernoulli'), p: probability() }).strict(),
      z
        .object({ dist: z.literal('poisson'), lambda: nonNegative() })
        .strict()
        .refine((d) => d.lambda <= 1000, { message: 'must be ≤ 1000', path: ['lambda'] }),
    ],
    { error: 'must be a number or a distribution {dist: fixed|uniform|triangular|normal|lognormal|pert|bernoulli|poisson, ...}' },
  ),
]);
export type DistSpec = z.output<typeof distSchema>;

const sourceSchema = z.object({ title: z.string().min(1), url: z.string().optional(), date: z.string().optional() }).strict();

export const siteSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, _ . or -'),
    name: z.string().min(1, 'must not be empty'),
    operator: z.string().optional(),
    country: z.string().optional(),
    lat: finite().refine((v) => v >= -90 && v <= 90, 'must be within [-90, 90] degrees'),
    lon: finite().refine((v) => v >= -180 && v <= 180, 'must be within [-180, 180] degrees'),
    region: z.string().min(1, 'must name a region id'),
    status: z.enum(SITE_STATUSES, { error: `must be one of ${SITE_STATUSES.join(', ')}` }),
    itLoadMW: positive(),
    plannedYear: finite().refine((v) => v >= 1990 && v <= 2100, 'must be a year within [1990, 2100]'),
    rampYears: nonNegative().default(1),
    cooling: z.enum(COOLING_TYPES, { error: `must be one of ${COOLING_TYPES.join(', ')}` }),
    acceleratorImportShare: probability().default(1),
    sources: z.array(sourceSchema).optional(),
    /** Field names whose values are assumptions rather than published figures. */
    assumed: z.array(z.string()).optional(),
    notes: z.string().optional(),
    /**
     * True for an entry that stands for many unnamed facilities (a region's rest-of-fleet load,
     * used to calibrate national totals); the map draws it as regional load, not a site.
     */
    aggregate: z.boolean().optional(),
  })
  .strict();
export type Site = z.output<typeof siteSchema>;

export const regionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, _ . or -'),
    name: z.string().min(1, 'must not be empty'),
    gridHeadroomMW: distSchema,
    headroomGrowthMWPerYear: distSchema,
    connectionDelayYears: distSchema,
    heatwaveProbability: probability(),
    heatwavePueUplift: distSchema,
    heatwaveWueUplift: distSchema,
    droughtProbability: probability(),
    droughtWaterAllowance: distSchema,
    sources: z.array(sourceSchema).optional(),
    assumed: z.array(z.string()).optional(),
    notes: z.string().optional(),
  })
  .strict();
export type Region = z.output<typeof regionSchema>;

const supplyItemSchema = z
  .object({
    delayYears: distSchema,
    shockProbability: probability(),
    shockDelayYears: distSchema,
    scope: z.enum(SHOCK_SCOPES, { error: `must be one of ${SHOCK_SCOPES.join(', ')}` }),
    sources: z.array(sourceSchema).optional(),
  })
  .strict();
export type SupplyItem = z.output<typeof supplyItemSchema>;

const coolingSpecSchema = z.object({ pue: distSchema, wueLPerKWh: distSchema, sources: z.array(sourceSchema).optional() }).strict();

const knobSchema = z
  .object({ value: finite(), min: finite().optional(), max: finite().optional() })
  .strict()
  .refine((k) => k.min === undefined || k.max === undefined || k.max >= k.min, { message: 'must be ≥ min', path: ['max'] })
  .refine((k) => (k.min === undefined || k.value >= k.min) && (k.max === undefined || k.value <= k.max), {
    message: 'must lie within [min, max]',
    path: ['value'],
  });
export type KnobSpec = z.output<typeof knobSchema>;

/** Global default building cost: JLL, 2026 Global Data Center Outlook (docs/data.md, Money). */
export const DEFAULT_CAPEX_USD_PER_MW = 11.3e6;

/** What a MW of planned IT capacity costs to build, to price the load that is late or missing. */
const economicsSchema = z
  .object({
    /** Building, power and cooling fit-out per MW of IT load, US$; excludes the IT itself. */
    facilityCapexUSDPerMW: positive().refine((v) => v <= 1e9, 'must be ≤ 1e9 US$ per MW (is this in US$, not US$ M?)'),
    /** Servers and accelerators per MW of IT load, US$ (AI campuses: ~$20–25 M). */
    itCapexUSDPerMW: nonNegative()
      .refine((v) => v <= 1e9, 'must be ≤ 1e9 US$ per MW (is this in US$, not US$ M?)')
      .optional(),
    sources: z.array(sourceSchema).optional(),
  })
  .strict();
export type Economics = z.output<typeof economicsSchema>;

export const scenarioSchema = z
  .object({
    name: z.string().min(1, 'must not be empty'),
    description: z.string().optional(),
    startYear: z.number().int('must be a whole year').min(1990, 'must be ≥ 1990').max(2100, 'must be ≤ 2100'),
    endYear: z.number().int('must be a whole year').max(2100, 'must be ≤ 2100'),
    sites: z.array(siteSchema).min(1, 'must list at least one site'),
    regions: z.array(regionSchema).min(1, 'must list at least one region'),
    cooling: z.object({ evaporative: coolingSpecSchema, liquid: coolingSpecSchema, air: coolingSpecSchema }).strict(),
    supplyChain: z.object({ accelerators: supplyItemSchema, transformers: supplyItemSchema, coolingPlant: supplyItemSchema }).strict(),
    cyber: z.object({ incidentsPerSiteYear: nonNegative(), outageDays: distSchema, sources: z.array(sourceSchema).optional() }).strict(),
    knobs: z.partialRecord(z.enum(KNOB_NAMES), knobSchema).default({}),
    /** Rank correlations between inputs of one group (see CORRELATION_GROUPS), by a Gaussian copula. */
    correlations: z
      .array(
        z
          .object({
            inputs: z.tuple([z.string(), z.string()]),
            spearman: finite().refine((v) => v >= -1 && v <= 1, 'must be within [-1, 1]'),
          })
          .strict(),
      )
      .default([]),
    /** A site misses its planned load in a year when it delivers less than (1 − missTolerance) of it. */
    missTolerance: probability().default(0.05),
    economics: economicsSchema.default({ facilityCapexUSDPerMW: DEFAULT_CAPEX_USD_PER_MW }),
    sources: z.array(sourceSchema).optional(),
  })
  .strict();
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
