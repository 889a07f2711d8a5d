// What the engine is doing: which backend, whether WebGPU was missed, progress, and errors.
import { LitElement, css, html, nothing } from 'lit';
import type { BackendKind, RunProgress } from '../engine/types';
import type { UiError } from './store';
import { formatDuration } from './format';

export class HrStatus extends LitElement {
  static override properties = {
    backend: { attribute: false },
    device: { attribute: false },
    cpuFallbackReason: { attribute: false },
    running: { type: Boolean },
    progress: { attribute: false },
    error: { attribute: false },
    notice: { attribute: false },
  };

  declare backend: BackendKind | undefined;
  declare device: string | undefined;
  declare cpuFallbackReason: string | undefined;
  declare running: boolean;
  declare progress: RunProgress | undefined;
  declare error: UiError | undefined;
  declare notice: string | undefined;

  constructor() {
    super();
    this.backend = undefined;
    this.device = undefined;
    this.cpuFallbackReason = undefined;
    this.running = false;
    this.progress = undefined;
    this.error = undefined;
    this.notice = undefined;
  }

  static override styles = css`
    :host {
      display: grid;
      gap: 0.6rem;
    }
    .badge {
      display: inline-block;
      padding: 0.2rem 0.6rem;
      border-radius: 999px;
      font-size: 0.85rem;
      background: #e8eef8;
      border: 1px solid #b8c8e4;
    }
    .badge.webgpu {
      background: #e4f4e8;
      border-color: #9fd1ab;
    }
    .banner {
      padding: 0.6rem 0.8rem;
      background: #fff4d6;
      border: 1px solid #e0b84a;
      border-radius: 4px;
    }
    .error {
      padding: 0.6rem 0.8rem;
      background: #fde8e8;
      border: 1px solid #d66;
      border-radius: 4px;
    }
    .error h2 {
      font-size: 1rem;
      margin: 0 0 0.3rem;
    }
    .error ul {
      margin: 0;
      padding-left: 1.2rem;
    }
    code {
      font-weight: 600;
    }
    progress {
      width: min(32rem, 100%);
    }
    .notice {
      margin: 0;
      color: #444;
    }
  `;

  #badge() {
    if (!this.backend) return html`<span class="badge" data-testid="backend-badge">Starting engine…</span>`;
    const label = this.backend === 'webgpu' ? `WebGPU: ${this.device ?? 'adapter'}` : (this.device ?? 'CPU');
    return html`<span class="badge ${this.backend}" data-testid="backend-badge" title="Compute backend">${label}</span>`;
  }

  #progress() {
    if (!this.running) return nothing;
    const p = this.progress;
    const pct = p ? Math.round(p.fraction * 100) : 0;
    const text = p ? `${pct}% · ${p.doneDraws.toLocaleString('en')} of ${p.totalDraws.toLocaleString('en')} draws · ${formatDuration(p.elapsedMs)}` : 'Starting…';
    return html`<div>
      <progress aria-label="Run progress" max="100" value=${p ? pct : nothing}></progress>
      <span aria-live="polite">${text}</span>
    </div>`;
  }

  #error() {
    const e = this.error;
    if (!e) return nothing;
    return html`<div class="error" role="alert" data-testid="error-box">
      <h2>${e.title}</h2>
      <ul>
        ${e.issues.map((i) => html`<li>${i.path ? html`<code>${i.path}</code>: ` : nothing}${i.message}</li>`)}
      </ul>
    </div>`;
  }

  override render() {
    return html`
      <div>${this.#badge()}</div>
      ${this.cpuFallbackReason
        ? html`<div class="banner" role="status" data-testid="cpu-banner">
            <strong>WebGPU is not available, so the model runs on the CPU</strong> (${this.device ?? 'CPU workers'}): ${this.cpuFallbackReason}.
            Runs will be slower.
          </div>`
        : nothing}
      ${this.#progress()} ${this.#error()} ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
    `;
  }
}

customElements.define('hr-status', HrStatus);

declare global {
  interface HTMLElementTagNameMap {
    'hr-status': HrStatus;
  }
}
