// How the CLIs stop: on Ctrl-C (SIGINT) or SIGTERM, and at the end of a run.
import { writeSync } from 'node:fs';
import { removeLeftovers } from './atomicWrite';

/** Exit code of an interrupted run (128 + SIGINT), whichever signal stopped it. */
export const EXIT_INTERRUPTED = 130;

/**
 * The first SIGINT or SIGTERM aborts the work through `abort` (the run stops at its next chunk,
 * temporaries are removed and the command exits 130); a second one stops at once, still removing
 * the temporaries first. Returns the function that removes the handlers.
 */
export function stopOnSignals(abort: AbortController): () => void {
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals === 1) {
      abort.abort();
      process.stderr.write('stopping… (press Ctrl-C again to stop at once)\n');
      return;
    }
    // The person will not wait: skip the orderly path (and any buffered output), not the cleanup.
    removeLeftovers();
    try {
      writeSync(2, 'error: interrupted\n');
    } catch {
      // stderr is gone: the exit code says it.
    }
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** Resolves once everything written to `stream` so far has been taken by the OS (or the stream is gone). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    // Writes complete in order, so this empty one's callback comes after all earlier ones.
    stream.write('', () => resolve());
  });
}

/**
 * Exits with `code` once stdout and stderr have drained. process.exit() right after a write drops
 * whatever a pipe has not yet taken (64 KiB to a slow reader); the sim CLI needs the explicit exit
 * all the same, because Dawn's threads keep Node alive after the engine is disposed.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  return process.exit(code);
}
