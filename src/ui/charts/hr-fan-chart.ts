// Energy demanded vs served by year: for each, the P5–P95 band, the median and the mean (dashed).
// The gap between the two fans is the energy that does not reach the datacenters.
import { html } from 'lit';
import type uPlot from 'uplot';
import type { RunResult } from '../../engine/types';
import { axisFont, CHART_COLOURS, ChartElement } from './chartBase';
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
    return `Energy demanded vs served by year${this.#fan ? ` (${this.#fan.unit})` : ''}`;
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
        { label: 'Year', value: (_u, v) => (v === null ? '—' : String(v)) },
        edge('Demanded P95', CHART_COLOURS.demanded),
        edge('Demanded P5', CHART_COLOURS.demanded),
        line('Demanded P50', CHART_COLOURS.demanded),
        line('Demanded mean', CHART_COLOURS.demanded, { dash: [6, 4], width: 1.5 }),
        edge('Served P95', CHART_COLOURS.served),
        edge('Served P5', CHART_COLOURS.served),
        line('Served P50', CHART_COLOURS.served),
        line('Served mean', CHART_COLOURS.served, { dash: [6, 4], width: 1.5 }),
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
    return html`<span class="key">${swatch(CHART_COLOURS.demanded)}demanded</span><span class="key">${swatch(CHART_COLOURS.served)}served</span>
      Band: P5–P95 over the draws; solid: median; dashed: mean.`;
  }
}

customElements.define('hr-fan-chart', HrFanChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-fan-chart': HrFanChart;
  }
}
