// The shape of a result file (`npm run sim -- --out`, a shard or a merge), checked before anything
// reads it: zod for the shape, then what zod cannot say (one value per year, the same sites,
// series and knobs in every parameter set). Problems come back as `path: reason` lines, so a file
// that was cut short or edited by hand is refused with where and why, never a TypeError.
import { z } from 'zod';
import { CAUSES } from '../engine/attribution';
import { DESIGNS, MAX_DRAWS, MAX_PARAM_SETS, MAX_SEED } from '../engine/options';
import { echo, ECHO_MAX_CHARS } from '../scenario/echo';
import { KNOB_NAMES } from '../scenario/names';
import { formatPath } from '../scenario/validate';
import type { EnsembleResultJson } from './shards';

/** JSON writes NaN (a statistic of no draws) as null, so a statistic may be null. */
const stat = z.number().nullable();
const whole = (lo: number, hi = Number.MAX_SAFE_INTEGER) => z.number().int().min(lo).max(hi);
const perYear = z.array(stat);
const byCause = z.record(z.enum(CAUSES), perYear);

const seriesJson = z.object({
  mean: stat,
  sd: stat,
  se: stat,
  p5: stat,
  p50: stat,
  p95: stat,
  pExceed: stat,
  outOfRangeFraction: stat,
  threshold: stat,
  unit: z.string(),
});

const causeShortfall = z.object({
  cause: z.enum(CAUSES),
  meanMW: stat,
  seMW: stat,
  p5MW: stat,
  p50MW: stat,
  p95MW: stat,
  shareOfShortfall: stat,
  facilityCapexUSD: stat,
});

const yearShortfall = z.object({
  year: z.number().int(),
  plannedMW: stat,
  shortfallMW: z.object({ mean: stat, se: stat, p5: stat, p50: stat, p95: stat }),
  pExceed: stat,
  threshold: stat,
  causes: z.array(causeShortfall),
  facilityCapexUSD: stat,
  itCapexUSD: stat.optional(),
  gridCapexUSD: stat.optional(),
});

const paramSetJson = z.object({
  index: whole(0, MAX_PARAM_SETS - 1),
  knobs: z.partialRecord(z.enum(KNOB_NAMES), z.number()),
  series: z.record(z.string(), seriesJson),
  sites: z.record(z.string(), z.object({ missProbability: perYear, expectedLoadMW: perYear, causeProbability: byCause })),
  regions: z.record(
    z.string(),
    z.object({
      curtailProbability: perYear,
      shortfallMWByCause: byCause,
      shortfallMWQuantiles: z.object({ p5: perYear, p50: perYear, p95: perYear }).optional(),
    }),
  ),
  attribution: z.array(yearShortfall).optional(),
});

const HEX64 = /^[0-9a-f]{64}$/;

/** Every field a result file must have for merge and the tables (others pass through untouched). */
export const resultFileSchema = z.object({
  scenario: z.object({ name: z.string(), startYear: z.number().int(), endYear: z.number().int() }),
  run: z.object({
    backend: z.enum(['webgpu', 'cpu']),
    device: z.string(),
    seed: whole(0, MAX_SEED),
    draws: whole(1, MAX_DRAWS),
    paramSetCount: whole(1, MAX_PARAM_SETS),
    firstParamSet: whole(0, MAX_PARAM_SETS - 1),
    elapsedMs: z.number().min(0),
    siteYearSamplesPerSecond: stat,
  }),
  years: z.array(z.number().int()).min(1),
  knobNames: z.array(z.enum(KNOB_NAMES)),
  paramSets: z.array(paramSetJson).min(1),
  ensemble: z.object({
    scenarioHash: z.string().regex(HEX64, { error: 'must be a SHA-256 digest (64 hex digits)' }),
    design: z.enum([...DESIGNS, 'explicit']),
    paramSetTotal: whole(1, MAX_PARAM_SETS),
    commonRandomNumbers: z.boolean(),
    shard: z.object({ index: whole(0), count: whole(1) }),
    mergedShards: whole(1).optional(),
    digest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, { error: "must be 'sha256:' and 64 hex digits" })
      .optional(),
  }),
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRecord(v) && typeof seg === 'string') v = Object.hasOwn(v, seg) ? v[seg] : undefined;
    else return undefined;
  }
  return v;
}

/** A value as a message names it: its kind, or itself when short. */
function described(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `'${echo(v, 40)}'`;
  return String(v);
}

const EXPECTED: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
};

const listOf = (values: readonly unknown[]) =>
  values.length > 8 ? `${values.slice(0, 8).map(String).join(', ')}, …` : values.map(String).join(', ');

function reasonOf(issue: z.core.$ZodIssue, got: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const want = EXPECTED[issue.expected] ?? issue.expected;
      return got === undefined ? `missing (expected ${want})` : `expected ${want}, got ${described(got)}`;
    }
    case 'invalid_value':
      return `expected one of ${listOf(issue.values)}, got ${described(got)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${issue.minimum} entries, got ${Array.isArray(got) ? got.length : described(got)}`
        : `expected ≥ ${issue.minimum}, got ${described(got)}`;
    case 'too_big':
      return `expected ≤ ${issue.maximum}, got ${described(got)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${listOf(issue.keys.map((k) => `'${echo(k, 40)}'`))}`;
    default:
      return issue.message;
  }
}

const pathText = (path: readonly PropertyKey[]) => echo(formatPath(path), 2 * ECHO_MAX_CHARS);

/** What makes a parsed result file unusable, one `path: reason` line each; [] when it is sound. */
export function resultFileProblems(input: unknown): string[] {
  const parsed = resultFileSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => `${pathText(i.path)}: ${reasonOf(i, valueAt(input, i.path))}`);
  return consistencyProblems(input as EnsembleResultJson);
}

const keysOf = (o: object) => Object.keys(o).join('\u0000');

/** What the schema cannot say: the years are the scenario's, and every set has the same layout. */
function consistencyProblems(json: EnsembleResultJson): string[] {
  const problems: string[] = [];
  const { startYear, endYear } = json.scenario;
  const nY = json.years.length;
  if (endYear - startYear + 1 !== nY || json.years.some((y, i) => y !== startYear + i))
    problems.push(`years: expected ${startYear} … ${endYear} (the scenario's years), got ${listOf(json.years)}`);
  const head = json.paramSets[0] as EnsembleResultJson['paramSets'][number];
  const perYearOk = (path: string, values: readonly unknown[]) => {
    if (values.length !== nY) problems.push(`${path}: expected ${nY} values (one per year), got ${values.length}`);
  };
  const knobs = [...json.knobNames].sort().join('\u0000');
  json.paramSets.forEach((p, k) => {
    const at = `paramSets[${k}]`;
    if (Object.keys(p.knobs).sort().join('\u0000') !== knobs) problems.push(`${at}.knobs: must hold exactly the knobNames`);
    for (const part of ['series', 'sites', 'regions'] as const) {
      if (keysOf(p[part]) !== keysOf(head[part])) problems.push(`${at}.${part}: must name the same ${part} as paramSets[0]`);
    }
    for (const [id, site] of Object.entries(p.sites)) {
      const where = pathText([...['paramSets', k, 'sites'], id]);
      perYearOk(`${where}.missProbability`, site.missProbability);
      perYearOk(`${where}.expectedLoadMW`, site.expectedLoadMW);
      for (const cause of CAUSES) perYearOk(`${where}.causeProbability.${cause}`, site.causeProbability[cause]);
    }
    for (const [id, region] of Object.entries(p.regions)) {
      const where = pathText([...['paramSets', k, 'regions'], id]);
      perYearOk(`${where}.curtailProbability`, region.curtailProbability);
      for (const cause of CAUSES) perYearOk(`${where}.shortfallMWByCause.${cause}`, region.shortfallMWByCause[cause]);
    }
    if ((p.attribution === undefined) !== (head.attribution === undefined))
      problems.push(`${at}.attribution: present in some parameter sets but not others`);
    else if (p.attribution) perYearOk(`${at}.attribution`, p.attribution);
  });
  return problems;
}
