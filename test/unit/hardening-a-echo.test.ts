// Hardening, error echoes: a message repeats at most a bounded piece of what a user gave it (a key,
// a name, an id, a value: echo(), control characters escaped) and lists at most a bounded number
// of problems ("… and N more problems"), so a 1 MB key, a 100 kB name or 4,000 bad sites give a
// message a person can read, on the page and in the CLI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { withSiteFile } from '../../src/cli/siteFile';
import { formatImportIssue, importIssueLines, MAX_REPORTED_ISSUES, parseSitesText, type SitesImport } from '../../src/data/importSites';
import { capLines, echo } from '../../src/scenario/echo';
import type { Scenario } from '../../src/scenario/schema';
import { formatIssues, parseScenario, ScenarioError, type ScenarioIssue } from '../../src/scenario/validate';
import { importIssueToUi, scenarioIssuesToUi } from '../../src/ui/scenarioLoader';

const FIXTURE_TEXT = readFileSync(new URL('../fixtures/minimal-scenario.json', import.meta.url), 'utf8');
const REGIONS = ['north', 'south'];
// Raw control characters (C0 but newline, DEL, C1) and the bidi overrides echo escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HEAD = 'id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling';

const fixture = (): Record<string, unknown> & { sites: Record<string, unknown>[] } => JSON.parse(FIXTURE_TEXT);
function errorsOf(input: unknown): ScenarioIssue[] {
  const r = parseScenario(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const importLines = (r: SitesImport): string[] => (r.ok ? [] : r.issues.map(formatImportIssue));
const scenario = (): Scenario => {
  const r = parseScenario(FIXTURE_TEXT);
  if (!r.ok) throw new Error('fixture');
  return r.scenario;
};
/** Every line of a message is short and has no raw control character. */
function expectSafe(text: string, maxLine = 420): void {
  for (const line of text.split('\n')) {
    expect(line.length).toBeLessThanOrEqual(maxLine);
    expect(line).not.toMatch(UNSAFE);
  }
}

describe('one long input is echoed short, its length named', () => {
  it('a 1 MB unknown key in a scenario', () => {
    const key = 'k'.repeat(1_000_000);
    const errors = errorsOf({ ...fixture(), [key]: 1 });
    const message = new ScenarioError(errors, 'big.json').message;
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('(1,000,000 characters)');
    expect(formatIssues(errors)).toMatch(/^\["k{80}…" \(1,000,000 characters\)\]: unknown field$/);
  });

  it('a key with terminal escapes and a bidi override is shown escaped', () => {
    const errors = errorsOf({ ...fixture(), '\u001b[31mred\u202e': 1 });
    expect(formatIssues(errors)).toBe('["\\u001b[31mred\\u202e"]: unknown field');
  });

  it('a 100 kB region name, and a 100 kB duplicate id, in a scenario', () => {
    const s = fixture();
    const first = s.sites[0]!;
    const id = 'i'.repeat(100_000);
    s.sites = [
      { ...first, region: 'r'.repeat(100_000) },
      { ...first, id },
      { ...first, id },
    ];
    const message = new ScenarioError(errorsOf(s)).message;
    expect(message.length).toBeLessThan(600);
    expect(message).toContain("no region 'rrrr");
    expect(message).toContain('(100,000 characters)');
  });

  it('a 100 kB value, region and column name in a site file', () => {
    const long = 'x'.repeat(100_000);
    const text = `${HEAD},${long}\ns1,One,${long},-3,${long},planned,10,2027,air,\ns1,Two,55,-3,north,planned,10,2027,air,\n`;
    const r = parseSitesText('sites.csv', text, REGIONS);
    const lines = importLines(r);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expectSafe(lines.join('\n'), 400);
    expect(lines.join('\n').length).toBeLessThan(1200);
    // A 100 kB GeoJSON property name is named short in its warning.
    const geo = parseSitesText(
      's.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {
              id: 'a',
              name: 'A',
              region: 'north',
              status: 'planned',
              itLoadMW: 1,
              plannedYear: 2027,
              cooling: 'air',
              [long]: 1,
            },
            geometry: { type: 'Point', coordinates: [0, 0] },
          },
        ],
      }),
      REGIONS,
    );
    expect(geo.ok && geo.warnings.every((w) => w.length < 300)).toBe(true);
  });
});

describe('4,000 bad sites: the list is cut, the rest counted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-echo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bad = (i: number) => `s${i},Site ${i},200,-3,${'region-'.repeat(60)}${i},planned,-5,2027,steam`;
  const csv = [HEAD, ...Array.from({ length: 4000 }, (_, i) => bad(i))].join('\n');

  it('in the CLI: under 10 kB, 20 problems and "… and N more problems" counting every one', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, csv);
    const e = await withSiteFile(scenario(), file, 'replace').catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(Error);
    const message = (e as Error).message;
    expect(message.length).toBeLessThan(10_000);
    expect(message).toMatch(/^.*bad\.csv: 16,000 problems:\n/);
    expect(message.split('\n')).toHaveLength(22);
    expect(message).toMatch(/\n {2}… and 15,980 more problems$/);
    expectSafe(message);
  });

  it(`on the page: at most ${MAX_REPORTED_ISSUES} problems listed, under 20 kB`, () => {
    const r = parseSitesText('bad.csv', csv, REGIONS);
    if (r.ok) throw new Error('expected problems');
    const ui = r.issues.map(importIssueToUi);
    expect(ui).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(ui.at(-1)).toEqual({ message: `… and ${(16_000 - MAX_REPORTED_ISSUES).toLocaleString('en-US')} more problems` });
    expect(ui.map((i) => `${i.path ?? ''}: ${i.message}`).join('\n').length).toBeLessThan(20_000);
  });

  it('a scenario with 4,000 bad sites: the error message, and the page list', () => {
    const s = fixture();
    const first = s.sites[0]!;
    s.sites = Array.from({ length: 4000 }, (_, i) => ({ ...first, id: `s${i}`, lat: 200, region: `${'r'.repeat(500)}${i}` }));
    const errors = errorsOf(s);
    expect(errors.length).toBeGreaterThanOrEqual(8000);
    const message = new ScenarioError(errors, 'bad.json').message;
    expect(message.length).toBeLessThan(10_000);
    expect(message).toMatch(/… and [\d,]+ more problems$/);
    const ui = scenarioIssuesToUi(errors);
    expect(ui).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(ui.map((i) => `${i.path}: ${i.message}`).join('\n').length).toBeLessThan(20_000);
  });

  it('4,000 imported ids that collide with the scenario, in the CLI', async () => {
    const s = scenario();
    const id = s.sites[0]!.id;
    const file = join(dir, 'dups.csv');
    writeFileSync(file, [HEAD, ...Array.from({ length: 4000 }, (_, i) => `${id},Dup ${i},55,-3,north,planned,10,2027,air`)].join('\n'));
    const e = await withSiteFile(s, file, 'append').catch((x: unknown) => x as Error);
    expect((e as Error).message.length).toBeLessThan(10_000);
    expect((e as Error).message).toMatch(/more problems$/);
  });
});

describe('fuzz: for any key, name, id or value the formatted error is short and escaped', () => {
  const text = fc.string({ maxLength: 3000, unit: 'binary' });

  it('echo: at most max characters and a length note, nothing unsafe', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 200 }), (t, max) => {
        const out = echo(t, max);
        expect(out).not.toMatch(UNSAFE);
        // An escaped control character is six characters: \u001b.
        expect(out.length).toBeLessThanOrEqual(6 * max + 30);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: what echo escapes, newline included.
        if (t.length <= max && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(t)) expect(out).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it('capLines: at most max + 1 lines, counting the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 60 }), fc.integer({ min: 0, max: 30 }), (lines, max) => {
        const out = capLines(lines, max);
        expect(out.length).toBe(Math.min(lines.length, max + 1));
        if (lines.length > max) expect(out.at(-1)).toBe(`… and ${lines.length - max} more problems`);
      }),
      { numRuns: 200 },
    );
  });

  it('scenario: an unknown key, a site region, a duplicate id, a name', () => {
    fc.assert(
      fc.property(text, text, (key, value) => {
        const s = fixture();
        const first = s.sites[0]!;
        s.sites = [
          { ...first, region: value || 'x' },
          { ...first, name: value, id: 'b' },
        ];
        expectSafe(new ScenarioError(errorsOf({ ...s, [`u${key}`]: value })).message);
        expectSafe(
          scenarioIssuesToUi(errorsOf({ ...s, [`u${key}`]: value }))
            .map((i) => `${i.path}: ${i.message}`)
            .join('\n'),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('site file: any header name and cell value', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom('lat', 'region', 'id', 'status', 'itLoadMW'), (header, cell, column) => {
        const values: Record<string, string> = {
          id: 's1',
          name: 'n',
          lat: '55',
          lon: '-3',
          region: 'north',
          status: 'planned',
          itLoadMW: '1',
          plannedYear: '2027',
          cooling: 'air',
        };
        values[column] = `"${cell.replace(/"/g, '""')}"`;
        const line = HEAD.split(',')
          .map((c) => values[c])
          .join(',');
        const r = parseSitesText('s.csv', `${HEAD},"${header.replace(/"/g, '""')}"\n${line},\n${line},\n`, REGIONS);
        for (const l of importLines(r)) expectSafe(l, 400);
        if (!r.ok) for (const i of r.issues.map(importIssueToUi)) expectSafe(`${i.path ?? ''}: ${i.message}`, 620);
        if (r.ok) for (const w of r.warnings) expectSafe(w, 400);
        expect(importIssueLines(r.ok ? { issues: [] } : r).length).toBeLessThanOrEqual(21);
      }),
      { numRuns: 150 },
    );
  });
});
