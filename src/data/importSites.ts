// Users' own site lists: CSV (the public/data/sites.csv convention) or a GeoJSON FeatureCollection
// of Points, turned into validated `Site`s. Every bad value is reported with where it is and why,
// in the words a spreadsheet user needs; nothing here throws on bad input.
import Papa from 'papaparse';
import type { z } from 'zod';
import { FORMULA_START } from '../engine/csv';
import { numberFormat, t } from '../i18n/i18n';
import { echo } from '../scenario/echo';
import { siteSchema, type Scenario, type Site } from '../scenario/schema';
import { MAX_SITES, parseScenario, type ParseResult } from '../scenario/validate';
import { fileText, kindProblem, MAX_IMPORT_BYTES, nameOf, textFormatProblem, utf8Length, wrongKind } from './fileText';
import { capIssues, type ImportIssue, importSizeIssue, type SitesImport } from './importIssues';
import { ruleText } from './ruleText';
import { cellsToRawSite, describe, isRec, listed, MAX_COLUMNS, planColumns, REQUIRED_COLUMNS, type SiteColumn } from './siteColumns';

export { MAX_IMPORT_BYTES } from './fileText';
export { formatImportIssue, importIssueLines, importSizeIssue, issueWhere, MAX_REPORTED_ISSUES } from './importIssues';
export type { ImportIssue, SitesImport } from './importIssues';
export { REQUIRED_COLUMNS, SITE_COLUMNS } from './siteColumns';
export type { SiteColumn } from './siteColumns';

/** One record to validate, whatever the format. */
interface RowSource {
  row: number;
  /** How a duplicate elsewhere names this record: `row 3` or `features[2]` (called only when needed). */
  label(): string;
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
/** A CSV cell's name; inside the JSON of `onsiteGeneration` or `flexibleConnection`, its path too (onsiteGeneration.kind). */
const csvColumn = (path: readonly PropertyKey[]): string =>
  path[0] === 'onsiteGeneration' || path[0] === 'flexibleConnection'
    ? path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('')
    : fieldColumn(path);

function zodMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) return t('imports:site.required');
  if (issue.code === 'invalid_type') {
    const values = { expected: issue.expected, got: describe(value) };
    return t(/^[aeiou]/.test(issue.expected) ? 'imports:site.typeAn' : 'imports:site.typeA', values);
  }
  if (issue.code === 'invalid_value') return t('imports:site.value', { message: ruleText(issue.message), got: describe(value) });
  return echo(ruleText(issue.message), 200);
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
      const values = { region: describe(region), known: listed(known) || t('imports:site.regionNone') };
      issues.push({
        row: r.row,
        column: r.where(['region']),
        message: near ? t('imports:site.regionNear', { ...values, near: describe(near) }) : t('imports:site.region', values),
      });
    }
    const id = raw.id;
    if (typeof id === 'string' && id !== '') {
      const first = firstById.get(id);
      if (first !== undefined)
        issues.push({ row: r.row, column: r.where(['id']), message: t('imports:site.duplicate', { id: describe(id), first }) });
      else firstById.set(id, r.label());
    }
    if (parsed.success) sites.push(parsed.data);
  }
  if (defaultedRows > 0) {
    warnings.push(t('imports:site.defaulted', { count: defaultedRows }));
  }
  return sites;
}

const tooMany = (n: number): ImportIssue => ({ message: t('imports:site.tooMany', { n, max: MAX_SITES }) });

const tooWide = (n: number, what: 'header' | 'features'): ImportIssue => ({
  message: t(what === 'header' ? 'imports:site.tooWideHeader' : 'imports:site.tooWideFeatures', {
    n: numberFormat().format(n),
    max: numberFormat().format(MAX_COLUMNS),
  }),
});

/** toCsv's guard taken off again: the apostrophe it puts before a cell that would start a formula. */
const unguard = (cell: string | undefined): string | undefined =>
  cell?.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

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
    if (e.type === 'Quotes') issues.push({ row: (e.row ?? 0) + 1, message: t('imports:csv.quote') });
  }
  const [head, ...body] = parsed.data;
  if (!head || head.every((c) => c.trim() === '')) return { ok: false, issues: [{ message: t('imports:csv.empty') }] };

  // A wide header is a wrong delimiter or not a site list; its columns are not worth listing.
  if (head.length > MAX_COLUMNS) return { ok: false, issues: [tooWide(head.length, 'header')] };
  const plan = planColumns(head, 'column', true);
  for (const e of plan.errors) issues.push({ column: echo(e.name), message: e.message });
  const required = REQUIRED_COLUMNS.join(', ');
  for (const c of plan.missing) issues.push({ column: c, message: t('imports:csv.missing', { required }) });
  for (const w of plan.warnings) warnings.push(w);

  const index = new Map<SiteColumn, number>();
  plan.columns.forEach((c, i) => c !== undefined && !index.has(c) && index.set(c, i));
  const rows: RowSource[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // blank lines, and the one after a final newline
    const row = i + 2;
    const extra = cells.slice(head.length).filter((c) => c.trim() !== '').length;
    if (extra > 0) issues.push({ row, message: t('imports:csv.extra', { values: cells.length, columns: head.length }) });
    const get = (c: SiteColumn) => unguard(cells[index.get(c) ?? -1]);
    rows.push({ row, label: () => t('imports:where.row', { row }), get, where: csvColumn, skip: new Set() });
  });
  if (rows.length === 0) issues.push({ message: t('imports:csv.noRows') });
  if (rows.length > MAX_SITES) return { ok: false, issues: [...issues, tooMany(rows.length)] };
  const quiet = new Set([...plan.quiet, ...plan.missing]);
  const sites = validateRows(rows, known, quiet, issues, warnings);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, sites, format: 'csv', warnings };
}

const typeOf = (v: Record<string, unknown>): string =>
  typeof v.type === 'string' ? t('imports:geo.type', { type: describe(v.type) }) : t('imports:geo.noType');

function parseGeoJsonSites(fileName: string, text: string, known: readonly string[]): SitesImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ message: t('imports:geo.json', { error: echo(e instanceof Error ? e.message : String(e), 200) }) }] };
  }
  // The text check (looksLikeScenario) sees only the head; the parsed document settles it.
  if (isRec(doc) && doc.type !== 'FeatureCollection' && ['sites', 'regions', 'startYear'].some((k) => k in doc)) {
    return { ok: false, issues: [{ message: wrongKind(nameOf(fileName), 'sites') }] };
  }
  if (!isRec(doc) || doc.type !== 'FeatureCollection') {
    const got = isRec(doc) ? typeOf(doc) : describe(doc);
    return { ok: false, issues: [{ message: t('imports:geo.notCollection', { got }) }] };
  }
  const features = doc.features;
  if (!Array.isArray(features)) return { ok: false, issues: [{ column: 'features', message: t('imports:geo.featuresList') }] };
  if (features.length === 0) return { ok: false, issues: [{ column: 'features', message: t('imports:geo.featuresEmpty') }] };
  if (features.length > MAX_SITES) return { ok: false, issues: [tooMany(features.length)] };

  const props = features.map((f) => (isRec(f) && isRec(f.properties) ? f.properties : {}));
  const names = propertyNames(props);
  if (names.length > MAX_COLUMNS) return { ok: false, issues: [tooWide(names.length, 'features')] };
  const plan = planColumns(names, 'property', false);
  const issues: ImportIssue[] = [];
  const warnings = [...plan.warnings];
  for (const e of plan.errors) {
    const i = props.findIndex((p) => e.name in p);
    issues.push({ row: i + 1, column: `features[${i}].properties.${echo(e.name)}`, message: e.message });
  }
  const rows: RowSource[] = [];
  features.forEach((f: unknown, i) => {
    const base = `features[${i}]`;
    const row = i + 1;
    if (!isRec(f) || f.type !== 'Feature') {
      issues.push({
        row,
        column: base,
        message: t('imports:geo.feature', { got: isRec(f) ? typeOf(f) : describe(f) }),
      });
      return;
    }
    if (f.properties !== undefined && f.properties !== null && !isRec(f.properties)) {
      issues.push({ row, column: `${base}.properties`, message: t('imports:geo.properties', { got: describe(f.properties) }) });
    }
    const g = f.geometry;
    let coords: unknown[] = [];
    if (!isRec(g))
      issues.push({
        row,
        column: `${base}.geometry`,
        message: t(g === null ? 'imports:geo.geometryNull' : 'imports:geo.geometry'),
      });
    else if (g.type !== 'Point')
      issues.push({ row, column: `${base}.geometry`, message: t('imports:geo.point', { got: describe(g.type) }) });
    else if (!Array.isArray(g.coordinates) || g.coordinates.length < 2) {
      issues.push({
        row,
        column: `${base}.geometry.coordinates`,
        message: t('imports:geo.coordinates', { got: describe(g.coordinates) }),
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
      label: () => base,
      get,
      where: (path) => {
        const [field, ...rest] = path;
        if (field === 'lon' || field === 'lat') return `${base}.geometry.coordinates[${field === 'lon' ? 0 : 1}]`;
        if (field === 'sources' && native)
          return `${base}.properties.sources${rest.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('')}`;
        const col = fieldColumn(path);
        return `${base}.properties.${echo(byLower.get(col.toLowerCase())?.[0] ?? col)}`;
      },
      skip: new Set<SiteColumn>(coords.length === 0 ? ['lat', 'lon'] : []),
      ...(native ? { sources: p.sources } : {}),
    });
  });
  const sites = validateRows(rows, known, plan.quiet, issues, warnings);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, sites, format: 'geojson', warnings };
}

function detectFormat(fileName: string, text: string): 'csv' | 'geojson' | ImportIssue {
  const problem = textFormatProblem(fileName, text) ?? kindProblem(fileName, text, 'sites');
  if (problem) return { message: problem.message };
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return /^\s*[[{]/.test(text) ? 'geojson' : 'csv';
}

/**
 * Parses a user's site list. `knownRegionIds` are the regions of the scenario the sites will join;
 * every site must name one. The format follows the file extension (.csv/.tsv/.txt or
 * .geojson/.json), else the content. A CSV cell that toCsv guarded with an apostrophe (a text
 * that would start a formula) is read without it.
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
    const result = format === 'csv' ? parseCsvSites(body, knownRegionIds) : parseGeoJsonSites(fileName, body, knownRegionIds);
    if (result.ok && body.includes('\uFFFD')) {
      result.warnings.push(t('imports:site.replacementChar'));
    }
    return capIssues(result);
  } catch (e) {
    // A parser bug must still reach the user as a message, not a stack trace.
    return {
      ok: false,
      issues: [
        { message: t('imports:site.readFailed', { name: nameOf(fileName), error: echo(e instanceof Error ? e.message : String(e), 200) }) },
      ],
    };
  }
}

/**
 * A site list from a file's bytes (the page's File, the CLI's --sites): decoded by fileText
 * (UTF-8, UTF-16, a workbook or binary refused with what to do), then parsed as above. `size` is
 * the whole file's when `bytes` is only its head (a file over the size limit).
 */
export function parseSitesFile(fileName: string, bytes: Uint8Array, knownRegionIds: readonly string[], size = bytes.length): SitesImport {
  const read = fileText(fileName, bytes, 'sites', size);
  if (!read.ok) return { ok: false, issues: [{ message: read.problem.message }] };
  return parseSitesText(fileName, read.text, knownRegionIds);
}

/** Every property name over the features, first seen first (not `sources`, a list of its own). */
function propertyNames(props: readonly Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  for (const p of props) for (const k of Object.keys(p)) if (k !== 'sources') names.add(k);
  return [...names];
}

/**
 * The scenario's aggregate (rest-of-fleet) entries that a 'replace' keeps: all of them, unless
 * the file brings aggregates of its own (then it replaces them too) or repeats their ids. A site
 * list like public/data/sites.csv names only facilities; dropping the fleets silently would cut
 * a national total to its named sites (the import notice says they were kept).
 */
export function keptAggregates(scenario: Scenario, sites: readonly Site[], mode: 'replace' | 'append'): Site[] {
  if (mode !== 'replace' || sites.some((x) => x.aggregate === true)) return [];
  const ids = new Set(sites.map((x) => x.id));
  return scenario.sites.filter((x) => x.aggregate === true && !ids.has(x.id));
}

/**
 * Puts imported sites into a scenario, replacing its sites (but for keptAggregates) or appending
 * to them, and validates the result as a whole (so an imported id that repeats an existing one is
 * reported with paths: `sites[20].id: duplicate of sites[3].id 'x'`).
 */
export function mergeSites(scenario: Scenario, sites: Site[], mode: 'replace' | 'append'): ParseResult {
  const merged = mode === 'replace' ? [...sites, ...keptAggregates(scenario, sites, mode)] : [...scenario.sites, ...sites];
  return parseScenario({ ...scenario, sites: merged });
}
