// Base of the two charts of the chosen headline output (histogram and exceedance): both read
// the same 64-bin histogram of parameter set 0.
import type { RunResult } from '../../engine/types';
import { ChartElement } from './chartBase';
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
  declare outputLabel: string;
  protected histogram: HistogramData | undefined;

  constructor() {
    super();
    this.result = undefined;
    this.output = 'energyServedMWh';
    this.outputLabel = 'Energy served';
  }

  /** Reads the histogram of the current output; called once per update, before render. */
  protected readHistogram(): HistogramData | undefined {
    this.histogram = this.result ? histogramData(this.result, this.output) : undefined;
    return this.histogram;
  }

  protected titleFor(what: string): string {
    return `${this.outputLabel}${this.histogram ? ` (${this.histogram.unit})` : ''}: ${what}`;
  }
}
