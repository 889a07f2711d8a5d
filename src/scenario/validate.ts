// Scenario validation at the boundary: zod for shape, then the rules zod cannot express (cross
// references, engine limits, distribution support). Every problem comes back as `path: message`
// so a person editing the JSON can find it; nothing here ever surfaces a stack trace.
import { z } from 'zod';
import { MAX_REGIONS, MAX_SITES, MAX_YEARS } from '../kernel/contract';
import { distSchema, KNOB_NAMES, scenarioSchema, type Scenario } from './schema';
import { buildCopula } from './correlations';
import { echo } from './echo';
import { KNOB_LIMITS, knobLimitMessage } from './names';

export interface ScenarioIssue {
  /** JS-style path into the scenario (`regions[2].droughtProbability`), or `(file)` / `(root)`. */
  path: string;
  message: string;
}
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] };

/** Engine limits (src/kernel/contract.ts): buffers are sized for these, so larger scenarios are refused up front. */
export { MAX_REGIONS, MAX_SITES, MAX_YEARS };

/** Issues a message lists before "… and N more" (ScenarioError.issues keeps every one). */
export const MAX_LISTED_ISSUES = 20;

/** A formatted issue is cut here: its parts are capped already; this bounds what they add up to. */
const MAX_ISSUE_CHARS = 400;

/**
 * `path: message` lines, the first `max` of them, then "… and N more problems" (as echo.ts's
 * capLines words it). Each line has control characters escaped and is cut at MAX_ISSUE_CHARS.
 */
export function formatIssues(issues: readonly ScenarioIssue[], max = Number.POSITIVE_INFINITY): string {
  const lines = issues.slice(0, max).map((i) => echo(`${i.path}: ${i.message}`, MAX_ISSUE_CHARS));
  if (issues.length > max) lines.push(`… and ${(issues.length - max).toLocaleString('en-US')} more problems`);
  return lines.join('\n');
}

export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  readonly file: string | undefined;
  constructor(issues: ScenarioIssue[], file?: string) {
    const where = file ?? 'scenario';
    const only = issues.length === 1 ? issues[0] : undefined;
    super(
      only?.path === '(file)'
        ? `${where}: ${only.message}`
        : `${where}: ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${formatIssues(issues, MAX_LISTED_ISSUES).replace(/^/gm, '  ')}`,
    );
    this.name = 'ScenarioError';
    this.issues = issues;
    this.file = file;
  }
}

type Seg = string | number;
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A key longer than this is cut in a path, its length named: a 1 MB unknown key echoes 80 characters. */
const MAX_KEY_CHARS = 80;

export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (typeof seg === 'string' && seg.length <= MAX_KEY_CHARS && /^[A-Za-z_$][\w$]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${quoteKey(String(seg))}]`;
  }
  return s || '(root)';
}

/** A key in quotes with JSON's escapes, then echo's for what JSON leaves (C1, bidi overrides). */
function quoteKey(key: string): string {
  const quoted = echo(JSON.stringify(key.slice(0, MAX_KEY_CHARS)), Number.POSITIVE_INFINITY);
  return key.length > MAX_KEY_CHARS ? `${quoted.slice(0, -1)}…" (${key.length.toLocaleString('en-US')} characters)` : quoted;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRec(v) && typeof seg === 'string') v = v[seg];
    else return undefined;
  }
  return v;
}

/** A value as a message quotes it: strings in quotes, cut at 40 characters, controls escaped. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `'${echo(v, 40)}'`;
  if (typeof v === 'object') return 'an object';
  return echo(String(v), 40);
}

const listed = (names: readonly string[], max = 10): string => {
  const shown = names.slice(0, max).map((n) => echo(n, 40));
  return names.length > max ? `${shown.join(', ')}, … (${names.length - max} more)` : shown.join(', ');
};

// ---- zod issues → ScenarioIssue -------------------------------------------------------------

type ZIssue = z.core.$ZodIssue;

// A union reports every branch; the useful one is the branch that got furthest into the value
// (a deeper path), not the bare-number branch that failed at the root.
function bestBranch(branches: ZIssue[][]): ZIssue[] | undefined {
  let best: ZIssue[] | undefined;
  let bestDepth = -1;
  for (const b of branches) {
    const depth = Math.max(-1, ...b.map((i) => (i.code === 'invalid_type' && i.path.length === 0 ? -1 : i.path.length)));
    if (depth >= bestDepth) [best, bestDepth] = [b, depth];
  }
  return best;
}

function convertZod(issues: readonly ZIssue[], input: unknown, base: readonly PropertyKey[], out: ScenarioIssue[]): void {
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    const value = valueAt(input, path);
    if (issue.code === 'invalid_union') {
      // A discriminated union with no matching tag reports no branches, only the tag's options.
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.errors.length === 0 && issue.discriminator !== undefined && options) {
        const d = issue.discriminator;
        const known = listed(options.map(String), 20);
        const msg =
          value === undefined
            ? `is required (one of ${known})`
            : `unknown ${d === 'dist' ? 'distribution' : d} ${describe(value)} (expected one of ${known})`;
        out.push({ path: formatPath(path), message: msg });
        continue;
      }
      const branch = bestBranch(issue.errors);
      if (branch) convertZod(branch, input, path, out);
      else out.push({ path: formatPath(path), message: value === undefined ? 'is required' : echo(issue.message, 200) });
    } else if (issue.code === 'unrecognized_keys') {
      const inKnobs = path.length === 1 && path[0] === 'knobs';
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...path, key]),
          message: inKnobs ? `unknown knob (known: ${KNOB_NAMES.join(', ')})` : 'unknown field',
        });
      }
    } else if (issue.code === 'invalid_type') {
      const msg = issue.message.startsWith('Invalid input')
        ? `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`
        : echo(issue.message, 200);
      out.push({ path: formatPath(path), message: value === undefined ? 'is required' : `${msg} (got ${describe(value)})` });
    } else {
      // Custom messages may quote the input (a reserved id): cut like any echo.
      out.push({ path: formatPath(path), message: echo(issue.message, 200) });
    }
  }
}

// ---- semantic rules ---------------------------------------------------------------------------

interface Bound {
  lo: number;
  hi?: number;
  /** Appended to lower-bound messages, e.g. why PUE cannot go below 1. */
  why?: string;
}

// Checks a distribution's support against [lo, hi]; specs that zod rejected are skipped here
// because zod already reported them.
function checkSupport(spec: unknown, path: Seg[], b: Bound, out: ScenarioIssue[]): void {
  const parsed = distSchema.safeParse(spec);
  if (!parsed.success) return;
  const d = parsed.data;
  const push = (p: Seg[], message: string) => out.push({ path: formatPath(p), message });
  const why = b.why ? ` (${b.why})` : '';
  const range = b.hi === undefined ? `≥ ${b.lo}${why}` : `within [${b.lo}, ${b.hi}]`;
  const lowOk = (v: number) => v >= b.lo;
  const highOk = (v: number) => b.hi === undefined || v <= b.hi;
  switch (d.dist) {
    case 'fixed':
      if (!lowOk(d.value) || !highOk(d.value)) push(typeof spec === 'number' ? path : [...path, 'value'], `must be ${range}`);
      break;
    case 'uniform':
    case 'triangular':
    case 'pert':
      if (!lowOk(d.min)) push([...path, 'min'], `must be ≥ ${b.lo}${why}`);
      else if (!highOk(d.min)) push([...path, 'min'], `must be ≤ ${b.hi}`);
      if (!highOk(d.max)) push([...path, 'max'], `must be ≤ ${b.hi}`);
      else if (!lowOk(d.max)) push([...path, 'max'], `must be ≥ ${b.lo}${why}`);
      break;
    case 'normal':
      if (b.hi !== undefined && (d.min === undefined || d.max === undefined)) {
        push(path, `must be bounded within [${b.lo}, ${b.hi}]: a normal needs min ≥ ${b.lo} and max ≤ ${b.hi}`);
        break;
      }
      if (d.min === undefined) push([...path, 'min'], `must be set, ≥ ${b.lo}${why}: a normal without min is unbounded below`);
      else if (!lowOk(d.min)) push([...path, 'min'], `must be ≥ ${b.lo}${why}`);
      if (d.max !== undefined && !highOk(d.max)) push([...path, 'max'], `must be ≤ ${b.hi}`);
      // Within bounds on both sides, the mean and sd are on the same scale (a share's mean is a share).
      if (b.hi !== undefined && !(lowOk(d.mean) && highOk(d.mean))) push([...path, 'mean'], `must be ${range}`);
      if (b.hi !== undefined && d.sd > b.hi - b.lo) push([...path, 'sd'], `must be ≤ ${b.hi - b.lo}`);
      break;
    default:
      // lognormal, bernoulli and poisson all reach down to 0 and (but bernoulli) have no upper bound.
      if (b.hi !== undefined) push(path, `must be bounded within [${b.lo}, ${b.hi}]: use uniform, triangular, PERT or a truncated normal`);
      else if (b.lo > 0)
        push(path, `${d.dist} takes values below ${b.lo}${why}: use uniform, triangular, PERT or a normal with min ≥ ${b.lo}`);
  }
}

function checkUniqueIds(list: unknown, name: string, out: ScenarioIssue[]): string[] {
  const seen = new Map<string, number>();
  if (!Array.isArray(list)) return [];
  list.forEach((item, i) => {
    const id = isRec(item) ? item.id : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else out.push({ path: `${name}[${i}].id`, message: `duplicate of ${name}[${first}].id ${describe(id)}` });
  });
  return [...seen.keys()];
}

function semanticIssues(raw: unknown): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  if (!isRec(raw)) return out;
  const { sites, regions, startYear, endYear, knobs, cooling, supplyChain, cyber } = raw;

  checkUniqueIds(sites, 'sites', out);
  const regionIds = checkUniqueIds(regions, 'regions', out);
  if (Array.isArray(sites) && Array.isArray(regions)) {
    sites.forEach((s, i) => {
      const r = isRec(s) ? s.region : undefined;
      if (typeof r === 'string' && r !== '' && !regionIds.includes(r)) {
        out.push({ path: `sites[${i}].region`, message: `no region ${describe(r)} (known: ${listed(regionIds) || 'none'})` });
      }
    });
  }

  if (isNum(startYear) && isNum(endYear)) {
    const span = endYear - startYear + 1;
    if (endYear < startYear) out.push({ path: 'endYear', message: `must be ≥ startYear (${startYear})` });
    else if (span > MAX_YEARS) {
      out.push({ path: 'endYear', message: `${startYear}–${endYear} spans ${span} years; the engine handles at most ${MAX_YEARS}` });
    }
  }
  if (Array.isArray(regions) && regions.length > MAX_REGIONS) {
    out.push({ path: 'regions', message: `${regions.length} regions; the engine handles at most ${MAX_REGIONS}` });
  }
  if (Array.isArray(sites) && sites.length > MAX_SITES) {
    out.push({ path: 'sites', message: `${sites.length} sites; the engine handles at most ${MAX_SITES}` });
  }

  if (isRec(knobs)) {
    for (const name of KNOB_NAMES) {
      const knob = knobs[name];
      if (!isRec(knob)) continue;
      const { lo, hi } = KNOB_LIMITS[name];
      for (const field of ['value', 'min', 'max'] as const) {
        const v = knob[field];
        if (!isNum(v) || (v >= lo && v <= hi)) continue;
        out.push({ path: `knobs.${name}.${field}`, message: knobLimitMessage(name, v) });
      }
    }
  }

  const nonNeg: Bound = { lo: 0 };
  if (Array.isArray(regions)) {
    regions.forEach((r, i) => {
      if (!isRec(r)) return;
      for (const f of ['gridHeadroomMW', 'connectionDelayYears', 'heatwavePueUplift', 'heatwaveWueUplift']) {
        checkSupport(r[f], ['regions', i, f], nonNeg, out);
      }
      checkSupport(r.droughtWaterAllowance, ['regions', i, 'droughtWaterAllowance'], { lo: 0, hi: 1 }, out);
    });
  }
  if (isRec(cooling)) {
    for (const [type, spec] of Object.entries(cooling)) {
      if (!isRec(spec)) continue;
      checkSupport(spec.pue, ['cooling', type, 'pue'], { lo: 1, why: 'PUE is never below 1' }, out);
      checkSupport(spec.wueLPerKWh, ['cooling', type, 'wueLPerKWh'], nonNeg, out);
    }
  }
  if (isRec(supplyChain)) {
    for (const [item, spec] of Object.entries(supplyChain)) {
      if (!isRec(spec)) continue;
      checkSupport(spec.delayYears, ['supplyChain', item, 'delayYears'], nonNeg, out);
      checkSupport(spec.shockDelayYears, ['supplyChain', item, 'shockDelayYears'], nonNeg, out);
    }
  }
  if (isRec(cyber)) checkSupport(cyber.outageDays, ['cyber', 'outageDays'], nonNeg, out);
  if (Array.isArray(sites)) generationIssues(sites, supplyChain, out);
  if (Array.isArray(sites)) flexibleIssues(sites, out);
  return out;
}

/**
 * A flexible connection: its curtailed share is a share of the grid-fed energy and its years
 * earlier are ≥ 0 (docs/model.md, "Flexible connection").
 */
function flexibleIssues(sites: unknown[], out: ScenarioIssue[]): void {
  sites.forEach((s, i) => {
    const deal = isRec(s) ? s.flexibleConnection : undefined;
    if (!isRec(deal)) return;
    const path = ['sites', i, 'flexibleConnection'];
    checkSupport(deal.curtailedShare, [...path, 'curtailedShare'], { lo: 0, hi: 1, why: "a share of the site's grid-fed energy" }, out);
    checkSupport(deal.connectionYearsEarlier, [...path, 'connectionYearsEarlier'], { lo: 0 }, out);
  });
}

/**
 * On-site generation: its availability is a share of the year, its delay is ≥ 0, and a site
 * without a delay of its own takes the equipment's from supplyChain.onsiteGeneration, which must
 * then be there (docs/model.md, "On-site generation").
 */
function generationIssues(sites: unknown[], supplyChain: unknown, out: ScenarioIssue[]): void {
  const equipment = isRec(supplyChain) ? supplyChain.onsiteGeneration : undefined;
  sites.forEach((s, i) => {
    const plant = isRec(s) ? s.onsiteGeneration : undefined;
    if (!isRec(plant)) return;
    const path = ['sites', i, 'onsiteGeneration'];
    checkSupport(plant.availability, [...path, 'availability'], { lo: 0, hi: 1, why: 'a share of the year' }, out);
    checkSupport(plant.delayYears, [...path, 'delayYears'], { lo: 0 }, out);
    if (plant.delayYears === undefined && equipment === undefined) {
      out.push({
        path: 'supplyChain.onsiteGeneration',
        message: `is required: ${formatPath(path)} plans on-site generation without a delayYears of its own`,
      });
    }
  });
}

// ---- entry points -----------------------------------------------------------------------------

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; issue: ScenarioIssue } {
  const src = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(src) as unknown };
  } catch (e) {
    let msg = e instanceof Error ? e.message : String(e);
    let where = '';
    // V8 reports either "at position N" (Node 20) or "(line L column C)" (newer V8).
    const lc = /\(line (\d+) column (\d+)\)/.exec(msg);
    const pos = /at position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : /end of JSON input/.test(msg) ? src.length : undefined;
    if (lc) where = ` at line ${lc[1]}, column ${lc[2]}`;
    else if (offset !== undefined) {
      const before = src.slice(0, offset).split('\n');
      where = ` at line ${before.length}, column ${(before.at(-1) ?? '').length + 1}`;
    }
    msg = msg
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s*at position \d+/, '')
      .replace(/ in JSON$/, '');
    // V8 quotes a piece of the text, raw: escaped and cut like any echo.
    return { ok: false, issue: { path: '(file)', message: `invalid JSON${where}: ${echo(msg, 200)}` } };
  }
}

// ---- validated scenarios ----------------------------------------------------------------------
//
// The engine checks every scenario it is given as parseScenario does. The zod pass costs ~20 ms
// for 4096 sites (measured on the shipped presets padded to 4096 sites), so it is not paid twice:
// this module remembers the scenarios it produced and every site in them. A remembered scenario
// is checked again by the semantic rules only (limits, references, ids, knob limits, distribution
// support: ~1.5 ms at 4096 sites), and a new scenario whose sites are all remembered ones (the
// page's `{ ...scenario, knobs }`) by zod on everything but its sites (~1.6 ms); a full parse is
// 20–30 ms. Sites added or replaced are not remembered, so they are parsed in full; a field of a
// remembered site or region changed in place (`s.sites[3].itLoadMW = -1`) is the one edit not
// seen: detecting it would mean walking every field (as slow as parsing), or freezing.

const validated = new WeakSet<object>();

function remember(s: Scenario): Scenario {
  validated.add(s);
  for (const site of s.sites) validated.add(site);
  return s;
}

/** A site list whose every entry this module produced. */
function knownSites(sites: unknown): sites is Scenario['sites'] {
  return Array.isArray(sites) && sites.length > 0 && sites.every((site) => isRec(site) && validated.has(site));
}

/** The schema for a scenario whose site list is already validated: everything else in full. */
let restSchema: z.ZodType<Omit<Scenario, 'sites'> & { sites: unknown[] }> | undefined;

function unique(errors: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\0${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function validate(raw: unknown, schema: z.ZodType<unknown>): { ok: true; data: unknown } | { ok: false; errors: ScenarioIssue[] } {
  const errors: ScenarioIssue[] = [];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) convertZod(parsed.error.issues, raw, [], errors);
  errors.push(...semanticIssues(raw));
  // Correlations need their own shape to be right first; the copula then checks names and PSD.
  if (parsed.success) errors.push(...buildCopula((parsed.data as Scenario).correlations).issues);
  const all = unique(errors);
  return all.length > 0 || !parsed.success ? { ok: false, errors: all } : { ok: true, data: parsed.data };
}

/** Validates a scenario given as parsed JSON or as JSON text. Reports every problem found. */
export function parseScenario(input: unknown): ParseResult {
  let raw = input;
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    if (!json.ok) return { ok: false, errors: [json.issue] };
    raw = json.value;
  }
  const r = validate(raw, scenarioSchema);
  return r.ok ? { ok: true, scenario: remember(r.data as Scenario) } : r;
}

/**
 * The engine's check, at its boundary: the scenario to run (the input itself when this module
 * produced it, else its normalised parse), or a ScenarioError listing every issue. Same rules
 * as parseScenario; see "validated scenarios" above for what it skips on scenarios it knows.
 */
export function checkScenario(input: unknown): Scenario {
  if (isRec(input) && validated.has(input)) {
    const issues = unique([...semanticIssues(input), ...buildCopula((input as Scenario).correlations).issues]);
    if (issues.length > 0) throw new ScenarioError(issues);
    return input as Scenario;
  }
  if (isRec(input) && knownSites(input.sites)) {
    restSchema ??= scenarioSchema.extend({
      sites: z.array(z.unknown()).min(1, 'must list at least one site'),
    }) as unknown as typeof restSchema;
    const r = validate(input, restSchema as z.ZodType<unknown>);
    if (!r.ok) throw new ScenarioError(r.errors);
    return remember({ ...(r.data as Scenario), sites: input.sites });
  }
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.errors);
  return r.scenario;
}

/** Node only: reads and validates a scenario file, throwing a ScenarioError that names the file. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  // Kept out of the static graph so the browser bundle never pulls in node:fs.
  const fsName = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = isRec(e) ? e.code : undefined;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a scenario file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read: ${e instanceof Error ? e.message : String(e)}`;
    throw new ScenarioError([{ path: '(file)', message: why }], path);
  }
  const result = parseScenario(text);
  if (!result.ok) throw new ScenarioError(result.errors, path);
  return result.scenario;
}
