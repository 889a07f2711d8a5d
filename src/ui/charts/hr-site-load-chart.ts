// One site by year: planned IT load (dashed), expected delivered load (solid), and the
// probability of missing the plan (bars, right axis).
import type uPlot from 'uplot';
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { barPaths } from './barPaths';
import { axisFont, CHART_COLOURS, ChartElement, type TitleOptions } from './chartBase';
import { siteLoadData } from './chartData';

export class HrSiteLoadChart extends ChartElement {
  static override properties = {
    ...ChartElement.properties,
    result: { attribute: false },
    scenario: { attribute: false },
    siteIndex: { type: Number },
  };
  declare result: RunResult | undefined;
  declare scenario: Scenario | undefined;
  declare siteIndex: number;

  constructor() {
    super();
    this.result = undefined;
    this.scenario = undefined;
    this.siteIndex = -1;
  }

  protected get chartTitle(): string {
    return this.titleIn({});
  }

  protected override titleIn(options: TitleOptions): string {
    const name = this.scenario?.sites[this.siteIndex]?.name ?? t('charts:siteLoad.site', options);
    return t('charts:siteLoad.title', { ...options, name });
  }

  protected override get chartHeight(): number {
    return this.present ? 260 : 190;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    if (!this.result || !this.scenario || this.siteIndex < 0) return undefined;
    const d = siteLoadData(this.result, this.scenario, this.siteIndex);
    return [d.years, d.plannedMW, d.expectedMW, d.missProbability];
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const f = axisFont(this.present);
    const mw = (_u: uPlot, v: number | null): string => (v === null ? '—' : `${v.toPrecision(3)} MW`);
    return {
      width,
      height,
      scales: { x: { time: false }, mw: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] }, p: { range: [0, 1] } },
      axes: [
        { ...f, values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { ...f, scale: 'mw', label: 'MW', size: 50 },
        { ...f, scale: 'p', side: 1, size: 44, grid: { show: false }, values: (_u, vals) => vals.map((v) => `${Math.round(v * 100)}%`) },
      ],
      series: [
        { label: t('charts:series.year'), value: (_u, v) => (v === null ? '—' : String(v)) },
        {
          label: t('charts:siteLoad.planned'),
          scale: 'mw',
          stroke: CHART_COLOURS.planned,
          dash: [6, 4],
          width: 2,
          points: { show: false },
          value: mw,
        },
        {
          label: t('charts:siteLoad.expected'),
          scale: 'mw',
          stroke: CHART_COLOURS.served,
          width: 2.5,
          points: { show: true, size: 5 },
          value: mw,
        },
        {
          label: t('charts:siteLoad.pMiss'),
          scale: 'p',
          fill: 'rgba(215, 25, 28, 0.28)',
          stroke: CHART_COLOURS.miss,
          width: 1,
          paths: barPaths(0.5, 30),
          points: { show: false },
          value: (_u, v) => (v === null ? '—' : `${Math.round(v * 100)}%`),
        },
      ],
    };
  }
}

customElements.define('hr-site-load-chart', HrSiteLoadChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-site-load-chart': HrSiteLoadChart;
  }
}
