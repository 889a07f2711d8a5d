// Share and export actions behind the toolbar's buttons. Each writes a file or the clipboard and
// returns a line for the notice area; failures come back as thrown errors for the error box.
import { downloadText, scenarioFileName, scenarioToJson } from '../../data/scenarioFile';
import { scenarioWithKnobs } from '../knobs';
import type { AppState } from '../store';
import type { ExportKind } from '../hr-toolbar';
import { downloadBlob, slug } from './download';
import { resultsCsv, resultsJson, siteYearsCsv } from './exports';

export async function exportFile(kind: ExportKind, s: AppState, mapPng: () => Promise<Blob>): Promise<string> {
  const base = slug(s.resultLabel ?? s.scenario?.name ?? 'headroom');
  if (kind === 'scenario-json') {
    if (!s.scenario) throw new Error('no scenario is loaded');
    // The scenario as the knobs have it, so the file reproduces what is on screen.
    const scenario = scenarioWithKnobs(s.scenario, s.knobs);
    const name = scenarioFileName(scenario);
    downloadText(name, scenarioToJson(scenario), 'application/json');
    return `Saved ${name}.`;
  }
  if (kind === 'map-png') {
    const name = `headroom-map-${base}-${s.year ?? ''}.png`;
    downloadBlob(name, await mapPng());
    return `Saved ${name}.`;
  }
  const r = s.result;
  const scenario = s.resultScenario;
  if (!r || !scenario) throw new Error('there is no result to export yet');
  const files: Record<Exclude<ExportKind, 'scenario-json' | 'map-png'>, [string, () => string, string]> = {
    'results-json': [`headroom-results-${base}.json`, () => resultsJson(r, scenarioWithKnobs(scenario, s.knobs)), 'application/json'],
    'results-csv': [`headroom-results-${base}.csv`, () => resultsCsv(r), 'text/csv'],
    'site-years-csv': [`headroom-site-years-${base}.csv`, () => siteYearsCsv(r, scenario), 'text/csv'],
  };
  const [name, text, mime] = files[kind];
  downloadText(name, text(), mime);
  return `Saved ${name}.`;
}

/** Copies `url`; where the clipboard is refused (some iframes, plain http) falls back to a selection copy. */
export async function copyLink(url: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(url);
    return 'Link copied to the clipboard.';
  } catch {
    const area = document.createElement('textarea');
    area.value = url;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    // execCommand is deprecated but is the only copy path left when the Clipboard API is blocked.
    const copied = document.execCommand('copy');
    area.remove();
    return copied ? 'Link copied to the clipboard.' : `Copy this link: ${url}`;
  }
}
