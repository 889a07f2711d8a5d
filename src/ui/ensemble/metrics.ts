// Outputs of an ensemble, one number per parameter set, that the scatter, the parallel
// coordinates and PRIM's failure definition can use. An id names one: a series key
// ('energyServedMWh', 'energyServedMWh[2030]': the mean over the draws), 'curtailP[region][year]'
// (P(curtailment) of a region in a year) or 'missShare[year]' (the expected share of sites that
// miss their planned load). Values come out in fixed display units (TWh, GL, %) so a threshold
// typed by the visitor, and the one in the URL, means the same whatever the ensemble.
import { seriesSummary } from '../../engine/resultJson';
import type { RunResult } from '../../engine/types';
import { numberFormat, t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';

export type MetricKind =
  | 'energyServedMWh'
  | 'energyServedYear'
  | 'energyDemandedMWh'
  | 'curtailedMWh'
  | 'waterUsedML'
  | 'waterShortfallML'
  | 'computeLostMWh'
  | 'curtailP'
  | 'missShare';

export interface MetricSpec {
  kind: MetricKind;
  year?: number;
  region?: string;
}

interface KindMeta {
  /** A getter: the page's language when it is read. */
  readonly label: string;
  unit: string;
  /** Engine value × factor = display value. */
  factor: number;
  needsYear: boolean;
  needsRegion: boolean;
}

const kind = (k: MetricKind, unit: string, factor: number, needsYear: boolean, needsRegion: boolean): KindMeta => ({
  get label() {
    return t(`ensemble:metric.${k}`);
  },
  unit,
  factor,
  needsYear,
  needsRegion,
});

export const METRIC_KINDS: Record<MetricKind, KindMeta> = {
  energyServedMWh: kind('energyServedMWh', 'TWh', 1e-6, false, false),
  energyServedYear: kind('energyServedYear', 'TWh', 1e-6, true, false),
  energyDemandedMWh: kind('energyDemandedMWh', 'TWh', 1e-6, false, false),
  curtailedMWh: kind('curtailedMWh', 'TWh', 1e-6, false, false),
  waterUsedML: kind('waterUsedML', 'GL', 1e-3, false, false),
  waterShortfallML: kind('waterShortfallML', 'GL', 1e-3, false, false),
  computeLostMWh: kind('computeLostMWh', 'TWh', 1e-6, false, false),
  curtailP: kind('curtailP', '%', 100, true, true),
  missShare: kind('missShare', '%', 100, true, false),
};

/** Own keys only: `toString` or `__proto__` (from a link) is not a metric. */
export const isMetricKind = (v: string): v is MetricKind => Object.hasOwn(METRIC_KINDS, v);

export function metricId(m: MetricSpec): string {
  if (m.kind === 'energyServedYear') return `energyServedMWh[${m.year}]`;
  if (m.kind === 'curtailP') return `curtailP[${m.region}][${m.year}]`;
  if (m.kind === 'missShare') return `missShare[${m.year}]`;
  return m.kind;
}

export function parseMetric(id: string): MetricSpec | undefined {
  let m = /^energyServedMWh\[(\d{4})\]$/.exec(id);
  if (m) return { kind: 'energyServedYear', year: Number(m[1]) };
  m = /^curtailP\[([^\]]+)\]\[(\d{4})\]$/.exec(id);
  if (m) return { kind: 'curtailP', region: m[1], year: Number(m[2]) };
  m = /^missShare\[(\d{4})\]$/.exec(id);
  if (m) return { kind: 'missShare', year: Number(m[1]) };
  return isMetricKind(id) && !METRIC_KINDS[id].needsYear ? { kind: id } : undefined;
}

/**
 * The metric made valid for a scenario: a year outside it becomes `year`, a region it lacks (or
 * '*', the defaults' way of saying "any scenario's main region") its region with the most load.
 */
export function fitMetric(id: string, scenario: Scenario, year: number): MetricSpec {
  const m = parseMetric(id) ?? { kind: 'energyServedMWh' };
  const meta = METRIC_KINDS[m.kind];
  const out: MetricSpec = { kind: m.kind };
  if (meta.needsYear) out.year = m.year !== undefined && m.year >= scenario.startYear && m.year <= scenario.endYear ? m.year : year;
  if (meta.needsRegion) out.region = scenario.regions.some((r) => r.id === m.region) ? m.region : busiestRegion(scenario);
  return out;
}

/** The region with the most planned IT load: the default for a P(curtailment) metric. */
export function busiestRegion(scenario: Scenario): string {
  const load = new Map<string, number>();
  for (const s of scenario.sites) load.set(s.region, (load.get(s.region) ?? 0) + s.itLoadMW);
  let best = scenario.regions[0]?.id ?? '';
  for (const [id, mw] of load) if (mw > (load.get(best) ?? -1)) best = id;
  return best;
}

export function metricLabel(id: string, scenario: Scenario | undefined): string {
  const m = parseMetric(id);
  if (!m) return id;
  const region = m.region ? (scenario?.regions.find((r) => r.id === m.region)?.name ?? m.region) : '';
  switch (m.kind) {
    case 'energyServedYear':
      return t('ensemble:metric.servedIn', { year: String(m.year) });
    case 'curtailP':
      return t('ensemble:metric.curtailPIn', { year: String(m.year), region });
    case 'missShare':
      return t('ensemble:metric.missIn', { year: String(m.year) });
    default:
      return METRIC_KINDS[m.kind].label;
  }
}

export const metricUnit = (id: string): string => METRIC_KINDS[parseMetric(id)?.kind ?? 'energyServedMWh'].unit;

/**
 * One value per parameter set (the first `rows` sets of `result`), in display units; NaN where
 * the result lacks the series, region or year.
 */
export function metricColumn(result: RunResult, id: string, rows = result.paramSetCount): Float64Array {
  const out = new Float64Array(rows).fill(Number.NaN);
  const m = parseMetric(id);
  if (!m) return out;
  const meta = METRIC_KINDS[m.kind];
  const nY = result.years.length;
  const y = m.year === undefined ? -1 : result.years.indexOf(m.year);
  if (m.kind === 'curtailP') {
    const r = result.regionIds.indexOf(m.region ?? '');
    const nR = result.regionIds.length;
    if (r < 0 || y < 0) return out;
    for (let k = 0; k < rows; k++) out[k] = (result.regionCurtailProbability[(k * nR + r) * nY + y] ?? Number.NaN) * meta.factor;
    return out;
  }
  if (m.kind === 'missShare') {
    const nS = result.siteIds.length;
    if (y < 0 || nS === 0) return out;
    for (let k = 0; k < rows; k++) {
      let sum = 0;
      for (let s = 0; s < nS; s++) sum += result.siteMissProbability[(k * nS + s) * nY + y] ?? 0;
      out[k] = (sum / nS) * meta.factor;
    }
    return out;
  }
  const key = metricId(m);
  const i = result.series.findIndex((s) => s.key === key);
  if (i < 0) return out;
  for (let k = 0; k < rows; k++) out[k] = seriesSummary(result, k, i).mean * meta.factor;
  return out;
}

/** Formats a display-unit value with three significant figures. */
export function formatMetric(v: number, id: string): string {
  if (!Number.isFinite(v)) return '—';
  const unit = metricUnit(id);
  const n = numberFormat({ maximumSignificantDigits: 3 }).format(v);
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}
