// The header's actions: scenario choice, import, reset, share, presentation mode and exports.
// Stateless: it reports what was asked for as events.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language, t } from '../i18n/i18n';
import { LocaleController } from './i18n/LocaleController';
import { PRESETS, type PresetId, type ScenarioSource } from './store';

export type ExportKind = 'map-png' | 'results-json' | 'results-csv' | 'site-years-csv' | 'scenario-json';
export type PresetEvent = CustomEvent<{ id: PresetId | 'user' }>;
export type FileEvent = CustomEvent<{ file: File }>;
export type ExportEvent = CustomEvent<{ kind: ExportKind }>;
export type LangEvent = CustomEvent<{ lang: Language }>;

const EXPORTS: ExportKind[] = ['map-png', 'results-json', 'results-csv', 'site-years-csv', 'scenario-json'];

export class HrToolbar extends LitElement {
  static override properties = {
    source: { type: String },
    userLabel: { attribute: false },
    importMode: { type: String },
    present: { type: Boolean },
    ready: { type: Boolean },
    hasResult: { type: Boolean },
    lang: { type: String },
  };
  declare source: ScenarioSource;
  declare userLabel: string | undefined;
  declare importMode: 'replace' | 'append';
  declare present: boolean;
  declare ready: boolean;
  declare hasResult: boolean;
  declare lang: Language;

  constructor() {
    super();
    this.source = PRESETS[0].id;
    this.userLabel = undefined;
    this.importMode = 'replace';
    this.present = false;
    this.ready = false;
    this.hasResult = false;
    this.lang = 'en';
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 0.5rem 0.9rem; align-items: end; font-size: 0.85rem; }
    label { display: flex; flex-direction: column; gap: 0.15rem; color: #333; }
    .group { display: flex; gap: 0.35rem; align-items: end; flex-wrap: wrap; }
    select, button, input { font: inherit; padding: 0.3rem 0.5rem; }
    button { cursor: pointer; border: 1px solid #9aa6b4; border-radius: 4px; background: #fff; }
    button[aria-pressed='true'] { background: #1a1a1a; color: #fff; }
    input[type='file'] { max-width: 15rem; }
    details { position: relative; }
    summary { cursor: pointer; padding: 0.3rem 0.5rem; border: 1px solid #9aa6b4; border-radius: 4px; background: #fff; list-style: none; }
    summary::after { content: ' ▾'; }
    .menu { position: absolute; right: 0; top: 110%; z-index: 5; display: flex; flex-direction: column; gap: 0.2rem; background: #fff; border: 1px solid #9aa6b4; border-radius: 4px; padding: 0.3rem; min-width: 12rem; box-shadow: 0 4px 12px rgba(0, 0, 0, 0.15); }
    .menu button { text-align: left; }
    summary:focus-visible,
    button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 1px; }
  `;

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  #onScenario(e: Event): void {
    const id = (e.target as HTMLSelectElement).value;
    if (id === 'user' || PRESETS.some((p) => p.id === id)) this.#emit('hr-preset', { id });
  }

  #onLang(e: Event): void {
    const lang = (e.target as HTMLSelectElement).value;
    if ((LANGUAGES as readonly string[]).includes(lang)) this.#emit('hr-lang', { lang });
  }

  #onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // Reset so choosing the same file again fires another change.
    input.value = '';
    if (file) this.#emit('hr-file', { file });
  }

  override render() {
    const busy = !this.ready;
    return html`
      <div class="group">
        <label>
          ${t('app:toolbar.scenario')}
          <select .value=${live(this.source)} ?disabled=${busy} @change=${this.#onScenario}>
            ${PRESETS.map((p) => html`<option value=${p.id} ?selected=${p.id === this.source}>${t(`app:preset.${p.id}`)}</option>`)}
            ${this.userLabel ? html`<option value="user" ?selected=${this.source === 'user'}>${t('app:toolbar.imported', { name: this.userLabel })}</option>` : nothing}
          </select>
        </label>
        ${
          this.source === 'user' || this.userLabel
            ? html`<button type="button" ?disabled=${busy} @click=${() => this.#emit('hr-reset-preset', null)}>${t('app:toolbar.resetToPreset')}</button>`
            : nothing
        }
      </div>
      <div class="group">
        <label>
          ${t('app:toolbar.importFile')}
          <input type="file" accept=".json,.csv,.tsv,.txt,.geojson,application/json,text/csv,application/geo+json" ?disabled=${busy} @change=${this.#onFile} />
        </label>
        <label>
          ${t('app:toolbar.importMode')}
          <select .value=${live(this.importMode)} @change=${(e: Event) => this.#emit('hr-import-mode', { mode: (e.target as HTMLSelectElement).value })}>
            <option value="replace">${t('app:toolbar.importReplace')}</option>
            <option value="append">${t('app:toolbar.importAppend')}</option>
          </select>
        </label>
      </div>
      <div class="group">
        <details>
          <summary>${t('app:toolbar.export')}</summary>
          <div class="menu" role="group" aria-label=${t('app:toolbar.exportFiles')}>
            ${EXPORTS.map((kind) => html`<button type="button" ?disabled=${!this.hasResult && kind !== 'scenario-json'} @click=${() => this.#emit('hr-export', { kind })}>${t(`app:export.${kind}`)}</button>`)}
          </div>
        </details>
        <button type="button" @click=${() => this.#emit('hr-copy-link', null)}>${t('app:toolbar.copyLink')}</button>
        <button type="button" @click=${() => this.#emit('hr-copy-embed', null)}>${t('app:toolbar.copyEmbed')}</button>
        <button type="button" aria-pressed=${this.present ? 'true' : 'false'} @click=${() => this.#emit('hr-present', { on: !this.present })}>${t('app:toolbar.present')}</button>
        <select aria-label="Language / 言語" data-testid="lang" .value=${live(this.lang)} @change=${this.#onLang}>
          ${LANGUAGES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === this.lang}>${LANGUAGE_NAMES[l]}</option>`)}
        </select>
      </div>
    `;
  }
}

customElements.define('hr-toolbar', HrToolbar);
declare global {
  interface HTMLElementTagNameMap {
    'hr-toolbar': HrToolbar;
  }
}
