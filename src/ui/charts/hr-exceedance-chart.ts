// Exceedance curve of the chosen output: P(X > x), read off the same histogram. "How likely is
// it that at least x is served?" is the question planners ask, and it reads straight off this.
import type uPlot from 'uplot';
import { axisFont, CHART_COLOURS } from './chartBase';
import { OutputChartElement } from './outputChart';

export class HrExceedanceChart extends OutputChartElement {
  protected get chartTitle(): string {
    return this.titleFor('chance of exceeding');
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const h = this.readHistogram();
    return h ? [h.edges, h.exceed] : undefined;
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const f = axisFont(this.present);
    return {
      width,
      height,
      legend: { show: false },
      scales: { x: { time: false }, y: { range: [0, 1] } },
      axes: [
        { ...f, label: () => this.histogram?.unit ?? '' },
        { ...f, label: 'P(value > x)', size: 48, values: (_u, vals) => vals.map((v) => `${Math.round(v * 100)}%`) },
      ],
      series: [{}, { label: 'P(value > x)', stroke: CHART_COLOURS.served, width: 2, points: { show: false } }],
    };
  }

  protected override note(): string {
    return this.histogram ? 'Read across from a probability to the value exceeded with that chance (P50 at 50%).' : '';
  }
}

customElements.define('hr-exceedance-chart', HrExceedanceChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-exceedance-chart': HrExceedanceChart;
  }
}
