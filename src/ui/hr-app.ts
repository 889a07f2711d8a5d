// The page root: the only component that sees the store and the controller. It passes state
// down as properties and turns the children's events into controller calls.
import { LitElement, css, html } from 'lit';
import type { Controller } from './controller';
import type { FileEvent, PresetEvent, RunEvent } from './hr-controls';
import type { AppState, Store } from './store';
import './hr-controls';
import './hr-results';
import './hr-status';

export class HrApp extends LitElement {
  static override properties = {
    state: { attribute: false },
  };

  declare state: AppState | undefined;
  store: Store | undefined;
  controller: Controller | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.state = undefined;
  }

  static override styles = css`
    :host {
      display: grid;
      gap: 1.25rem;
    }
    section {
      display: grid;
      gap: 0.75rem;
    }
    h2 {
      font-size: 1.1rem;
      margin: 0;
    }
  `;

  /** Wires the store and controller in; called once by main.ts. */
  attach(store: Store, controller: Controller): void {
    this.store = store;
    this.controller = controller;
    this.#unsubscribe?.();
    this.#unsubscribe = store.subscribe((s) => (this.state = s));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  // The UI reports failures through the store; the rejection only matters to scripted callers.
  #run = (e: RunEvent): void => {
    this.controller?.setInputs(e.detail);
    this.controller?.run().catch(() => undefined);
  };
  #cancel = (): void => this.controller?.cancel();
  #preset = (e: PresetEvent): void => void this.controller?.selectPreset(e.detail.id);
  #file = (e: FileEvent): void => void this.controller?.loadFile(e.detail.file);
  #inputs = (e: RunEvent): void => this.controller?.setInputs(e.detail);

  override render() {
    const s = this.state;
    if (!s) return html``;
    const running = s.state === 'running';
    return html`
      <hr-status
        .backend=${s.engineBackend}
        .device=${s.engineDevice}
        .cpuFallbackReason=${s.cpuFallbackReason}
        .progress=${s.progress}
        .error=${s.error}
        .notice=${s.notice}
        ?running=${running}
      ></hr-status>
      <section aria-labelledby="settings-h">
        <h2 id="settings-h">Scenario and run</h2>
        <hr-controls
          .source=${s.source}
          .scenarioName=${s.scenario?.name}
          .inputs=${s.inputs}
          ?running=${running}
          ?ready=${s.ready && !!s.scenario}
          @hr-run=${this.#run}
          @hr-cancel=${this.#cancel}
          @hr-preset=${this.#preset}
          @hr-file=${this.#file}
          @hr-inputs=${this.#inputs}
        ></hr-controls>
      </section>
      <section aria-labelledby="results-h" aria-busy=${running ? 'true' : 'false'}>
        <h2 id="results-h">Results</h2>
        <hr-results .result=${s.result} .label=${s.resultLabel}></hr-results>
      </section>
    `;
  }
}

customElements.define('hr-app', HrApp);

declare global {
  interface HTMLElementTagNameMap {
    'hr-app': HrApp;
  }
}
