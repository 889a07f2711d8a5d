// A scenario's name and description in the page's language: the scenario file's own translation
// (`i18n.ja`, src/scenario/schema.ts) when it has one, else the English it is written in.
import { language } from '../i18n/i18n';
import type { Scenario } from '../scenario/schema';

type Named = Pick<Scenario, 'name' | 'description' | 'i18n'>;

const translation = (s: Named) => (language() === 'ja' ? s.i18n?.ja : undefined);

export function scenarioName(s: Named): string {
  return translation(s)?.name ?? s.name;
}

/** The description, or undefined when the scenario has none (a translation without one falls back to the English). */
export function scenarioDescription(s: Named): string | undefined {
  return translation(s)?.description ?? s.description;
}
