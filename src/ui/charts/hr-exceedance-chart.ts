// Exceedance curve of the chosen output: P(X > x), read off the same histogram. "How likely is
// it that at least x is served?" is the question planners ask, and it reads straight off this.
import type uPlot from 'uplot';
import { t } from '../../i18n/i18n';
import { axisFont, CHART_COLOURS, type TitleOptions } from './chartBase';
import { OutputChartElement } from './outputChart';

export class HrExceedanceChart extends OutputChartElement {
  protected override titleIn(options: TitleOptions): string {
    return this.titleFor(t('charts:exceedance.what', options), options);
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
        { ...f, label: t('charts:exceedance.axis'), size: 48, values: (_u, vals) => vals.map((v) => `${Math.round(v * 100)}%`) },
      ],
      series: [{}, { label: t('charts:exceedance.axis'), stroke: CHART_COLOURS.served, width: 2, points: { show: false } }],
    };
  }

  protected override note(): string {
    return this.histogram ? t('charts:exceedance.note') : '';
  }
}

customElements.define('hr-exceedance-chart', HrExceedanceChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-exceedance-chart': HrExceedanceChart;
  }
}
