// Scenario discovery in words: the visitor says what failure means ("<output> <op> <threshold>"),
// PRIM finds the knob ranges where failing sets concentrate, and each box reads as a sentence
// with its coverage (share of all failing sets inside it) and density (share of its sets that
// fail). Selecting a box brushes its sets on the map, the scatter and the parallel coordinates.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { numberFormat, t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { formatPercent } from '../format';
import { LocaleController } from '../i18n/LocaleController';
import { emitAction } from './actions';
import './hr-metric-picker';
import type { MetricEvent } from './hr-metric-picker';
import { fitMetric, metricId, metricUnit } from './metrics';
import { PRIM_DENSITY } from './primView';
import { DEFAULT_FAILURE, type FailureDef, type PrimView } from './types';

export class HrPrim extends LitElement {
  static override properties = {
    failure: { attribute: false },
    view: { attribute: false },
    scenario: { attribute: false },
    year: { type: Number },
    running: { type: Boolean },
  };
  declare failure: FailureDef;
  declare view: PrimView | undefined;
  declare scenario: Scenario | undefined;
  declare year: number;
  /** The ensemble is still running: PRIM waits for all its sets. */
  declare running: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.failure = DEFAULT_FAILURE;
    this.view = undefined;
    this.scenario = undefined;
    this.year = 2030;
    this.running = false;
  }

  static override styles = css`
    :host { display: block; font-size: 0.85rem; }
    .def { display: flex; flex-wrap: wrap; gap: 0.3rem 0.5rem; align-items: center; }
    select, input, button { font: inherit; font-size: 0.8rem; padding: 0.15rem 0.35rem; }
    input[type='number'] { width: 6rem; }
    .meta { color: #444; font-size: 0.78rem; margin: 0.3rem 0; }
    ol { margin: 0.3rem 0 0; padding-left: 1.3rem; display: grid; gap: 0.4rem; }
    li p { margin: 0; }
    .sentence { font-weight: 600; }
  `;

  /** The failure metric as the picker shows it (fitted to the scenario), which is what a change keeps. */
  #metric = '';
  // The threshold is bound without live(): a re-render while the visitor types (a PRIM view
  // arriving) must not put the old value back before the change commits.

  #set(patch: Partial<FailureDef>): void {
    emitAction(this, { type: 'failure', failure: { ...this.failure, metric: this.#metric || this.failure.metric, ...patch } });
  }

  #results() {
    const v = this.view;
    if (this.running) return html`<p class="meta">${t('ensemble:prim.running')}</p>`;
    if (!v) return html`<p class="meta">${t('ensemble:prim.none')}</p>`;
    const share = v.rows > 0 ? v.failing / v.rows : 0;
    const n = (x: number): string => numberFormat().format(x);
    return html`<p class="meta" data-testid="prim-failing">${t('ensemble:prim.failing', { failing: n(v.failing), rows: n(v.rows), share: formatPercent(share) })}</p>
      ${v.message ? html`<p class="meta" role="status">${v.message}</p>` : nothing}
      ${
        v.boxes.length
          ? html`<ol aria-label=${t('ensemble:prim.boxesLabel')}>
            ${v.boxes.map(
              (b, i) => html`<li data-testid="prim-box">
                <p class="sentence">${t('ensemble:prim.sentence', { sentence: b.sentence })}</p>
                <p class="meta">${t('ensemble:prim.boxMeta', { coverage: formatPercent(b.coverage), density: formatPercent(b.density), sets: n(b.count) })}
                  <button type="button" aria-label=${t('ensemble:prim.selectLabel', { n: i + 1 })} @click=${() => emitAction(this, { type: 'brush', brush: b.brush })}>${t('ensemble:prim.select')}</button></p>
              </li>`,
            )}
          </ol>
          <p class="meta">${t('ensemble:prim.footnote', { density: Math.round(PRIM_DENSITY * 100) })}</p>`
          : nothing
      }`;
  }

  override render() {
    const s = this.scenario;
    const metric = s ? metricId(fitMetric(this.failure.metric, s, this.year)) : this.failure.metric;
    this.#metric = metric;
    const unit = metricUnit(metric);
    return html`<div class="def" role="group" aria-label=${t('ensemble:prim.defLabel')}>
        ${t('ensemble:prim.failsWhen')}
        <hr-metric-picker label=${t('ensemble:prim.picker')} .value=${metric} .scenario=${s} year=${this.year} @hr-metric=${(e: MetricEvent) => this.#set({ metric: e.detail.id })}></hr-metric-picker>
        <select aria-label=${t('ensemble:prim.compareLabel')} .value=${live(this.failure.op)} @change=${(e: Event) => this.#set({ op: (e.target as HTMLSelectElement).value === '<' ? '<' : '>' })}>
          <option value=">" ?selected=${this.failure.op === '>'}>${t('ensemble:prim.above')}</option>
          <option value="<" ?selected=${this.failure.op === '<'}>${t('ensemble:prim.below')}</option>
        </select>
        <input type="number" step="any" aria-label=${t('ensemble:prim.thresholdLabel', { unit })} .value=${String(this.failure.value)}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            if (Number.isFinite(input.valueAsNumber)) this.#set({ value: input.valueAsNumber });
            else input.value = String(this.failure.value);
          }} />
        ${unit}
      </div>
      ${this.#results()}`;
  }
}

customElements.define('hr-prim', HrPrim);
declare global {
  interface HTMLElementTagNameMap {
    'hr-prim': HrPrim;
  }
}
