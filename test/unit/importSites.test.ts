// Users' own site lists: every bad value comes back with its row, column and reason; good files
// become validated sites; merged scenarios are re-validated; exported JSON round-trips.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatImportIssue,
  importSizeIssue,
  MAX_IMPORT_BYTES,
  MAX_REPORTED_ISSUES,
  mergeSites,
  parseSitesText,
  type ImportIssue,
  type SitesImport,
} from '../../src/data/importSites';
import { scenarioFileName, scenarioToJson, sitesToCsv } from '../../src/data/scenarioFile';
import type { Scenario, Site } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

const FIX = new URL('../fixtures/import/', import.meta.url);
const REGIONS = ['north', 'south'];
const read = (name: string): string => readFileSync(new URL(name, FIX), 'utf8');
const importFixture = (name: string): SitesImport => parseSitesText(name, read(name), REGIONS);

function okSites(r: SitesImport): { sites: Site[]; format: string; warnings: string[] } {
  if (!r.ok) throw new Error(`expected ok, got:\n${r.issues.map(formatImportIssue).join('\n')}`);
  return r;
}
function issuesOf(r: SitesImport): ImportIssue[] {
  if (r.ok) throw new Error('expected issues, got ok');
  return r.issues;
}
// A CSV cell cannot say "present but empty", so the shipped data's `date: ''` reads back absent.
const firstSourceOnly = (s: Site): Site => ({
  ...s,
  sources: s.sources?.slice(0, 1).map((src) => Object.fromEntries(Object.entries(src).filter(([, v]) => v !== '')) as typeof src),
});
const csvIssues = (text: string, regions = REGIONS): ImportIssue[] => issuesOf(parseSitesText('sites.csv', text, regions));

const HEAD = 'id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling';
const row = (i: number, over: Partial<Record<string, string>> = {}): string => {
  const v = {
    id: `s${i}`,
    name: `Site ${i}`,
    lat: '55',
    lon: '-3',
    region: 'north',
    status: 'planned',
    itLoadMW: '10',
    plannedYear: '2027',
    cooling: 'air',
    ...over,
  };
  return HEAD.split(',')
    .map((c) => v[c as keyof typeof v])
    .join(',');
};

const GOOD_SITES: Site[] = [
  {
    id: 'n-one',
    name: 'North One campus',
    operator: 'Acme DC',
    country: 'GB',
    lat: 55.9,
    lon: -3.2,
    region: 'north',
    status: 'operating',
    itLoadMW: 120,
    plannedYear: 2024,
    rampYears: 0,
    cooling: 'air',
    acceleratorImportShare: 0.5,
    sources: [{ title: 'Acme press release, 2024', url: 'https://example.com/acme', date: '2024-03-01' }],
  },
  {
    id: 'n-two',
    name: 'North Two',
    country: 'GB',
    lat: 56.4,
    lon: -2.9,
    region: 'north',
    status: 'planned',
    itLoadMW: 80.5,
    plannedYear: 2028,
    rampYears: 3,
    cooling: 'liquid',
    acceleratorImportShare: 1,
    assumed: ['plannedYear', 'rampYears', 'acceleratorImportShare'],
    notes: 'Notes with a comma, a "quote"\nand a second line',
  },
  {
    id: 's-three',
    name: 'South Three',
    operator: 'Beta Ltd',
    country: 'FR',
    lat: 43.6,
    lon: 3.9,
    region: 'south',
    status: 'construction',
    itLoadMW: 200,
    plannedYear: 2026,
    rampYears: 2,
    cooling: 'evaporative',
    acceleratorImportShare: 0.8,
    sources: [{ title: 'Beta annual report', date: '2025' }],
    assumed: ['cooling'],
  },
];

describe('parseSitesText: good files', () => {
  it('reads a CSV of 3 sites: quoted commas, quotes and newlines, sources, assumed lists', () => {
    expect(importFixture('good.csv')).toEqual({ ok: true, sites: GOOD_SITES, format: 'csv', warnings: [] });
  });

  it('reads the same file saved with a byte-order mark and Windows line endings', () => {
    const text = read('bom-crlf.csv');
    expect(text.startsWith('\uFEFF') && text.includes('\r\n')).toBe(true);
    expect(importFixture('bom-crlf.csv')).toEqual({ ok: true, sites: GOOD_SITES, format: 'csv', warnings: [] });
  });

  it('reads a GeoJSON FeatureCollection: position from the geometry, number strings, native sources', () => {
    const expected = GOOD_SITES.map((s) => (s.id === 'n-two' ? { ...s, notes: 'Notes' } : s));
    expect(importFixture('good.geojson')).toEqual({ ok: true, sites: expected, format: 'geojson', warnings: [] });
  });

  it('fills blank rampYears / acceleratorImportShare with 1, lists them as assumed, and says so', () => {
    const r = okSites(parseSitesText('s.csv', `${HEAD},rampYears,acceleratorImportShare\n${row(1)},,0.5\n${row(2)},2,0.5\n`, REGIONS));
    expect(r.sites[0]).toMatchObject({ rampYears: 1, acceleratorImportShare: 0.5, assumed: ['rampYears'] });
    expect(r.sites[1]!.assumed).toBeUndefined();
    expect(r.warnings).toEqual(['1 site left rampYears or acceleratorImportShare blank: set to 1 and listed as assumed']);
  });

  it('accepts any header case, capitalised enum values, semicolon-separated files and blank lines; warns on unknown columns', () => {
    const text =
      'ID;Name;LAT;Lon;Region;Status;ItLoadMW;PlannedYear;Cooling;rampYears;acceleratorImportShare;pue\n\n' +
      'a; Alpha ;55.5;-3;north;Planned;10;2027;Air;1;1;1.2\n';
    const r = okSites(parseSitesText('eu.csv', text, REGIONS));
    expect(r.sites).toEqual([
      {
        id: 'a',
        name: 'Alpha',
        lat: 55.5,
        lon: -3,
        region: 'north',
        status: 'planned',
        itLoadMW: 10,
        plannedYear: 2027,
        rampYears: 1,
        cooling: 'air',
        acceleratorImportShare: 1,
      },
    ]);
    expect(r.warnings).toEqual(['column pue is not a site column and was ignored']);
  });

  it("reads public/data/sites.csv into the default scenario's sites (first source each)", () => {
    const def = parseScenario(readFileSync(new URL('../../public/data/scenarios/global-2030.json', import.meta.url), 'utf8'));
    if (!def.ok) throw new Error('default scenario invalid');
    const csv = readFileSync(new URL('../../public/data/sites.csv', import.meta.url), 'utf8');
    const r = okSites(
      parseSitesText(
        'sites.csv',
        csv,
        def.scenario.regions.map((g) => g.id),
      ),
    );
    // Matched by id: the CSV may leave out the scenario's aggregate (rest-of-fleet) entries.
    const byId = new Map(def.scenario.sites.map((x) => [x.id, x]));
    expect(r.sites.length).toBeGreaterThanOrEqual(40);
    for (const site of r.sites) expect(site, site.id).toEqual(firstSourceOnly(byId.get(site.id)!));
  });
});

describe('parseSitesText: bad files, each problem with row, column and reason', () => {
  it('missing required columns: one issue per column, listing the required ones', () => {
    const need = 'is missing; a site list needs the columns id, name, lat, lon, region, status, itLoadMW, plannedYear, cooling';
    expect(issuesOf(importFixture('missing-columns.csv'))).toEqual([
      { column: 'lat', message: need },
      { column: 'region', message: need },
    ]);
  });

  it('a column in other units (itLoadKW) is an error naming the expected column and unit', () => {
    const issues = issuesOf(importFixture('wrong-unit-column.csv'));
    expect(issues).toEqual([{ column: 'itLoadKW', message: 'Headroom expects itLoadMW in megawatts (MW)' }]);
    expect(formatImportIssue(issues[0]!)).toBe('column itLoadKW: Headroom expects itLoadMW in megawatts (MW)');
    for (const col of ['capacityKW', 'itLoadGW', 'IT load (kW)']) {
      expect(csvIssues(`${HEAD.replace('itLoadMW', col)}\n${row(1)}`)).toEqual([
        { column: col, message: 'Headroom expects itLoadMW in megawatts (MW)' },
      ]);
    }
  });

  it('values with unit suffixes are refused, with the conversion', () => {
    expect(issuesOf(importFixture('unit-values.csv'))).toEqual([
      { row: 2, column: 'itLoadMW', message: "must be a number of MW; got '120 kW' (120 kW = 0.12 MW)" },
      { row: 3, column: 'itLoadMW', message: "must be a number of MW; got '0.1 GW' (0.1 GW = 100 MW)" },
    ]);
  });

  it('latitude 200', () => {
    const issues = issuesOf(importFixture('latitude-200.csv'));
    expect(issues).toEqual([{ row: 4, column: 'lat', message: 'must be within [-90, 90] degrees' }]);
    expect(formatImportIssue(issues[0]!)).toBe('row 4, column lat: must be within [-90, 90] degrees');
  });

  it('negative MW', () => {
    expect(issuesOf(importFixture('negative-mw.csv'))).toEqual([{ row: 2, column: 'itLoadMW', message: 'must be > 0' }]);
  });

  it('unknown region, listing the known ones (and a near miss in case)', () => {
    expect(issuesOf(importFixture('unknown-region.csv'))).toEqual([
      { row: 3, column: 'region', message: "no region 'atlantis' (known: north, south)" },
    ]);
    expect(csvIssues(`${HEAD}\n${row(1, { region: 'North' })}`)).toEqual([
      { row: 2, column: 'region', message: "no region 'North' (did you mean 'north'?) (known: north, south)" },
    ]);
  });

  it('duplicate site ids name both rows', () => {
    expect(issuesOf(importFixture('duplicate-ids.csv'))).toEqual([{ row: 4, column: 'id', message: "duplicate site id 'a' (also row 2)" }]);
  });

  it('reports every bad value in the file, not just the first', () => {
    const text = [
      `${HEAD},acceleratorImportShare,source_url,aggregate`,
      `${row(1, { lat: 'abc', status: 'dreaming' })},50%,,maybe`,
      `${row(2, { itLoadMW: '"1,5"', plannedYear: '1900', cooling: '' })},1,http://x,`,
      `${row(3, { id: 'bad id', name: '' })},1,,`,
    ].join('\n');
    expect(csvIssues(text)).toEqual([
      { row: 2, column: 'lat', message: "must be a number of degrees (decimal, north positive); got 'abc'" },
      { row: 2, column: 'acceleratorImportShare', message: "must be a number within [0, 1]; got '50%'" },
      { row: 2, column: 'aggregate', message: "must be true or false; got 'maybe'" },
      { row: 2, column: 'status', message: "must be one of operating, construction, planned, proposed (got 'dreaming')" },
      { row: 3, column: 'itLoadMW', message: "must be a number of MW; got '1,5' (write a point for decimals and no thousands separators)" },
      { row: 3, column: 'source_title', message: 'is required when source_url or source_date is given' },
      { row: 3, column: 'plannedYear', message: 'must be a year within [1990, 2100]' },
      { row: 3, column: 'cooling', message: 'is required' },
      { row: 4, column: 'id', message: 'must be letters, digits, _ . or -' },
      { row: 4, column: 'name', message: 'is required' },
    ]);
  });

  it('structural CSV problems: unclosed quote, too many values, duplicate columns, no rows, empty file', () => {
    expect(csvIssues(`${HEAD}\n${row(1)}\n"s2,unclosed`)).toContainEqual({ row: 3, message: 'has a quoted value with no closing "' });
    expect(csvIssues(`${HEAD}\n${row(1)},extra`)).toEqual([
      { row: 2, message: 'has 10 values but the header has 9 columns (an unquoted comma?)' },
    ]);
    expect(csvIssues(`${HEAD},lat\n${row(1)},56`)).toEqual([{ column: 'lat', message: 'appears 2 times (columns C, J); keep one' }]);
    expect(csvIssues(`${HEAD}\n\n`)).toEqual([{ message: 'no sites: the file has a header row but no data rows' }]);
    expect(csvIssues('')).toEqual([{ message: 'the file is empty: expected a header row naming the columns' }]);
    expect(issuesOf(parseSitesText('sites.xlsx', 'PK\u0003\u0004junk', REGIONS))).toEqual([
      { message: 'sites.xlsx is an Excel workbook — save it as CSV (File › Save As › CSV UTF-8) and import that' },
    ]);
  });

  it('refuses a 50 MB file before parsing it, quickly, naming its size and the limit', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const t0 = performance.now();
    const issues = issuesOf(parseSitesText('huge.csv', big, REGIONS));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(issues).toEqual([
      {
        message: "huge.csv is 50.0 MB; Headroom imports site files up to 20 MB (4096 sites, the engine's limit, fit in about 3 MB of CSV)",
      },
    ]);
    expect(importSizeIssue('f.csv', MAX_IMPORT_BYTES)).toBeUndefined();
    expect(importSizeIssue('f.csv', MAX_IMPORT_BYTES + 1)?.message).toMatch(/^f\.csv is 20\.0 MB; Headroom imports site files up to 20 MB/);
    // Size is UTF-8 bytes, not characters: 11 Mi two-byte characters are 22 MB.
    expect(issuesOf(parseSitesText('e.csv', 'é'.repeat(11 * 1024 * 1024), REGIONS))[0]!.message).toMatch(/^e\.csv is 22\.0 MB;/);
  });

  it('refuses more sites than the engine handles (a big file within the size limit)', () => {
    const text = [HEAD, ...Array.from({ length: 4097 }, (_, i) => row(i))].join('\n');
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(csvIssues(text)).toEqual([{ message: '4097 sites; the engine handles at most 4096 (split the file or drop sites)' }]);
    expect(
      okSites(parseSitesText('max.csv', [HEAD, ...Array.from({ length: 4096 }, (_, i) => row(i))].join('\n'), REGIONS)).sites,
    ).toHaveLength(4096);
  });

  it(`stops listing after ${MAX_REPORTED_ISSUES} problems and counts the rest`, () => {
    const issues = csvIssues([HEAD, ...Array.from({ length: 600 }, (_, i) => row(i, { lat: '200' }))].join('\n'));
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues.at(-1)).toEqual({ message: `… and ${600 - MAX_REPORTED_ISSUES} more problems` });
  });

  it('GeoJSON that is not a FeatureCollection', () => {
    expect(issuesOf(importFixture('not-a-collection.geojson'))).toEqual([
      { message: "expected a GeoJSON FeatureCollection of Point features; got type 'Feature'" },
    ]);
    expect(issuesOf(parseSitesText('s.geojson', '[]', REGIONS))).toEqual([
      { message: 'expected a GeoJSON FeatureCollection of Point features; got a list' },
    ]);
    expect(issuesOf(parseSitesText('s.json', '{"name":"x","sites":[],"regions":[]}', REGIONS))).toEqual([
      {
        message:
          's.json looks like a Headroom scenario file, not a site list: open it as a scenario (page: Import takes either kind; CLI: pass it with --scenario)',
      },
    ]);
    expect(issuesOf(parseSitesText('s.geojson', '{"type":"FeatureCollection","features":{}}', REGIONS))).toEqual([
      { column: 'features', message: 'must be a list of Point features' },
    ]);
    expect(issuesOf(parseSitesText('s.geojson', '{"type":', REGIONS))[0]!.message).toMatch(/^not valid JSON: /);
  });

  it('GeoJSON features without Point geometry, and a position out of range', () => {
    const issues = issuesOf(importFixture('bad-geometry.geojson'));
    expect(issues).toEqual([
      { row: 2, column: 'features[1].geometry', message: "must be a Point, one per site (got 'LineString')" },
      { row: 3, column: 'features[2].geometry', message: 'must be a Point with coordinates [lon, lat] (got null)' },
      { row: 4, column: 'features[3].geometry.coordinates[1]', message: 'must be within [-90, 90] degrees' },
    ]);
    expect(issues.map(formatImportIssue)[0]).toBe("features[1].geometry: must be a Point, one per site (got 'LineString')");
  });

  it('GeoJSON property problems are named by path, unit-mistake properties too', () => {
    const fc = (props: Record<string, unknown>) =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-3, 55] }, properties: props }],
      });
    const base = { id: 'a', name: 'A', region: 'north', status: 'planned', plannedYear: 2027, cooling: 'air' };
    expect(issuesOf(parseSitesText('s.geojson', fc({ ...base, itLoadKW: 5000 }), REGIONS))).toEqual([
      { row: 1, column: 'features[0].properties.itLoadKW', message: 'Headroom expects itLoadMW in megawatts (MW)' },
    ]);
    expect(issuesOf(parseSitesText('s.geojson', fc({ ...base, itLoadMW: '5 GW', sources: [{ url: 'u' }] }), REGIONS))).toEqual([
      { row: 1, column: 'features[0].properties.itLoadMW', message: "must be a number of MW; got '5 GW' (5 GW = 5000 MW)" },
      { row: 1, column: 'features[0].properties.sources[0].title', message: 'is required' },
    ]);
  });

  it('GeoJSON property names match in any case, feature by feature', () => {
    const pt = (props: Record<string, unknown>) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-3, 55] },
      properties: props,
    });
    const base = { name: 'A', region: 'north', status: 'planned', plannedYear: 2027, cooling: 'air', itLoadMW: 5 };
    const text = JSON.stringify({ type: 'FeatureCollection', features: [pt({ ...base, ID: 'a' }), pt({ ...base, id: 'b' })] });
    expect(okSites(parseSitesText('s.geojson', text, REGIONS)).sites.map((s) => s.id)).toEqual(['a', 'b']);
    const bad = JSON.stringify({ type: 'FeatureCollection', features: [pt({ ...base, ID: 'bad id', Lat: 3 })] });
    expect(issuesOf(parseSitesText('s.geojson', bad, REGIONS))).toEqual([
      { row: 1, column: 'features[0].properties.ID', message: 'must be letters, digits, _ . or -' },
    ]);
  });

  it('never throws, whatever it is given', () => {
    for (const [name, text] of [
      ['a.csv', '\u0000'],
      ['a.csv', ',,,\n,,,'],
      ['a.json', 'null'],
      ['a.json', '{"type":"FeatureCollection","features":[null,1,"x"]}'],
      ['a', '{'],
      ['a.csv', '"'],
    ]) {
      const r = parseSitesText(name!, text!, []);
      expect(r.ok).toBe(false);
    }
  });
});

describe('formatImportIssue', () => {
  it('words each kind of location', () => {
    expect(formatImportIssue({ row: 4, column: 'lat', message: 'm' })).toBe('row 4, column lat: m');
    expect(formatImportIssue({ column: 'itLoadKW', message: 'm' })).toBe('column itLoadKW: m');
    expect(formatImportIssue({ row: 3, message: 'm' })).toBe('row 3: m');
    expect(formatImportIssue({ message: 'm' })).toBe('m');
    expect(formatImportIssue({ row: 2, column: 'features[1].geometry', message: 'm' })).toBe('features[1].geometry: m');
  });
});

const minimal = (): Scenario => {
  const r = parseScenario(readFileSync(new URL('../fixtures/minimal-scenario.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('fixture invalid');
  return r.scenario;
};

describe('mergeSites', () => {
  const imported = okSites(importFixture('good.csv')).sites;

  it('replaces the sites', () => {
    const r = mergeSites(minimal(), imported, 'replace');
    expect(r.ok && r.scenario.sites).toEqual(imported);
  });

  it('appends to the sites, leaving the inputs alone', () => {
    const s = minimal();
    const before = structuredClone(s);
    const r = mergeSites(s, imported, 'append');
    expect(r.ok && r.scenario.sites.map((x) => x.id)).toEqual([...before.sites.map((x) => x.id), 'n-one', 'n-two', 's-three']);
    expect(s).toEqual(before);
  });

  it('reports ids repeated between the scenario and the import, with paths', () => {
    const s = minimal();
    const r = mergeSites(s, [{ ...imported[0]!, id: s.sites[0]!.id }], 'append');
    expect(r.ok ? [] : r.errors).toEqual([
      { path: `sites[${s.sites.length}].id`, message: `duplicate of sites[0].id '${s.sites[0]!.id}'` },
    ]);
  });

  it('reports regions the scenario lacks and the engine limit on the combined list', () => {
    const r = mergeSites(minimal(), [{ ...imported[0]!, region: 'east' }], 'replace');
    expect(r.ok ? [] : r.errors).toEqual([{ path: 'sites[0].region', message: "no region 'east' (known: north, south)" }]);
    const many = Array.from({ length: 4096 }, (_, i) => ({ ...imported[0]!, id: `x${i}` }));
    const big = mergeSites(minimal(), many, 'append');
    expect(big.ok ? [] : big.errors).toEqual([
      { path: 'sites', message: `${4096 + minimal().sites.length} sites; the engine handles at most 4096` },
    ]);
  });
});

describe('scenario files', () => {
  const uk = (): Scenario => {
    const r = parseScenario(readFileSync(new URL('../../public/data/scenarios/uk-2030.json', import.meta.url), 'utf8'));
    if (!r.ok) throw new Error('uk-2030.json invalid');
    return r.scenario;
  };

  it('scenarioToJson round-trips uk-2030.json through parseScenario', () => {
    const s = uk();
    const json = scenarioToJson(s);
    const back = parseScenario(json);
    expect(back.ok && back.scenario).toEqual(s);
    expect(back.ok && scenarioToJson(back.scenario)).toBe(json);
    expect(json.endsWith('}\n') && json.includes('\n  "sites": [')).toBe(true);
  });

  it('sitesToCsv writes the sites.csv convention; aggregate only when some site sets it', () => {
    const header =
      'id,name,operator,country,lat,lon,region,status,itLoadMW,plannedYear,rampYears,cooling,acceleratorImportShare,source_title,source_url,source_date,assumed,notes';
    expect(sitesToCsv(GOOD_SITES).split('\n')[0]).toBe(header);
    expect(okSites(parseSitesText('x.csv', sitesToCsv(GOOD_SITES), REGIONS)).sites).toEqual(GOOD_SITES);
    const withAggregate = [...GOOD_SITES, { ...GOOD_SITES[0]!, id: 'fleet', aggregate: true }];
    const csv = sitesToCsv(withAggregate);
    expect(csv.split('\n')[0]).toBe(`${header},aggregate`);
    expect(okSites(parseSitesText('x.csv', csv, REGIONS)).sites).toEqual(withAggregate);
  });

  it("sitesToCsv round-trips uk-2030.json's sites (first source kept)", () => {
    const s = uk();
    const r = okSites(
      parseSitesText(
        'uk.csv',
        sitesToCsv(s.sites),
        s.regions.map((g) => g.id),
      ),
    );
    expect(r.sites).toEqual(s.sites.map(firstSourceOnly));
  });

  it('on-site generation travels as a JSON cell: written, read back whole, and a bad cell is named', () => {
    const s = uk();
    const gen = {
      capacityMW: 300,
      kind: 'gasTurbine' as const,
      availability: { dist: 'pert' as const, min: 0.88, mode: 0.93, max: 0.97 },
      sources: [{ title: 'A, "quoted" source', url: 'https://example.org/a' }],
    };
    const sites = s.sites.map((x, i) => (i === 0 ? { ...x, onsiteGeneration: gen } : x));
    const csv = sitesToCsv(sites);
    expect(csv.split('\n')[0]).toContain('onsiteGeneration');
    const r = okSites(
      parseSitesText(
        'uk.csv',
        csv,
        s.regions.map((g) => g.id),
      ),
    );
    expect(r.sites[0]?.onsiteGeneration).toEqual(gen);
    expect(r.sites[1]?.onsiteGeneration).toBeUndefined();
    expect(sitesToCsv(s.sites).split('\n')[0]).not.toContain('onsiteGeneration');
    const bad = csvIssues(`${HEAD},onsiteGeneration\n${row(1)},"{capacityMW: 600"`);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ row: 2, column: 'onsiteGeneration' });
    expect(bad[0]?.message).toMatch(/^must be the on-site generation as JSON/);
    const wrong = csvIssues(`${HEAD},onsiteGeneration\n${row(1)},"{""capacityMW"":600,""kind"":""coal"",""availability"":0.9}"`);
    expect(wrong.map((i) => i.column)).toEqual(['onsiteGeneration.kind']);
  });

  it('scenarioFileName makes a safe slug', () => {
    expect(scenarioFileName({ name: 'UK 2030: grid & water' })).toBe('uk-2030-grid-water.json');
    expect(scenarioFileName({ name: 'Île-de-France / Paris' })).toBe('ile-de-france-paris.json');
    expect(scenarioFileName({ name: '../../etc/passwd' })).toBe('etc-passwd.json');
    expect(scenarioFileName({ name: '数据中心' })).toBe('scenario.json');
    expect(scenarioFileName({ name: 'a'.repeat(200) })).toBe(`${'a'.repeat(60)}.json`);
  });
});
