// One uPlot instance for the life of a chart component. uPlot draws straight from typed arrays
// onto a canvas, so a new run is a setData() on the same instance — no DOM rebuilt, no flicker —
// and the exports read its data, scales and ticks (io/ChartSvg.ts). The chart follows its container's width,
// and, given 'fit' for a height, its container's height too (presentation mode sizes the box, not the plot).
import uPlot from 'uplot';

/** A fixed plot height in CSS px, or 'fit': the host's own height (the host must not size itself from its content). */
export type PlotHeight = number | 'fit';
/** Below this a fitted plot stops shrinking (axes and a few ticks still fit). */
const MIN_FIT_HEIGHT = 120;

export class UPlotChart {
  #plot: uPlot | undefined;
  #resize: ResizeObserver | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: (width: number, height: number) => uPlot.Options,
    private readonly height: PlotHeight = 220,
  ) {}

  #size(): { width: number; height: number } {
    const width = Math.max(200, this.host.clientWidth);
    const height = this.height === 'fit' ? Math.max(MIN_FIT_HEIGHT, Math.floor(this.host.clientHeight)) : this.height;
    return { width, height };
  }

  /** Draws `data`, creating the plot the first time only. */
  setData(data: uPlot.AlignedData): void {
    if (this.#plot) {
      this.#plot.setData(data);
      return;
    }
    const { width, height } = this.#size();
    this.#plot = new uPlot(this.options(width, height), data, this.host);
    this.#resize = new ResizeObserver(() => {
      const size = this.#size();
      const plot = this.#plot;
      if (plot && (Math.abs(plot.width - size.width) > 1 || Math.abs(plot.height - size.height) > 1)) plot.setSize(size);
    });
    this.#resize.observe(this.host);
  }

  /** Redraws without new data (e.g. after a label the axes read from changed). */
  redraw(): void {
    this.#plot?.redraw(false, true);
  }

  get plot(): uPlot | undefined {
    return this.#plot;
  }

  dispose(): void {
    this.#resize?.disconnect();
    this.#plot?.destroy();
    this.#plot = undefined;
  }
}
