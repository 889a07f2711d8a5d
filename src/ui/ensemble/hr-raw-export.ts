// Raw samples: every draw of the chosen outputs for one parameter set, as CSV or Arrow. The set
// is the one picked in the scatter (or typed here), else the live view's set 0.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../i18n/i18n';
import { LocaleController } from '../i18n/LocaleController';
import { HEADLINE_SERIES } from '../hr-results';
import { emitAction, type RawFormat } from './actions';

export class HrRawExport extends LitElement {
  static override properties = {
    rows: { type: Number },
    picked: { attribute: false },
    ready: { type: Boolean },
    chosen: { state: true },
  };
  /** Ensemble rows that can be picked (0: no ensemble). */
  declare rows: number;
  declare picked: number | undefined;
  declare ready: boolean;
  /** Which outputs go in the file: a choice of this form only, not page state. */
  declare chosen: Set<string>;

  constructor() {
    super();
    new LocaleController(this);
    this.rows = 0;
    this.picked = undefined;
    this.ready = false;
    this.chosen = new Set(HEADLINE_SERIES.map((h) => h.key));
  }

  static override styles = css`
    :host { display: block; font-size: 0.85rem; }
    fieldset { border: 0; padding: 0; margin: 0.2rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; }
    legend { padding: 0; font-weight: 600; margin-bottom: 0.2rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.4rem 0.6rem; align-items: center; margin-top: 0.3rem; }
    input[type='number'] { width: 5rem; }
    input, button { font: inherit; font-size: 0.8rem; padding: 0.15rem 0.35rem; }
    .meta { color: #444; font-size: 0.78rem; margin: 0.2rem 0 0; }
  `;

  #toggle(key: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(key);
    else next.delete(key);
    this.chosen = next;
  }

  #export(format: RawFormat): void {
    emitAction(this, { type: 'export', format, series: HEADLINE_SERIES.map((h) => h.key).filter((k) => this.chosen.has(k)) });
  }

  override render() {
    const p = this.picked;
    const which = p !== undefined && p < this.rows ? t('ensemble:raw.whichSet', { n: String(p) }) : t('ensemble:raw.whichLive');
    return html`<fieldset>
        <legend>${t('ensemble:raw.outputs')}</legend>
        ${HEADLINE_SERIES.map(
          (h) =>
            html`<label><input type="checkbox" .checked=${live(this.chosen.has(h.key))} @change=${(e: Event) => this.#toggle(h.key, (e.target as HTMLInputElement).checked)} /> ${h.label}</label>`,
        )}
      </fieldset>
      <div class="row">
        ${
          this.rows > 0
            ? html`<label>${t('ensemble:raw.set')}
                <input type="number" min="0" max=${this.rows - 1} step="1" aria-label=${t('ensemble:raw.setLabel')} .value=${p === undefined ? '' : String(p)}
                  @change=${(e: Event) => {
                    const v = (e.target as HTMLInputElement).valueAsNumber;
                    emitAction(this, { type: 'pick', set: Number.isInteger(v) && v >= 0 && v < this.rows ? v : undefined });
                  }} /></label>
              <button type="button" ?disabled=${p === undefined} @click=${() => emitAction(this, { type: 'pick', set: undefined })}>${t('ensemble:raw.useLive')}</button>`
            : nothing
        }
        <button type="button" ?disabled=${!this.ready || this.chosen.size === 0} @click=${() => this.#export('csv')}>${t('ensemble:raw.csv')}</button>
        <button type="button" ?disabled=${!this.ready || this.chosen.size === 0} @click=${() => this.#export('arrow')}>${t('ensemble:raw.arrow')}</button>
      </div>
      <p class="meta" data-testid="raw-export-set">${t('ensemble:raw.note', { which })}</p>`;
  }
}

customElements.define('hr-raw-export', HrRawExport);
declare global {
  interface HTMLElementTagNameMap {
    'hr-raw-export': HrRawExport;
  }
}
