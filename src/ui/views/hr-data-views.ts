// The Table and Sources views (as Our World in Data's grapher has them): the numbers behind the
// map and charts for the year shown, with a CSV of exactly those rows (knob columns included),
// and every source the scenario cites with its date and where it is used.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { formatMoney, formatPower } from '../answerText';
import { formatNumber, formatPercent } from '../format';
import { KNOB_META } from '../knobs';
import { LocaleController } from '../i18n/LocaleController';
import { downloadBlob, slug } from '../io/download';
import { resultMatches } from '../resultSlices';
import { safeHref } from '../safeHref';
import { regionCsv, siteCsv, type YearTable, yearTable } from './dataTable';
import { type SourceEntry, scenarioSources } from './scenarioSources';

type Tab = 'table' | 'sources';

export class HrDataViews extends LitElement {
  static override properties = {
    scenario: { attribute: false },
    result: { attribute: false },
    year: { attribute: false },
    tab: { state: true },
  };
  declare scenario: Scenario | undefined;
  declare result: RunResult | undefined;
  declare year: number | undefined;
  declare tab: Tab;
  #table: YearTable | undefined;
  #sources: SourceEntry[] = [];

  constructor() {
    super();
    this.scenario = undefined;
    this.result = undefined;
    this.year = undefined;
    this.tab = 'table';
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: block; font-size: 0.85rem; }
    [role='tablist'] { display: flex; gap: 0.3rem; margin-bottom: 0.5rem; }
    [role='tab'] { font: inherit; padding: 0.3rem 0.8rem; border: 1px solid #9aa6b4; border-radius: 4px 4px 0 0; background: #fff; cursor: pointer; }
    [role='tab'][aria-selected='true'] { background: #1a1a1a; color: #fff; }
    .scroll { max-height: 24rem; overflow: auto; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin-bottom: 0.8rem; }
    caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
    th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid #e2e6ea; }
    .num { text-align: right; }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.3rem 0 0.6rem; }
    button { font: inherit; padding: 0.2rem 0.6rem; cursor: pointer; }
    .knobs { color: #444; }
    ol { padding-left: 1.4rem; }
    li { margin: 0.2rem 0; }
    .used { color: #555; }
    button:focus-visible, a:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 1px; }
  `;

  override willUpdate(changed: PropertyValues<this>): void {
    const s = this.scenario;
    if (changed.has('scenario')) this.#sources = s ? scenarioSources(s) : [];
    if (changed.has('scenario') || changed.has('result') || changed.has('year')) {
      const r = this.result;
      this.#table = s && resultMatches(r, s) ? yearTable(s, r, this.year ?? s.startYear) : undefined;
    }
  }

  #download(kind: 'regions' | 'sites'): void {
    const tb = this.#table;
    const s = this.scenario;
    if (!tb || !s) return;
    const csv = kind === 'regions' ? regionCsv(tb) : siteCsv(tb);
    downloadBlob(`headroom-${slug(s.name)}-${kind}-${tb.year}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  }

  #tabs() {
    const tab = (id: Tab, label: string) =>
      html`<button type="button" role="tab" id=${`tab-${id}`} aria-controls=${`panel-${id}`} aria-selected=${this.tab === id ? 'true' : 'false'}
        @click=${() => (this.tab = id)}>${label}</button>`;
    return html`<div role="tablist" aria-label=${t('views:tabs')}>${tab('table', t('views:tab.table'))}${tab('sources', t('views:tab.sources', { count: this.#sources.length }))}</div>`;
  }

  #tableView() {
    const tb = this.#table;
    if (!tb) return html`<p>${t('views:table.pending')}</p>`;
    const dash = '—';
    const mw = (v: number | undefined) => (v === undefined ? dash : formatPower(v));
    return html`
      <p class="knobs">${t('views:table.knobs', { knobs: tb.knobs.map((k) => `${KNOB_META[k.name].label} = ${formatNumber(Number(k.value.toPrecision(3)))} ${KNOB_META[k.name].unit}`).join(t('views:listSeparator')) })}</p>
      <div class="actions">
        <button type="button" @click=${() => this.#download('regions')}>${t('views:table.csvRegions')}</button>
        <button type="button" @click=${() => this.#download('sites')}>${t('views:table.csvSites')}</button>
      </div>
      <div class="scroll">
        <table data-testid="table-regions">
          <caption>${t('views:table.regionsCaption', { year: tb.year })}</caption>
          <thead><tr><th>${t('views:col.region')}</th><th class="num">${t('views:col.planned')}</th><th class="num">${t('views:col.shortfallMean')}</th>
            <th class="num">${t('views:col.shortfallRange')}</th><th>${t('views:col.mainCause')}</th><th class="num">${t('views:col.idleCapex')}</th></tr></thead>
          <tbody>${tb.regions.map(
            (r) => html`<tr><td>${r.name}</td><td class="num">${mw(r.plannedMW)}</td><td class="num">${mw(r.shortfallMeanMW)}</td>
              <td class="num">${r.shortfallP5MW === undefined ? dash : `${mw(r.shortfallP5MW)} · ${mw(r.shortfallP50MW)} · ${mw(r.shortfallP95MW)}`}</td>
              <td>${r.mainCause ? t(`views:cause.${r.mainCause}`) : dash}</td><td class="num">${formatMoney(r.idleFacilityCapexUSD)}</td></tr>`,
          )}</tbody>
        </table>
        <table data-testid="table-sites">
          <caption>${t('views:table.sitesCaption', { year: tb.year, count: tb.sites.length })}</caption>
          <thead><tr><th>${t('views:col.site')}</th><th>${t('views:col.region')}</th><th>${t('views:col.status')}</th><th class="num">${t('views:col.planned')}</th>
            <th class="num">${t('views:col.expected')}</th><th class="num">${t('views:col.pMiss')}</th></tr></thead>
          <tbody>${tb.sites.map(
            (
              x,
            ) => html`<tr><td>${x.name}</td><td>${x.region}</td><td>${t(`views:status.${x.status as 'operating'}`)}</td><td class="num">${mw(x.plannedMW)}</td>
              <td class="num">${mw(x.expectedMW)}</td><td class="num">${formatPercent(x.missProbability)}</td></tr>`,
          )}</tbody>
        </table>
      </div>`;
  }

  #sourcesView() {
    return html`<ol data-testid="sources-list">
      ${this.#sources.map((x) => {
        const title = safeHref(x.url) ? html`<a href=${safeHref(x.url)} target="_blank" rel="noopener noreferrer">${x.title}</a>` : x.title;
        const used = x.usedIn.map((p) => t(`views:part.${p}`)).join(t('views:listSeparator'));
        return html`<li>${title}${x.date ? html` <span>(${x.date})</span>` : nothing} <span class="used">${t('views:usedIn', { parts: used })}</span></li>`;
      })}
    </ol>`;
  }

  override render() {
    if (!this.scenario) return nothing;
    return html`${this.#tabs()}
      <div role="tabpanel" id=${`panel-${this.tab}`} aria-labelledby=${`tab-${this.tab}`}>
        ${this.tab === 'table' ? this.#tableView() : this.#sourcesView()}
      </div>`;
  }
}

customElements.define('hr-data-views', HrDataViews);

declare global {
  interface HTMLElementTagNameMap {
    'hr-data-views': HrDataViews;
  }
}
