// Output paths checked before anything runs, so that a typo in --csv costs an instant exit 2 rather
// than an hour's run that then cannot be saved: every output's directory must exist and be
// writable, no two outputs may name one file, and no output may overwrite a file being read.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { echo } from '../scenario/echo';
import { CliError } from './args';
import { realTarget } from './atomicWrite';

/** A path given on the command line, with the flag (or role) that gave it, for messages. */
export interface NamedPath {
  flag: string;
  path: string;
}

const shown = (path: string) => echo(path, 200);
const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

function checkDirectory({ flag, path }: NamedPath, real: string): void {
  const dir = dirname(real);
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`${flag}: ${shown(dir)} is not a directory`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = codeOf(e);
    if (code === 'ENOENT') throw new CliError(`${flag}: directory ${shown(dir)} does not exist (for ${shown(path)})`);
    if (code === 'ENOTDIR') throw new CliError(`${flag}: ${shown(dir)} is not a directory`);
    throw new CliError(`${flag}: cannot read directory ${shown(dir)} (${code})`);
  }
  try {
    // Write to create the temporary, execute to reach it; the rename needs nothing more.
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new CliError(`${flag}: cannot write in directory ${shown(dir)} (${codeOf(e)})`);
  }
  try {
    if (statSync(real).isDirectory()) throw new CliError(`${flag}: ${shown(path)} is a directory; name a file`);
  } catch (e) {
    if (e instanceof CliError) throw e;
  }
}

/** Throws CliError (exit 2) for the first output that could not be written, before any work. */
export function checkOutputTargets(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): void {
  const inputFiles = new Map(inputs.map((i) => [resolve(realTarget(i.path)), i]));
  const seen = new Map<string, NamedPath>();
  for (const output of outputs) {
    const real = resolve(realTarget(output.path));
    const other = seen.get(real);
    if (other) throw new CliError(`${output.flag}: ${shown(output.path)} is also the ${other.flag} file: give each output its own file`);
    seen.set(real, output);
    const input = inputFiles.get(real);
    if (input)
      throw new CliError(`${output.flag}: ${shown(output.path)} is the ${input.flag} being read: write the output to another file`);
    checkDirectory(output, real);
  }
}
