// Every source a scenario cites, wherever it is cited (the scenario, its proceed probabilities, economics, regions,
// cooling, supply chain, cyber and sites), each once, with its date: the Sources view's list.
import type { Scenario } from '../../scenario/schema';

export interface SourceRef {
  title: string;
  url?: string;
  date?: string;
}

export type SourcePart = 'scenario' | 'proceeding' | 'economics' | 'regions' | 'cooling' | 'supplyChain' | 'cyber' | 'sites';

export interface SourceEntry extends SourceRef {
  /** The parts of the scenario that cite it, in SourcePart order. */
  usedIn: SourcePart[];
}

type WithSources = { sources?: readonly SourceRef[] | undefined };

/** Every object under `value` that carries a `sources` array (depth-first). */
function collect(value: unknown, out: SourceRef[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as WithSources & Record<string, unknown>;
  if (Array.isArray(o.sources)) out.push(...o.sources);
  for (const [k, v] of Object.entries(o)) if (k !== 'sources') collect(v, out);
}

/**
 * Each source once, in order of first citation, with where it is used. A document cited for two
 * different figures (same URL, two titles) is listed twice: the title says what was taken from it.
 */
export function scenarioSources(s: Scenario): SourceEntry[] {
  const byKey = new Map<string, SourceEntry>();
  const parts: [SourcePart, unknown][] = [
    ['scenario', { sources: s.sources }],
    ['proceeding', s.proceedProbability],
    ['economics', s.economics],
    ['regions', s.regions],
    ['cooling', s.cooling],
    ['supplyChain', s.supplyChain],
    ['cyber', s.cyber],
    ['sites', s.sites],
  ];
  for (const [part, value] of parts) {
    const found: SourceRef[] = [];
    collect(value, found);
    for (const ref of found) {
      const key = `${ref.url ?? ''}\n${ref.title}`;
      const entry = byKey.get(key);
      if (!entry) byKey.set(key, { ...ref, usedIn: [part] });
      else if (!entry.usedIn.includes(part)) entry.usedIn.push(part);
    }
  }
  return [...byKey.values()];
}
