// File names for the page's exports, made the way scenario files are named.
import { scenarioFileName } from '../../data/scenarioFile';

export { downloadBlob } from '../../data/scenarioFile';

/** A file-name-safe slug: 'Global 2025–2035 (default)' → 'global-2025-2035-default'. */
export function slug(text: string): string {
  return scenarioFileName({ name: text }).replace(/\.json$/, '');
}
