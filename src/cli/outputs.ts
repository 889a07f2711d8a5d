// Writing a result (a run, a shard or a merge) as JSON, CSV and Arrow: shared by sim and merge.
import { writeFile } from 'node:fs/promises';
import { rawSamplesToArrow, rawSamplesToCsv } from '../engine/rawExport';
import type { RawSamples } from '../engine/rawSamples';
import type { EnsembleResultJson } from '../analysis/shards';
import { paramSetTable, tableToArrow, tableToCsv } from '../analysis/table';

export interface OutputFiles {
  out?: string | undefined;
  csv?: string | undefined;
  arrow?: string | undefined;
}

/** A file that could not be written: the CLI prints the message and exits 1. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

async function write(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, data);
  } catch (e) {
    throw new OutputError(`could not write ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Writes whichever files were asked for; returns their names in the order written. */
export async function writeOutputs(json: EnsembleResultJson, files: OutputFiles): Promise<string[]> {
  const written: string[] = [];
  if (files.out) {
    await write(files.out, `${JSON.stringify(json, null, 2)}\n`);
    written.push(files.out);
  }
  if (files.csv || files.arrow) {
    const table = paramSetTable(json);
    if (files.csv) {
      await write(files.csv, tableToCsv(table));
      written.push(files.csv);
    }
    if (files.arrow) {
      await write(files.arrow, tableToArrow(table));
      written.push(files.arrow);
    }
  }
  return written;
}

/** Raw samples of one parameter set, as CSV and/or Arrow; returns the names written. */
export async function writeSamples(
  samples: RawSamples,
  files: { samplesCsv?: string | undefined; samplesArrow?: string | undefined },
): Promise<string[]> {
  const written: string[] = [];
  if (files.samplesCsv) {
    await write(files.samplesCsv, rawSamplesToCsv(samples));
    written.push(files.samplesCsv);
  }
  if (files.samplesArrow) {
    await write(files.samplesArrow, rawSamplesToArrow(samples));
    written.push(files.samplesArrow);
  }
  return written;
}
