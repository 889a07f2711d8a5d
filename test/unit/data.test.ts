// The shipped default data: every scenario file validates, every site and region carries a source or
// says which of its values are assumptions, and public/data/sites.csv is the same list of real, named
// sites as the default scenario. Aggregate entries (a region's rest-of-fleet load, `aggregate: true`,
// used to calibrate national totals — docs/data.md, Calibration) are not in the CSV and are checked
// separately: flagged, sourced, explained, and kept in regions of their own.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type Scenario } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

const DATA = new URL('../../public/data/', import.meta.url);
const SCENARIO_DIR = new URL('scenarios/', DATA);
const DEFAULT_FILE = 'global-2030.json';

const scenarioFiles = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const readJson = (file: string): unknown => JSON.parse(readFileSync(new URL(file, SCENARIO_DIR), 'utf8'));
const load = (file: string): Scenario => scenarioSchema.parse(readJson(file));

const SITE_FIELDS = [
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
];
const REGION_FIELDS = [
  'gridHeadroomMW',
  'headroomGrowthMWPerYear',
  'connectionDelayYears',
  'heatwaveProbability',
  'heatwavePueUplift',
  'heatwaveWueUplift',
  'droughtProbability',
  'droughtWaterAllowance',
  'facilityCapexUSDPerMW',
];

/** Splits CSV text into rows of fields; fields are quoted only when they contain `,`, `"` or a newline. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function readSitesCsv(): Record<string, string>[] {
  const [header, ...body] = parseCsv(readFileSync(new URL('sites.csv', DATA), 'utf8'));
  expect(header).toBeDefined();
  return body.map((cells, i) => {
    expect(cells.length, `sites.csv data row ${i + 1} has ${cells.length} cells, header has ${header!.length}`).toBe(header!.length);
    return Object.fromEntries(header!.map((h, j) => [h, cells[j] ?? '']));
  });
}

describe('shipped scenarios', () => {
  it('include the default and the presets', () => {
    expect(scenarioFiles).toEqual(expect.arrayContaining([DEFAULT_FILE, 'uk-2030.json', 'us-federal-sites.json', 'japan-2030.json']));
  });

  for (const file of scenarioFiles) {
    describe(file, () => {
      it('parses with scenarioSchema', () => {
        expect(() => load(file)).not.toThrow();
      });

      it('passes the full validator (cross references, engine limits, distribution support)', () => {
        const r = parseScenario(readJson(file));
        expect(r.ok ? [] : r.errors).toEqual([]);
      });

      it('stays within the engine limits', () => {
        const s = load(file);
        expect(s.endYear - s.startYear + 1).toBeLessThanOrEqual(16);
        expect(s.regions.length).toBeLessThanOrEqual(32);
      });

      it('gives every site a source or an assumed list', () => {
        for (const site of load(file).sites) {
          const sourced = (site.sources ?? []).some((src) => src.title.trim() !== '');
          expect(sourced || (site.assumed ?? []).length > 0, `${site.id} has neither sources nor assumed`).toBe(true);
        }
      });

      it('names only real fields in assumed lists', () => {
        const s = load(file);
        for (const site of s.sites) for (const f of site.assumed ?? []) expect(SITE_FIELDS, `${site.id}.assumed`).toContain(f);
        for (const r of s.regions) for (const f of r.assumed ?? []) expect(REGION_FIELDS, `${r.id}.assumed`).toContain(f);
      });

      it('gives every region a source or an assumed list, and uses every region', () => {
        const s = load(file);
        for (const r of s.regions) {
          expect((r.sources ?? []).length + (r.assumed ?? []).length, `${r.id}`).toBeGreaterThan(0);
          expect(
            s.sites.some((site) => site.region === r.id),
            `${r.id} has no sites`,
          ).toBe(true);
        }
      });

      it('puts every site in a region of the same file', () => {
        const s = load(file);
        const ids = new Set(s.regions.map((r) => r.id));
        for (const site of s.sites) expect(ids.has(site.region), `${site.id} → ${site.region}`).toBe(true);
      });

      it('carries scenario-level sources', () => {
        expect((load(file).sources ?? []).length).toBeGreaterThan(0);
      });
    });
  }
});

describe('default scenario', () => {
  const def = load(DEFAULT_FILE);

  it('lists at least 40 real, named sites', () => {
    expect(def.sites.filter((s) => !s.aggregate).length).toBeGreaterThanOrEqual(40);
  });

  it('covers the UK, US, the Nordics, Iceland and China', () => {
    const countries = new Set(def.sites.map((s) => s.country));
    for (const c of ['GB', 'US', 'NO', 'SE', 'IS', 'CN']) expect(countries).toContain(c);
  });

  it('includes the four DOE federal sites', () => {
    const ids = def.sites.map((s) => s.id);
    for (const id of ['us-doe-inl', 'us-doe-oak-ridge', 'us-doe-paducah', 'us-doe-srs']) expect(ids).toContain(id);
  });

  // Presets cut from the default hold copies of its sites. japan-2030 is standalone: the default's
  // XA-Fleet aggregate (IEA Asia Pacific excl. China) already carries Japan's load, so Japan's named
  // sites join global-2030 only when XA is split into Japan and the rest (docs/data.md, Japan).
  const STANDALONE = new Set(['japan-2030.json']);
  const cutFromDefault = scenarioFiles.filter((f) => f !== DEFAULT_FILE && !STANDALONE.has(f));

  it('has preset sites that are copies of default sites', () => {
    const byId = new Map(def.sites.map((s) => [s.id, s]));
    for (const file of cutFromDefault) {
      for (const site of load(file).sites) expect(site, `${file}: ${site.id}`).toEqual(byId.get(site.id));
    }
  });

  it('has preset aggregate regions that are copies of the default ones', () => {
    const byId = new Map(def.regions.map((r) => [r.id, r]));
    for (const file of cutFromDefault) {
      const s = load(file);
      const aggregateRegions = new Set(s.sites.filter((x) => x.aggregate).map((x) => x.region));
      for (const r of s.regions.filter((x) => aggregateRegions.has(x.id))) expect(r, `${file}: ${r.id}`).toEqual(byId.get(r.id));
    }
  });
});

describe('aggregate (rest-of-fleet) entries', () => {
  for (const file of scenarioFiles) {
    const s = load(file);
    const aggregates = s.sites.filter((x) => x.aggregate);
    if (aggregates.length === 0) continue;

    it(`${file}: are flagged, named as aggregates, sourced with URLs, explained and list their assumptions`, () => {
      for (const a of aggregates) {
        expect(a.aggregate, a.id).toBe(true);
        expect(a.id, a.id).toMatch(/-agg-/);
        expect(a.name, a.id).toMatch(/aggregate/i);
        expect(a.country, `${a.id}.country`).toMatch(/^[A-Z]{2}$/);
        expect((a.sources ?? []).length, `${a.id}.sources`).toBeGreaterThan(0);
        for (const src of a.sources ?? []) expect(src.url ?? '', `${a.id}: ${src.title}`).toMatch(/^https?:\/\//);
        expect((a.notes ?? '').length, `${a.id}.notes`).toBeGreaterThan(100);
        expect((a.assumed ?? []).length, `${a.id}.assumed`).toBeGreaterThan(0);
      }
      for (const site of s.sites) if (/-agg-/.test(site.id)) expect(site.aggregate, `${site.id} looks like an aggregate`).toBe(true);
    });

    it(`${file}: sit in regions of their own, so named sites keep their regions and headroom`, () => {
      const aggregateRegions = new Set(aggregates.map((a) => a.region));
      for (const site of s.sites.filter((x) => !x.aggregate))
        expect(aggregateRegions.has(site.region), `${site.id} shares ${site.region}`).toBe(false);
    });
  }
});

describe('public/data/sites.csv', () => {
  const rows = readSitesCsv();
  const def = load(DEFAULT_FILE);
  const named = def.sites.filter((s) => !s.aggregate);

  it('has the same ids, in the same order, as the default scenario’s named sites', () => {
    expect(rows.map((r) => r.id)).toEqual(named.map((s) => s.id));
  });

  it('leaves out exactly the aggregate entries', () => {
    const inCsv = new Set(rows.map((r) => r.id));
    for (const s of def.sites) expect(inCsv.has(s.id), `${s.id} (aggregate: ${s.aggregate === true})`).toBe(s.aggregate !== true);
  });

  it('matches the default scenario field by field', () => {
    const num = (v: string) => Number(v);
    named.forEach((site, i) => {
      const row = rows[i]!;
      const src = site.sources?.[0];
      expect({
        id: row.id,
        name: row.name,
        operator: row.operator,
        country: row.country,
        lat: num(row.lat!),
        lon: num(row.lon!),
        region: row.region,
        status: row.status,
        itLoadMW: num(row.itLoadMW!),
        plannedYear: num(row.plannedYear!),
        rampYears: num(row.rampYears!),
        cooling: row.cooling,
        acceleratorImportShare: num(row.acceleratorImportShare!),
        source_title: row.source_title,
        source_url: row.source_url,
        source_date: row.source_date,
        assumed: row.assumed ? row.assumed.split(';') : [],
        notes: row.notes,
      }).toEqual({
        id: site.id,
        name: site.name,
        operator: site.operator ?? '',
        country: site.country ?? '',
        lat: site.lat,
        lon: site.lon,
        region: site.region,
        status: site.status,
        itLoadMW: site.itLoadMW,
        plannedYear: site.plannedYear,
        rampYears: site.rampYears,
        cooling: site.cooling,
        acceleratorImportShare: site.acceleratorImportShare,
        source_title: src?.title ?? '',
        source_url: src?.url ?? '',
        source_date: src?.date ?? '',
        assumed: site.assumed ?? [],
        notes: site.notes ?? '',
      });
    });
  });

  it('gives every row a source title or an assumed list', () => {
    for (const r of rows) expect(r.source_title !== '' || r.assumed !== '', r.id).toBe(true);
  });
});
