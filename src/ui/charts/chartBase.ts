// What every chart shares: a figure with a title, PNG and SVG buttons and a uPlot host, the uPlot
// stylesheet adopted into the shadow root, and fonts that grow in presentation mode. The buttons
// ask the page (hr-chart-export) for the view's caption context; the chart draws the file.
import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import type uPlot from 'uplot';
import { type Language, language, t } from '../../i18n/i18n';
import { LocaleController } from '../i18n/LocaleController';
import { buildCaption, type CaptionContext, type KeyItem } from '../io/caption';
import { ChartSvg, type XMarker } from '../io/ChartSvg';
import { chartSvgDocument, svgToPng } from '../io/exportImage';
import { type PlotHeight, UPlotChart } from './UPlotChart';

export type ChartExportFormat = 'png' | 'svg';
/** Asks the page to export `chart` as `format` (the page knows the scenario, knobs, year and link). */
export type ChartExportEvent = CustomEvent<{ format: ChartExportFormat; chart: ChartElement }>;

export const CHART_COLOURS = {
  demanded: '#c75b12',
  served: '#1f5fbf',
  curtail: '#d7191c',
  stress: '#1a1a1a',
  planned: '#555',
  miss: '#d7191c',
} as const;

/** Category labels on a rotated axis are cut to this many characters, with an ellipsis. */
const MAX_LABEL = 16;
export const shortLabel = (name: string): string => (name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name);

export function axisFont(large: boolean): { font: string; labelFont: string } {
  return large
    ? { font: '16px system-ui, sans-serif', labelFont: '600 16px system-ui, sans-serif' }
    : { font: '11px system-ui, sans-serif', labelFont: '600 12px system-ui, sans-serif' };
}

/** Options a chart passes to its title's t() calls: `lng` names a language other than the page's. */
export type TitleOptions = { lng?: Language };

export abstract class ChartElement extends LitElement {
  static override properties = { present: { type: Boolean }, fit: { type: Boolean, reflect: true } };
  declare present: boolean;
  /** Fill the host's height (presentation's one screen gives the chart a box): the plot takes what the title and key leave. */
  declare fit: boolean;
  #chart: UPlotChart | undefined;
  /** The language the plot's axes and series were labelled in. */
  #chartLanguage: Language | undefined;
  #data: uPlot.AlignedData | undefined;

  constructor() {
    super();
    this.present = false;
    this.fit = false;
    new LocaleController(this);
  }

  static override styles = [
    unsafeCSS(uPlotCss),
    css`
      :host { display: block; min-width: 0; }
      figure { margin: 0; background: #fff; border: 1px solid #d5dbe2; border-radius: 6px; padding: 0.5rem 0.6rem; }
      figcaption { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.4rem 0.75rem; margin-bottom: 0.25rem; }
      h3 { font-size: 0.92rem; margin: 0; flex: 1 1 12rem; }
      .note { font-size: 0.78rem; color: #444; margin: 0.2rem 0 0; }
      button, select { font: inherit; font-size: 0.8rem; padding: 0.15rem 0.4rem; }
      .empty { color: #555; font-size: 0.85rem; padding: 2rem 0; text-align: center; }
      :host([present]) h3 { font-size: 1.3rem; }
      :host([present]) .note, :host([present]) .u-legend { font-size: 1rem; }
      .u-legend { font-size: 0.78rem; }
      .key { display: inline-flex; align-items: center; gap: 0.25rem; margin-right: 0.7rem; white-space: nowrap; }
      .key i { display: inline-block; width: 0.9rem; height: 0.6rem; border-radius: 2px; }
      .key i.dot { width: 0.55rem; height: 0.55rem; border-radius: 50%; border: 2px solid #1a1a1a; background: #fff; }
      /* Fitted: a column (title, plot, key) as tall as the host, the plot flexing; its height is measured
         by UPlotChart, so the box must not grow with the canvas (flex-basis 0, overflow hidden). */
      :host([fit]) { height: 100%; }
      :host([fit]) figure { height: 100%; box-sizing: border-box; display: flex; flex-direction: column; }
      :host([fit]) .plot { flex: 1 1 0; min-height: 0; overflow: hidden; }
      :host([fit]) .note { flex: none; font-size: 0.8rem; line-height: 1.3; }
      :host([fit]) .keys { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.1rem 0.5rem; margin-bottom: 0.2rem; }
      :host([fit]) .keys .key { margin: 0; white-space: normal; }
      :host([fit]) .keys + br { display: none; }
    `,
  ];

  /** Title shown above the chart and written into its PNG, in the page's language. */
  protected abstract get chartTitle(): string;
  /** The title in `options.lng` (English for the PNG's file name); a chart that can name that language overrides it. */
  protected titleIn(_options: TitleOptions): string {
    return this.chartTitle;
  }
  protected abstract makeOptions(width: number, height: number): uPlot.Options;
  /** undefined: nothing to draw yet. */
  protected abstract chartData(): uPlot.AlignedData | undefined;
  protected controls(): TemplateResult | typeof nothing {
    return nothing;
  }
  protected note(): TemplateResult | string | typeof nothing {
    return nothing;
  }
  /** The key written into an export: by default every named series with its colour. */
  protected keyItems(plot: uPlot): KeyItem[] {
    return ChartSvg.seriesKey(plot);
  }
  /** Lines drawn by a hook rather than a series (the histogram's mean), for the SVG. */
  protected markers(): XMarker[] {
    return [];
  }
  /** The chart's part of an export's file name (English, ASCII). */
  get exportId(): string {
    return this.localName.replace(/^hr-/, '');
  }
  protected get chartHeight(): number {
    return this.present ? 300 : 220;
  }
  get #plotHeight(): PlotHeight {
    return this.fit ? 'fit' : this.chartHeight;
  }

  override willUpdate(): void {
    this.#data = this.chartData();
  }

  override updated(changed: PropertyValues<this>): void {
    if ((changed.has('present') || changed.has('fit') || this.#chartLanguage !== language()) && this.#chart) {
      // Canvas fonts and uPlot's axis and series labels are fixed when a plot is made: a mode
      // switch (or fitting to a box) or a change of language are the times a chart is rebuilt.
      this.#chart.dispose();
      this.#chart = undefined;
    }
    const data = this.#data;
    const host = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!data || !host) return;
    if (!this.#chart) {
      this.#chart = new UPlotChart(host, (w, h) => this.makeOptions(w, h), this.#plotHeight);
      this.#chartLanguage = language();
    }
    this.#chart.setData(data);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chart?.dispose();
    this.#chart = undefined;
  }

  /** The chart as drawn now, with its caption, as an SVG file or a PNG at 2× (the same drawing). */
  async exportImage(format: ChartExportFormat, context: CaptionContext): Promise<Blob> {
    const plot = this.#chart?.plot;
    if (!plot) throw new Error(`${this.chartTitle}: no data yet`);
    const doc = chartSvgDocument(plot, buildCaption(this.chartTitle, this.keyItems(plot), context), this.markers());
    return format === 'svg' ? new Blob([doc.svg], { type: 'image/svg+xml' }) : svgToPng(doc);
  }

  #export(format: ChartExportFormat): void {
    this.dispatchEvent(new CustomEvent('hr-chart-export', { detail: { format, chart: this }, bubbles: true, composed: true }));
  }

  override render() {
    const hasData = this.#data !== undefined;
    return html`<figure>
      <figcaption>
        <h3>${this.chartTitle}</h3>
        ${this.controls()}
        <button type="button" aria-label=${t('charts:savePng', { title: this.chartTitle })} ?disabled=${!hasData} @click=${() => this.#export('png')}>PNG</button>
        <button type="button" aria-label=${t('charts:saveSvg', { title: this.chartTitle })} ?disabled=${!hasData} @click=${() => this.#export('svg')}>SVG</button>
      </figcaption>
      <div class="plot"></div>
      ${hasData ? nothing : html`<p class="empty">${t('charts:waiting')}</p>`}
      <p class="note">${this.note()}</p>
    </figure>`;
  }
}
