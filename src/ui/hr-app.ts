// The page root: the only component that sees the store and the controller. It lays the page out,
// passes state down as properties and turns the children's events into controller calls.
import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { KnobName } from '../scenario/names';
import { AnswerMemo } from './AnswerMemo';
import './charts/hr-cause-chart';
import './charts/hr-region-cause-chart';
import './charts/hr-exceedance-chart';
import './charts/hr-fan-chart';
import './charts/hr-histogram-chart';
import './charts/hr-region-bars';
import type { Controller } from './controller';
import type { EnsembleActionEvent } from './ensemble/actions';
import './ensemble/hr-ensemble';
import './hr-answer';
import { appStyles } from './hr-app.styles';
import './hr-controls';
import type { RunEvent } from './hr-controls';
import './hr-knob-panel';
import type { KnobEvent, KnobRangeEvent, KnobResetEvent } from './hr-knob-panel';
import { HEADLINE_SERIES } from './hr-results';
import './hr-results';
import './hr-site-detail';
import './hr-site-list';
import './hr-status';
import './hr-toolbar';
import type { ExportEvent, FileEvent, LangEvent, PresetEvent } from './hr-toolbar';
import { copyLink, copyText, exportChart, exportFile } from './io/actions';
import { embedSnippet } from './io/embedSnippet';
import { EmbedHeightController } from './EmbedHeightController';
import { PresentationController } from './PresentationController';
import { StaticResult } from './staticResult';
import type { ChartExportEvent } from './charts/chartBase';
import './hr-embed-header';
import './map/hr-map';
import type { HrMap } from './map/hr-map';
import { defaultViewFor } from './map/presetViews';
import { resolveYear } from './resultSlices';
import type { AppState, MapViewState, Store } from './store';
import { stateToSearch } from './urlState';
import { errorMessage, formatNumber } from './format';
import { t } from '../i18n/i18n';
import { LocaleController } from './i18n/LocaleController';
import { scenarioName } from './scenarioText';
import './views/hr-data-views';

/** The baseline run of the scenario as written, when it belongs to the result on screen. */
export function shownBaseline(s: AppState) {
  const r = s.result;
  const b = s.baselineResult;
  return r && b && s.baselineScenario === s.resultScenario && b.seed === r.seed ? b : undefined;
}

export class HrApp extends LitElement {
  static override properties = { state: { attribute: false } };
  declare state: AppState | undefined;
  store: Store | undefined;
  controller: Controller | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.state = undefined;
    new LocaleController(this);
    // In an iframe: the `framed` attribute and the height messages for the host page.
    new EmbedHeightController(this, () => this.state?.embed);
  }

  /** Presentation mode shows the answer, map and one chart; the rest waits for "Show controls". */
  readonly #presentation = new PresentationController(
    this,
    () => this.state?.present === true,
    (present) => this.controller?.setView({ present }),
  );

  static override styles = appStyles;

  /** Wires the store and controller in; called once by main.ts. */
  attach(store: Store, controller: Controller): void {
    this.store = store;
    this.controller = controller;
    this.#unsubscribe?.();
    this.#unsubscribe = store.subscribe((s) => (this.state = s));
    // Keeps each view's finished result, and shows the stored one at once with static=1.
    new StaticResult(store, controller);
    // A chart's PNG / SVG button: the caption needs the scenario, knobs, year and link, which only the page has.
    this.addEventListener('hr-chart-export', (e) => {
      const { format, chart } = (e as ChartExportEvent).detail;
      if (!this.state) return;
      exportChart(format, chart, this.state)
        .then((text) => this.#notice(text))
        .catch((err: unknown) => this.#fail(t('page:export.failed'), err));
    });
  }

  readonly #answers = new AnswerMemo();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  override updated(): void {
    // Every update, not only on `state`: the presentation controller's "Show controls" updates too.
    if (!this.state) return;
    const { embed, present } = this.state;
    this.toggleAttribute('embed', embed.enabled);
    this.toggleAttribute('controls', embed.controls);
    this.toggleAttribute('present', present);
    // The one-screen layout (hr-app.styles.ts); with controls shown, the whole page in large type.
    this.toggleAttribute('present-layout', this.#presentation.layout(embed.enabled));
    if (embed.enabled) this.setAttribute('view', embed.view);
    else this.removeAttribute('view');
    document.documentElement.classList.toggle('present', present);
  }

  #notice(text: string): void {
    this.store?.set({ notice: text });
  }

  #fail(title: string, e: unknown): void {
    this.store?.set({ error: { title, issues: [{ message: errorMessage(e) }] } });
  }

  #onPreset = (e: PresetEvent): void => {
    const c = this.controller;
    if (!c) return;
    void (e.detail.id === 'user' ? c.scenarios.selectUser() : c.selectPreset(e.detail.id));
  };
  #onFile = (e: FileEvent): void => void this.controller?.importFile(e.detail.file);
  #onKnob = (e: KnobEvent): void => this.controller?.setKnob(e.detail.name, e.detail.value);
  #onKnobReset = (e: KnobResetEvent): void => {
    const name: KnobName | undefined = e.detail.name;
    if (name) this.controller?.resetKnob(name);
    else this.controller?.resetKnobs();
  };
  #onEnsemble = (e: EnsembleActionEvent): void => this.controller?.ensemble.handle(e.detail);
  #onRange = (e: KnobRangeEvent): void => this.controller?.ensemble.handle({ type: 'range', ...e.detail });
  #onRun = (e: RunEvent): void => {
    this.controller?.setInputs(e.detail);
    // Failures and cancels show in the store; the rejection only matters to scripted callers.
    this.controller?.run().catch(() => undefined);
  };
  #onExport = (e: ExportEvent): void => {
    const s = this.state;
    const map = this.renderRoot.querySelector<HrMap>('hr-map');
    if (!s) return;
    exportFile(e.detail.kind, s, (context) => (map ? map.toPng(context) : Promise.reject(new Error(t('page:map.hidden')))))
      .then((t) => this.#notice(t))
      .catch((err: unknown) => this.#fail(t('page:export.failed'), err));
  };
  #onCopyLink = (): void => {
    const s = this.state;
    if (!s) return;
    const url = `${location.origin}${location.pathname}${stateToSearch(s)}`;
    void copyLink(url).then((t) => this.#notice(t));
  };
  #onCopyEmbed = (): void => {
    const s = this.state;
    if (!s) return;
    const url = `${location.origin}${location.pathname}${stateToSearch(s)}`;
    const shown = s.resultScenario ?? s.scenario;
    const title = t('page:embed.title', { name: shown ? scenarioName(shown) : t('page:embed.untitled') });
    void copyText(embedSnippet(url, title), 'Embed code').then((t) => this.#notice(t));
  };
  #onLang = (e: LangEvent): void => {
    this.store?.set({ lang: e.detail.lang, langPinned: true });
  };

  #onPresent = (e: CustomEvent<{ on: boolean }>): void => this.#presentation.set(e.detail.on);

  #mapSection(s: AppState, year: number | undefined, view: MapViewState) {
    const scenario = s.resultScenario && s.result ? s.resultScenario : s.scenario;
    const detail = s.selectedSiteId && scenario?.sites.some((x) => x.id === s.selectedSiteId);
    // Brushed ensemble sets replace the live result on the map with their mean.
    const mean = s.selection?.mean;
    const mapResult = mean ?? s.result;
    return html`<section class="map-area ${detail ? 'with-detail' : ''}" aria-labelledby="map-h">
      <div class="map-col">
        <div class="map-head">
          <h2 id="map-h">${t('page:map.heading')}</h2>
          ${
            scenario
              ? html`<label class="year">${t('page:map.year')}
                <input type="range" aria-label=${t('page:map.yearLabel')} min=${scenario.startYear} max=${scenario.endYear} step="1" .value=${live(String(year ?? scenario.startYear))}
                  @input=${(e: Event) => this.controller?.setView({ year: (e.target as HTMLInputElement).valueAsNumber })} />
                <output data-testid="map-year">${year}</output></label>`
              : nothing
          }
          ${
            s.selection && s.ensemble
              ? html`<p class="subset" role="status"><span data-testid="selection-label">${t(mean ? 'page:selection.mean' : 'page:selection.label', { n: formatNumber(s.selection.count), rows: formatNumber(s.ensemble.rows) })}</span>
                <button type="button" @click=${() => this.controller?.ensemble.setBrush(undefined)}>${t('page:selection.clear')}</button></p>`
              : nothing
          }
        </div>
        <hr-map .scenario=${scenario} .result=${mapResult} .year=${year} .view=${view} .selectedSiteId=${s.selectedSiteId} ?present=${s.present}
          @hr-map-view=${(e: CustomEvent<MapViewState>) => this.controller?.setView({ mapView: e.detail })}
          @hr-select-site=${(e: CustomEvent<{ id: string | undefined }>) => this.controller?.setView({ selectedSiteId: e.detail.id })}
          @hr-file=${this.#onFile}></hr-map>
      </div>
      ${
        detail
          ? html`<hr-site-detail .scenario=${scenario} .result=${s.result} .siteId=${s.selectedSiteId} .year=${year} ?present=${s.present}
            @hr-select-site=${(e: CustomEvent<{ id: string | undefined }>) => this.controller?.setView({ selectedSiteId: e.detail.id })}></hr-site-detail>`
          : nothing
      }
    </section>`;
  }

  #chartsSection(s: AppState, year: number | undefined) {
    const output = HEADLINE_SERIES.find((h) => h.key === s.chartOutput) ?? HEADLINE_SERIES[1];
    const scenario = s.resultScenario ?? s.scenario;
    return html`<section class="charts" aria-labelledby="charts-h">
      <div class="charts-head">
        <h2 id="charts-h">${t('page:charts.heading')}</h2>
        <label>${t('page:charts.output')}
          <select aria-label=${t('page:charts.outputLabel')} .value=${live(output.key)} @change=${(e: Event) => this.controller?.setView({ chartOutput: (e.target as HTMLSelectElement).value })}>
            ${HEADLINE_SERIES.map((h) => html`<option value=${h.key} ?selected=${h.key === output.key}>${h.label}</option>`)}
          </select>
        </label>
      </div>
      <div class="chart-grid">
        <hr-cause-chart class="wide" .result=${s.result} .scenario=${s.resultScenario} .baseline=${shownBaseline(s)} ?present=${s.present}
          ?fit=${this.#presentation.layout(s.embed.enabled)}></hr-cause-chart>
        <hr-region-cause-chart class="wide" .result=${s.result} .scenario=${s.resultScenario} .year=${year} ?present=${s.present}></hr-region-cause-chart>
        <hr-histogram-chart .result=${s.result} output=${output.key} outputLabel=${output.label} ?present=${s.present}></hr-histogram-chart>
        <hr-exceedance-chart .result=${s.result} output=${output.key} outputLabel=${output.label} ?present=${s.present}></hr-exceedance-chart>
        <hr-fan-chart class="wide" .result=${s.result} ?present=${s.present}></hr-fan-chart>
        <hr-region-bars class="wide" .result=${s.selection?.mean ?? s.result} .scenario=${scenario} .year=${year} ?present=${s.present}
          subset=${s.selection?.mean && s.ensemble ? t('page:selection.subset', { n: formatNumber(s.selection.count), rows: formatNumber(s.ensemble.rows) }) : ''}></hr-region-bars>
      </div>
    </section>`;
  }

  override render() {
    const s = this.state;
    if (!s) return html``;
    const running = s.state === 'running';
    const embed = s.embed.enabled;
    const showPanel = !embed || s.embed.controls;
    const showMap = !embed || s.embed.view !== 'charts';
    const showCharts = !embed || s.embed.view !== 'map';
    const scenario = s.resultScenario ?? s.scenario;
    const year = resolveYear(s.year, scenario);
    const view = s.mapView ?? defaultViewFor(s.source, s.scenario);
    return html`
      ${
        embed
          ? nothing
          : html`<header class="top">
            <div>
              <h1>Headroom</h1>
              <p class="tagline">${t('page:tagline')}</p>
            </div>
            <hr-toolbar .source=${s.source} .userLabel=${s.userLabel} .importMode=${s.importMode} ?present=${s.present} ?ready=${s.ready} ?hasResult=${!!s.result}
              @hr-preset=${this.#onPreset} @hr-file=${this.#onFile} @hr-reset-preset=${() => void this.controller?.resetToPreset()}
              @hr-import-mode=${(e: CustomEvent<{ mode: 'replace' | 'append' }>) => this.store?.set({ importMode: e.detail.mode })}
              @hr-export=${this.#onExport} @hr-copy-link=${this.#onCopyLink} @hr-copy-embed=${this.#onCopyEmbed} @hr-present=${this.#onPresent}
              .lang=${s.lang} @hr-lang=${this.#onLang}></hr-toolbar>
          </header>`
      }
      ${s.present && !embed ? this.#presentation.bar() : nothing}
      ${
        embed
          ? html`<hr-embed-header .scenario=${scenario} .year=${year}
              .fullViewHref=${`${location.origin}${location.pathname}${stateToSearch({ ...s, embed: { ...s.embed, enabled: false, static: false, id: undefined } })}`}></hr-embed-header>`
          : nothing
      }
      <hr-status ?embedded=${embed} .backend=${s.engineBackend} .device=${s.engineDevice} .cpuFallbackReason=${s.cpuFallbackReason} .phase=${s.phase} .progress=${s.progress}
        .result=${s.result} .error=${s.error} .notice=${s.notice} .saveProblem=${s.saveProblem} ?running=${running}></hr-status>
      <div class="body">
        ${
          showPanel
            ? html`<aside aria-labelledby="knobs-h">
              <h2 id="knobs-h">${t('page:knobs.heading')}</h2>
              <hr-knob-panel .scenario=${s.scenario} .year=${year} .knobs=${s.knobs} .ranges=${s.ranges} @hr-knob=${this.#onKnob} @hr-knob-reset=${this.#onKnobReset}
                @hr-knob-range=${this.#onRange}></hr-knob-panel>
              <details class="run">
                <summary>${t('page:run.settings')}</summary>
                <hr-controls .inputs=${s.inputs} ?running=${running} ?ready=${s.ready && !!s.scenario}
                  @hr-run=${this.#onRun} @hr-cancel=${() => this.controller?.cancel()} @hr-inputs=${(e: RunEvent) => this.controller?.setInputs(e.detail)}></hr-controls>
              </details>
            </aside>`
            : nothing
        }
        <div class="main" aria-busy=${running ? 'true' : 'false'}>
          <hr-answer class="answer" .answer=${this.#answers.get(s, year)} .scenario=${s.scenario} .year=${year} ?present=${s.present}
            ?failed=${s.state === 'error' && !s.result}></hr-answer>
          ${showMap ? this.#mapSection(s, year, view) : nothing}
          ${showCharts ? this.#chartsSection(s, year) : nothing}
          ${embed ? nothing : html`<section class="ensemble" aria-label=${t('page:ensemble.label')}><hr-ensemble .state=${s} @hr-ensemble=${this.#onEnsemble}></hr-ensemble></section>`}
          <section class="results-table" aria-labelledby="results-h">
            <h2 id="results-h">${t('page:results.heading')}</h2>
            <hr-results .result=${s.result} .label=${s.resultScenario ? scenarioName(s.resultScenario) : s.resultLabel}></hr-results>
            <hr-site-list .scenario=${s.resultScenario ?? s.scenario} .result=${s.result} .year=${year} .selectedSiteId=${s.selectedSiteId}
              @hr-select-site=${(e: CustomEvent<{ id: string | undefined }>) => this.controller?.setView({ selectedSiteId: e.detail.id })}></hr-site-list>
          </section>
          ${
            embed
              ? nothing
              : html`<section class="data-views" aria-labelledby="data-h"><h2 id="data-h">${t('page:data.heading')}</h2>
            <hr-data-views .scenario=${scenario} .result=${s.result && s.resultScenario === scenario ? s.result : undefined} .year=${year}></hr-data-views></section>`
          }
        </div>
      </div>
    `;
  }
}

customElements.define('hr-app', HrApp);

declare global {
  interface HTMLElementTagNameMap {
    'hr-app': HrApp;
  }
}
