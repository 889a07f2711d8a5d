// `--sites FILE`: a user's CSV or GeoJSON site list merged into the scenario, with every bad value
// named by row and column (the same rules as the page's import).
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatImportIssue, importSizeIssue, mergeSites, parseSitesText } from '../data/importSites';
import type { Scenario } from '../scenario/schema';
import { formatIssues } from '../scenario/validate';

/** Bad site file: the CLI prints the message and exits 2. */
export class SiteFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteFileError';
  }
}

export async function withSiteFile(scenario: Scenario, file: string, mode: 'replace' | 'append'): Promise<Scenario> {
  let text: string;
  try {
    const tooBig = importSizeIssue(basename(file), (await stat(file)).size);
    if (tooBig) throw new SiteFileError(`${file}: ${formatImportIssue(tooBig)}`);
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof SiteFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new SiteFileError(`${file}: ${code === 'ENOENT' ? 'file not found' : (e as Error).message}`);
  }
  const parsed = parseSitesText(
    basename(file),
    text,
    scenario.regions.map((r) => r.id),
  );
  if (!parsed.ok) {
    const n = parsed.issues.length;
    throw new SiteFileError(
      `${file}: ${n} problem${n === 1 ? '' : 's'}:\n${parsed.issues.map((i) => `  ${formatImportIssue(i)}`).join('\n')}`,
    );
  }
  for (const warning of parsed.warnings) process.stderr.write(`warning: ${file}: ${warning}\n`);
  const merged = mergeSites(scenario, parsed.sites, mode);
  if (!merged.ok) throw new SiteFileError(`${file} does not fit the scenario:\n${formatIssues(merged.errors).replace(/^/gm, '  ')}`);
  return merged.scenario;
}
