// The selected site: who and what it is, its load by year against plan, and what drives its
// risk (cooling, region, status, import dependence, and its region's grid and climate odds).
import { LitElement, css, html, nothing } from 'lit';
import type { RunResult } from '../engine/types';
import { t } from '../i18n/i18n';
import { KNOB_NAMES } from '../scenario/names';
import { centralValue } from '../scenario/centralValue';
import type { Scenario } from '../scenario/schema';
import './charts/hr-site-load-chart';
import { formatMW, formatPercent } from './format';
import { entityYears, resultMatches } from './resultSlices';
import { siteWhy } from '../engine/whereBreaks';
import { CAUSE_COLOURS, CAUSE_LABELS } from './answerText';
import { LocaleController } from './i18n/LocaleController';
import { safeHref } from './safeHref';
import { siteWhyText } from './whyText';

/** The site fields a dataset may flag as assumed rather than published, by their plain names' keys. */
const FIELD_KEYS = {
  itLoadMW: 'itLoadMW',
  plannedYear: 'plannedYear',
  rampYears: 'rampYears',
  cooling: 'cooling',
  acceleratorImportShare: 'acceleratorImportShare',
  lat: 'location',
  lon: 'location',
  status: 'status',
  operator: 'operator',
} as const;

/** A field's plain name; a field we do not know is shown as the dataset spells it. */
const fieldLabel = (f: string): string => (Object.hasOwn(FIELD_KEYS, f) ? t(`app:field.${FIELD_KEYS[f as keyof typeof FIELD_KEYS]}`) : f);

const knob = (r: RunResult, name: (typeof KNOB_NAMES)[number]): number => r.knobValues[KNOB_NAMES.indexOf(name)] ?? Number.NaN;

export class HrSiteDetail extends LitElement {
  static override properties = {
    scenario: { attribute: false },
    result: { attribute: false },
    siteId: { type: String },
    year: { type: Number },
    present: { type: Boolean },
  };
  declare scenario: Scenario | undefined;
  declare result: RunResult | undefined;
  declare siteId: string | undefined;
  declare year: number | undefined;
  declare present: boolean;

  constructor() {
    super();
    this.scenario = undefined;
    this.result = undefined;
    this.siteId = undefined;
    this.year = undefined;
    this.present = false;
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: block; background: #fff; border: 1px solid #d5dbe2; border-radius: 6px; padding: 0.6rem 0.75rem; }
    header { display: flex; align-items: start; gap: 0.5rem; }
    h3 { margin: 0; font-size: 1rem; flex: 1; }
    .sub { margin: 0.1rem 0 0.5rem; color: #444; font-size: 0.85rem; }
    .cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(15rem, 2fr); gap: 0.75rem; align-items: start; }
    @media (max-width: 50rem) { .cols { grid-template-columns: minmax(0, 1fr); } }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; margin: 0; font-size: 0.85rem; }
    dt { color: #444; }
    dd { margin: 0; font-variant-numeric: tabular-nums; }
    button { font: inherit; font-size: 0.8rem; }
    .provenance { font-size: 0.8rem; color: #333; margin: 0.5rem 0 0; }
    .provenance ul { margin: 0.2rem 0 0; padding-left: 1.2rem; }
    .assumed { color: #7a4b00; }
    .why { font-size: 0.85rem; margin: 0.5rem 0 0; }
    .why ul { list-style: none; margin: 0.25rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; }
    .why i { display: inline-block; width: 0.7rem; height: 0.7rem; margin-right: 0.25rem; vertical-align: -0.05rem; border-radius: 2px; }
  `;

  /** Why the site misses its plan in the year: the share of its misses each cause binds. */
  private why(r: RunResult, site: number, year: number) {
    const why = siteWhy(r, 0, site, year);
    return html`<section class="why" aria-label=${t('app:site.whyLabel')} data-testid="site-why">
      <strong>${t('app:site.why')}</strong> ${siteWhyText(why, year)}
      ${
        why.causes.length
          ? html`<ul>${why.causes.map((c) => html`<li data-cause=${c.cause}><i style="background:${CAUSE_COLOURS[c.cause]}"></i>${t('app:site.causeP', { cause: CAUSE_LABELS[c.cause], p: formatPercent(c.probability) })}</li>`)}</ul>`
          : nothing
      }
    </section>`;
  }

  /** Where the site's figures come from, and which of them are assumptions (issue: data says so). */
  private provenance(site: Scenario['sites'][number]) {
    const assumed = [...new Set((site.assumed ?? []).map(fieldLabel))];
    return html`
      <section class="provenance" aria-label=${t('app:site.provenance')}>
        ${assumed.length ? html`<p class="assumed" data-testid="site-assumed">${t('app:site.assumed', { fields: assumed.join(t('answer:list.separator')) })}</p>` : nothing}
        ${site.notes ? html`<p>${site.notes}</p>` : nothing}
        ${
          site.sources?.length
            ? html`${t('app:site.sources')}<ul>${site.sources.map((src) => html`<li>${safeHref(src.url) ? html`<a href=${safeHref(src.url)} target="_blank" rel="noopener noreferrer">${src.title}</a>` : src.title}${src.date ? ` (${src.date})` : ''}</li>`)}</ul>`
            : html`<p>${t('app:site.noSource')}</p>`
        }
      </section>
    `;
  }

  override render() {
    const s = this.scenario;
    const i = s?.sites.findIndex((x) => x.id === this.siteId) ?? -1;
    const site = i >= 0 ? s?.sites[i] : undefined;
    if (!s || !site) return nothing;
    const region = s.regions.find((r) => r.id === site.region);
    const ri = s.regions.findIndex((r) => r.id === site.region);
    const r = resultMatches(this.result, s) ? this.result : undefined;
    const y = r && this.year !== undefined ? r.years.indexOf(this.year) : -1;
    const curtail = r && ri >= 0 && y >= 0 ? entityYears(r, r.regionCurtailProbability, ri)[y] : undefined;
    const miss = r && y >= 0 ? entityYears(r, r.siteMissProbability, i)[y] : undefined;
    const heat = r && region ? Math.min(1, knob(r, 'heatwaveFrequencyScale') * region.heatwaveProbability) : undefined;
    const waterLeft =
      r && region ? Math.min(1, Math.max(0, 1 - knob(r, 'droughtSeverity') * (1 - centralValue(region.droughtWaterAllowance)))) : undefined;
    const pct = (v: number | undefined): string => (v === undefined ? '—' : formatPercent(v));
    const status = t(`app:siteStatus.${site.status}`);
    const cooling = t(`app:cooling.${site.cooling}`);
    return html`
      <header>
        <h3 data-testid="site-detail-name">${site.name}</h3>
        <button type="button" aria-label=${t('app:site.close')} @click=${() => this.dispatchEvent(new CustomEvent('hr-select-site', { detail: { id: undefined }, bubbles: true, composed: true }))}>✕</button>
      </header>
      <p class="sub">${[
        site.operator,
        site.country,
        t('app:site.planned', { load: formatMW(site.itLoadMW), year: site.plannedYear }),
        site.aggregate ? t('app:site.aggregate') : undefined,
      ]
        .filter(Boolean)
        .join(' · ')}</p>
      <div class="cols">
      <hr-site-load-chart .result=${r} .scenario=${s} .siteIndex=${i} ?present=${this.present}></hr-site-load-chart>
      <dl aria-label=${t('app:site.drivers')}>
        <dt>${t('app:site.pMiss', { year: this.year ?? '—' })}</dt><dd>${pct(miss)}</dd>
        <dt>${t('app:site.status')}</dt><dd>${site.status === 'operating' ? t('app:site.statusOperating', { status }) : status}</dd>
        <dt>${t('app:site.cooling')}</dt><dd>${site.cooling === 'evaporative' ? t('app:site.coolingEvaporative', { cooling }) : cooling}</dd>
        <dt>${t('app:site.imported')}</dt><dd>${t('app:site.importedValue', { share: formatPercent(site.acceleratorImportShare) })}</dd>
        <dt>${t('app:site.region')}</dt><dd>${region?.name ?? site.region}</dd>
        <dt>${t('app:site.pCurtail', { year: this.year ?? '—' })}</dt><dd>${pct(curtail)}</dd>
        <dt>${t('app:site.drought')}</dt><dd>${region ? t('app:site.droughtValue', { p: formatPercent(region.droughtProbability), left: pct(waterLeft) }) : '—'}</dd>
        <dt>${t('app:site.heatwave')}</dt><dd>${heat === undefined ? '—' : t('app:site.perYear', { p: formatPercent(heat) })}</dd>
      </dl>
      </div>
      ${r && y >= 0 && this.year !== undefined ? this.why(r, i, this.year) : nothing}
      ${this.provenance(site)}
    `;
  }
}

customElements.define('hr-site-detail', HrSiteDetail);
declare global {
  interface HTMLElementTagNameMap {
    'hr-site-detail': HrSiteDetail;
  }
}
