// Scenario discovery, one picture: every parameter set as a point, a knob across, an output up,
// coloured by another output. uPlot draws the axes and handles the drag (its `select` is the
// brush: a rectangle, reported in data units); the points themselves are drawn in a draw hook
// straight from the typed arrays, batched by colour, since uPlot's own series assume sorted x.
// A click without a drag picks the nearest set (for the raw-sample export).
import { html, type PropertyValues } from 'lit';
import type uPlot from 'uplot';
import { t } from '../../i18n/i18n';
import { axisFont, ChartElement } from '../charts/chartBase';
import { LocaleController } from '../i18n/LocaleController';
import { extent, PALETTE, PALETTE_SIZE, RAMP_CSS } from './colourRamp';

export type ScatterBrushEvent = CustomEvent<{ x0: number; x1: number; y0: number; y1: number }>;
export type ScatterPickEvent = CustomEvent<{ index: number }>;

const pad = ([lo, hi]: [number, number]): [number, number] => {
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - span * 0.04, hi + span * 0.04];
};

export class HrScatter extends ChartElement {
  static override properties = {
    ...ChartElement.properties,
    xs: { attribute: false },
    ys: { attribute: false },
    colours: { attribute: false },
    mask: { attribute: false },
    picked: { attribute: false },
    pointX: { attribute: false },
    xRange: { attribute: false },
    xLabel: { type: String },
    yLabel: { type: String },
    colourLabel: { type: String },
    colourRange: { attribute: false },
    xFormat: { attribute: false },
    yFormat: { attribute: false },
    brushed: { type: Boolean },
  };
  declare xs: Float64Array | undefined;
  declare ys: Float64Array | undefined;
  /** Palette index per point (-1: no colour value). */
  declare colours: Int16Array | undefined;
  /** Selected sets (1) when a brush is active. */
  declare mask: Uint8Array | undefined;
  declare picked: number | undefined;
  /** The live view's value of the x knob, drawn as a dashed line. */
  declare pointX: number | undefined;
  declare xRange: [number, number] | undefined;
  declare xLabel: string;
  declare yLabel: string;
  declare colourLabel: string;
  declare colourRange: [string, string] | undefined;
  declare xFormat: (v: number) => string;
  declare yFormat: (v: number) => string;
  /** Whether the current brush is this chart's rectangle (else its select box is hidden). */
  declare brushed: boolean;
  #xRange: [number, number] = [0, 1];
  #yRange: [number, number] = [0, 1];
  #plot: uPlot | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.xs = undefined;
    this.ys = undefined;
    this.colours = undefined;
    this.mask = undefined;
    this.picked = undefined;
    this.pointX = undefined;
    this.xRange = undefined;
    this.xLabel = '';
    this.yLabel = '';
    this.colourLabel = '';
    this.colourRange = undefined;
    this.xFormat = (v) => String(v);
    this.yFormat = (v) => String(v);
    this.brushed = false;
  }

  protected get chartTitle(): string {
    return t('ensemble:scatter.title', { y: this.yLabel, x: this.xLabel });
  }

  protected override get chartHeight(): number {
    return this.present ? 380 : 300;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const xs = this.xs;
    const ys = this.ys;
    if (!xs || !ys || xs.length === 0) return undefined;
    let n = 0;
    for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) n++;
    this.dataset.points = String(n);
    this.#yRange = pad(extent(ys));
    this.#xRange = pad(this.xRange ?? extent(xs));
    // uPlot only spans the scales; the points are drawn by #draw from xs and ys.
    return [Float64Array.from(this.#xRange), [null, null]];
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#plot && !this.brushed && this.#plot.select.width > 0) this.#plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const f = axisFont(this.present);
    return {
      width,
      height,
      legend: { show: false },
      cursor: { x: false, y: false, points: { show: false }, drag: { x: true, y: true, setScale: false, dist: 4 } },
      select: { show: true, left: 0, top: 0, width: 0, height: 0 },
      scales: { x: { time: false, range: () => this.#xRange }, y: { range: () => this.#yRange } },
      axes: [
        // Labels read when drawn: a new axis or language shows without rebuilding the plot.
        { ...f, label: () => this.xLabel, values: (_u, v) => v.map((x) => this.xFormat(x)) },
        { ...f, label: () => this.yLabel, size: this.present ? 70 : 56, values: (_u, v) => v.map((y) => this.yFormat(y)) },
      ],
      series: [{}, { paths: () => null, points: { show: false } }],
      hooks: {
        ready: [
          (u) => {
            this.#plot = u;
            u.over.addEventListener('click', (e) => this.#pick(u, e));
          },
        ],
        draw: [(u) => this.#draw(u)],
        setSelect: [(u) => this.#select(u)],
      },
    };
  }

  #select(u: uPlot): void {
    const { left, top, width, height } = u.select;
    if (width < 2 && height < 2) return;
    const detail = {
      x0: u.posToVal(left, 'x'),
      x1: u.posToVal(left + width, 'x'),
      y0: u.posToVal(top + height, 'y'),
      y1: u.posToVal(top, 'y'),
    };
    this.dispatchEvent(new CustomEvent('hr-scatter-brush', { detail, bubbles: true, composed: true }));
  }

  #pick(u: uPlot, e: MouseEvent): void {
    const xs = this.xs;
    const ys = this.ys;
    if (!xs || !ys) return;
    const rect = u.over.getBoundingClientRect();
    const cx = e.clientX - rect.left;
    const cy = e.clientY - rect.top;
    let best = -1;
    let bestD = 12 * 12;
    for (let i = 0; i < xs.length; i++) {
      const dx = u.valToPos(xs[i] as number, 'x') - cx;
      const dy = u.valToPos(ys[i] as number, 'y') - cy;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best >= 0) this.dispatchEvent(new CustomEvent('hr-scatter-pick', { detail: { index: best }, bubbles: true, composed: true }));
  }

  #draw(u: uPlot): void {
    const xs = this.xs;
    const ys = this.ys;
    if (!xs || !ys) return;
    const ctx = u.ctx;
    const ratio = u.ctx.canvas.width / Math.max(1, u.width);
    const { left, top, width, height } = u.bbox;
    const r = (this.present ? 3.5 : 2.5) * ratio;
    const mask = this.mask;
    const colours = this.colours;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    // Unselected sets first, faint, so the chosen ones read on top.
    const batches: number[][] = Array.from({ length: PALETTE_SIZE + 1 }, () => []);
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
      const c = mask && !mask[i] ? PALETTE_SIZE : (colours?.[i] ?? -1);
      (batches[c < 0 ? PALETTE_SIZE : c] as number[]).push(i);
    }
    batches.forEach((idx, c) => {
      if (idx.length === 0) return;
      ctx.fillStyle = c === PALETTE_SIZE ? 'rgba(120, 130, 140, 0.35)' : (PALETTE[c] as string);
      ctx.beginPath();
      for (const i of idx) {
        const x = u.valToPos(xs[i] as number, 'x', true);
        const y = u.valToPos(ys[i] as number, 'y', true);
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    });
    if (this.pointX !== undefined && Number.isFinite(this.pointX)) {
      const x = u.valToPos(this.pointX, 'x', true);
      ctx.strokeStyle = '#1a1a1a';
      ctx.lineWidth = ratio;
      ctx.setLineDash([4 * ratio, 3 * ratio]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    const p = this.picked;
    if (p !== undefined && Number.isFinite(xs[p]) && Number.isFinite(ys[p])) {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2 * ratio;
      ctx.beginPath();
      ctx.arc(u.valToPos(xs[p] as number, 'x', true), u.valToPos(ys[p] as number, 'y', true), r * 2.4, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.restore();
  }

  protected override note() {
    const [lo, hi] = this.colourRange ?? ['', ''];
    return html`<span class="key">${t('ensemble:scatter.colour')} ${this.colourLabel} ${lo}<i style="width:5rem;background:${RAMP_CSS}"></i>${hi}</span>
      ${t('ensemble:scatter.help')}`;
  }
}

customElements.define('hr-scatter', HrScatter);
declare global {
  interface HTMLElementTagNameMap {
    'hr-scatter': HrScatter;
  }
}
