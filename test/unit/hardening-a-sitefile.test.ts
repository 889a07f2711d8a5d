// Hardening, site files: one reader (src/data/fileText.ts) for the page and the CLI. Pathological
// files (200,000 columns, UTF-16, workbooks, PDFs, binary, Windows-1252, a scenario given as a site
// list and the reverse, 100 MB) each get one clear message, the same on both sides; and a site
// named like a formula survives sitesToCsv → parseSitesText.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readScenarioFile, SiteFileError, withSiteFile } from '../../src/cli/siteFile';
import { fileText, guessKind, MAX_IMPORT_BYTES } from '../../src/data/fileText';
import { formatImportIssue, parseSitesFile, parseSitesText, type SitesImport } from '../../src/data/importSites';
import { sitesToCsv } from '../../src/data/scenarioFile';
import type { Scenario, Site } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { ScenarioLoader } from '../../src/ui/scenarioLoader';
import { Store } from '../../src/ui/store';
import { initialState } from '../../src/ui/urlState';

vi.mock('../../src/data/persist', () => ({
  loadUserScenario: async () => undefined,
  saveUserScenario: async () => undefined,
  clearUserScenario: async () => undefined,
}));

const REGIONS = ['north', 'south'];
const FIXTURE = new URL('../fixtures/minimal-scenario.json', import.meta.url);
const GOOD_CSV = readFileSync(new URL('../fixtures/import/good.csv', import.meta.url), 'utf8');
const PRESET = readFileSync(new URL('../../public/data/scenarios/uk-2030.json', import.meta.url));
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (readonly number[] | Uint8Array)[]): Uint8Array<ArrayBuffer> => Uint8Array.from(parts.flatMap((p) => [...p]));

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = [...(bom ? [0xfeff] : []), ...Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))];
  units.forEach((u, i) => {
    out[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  });
  return out;
}
const issuesOf = (r: SitesImport): string[] => (r.ok ? [] : r.issues.map(formatImportIssue));
const sitesOf = (r: SitesImport): Site[] => {
  if (!r.ok) throw new Error(r.issues.map(formatImportIssue).join('\n'));
  return r.sites;
};
const problemOf = (name: string, b: Uint8Array, size?: number): string => {
  const r = fileText(name, b, undefined, size);
  if (r.ok) throw new Error('expected a problem');
  return r.problem.message;
};

const HEAD = 'id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling';
const row = (i: number, name = `Site ${i}`): string =>
  [`s${i}`, `"${name.replace(/"/g, '""')}"`, 55, -3, 'north', 'planned', 10, 2027, 'air'].join(',');

describe('200,000 header columns', () => {
  it('are refused naming the count, not with a stack overflow', () => {
    const head = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',');
    const t0 = performance.now();
    const issues = issuesOf(parseSitesText('wide.csv', `${head}\n${head}\n`, REGIONS));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(issues).toEqual([expect.stringMatching(/^the header row has 200,000 columns; a site list has at most 1,000/)]);
    expect(issues.join('')).not.toMatch(/call stack/);
  });

  it('GeoJSON with 200,000 property names is refused the same way', () => {
    const properties = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`p${i}`, 1]));
    const doc = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [0, 0] } }],
    };
    expect(issuesOf(parseSitesText('wide.geojson', JSON.stringify(doc), REGIONS))).toEqual([
      expect.stringMatching(/^the features have 200,000 different property names; a site list has at most 1,000/),
    ]);
  });

  it('up to the limit the file is read, and the ignored columns are listed at most 20 times', () => {
    const extra = Array.from({ length: 990 }, (_, i) => `x${i}`);
    const text = [[HEAD, ...extra].join(','), [row(1), ...extra.map(() => '')].join(',')].join('\n');
    const r = parseSitesText('sites.csv', text, REGIONS);
    if (!r.ok) throw new Error(issuesOf(r).join('\n'));
    expect(r.sites).toHaveLength(1);
    const ignored = r.warnings.filter((w) => /^column x\d+ is not a site column|ignored$/.test(w));
    expect(ignored).toHaveLength(21);
    expect(ignored.at(-1)).toBe('… and 970 more columns ignored');
  });
});

describe('encodings: UTF-8 (with or without BOM) and UTF-16 (LE/BE, with or without BOM) read alike', () => {
  const expected = sitesOf(parseSitesText('good.csv', GOOD_CSV, REGIONS));
  it.each([
    ['utf-8 BOM', bytes([0xef, 0xbb, 0xbf], utf8(GOOD_CSV))],
    ['utf-16le BOM', utf16(GOOD_CSV, 'le', true)],
    ['utf-16be BOM', utf16(GOOD_CSV, 'be', true)],
    ['utf-16le', utf16(GOOD_CSV, 'le', false)],
    ['utf-16be', utf16(GOOD_CSV, 'be', false)],
  ])('%s', (_, b) => {
    expect(sitesOf(parseSitesFile('good.csv', b, REGIONS))).toEqual(expected);
  });

  it('property: any site list encoded as UTF-16LE/BE with a BOM gives the same sites as UTF-8', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 20, unit: 'binary' })
      .filter((s) => s.trim() === s && s !== '' && !s.includes('\r') && !s.includes('\u0000'));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), fc.constantFrom('le' as const, 'be' as const), (names, order) => {
        const csv = [HEAD, ...names.map((n, i) => row(i, n))].join('\n');
        const plain = parseSitesText('s.csv', csv, REGIONS);
        expect(parseSitesFile('s.csv', utf16(csv, order, true), REGIONS)).toEqual(plain);
      }),
      { numRuns: 100 },
    );
  });

  it('the CLI reads a UTF-16 export (it refused it with NUL bytes in the message)', async () => {
    const file = join(dir, 'utf16.csv');
    writeFileSync(file, utf16(GOOD_CSV, 'le', true));
    const s = await withSiteFile(fixture(), file, 'replace');
    expect(s.sites.map((x) => x.id)).toEqual(expected.map((x) => x.id));
  });

  it('invalid UTF-8 (a Windows-1252 "café") is refused naming the byte and line', () => {
    const b = bytes(utf8(`${HEAD}\ns1,Caf`), [0xe9], utf8(',55,-3,north,planned,10,2027,air\n'));
    expect(issuesOf(parseSitesFile('latin1.csv', b, REGIONS))).toEqual([
      expect.stringMatching(
        /^latin1\.csv is not UTF-8 text \(0xE9 at byte 66, line 2: a Windows-1252 or Latin-1 file\?\): save it as UTF-8 .*CSV UTF-8/,
      ),
    ]);
  });
});

describe('binary files and workbooks', () => {
  const excel = 'is an Excel workbook — save it as CSV (File › Save As › CSV UTF-8) and import that';
  it.each([
    ['sites.xlsx', bytes(utf8('PK\u0003\u0004'), utf8('[Content_Types].xml')), `sites.xlsx ${excel}`],
    ['export.bin', bytes(utf8('PK\u0003\u0004\u0014\u0000'), utf8('xl/workbook.xml')), `export.bin ${excel}`],
    ['sites.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'sites.xls is an Excel 97–2003 workbook (.xls) — save it'],
    [
      'sites.ods',
      bytes(utf8('PK\u0003\u0004mimetypeapplication/vnd.oasis.opendocument.spreadsheet')),
      'sites.ods is an OpenDocument spreadsheet',
    ],
    ['sites.csv', utf8('%PDF-1.7\n%âãÏÓ'), 'sites.csv is a PDF document'],
    ['sites.csv.gz', bytes([0x1f, 0x8b, 8, 0, 0, 0]), 'sites.csv.gz is gzip-compressed — decompress it'],
    ['a.zip', bytes(utf8('PK\u0003\u0004data/sites.csv')), 'a.zip is a zip archive — unzip it'],
    [
      'img.png',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'img.png is binary data, not text (a NUL byte at byte 9, line 3)',
    ],
  ])('%s', (name, b, message) => {
    const msg = problemOf(name, b);
    expect(msg.startsWith(message)).toBe(true);
    expect(msg).not.toMatch(CONTROL);
    // The site reader (page and CLI) says the same.
    expect(issuesOf(parseSitesFile(name, b, REGIONS))).toEqual([msg]);
  });

  it('the page answers an .xlsx with the workbook hint, not "invalid JSON"', async () => {
    const { store, loader } = await page();
    await loader.importFile(new File([bytes(utf8('PK\u0003\u0004'), utf8('[Content_Types].xml'))], 'sites.xlsx'));
    expect(store.state.error?.title).toBe('sites.xlsx was not imported');
    expect(store.state.error?.issues).toEqual([{ message: `sites.xlsx ${excel}` }]);
  });

  it('the page imports a UTF-16 CSV', async () => {
    const { store, loader } = await page();
    const regions = store.state.scenario!.regions.map((r) => r.id);
    const text = GOOD_CSV.replace(/\b(north|south)\b/g, regions[0]!);
    await loader.importFile(new File([utf16(text, 'be', true)], 'sites.csv'));
    expect(store.state.error).toBeUndefined();
    expect(store.state.notice).toMatch(/^Imported 3 sites from sites\.csv/);
  });
});

describe('a scenario given as a site list, and the reverse', () => {
  it('a scenario as a site file is named as one, also when 100 MB (it was called a "site file")', () => {
    const wrong = /^uk-2030\.json looks like a Headroom scenario file, not a site list: open it as a scenario/;
    expect(issuesOf(parseSitesFile('uk-2030.json', PRESET, REGIONS))).toEqual([expect.stringMatching(wrong)]);
    expect(issuesOf(parseSitesFile('uk-2030.csv', PRESET, REGIONS))).toEqual([
      expect.stringMatching(/^uk-2030\.csv looks like a Headroom scenario/),
    ]);
    const head = PRESET.subarray(0, 64 * 1024);
    expect(issuesOf(parseSitesFile('uk-2030.json', head, REGIONS, 100 * 1024 * 1024))).toEqual([
      expect.stringMatching(/^uk-2030\.json looks like/),
    ]);
    // On the page (one Import for both kinds) a 100 MB scenario is refused as a scenario.
    expect(problemOf('big.json', head, 100 * 1024 * 1024)).toMatch(/^big\.json is 100\.0 MB; Headroom opens scenario files up to 20 MB/);
    expect(problemOf('big.csv', utf8(`${HEAD}\n`), 100 * 1024 * 1024)).toMatch(
      /^big\.csv is 100\.0 MB; Headroom imports site files up to 20 MB/,
    );
  });

  it('the page routes by content: a scenario named .txt opens as one, a CSV named .json imports as sites', () => {
    expect(guessKind('scenario.txt', PRESET.toString())).toBe('scenario');
    expect(guessKind('sites.json', GOOD_CSV)).toBe('sites');
    const late = `{"features":[${'{"type":"Feature","properties":{},"geometry":null},'.repeat(100)}{}],"type":"FeatureCollection"}`;
    expect(guessKind('late.json', late)).toBe('sites');
    expect(guessKind('x.json', '{"name":"x"}')).toBe('scenario');
  });

  it('the CLI scenario reader names a site list given as the scenario, and reads UTF-16', async () => {
    const csv = join(dir, 'sites.csv');
    writeFileSync(csv, GOOD_CSV);
    await expect(readScenarioFile(csv)).rejects.toThrow(
      /sites\.csv: sites\.csv looks like a site list \(CSV\), not a scenario: import it as sites/,
    );
    const json = join(dir, 'scenario.json');
    writeFileSync(json, utf16(readFileSync(FIXTURE, 'utf8'), 'le', true));
    expect((await readScenarioFile(json)).name).toBe(fixture().name);
  });

  it('the CLI refuses a 100 MB site file without reading it all', async () => {
    const file = join(dir, 'huge.csv');
    writeFileSync(file, Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a'));
    await expect(withSiteFile(fixture(), file, 'replace')).rejects.toThrow(
      /huge\.csv is 20\.0 MB; Headroom imports site files up to 20 MB/,
    );
    await expect(withSiteFile(fixture(), file, 'replace')).rejects.toBeInstanceOf(SiteFileError);
  });
});

describe('fuzz: the reader never throws and its messages are short and free of control characters', () => {
  const magic = fc.constantFrom(
    [],
    [0xff, 0xfe],
    [0xfe, 0xff],
    [0xef, 0xbb, 0xbf],
    [0x50, 0x4b, 3, 4],
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    [0x1f, 0x8b],
  );
  it('fileText and parseSitesFile on arbitrary bytes and names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), magic, fc.uint8Array({ maxLength: 600 }), (name, head, body) => {
        const b = bytes(head, body);
        const r = fileText(name, b);
        if (!r.ok) {
          expect(r.problem.message.length).toBeLessThanOrEqual(400);
          expect(r.problem.message).not.toMatch(CONTROL);
        }
        for (const line of issuesOf(parseSitesFile(name, b, REGIONS))) {
          expect(line.length).toBeLessThanOrEqual(420);
          expect(line).not.toMatch(CONTROL);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('formula guards round-trip', () => {
  it('a site named =HYPERLINK("http://x","y") and one named -2+3 read back unchanged', () => {
    const base = fixture().sites[0]!;
    const sites = [
      { ...base, id: 'a', name: '=HYPERLINK("http://x","y")' },
      { ...base, id: 'b', name: '-2+3', operator: '@SUM(A1)', notes: '+1' },
    ];
    const csv = sitesToCsv(sites);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const back = sitesOf(parseSitesText('s.csv', csv, REGIONS));
    expect(back.map((s) => [s.name, s.operator, s.notes])).toEqual(sites.map((s) => [s.name, s.operator, s.notes]));
  });

  it('property: any trimmed name survives sitesToCsv → parseSitesText', () => {
    const base = fixture().sites[0]!;
    const name = fc
      .tuple(
        fc.constantFrom('', "'", "''", '=', "'=", "''+", '+', '-', '@', '＝', ' =', '\t'),
        fc.string({ maxLength: 16, unit: 'binary' }),
      )
      .map(([start, rest]) => start + rest)
      .filter((s) => s.trim() === s && s !== '' && !s.includes('\r'));
    fc.assert(
      fc.property(name, (n) => {
        const back = sitesOf(parseSitesText('s.csv', sitesToCsv([{ ...base, name: n }]), REGIONS));
        expect(back[0]?.name).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- helpers ------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'hr-sitefile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllGlobals());

function fixture(): Scenario {
  const r = parseScenario(readFileSync(FIXTURE, 'utf8'));
  if (!r.ok) throw new Error('fixture');
  return r.scenario;
}

async function page(): Promise<{ store: Store; loader: ScenarioLoader }> {
  vi.stubGlobal('location', { search: '?scenario=uk-2030' });
  vi.stubGlobal('fetch', async () => new Response(PRESET.toString(), { status: 200 }));
  const store = new Store({ ...initialState('?scenario=uk-2030'), ready: true });
  const loader = new ScenarioLoader(store, () => undefined);
  await loader.loadInitial();
  return { store, loader };
}
