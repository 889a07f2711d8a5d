// `npm run merge`: checks that result files are the shards of one run and merges them into the
// result of the whole run (JSON, and optionally the per-parameter-set table as CSV or Arrow).
// Exit codes: 0 done, 1 output failure, 2 bad arguments or files that do not belong together,
// 130 interrupted. The outputs appear together or not at all (atomicWrite.ts).
import { readFile } from 'node:fs/promises';
import { MergeError, mergeVerified, parseShardJson, type NamedShard } from '../analysis/merge';
import { TableError } from '../analysis/table';
import { echo } from '../scenario/echo';
import { CliError, MERGE_USAGE, parseMergeArgs, type MergeArgs } from './args';
import { EXIT_INTERRUPTED, exitWhenFlushed, stopOnSignals } from './lifecycle';
import { OutputBatch, OutputError, outputTargets, writeOutputs } from './outputs';
import { checkOutputTargets } from './targets';

const errorLine = (message: string) => process.stderr.write(`error: ${message}\n`);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const fileName = (file: string) => echo(file, 200);

async function readShard(file: string, position: number): Promise<NamedShard> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MergeError(`${fileName(file)}: ${code === 'ENOENT' ? 'file not found' : `could not read (${code ?? messageOf(e)})`}`);
  }
  return parseShardJson(fileName(file), text, position);
}

/** Merges and writes; MergeError and TableError are bad input (2), OutputError a failed write (1). */
async function mergeAndWrite(args: MergeArgs, signal: AbortSignal): Promise<number> {
  const batch = new OutputBatch();
  try {
    const shards: NamedShard[] = [];
    for (const [i, file] of args.shards.entries()) shards.push(await readShard(file, i + 1));
    const { merged, warnings } = await mergeVerified(shards);
    await writeOutputs(merged, args, batch);
    if (signal.aborted) {
      errorLine('interrupted');
      return EXIT_INTERRUPTED;
    }
    batch.commit();
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    const { run, ensemble } = merged;
    process.stdout.write(
      `merged ${ensemble.mergedShards} shard${ensemble.mergedShards === 1 ? '' : 's'}: ${run.paramSetCount} parameter sets × ${run.draws} draws, ` +
        `${ensemble.design} design, seed ${run.seed}, scenario ${echo(merged.scenario.name)}\n` +
        batch.names.map((f) => `wrote ${fileName(f)}\n`).join(''),
    );
    return 0;
  } catch (e) {
    if (e instanceof MergeError || e instanceof TableError) {
      errorLine(e.message);
      return 2;
    }
    if (e instanceof OutputError) {
      errorLine(e.message);
      return 1;
    }
    throw e;
  } finally {
    batch.discard();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: MergeArgs;
  try {
    args = parseMergeArgs(argv);
    if (!args.help)
      checkOutputTargets(
        outputTargets(args),
        args.shards.map((path) => ({ flag: 'shard file', path })),
      );
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    errorLine(`${e.message}\n(npm run merge -- --help for usage)`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${MERGE_USAGE}\n`);
    return 0;
  }
  const abort = new AbortController();
  const release = stopOnSignals(abort);
  try {
    return await mergeAndWrite(args, abort.signal);
  } finally {
    release();
  }
}

main(process.argv.slice(2)).then(exitWhenFlushed, (e: unknown) => {
  errorLine(`unexpected: ${messageOf(e)}`);
  return exitWhenFlushed(1);
});
