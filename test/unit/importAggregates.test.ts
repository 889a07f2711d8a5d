// Importing the README's own example (public/data/sites.csv) into a preset with "replace" keeps the
// preset's aggregate (rest-of-fleet) entries, which the CSV does not list (src/data/importSites.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keptAggregates, mergeSites, parseSitesText } from '../../src/data/importSites';
import type { Scenario } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

function preset(id: string): Scenario {
  const r = parseScenario(readFileSync(`public/data/scenarios/${id}.json`, 'utf8'));
  if (!r.ok) throw new Error(`${id} invalid`);
  return r.scenario;
}

describe('replace keeps the aggregates a site list does not bring', () => {
  const s = preset('global-2030');
  const csv = readFileSync('public/data/sites.csv', 'utf8');
  const parsed = parseSitesText(
    'sites.csv',
    csv,
    s.regions.map((r) => r.id),
  );
  if (!parsed.ok) throw new Error('sites.csv does not parse');
  const aggregates = s.sites.filter((x) => x.aggregate === true);

  it('the README example, replacing: every named site from the file, every aggregate kept', () => {
    expect(aggregates.length).toBeGreaterThan(0);
    expect(parsed.sites.some((x) => x.aggregate === true)).toBe(false);
    const r = mergeSites(s, parsed.sites, 'replace');
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
    expect(r.scenario.sites.filter((x) => x.aggregate === true).map((x) => x.id)).toEqual(aggregates.map((x) => x.id));
    expect(r.scenario.sites.length).toBe(parsed.sites.length + aggregates.length);
    expect(keptAggregates(s, parsed.sites, 'replace').map((x) => x.id)).toEqual(aggregates.map((x) => x.id));
  });

  it('a file with aggregates of its own replaces them; append keeps everything as it was', () => {
    const own = [{ ...aggregates[0]!, id: 'my-fleet' }];
    expect(keptAggregates(s, [...parsed.sites, ...own], 'replace')).toEqual([]);
    expect(keptAggregates(s, parsed.sites, 'append')).toEqual([]);
    // A file that repeats an aggregate's id brings its own version of it.
    expect(keptAggregates(s, [aggregates[0]!], 'replace').map((x) => x.id)).toEqual([]);
  });
});
