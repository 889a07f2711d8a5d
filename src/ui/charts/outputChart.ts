// Base of the two charts of the chosen headline output (histogram and exceedance): both read
// the same 64-bin histogram of parameter set 0.
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import { ChartElement, type TitleOptions } from './chartBase';
import { histogramData, type HistogramData } from './chartData';

export abstract class OutputChartElement extends ChartElement {
  static override properties = {
    ...ChartElement.properties,
    result: { attribute: false },
    output: { type: String },
    outputLabel: { type: String },
  };
  declare result: RunResult | undefined;
  /** Series key, e.g. 'energyServedMWh'. */
  declare output: string;
  /** The output in words, in the page's language; '' names it by its key's headline label. */
  declare outputLabel: string;
  protected histogram: HistogramData | undefined;

  constructor() {
    super();
    this.result = undefined;
    this.output = 'energyServedMWh';
    this.outputLabel = '';
  }

  /** Reads the histogram of the current output; called once per update, before render. */
  protected readHistogram(): HistogramData | undefined {
    this.histogram = this.result ? histogramData(this.result, this.output) : undefined;
    return this.histogram;
  }

  protected get chartTitle(): string {
    return this.titleIn({});
  }

  protected titleFor(what: string, options: TitleOptions): string {
    // A headline output has its label in app:series (English for the file name); else the one given.
    const named = t(`app:series.${this.output}` as 'app:series.energyServedMWh', { ...options, defaultValue: this.outputLabel });
    const label = options.lng || !this.outputLabel ? named : this.outputLabel;
    const h = this.histogram;
    return h
      ? t('charts:output.titleUnit', { ...options, label, unit: h.unit, what })
      : t('charts:output.title', { ...options, label, what });
  }
}
