// A command's output files, all or none. Each file is first written to a temporary file beside
// its target (the same directory, so that the final rename is atomic), and only once every one is
// complete are they renamed into place — in one synchronous step, which no signal handler can
// split. A failure or an interrupt before that removes the temporaries, and a file that already
// stood at a target path survives unchanged: a rename that fails part-way puts back the files it
// had already replaced, from hard-linked (or copied) backups.
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, constants, linkSync, lstatSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { echo } from '../scenario/echo';

/** A file that could not be written: the CLI prints the message and exits 1. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

const reasonOf = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (e instanceof Error ? e.message : String(e));
};

/** Temporaries and backups this process has made and not yet renamed or removed. */
const live = new Set<string>();
let sweepOnExit = false;

/**
 * Removes every temporary this process still holds. Synchronous, because it also runs from the
 * 'exit' event (an uncaught error, a second Ctrl-C) where nothing asynchronous gets to finish.
 */
export function removeLeftovers(): void {
  for (const path of live) rmSync(path, { force: true });
  live.clear();
}

function hold(path: string): string {
  if (!sweepOnExit) {
    sweepOnExit = true;
    process.on('exit', removeLeftovers);
  }
  live.add(path);
  return path;
}

function release(path: string): void {
  rmSync(path, { force: true });
  live.delete(path);
}

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.(tmp|bak)$/;

/** `.name.<pid>.<random>.tmp`: hidden, beside the target, and traceable to the process that made it. */
const besideTarget = (target: string, kind: 'tmp' | 'bak') =>
  join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.${kind}`);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Temporaries of this target left by a process that no longer runs (one killed outright, e.g. by
 * SIGKILL, has no chance to clean up): the next write to the same target removes them.
 */
function sweepStale(target: string): void {
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m?.[1] === basename(target) && m[3] === 'tmp' && Number(m[2]) !== process.pid && !alive(Number(m[2]))) {
      rmSync(join(dirname(target), name), { force: true });
    }
  }
}

/** Where a target really is: a symbolic link is written through, so the link itself is kept. */
export function realTarget(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}

interface Entry {
  target: string;
  temp: string;
}

/** Output files written together: write() each one, then commit() them all, or discard(). */
export class OutputBatch {
  private readonly entries: Entry[] = [];
  private state: 'open' | 'committed' | 'discarded' = 'open';

  /** The targets written so far, in order (the names the user gave). */
  readonly names: string[] = [];

  /** Writes `data` to a temporary beside `target`; nothing appears at `target` before commit(). */
  async write(target: string, data: string | Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`OutputBatch: write after ${this.state}`);
    const real = realTarget(target);
    sweepStale(real);
    const entry = { target: real, temp: hold(besideTarget(real, 'tmp')) };
    this.entries.push(entry);
    try {
      const file = await open(entry.temp, 'wx', 0o666);
      try {
        await file.writeFile(data);
        // On disk before the rename: a crash right after it must not leave an empty file in place.
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (e) {
      throw new OutputError(`could not write ${echo(target, 200)}: ${reasonOf(e)}`);
    }
    this.names.push(target);
  }

  /** Renames every temporary onto its target, or — on any failure — none of them. Throws OutputError. */
  commit(): void {
    if (this.state !== 'open') throw new Error(`OutputBatch: commit after ${this.state}`);
    this.state = 'committed';
    const replaced: { target: string; backup: string | undefined }[] = [];
    let at = '';
    try {
      for (const entry of this.entries) {
        at = entry.target;
        const backup = keepOld(entry);
        try {
          renameSync(entry.temp, entry.target);
        } catch (e) {
          if (backup) release(backup);
          throw e;
        }
        live.delete(entry.temp);
        replaced.push({ target: entry.target, backup });
      }
    } catch (e) {
      const kept = restore(replaced);
      for (const entry of this.entries) release(entry.temp);
      throw new OutputError(`could not write ${echo(at, 200)}: ${reasonOf(e)}; no output was written${kept}`);
    }
    for (const r of replaced) if (r.backup) release(r.backup);
  }

  /** Removes the temporaries (after a failure or an interrupt); a no-op after commit(). */
  discard(): void {
    if (this.state === 'committed') return;
    this.state = 'discarded';
    for (const entry of this.entries) release(entry.temp);
  }
}

/** A backup of the file now at the target (undefined: none there), and its mode given to the new one. */
function keepOld(entry: Entry): string | undefined {
  let mode: number;
  try {
    const stat = lstatSync(entry.target);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    mode = stat.mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  chmodSync(entry.temp, mode);
  const backup = hold(besideTarget(entry.target, 'bak'));
  try {
    linkSync(entry.target, backup);
  } catch {
    // File systems without hard links: a copy keeps the old contents just as well.
    copyFileSync(entry.target, backup, constants.COPYFILE_EXCL);
  }
  return backup;
}

/** Puts back what the replaced targets held; returns a note naming any backup it could not restore. */
function restore(replaced: readonly { target: string; backup: string | undefined }[]): string {
  const stuck: string[] = [];
  for (const { target, backup } of replaced) {
    if (!backup) {
      rmSync(target, { force: true });
      continue;
    }
    // Never delete the only copy of someone's file: a backup that cannot go back stays, named.
    live.delete(backup);
    try {
      renameSync(backup, target);
    } catch {
      stuck.push(`the previous ${echo(target, 200)} is kept as ${echo(backup, 200)}`);
    }
  }
  return stuck.length > 0 ? ` (but ${stuck.join(', ')})` : '';
}
