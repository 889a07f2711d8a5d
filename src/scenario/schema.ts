// The scenario file format, validated at the boundary. The zod schema is the single source of
// the TypeScript types: everything past `parseScenario` can trust its input.
import { z } from 'zod';
import { ceilingMessage, fmt, LIMITS } from './limits';
import { distOf, distSchema, finite, nonNegative, positive, probability, sourceSchema } from './fields';
import { COOLING_TYPES, GENERATION_KINDS, KNOB_NAMES, PROCEEDING_STATUSES, SHOCK_SCOPES, SITE_STATUSES } from './names';

export { type Ceiling, ceilingMessage, LIMITS } from './limits';
export { type DistSpec, distOf, distSchema } from './fields';

export { COOLING_TYPES, GENERATION_KINDS, KNOB_NAMES, PROCEEDING_STATUSES, SHOCK_SCOPES, SITE_STATUSES } from './names';
export type { CoolingType, GenerationKind, KnobName, ProceedingStatus } from './names';

/**
 * Ids that name a key of Object.prototype (`__proto__`, `constructor`, `toString`, …) or
 * `prototype`: as keys of a plain object (result JSON, lookups by id) they vanish or collide,
 * so the schema refuses them.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** A probability for each status not yet operating; `optional` for a region's partial override. */
const byProceedingStatus = <T extends z.ZodType>(value: T) =>
  Object.fromEntries(PROCEEDING_STATUSES.map((k) => [k, value])) as Record<(typeof PROCEEDING_STATUSES)[number], T>;

/**
 * The probability that a site of each status not yet operating proceeds at all (operating sites
 * always do). Absent, every announced site is built (all 1, the v1 model); the presets give
 * sourced values (docs/data.md, "Announced is not built").
 */
const proceedProbabilitySchema = z
  .object({
    ...byProceedingStatus(probability()),
    sources: z.array(sourceSchema).optional(),
    /** Statuses whose probability is an assumption rather than a published figure. */
    assumed: z.array(z.enum(PROCEEDING_STATUSES, { error: `must be one of ${PROCEEDING_STATUSES.join(', ')}` })).optional(),
    notes: z.string().optional(),
  })
  .strict();
export type ProceedProbability = z.output<typeof proceedProbabilitySchema>;

const itLoadMessage =
  `${ceilingMessage(LIMITS.siteItLoadMW)}, or ${fmt(LIMITS.aggregateItLoadMW.max)} MW for an entry marked "aggregate": true ` +
  `(${LIMITS.aggregateItLoadMW.why})`;

/** A site or region id: it keys result JSON and every lookup by id. */
const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, _ . or -')
  .refine((id) => !RESERVED_IDS.has(id), {
    error: (i) =>
      `'${String(i.input)}' is reserved (a name of JavaScript's Object.prototype, which result files and lookups by id cannot hold); rename it`,
  });

/**
 * Generation a site builds for itself behind the meter (docs/model.md, "On-site generation"): it
 * carries min(1, capacity / facility load) of the site's load, skips the grid queue for it, waits
 * for its equipment (`delayYears`, else `supplyChain.onsiteGeneration.delayYears`, plus that item's
 * shock) and runs for the share `availability` of the year.
 */
const onsiteGenerationSchema = z
  .object({
    capacityMW: positive(LIMITS.generationCapacityMW),
    kind: z.enum(GENERATION_KINDS, { error: `must be one of ${GENERATION_KINDS.join(', ')}` }),
    // A share of the year: validate.ts bounds its support to [0, 1].
    availability: distOf(LIMITS.availability),
    delayYears: distOf(LIMITS.delayYears).optional(),
    sources: z.array(sourceSchema).optional(),
    /** Field names whose values are assumptions rather than published figures. */
    assumed: z.array(z.string()).optional(),
    notes: z.string().optional(),
  })
  .strict();
export type OnsiteGeneration = z.output<typeof onsiteGenerationSchema>;

/**
 * A grid connection on flexible terms (docs/model.md, "Flexible connection"): the site accepts
 * that the share `curtailedShare` of its grid-fed energy is curtailed each year (validate.ts
 * bounds its support to [0, 1]) in exchange for `connectionYearsEarlier` years off its
 * grid-connection delay (≥ 0; the delay never drops below none).
 */
const flexibleConnectionSchema = z
  .object({
    connectionYearsEarlier: distOf(LIMITS.delayYears),
    curtailedShare: distOf(LIMITS.curtailedShare),
    sources: z.array(sourceSchema).optional(),
    /** Field names whose values are assumptions rather than published figures. */
    assumed: z.array(z.string()).optional(),
    notes: z.string().optional(),
  })
  .strict();
export type FlexibleConnection = z.output<typeof flexibleConnectionSchema>;

export const siteSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1, 'must not be empty'),
    operator: z.string().optional(),
    country: z.string().optional(),
    lat: finite().refine((v) => v >= -90 && v <= 90, 'must be within [-90, 90] degrees'),
    lon: finite().refine((v) => v >= -180 && v <= 180, 'must be within [-180, 180] degrees'),
    region: z.string().min(1, 'must name a region id'),
    status: z.enum(SITE_STATUSES, { error: `must be one of ${SITE_STATUSES.join(', ')}` }),
    /** At most LIMITS.siteItLoadMW, or LIMITS.aggregateItLoadMW for an aggregate entry (checked below). */
    itLoadMW: positive().refine((v) => v <= LIMITS.aggregateItLoadMW.max, itLoadMessage),
    plannedYear: finite().refine((v) => v >= 1990 && v <= 2100, 'must be a year within [1990, 2100]'),
    rampYears: nonNegative(LIMITS.rampYears).default(1),
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
    onsiteGeneration: onsiteGenerationSchema.optional(),
    flexibleConnection: flexibleConnectionSchema.optional(),
  })
  .strict()
  // Above the aggregate ceiling the field itself has said so.
  .refine((s) => s.aggregate === true || s.itLoadMW <= LIMITS.siteItLoadMW.max || s.itLoadMW > LIMITS.aggregateItLoadMW.max, {
    message: itLoadMessage,
    path: ['itLoadMW'],
  });
export type Site = z.output<typeof siteSchema>;

export const regionSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1, 'must not be empty'),
    gridHeadroomMW: distOf(LIMITS.gridHeadroomMW),
    headroomGrowthMWPerYear: distOf(LIMITS.headroomGrowthMWPerYear),
    connectionDelayYears: distOf(LIMITS.delayYears),
    heatwaveProbability: probability(),
    heatwavePueUplift: distOf(LIMITS.heatwavePueUplift),
    heatwaveWueUplift: distOf(LIMITS.heatwaveWueUplift),
    droughtProbability: probability(),
    // A share of the water permit: validate.ts bounds its support (and a normal's mean and sd) to [0, 1].
    droughtWaterAllowance: distSchema,
    /** Building, power and cooling fit-out per MW of IT here, US$, where a market figure is sourced; else `economics`. */
    facilityCapexUSDPerMW: positive(LIMITS.capexUSDPerMW).optional(),
    /** This region's own proceed probabilities for some statuses, over the scenario's. */
    proceedProbability: z.object(byProceedingStatus(probability().optional())).strict().optional(),
    sources: z.array(sourceSchema).optional(),
    assumed: z.array(z.string()).optional(),
    notes: z.string().optional(),
  })
  .strict();
export type Region = z.output<typeof regionSchema>;

const supplyItemSchema = z
  .object({
    delayYears: distOf(LIMITS.delayYears),
    shockProbability: probability(),
    shockDelayYears: distOf(LIMITS.delayYears),
    scope: z.enum(SHOCK_SCOPES, { error: `must be one of ${SHOCK_SCOPES.join(', ')}` }),
    sources: z.array(sourceSchema).optional(),
    /** Field names whose values are assumptions rather than published figures. */
    assumed: z.array(z.string()).optional(),
    notes: z.string().optional(),
  })
  .strict();
export type SupplyItem = z.output<typeof supplyItemSchema>;

const coolingSpecSchema = z
  .object({ pue: distOf(LIMITS.pue), wueLPerKWh: distOf(LIMITS.wueLPerKWh), sources: z.array(sourceSchema).optional() })
  .strict();

const knobSchema = z
  .object({ value: finite(), min: finite().optional(), max: finite().optional() })
  .strict()
  .refine((k) => k.min === undefined || k.max === undefined || k.max >= k.min, { message: 'must be ≥ min', path: ['max'] })
  .refine((k) => (k.min === undefined || k.value >= k.min) && (k.max === undefined || k.value <= k.max), {
    message: 'must lie within [min, max]',
    path: ['value'],
  });
export type KnobSpec = z.output<typeof knobSchema>;
const knobShape = Object.fromEntries(KNOB_NAMES.map((name) => [name, knobSchema.optional()])) as {
  [K in (typeof KNOB_NAMES)[number]]: z.ZodOptional<typeof knobSchema>;
};

/** Global default building cost: JLL, 2026 Global Data Center Outlook (docs/data.md, Money). */
export const DEFAULT_CAPEX_USD_PER_MW = 11.3e6;

/** What a MW of planned IT capacity costs to build, to price the load that is late or missing. */
const economicsSchema = z
  .object({
    /** Building, power and cooling fit-out per MW of IT load, US$; excludes the IT itself. */
    facilityCapexUSDPerMW: positive(LIMITS.capexUSDPerMW),
    /** Servers and accelerators per MW of IT load, US$ (AI campuses: ~$20–25 M). */
    itCapexUSDPerMW: nonNegative(LIMITS.capexUSDPerMW).optional(),
    /** Grid connection and reinforcement built for a MW of datacenter load, US$ (docs/data.md, Money). */
    gridCapexUSDPerMW: nonNegative(LIMITS.capexUSDPerMW).optional(),
    sources: z.array(sourceSchema).optional(),
  })
  .strict();
export type Economics = z.output<typeof economicsSchema>;

/** A scenario's name and description in one other language; `name` and `description` are the English. */
const translationSchema = z.object({ name: z.string().min(1, 'must not be empty'), description: z.string().optional() }).strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1, 'must not be empty'),
    description: z.string().optional(),
    /**
     * Optional translations of `name` and `description`, by language (`ja`: Japanese). A strict
     * object, not a record, so an unknown language key is refused rather than kept unread.
     */
    i18n: z.object({ ja: translationSchema.optional() }).strict().optional(),
    startYear: z.number().int('must be a whole year').min(1990, 'must be ≥ 1990').max(2100, 'must be ≤ 2100'),
    endYear: z.number().int('must be a whole year').max(2100, 'must be ≤ 2100'),
    sites: z.array(siteSchema).min(1, 'must list at least one site'),
    regions: z.array(regionSchema).min(1, 'must list at least one region'),
    cooling: z.object({ evaporative: coolingSpecSchema, liquid: coolingSpecSchema, air: coolingSpecSchema }).strict(),
    supplyChain: z
      .object({
        accelerators: supplyItemSchema,
        transformers: supplyItemSchema,
        coolingPlant: supplyItemSchema,
        /** Equipment of on-site plants (turbines first); required when a site plans one (validate.ts). */
        onsiteGeneration: supplyItemSchema.optional(),
      })
      .strict(),
    cyber: z
      .object({
        incidentsPerSiteYear: nonNegative(LIMITS.incidentsPerSiteYear),
        outageDays: distOf(LIMITS.outageDays),
        sources: z.array(sourceSchema).optional(),
      })
      .strict(),
    // A strict object, not a record: a record drops a `__proto__` key in silence, this refuses it.
    knobs: z.object(knobShape).strict().default({}),
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
    proceedProbability: proceedProbabilitySchema.default({ construction: 1, planned: 1, proposed: 1 }),
    /** A site misses its planned load in a year when it delivers less than (1 − missTolerance) of it. */
    missTolerance: probability().default(0.05),
    economics: economicsSchema.default({ facilityCapexUSDPerMW: DEFAULT_CAPEX_USD_PER_MW }),
    sources: z.array(sourceSchema).optional(),
  })
  .strict();
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
