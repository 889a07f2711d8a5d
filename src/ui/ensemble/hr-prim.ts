// Scenario discovery in words: the visitor says what failure means ("<output> <op> <threshold>"),
// PRIM finds the knob ranges where failing sets concentrate, and each box reads as a sentence
// with its coverage (share of all failing sets inside it) and density (share of its sets that
// fail). Selecting a box brushes its sets on the map, the scatter and the parallel coordinates.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Scenario } from '../../scenario/schema';
import { formatPercent } from '../format';
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
    if (this.running) return html`<p class="meta">PRIM runs when the ensemble has finished.</p>`;
    if (!v) return html`<p class="meta">Run an ensemble to find where the failures concentrate.</p>`;
    const share = v.rows > 0 ? v.failing / v.rows : 0;
    return html`<p class="meta" data-testid="prim-failing">${v.failing.toLocaleString('en')} of ${v.rows.toLocaleString('en')} parameter sets fail (${formatPercent(share)}).</p>
      ${v.message ? html`<p class="meta" role="status">${v.message}</p>` : nothing}
      ${
        v.boxes.length
          ? html`<ol aria-label="PRIM boxes">
            ${v.boxes.map(
              (b, i) => html`<li data-testid="prim-box">
                <p class="sentence">Failures concentrate where ${b.sentence}.</p>
                <p class="meta">coverage ${formatPercent(b.coverage)} of the failing sets · density ${formatPercent(b.density)} fail · ${b.count.toLocaleString('en')} sets in the box
                  <button type="button" aria-label=${`Select the sets of box ${i + 1}`} @click=${() => emitAction(this, { type: 'brush', brush: b.brush })}>select these sets</button></p>
              </li>`,
            )}
          </ol>
          <p class="meta">Boxes from PRIM (peeling 5% at a time, pasting, target density ${Math.round(PRIM_DENSITY * 100)}%); later boxes cover failures outside the earlier ones.</p>`
          : nothing
      }`;
  }

  override render() {
    const s = this.scenario;
    const metric = s ? metricId(fitMetric(this.failure.metric, s, this.year)) : this.failure.metric;
    this.#metric = metric;
    const unit = metricUnit(metric);
    return html`<div class="def" role="group" aria-label="Failure definition">
        A set fails when
        <hr-metric-picker label="Failure" .value=${metric} .scenario=${s} year=${this.year} @hr-metric=${(e: MetricEvent) => this.#set({ metric: e.detail.id })}></hr-metric-picker>
        <select aria-label="Failure comparison" .value=${live(this.failure.op)} @change=${(e: Event) => this.#set({ op: (e.target as HTMLSelectElement).value === '<' ? '<' : '>' })}>
          <option value=">" ?selected=${this.failure.op === '>'}>&gt; (above)</option>
          <option value="<" ?selected=${this.failure.op === '<'}>&lt; (below)</option>
        </select>
        <input type="number" step="any" aria-label=${`Failure threshold (${unit})`} .value=${String(this.failure.value)}
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
