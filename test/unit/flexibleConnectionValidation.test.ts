// A flexible connection in scenario files and site lists (src/scenario/schema.ts, validate.ts,
// src/data/siteColumns.ts): every bad input comes back with the path of the field at fault, the
// packed record is what the kernels read, and a site list keeps the deal whole as a JSON cell.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSitesText, type SitesImport } from '../../src/data/importSites';
import { sitesToCsv } from '../../src/data/scenarioFile';
import { packScenario, sitesOffset } from '../../src/engine/pack';
import { DIST_TRIANGULAR, SITE_FLEX_CURTAILED, SITE_FLEX_EARLIER, SITE_FLEXIBLE, SITE_STRIDE } from '../../src/kernel/contract';
import type { Site } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { handScenario, mustParse } from './engineHelpers';

const deal = { connectionYearsEarlier: 1, curtailedShare: { dist: 'triangular', min: 0.0025, mode: 0.005, max: 0.01 } };

function withDeal(flexibleConnection: object): unknown {
  const base = handScenario();
  return { ...base, sites: [{ ...base.sites[0], flexibleConnection }] };
}

function issues(input: unknown): { path: string; message: string }[] {
  const r = parseScenario(input);
  return r.ok ? [] : r.errors;
}

describe('a flexible connection is validated with a path for every problem', () => {
  it('a valid deal parses and packs its flag, its years earlier and its curtailed share', () => {
    const p = packScenario(mustParse(withDeal(deal)));
    const at = sitesOffset(p);
    expect(p.data[at + SITE_FLEXIBLE]).toBe(1);
    expect(Array.from(p.data.subarray(at + SITE_FLEX_EARLIER, at + SITE_FLEX_EARLIER + 2))).toEqual([0, 1]);
    expect(p.data[at + SITE_FLEX_CURTAILED]).toBe(DIST_TRIANGULAR);
    expect(p.data[at + SITE_FLEX_CURTAILED + 2]).toBeCloseTo(0.005, 7);
    // A site without one packs a 0 flag: the kernels draw nothing for it.
    const none = packScenario(handScenario());
    expect(none.data[sitesOffset(none) + SITE_FLEXIBLE]).toBe(0);
    expect(SITE_STRIDE).toBeGreaterThan(SITE_FLEX_CURTAILED);
  });

  it('refuses a curtailed share outside [0, 1], negative years, a missing field and an unknown one, each at its path', () => {
    const paths = (over: object) => issues(withDeal({ ...deal, ...over })).map((i) => i.path);
    expect(paths({ curtailedShare: 1.5 })).toContain('sites[0].flexibleConnection.curtailedShare');
    expect(paths({ curtailedShare: { dist: 'uniform', min: 0, max: 1.2 } })).toContain('sites[0].flexibleConnection.curtailedShare.max');
    expect(paths({ curtailedShare: { dist: 'normal', mean: 0.01, sd: 0.01 } })).toContain('sites[0].flexibleConnection.curtailedShare');
    expect(paths({ connectionYearsEarlier: { dist: 'uniform', min: -1, max: 1 } })).toContain(
      'sites[0].flexibleConnection.connectionYearsEarlier.min',
    );
    expect(paths({ connectionYearsEarlier: 80 })).toEqual(['sites[0].flexibleConnection.connectionYearsEarlier']);
    expect(issues(withDeal({ curtailedShare: 0.01 })).map((i) => i.path)).toEqual(['sites[0].flexibleConnection.connectionYearsEarlier']);
    expect(paths({ priceUSD: 3 })).toEqual(['sites[0].flexibleConnection.priceUSD']);
  });
});

function okSites(r: SitesImport): Site[] {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.issues)}`);
  return r.sites;
}

describe('a site list carries a flexible connection as a JSON cell', () => {
  const s = handScenario();
  const withFlex: Site[] = [
    {
      ...s.sites[0]!,
      flexibleConnection: { ...mustParse(withDeal(deal)).sites[0]!.flexibleConnection!, sources: [{ title: 'A, "quoted" source' }] },
    },
  ];

  it('writes it, reads it back whole, and leaves the column out when no site has one', () => {
    const csv = sitesToCsv(withFlex);
    expect(csv.split('\n')[0]).toContain('flexibleConnection');
    expect(okSites(parseSitesText('s.csv', csv, ['r']))[0]?.flexibleConnection).toEqual(withFlex[0]?.flexibleConnection);
    expect(sitesToCsv(s.sites).split('\n')[0]).not.toContain('flexibleConnection');
  });

  it('names a cell that is not JSON, and a bad field inside the JSON by its path', () => {
    const head = 'id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling,flexibleConnection';
    const row = 's1,Site,55,-3,r,planned,10,2027,air';
    const bad = parseSitesText('s.csv', `${head}\n${row},"{connectionYearsEarlier: 1"`, ['r']);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]).toMatchObject({ row: 2, column: 'flexibleConnection' });
    expect(bad.issues[0]?.message).toMatch(/^must be the flexible connection as JSON/);
    const wrong = parseSitesText('s.csv', `${head}\n${row},"{""connectionYearsEarlier"":1,""curtailedShare"":2}"`, ['r']);
    expect(wrong.ok ? [] : wrong.issues.map((i) => i.column)).toEqual(['flexibleConnection.curtailedShare']);
  });

  it('public/data/sites.csv carries the shipped deal of the ERCOT site under SB 6', () => {
    const read = (path: string) => readFileSync(new URL(`../../public/data/${path}`, import.meta.url), 'utf8');
    const regions = (JSON.parse(read('scenarios/global-2030.json')) as { regions: { id: string }[] }).regions.map((r) => r.id);
    const sites = okSites(parseSitesText('sites.csv', read('sites.csv'), regions));
    const frontier = sites.find((x) => x.id === 'us-vantage-frontier');
    expect(frontier?.flexibleConnection?.connectionYearsEarlier).toEqual({ dist: 'uniform', min: 0.5, max: 1 });
    expect(frontier?.flexibleConnection?.assumed).toEqual(['connectionYearsEarlier', 'curtailedShare']);
  });
});
