// The numbers behind what the page shows for a year, as columns: per region the plan, the mean
// MW not delivered with its P5–P95 and main cause, and the capital behind it; per site its plan,
// expected load and P(miss). The Table view renders these rows and its CSV writes exactly them,
// with the knob values in effect as columns, rounded to what the Monte Carlo can tell apart.
import { toCsv, type CsvCell } from '../../engine/csv';
import type { RunResult } from '../../engine/types';
import { regionShortfallInYear } from '../../engine/whereBreaks';
import type { Cause } from '../../engine/attribution';
import { KNOB_NAMES, type KnobName } from '../../scenario/names';
import type { Scenario } from '../../scenario/schema';
import { yearSlice } from '../resultSlices';

export interface RegionRow {
  id: string;
  name: string;
  plannedMW: number;
  shortfallMeanMW: number;
  shortfallP5MW?: number;
  shortfallP50MW?: number;
  shortfallP95MW?: number;
  mainCause?: Cause;
  idleFacilityCapexUSD: number;
}

export interface SiteRow {
  id: string;
  name: string;
  region: string;
  status: string;
  plannedMW: number;
  expectedMW: number;
  missProbability: number;
}

export interface YearTable {
  year: number;
  regions: RegionRow[];
  sites: SiteRow[];
  /** Parameter set 0's knob values (the live view's), in KNOB_NAMES order. */
  knobs: { name: KnobName; value: number }[];
}

/** Regions with the largest shortfall first, sites riskiest first (the order the page shows). */
export function yearTable(scenario: Scenario, result: RunResult, year: number): YearTable {
  const regionNames = new Map(scenario.regions.map((r) => [r.id, r.name]));
  const regions = regionShortfallInYear(scenario, result, 0, year).map((r): RegionRow => {
    const top = r.causes[0];
    return {
      id: r.region,
      name: regionNames.get(r.region) ?? r.region,
      plannedMW: r.plannedMW,
      shortfallMeanMW: r.meanMW,
      ...(r.quantilesMW && { shortfallP5MW: r.quantilesMW.p5, shortfallP50MW: r.quantilesMW.p50, shortfallP95MW: r.quantilesMW.p95 }),
      ...(top && top.meanMW > 0 && { mainCause: top.cause }),
      idleFacilityCapexUSD: r.facilityCapexUSD,
    };
  });
  const n = scenario.sites.length;
  const load = yearSlice(result, result.siteExpectedLoadMW, n, year);
  const miss = yearSlice(result, result.siteMissProbability, n, year);
  const sites = scenario.sites
    .map(
      (s, i): SiteRow => ({
        id: s.id,
        name: s.name,
        region: regionNames.get(s.region) ?? s.region,
        status: s.status,
        plannedMW: s.itLoadMW,
        expectedMW: load[i] as number,
        missProbability: miss[i] as number,
      }),
    )
    .sort((a, b) => b.missProbability - a.missProbability);
  const nKnobs = KNOB_NAMES.length;
  const knobs = KNOB_NAMES.map((name, k) => ({ name, value: result.knobValues[k] as number }));
  return { year, regions, sites, knobs: result.knobValues.length >= nKnobs ? knobs : [] };
}

/** Three significant figures: the Monte Carlo error of a default run is wider than the fourth. */
export const meaningful = (v: number | undefined): number | undefined =>
  v === undefined || !Number.isFinite(v) ? undefined : Number(v.toPrecision(3));

const REGION_FIELDS = [
  'year',
  'regionId',
  'region',
  'plannedMW',
  'shortfallMeanMW',
  'shortfallP5MW',
  'shortfallP50MW',
  'shortfallP95MW',
  'mainCause',
  'idleFacilityCapexUSD',
] as const;
const SITE_FIELDS = ['year', 'siteId', 'site', 'region', 'status', 'plannedMW', 'expectedMW', 'missProbability'] as const;

const knobHeader = (t: YearTable) => t.knobs.map((k) => `knob.${k.name}`);
const knobCells = (t: YearTable): CsvCell[] => t.knobs.map((k) => meaningful(k.value));

/** The regions table as CSV, knob columns last (every row carries them, so a file stands alone). */
export function regionCsv(t: YearTable): string {
  const rows = t.regions.map((r): CsvCell[] => [
    t.year,
    r.id,
    r.name,
    meaningful(r.plannedMW),
    meaningful(r.shortfallMeanMW),
    meaningful(r.shortfallP5MW),
    meaningful(r.shortfallP50MW),
    meaningful(r.shortfallP95MW),
    r.mainCause,
    meaningful(r.idleFacilityCapexUSD),
    ...knobCells(t),
  ]);
  return toCsv([...REGION_FIELDS, ...knobHeader(t)], rows);
}

export function siteCsv(t: YearTable): string {
  const rows = t.sites.map((s): CsvCell[] => [
    t.year,
    s.id,
    s.name,
    s.region,
    s.status,
    meaningful(s.plannedMW),
    meaningful(s.expectedMW),
    meaningful(s.missProbability),
    ...knobCells(t),
  ]);
  return toCsv([...SITE_FIELDS, ...knobHeader(t)], rows);
}
