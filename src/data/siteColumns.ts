// The column convention for site lists (public/data/sites.csv), and how one row's cells become a
// raw site object for `siteSchema`. CSV and GeoJSON imports share these rules so a value gets the
// same message whichever format it came in.
import { numberFormat, t } from '../i18n/i18n';
import { echo } from '../scenario/echo';

export const SITE_COLUMNS = [
  'id',
  'name',
  'operator',
  'country',
  'lat',
  'lon',
  'region',
  'status',
  'itLoadMW',
  'plannedYear',
  'rampYears',
  'cooling',
  'acceleratorImportShare',
  'source_title',
  'source_url',
  'source_date',
  'assumed',
  'notes',
  'aggregate',
  'onsiteGeneration',
  'flexibleConnection',
] as const;
export type SiteColumn = (typeof SITE_COLUMNS)[number];

/** Columns with no schema default: a site list without one of these cannot be used. */
export const REQUIRED_COLUMNS: readonly SiteColumn[] = [
  'id',
  'name',
  'lat',
  'lon',
  'region',
  'status',
  'itLoadMW',
  'plannedYear',
  'cooling',
];

// Blank cells here take the schema default; the site's `assumed` list then says so, as the
// shipped data does for every value that is not a published figure.
const DEFAULTED = ['rampYears', 'acceleratorImportShare'] as const;

/** The numeric columns, each with an `imports:number.*` key saying what its cells must be. */
const NUMBER_COLUMNS = ['lat', 'lon', 'itLoadMW', 'plannedYear', 'rampYears', 'acceleratorImportShare'] as const;
type NumberColumn = (typeof NUMBER_COLUMNS)[number];
const isNumberColumn = (c: SiteColumn): c is NumberColumn => (NUMBER_COLUMNS as readonly string[]).includes(c);
const STRING_COLUMNS = new Set<SiteColumn>(['id', 'name', 'operator', 'country', 'region', 'notes']);
const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const POWER_RE = /^([-+]?(?:\d+\.?\d*|\.\d+))\s*(w|kw|mw|gw)$/i;
const TO_MW: Record<string, number> = { w: 1e-6, kw: 1e-3, mw: 1, gw: 1e3 };

/**
 * More columns than this is a wrong delimiter or not a site list (the convention has 21): the
 * file is refused naming the count, rather than 200,000 columns planned and listed as ignored.
 */
export const MAX_COLUMNS = 1000;
/** Ignored columns named one by one before "… and N more columns ignored". */
const MAX_IGNORED_LISTED = 20;

export const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as a message quotes it: strings in quotes, cut at 40 characters, controls escaped. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return t('imports:value.list');
  if (typeof v === 'string') return `'${echo(v, 40)}'`;
  if (typeof v === 'object') return t('imports:value.object');
  return echo(String(v), 40);
}

/** Names for a message: each as describe quotes it, at most `max`, then how many more. */
export function listed(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => echo(n, 40));
  return names.length > max ? t('imports:list.more', { shown: shown.join(', '), n: names.length - max }) : shown.join(', ');
}

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

// A hint for the mistakes people actually make: units typed into the cell, decimal commas.
function numberHint(col: SiteColumn, s: string): string {
  const power = POWER_RE.exec(s);
  if (power && col === 'itLoadMW') {
    const unit = power[2]!.toLowerCase();
    if (unit === 'mw') return t('imports:hint.unit');
    return `${echo(power[1]!, 40)} ${power[2]} = ${+(Number(power[1]) * TO_MW[unit]!).toPrecision(6)} MW`;
  }
  if (/^[-+]?\d+(,\d+)+$/.test(s)) return t('imports:hint.decimal');
  return '';
}

export interface CellIssue {
  column: SiteColumn;
  message: string;
}
export interface RawRow {
  raw: Record<string, unknown>;
  issues: CellIssue[];
  /** Columns whose blank cells took the schema default (and were added to `assumed`). */
  defaulted: SiteColumn[];
}

function notNumber(col: NumberColumn, got: string, hint = ''): CellIssue {
  const words = t(`imports:number.${col}`);
  return { column: col, message: hint ? t('imports:cell.numberHint', { words, got, hint }) : t('imports:cell.number', { words, got }) };
}

function toNumber(col: NumberColumn, v: unknown): number | CellIssue {
  if (typeof v === 'number') return Number.isFinite(v) ? v : notNumber(col, String(v));
  if (typeof v !== 'string') return notNumber(col, describe(v));
  const s = v.trim();
  if (NUMBER_RE.test(s)) return Number(s);
  return notNumber(col, describe(s), numberHint(col, s));
}

function toBoolean(v: unknown): boolean | CellIssue {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', 'yes', '1'].includes(s)) return true;
  if (['false', 'no', '0'].includes(s)) return false;
  return { column: 'aggregate', message: t('imports:cell.boolean', { got: describe(v) }) };
}

/** The columns that hold a nested record, and the message of a cell that is not JSON. */
const JSON_COLUMNS = { onsiteGeneration: 'imports:cell.json', flexibleConnection: 'imports:cell.jsonFlexible' } as const;
type JsonColumn = keyof typeof JSON_COLUMNS;
const isJsonColumn = (c: SiteColumn): c is JsonColumn => c in JSON_COLUMNS;

// On-site generation and a flexible connection are nested records (distributions, their own
// sources): a CSV cell holds one as JSON, a GeoJSON property as the object itself, so a site
// list written by sitesToCsv reads back with nothing dropped.
function toRecord(col: JsonColumn, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return { column: col, message: t(JSON_COLUMNS[col], { got: describe(v) }) } satisfies CellIssue;
  }
}

const isIssue = (v: unknown): v is CellIssue => isRec(v) && typeof v.message === 'string';

/**
 * Turns one row's cells (`get` returns the raw cell of a column, or undefined when absent) into
 * a raw site. Numbers are parsed here, strictly, so '120 kW' is an error rather than 120; range
 * checks are left to `siteSchema` so they read the same as in scenario files.
 */
export function cellsToRawSite(get: (c: SiteColumn) => unknown): RawRow {
  const raw: Record<string, unknown> = {};
  const issues: CellIssue[] = [];
  for (const col of SITE_COLUMNS) {
    const v = get(col);
    if (blank(v) || col.startsWith('source_')) continue;
    if (isNumberColumn(col)) {
      const n = toNumber(col, v);
      if (isIssue(n)) issues.push(n);
      else raw[col] = n;
    } else if (col === 'status' || col === 'cooling') {
      // Enum values are unambiguous whatever their case; spreadsheets like to capitalise.
      raw[col] = typeof v === 'string' ? v.trim().toLowerCase() : v;
    } else if (col === 'assumed') {
      raw.assumed =
        typeof v === 'string'
          ? v
              .split(';')
              .map((x) => x.trim())
              .filter((x) => x !== '')
          : Array.isArray(v)
            ? v.map((x: unknown) => (typeof x === 'string' ? x.trim() : x))
            : v;
    } else if (col === 'aggregate') {
      const b = toBoolean(v);
      if (isIssue(b)) issues.push(b);
      else raw.aggregate = b;
    } else if (isJsonColumn(col)) {
      const g = toRecord(col, v);
      if (isIssue(g)) issues.push(g);
      else raw[col] = g;
    } else if (STRING_COLUMNS.has(col)) {
      raw[col] = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : v;
    }
  }

  const title = get('source_title');
  const url = get('source_url');
  const date = get('source_date');
  if (!blank(title)) {
    const src: Record<string, unknown> = { title: typeof title === 'string' ? title.trim() : title };
    if (!blank(url)) src.url = typeof url === 'string' ? url.trim() : url;
    if (!blank(date)) src.date = typeof date === 'string' ? date.trim() : String(date);
    raw.sources = [src];
  } else if (!blank(url) || !blank(date)) {
    issues.push({ column: 'source_title', message: t('imports:cell.sourceTitle') });
  }

  const defaulted = DEFAULTED.filter((c) => blank(get(c)));
  const assumed = raw.assumed;
  if (defaulted.length > 0 && (assumed === undefined || Array.isArray(assumed))) {
    raw.assumed = [...(assumed ?? []), ...defaulted.filter((c) => !(assumed ?? []).includes(c))];
  }
  return { raw, issues, defaulted };
}

// ---- header names -------------------------------------------------------------------------------

/** A column named like a known one but in other units or words: the target column and why. */
function mistakeFor(name: string): { target: 'itLoadMW' | 'lat' | 'lon' | 'plannedYear'; message: string } | undefined {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const target = /^(it|critical|facility|total)*(load|capacity|power|demand)(it)?(w|kw|mw|gw|mva|kva|mwe)?$/.test(n)
    ? 'itLoadMW'
    : n === 'latitude' || n === 'y'
      ? 'lat'
      : ['lng', 'long', 'longitude', 'x'].includes(n)
        ? 'lon'
        : /year/.test(n) && n !== 'rampyears'
          ? 'plannedYear'
          : undefined;
  return target && { target, message: t(`imports:mistake.${target}`) };
}

const letter = (i: number): string => (i >= 26 ? letter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

export interface ColumnPlan {
  /** Header position → canonical column (case-insensitive match), undefined when ignored. */
  columns: (SiteColumn | undefined)[];
  /** Errors about a header name: unit mistakes standing in for a missing column, duplicates. */
  errors: { name: string; message: string }[];
  warnings: string[];
  /** Required columns absent from the header and not explained by an error above. */
  missing: SiteColumn[];
  /** Targets of unit-mistake errors: a per-row "is required" there would only repeat the error. */
  quiet: Set<SiteColumn>;
}

/**
 * Maps header names onto site columns. `noun` words the messages ('column' for CSV, 'property'
 * for GeoJSON); `positional` is false for GeoJSON, where lat/lon come from the geometry.
 */
export function planColumns(names: readonly string[], noun: 'column' | 'property', positional: boolean): ColumnPlan {
  const byLower = new Map<string, SiteColumn>(SITE_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const where = new Map<SiteColumn, number[]>();
  const columns = names.map((raw, i): SiteColumn | undefined => {
    const c = byLower.get(raw.trim().toLowerCase());
    if (!c || (!positional && (c === 'lat' || c === 'lon'))) return undefined;
    where.set(c, [...(where.get(c) ?? []), i]);
    return c;
  });
  const errors: ColumnPlan['errors'] = [];
  const warnings: string[] = [];
  const present = new Set(where.keys());
  const quiet = new Set<SiteColumn>();
  // GeoJSON names are a union over features, so a repeat there is two spellings, not two columns.
  for (const [c, at] of noun === 'column' ? where : []) {
    if (at.length > 1)
      errors.push({ name: c, message: t('imports:header.repeated', { times: at.length, letters: listed(at.map(letter)) }) });
  }
  const ignored: string[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (columns[i] !== undefined || name === '') return;
    const lower = name.toLowerCase();
    if (!positional && (lower === 'lat' || lower === 'lon')) {
      warnings.push(t('imports:header.position', { name }));
      return;
    }
    const m = mistakeFor(name);
    if (m && !present.has(m.target) && (positional || (m.target !== 'lat' && m.target !== 'lon'))) {
      errors.push({ name, message: m.message });
      quiet.add(m.target);
    } else {
      const shown = echo(name);
      const column = noun === 'column';
      if (m) ignored.push(t(column ? 'imports:ignored.columnReads' : 'imports:ignored.propertyReads', { name: shown, target: m.target }));
      else ignored.push(t(column ? 'imports:ignored.column' : 'imports:ignored.property', { name: shown }));
    }
  });
  warnings.push(...ignored.slice(0, MAX_IGNORED_LISTED));
  if (ignored.length > MAX_IGNORED_LISTED) {
    const n = numberFormat().format(ignored.length - MAX_IGNORED_LISTED);
    warnings.push(t(noun === 'column' ? 'imports:ignored.moreColumns' : 'imports:ignored.moreProperties', { n }));
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !present.has(c) && !quiet.has(c) && (positional || (c !== 'lat' && c !== 'lon')));
  return { columns, errors, warnings, missing, quiet };
}
