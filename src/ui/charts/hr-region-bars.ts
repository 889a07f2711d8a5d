// Per grid region, in the selected year: P(curtailment) as bars (left axis) and the median grid
// stress (peak demand ÷ headroom over the horizon, capped at 10) as dots (right axis; > 1 is short).
import { html } from 'lit';
import type uPlot from 'uplot';
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { barPaths, pointsOnly } from './barPaths';
import { axisFont, CHART_COLOURS, ChartElement, shortLabel, type TitleOptions } from './chartBase';
import { regionData, type RegionData } from './chartData';

export class HrRegionBars extends ChartElement {
  static override properties = {
    ...ChartElement.properties,
    result: { attribute: false },
    scenario: { attribute: false },
    year: { type: Number },
    subset: { type: String },
  };
  declare result: RunResult | undefined;
  declare scenario: Scenario | undefined;
  declare year: number | undefined;
  /** Says which ensemble sets the bars average when a brush is active ('' = the live result). */
  declare subset: string;
  #rows: RegionData | undefined;

  constructor() {
    super();
    this.result = undefined;
    this.scenario = undefined;
    this.year = undefined;
    this.subset = '';
  }

  protected get chartTitle(): string {
    return this.titleIn({});
  }

  protected override titleIn(options: TitleOptions): string {
    const year = this.year ?? '';
    return this.subset
      ? t('charts:regionBars.titleSubset', { ...options, year, subset: this.subset })
      : t('charts:regionBars.title', { ...options, year });
  }

  protected override get chartHeight(): number {
    return this.present ? 360 : 280;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const r = this.result;
    const s = this.scenario;
    this.#rows = r && s && this.year !== undefined ? regionData(r, s, this.year) : undefined;
    if (!this.#rows) return undefined;
    return [Float64Array.from(this.#rows.ids.keys()), this.#rows.curtail, this.#rows.stressP50];
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const f = axisFont(this.present);
    const n = (): number => this.#rows?.ids.length ?? 1;
    return {
      width,
      height,
      legend: { show: false },
      scales: {
        x: { time: false, range: () => [-0.5, n() - 0.5] },
        p: { range: [0, 1] },
        stress: { range: (_u, _min, max) => [0, Math.max(2, Math.ceil(max))] },
      },
      axes: [
        {
          ...f,
          rotate: -50,
          size: this.present ? 150 : 96,
          splits: () => [...Array(n()).keys()],
          values: (_u, splits) => splits.map((i) => shortLabel(this.#rows?.names[i] ?? '')),
        },
        {
          ...f,
          scale: 'p',
          label: t('charts:regionBars.pCurtail'),
          size: this.present ? 64 : 48,
          values: (_u, vals) => vals.map((v) => `${Math.round(v * 100)}%`),
        },
        { ...f, scale: 'stress', side: 1, label: t('charts:regionBars.stressAxis'), size: this.present ? 56 : 40, grid: { show: false } },
      ],
      series: [
        { label: t('charts:series.region'), value: (_u, i) => (i === null ? '—' : (this.#rows?.names[i] ?? '')) },
        {
          label: t('charts:regionBars.pCurtail'),
          scale: 'p',
          fill: 'rgba(215, 25, 28, 0.55)',
          stroke: CHART_COLOURS.curtail,
          paths: barPaths(0.7, 48),
          points: { show: false },
          value: (_u, v) => (v === null ? '—' : `${Math.round(v * 100)}%`),
        },
        {
          label: t('charts:regionBars.stressSeries'),
          scale: 'stress',
          stroke: CHART_COLOURS.stress,
          paths: pointsOnly,
          points: { show: true, size: this.present ? 10 : 7, fill: '#fff', width: 2 },
          value: (_u, v) => (v === null ? '—' : v.toFixed(2)),
        },
      ],
    };
  }

  protected override note() {
    if (!this.#rows) return '';
    return html`<span class="key"><i style="background:rgba(215, 25, 28, 0.55)"></i>${t('charts:regionBars.keyCurtail', { year: this.year ?? '' })}</span><span class="key"><i class="dot"></i>${t('charts:regionBars.keyStress')}</span>
      ${t('charts:regionBars.note')}`;
  }
}

customElements.define('hr-region-bars', HrRegionBars);
declare global {
  interface HTMLElementTagNameMap {
    'hr-region-bars': HrRegionBars;
  }
}
