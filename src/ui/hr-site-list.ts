// Every site as a row a keyboard can reach: name, region, expected load and P(miss) in the map's
// year, sortable by risk; a row's button selects the site on the map and opens its detail, as a
// click on its column does. Rendered from the same result slices as the map.
import { LitElement, css, html, nothing } from 'lit';
import type { RunResult } from '../engine/types';
import { t } from '../i18n/i18n';
import type { Scenario } from '../scenario/schema';
import { formatPower } from './answerText';
import { formatPercent } from './format';
import { LocaleController } from './i18n/LocaleController';
import { resultMatches, yearSlice } from './resultSlices';

export class HrSiteList extends LitElement {
  static override properties = {
    scenario: { attribute: false },
    result: { attribute: false },
    year: { attribute: false },
    selectedSiteId: { attribute: false },
  };

  declare scenario: Scenario | undefined;
  declare result: RunResult | undefined;
  declare year: number | undefined;
  declare selectedSiteId: string | undefined;

  constructor() {
    super();
    this.scenario = undefined;
    this.result = undefined;
    this.year = undefined;
    this.selectedSiteId = undefined;
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: block; font-size: 0.85rem; }
    summary { cursor: pointer; font-weight: 600; }
    .scroll { max-height: 22rem; overflow: auto; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid #e2e6ea; }
    td.num, th.num { text-align: right; }
    tr[aria-selected='true'] { background: #e8eef8; }
    button { font: inherit; padding: 0.1rem 0.4rem; cursor: pointer; }
  `;

  #select(id: string): void {
    this.dispatchEvent(new CustomEvent('hr-select-site', { detail: { id }, bubbles: true, composed: true }));
  }

  override render() {
    const s = this.scenario;
    if (!s) return nothing;
    const year = this.year ?? s.startYear;
    const r = resultMatches(this.result, s) ? this.result : undefined;
    const load = r ? yearSlice(r, r.siteExpectedLoadMW, s.sites.length, year) : undefined;
    const miss = r ? yearSlice(r, r.siteMissProbability, s.sites.length, year) : undefined;
    const regions = new Map(s.regions.map((x) => [x.id, x.name]));
    // Riskiest first once there is a result; the scenario's order before.
    const order = s.sites.map((_, i) => i);
    if (miss) order.sort((a, b) => (miss[b] as number) - (miss[a] as number));
    return html`<details>
      <summary>${t(miss ? 'app:list.summaryRiskiest' : 'app:list.summary', { n: s.sites.length, year })}</summary>
      <div class="scroll">
        <table aria-label=${t('app:list.label', { year })}>
          <thead><tr><th>${t('app:list.site')}</th><th>${t('app:list.region')}</th><th class="num">${t('app:list.planned')}</th><th class="num">${t('app:list.expected')}</th><th class="num">${t('app:list.pMiss')}</th><th></th></tr></thead>
          <tbody>
            ${order.map((i) => {
              const site = s.sites[i];
              if (!site) return nothing;
              return html`<tr aria-selected=${site.id === this.selectedSiteId ? 'true' : 'false'}>
                <td>${site.name}</td>
                <td>${regions.get(site.region) ?? site.region}</td>
                <td class="num">${formatPower(site.itLoadMW)}</td>
                <td class="num">${load ? formatPower(load[i] as number) : '—'}</td>
                <td class="num">${miss ? formatPercent(miss[i] as number) : '—'}</td>
                <td><button type="button" aria-label=${t('app:list.showLabel', { site: site.name })} @click=${() => this.#select(site.id)}>${t('app:list.show')}</button></td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </details>`;
  }
}

customElements.define('hr-site-list', HrSiteList);

declare global {
  interface HTMLElementTagNameMap {
    'hr-site-list': HrSiteList;
  }
}
