// Users' own site lists: CSV (the public/data/sites.csv convention) or a GeoJSON FeatureCollection
// of Points, turned into validated `Site`s. Every bad value is reported with where it is and why,
// in the words a spreadsheet user needs; nothing here throws on bad input.
import Papa from 'papaparse';
import type { z } from 'zod';
import { siteSchema, type Scenario, type Site } from '../scenario/schema';
import { MAX_SITES, parseScenario, type ParseResult } from '../scenario/validate';
import { cellsToRawSite, describe, isRec, planColumns, REQUIRED_COLUMNS, type SiteColumn } from './siteColumns';

export { REQUIRED_COLUMNS, SITE_COLUMNS } from './siteColumns';
export type { SiteColumn } from './siteColumns';

/**
 * One problem with an imported file.
 * CSV: `row` is the 1-based row as a spreadsheet shows it (the header is row 1; a quoted value
 * spanning lines is still one row) and `column` the header name.
 * GeoJSON: `row` is the 1-based feature number (features[i] → i + 1) and `column` the JSON path
 * inside the document, e.g. `features[3].properties.itLoadMW` or `features[3].geometry.coordinates[1]`.
 * Whole-file problems carry neither.
 */
export interface ImportIssue {
  row?: number;
  column?: string;
  message: string;
}

export type SitesImport = { ok: true; sites: Site[]; format: 'csv' | 'geojson'; warnings: string[] } | { ok: false; issues: ImportIssue[] };

/**
 * 20 MiB. A full engine load (4096 sites) at the shipped sites.csv's ~680 bytes a row is ~2.8 MB
 * of CSV, and pretty-printed GeoJSON runs ~2–3× that, so this leaves room for long notes while
 * keeping parsing well under a second and memory bounded on a phone.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Past this many problems the list stops helping; the rest are counted in one last issue. */
export const MAX_REPORTED_ISSUES = 500;

/** `row 4, column lat: must be …`; GeoJSON issues read `features[3].geometry: must be …`. */
export function formatImportIssue(i: ImportIssue): string {
  if (i.column !== undefined && /^features(\[|$)/.test(i.column)) return `${i.column}: ${i.message}`;
  const where = [i.row === undefined ? '' : `row ${i.row}`, i.column === undefined ? '' : `column ${i.column}`].filter(Boolean).join(', ');
  return where ? `${where}: ${i.message}` : i.message;
}

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * The size check on its own, so a page can refuse a `File` by `file.size` before reading it into
 * memory at all. Undefined when the size is fine.
 */
export function importSizeIssue(fileName: string, bytes: number): ImportIssue | undefined {
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  return {
    message: `${fileName} is ${mb(bytes)}; Headroom imports site files up to ${MAX_IMPORT_BYTES / (1024 * 1024)} MB (${MAX_SITES} sites, the engine's limit, fit in about 3 MB of CSV)`,
  };
}

// UTF-8 size without allocating an encoded copy of a possibly huge string.
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** One record to validate, whatever the format. */
interface RowSource {
  row: number;
  /** How a duplicate elsewhere names this record: `row 3` or `features[2]`. */
  label: string;
  get(c: SiteColumn): unknown;
  /** The issue column for a site field path (zod path). */
  where(path: readonly PropertyKey[]): string;
  /** Columns already reported for this record, whose zod issues would repeat it. */
  skip: ReadonlySet<SiteColumn>;
  /** GeoJSON only: a native `sources` list, used as the site's sources as it stands. */
  sources?: unknown;
}

/** The CSV column of a site field path: `sources[0].url` lives in source_url. */
const fieldColumn = ([field, , sub]: readonly PropertyKey[]): string =>
  field === 'sources' && typeof sub === 'string' ? `source_${sub}` : String(field ?? '');

function zodMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) return 'is required';
  if (issue.code === 'invalid_type')
    return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected} (got ${describe(value)})`;
  if (issue.code === 'invalid_value') return `${issue.message} (got ${describe(value)})`;
  return issue.message;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) v = isRec(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}

function validateRows(
  rows: readonly RowSource[],
  known: readonly string[],
  quiet: ReadonlySet<SiteColumn>,
  issues: ImportIssue[],
  warnings: string[],
): Site[] {
  const sites: Site[] = [];
  const firstById = new Map<string, string>();
  let defaultedRows = 0;
  for (const r of rows) {
    const { raw, issues: cellIssues, defaulted } = cellsToRawSite(r.get);
    if (r.sources !== undefined) raw.sources = r.sources;
    if (defaulted.length > 0) defaultedRows++;
    const reported = new Set<string>([...r.skip, ...quiet]);
    for (const ci of cellIssues) {
      issues.push({ row: r.row, column: r.where([ci.column]), message: ci.message });
      reported.add(ci.column);
    }
    const parsed = siteSchema.safeParse(raw);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        if (reported.has(fieldColumn(zi.path))) continue;
        issues.push({ row: r.row, column: r.where(zi.path), message: zodMessage(zi, valueAt(raw, zi.path)) });
      }
    }
    const region = raw.region;
    if (typeof region === 'string' && region !== '' && !known.includes(region)) {
      const near = known.find((k) => k.toLowerCase() === region.toLowerCase());
      issues.push({
        row: r.row,
        column: r.where(['region']),
        message: `no region '${region}'${near ? ` (did you mean '${near}'?)` : ''} (known: ${known.join(', ') || 'none'})`,
      });
    }
    const id = raw.id;
    if (typeof id === 'string' && id !== '') {
      const first = firstById.get(id);
      if (first !== undefined) issues.push({ row: r.row, column: r.where(['id']), message: `duplicate site id '${id}' (also ${first})` });
      else firstById.set(id, r.label);
    }
    if (parsed.success) sites.push(parsed.data);
  }
  if (defaultedRows > 0) {
    warnings.push(
      `${defaultedRows} site${defaultedRows === 1 ? '' : 's'} left rampYears or acceleratorImportShare blank: set to 1 and listed as assumed`,
    );
  }
  return sites;
}

const tooMany = (n: number): ImportIssue => ({
  message: `${n} sites; the engine handles at most ${MAX_SITES} (split the file or drop sites)`,
});

function parseCsvSites(text: string, known: readonly string[]): SitesImport {
  // Pick the delimiter from the header line: European spreadsheets save with ';', and the
  // `assumed` column's own ';' would otherwise confuse papaparse's guess on data rows.
  const header = text.slice(0, Math.max(0, text.search(/\r?\n|$/)));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  // Windows line endings, also inside quoted multi-line notes, become '\n'.
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { delimiter, newline: '\n', header: false, skipEmptyLines: false });
  const issues: ImportIssue[] = [];
  const warnings: string[] = [];
  for (const e of parsed.errors) {
    if (e.type === 'Quotes') issues.push({ row: (e.row ?? 0) + 1, message: 'has a quoted value with no closing "' });
  }
  const [head, ...body] = parsed.data;
  if (!head || head.every((c) => c.trim() === ''))
    return { ok: false, issues: [{ message: 'the file is empty: expected a header row naming the columns' }] };

  const plan = planColumns(head, 'column', true);
  for (const e of plan.errors) issues.push({ column: e.name, message: e.message });
  const required = REQUIRED_COLUMNS.join(', ');
  for (const c of plan.missing) issues.push({ column: c, message: `is missing; a site list needs the columns ${required}` });
  warnings.push(...plan.warnings);

  const index = new Map<SiteColumn, number>();
  plan.columns.forEach((c, i) => c !== undefined && !index.has(c) && index.set(c, i));
  const rows: RowSource[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // blank lines, and the one after a final newline
    const row = i + 2;
    const extra = cells.slice(head.length).filter((c) => c.trim() !== '').length;
    if (extra > 0)
      issues.push({ row, message: `has ${cells.length} values but the header has ${head.length} columns (an unquoted comma?)` });
    rows.push({ row, label: `row ${row}`, get: (c) => cells[index.get(c) ?? -1], where: (p) => fieldColumn(p), skip: new Set() });
  });
  if (rows.length === 0) issues.push({ message: 'no sites: the file has a header row but no data rows' });
  if (rows.length > MAX_SITES) return { ok: false, issues: [...issues, tooMany(rows.length)] };
  const quiet = new Set([...plan.quiet, ...plan.missing]);
  const sites = validateRows(rows, known, quiet, issues, warnings);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, sites, format: 'csv', warnings };
}

function parseGeoJsonSites(text: string, known: readonly string[]): SitesImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (isRec(doc) && 'sites' in doc && 'regions' in doc) {
    return { ok: false, issues: [{ message: 'this is a Headroom scenario file, not a site list: open it as a scenario' }] };
  }
  if (!isRec(doc) || doc.type !== 'FeatureCollection') {
    const got = isRec(doc) ? (typeof doc.type === 'string' ? `type '${doc.type}'` : 'an object without a type') : describe(doc);
    return { ok: false, issues: [{ message: `expected a GeoJSON FeatureCollection of Point features; got ${got}` }] };
  }
  const features = doc.features;
  if (!Array.isArray(features)) return { ok: false, issues: [{ column: 'features', message: 'must be a list of Point features' }] };
  if (features.length === 0) return { ok: false, issues: [{ column: 'features', message: 'is empty: no sites to import' }] };
  if (features.length > MAX_SITES) return { ok: false, issues: [tooMany(features.length)] };

  const props = features.map((f) => (isRec(f) && isRec(f.properties) ? f.properties : {}));
  const names = [...new Set(props.flatMap((p) => Object.keys(p)))].filter((n) => n !== 'sources');
  const plan = planColumns(names, 'property', false);
  const issues: ImportIssue[] = [];
  const warnings = [...plan.warnings];
  for (const e of plan.errors) {
    const i = props.findIndex((p) => e.name in p);
    issues.push({ row: i + 1, column: `features[${i}].properties.${e.name}`, message: e.message });
  }
  const rows: RowSource[] = [];
  features.forEach((f: unknown, i) => {
    const base = `features[${i}]`;
    const row = i + 1;
    if (!isRec(f) || f.type !== 'Feature') {
      issues.push({
        row,
        column: base,
        message: `must be a Feature (got ${isRec(f) ? (typeof f.type === 'string' ? `type '${f.type}'` : 'an object without a type') : describe(f)})`,
      });
      return;
    }
    if (f.properties !== undefined && f.properties !== null && !isRec(f.properties)) {
      issues.push({ row, column: `${base}.properties`, message: `must be an object (got ${describe(f.properties)})` });
    }
    const g = f.geometry;
    let coords: unknown[] = [];
    if (!isRec(g))
      issues.push({
        row,
        column: `${base}.geometry`,
        message: `must be a Point with coordinates [lon, lat]${g === null ? ' (got null)' : ''}`,
      });
    else if (g.type !== 'Point')
      issues.push({ row, column: `${base}.geometry`, message: `must be a Point, one per site (got ${describe(g.type)})` });
    else if (!Array.isArray(g.coordinates) || g.coordinates.length < 2) {
      issues.push({
        row,
        column: `${base}.geometry.coordinates`,
        message: `must be [lon, lat] in decimal degrees (got ${describe(g.coordinates)})`,
      });
    } else coords = g.coordinates;
    const p = props[i]!;
    // Property names match case-insensitively, as CSV headers do; the first spelling wins.
    const byLower = new Map(
      Object.entries(p)
        .reverse()
        .map(([k, v]) => [k.toLowerCase(), [k, v] as const]),
    );
    const get = (c: SiteColumn): unknown => (c === 'lon' ? coords[0] : c === 'lat' ? coords[1] : byLower.get(c.toLowerCase())?.[1]);
    // A native `sources` list is used only where the source_* properties give none.
    const title = get('source_title');
    const native = p.sources !== undefined && (title === undefined || title === null || title === '');
    rows.push({
      row,
      label: base,
      get,
      where: (path) => {
        const [field, ...rest] = path;
        if (field === 'lon' || field === 'lat') return `${base}.geometry.coordinates[${field === 'lon' ? 0 : 1}]`;
        if (field === 'sources' && native)
          return `${base}.properties.sources${rest.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('')}`;
        const col = fieldColumn(path);
        return `${base}.properties.${byLower.get(col.toLowerCase())?.[0] ?? col}`;
      },
      skip: new Set<SiteColumn>(coords.length === 0 ? ['lat', 'lon'] : []),
      ...(native ? { sources: p.sources } : {}),
    });
  });
  const sites = validateRows(rows, known, plan.quiet, issues, warnings);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, sites, format: 'geojson', warnings };
}

function detectFormat(fileName: string, text: string): 'csv' | 'geojson' | ImportIssue {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (text.startsWith('PK\u0003\u0004') || ['xlsx', 'xls', 'ods', 'numbers'].includes(ext)) {
    return { message: `${fileName} looks like a spreadsheet workbook; save it as "CSV UTF-8" and import that` };
  }
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return /^\s*[[{]/.test(text) ? 'geojson' : 'csv';
}

/**
 * Parses a user's site list. `knownRegionIds` are the regions of the scenario the sites will join;
 * every site must name one. The format follows the file extension (.csv/.tsv/.txt or
 * .geojson/.json), else the content.
 */
export function parseSitesText(fileName: string, text: string, knownRegionIds: readonly string[]): SitesImport {
  // Checked before anything else so a huge file costs one pass over its length, not a parse.
  const size = text.length > MAX_IMPORT_BYTES / 3 ? utf8Length(text) : 0;
  const tooBig = importSizeIssue(fileName, size);
  if (tooBig) return { ok: false, issues: [tooBig] };
  try {
    const body = text.replace(/^\uFEFF/, '');
    const format = detectFormat(fileName, body);
    if (typeof format !== 'string') return { ok: false, issues: [format] };
    const result = format === 'csv' ? parseCsvSites(body, knownRegionIds) : parseGeoJsonSites(body, knownRegionIds);
    if (!result.ok && result.issues.length > MAX_REPORTED_ISSUES) {
      const rest = result.issues.length - MAX_REPORTED_ISSUES;
      return {
        ok: false,
        issues: [...result.issues.slice(0, MAX_REPORTED_ISSUES), { message: `…and ${rest} more problem${rest === 1 ? '' : 's'}` }],
      };
    }
    if (result.ok && body.includes('\uFFFD')) {
      result.warnings.push('some characters are not valid UTF-8 (shown as �): save the file with UTF-8 encoding');
    }
    return result;
  } catch (e) {
    // A parser bug must still reach the user as a message, not a stack trace.
    return { ok: false, issues: [{ message: `could not read ${fileName}: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/**
 * Puts imported sites into a scenario, replacing its sites or appending to them, and validates
 * the result as a whole (so an imported id that repeats an existing one is reported with paths:
 * `sites[20].id: duplicate of sites[3].id 'x'`).
 */
export function mergeSites(scenario: Scenario, sites: Site[], mode: 'replace' | 'append'): ParseResult {
  return parseScenario({ ...scenario, sites: mode === 'replace' ? [...sites] : [...scenario.sites, ...sites] });
}
