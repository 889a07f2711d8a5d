// Raw samples as files an analyst can open: CSV (papaparse) and Apache Arrow IPC (apache-arrow).
import { Float32, makeVector, Table, tableToIPC, Uint32 } from 'apache-arrow';
import { toCsv } from './csv';
import type { RawSamples } from './rawSamples';

/** One row per draw: `draw`, then one column per series key. */
export function rawSamplesToCsv(raw: RawSamples): string {
  const fields = ['draw', ...raw.series.map((s) => s.key)];
  const rows = Array.from({ length: raw.draws }, (_, d) => [d, ...raw.columns.map((c) => c[d])]);
  return toCsv(fields, rows);
}

/** The same table as Arrow IPC (file format), float32 columns without copies. */
export function rawSamplesToArrow(raw: RawSamples): Uint8Array {
  const columns: Record<string, ReturnType<typeof makeVector>> = {
    draw: makeVector({ type: new Uint32(), data: Uint32Array.from({ length: raw.draws }, (_, d) => d) }),
  };
  raw.series.forEach((s, i) => (columns[s.key] = makeVector({ type: new Float32(), data: raw.columns[i] })));
  const table = new Table(columns);
  table.schema.metadata.set('headroom.paramSet', String(raw.paramSet));
  table.schema.metadata.set('headroom.seed', String(raw.seed));
  return tableToIPC(table, 'file');
}
