// The status strip: which backend runs the model, whether WebGPU was missed, the run's progress
// (coarse pass, then refinement), throughput, and the headline number with its Monte Carlo
// standard error — plus errors and notices.
import { LitElement, css, html, nothing } from 'lit';
import { findSeries, seriesSummary } from '../engine/resultJson';
import type { BackendKind, RunProgress, RunResult } from '../engine/types';
import { numberFormat, t } from '../i18n/i18n';
import { ruleText } from '../data/ruleText';
import { type CpuFallback, cpuFallbackText, deviceText } from './engineText';
import { formatDuration, formatNumber, formatRate, pickScale } from './format';
import { LocaleController } from './i18n/LocaleController';
import { withParts } from './i18n/withParts';
import type { RunPhase, UiError } from './store';

export class HrStatus extends LitElement {
  static override properties = {
    backend: { attribute: false },
    device: { attribute: false },
    cpuFallbackReason: { attribute: false },
    running: { type: Boolean },
    phase: { attribute: false },
    progress: { attribute: false },
    result: { attribute: false },
    error: { attribute: false },
    notice: { attribute: false },
    saveProblem: { attribute: false },
    embedded: { type: Boolean },
  };

  declare backend: BackendKind | undefined;
  declare device: string | undefined;
  declare cpuFallbackReason: CpuFallback | undefined;
  declare running: boolean;
  declare phase: RunPhase | undefined;
  declare progress: RunProgress | undefined;
  declare result: RunResult | undefined;
  declare error: UiError | undefined;
  declare notice: string | undefined;
  /** AppState.saveProblem: stays on screen while it holds (the notice may say it too, then it shows once). */
  declare saveProblem: string | undefined;
  /** In an embed the strip shows progress, errors and notices only: readers of an article need no backend badge or samples/s. */
  declare embedded: boolean;

  constructor() {
    super();
    this.backend = undefined;
    this.device = undefined;
    this.cpuFallbackReason = undefined;
    this.running = false;
    this.phase = undefined;
    this.progress = undefined;
    this.result = undefined;
    this.error = undefined;
    this.notice = undefined;
    this.saveProblem = undefined;
    this.embedded = false;
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: grid; gap: 0.5rem; }
    .strip { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1rem; font-size: 0.85rem; }
    .badge { display: inline-block; padding: 0.15rem 0.6rem; border-radius: 999px; background: #e8eef8; border: 1px solid #b8c8e4; }
    .badge.webgpu { background: #e4f4e8; border-color: #9fd1ab; }
    .headline { font-weight: 600; font-variant-numeric: tabular-nums; }
    .meta { color: #444; font-variant-numeric: tabular-nums; }
    .banner { padding: 0.5rem 0.8rem; background: #fff4d6; border: 1px solid #e0b84a; border-radius: 4px; }
    .error { padding: 0.5rem 0.8rem; background: #fde8e8; border: 1px solid #d66; border-radius: 4px; }
    .error h2 { font-size: 1rem; margin: 0 0 0.3rem; }
    .error ul { margin: 0; padding-left: 1.2rem; max-height: 12rem; overflow: auto; }
    code { font-weight: 600; }
    progress { width: 9rem; vertical-align: middle; }
    .notice { margin: 0; color: #333; }
  `;

  #badge() {
    if (!this.backend) return html`<span class="badge" data-testid="backend-badge">${t('app:status.starting')}</span>`;
    const label =
      this.backend === 'webgpu'
        ? t('app:status.webgpu', { device: this.device ?? t('app:status.adapter') })
        : this.device
          ? deviceText(this.device)
          : t('app:status.cpu');
    return html`<span class="badge ${this.backend}" data-testid="backend-badge" title=${t('app:status.backendTitle')}>${label}</span>`;
  }

  #progress() {
    if (!this.running) return nothing;
    const p = this.progress;
    const pct = p ? Math.round(p.fraction * 100) : 0;
    const what = t(`app:status.phase.${this.phase ?? 'full'}`);
    const text = p
      ? t('app:status.progress', { phase: what, pct, draws: numberFormat().format(p.totalDraws), elapsed: formatDuration(p.elapsedMs) })
      : `${what}…`;
    return html`<span>
      <progress aria-label=${t('app:status.progressLabel')} max="100" value=${p ? pct : nothing}></progress>
      <span data-testid="run-progress">${text}</span>
    </span>`;
  }

  /** Energy served, mean ± Monte Carlo standard error, on one scale. */
  #headline() {
    const r = this.result;
    const found = r ? findSeries(r, 'energyServedMWh') : undefined;
    if (!r || !found) return nothing;
    const s = seriesSummary(r, 0, found.index);
    const scale = pickScale(found.info.unit, s.mean);
    const draws = numberFormat().format(r.draws);
    return html`<span class="headline" data-testid="headline" title=${t('app:status.headlineTitle')}>
        ${t('app:status.energyServed')} <span data-testid="headline-value">${formatNumber(s.mean / scale.divisor)} ± ${formatNumber(s.se / scale.divisor)} ${scale.unit}</span>
      </span>
      <span class="meta" data-testid="headline-draws">${this.running && this.phase === 'refine' ? t('app:status.drawsRefining', { draws }) : t('app:status.draws', { draws })}</span>
      <span class="meta" data-testid="throughput-strip">${t('app:status.throughput', { rate: formatRate(r.siteYearSamplesPerSecond) })}</span>`;
  }

  #error() {
    const e = this.error;
    if (!e) return nothing;
    return html`<div class="error" role="alert" data-testid="error-box">
      <h2>${e.title}</h2>
      <ul>
        ${e.issues.map((i) => html`<li>${i.path ? html`<code>${i.path}</code>: ` : nothing}${ruleText(i.message)}</li>`)}
      </ul>
    </div>`;
  }

  override render() {
    return html`
      ${
        this.embedded
          ? this.running
            ? html`<section class="strip" aria-label=${t('app:status.strip')}>${this.#progress()}</section>`
            : nothing
          : html`<section class="strip" aria-label=${t('app:status.strip')}>${this.#badge()} ${this.#headline()} ${this.#progress()}</section>`
      }
      ${
        this.cpuFallbackReason && !this.embedded
          ? html`<div class="banner" role="status" data-testid="cpu-banner">
            <strong>${t('app:status.cpuTitle')}</strong> ${withParts(
              (v) => t('app:status.cpuDetail', { ...v, device: this.device ? deviceText(this.device) : t('app:status.cpuWorkers') }),
              { reason: html`${cpuFallbackText(this.cpuFallbackReason)}` },
            )}
          </div>`
          : nothing
      }
      ${this.#error()} ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${
        this.saveProblem && !this.notice?.includes(this.saveProblem)
          ? html`<div class="banner" role="status" data-testid="save-problem">${this.saveProblem}</div>`
          : nothing
      }
    `;
  }
}

customElements.define('hr-status', HrStatus);

declare global {
  interface HTMLElementTagNameMap {
    'hr-status': HrStatus;
  }
}
