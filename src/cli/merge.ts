// `npm run merge`: checks that result files are the shards of one run and merges them into the
// result of the whole run (JSON, and optionally the per-parameter-set table as CSV or Arrow).
// Exit codes: 0 done, 1 output failure, 2 bad arguments or files that do not belong together.
import { readFile } from 'node:fs/promises';
import { MergeError, mergeShards, parseShardJson, type NamedShard } from '../analysis/merge';
import { CliError, MERGE_USAGE, parseMergeArgs, type MergeArgs } from './args';
import { OutputError, writeOutputs } from './outputs';

const errorLine = (message: string) => process.stderr.write(`error: ${message}\n`);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function readShard(file: string): Promise<NamedShard> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MergeError(code === 'ENOENT' ? `${file}: file not found` : `${file}: ${messageOf(e)}`);
  }
  return parseShardJson(file, text);
}

async function main(argv: readonly string[]): Promise<number> {
  let args: MergeArgs;
  try {
    args = parseMergeArgs(argv);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    errorLine(`${e.message}\n(npm run merge -- --help for usage)`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${MERGE_USAGE}\n`);
    return 0;
  }
  try {
    const { merged, warnings } = mergeShards(await Promise.all(args.shards.map(readShard)));
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    const written = await writeOutputs(merged, args);
    const { run, ensemble } = merged;
    process.stdout.write(
      `merged ${ensemble.mergedShards} shard${ensemble.mergedShards === 1 ? '' : 's'}: ${run.paramSetCount} parameter sets × ${run.draws} draws, ` +
        `${ensemble.design} design, seed ${run.seed}, scenario ${merged.scenario.name}\n` +
        written.map((f) => `wrote ${f}\n`).join(''),
    );
    return 0;
  } catch (e) {
    if (e instanceof MergeError) {
      errorLine(e.message);
      return 2;
    }
    if (e instanceof OutputError) {
      errorLine(e.message);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    errorLine(`unexpected: ${messageOf(e)}`);
    process.exit(1);
  },
);
