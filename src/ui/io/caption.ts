// What an exported image says about itself, in the page's language: its title, the scenario and
// year, the key (as the page shows it), the knobs moved away from the scenario's own values and
// where the numbers come from, with the view's address, so a picture pasted into a report can be
// traced back. The layout (captionSvg.ts) is separate, so this part is testable as plain data.
import { t } from '../../i18n/i18n';
import { KNOB_NAMES } from '../../scenario/names';
import type { Scenario } from '../../scenario/schema';
import { KNOB_META, knobRanges } from '../knobs';
import { scenarioName } from '../scenarioText';
import { scenarioSources } from '../views/scenarioSources';
import { capList, shorten } from './textWrap';

/** One entry of a key: a swatch (or a ramp, or the map's height bar) and its words. */
export type KeyItem =
  | { kind: 'fill' | 'line' | 'dash' | 'dot'; colour: string; label: string }
  | { kind: 'ramp'; stops: readonly string[]; label: string }
  /** The map's column-height scale: a bar `px` CSS px tall standing for `label`. */
  | { kind: 'bar'; colour: string; px: number; label: string }
  | { kind: 'text'; label: string };

export interface Caption {
  title: string;
  /** Scenario and year. */
  subtitle: string;
  /** Capped with a "+N more" entry. */
  key: KeyItem[];
  /** Introduces `knobs`. */
  knobsHeading: string;
  /** Each moved knob as "label = value unit (scenario: base)"; capped with "+N more". */
  knobs: string[];
  /** One line: the sources (shortened, capped), "Headroom" and the view's URL. */
  sources: string;
}

/** What the page knows about the view an image is taken of. */
export interface CaptionContext {
  /** The scenario as written (knobs not applied). */
  scenario: Scenario | undefined;
  /** Knob values in force, in KNOB_NAMES order (a result's knobValues). */
  knobValues: ArrayLike<number> | undefined;
  year: number | undefined;
  /** The address of the view (the shared link). */
  url: string;
}

/** At most this many lines of moved knobs and of sources before "+N more". */
export const MAX_KNOB_LINES = 6;
export const MAX_SOURCES = 3;
export const MAX_KEY_ITEMS = 10;
const SOURCE_CHARS = 48;

/** The knobs in `values` that differ from the scenario's own, as the caption states them. */
export function knobChanges(scenario: Scenario, values: ArrayLike<number>): string[] {
  const ranges = knobRanges(scenario);
  const lines: string[] = [];
  KNOB_NAMES.forEach((name, k) => {
    const v = values[k];
    const base = ranges[name].base;
    if (v === undefined || !Number.isFinite(v) || Math.abs(v - base) <= 1e-6 * Math.max(1, Math.abs(base))) return;
    const meta = KNOB_META[name];
    lines.push(t('io:caption.knob', { label: meta.label, value: meta.display(v), unit: meta.unit, base: meta.display(base) }));
  });
  return capList(lines, MAX_KNOB_LINES, (count) => t('io:caption.more', { count }));
}

/** "Sources: A; B; C; +4 more · Headroom · https://…" */
export function sourcesLine(scenario: Scenario | undefined, url: string): string {
  const titles = scenario ? scenarioSources(scenario).map((s) => shorten(s.title, SOURCE_CHARS)) : [];
  const list = capList(titles, MAX_SOURCES, (count) => t('io:caption.more', { count }));
  const sources = list.length ? t('io:caption.sources', { list: list.join('; ') }) : t('io:caption.noSources');
  return `${sources} · Headroom · ${url}`;
}

export function buildCaption(title: string, key: KeyItem[], c: CaptionContext): Caption {
  const name = c.scenario ? scenarioName(c.scenario) : 'Headroom';
  return {
    title,
    subtitle: c.year === undefined ? name : t('io:caption.scenarioYear', { scenario: name, year: c.year }),
    key: capList<KeyItem>(key, MAX_KEY_ITEMS, (count) => ({ kind: 'text', label: t('io:caption.more', { count }) })),
    knobsHeading: t('io:caption.knobsChanged'),
    knobs: c.scenario && c.knobValues ? knobChanges(c.scenario, c.knobValues) : [],
    sources: sourcesLine(c.scenario, c.url),
  };
}
