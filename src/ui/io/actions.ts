// Share and export actions behind the toolbar's buttons. Each writes a file or the clipboard and
// returns a line for the notice area; failures come back as thrown errors for the error box.
import { downloadText, scenarioFileName, scenarioToJson } from '../../data/scenarioFile';
import { t } from '../../i18n/i18n';
import { scenarioWithKnobs } from '../knobs';
import { resolveYear } from '../resultSlices';
import type { AppState } from '../store';
import type { ExportKind } from '../hr-toolbar';
import { downloadBlob, slug } from './download';
import { resultsCsv, resultsJson, siteYearsCsv } from './exports';
import type { ChartElement, ChartExportFormat } from '../charts/chartBase';
import { KNOB_NAMES } from '../../scenario/names';
import { effectiveKnobs } from '../knobs';
import { stateToSearch } from '../urlState';
import type { CaptionContext } from './caption';

/** What an export's caption says about the view: the scenario as written, the knobs in force, the year, the link. */
export function captionContext(s: AppState): CaptionContext {
  const scenario = s.resultScenario ?? s.scenario;
  const knobs = scenario ? effectiveKnobs(scenario, s.knobs) : undefined;
  return {
    scenario,
    knobValues: s.result?.knobValues ?? (knobs ? KNOB_NAMES.map((n) => knobs[n]) : undefined),
    year: resolveYear(s.year, scenario),
    url: `${location.origin}${location.pathname}${stateToSearch(s)}`,
  };
}

/** A chart as PNG or SVG, named headroom-<scenario>-<chart>-<year>. */
export async function exportChart(format: ChartExportFormat, chart: ChartElement, s: AppState): Promise<string> {
  const context = captionContext(s);
  const base = slug(s.resultLabel ?? s.scenario?.name ?? 'headroom');
  const name = `headroom-${base}-${chart.exportId}${context.year === undefined ? '' : `-${context.year}`}.${format}`;
  downloadBlob(name, await chart.exportImage(format, context));
  return t('io:saved', { name });
}

/** `mapPng` draws the map with the caption band for this view (hr-map.ts toPng). */
export async function exportFile(kind: ExportKind, s: AppState, mapPng: (context: CaptionContext) => Promise<Blob>): Promise<string> {
  const base = slug(s.resultLabel ?? s.scenario?.name ?? 'headroom');
  if (kind === 'scenario-json') {
    if (!s.scenario) throw new Error(t('io:noScenario'));
    // The scenario as the knobs have it, so the file reproduces what is on screen.
    const scenario = scenarioWithKnobs(s.scenario, s.knobs);
    const name = scenarioFileName(scenario);
    downloadText(name, scenarioToJson(scenario), 'application/json');
    return t('io:saved', { name });
  }
  if (kind === 'map-png') {
    const context = captionContext(s);
    // Named as the charts are: headroom-<scenario>-map-<year>.png.
    const name = `headroom-${base}-map${context.year === undefined ? '' : `-${context.year}`}.png`;
    downloadBlob(name, await mapPng(context));
    return t('io:saved', { name });
  }
  const r = s.result;
  const scenario = s.resultScenario;
  if (!r || !scenario) throw new Error(t('io:noResult'));
  const files: Record<Exclude<ExportKind, 'scenario-json' | 'map-png'>, [string, () => string, string]> = {
    'results-json': [`headroom-results-${base}.json`, () => resultsJson(r, scenarioWithKnobs(scenario, s.knobs)), 'application/json'],
    'results-csv': [`headroom-results-${base}.csv`, () => resultsCsv(r), 'text/csv'],
    'site-years-csv': [`headroom-site-years-${base}.csv`, () => siteYearsCsv(r, scenario), 'text/csv'],
  };
  const [name, text, mime] = files[kind];
  downloadText(name, text(), mime);
  return t('io:saved', { name });
}

/** What is copied: the names the callers use, and the key of each one's words. */
const COPIED = { Link: 'link', 'Embed code': 'embed' } as const;

/**
 * Copies text (a link, embed code); where the clipboard is refused (some iframes, plain http)
 * falls back to a selection copy. The notice says what happened, with the text when nothing could copy it.
 */
export async function copyText(text: string, what: keyof typeof COPIED = 'Link'): Promise<string> {
  const kind = COPIED[what];
  try {
    await navigator.clipboard.writeText(text);
    return t(`io:copied.${kind}`);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    // execCommand is deprecated but is the only copy path left when the Clipboard API is blocked.
    const copied = document.execCommand('copy');
    area.remove();
    return copied ? t(`io:copied.${kind}`) : t(`io:copyThis.${kind}`, { text });
  }
}

export const copyLink = (url: string): Promise<string> => copyText(url, 'Link');

/** An iframe for an article: the same state with ?embed=1, a title for screen readers, lazy loading. */
export function embedCode(fullViewUrl: string, title: string): string {
  const url = new URL(fullViewUrl);
  url.searchParams.set('embed', '1');
  if (!url.searchParams.has('view')) url.searchParams.set('view', 'both');
  if (!url.searchParams.has('controls')) url.searchParams.set('controls', '0');
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${attr(url.href)}" title="${attr(title)}" width="100%" height="760" style="border:0" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`;
}
