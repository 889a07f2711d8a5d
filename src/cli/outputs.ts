// Writing a result (a run, a shard or a merge) as JSON, CSV and Arrow: shared by sim and merge.
// Everything goes through an OutputBatch, so the files appear together at commit or not at all.
import { rawSamplesToArrow, rawSamplesToCsv } from '../engine/rawExport';
import type { RawSamples } from '../engine/rawSamples';
import type { EnsembleResultJson } from '../analysis/shards';
import { paramSetTable, tableToArrow, tableToCsv } from '../analysis/table';
import type { OutputBatch } from './atomicWrite';
import type { NamedPath } from './targets';

export { OutputBatch, OutputError } from './atomicWrite';

export interface OutputFiles {
  out?: string | undefined;
  csv?: string | undefined;
  arrow?: string | undefined;
}

export interface SampleFiles {
  samplesCsv?: string | undefined;
  samplesArrow?: string | undefined;
}

/** The output paths asked for, with their flags, for checkOutputTargets. */
export function outputTargets(files: OutputFiles & SampleFiles): NamedPath[] {
  const named: [string, string | undefined][] = [
    ['--out', files.out],
    ['--csv', files.csv],
    ['--arrow', files.arrow],
    ['--samples-csv', files.samplesCsv],
    ['--samples-arrow', files.samplesArrow],
  ];
  return named.filter((n): n is [string, string] => n[1] !== undefined).map(([flag, path]) => ({ flag, path }));
}

/** Writes whichever of JSON, CSV and Arrow were asked for into the batch (uncommitted). */
export async function writeOutputs(json: EnsembleResultJson, files: OutputFiles, batch: OutputBatch): Promise<void> {
  if (files.out) await batch.write(files.out, `${JSON.stringify(json, null, 2)}\n`);
  if (files.csv || files.arrow) {
    const table = paramSetTable(json);
    if (files.csv) await batch.write(files.csv, tableToCsv(table));
    if (files.arrow) await batch.write(files.arrow, tableToArrow(table));
  }
}

/** Raw samples of one parameter set, as CSV and/or Arrow, into the batch (uncommitted). */
export async function writeSamples(samples: RawSamples, files: SampleFiles, batch: OutputBatch): Promise<void> {
  if (files.samplesCsv) await batch.write(files.samplesCsv, rawSamplesToCsv(samples));
  if (files.samplesArrow) await batch.write(files.samplesArrow, rawSamplesToArrow(samples));
}
