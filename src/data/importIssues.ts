// One problem with an imported site list, and how messages show a list of them: each issue
// escaped and cut (echo), the list cut with the rest counted, on the page and in the CLI alike.
import { numberFormat, t } from '../i18n/i18n';
import { echo, LIST_MAX } from '../scenario/echo';
import type { Site } from '../scenario/schema';
import { fileSizeProblem } from './fileText';

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

/** `total` counts every problem found where `issues` lists only the first MAX_REPORTED_ISSUES. */
export type SitesImport =
  | { ok: true; sites: Site[]; format: 'csv' | 'geojson'; warnings: string[] }
  | { ok: false; issues: ImportIssue[]; total?: number };

/**
 * Past this many problems the list stops helping (and a 4,000-row file of bad values would make
 * a page-long list); the rest are counted in one last issue.
 */
export const MAX_REPORTED_ISSUES = 100;
/** A formatted issue is cut here: its parts are capped already; this bounds what they add up to. */
const MAX_ISSUE_CHARS = 400;

/** Where an issue is, as a message shows it: `row 4, column lat`, `features[3].geometry`, or ''. */
export function issueWhere(i: ImportIssue): string {
  const column = i.column === undefined ? undefined : echo(i.column, 200);
  if (column !== undefined && /^features(\[|$)/.test(column)) return column;
  // An empty column name counts as none.
  if (i.row !== undefined && column) return t('imports:where.rowColumn', { row: i.row, column });
  if (i.row !== undefined) return t('imports:where.row', { row: i.row });
  return column ? t('imports:where.column', { column }) : '';
}

/** The last line of a cut list: `… and 1,234 more problems`. */
export const moreProblems = (n: number): string => t('imports:more', { n: numberFormat().format(n) });

/** `row 4, column lat: must be …`; GeoJSON issues read `features[3].geometry: must be …`. */
export function formatImportIssue(i: ImportIssue): string {
  const where = issueWhere(i);
  return echo(where ? t('imports:issue', { where, message: i.message }) : i.message, MAX_ISSUE_CHARS);
}

/**
 * An import's problems as lines of text (the CLI's), at most `max` of them and then one line
 * "… and N more problems" counting every problem found, also those the import did not list.
 */
export function importIssueLines(r: { issues: readonly ImportIssue[]; total?: number }, max = LIST_MAX): string[] {
  // With `total`, the last issue is capIssues' own count, recounted here.
  const found = r.total === undefined ? r.issues : r.issues.slice(0, -1);
  const lines = found.slice(0, max).map(formatImportIssue);
  const more = (r.total ?? r.issues.length) - lines.length;
  return more > 0 ? [...lines, moreProblems(more)] : lines;
}

/**
 * The size check on its own, so a page can refuse a `File` by `file.size` before reading it into
 * memory at all. Undefined when the size is fine.
 */
export function importSizeIssue(fileName: string, bytes: number): ImportIssue | undefined {
  const p = fileSizeProblem(fileName, bytes, 'sites');
  return p && { message: p.message };
}

/** The first MAX_REPORTED_ISSUES problems, then one counting the rest; `total` counts them all. */
export function capIssues(result: SitesImport): SitesImport {
  if (result.ok || result.issues.length <= MAX_REPORTED_ISSUES) return result;
  const total = result.issues.length;
  const more = { message: moreProblems(total - MAX_REPORTED_ISSUES) };
  return { ok: false, issues: [...result.issues.slice(0, MAX_REPORTED_ISSUES), more], total };
}
