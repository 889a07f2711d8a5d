// The site import's messages follow the page's language: in Japanese a bad CSV is still reported
// with its row and column, the value it found and the same caps on what it echoes; English is
// restored after each test so the other import tests (which compare English text) are unaffected.
import { afterEach, describe, expect, it } from 'vitest';
import { fileText } from '../../src/data/fileText';
import {
  formatImportIssue,
  importIssueLines,
  issueWhere,
  parseSitesText,
  type ImportIssue,
  type SitesImport,
} from '../../src/data/importSites';
import { setLanguage } from '../../src/i18n/i18n';

const REGIONS = ['north', 'south'];
const HEAD = 'id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling';
const GOOD = 'a,Alpha,51.5,-0.1,north,operating,100,2024,air';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function issuesOf(r: SitesImport): ImportIssue[] {
  if (r.ok) throw new Error('expected issues, got ok');
  return r.issues;
}

afterEach(() => setLanguage('en'));

describe('site import messages in Japanese', () => {
  it('a bad cell: Japanese, naming its row, column and value', () => {
    setLanguage('ja');
    const [issue, ...rest] = issuesOf(
      parseSitesText('sites.csv', `${HEAD}\n${GOOD}\nb,Beta,51.5,-0.1,north,operating,120 kW,2024,air\n`, REGIONS),
    );
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ row: 3, column: 'itLoadMW' });
    expect(issue!.message).toMatch(JAPANESE);
    expect(issue!.message).toContain("'120 kW'");
    expect(issue!.message).toContain('0.12 MW');
    const where = issueWhere(issue!);
    expect(where).toMatch(JAPANESE);
    expect(where).toContain('3');
    expect(where).toContain('itLoadMW');
    const line = formatImportIssue(issue!);
    expect(line).toMatch(JAPANESE);
    expect(line).toContain('3');
    expect(line).toContain('itLoadMW');
    expect(line).not.toMatch(/\b(row|column|must be|got)\b/);
  });

  it('an unknown region and a duplicate id: Japanese, each naming its row and column', () => {
    setLanguage('ja');
    const csv = `${HEAD}\n${GOOD}\na,Again,51.5,-0.1,North,operating,100,2024,air\n`;
    const issues = issuesOf(parseSitesText('sites.csv', csv, REGIONS));
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'region'],
      [3, 'id'],
    ]);
    for (const i of issues) expect(formatImportIssue(i)).toMatch(JAPANESE);
    expect(issues[0]!.message).toContain("'North'");
    expect(issues[0]!.message).toContain("'north'");
    expect(issues[1]!.message).toContain('2 行目'); // where the first 'a' is
  });

  it('keeps the caps on echoed values in Japanese', () => {
    setLanguage('ja');
    const long = 'x'.repeat(5000);
    const [issue] = issuesOf(parseSitesText('sites.csv', `${HEAD}\nb,Beta,51.5,-0.1,north,operating,${long},2024,air\n`, REGIONS));
    expect(issue!.message).toMatch(JAPANESE);
    expect(issue!.message.length).toBeLessThan(200);
    expect(issue!.message).toContain('(5,000 characters)');
  });

  it('whole-file problems and the cut list are Japanese too', () => {
    setLanguage('ja');
    expect(issuesOf(parseSitesText('sites.csv', '', REGIONS))[0]!.message).toMatch(JAPANESE);
    const workbook = fileText('sites.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]));
    expect(workbook.ok).toBe(false);
    if (!workbook.ok) {
      expect(workbook.problem.message).toMatch(JAPANESE);
      expect(workbook.problem.message).toContain('sites.xlsx');
    }
    const rows = Array.from({ length: 150 }, (_, i) => `s${i},S,91,-0.1,north,operating,100,2024,air`).join('\n');
    const r = parseSitesText('sites.csv', `${HEAD}\n${rows}\n`, REGIONS);
    if (r.ok) throw new Error('expected issues, got ok');
    const lines = importIssueLines(r);
    expect(lines.at(-1)).toMatch(JAPANESE);
    expect(lines.at(-1)).toContain('130');
  });

  it('is English again once the language is', () => {
    setLanguage('ja');
    setLanguage('en');
    const [issue] = issuesOf(parseSitesText('sites.csv', `${HEAD}\nb,Beta,51.5,-0.1,north,operating,120 kW,2024,air\n`, REGIONS));
    expect(formatImportIssue(issue!)).toBe("row 2, column itLoadMW: must be a number of MW; got '120 kW' (120 kW = 0.12 MW)");
  });
});
