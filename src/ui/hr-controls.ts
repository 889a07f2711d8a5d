// Run settings: draws per parameter set (also the refined pass of live runs), parameter sets,
// seed and the shortfall threshold the answer's probability is of, with Run and Cancel. Holds no state: it renders what it is given and reports what the
// visitor asked for as events.
import { LitElement, css, html } from 'lit';
import { t } from '../i18n/i18n';
import { LocaleController } from './i18n/LocaleController';
import type { RunInputs } from './store';

export type RunEvent = CustomEvent<RunInputs>;

export class HrControls extends LitElement {
  static override properties = {
    inputs: { attribute: false },
    running: { type: Boolean },
    ready: { type: Boolean },
  };

  declare inputs: RunInputs;
  declare running: boolean;
  declare ready: boolean;

  constructor() {
    super();
    this.inputs = { draws: 4096, paramSets: 1, seed: 1, shortfallThreshold: 0.1 };
    this.running = false;
    this.ready = false;
    new LocaleController(this);
  }

  static override styles = css`
    form { display: flex; flex-wrap: wrap; gap: 0.6rem 0.9rem; align-items: end; font-size: 0.85rem; }
    label { display: flex; flex-direction: column; gap: 0.2rem; color: #333; }
    input[type='number'] { width: 7rem; }
    input, button { font: inherit; padding: 0.3rem 0.45rem; }
    button { min-width: 5rem; cursor: pointer; }
    button[type='submit'] { background: #1f5fbf; color: white; border: 1px solid #174a94; border-radius: 4px; }
    button:disabled { opacity: 0.55; cursor: default; }
    p { flex-basis: 100%; margin: 0; color: #444; font-size: 0.8rem; }
  `;

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  // Values go up as typed (NaN while a field is empty); the run checks them. The fields bind the
  // value attribute, not the property, so a re-render never rewrites what is being typed.
  #onInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    // The threshold is typed in per cent of the plan and kept as a share.
    if (input.name === 'shortfallThresholdPct') {
      this.#emit('hr-inputs', { ...this.inputs, shortfallThreshold: input.valueAsNumber / 100 });
      return;
    }
    const key = input.name as keyof RunInputs;
    this.#emit('hr-inputs', { ...this.inputs, [key]: input.valueAsNumber });
  }

  #onSubmit(e: Event): void {
    e.preventDefault();
    this.#emit('hr-run', this.inputs);
  }

  override render() {
    return html`
      <form @submit=${this.#onSubmit} aria-label=${t('app:controls.label')}>
        <label>
          ${t('app:controls.draws')}
          <input name="draws" type="number" min="1" step="1" value=${this.inputs.draws} @input=${this.#onInput} />
        </label>
        <label>
          ${t('app:controls.paramSets')}
          <input name="paramSets" type="number" min="1" step="1" value=${this.inputs.paramSets} @input=${this.#onInput} />
        </label>
        <label>
          ${t('app:controls.seed')}
          <input name="seed" type="number" min="0" step="1" value=${this.inputs.seed} @input=${this.#onInput} />
        </label>
        <label title=${t('app:controls.thresholdTitle')}>
          ${t('app:controls.threshold')}
          <input name="shortfallThresholdPct" type="number" min="0" max="100" step="any"
            value=${Number((this.inputs.shortfallThreshold * 100).toPrecision(6))} @input=${this.#onInput} />
        </label>
        <button type="submit" ?disabled=${!this.ready}>${t('app:controls.run')}</button>
        <button type="button" ?disabled=${!this.running} @click=${() => this.#emit('hr-cancel', null)}>${t('app:controls.cancel')}</button>
        <p>${t('app:controls.note', { coarse: Math.min(256, this.inputs.draws || 256) })}</p>
      </form>
    `;
  }
}

customElements.define('hr-controls', HrControls);

declare global {
  interface HTMLElementTagNameMap {
    'hr-controls': HrControls;
  }
}
