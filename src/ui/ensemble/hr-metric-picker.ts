// Picks an ensemble output: what (energy served, P(curtailment), …) and, where it needs them, the
// region and the year. Used for the scatter's y axis and colour and for the failure definition.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { LocaleController } from '../i18n/LocaleController';
import { fitMetric, METRIC_KINDS, metricId, type MetricKind, type MetricSpec } from './metrics';

export type MetricEvent = CustomEvent<{ id: string }>;

export class HrMetricPicker extends LitElement {
  static override properties = {
    label: { type: String },
    value: { type: String },
    scenario: { attribute: false },
    year: { type: Number },
  };
  /** Names the selects: `${label} output`, `${label} region`, `${label} year`. */
  declare label: string;
  declare value: string;
  declare scenario: Scenario | undefined;
  /** Year a metric that needs one starts with. */
  declare year: number;

  constructor() {
    super();
    new LocaleController(this);
    this.label = '';
    this.value = 'energyServedMWh';
    this.scenario = undefined;
    this.year = 2030;
  }

  static override styles = css`
    :host { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; align-items: center; }
    select { font: inherit; font-size: 0.8rem; padding: 0.15rem 0.3rem; max-width: 14rem; }
  `;

  #emit(spec: MetricSpec): void {
    this.dispatchEvent(new CustomEvent('hr-metric', { detail: { id: metricId(spec) }, bubbles: true, composed: true }));
  }

  override render() {
    const s = this.scenario;
    if (!s) return nothing;
    const m = fitMetric(this.value, s, this.year);
    const meta = METRIC_KINDS[m.kind];
    const years = Array.from({ length: s.endYear - s.startYear + 1 }, (_, i) => s.startYear + i);
    const used = new Set(s.sites.map((x) => x.region));
    const regions = s.regions.filter((r) => used.has(r.id));
    const refit = (kind: MetricKind): MetricSpec =>
      fitMetric(metricId({ kind, year: m.year ?? this.year, region: m.region }), s, this.year);
    return html`
      <select aria-label=${t('ensemble:picker.output', { label: this.label })} .value=${live(m.kind)} @change=${(e: Event) => this.#emit(refit((e.target as HTMLSelectElement).value as MetricKind))}>
        ${(Object.keys(METRIC_KINDS) as MetricKind[]).map((k) => html`<option value=${k} ?selected=${k === m.kind}>${t('ensemble:withUnit', { label: METRIC_KINDS[k].label, unit: METRIC_KINDS[k].unit })}</option>`)}
      </select>
      ${
        meta.needsRegion
          ? html`<select aria-label=${t('ensemble:picker.region', { label: this.label })} .value=${live(m.region ?? '')} @change=${(e: Event) => this.#emit({ ...m, region: (e.target as HTMLSelectElement).value })}>
            ${regions.map((r) => html`<option value=${r.id} ?selected=${r.id === m.region}>${r.name}</option>`)}
          </select>`
          : nothing
      }
      ${
        meta.needsYear
          ? html`<select aria-label=${t('ensemble:picker.year', { label: this.label })} .value=${live(String(m.year))} @change=${(e: Event) => this.#emit({ ...m, year: Number((e.target as HTMLSelectElement).value) })}>
            ${years.map((y) => html`<option value=${y} ?selected=${y === m.year}>${y}</option>`)}
          </select>`
          : nothing
      }
    `;
  }
}

customElements.define('hr-metric-picker', HrMetricPicker);
declare global {
  interface HTMLElementTagNameMap {
    'hr-metric-picker': HrMetricPicker;
  }
}
