// Saving a scenario as a file: the JSON a user downloads is the same text `parseScenario` reads
// back, so an exported scenario can be shared, edited by hand and opened again.
import { toCsv } from '../engine/csv';
import type { Scenario, Site } from '../scenario/schema';
import { SITE_COLUMNS } from './siteColumns';

/**
 * Pretty JSON (2-space indent, trailing newline) for diff-friendly files. It round-trips:
 * `parseScenario(scenarioToJson(s))` gives a scenario equal to `s`, because a validated scenario
 * is already in the schema's output form (defaults filled, bare numbers as `{dist: 'fixed'}`).
 */
export function scenarioToJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** A file name from the scenario's name: lowercase ASCII slug, at most 60 characters, `.json`. */
export function scenarioFileName(scenario: Pick<Scenario, 'name'>): string {
  const slug = scenario.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop the accents NFKD split off: "Île" → "Ile"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'scenario'}.json`;
}

/**
 * Site list as CSV in the public/data/sites.csv convention, readable by `parseSitesText`. A CSV
 * row holds one source, so sites with several keep only their first; `aggregate`,
 * `onsiteGeneration` and `flexibleConnection` (both as JSON, their nested sources kept) are written only when some site sets them. Text that a spreadsheet would run as a formula gets toCsv's
 * apostrophe; the site reader takes it off again, so the file still round-trips.
 */
export function sitesToCsv(sites: readonly Site[]): string {
  const optional = (c: string): c is 'aggregate' | 'onsiteGeneration' | 'flexibleConnection' =>
    c === 'aggregate' || c === 'onsiteGeneration' || c === 'flexibleConnection';
  const columns = SITE_COLUMNS.filter((c) => !optional(c) || sites.some((s) => s[c] !== undefined));
  const rows = sites.map((s) => {
    const { sources, assumed, onsiteGeneration, flexibleConnection, ...plain } = s;
    const src = sources?.[0];
    const cells: Record<string, string | number | boolean | undefined> = {
      ...plain,
      source_title: src?.title,
      source_url: src?.url,
      source_date: src?.date,
      assumed: assumed?.join(';'),
      onsiteGeneration: onsiteGeneration && JSON.stringify(onsiteGeneration),
      flexibleConnection: flexibleConnection && JSON.stringify(flexibleConnection),
    };
    return columns.map((c) => cells[c] ?? '');
  });
  return toCsv(columns, rows);
}

/**
 * Browser only: offers `text` as a download named `name`. The object URL is revoked on a later
 * task, not at once: revoking synchronously after click() cancels the download in some browsers.
 */
export function downloadText(name: string, text: string, mime: string): void {
  downloadBlob(name, new Blob([text], { type: mime }));
}

/** Saves a file from the page through a same-origin blob: URL (which the page's CSP allows). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a); // Firefox ignores click() on an anchor outside the document
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
