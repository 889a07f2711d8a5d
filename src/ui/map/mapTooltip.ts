// The lines of the map's tooltip for what is under the pointer: a region, a site, an aggregate
// or a cluster of co-located sites. Whole sentences per language (src/i18n/*/map.ts), with the
// site and region names from the data dropped in as they are.
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { formatMW, formatPercent } from '../format';
import { resultMatches, yearSlice } from '../resultSlices';
import type { MapHit } from './MapView';

/** Names a cluster's tooltip lists before "and N more". */
const CLUSTER_NAMES = 3;

export function tooltipLines(hit: MapHit, s: Scenario, result: RunResult | undefined, year: number): string[] {
  const r = resultMatches(result, s) ? result : undefined;
  const nS = s.sites.length;
  const fmtMW = (v: number | undefined): string => (v === undefined ? '—' : formatMW(v));
  const fmtP = (v: number | undefined): string => (v === undefined ? '—' : formatPercent(v));
  if (hit.kind === 'region') {
    const region = s.regions[hit.regionIndex];
    const p = r ? yearSlice(r, r.regionCurtailProbability, s.regions.length, year)[hit.regionIndex] : undefined;
    return [region?.name ?? t('map:tip.region'), t('map:tip.curtail', { year, p: fmtP(p) })];
  }
  const load = r ? yearSlice(r, r.siteExpectedLoadMW, nS, year) : undefined;
  if (hit.kind === 'cluster') {
    const members = hit.group.members;
    // Largest planned first: the names a reader most likely looks for.
    const names = [...members].sort((a, b) => (s.sites[b]?.itLoadMW ?? 0) - (s.sites[a]?.itLoadMW ?? 0)).map((i) => s.sites[i]?.name ?? '');
    const sep = t('map:tip.listSeparator');
    const shown = names.slice(0, CLUSTER_NAMES).join(sep);
    const list = names.length > CLUSTER_NAMES ? t('map:tip.clusterMore', { names: shown, rest: names.length - CLUSTER_NAMES }) : shown;
    const total = load ? members.reduce((a, i) => a + (load[i] ?? 0), 0) : undefined;
    return [t('map:tip.cluster', { count: members.length, names: list }), t('map:tip.clusterTotal', { year, load: fmtMW(total) })];
  }
  const site = s.sites[hit.siteIndex];
  const miss = r ? yearSlice(r, r.siteMissProbability, nS, year)[hit.siteIndex] : undefined;
  const name = site?.name ?? t('map:tip.site');
  return [
    hit.kind === 'aggregate' ? t('map:tip.siteAggregate', { name }) : name,
    t('map:tip.planned', { status: site ? t(`views:status.${site.status}`) : '', mw: formatMW(site?.itLoadMW ?? Number.NaN) }),
    t('map:tip.year', { year, load: fmtMW(load?.[hit.siteIndex]), miss: fmtP(miss) }),
  ];
}
