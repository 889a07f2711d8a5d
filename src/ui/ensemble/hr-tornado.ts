// Which knobs matter: Sobol' first-order (S1, alone) and total-effect (ST, with interactions)
// indices of a headline output over the knob ranges, as horizontal bars sorted by ST, each with
// its bootstrap confidence interval as a whisker. Knobs without a range show as zero. A small
// canvas draws the bars; the same numbers are in a table for screen readers and copying.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { numberFormat, t } from '../../i18n/i18n';
import { KNOB_NAMES, type KnobName } from '../../scenario/names';
import { formatDuration } from '../format';
import { HEADLINE_SERIES } from '../hr-results';
import { LocaleController } from '../i18n/LocaleController';
import { KNOB_META } from '../knobs';
import { emitAction } from './actions';
import { SENSITIVITY_N_CHOICES } from './sensitivityRunner';
import type { SensitivitySettings, SensitivityView } from './types';

interface Row {
  name: KnobName;
  ranged: boolean;
  s1: number;
  st: number;
  s1Lo: number;
  s1Hi: number;
  stLo: number;
  stHi: number;
}

const ROW_PX = 26;
const LABEL_PX = 200;
const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');
/** A knob's row label, marked when it has no range. */
const rowLabel = (r: Row): string =>
  r.ranged ? KNOB_META[r.name].label : t('ensemble:tornado.noRange', { knob: KNOB_META[r.name].label });

export class HrTornado extends LitElement {
  static override properties = {
    view: { attribute: false },
    settings: { attribute: false },
    stale: { type: Boolean },
    canRun: { type: Boolean },
    backend: { type: String },
  };
  declare view: SensitivityView | undefined;
  declare settings: SensitivitySettings;
  /** The ranges or knobs changed since the indices were computed. */
  declare stale: boolean;
  declare canRun: boolean;
  declare backend: string;
  #rows: Row[] = [];

  constructor() {
    super();
    new LocaleController(this);
    this.view = undefined;
    this.settings = { output: 'energyServedMWh' };
    this.stale = false;
    this.canRun = false;
    this.backend = 'cpu';
  }

  static override styles = css`
    :host { display: block; font-size: 0.85rem; }
    .controls { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; margin-bottom: 0.3rem; }
    select, button { font: inherit; font-size: 0.8rem; padding: 0.15rem 0.4rem; }
    canvas { display: block; width: 100%; }
    .meta { color: #444; font-size: 0.78rem; margin: 0.2rem 0; }
    .stale { color: #8a3e0c; }
    table { border-collapse: collapse; font-size: 0.78rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.1rem 0.6rem 0.1rem 0; text-align: right; }
    td { white-space: nowrap; }
    td:first-child { white-space: normal; }
    th:first-child, td:first-child { text-align: left; }
    .key i { display: inline-block; width: 0.9rem; height: 0.6rem; margin: 0 0.2rem 0 0.6rem; }
  `;

  override willUpdate(): void {
    const out = this.view?.result?.outputs[this.settings.output];
    const knobs = this.view?.result?.knobs ?? [];
    this.#rows = KNOB_NAMES.map((name) => {
      const i = knobs.indexOf(name);
      if (!out || i < 0)
        return {
          name,
          ranged: i >= 0 || (this.view?.plan.knobs.includes(name) ?? false),
          s1: 0,
          st: 0,
          s1Lo: 0,
          s1Hi: 0,
          stLo: 0,
          stHi: 0,
        };
      const g = (a: Float64Array): number => a[i] ?? 0;
      return {
        name,
        ranged: true,
        s1: g(out.S1),
        st: g(out.ST),
        s1Lo: g(out.S1Low),
        s1Hi: g(out.S1High),
        stLo: g(out.STLow),
        stHi: g(out.STHigh),
      };
    }).sort((a, b) => b.st - a.st || Number(b.ranged) - Number(a.ranged));
    this.dataset.bars = String(this.#rows.filter((r) => r.ranged && r.st > 0).length);
  }

  override updated(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas) this.#draw(canvas);
  }

  #draw(canvas: HTMLCanvasElement): void {
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth || 400;
    const h = this.#rows.length * ROW_PX + 22;
    canvas.style.height = `${h}px`;
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.font = '11px system-ui, sans-serif';
    const label = rowLabel;
    // The label column is as wide as its longest label, up to 45% of the chart.
    const x0 = Math.min(Math.max(LABEL_PX / 2, ...this.#rows.map((r) => ctx.measureText(label(r)).width + 14)), w * 0.45);
    const span = (w - x0 - 12) / 1.05;
    const X = (v: number): number => x0 + Math.min(1.05, Math.max(0, v)) * span;
    ctx.strokeStyle = '#d5dbe2';
    ctx.fillStyle = '#555';
    ctx.textAlign = 'center';
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      ctx.beginPath();
      ctx.moveTo(X(t), 0);
      ctx.lineTo(X(t), h - 18);
      ctx.stroke();
      ctx.fillText(t.toFixed(2), X(t), h - 5);
    }
    this.#rows.forEach((r, k) => {
      const y = k * ROW_PX + 3;
      ctx.textAlign = 'right';
      ctx.fillStyle = r.ranged ? '#1a1a1a' : '#888';
      ctx.fillText(label(r), x0 - 8, y + 14, x0 - 10);
      if (!r.ranged) return;
      ctx.fillStyle = '#9ecae1';
      ctx.fillRect(X(0), y, X(r.st) - X(0), 10);
      ctx.fillStyle = '#1f5fbf';
      ctx.fillRect(X(0), y + 11, X(r.s1) - X(0), 9);
      ctx.strokeStyle = '#1a1a1a';
      for (const [lo, hi, cy] of [
        [r.stLo, r.stHi, y + 5],
        [r.s1Lo, r.s1Hi, y + 15.5],
      ] as const) {
        ctx.beginPath();
        ctx.moveTo(X(lo), cy);
        ctx.lineTo(X(hi), cy);
        ctx.moveTo(X(lo), cy - 3);
        ctx.lineTo(X(lo), cy + 3);
        ctx.moveTo(X(hi), cy - 3);
        ctx.lineTo(X(hi), cy + 3);
        ctx.stroke();
      }
    });
  }

  #status() {
    const v = this.view;
    if (!v) return html`<p class="meta">${t('ensemble:tornado.intro')}</p>`;
    const p = v.plan;
    const chosen =
      this.settings.n === undefined ? (this.backend === 'webgpu' ? t('ensemble:tornado.chosenGpu') : t('ensemble:tornado.chosenCpu')) : '';
    const plan = t('ensemble:tornado.plan', {
      n: String(p.n),
      knobs: String(p.knobs.length),
      sets: numberFormat().format(p.sets),
      draws: String(p.draws),
      chosen,
    });
    const pct = v.progress ? Math.round(v.progress.fraction * 100) : 0;
    return html`<p class="meta" data-testid="sensitivity-plan">${plan}${v.result && v.status === 'done' && v.progress ? ` · ${formatDuration(v.progress.elapsedMs)}` : ''}</p>
      ${
        v.status === 'running'
          ? html`<p class="meta"><progress aria-label=${t('ensemble:tornado.progressLabel')} max="100" value=${pct}></progress> ${pct}%</p>`
          : nothing
      }
      ${v.status === 'error' ? html`<p class="meta stale" role="alert" data-testid="sensitivity-error">${v.error}</p>` : nothing}
      ${v.status === 'cancelled' ? html`<p class="meta">${t('ensemble:tornado.cancelled')}</p>` : nothing}
      ${this.stale && v.status !== 'running' ? html`<p class="meta stale">${t('ensemble:tornado.stale', { rerun: v.status === 'done' ? t('ensemble:tornado.staleRerun') : '' })}</p>` : nothing}`;
  }

  override render() {
    const v = this.view;
    const running = v?.status === 'running';
    const set = (patch: Partial<SensitivitySettings>) => emitAction(this, { type: 'sensitivity-settings', patch });
    return html`<div class="controls">
        <label>${t('ensemble:tornado.output')}
          <select aria-label=${t('ensemble:tornado.outputLabel')} .value=${live(this.settings.output)} @change=${(e: Event) => set({ output: (e.target as HTMLSelectElement).value })}>
            ${HEADLINE_SERIES.map((h) => html`<option value=${h.key} ?selected=${h.key === this.settings.output}>${h.label}</option>`)}
          </select></label>
        <label>${t('ensemble:tornado.sampleSize')}
          <select aria-label=${t('ensemble:tornado.sampleSizeLabel')} .value=${live(String(this.settings.n ?? 'auto'))}
            @change=${(e: Event) => {
              const t = (e.target as HTMLSelectElement).value;
              set({ n: t === 'auto' ? undefined : Number(t) });
            }}>
            <option value="auto" ?selected=${this.settings.n === undefined}>${t('ensemble:tornado.auto')}</option>
            ${SENSITIVITY_N_CHOICES.map((n) => html`<option value=${n} ?selected=${n === this.settings.n}>N = ${n}</option>`)}
          </select></label>
        <button type="button" ?disabled=${!this.canRun} @click=${() => emitAction(this, { type: 'sensitivity' })}>${t('ensemble:tornado.compute')}</button>
        <button type="button" ?disabled=${!running} @click=${() => emitAction(this, { type: 'sensitivity-cancel' })}>${t('ensemble:tornado.stop')}</button>
      </div>
      ${this.#status()}
      ${
        v?.result
          ? html`<canvas role="img" aria-label=${t('ensemble:tornado.aria', { output: HEADLINE_SERIES.find((h) => h.key === this.settings.output)?.label ?? this.settings.output })}></canvas>
            <p class="meta key"><i style="background:#9ecae1"></i>${t('ensemble:tornado.keyTotal')}<i style="background:#1f5fbf"></i>${t('ensemble:tornado.keyFirst', { pct: Math.round((v.result.outputs[this.settings.output]?.confidence ?? 0.95) * 100) })}</p>
            <details><summary>${t('ensemble:tornado.numbers')}</summary>
              <table aria-label=${t('ensemble:tornado.tableLabel')}>
                <thead><tr><th scope="col">${t('ensemble:tornado.knob')}</th><th scope="col">S1</th><th scope="col">${t('ensemble:tornado.s1Interval')}</th><th scope="col">ST</th><th scope="col">${t('ensemble:tornado.stInterval')}</th></tr></thead>
                <tbody>${this.#rows.map((r) => html`<tr data-knob=${r.name}><td>${rowLabel(r)}</td><td>${f2(r.s1)}</td><td>${f2(r.s1Lo)} – ${f2(r.s1Hi)}</td><td>${f2(r.st)}</td><td>${f2(r.stLo)} – ${f2(r.stHi)}</td></tr>`)}</tbody>
              </table>
            </details>`
          : nothing
      }`;
  }
}

customElements.define('hr-tornado', HrTornado);
declare global {
  interface HTMLElementTagNameMap {
    'hr-tornado': HrTornado;
  }
}
