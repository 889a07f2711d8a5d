// The Table and Sources views' data: the table's rows are the numbers the page shows for the year
// (the region rows are whereBreaks' own, the site rows the map's), the CSV writes exactly those
// rows to three significant figures with the knob columns, and every source the scenario cites
// anywhere appears once with where it is used.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/createEngine';
import type { Engine } from '../../src/engine/types';
import { regionShortfallInYear } from '../../src/engine/whereBreaks';
import { KNOB_NAMES } from '../../src/scenario/names';
import { meaningful, regionCsv, siteCsv, yearTable } from '../../src/ui/views/dataTable';
import { scenarioSources } from '../../src/ui/views/scenarioSources';
import { everyCause, mustParse } from './engineHelpers';

let cpu: Engine;
beforeAll(async () => {
  cpu = await createEngine({ backend: 'cpu', workers: 1 });
});
afterAll(async () => {
  await cpu.dispose();
});

const preset = (id: string) =>
  mustParse(JSON.parse(readFileSync(new URL(`../../public/data/scenarios/${id}.json`, import.meta.url), 'utf8')));

describe('the Table view', () => {
  it('holds the page’s numbers for the year, riskiest site first, and its CSV writes exactly them', async () => {
    const s = everyCause();
    const r = await cpu.run(s, { draws: 512, seed: 7 });
    const year = r.years[2] as number;
    const tb = yearTable(s, r, year);
    const regions = regionShortfallInYear(s, r, 0, year);
    expect(tb.regions.map((x) => x.shortfallMeanMW)).toEqual(regions.map((x) => x.meanMW));
    expect(tb.regions[0]?.plannedMW).toBe(regions[0]?.plannedMW);
    for (let i = 1; i < tb.sites.length; i++)
      expect(tb.sites[i - 1]?.missProbability).toBeGreaterThanOrEqual(tb.sites[i]?.missProbability as number);
    expect(tb.knobs.map((k) => k.name)).toEqual([...KNOB_NAMES]);

    const lines = regionCsv(tb).trim().split(/\r?\n/);
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 3)).toEqual(['year', 'regionId', 'region']);
    expect(header.filter((h) => h.startsWith('knob.'))).toEqual(KNOB_NAMES.map((k) => `knob.${k}`));
    expect(lines).toHaveLength(tb.regions.length + 1);
    const first = lines[1]?.split(',') ?? [];
    expect(Number(first[header.indexOf('shortfallMeanMW')])).toBe(meaningful(tb.regions[0]?.shortfallMeanMW));
    expect(siteCsv(tb).trim().split(/\r?\n/)).toHaveLength(tb.sites.length + 1);
  });

  it('rounds to three significant figures and leaves no value out', () => {
    expect(meaningful(1234.567)).toBe(1230);
    expect(meaningful(0.012345)).toBe(0.0123);
    expect(meaningful(undefined)).toBeUndefined();
    expect(meaningful(Number.NaN)).toBeUndefined();
  });

  it('neutralises a formula in a site or region name', async () => {
    const s = everyCause();
    const bad = mustParse({ ...s, sites: s.sites.map((x) => ({ ...x, name: '=HYPERLINK("http://x")' })) });
    const r = await cpu.run(bad, { draws: 256, seed: 1 });
    expect(siteCsv(yearTable(bad, r, r.years[0] as number))).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('the Sources view', () => {
  for (const id of ['global-2030', 'uk-2030', 'us-federal-sites', 'japan-2030']) {
    it(`${id}: every source cited anywhere in the file, once, with where it is used`, () => {
      const s = preset(id);
      const list = scenarioSources(s);
      const raw = JSON.stringify(s);
      const cited = new Set(
        [...raw.matchAll(/"sources":\[(.*?)\]/g)].flatMap((m) =>
          [...(m[1] ?? '').matchAll(/"title":"((?:[^"\\]|\\.)*)"/g)].map((t) => JSON.parse(`"${t[1]}"`) as string),
        ),
      );
      const titles = new Set(list.map((x) => x.title));
      for (const title of cited) if (!list.some((x) => x.title === title)) expect.fail(`${id}: "${title}" is cited but not listed`);
      const keys = list.map((x) => `${x.url} ${x.title}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(titles.size).toBeGreaterThan(3);
      for (const x of list) expect(x.usedIn.length).toBeGreaterThan(0);
      expect(list.some((x) => x.usedIn.includes('sites'))).toBe(true);
    });
  }
});
