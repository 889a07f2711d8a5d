// Scenario choice and run settings. Holds no state: it renders what it is given and reports
// what the visitor asked for as events.
import { LitElement, css, html } from 'lit';
import { live } from 'lit/directives/live.js';
import { PRESETS, type PresetId, type RunInputs } from './store';

export type RunEvent = CustomEvent<RunInputs>;
export type PresetEvent = CustomEvent<{ id: PresetId }>;
export type FileEvent = CustomEvent<{ file: File }>;

export class HrControls extends LitElement {
  static override properties = {
    source: { type: String },
    scenarioName: { type: String, attribute: false },
    inputs: { attribute: false },
    running: { type: Boolean },
    ready: { type: Boolean },
  };

  declare source: PresetId | 'file';
  declare scenarioName: string | undefined;
  declare inputs: RunInputs;
  declare running: boolean;
  declare ready: boolean;

  constructor() {
    super();
    this.source = PRESETS[0].id;
    this.scenarioName = undefined;
    this.inputs = { draws: 4096, paramSets: 1, seed: 1 };
    this.running = false;
    this.ready = false;
  }

  static override styles = css`
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1.25rem;
      align-items: end;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      font-size: 0.85rem;
      color: var(--muted, #444);
    }
    input[type='number'] {
      width: 8rem;
    }
    input,
    select,
    button {
      font: inherit;
      padding: 0.35rem 0.5rem;
    }
    button {
      min-width: 6rem;
      cursor: pointer;
    }
    button[type='submit'] {
      background: #1f5fbf;
      color: white;
      border: 1px solid #174a94;
      border-radius: 4px;
    }
    button:disabled {
      opacity: 0.55;
      cursor: default;
    }
    .loaded {
      font-size: 0.85rem;
      margin: 0.5rem 0 0;
    }
  `;

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  #onPreset(e: Event): void {
    const id = (e.target as HTMLSelectElement).value;
    const preset = PRESETS.find((p) => p.id === id);
    if (preset) this.#emit('hr-preset', { id: preset.id });
  }

  #onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // Reset so choosing the same (fixed) file again fires another change.
    input.value = '';
    if (file) this.#emit('hr-file', { file });
  }

  // Values go up as typed (NaN while a field is empty); the run checks them. The fields bind the
  // value attribute, not the property, so a re-render never rewrites what is being typed.
  #onInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    const key = input.name as keyof RunInputs;
    this.#emit('hr-inputs', { ...this.inputs, [key]: input.valueAsNumber });
  }

  #onSubmit(e: Event): void {
    e.preventDefault();
    this.#emit('hr-run', this.inputs);
  }

  override render() {
    const busy = this.running || !this.ready;
    return html`
      <form @submit=${this.#onSubmit} aria-label="Run settings">
        <label>
          Scenario preset
          <select .value=${live(this.source)} ?disabled=${busy} @change=${this.#onPreset}>
            ${PRESETS.map((p) => html`<option value=${p.id} ?selected=${p.id === this.source}>${p.label}</option>`)}
            ${this.source === 'file' ? html`<option value="file" selected disabled>From file</option>` : null}
          </select>
        </label>
        <label>
          Load scenario JSON
          <input type="file" accept=".json,application/json" ?disabled=${busy} @change=${this.#onFile} />
        </label>
        <label>
          Draws per parameter set
          <input name="draws" type="number" min="1" step="1" value=${this.inputs.draws} @input=${this.#onInput} />
        </label>
        <label>
          Parameter sets
          <input name="paramSets" type="number" min="1" step="1" value=${this.inputs.paramSets} @input=${this.#onInput} />
        </label>
        <label>
          Seed
          <input name="seed" type="number" min="0" step="1" value=${this.inputs.seed} @input=${this.#onInput} />
        </label>
        <button type="submit" ?disabled=${busy}>Run</button>
        <button type="button" ?disabled=${!this.running} @click=${() => this.#emit('hr-cancel', null)}>Cancel</button>
      </form>
      <p class="loaded" aria-live="polite">Current scenario: <strong>${this.scenarioName ?? 'loading…'}</strong></p>
    `;
  }
}

customElements.define('hr-controls', HrControls);

declare global {
  interface HTMLElementTagNameMap {
    'hr-controls': HrControls;
  }
}
