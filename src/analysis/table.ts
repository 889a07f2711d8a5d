// One row per parameter set — its index, its knob values, each headline metric's mean, P5, P50,
// P95 and exceedance probability, then what breaks first in each year (MW not delivered, its
// causes, the capital idle) — as CSV or Apache Arrow IPC. The columns are the same in both, so a
// sweep opens in a spreadsheet or in pandas/polars/DuckDB alike.
import { toCsv } from '../engine/csv';
import { CAUSES } from '../engine/attribution';
import { HEADLINE_KEYS } from '../engine/series';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { ResultJson } from '../engine/resultJson';

/** The run-wide totals every summary leads with (series keys of the engine). */
export const TABLE_STATS = ['mean', 'p5', 'p50', 'p95', 'pExceed'] as const;

export interface ParamSetTable {
  /**
   * Column names in order: 'paramSet', the knob names, `${metric}_${stat}`, then per year
   * `shortfallMW[year]_{mean,se,p5,p50,p95}`, `shortfallPExceed[year]`,
   * `shortfallMW[cause][year]_mean` for each cause, `idleFacilityCapexUSD[year]` and, when the
   * scenario prices grid connections, `idleGridCapexUSD[year]`.
   */
  columns: string[];
  /** One typed array per column, each with one entry per parameter set. */
  data: Record<string, Float64Array | Uint32Array>;
  rows: number;
}

export class TableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableError';
  }
}

export function paramSetTable(json: ResultJson, metrics: readonly string[] = HEADLINE_KEYS): ParamSetTable {
  const sets = json.paramSets;
  const rows = sets.length;
  const columns: string[] = ['paramSet', ...json.knobNames];
  const data: ParamSetTable['data'] = { paramSet: Uint32Array.from(sets, (s) => s.index) };
  for (const name of json.knobNames) data[name] = Float64Array.from(sets, (s) => s.knobs[name] ?? NaN);
  for (const metric of metrics) {
    for (const stat of TABLE_STATS) {
      const column = `${metric}_${stat}`;
      columns.push(column);
      data[column] = Float64Array.from(sets, (s, i) => {
        const series = s.series[metric];
        if (!series) throw new TableError(`parameter set ${i}: no series '${metric}' in the result`);
        return series[stat];
      });
    }
  }
  addAttribution(json, columns, data);
  return { columns, data, rows };
}

const SHORTFALL_STATS = ['mean', 'se', 'p5', 'p50', 'p95'] as const;

/** What breaks first, per year, from each set's attribution (results that predate it have none). */
function addAttribution(json: ResultJson, columns: string[], data: ParamSetTable['data']): void {
  const sets = json.paramSets;
  if (sets.length === 0 || sets.some((s) => !s.attribution)) return;
  const add = (column: string, value: (y: NonNullable<(typeof sets)[number]['attribution']>[number]) => number, y: number) => {
    columns.push(column);
    data[column] = Float64Array.from(sets, (s, i) => {
      const year = s.attribution?.[y];
      if (!year) throw new TableError(`parameter set ${i}: no attribution for ${json.years[y]}`);
      return value(year);
    });
  };
  json.years.forEach((year, y) => {
    for (const stat of SHORTFALL_STATS) add(`shortfallMW[${year}]_${stat}`, (a) => a.shortfallMW[stat], y);
    add(`shortfallPExceed[${year}]`, (a) => a.pExceed, y);
    for (const cause of CAUSES)
      add(`shortfallMW[${cause}][${year}]_mean`, (a) => a.causes.find((c) => c.cause === cause)?.meanMW ?? NaN, y);
    add(`idleFacilityCapexUSD[${year}]`, (a) => a.facilityCapexUSD, y);
    if (sets.every((s) => s.attribution?.[y]?.gridCapexUSD !== undefined))
      add(`idleGridCapexUSD[${year}]`, (a) => a.gridCapexUSD ?? NaN, y);
  });
}

/** CSV with a header row; numbers as JavaScript prints them (shortest text that reads back exactly). */
export function tableToCsv(table: ParamSetTable): string {
  const rows: number[][] = [];
  for (let r = 0; r < table.rows; r++) rows.push(table.columns.map((c) => (table.data[c] as Float64Array | Uint32Array)[r] as number));
  return toCsv(table.columns, rows);
}

/** Apache Arrow IPC file format (Feather v2): float64 columns, uint32 paramSet. */
export function tableToArrow(table: ParamSetTable): Uint8Array {
  const ordered: Record<string, Float64Array | Uint32Array> = {};
  for (const c of table.columns) ordered[c] = table.data[c] as Float64Array | Uint32Array;
  return tableToIPC(tableFromArrays(ordered), 'file');
}
