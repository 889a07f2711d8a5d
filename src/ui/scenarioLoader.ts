// Where scenarios come from: the presets shipped with the page, files the visitor imports
// (a scenario JSON, or a site list as CSV / GeoJSON merged into the current scenario), and the
// visitor's last import kept in IndexedDB until "Reset to preset". A file that does not validate
// is reported row by row (or path by path) and the last good scenario stays loaded.
import { fileText, guessKind, HEAD_BYTES, MAX_IMPORT_BYTES } from '../data/fileText';
import { issueWhere, keptAggregates, MAX_REPORTED_ISSUES, mergeSites, parseSitesText, type ImportIssue } from '../data/importSites';
import { clearUserScenario, loadUserScenario, saveUserScenario } from '../data/persist';
import { numberFormat, t } from '../i18n/i18n';
import { echo } from '../scenario/echo';
import type { Scenario } from '../scenario/schema';
import { parseScenario, type ParseResult, type ScenarioIssue } from '../scenario/validate';
import type { PresetId, ScenarioSource, Store, UiIssue } from './store';
import { errorMessage, formatMW } from './format';

/** Splits `row 4, column lat: reason` into where and why, so the error list can show both. */
export function importIssueToUi(i: ImportIssue): UiIssue {
  const where = issueWhere(i);
  const message = echo(i.message, 400);
  return where ? { path: where, message } : { message };
}

/**
 * A scenario's problems as the error list shows them: the first MAX_REPORTED_ISSUES (200,000
 * unknown keys would make a page nobody reads), then one line counting the rest.
 */
export function scenarioIssuesToUi(errors: readonly ScenarioIssue[]): UiIssue[] {
  const shown: UiIssue[] = errors.slice(0, MAX_REPORTED_ISSUES).map((e) => ({ path: echo(e.path, 200), message: echo(e.message, 400) }));
  const more = errors.length - shown.length;
  return more > 0 ? [...shown, { message: t('app:issues.more', { n: numberFormat().format(more) }) }] : shown;
}

/**
 * The file's bytes: all of them, or over the size limit only the head, from which fileText says
 * what the file is (a 100 MB scenario is called a scenario, a workbook a workbook) without
 * reading it into memory.
 */
async function fileBytes(file: File): Promise<Uint8Array> {
  const part = file.size > MAX_IMPORT_BYTES ? file.slice(0, HEAD_BYTES) : file;
  return new Uint8Array(await part.arrayBuffer());
}

export class ScenarioLoader {
  constructor(
    private readonly store: Store,
    private readonly onScenarioChanged: () => void,
  ) {}

  /**
   * At start-up: the visitor's saved import (unless the URL names a preset), else the preset.
   * Start-up notices (values ignored in the link, no saved import for `?scenario=user`) are set
   * after the first scenario is taken, which clears the notices of the scenario before it.
   */
  async loadInitial(): Promise<void> {
    const { source, presetId, notice } = this.store.state;
    const notes = notice ? [notice] : [];
    const explicitPreset = new URLSearchParams(location.search).has('scenario') && source !== 'user';
    const saved = await loadUserScenario().catch(() => undefined);
    if (saved) this.store.set({ userLabel: saved.label });
    if (saved && !explicitPreset) {
      // loadUserScenario has validated it already.
      this.#accept({ ok: true, scenario: saved.scenario }, t('app:load.savedInvalid'), 'user', { keepView: true });
    } else {
      if (source === 'user') notes.push(t('app:load.userLink'));
      await this.#loadPreset(presetId, true);
    }
    if (notes.length > 0) this.store.set({ notice: notes.join(' ') });
  }

  selectPreset(id: PresetId): Promise<void> {
    return this.#loadPreset(id, false);
  }

  /** Back to the visitor's saved import (the "Imported: …" entry of the preset list). */
  async selectUser(): Promise<void> {
    const saved = await loadUserScenario().catch(() => undefined);
    if (!saved) {
      this.store.set({ userLabel: undefined, notice: t('app:load.noLongerSaved') });
      return;
    }
    this.#accept({ ok: true, scenario: saved.scenario }, t('app:load.savedInvalid'), 'user', { keepView: false });
  }

  async resetToPreset(): Promise<void> {
    await clearUserScenario().catch(() => undefined);
    this.store.set({ userLabel: undefined });
    await this.#loadPreset(this.store.state.presetId, false);
  }

  async #loadPreset(id: PresetId, keepView: boolean): Promise<void> {
    let text: string;
    try {
      const response = await fetch(`./data/scenarios/${id}.json`);
      if (!response.ok) throw new Error(`HTTP ${response.status} for data/scenarios/${id}.json`);
      text = await response.text();
    } catch (e) {
      this.store.set({ state: 'error', error: { title: t('app:load.presetFailed', { id }), issues: [{ message: errorMessage(e) }] } });
      return;
    }
    this.store.set({ presetId: id });
    this.#accept(parseScenario(text), t('app:load.presetInvalid', { id }), id, { keepView });
  }

  async importFile(file: File): Promise<void> {
    const name = echo(file.name);
    let bytes: Uint8Array;
    try {
      bytes = await fileBytes(file);
    } catch (e) {
      return this.#fail(t('app:import.readFailed', { name }), [{ message: echo(errorMessage(e), 400) }]);
    }
    // The same reader as the CLI's: encodings, workbooks, binary files and the size limit.
    const read = fileText(file.name, bytes, undefined, file.size);
    if (!read.ok) return this.#fail(t('app:import.notImported', { name }), [{ message: read.problem.message }]);
    const text = read.text;
    const current = this.store.state.scenario;
    // One Import control takes both kinds, so a file goes where its content says it belongs.
    if (guessKind(file.name, text) === 'scenario') {
      const parsed = parseScenario(text);
      if (this.#accept(parsed, t('app:import.notScenario', { name }), 'user', { keepView: false })) {
        const problem = await this.#save(parsed, file.name);
        if (problem) this.store.set({ notice: problem });
      }
      return;
    }
    if (!current) return this.#fail(t('app:import.notImported', { name }), [{ message: t('app:import.noScenario') }]);
    const sites = parseSitesText(
      file.name,
      text,
      current.regions.map((r) => r.id),
    );
    if (!sites.ok) {
      return this.#fail(t('app:import.problems', { name }), sites.issues.map(importIssueToUi));
    }
    const merged = mergeSites(current, sites.sites, this.store.state.importMode);
    const kept = keptAggregates(current, sites.sites, this.store.state.importMode);
    const title = t('app:import.noFit', { name });
    if (this.#accept(merged, title, 'user', { keepView: false })) {
      const n = sites.sites.length;
      const replaced = t(this.store.state.importMode === 'replace' ? 'app:import.replaced' : 'app:import.appended', { count: n, name });
      // Never silent: a replace that kept the scenario's fleets says so, and how to replace them too.
      const mw = formatMW(kept.reduce((sum, x) => sum + x.itLoadMW, 0));
      const done = kept.length ? `${replaced} ${t('app:import.keptAggregates', { count: kept.length, mw })}` : replaced;
      // The readers' warnings are English detail (src/data); the frame around them is translated.
      const warnings = sites.warnings.length ? ` ${t('app:import.warnings', { warnings: sites.warnings.join('; ') })}` : '';
      const problem = await this.#save(merged, file.name);
      const imported = `${done}${warnings}`;
      // A failed save is said with the import, not overwritten by it (and stays, as saveProblem).
      this.store.set({ notice: problem ? `${imported} ${problem}` : imported });
    }
  }

  /**
   * Saves the import; on failure returns why, and keeps it in `saveProblem` (the status strip
   * shows it until another scenario is taken or a save succeeds), so a later notice cannot hide
   * that the import will be gone after a reload.
   */
  async #save(parsed: ParseResult, label: string): Promise<string | undefined> {
    if (!parsed.ok) return undefined;
    try {
      await saveUserScenario(parsed.scenario, label);
      this.store.set({ userLabel: label, saveProblem: undefined });
      return undefined;
    } catch (e) {
      const problem = t('app:import.saveFailed', { reason: errorMessage(e) });
      this.store.set({ saveProblem: problem });
      return problem;
    }
  }

  #fail(title: string, issues: UiIssue[]): void {
    this.store.set({ state: 'error', error: { title, issues }, notice: undefined });
  }

  /** True when the scenario was taken. */
  #accept(parsed: ParseResult, failTitle: string, source: ScenarioSource, opts: { keepView: boolean }): boolean {
    if (!parsed.ok) {
      this.#fail(failTitle, scenarioIssuesToUi(parsed.errors));
      return false;
    }
    const s = this.store.state;
    const scenario: Scenario = parsed.scenario;
    const years = { first: scenario.startYear, last: scenario.endYear };
    const year = s.year !== undefined && s.year >= years.first && s.year <= years.last ? s.year : undefined;
    const site = scenario.sites.some((x) => x.id === s.selectedSiteId) ? s.selectedSiteId : undefined;
    const running = s.state === 'running';
    this.store.set({
      scenario,
      source,
      year,
      selectedSiteId: site,
      ...(opts.keepView ? {} : { mapView: undefined }),
      error: undefined,
      notice: undefined,
      // A save problem belongs to the scenario it failed for; #save sets it again for a new import.
      saveProblem: undefined,
      ...(running ? {} : { state: s.result ? ('done' as const) : ('idle' as const) }),
    });
    this.onScenarioChanged();
    return true;
  }
}
