// Distribution of the chosen headline output over the draws, from the engine's 64-bin histogram
// (draws outside the pilot's range are counted and reported, not drawn). The mean is marked.
import { html } from 'lit';
import type uPlot from 'uplot';
import { t } from '../../i18n/i18n';
import { formatNumber, formatPercent } from '../format';
import { barPaths } from './barPaths';
import { axisFont, CHART_COLOURS, type TitleOptions } from './chartBase';
import { OutputChartElement } from './outputChart';

export class HrHistogramChart extends OutputChartElement {
  protected override titleIn(options: TitleOptions): string {
    return this.titleFor(t('charts:histogram.what', options), options);
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const h = this.readHistogram();
    return h ? [h.centres, h.share] : undefined;
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const f = axisFont(this.present);
    return {
      width,
      height,
      legend: { show: false },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, 1e-3)] } },
      axes: [
        { ...f, label: () => this.histogram?.unit ?? '' },
        { ...f, label: t('charts:histogram.axis'), size: 52, values: (_u, vals) => vals.map((v) => `${Math.round(v * 1000) / 10}%`) },
      ],
      series: [
        {},
        {
          label: t('charts:histogram.axis'),
          fill: 'rgba(31, 95, 191, 0.35)',
          stroke: CHART_COLOURS.served,
          width: 1,
          paths: barPaths(1, Infinity, 1),
          points: { show: false },
        },
      ],
      hooks: { draw: [(u) => this.#drawMean(u)] },
    };
  }

  #drawMean(u: uPlot): void {
    const h = this.histogram;
    if (!h) return;
    const x = Math.round(u.valToPos(h.mean, 'x', true));
    const { top, height } = u.bbox;
    u.ctx.save();
    u.ctx.strokeStyle = '#111';
    u.ctx.setLineDash([5, 4]);
    u.ctx.lineWidth = 1.5 * (u.ctx.canvas.width / Math.max(1, u.width));
    u.ctx.beginPath();
    u.ctx.moveTo(x, top);
    u.ctx.lineTo(x, top + height);
    u.ctx.stroke();
    u.ctx.restore();
  }

  protected override note() {
    const h = this.histogram;
    if (!h) return '';
    const values = { mean: formatNumber(h.mean), se: formatNumber(h.se), unit: h.unit };
    return html`${h.outside > 0 ? t('charts:histogram.noteOutside', { ...values, outside: formatPercent(h.outside) }) : t('charts:histogram.note', values)}`;
  }
}

customElements.define('hr-histogram-chart', HrHistogramChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-histogram-chart': HrHistogramChart;
  }
}
