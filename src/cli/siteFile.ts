// `--sites FILE`: a user's CSV or GeoJSON site list merged into the scenario, with every bad value
// named by row and column (the same reader and rules as the page's import: src/data/fileText.ts
// decodes the bytes, so a UTF-16 export, a workbook or a scenario given here get the page's words).
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { HEAD_BYTES, kindProblem, fileText, MAX_IMPORT_BYTES } from '../data/fileText';
import { importIssueLines, keptAggregates, mergeSites, parseSitesFile } from '../data/importSites';
import { echo, LIST_MAX } from '../scenario/echo';
import type { Scenario } from '../scenario/schema';
import { formatIssues, MAX_LISTED_ISSUES, parseScenario, ScenarioError } from '../scenario/validate';

/** Bad site file: the CLI prints the message and exits 2. */
export class SiteFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteFileError';
  }
}

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read: ${echo(e instanceof Error ? e.message : String(e), 200)}`;
};

/**
 * The file's bytes and size; over the size limit only its first HEAD_BYTES, enough for fileText
 * to say what it is without reading 100 MB. Throws what `why` words.
 */
async function readBytes(file: string): Promise<{ bytes: Uint8Array; size: number }> {
  const { size } = await stat(file);
  if (size <= MAX_IMPORT_BYTES) return { bytes: await readFile(file), size };
  const handle = await open(file, 'r');
  try {
    const bytes = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, HEAD_BYTES, 0);
    return { bytes: bytes.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

export async function withSiteFile(scenario: Scenario, file: string, mode: 'replace' | 'append'): Promise<Scenario> {
  const shown = echo(file, 200);
  let read: { bytes: Uint8Array; size: number };
  try {
    read = await readBytes(file);
  } catch (e) {
    throw new SiteFileError(`${shown}: ${why(e)}`);
  }
  const parsed = parseSitesFile(
    basename(file),
    read.bytes,
    scenario.regions.map((r) => r.id),
    read.size,
  );
  if (!parsed.ok) {
    const n = parsed.total ?? parsed.issues.length;
    if (n === 1) throw new SiteFileError(`${shown}: ${importIssueLines(parsed, LIST_MAX)[0]}`);
    const lines = importIssueLines(parsed, LIST_MAX).map((l) => `  ${l}`);
    throw new SiteFileError(`${shown}: ${n.toLocaleString('en-US')} problems:\n${lines.join('\n')}`);
  }
  for (const warning of parsed.warnings) process.stderr.write(`warning: ${shown}: ${echo(warning, 400)}\n`);
  // Replacing keeps the scenario's rest-of-fleet aggregates (as the page does): said, so the
  // national totals in the result are not a surprise.
  const kept = keptAggregates(scenario, parsed.sites, mode);
  if (kept.length > 0) {
    const ids = kept.map((s) => s.id).join(', ');
    process.stderr.write(
      `note: ${shown}: replaced the named sites and kept ${kept.length} rest-of-fleet aggregate(s) (${echo(ids, 300)}); a file with aggregate rows of its own replaces them too\n`,
    );
  }
  const merged = mergeSites(scenario, parsed.sites, mode);
  if (!merged.ok) {
    throw new SiteFileError(`${shown} does not fit the scenario:\n${formatIssues(merged.errors, MAX_LISTED_ISSUES).replace(/^/gm, '  ')}`);
  }
  return merged.scenario;
}

/**
 * A scenario file read through the same reader as site files (UTF-16, workbooks, binary and a
 * site list given as the scenario are named), then validated; throws a ScenarioError naming the
 * file. For sim.ts's --scenario, in place of validate.ts's loadScenarioFile (which reads UTF-8 only).
 */
export async function readScenarioFile(file: string): Promise<Scenario> {
  const fail = (message: string): never => {
    throw new ScenarioError([{ path: '(file)', message }], echo(file, 200));
  };
  let read: { bytes: Uint8Array; size: number } | undefined;
  try {
    read = await readBytes(file);
  } catch (e) {
    fail(why(e));
  }
  const { bytes, size } = read as { bytes: Uint8Array; size: number };
  const text = fileText(basename(file), bytes, 'scenario', size);
  if (!text.ok) return fail(text.problem.message);
  const wrong = kindProblem(basename(file), text.text, 'scenario');
  if (wrong) return fail(wrong.message);
  const result = parseScenario(text.text);
  if (!result.ok) throw new ScenarioError(result.errors, echo(file, 200));
  return result.scenario;
}
