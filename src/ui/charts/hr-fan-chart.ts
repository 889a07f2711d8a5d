// Energy demanded vs served by year: for each, the P5–P95 band, the median and the mean (dashed).
// The gap between the two fans is the energy that does not reach the datacenters.
import { html } from 'lit';
import type uPlot from 'uplot';
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import { axisFont, CHART_COLOURS, ChartElement, type TitleOptions } from './chartBase';
import { fanData, type FanData } from './chartData';

const translucent = (hex: string, alpha: number): string => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
};

export class HrFanChart extends ChartElement {
  static override properties = { ...ChartElement.properties, result: { attribute: false } };
  declare result: RunResult | undefined;
  #fan: FanData | undefined;

  constructor() {
    super();
    this.result = undefined;
  }

  protected get chartTitle(): string {
    return this.titleIn({});
  }

  protected override titleIn(options: TitleOptions): string {
    return this.#fan ? t('charts:fan.titleUnit', { ...options, unit: this.#fan.unit }) : t('charts:fan.title', options);
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const f = this.result ? fanData(this.result) : undefined;
    this.#fan = f;
    if (!f) return undefined;
    const d = f.demanded;
    const s = f.served;
    return [f.years, d.p95, d.p5, d.p50, d.mean, s.p95, s.p5, s.p50, s.mean];
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const f = axisFont(this.present);
    const line = (label: string, colour: string, opts: Partial<uPlot.Series> = {}): uPlot.Series => ({
      label,
      stroke: colour,
      width: 2,
      points: { show: false },
      value: (_u, v) => (v === null ? '—' : v.toPrecision(3)),
      ...opts,
    });
    const edge = (label: string, colour: string) => line(label, translucent(colour, 0.55), { width: 1 });
    return {
      width,
      height,
      legend: { show: false },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max * 1.05] } },
      axes: [
        { ...f, values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { ...f, label: () => this.#fan?.unit ?? '', size: 56 },
      ],
      series: [
        { label: t('charts:series.year'), value: (_u, v) => (v === null ? '—' : String(v)) },
        edge(t('charts:fan.demandedP95'), CHART_COLOURS.demanded),
        edge(t('charts:fan.demandedP5'), CHART_COLOURS.demanded),
        line(t('charts:fan.demandedP50'), CHART_COLOURS.demanded),
        line(t('charts:fan.demandedMean'), CHART_COLOURS.demanded, { dash: [6, 4], width: 1.5 }),
        edge(t('charts:fan.servedP95'), CHART_COLOURS.served),
        edge(t('charts:fan.servedP5'), CHART_COLOURS.served),
        line(t('charts:fan.servedP50'), CHART_COLOURS.served),
        line(t('charts:fan.servedMean'), CHART_COLOURS.served, { dash: [6, 4], width: 1.5 }),
      ],
      bands: [
        { series: [1, 2], fill: translucent(CHART_COLOURS.demanded, 0.16) },
        { series: [5, 6], fill: translucent(CHART_COLOURS.served, 0.22) },
      ],
    };
  }

  protected override note() {
    if (!this.#fan) return '';
    const swatch = (c: string) => html`<i style="background:${translucent(c, 0.45)};border:1px solid ${c}"></i>`;
    return html`<span class="key">${swatch(CHART_COLOURS.demanded)}${t('charts:fan.keyDemanded')}</span><span class="key">${swatch(CHART_COLOURS.served)}${t('charts:fan.keyServed')}</span>
      ${t('charts:fan.note')}`;
  }
}

customElements.define('hr-fan-chart', HrFanChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-fan-chart': HrFanChart;
  }
}
