// The ensemble section: run settings (design, K, draws) with progress and cancel, then the views
// of the sets: the scatter and the parallel coordinates (both brushable), PRIM's boxes, the
// sensitivity tornado and the raw-sample export. It gets the page state as a property and
// reports what the visitor does as `hr-ensemble` actions; the columns the views draw are derived
// here once per ensemble, axis or selection change, not on every page update.
import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RunResult } from '../../engine/types';
import { language, numberFormat, t } from '../../i18n/i18n';
import { KNOB_NAMES, type KnobName } from '../../scenario/names';
import { deviceText } from '../engineText';
import { formatDuration, formatRate } from '../format';
import { LocaleController } from '../i18n/LocaleController';
import { effectiveKnobs, KNOB_META } from '../knobs';
import { ensembleKey, rangesKey } from '../ranges';
import { resolveYear } from '../resultSlices';
import type { AppState } from '../store';
import { emitAction } from './actions';
import { extent, paletteIndex } from './colourRamp';
import { ensembleStyles } from './hr-ensemble.styles';
import './hr-metric-picker';
import type { MetricEvent } from './hr-metric-picker';
import './hr-parcoords';
import type { AxesBrushEvent, ParAxis } from './hr-parcoords';
import './hr-prim';
import './hr-raw-export';
import './hr-scatter';
import type { ScatterBrushEvent, ScatterPickEvent } from './hr-scatter';
import './hr-tornado';
import { fitMetric, formatMetric, metricColumn, metricId, metricLabel, metricUnit } from './metrics';
import { knobColumn } from './selection';
import { autoKFor, ENSEMBLE_TARGET_SECONDS, estimateSeconds, formatEstimate, siteYearsOf } from './sizing';
import type { EnsembleRun } from './types';

const K_CHOICES = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384] as const;

interface Derived {
  key: unknown[];
  x: KnobName;
  yId: string;
  colourId: string;
  xs: Float64Array;
  ys: Float64Array;
  colours: Int16Array;
  colourRange: [string, string];
  axes: ParAxis[];
  columns: Float64Array[];
}

const tick = (v: number): string => numberFormat({ maximumSignificantDigits: 4 }).format(v);
/** A count with the page's language's grouping. */
const n = (v: number): string => numberFormat().format(v);
const knobFormat = (name: KnobName) => (v: number) => KNOB_META[name].display(v);
const knobAxisLabel = (name: KnobName): string => t('ensemble:withUnit', { label: KNOB_META[name].label, unit: KNOB_META[name].unit });

export class HrEnsemble extends LitElement {
  static override properties = { state: { attribute: false } };
  declare state: AppState | undefined;
  #derived: Derived | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.state = undefined;
  }

  static override styles = ensembleStyles;

  #derive(s: AppState, run: EnsembleRun, result: RunResult, year: number): Derived {
    // The axes' labels are words: a change of language derives them again.
    const key = [result, run.rows, s.discovery, year, language()];
    const d = this.#derived;
    if (d && d.key.length === key.length && d.key.every((k, i) => k === key[i])) return d;
    const sc = run.scenario;
    const x = s.discovery.x && run.varied.includes(s.discovery.x) ? s.discovery.x : (run.varied[0] ?? KNOB_NAMES[0]);
    const yId = metricId(fitMetric(s.discovery.y, sc, year));
    const colourId = metricId(fitMetric(s.discovery.colour, sc, year));
    const colourCol = metricColumn(result, colourId, run.rows);
    const [clo, chi] = extent(colourCol);
    const axes: ParAxis[] = run.varied.map((n, i) => ({
      id: n,
      label: KNOB_META[n].label,
      lo: run.lo[i] as number,
      hi: run.hi[i] as number,
      format: knobFormat(n),
    }));
    axes.push({ id: colourId, label: metricLabel(colourId, sc), lo: clo, hi: chi, format: (v) => formatMetric(v, colourId) });
    this.#derived = {
      key,
      x,
      yId,
      colourId,
      xs: knobColumn(result, x, run.rows),
      ys: metricColumn(result, yId, run.rows),
      colours: paletteIndex(colourCol, clo, chi),
      colourRange: [formatMetric(clo, colourId), formatMetric(chi, colourId)],
      axes,
      columns: [...run.varied.map((n) => knobColumn(result, n, run.rows)), colourCol],
    };
    return this.#derived;
  }

  #settings(s: AppState, running: boolean) {
    const e = s.ensembleSettings;
    const backend = s.engineBackend ?? 'cpu';
    const siteYears = siteYearsOf(s.scenario);
    const rate = s.result?.siteYearSamplesPerSecond;
    const defK = autoKFor(s);
    const K = e.count ?? defK;
    const seconds = estimateSeconds(K, e.draws, siteYears, rate);
    const varied = Object.values(s.ranges).filter((r) => r && r[1] > r[0]).length;
    const set = (patch: Partial<AppState['ensembleSettings']>) => emitAction(this, { type: 'settings', patch });
    const where = backend === 'cpu' ? t('ensemble:settings.whereCpu') : t('ensemble:settings.whereWebgpu');
    const time =
      seconds === undefined ? '' : t('ensemble:settings.time', { estimate: formatEstimate(seconds), rate: formatRate(rate ?? 0), where });
    const kNote =
      e.count === undefined
        ? t('ensemble:settings.kAuto', { k: n(K), seconds: ENSEMBLE_TARGET_SECONDS, time })
        : t('ensemble:settings.kFixed', { k: n(K), time });
    const choices = K_CHOICES.includes(K as (typeof K_CHOICES)[number]) ? K_CHOICES : [...K_CHOICES, K].sort((a, b) => a - b);
    return html`<form class="settings" aria-label=${t('ensemble:settings.label')} @submit=${(ev: Event) => {
      ev.preventDefault();
      emitAction(this, { type: 'run' });
    }}>
      <label>${t('ensemble:settings.design')}
        <select aria-label=${t('ensemble:settings.designLabel')} .value=${live(e.design)} @change=${(ev: Event) => set({ design: (ev.target as HTMLSelectElement).value === 'lhs' ? 'lhs' : 'sobol' })}>
          <option value="sobol" ?selected=${e.design === 'sobol'}>${t('ensemble:settings.sobol')}</option>
          <option value="lhs" ?selected=${e.design === 'lhs'}>${t('ensemble:settings.lhs')}</option>
        </select></label>
      <label>${t('ensemble:settings.k')}
        <select aria-label=${t('ensemble:settings.kLabel')} .value=${live(e.count === undefined ? 'auto' : String(e.count))}
          @change=${(ev: Event) => {
            const v = (ev.target as HTMLSelectElement).value;
            set({ count: v === 'auto' ? undefined : Number(v) });
          }}>
          <option value="auto" ?selected=${e.count === undefined}>${t('ensemble:settings.auto', { k: n(defK) })}</option>
          ${choices.map((k) => html`<option value=${k} ?selected=${k === e.count}>${n(k)}</option>`)}
        </select></label>
      <label>${t('ensemble:settings.draws')}
        <input type="number" min="1" step="1" aria-label=${t('ensemble:settings.drawsLabel')} value=${e.draws} @input=${(ev: Event) => set({ draws: (ev.target as HTMLInputElement).valueAsNumber })} /></label>
      <button type="submit" class="primary" ?disabled=${!s.ready || !s.scenario || varied === 0}>${t('ensemble:settings.run')}</button>
      <button type="button" ?disabled=${!running} @click=${() => emitAction(this, { type: 'cancel' })}>${t('ensemble:settings.stop')}</button>
      <p class="meta" data-testid="ensemble-k-note">${t('ensemble:settings.note', {
        kNote,
        draws: Number.isFinite(e.draws) ? n(e.draws) : '—',
        design: e.design === 'sobol' ? t('ensemble:settings.noteSobol') : t('ensemble:settings.noteLhs'),
      })}
        ${varied === 0 ? html`<strong>${t('ensemble:settings.needRange')}</strong>` : t('ensemble:settings.varied', { count: varied })}
        ${t('ensemble:settings.chunks')}</p>
    </form>`;
  }

  #status(s: AppState, run: EnsembleRun | undefined) {
    if (!run) return nothing;
    const p = run.progress;
    const pct = p ? Math.round(p.fraction * 100) : 0;
    const stale = s.scenario && ensembleKey(s.scenario, s.knobs, s.ranges, `${run.design}|${run.K}|${run.draws}|${run.seed}`) !== run.key;
    const text =
      run.status === 'running'
        ? t('ensemble:status.running', { rows: n(run.rows), k: n(run.K), progress: p ? ` · ${pct}% · ${formatDuration(p.elapsedMs)}` : '' })
        : run.status === 'done'
          ? t('ensemble:status.done', {
              k: n(run.K),
              draws: n(run.draws),
              elapsed: formatDuration(run.result?.elapsedMs ?? 0),
              device: deviceText(run.result?.device ?? ''),
            })
          : run.status === 'cancelled'
            ? t('ensemble:status.cancelled', { rows: n(run.rows), k: n(run.K) })
            : t('ensemble:status.failed', { error: run.error ?? '' });
    return html`<p class="status" role="status">
      ${run.status === 'running' ? html`<progress aria-label=${t('ensemble:status.progressLabel')} max="100" value=${pct}></progress>` : nothing}
      <span data-testid="ensemble-status">${text}</span>
      ${stale && run.status !== 'running' ? html`<span class="stale">${t('ensemble:status.stale')}</span>` : nothing}
    </p>`;
  }

  #selection(s: AppState, run: EnsembleRun) {
    const sel = s.selection;
    if (!sel) return html`<p class="meta">${t('ensemble:selection.hint')}</p>`;
    return html`<p class="selection"><span data-testid="ensemble-selection">${t('ensemble:selection.count', { n: n(sel.count), rows: n(run.rows) })}</span>
      <button type="button" aria-label=${t('ensemble:selection.clearLabel')} @click=${() => emitAction(this, { type: 'brush', brush: undefined })}>${t('ensemble:selection.clear')}</button></p>`;
  }

  #views(s: AppState, run: EnsembleRun, year: number) {
    const result = run.result;
    if (!result || run.rows === 0) return html`<p class="meta">${t('ensemble:views.waiting')}</p>`;
    const d = this.#derive(s, run, result, year);
    const brush = s.brush;
    const mask = s.selection?.mask;
    const pointX = s.scenario ? effectiveKnobs(s.scenario, s.knobs)[d.x] : undefined;
    return html`<div class="axes" role="group" aria-label=${t('ensemble:views.axesLabel')}>
        <label>${t('ensemble:views.across')}
          <select aria-label=${t('ensemble:views.xLabel')} .value=${live(d.x)} @change=${(e: Event) => emitAction(this, { type: 'axes', patch: { x: (e.target as HTMLSelectElement).value as KnobName } })}>
            ${run.varied.map((n) => html`<option value=${n} ?selected=${n === d.x}>${KNOB_META[n].label}</option>`)}
          </select></label>
        <label>${t('ensemble:views.up')} <hr-metric-picker label=${t('ensemble:views.yPicker')} .value=${d.yId} .scenario=${run.scenario} year=${year} @hr-metric=${(e: MetricEvent) => emitAction(this, { type: 'axes', patch: { y: e.detail.id } })}></hr-metric-picker></label>
        <label>${t('ensemble:views.colour')} <hr-metric-picker label=${t('ensemble:views.colour')} .value=${d.colourId} .scenario=${run.scenario} year=${year} @hr-metric=${(e: MetricEvent) => emitAction(this, { type: 'axes', patch: { colour: e.detail.id } })}></hr-metric-picker></label>
      </div>
      <div class="views">
        <hr-scatter .xs=${d.xs} .ys=${d.ys} .colours=${d.colours} .mask=${mask} .picked=${s.pickedSet} .pointX=${pointX}
          .xRange=${[run.lo[run.varied.indexOf(d.x)] ?? 0, run.hi[run.varied.indexOf(d.x)] ?? 1]} xLabel=${knobAxisLabel(d.x)} yLabel=${t('ensemble:withUnit', { label: metricLabel(d.yId, run.scenario), unit: metricUnit(d.yId) })}
          colourLabel=${metricLabel(d.colourId, run.scenario)} .colourRange=${d.colourRange} .xFormat=${knobFormat(d.x)} .yFormat=${tick}
          ?brushed=${brush?.kind === 'rect'} ?present=${s.present}
          @hr-scatter-brush=${(e: ScatterBrushEvent) => emitAction(this, { type: 'brush', brush: { kind: 'rect', x: d.x, y: d.yId, ...e.detail } })}
          @hr-scatter-pick=${(e: ScatterPickEvent) => emitAction(this, { type: 'pick', set: e.detail.index })}></hr-scatter>
        <figure class="panel">
          <h3>${t('ensemble:views.parcoordsTitle', { metric: metricLabel(d.colourId, run.scenario) })}</h3>
          <hr-parcoords .axes=${d.axes} .columns=${d.columns} .colours=${d.colours} .mask=${mask} .intervals=${brush?.kind === 'axes' ? brush.intervals : {}}
            @hr-axes-brush=${(e: AxesBrushEvent) => emitAction(this, { type: 'brush', brush: Object.keys(e.detail.intervals).length ? { kind: 'axes', intervals: e.detail.intervals } : undefined })}></hr-parcoords>
        </figure>
      </div>`;
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const run = s.ensemble;
    const scenario = run?.scenario ?? s.scenario;
    const year = resolveYear(s.year, scenario) ?? 2030;
    const sens = s.sensitivity;
    const sensStale =
      !!sens &&
      !!s.scenario &&
      (sens.key !== ensembleKey(s.scenario, s.knobs, s.ranges, `sens|${sens.plan.n}`) || sens.rangesKey !== rangesKey(s.ranges));
    return html`<h2 id="ensemble-h">${t('ensemble:heading')}</h2>
      <p class="intro">${t('ensemble:intro')}</p>
      ${this.#settings(s, run?.status === 'running')} ${this.#status(s, run)}
      ${run && scenario ? html`${this.#selection(s, run)} ${this.#views(s, run, year)}` : nothing}
      <div class="cards">
        <article class="panel" aria-labelledby="prim-h">
          <h3 id="prim-h">${t('ensemble:prim.heading')}</h3>
          <hr-prim .failure=${s.failure} .view=${s.prim} .scenario=${scenario} year=${year} ?running=${run?.status === 'running'}></hr-prim>
        </article>
        <article class="panel" aria-labelledby="tornado-h">
          <h3 id="tornado-h">${t('ensemble:tornado.heading')}</h3>
          <hr-tornado .view=${sens} .settings=${s.sensitivitySettings} ?stale=${sensStale} ?canRun=${s.ready && !!s.scenario} backend=${s.engineBackend ?? 'cpu'}></hr-tornado>
        </article>
        <article class="panel" aria-labelledby="raw-h">
          <h3 id="raw-h">${t('ensemble:raw.heading')}</h3>
          <hr-raw-export rows=${run?.rows ?? 0} .picked=${s.pickedSet} ?ready=${s.ready && !!s.scenario}></hr-raw-export>
        </article>
      </div>`;
  }
}

customElements.define('hr-ensemble', HrEnsemble);
declare global {
  interface HTMLElementTagNameMap {
    'hr-ensemble': HrEnsemble;
  }
}
