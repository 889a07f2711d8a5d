// One uPlot instance for the life of a chart component. uPlot draws straight from typed arrays
// onto a canvas, so a new run is a setData() on the same instance — no DOM rebuilt, no flicker —
// and a chart's PNG is its own canvas. The chart follows its container's width.
import uPlot from 'uplot';

export class UPlotChart {
  #plot: uPlot | undefined;
  #resize: ResizeObserver | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: (width: number, height: number) => uPlot.Options,
    private readonly height = 220,
  ) {}

  /** Draws `data`, creating the plot the first time only. */
  setData(data: uPlot.AlignedData): void {
    if (this.#plot) {
      this.#plot.setData(data);
      return;
    }
    const width = Math.max(200, this.host.clientWidth);
    this.#plot = new uPlot(this.options(width, this.height), data, this.host);
    this.#resize = new ResizeObserver(() => {
      const w = Math.max(200, this.host.clientWidth);
      if (this.#plot && Math.abs(this.#plot.width - w) > 1) this.#plot.setSize({ width: w, height: this.height });
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

  /**
   * PNG of the chart with its title on a white background (the plot canvas itself is
   * transparent and its title and legend are HTML, not pixels).
   */
  toPng(title: string): Promise<Blob> {
    const plot = this.#plot;
    if (!plot) return Promise.reject(new Error('the chart has no data yet'));
    const src = plot.ctx.canvas;
    const ratio = src.width / Math.max(1, plot.width);
    const titleHeight = Math.round(28 * ratio);
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height + titleHeight;
    const ctx = out.getContext('2d');
    if (!ctx) return Promise.reject(new Error('no 2D canvas to draw the PNG on'));
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = '#1a1a1a';
    ctx.font = `600 ${Math.round(14 * ratio)}px system-ui, sans-serif`;
    ctx.fillText(title, Math.round(8 * ratio), Math.round(19 * ratio));
    ctx.drawImage(src, 0, titleHeight);
    return new Promise((resolve, reject) =>
      out.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be encoded as PNG'))), 'image/png'),
    );
  }

  dispose(): void {
    this.#resize?.disconnect();
    this.#plot?.destroy();
    this.#plot = undefined;
  }
}
