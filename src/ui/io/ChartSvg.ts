// A chart as a real vector file, drawn from what uPlot holds after its last draw: the data
// columns, each scale's range (valToPos), each axis's ticks and labels (the splits and values
// uPlot computed), the series' colours, widths and dashes, and the bands. Why not a library
// that records canvas calls into SVG (canvas2svg, svgcanvas): uPlot draws through a 2D context
// it keeps in a closure and with Path2D objects, which those cannot intercept or read, so they
// would need uPlot patched. Written from the data, the SVG has one <path> per series.
import uPlot from 'uplot';
import { barSizeOf, pointsOnly } from '../charts/barPaths';
import type { KeyItem } from './caption';
import { type Attrs, num, tag, textTag } from './svgMarkup';

/** What uPlot keeps on an axis after drawing it (not in its typings). */
type DrawnAxis = Omit<uPlot.Axis, 'font' | 'labelFont'> & {
  _splits?: number[];
  _values?: (string | number | null)[];
  _rotate?: number;
  _pos?: number;
  _lpos?: number;
  _show?: boolean;
  font?: unknown;
  labelFont?: unknown;
};

/** A vertical dashed line at an x value (the histogram's mean). */
export interface XMarker {
  x: number;
  colour: string;
}

type Fn<T> = T | ((...args: never[]) => T);
/** uPlot turns colours and flags into functions of (u, index) once a plot is made. */
function resolve<T>(v: Fn<T> | undefined, u: uPlot, i: number): T | undefined {
  return typeof v === 'function' ? (v as (u: uPlot, i: number) => T)(u, i) : v;
}

/** A uPlot font triple [canvas font, canvas px, CSS px] as SVG attributes at CSS size. */
function fontAttrs(font: unknown): Attrs {
  const [spec, , cssPx] = Array.isArray(font) ? (font as [string, number, number]) : ['', 0, 11];
  const weight = /^(\d{3}|bold)\s/.exec(spec)?.[1];
  return { 'font-size': cssPx, 'font-weight': weight };
}

const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

export class ChartSvg {
  readonly #u: uPlot;
  /** The plotting area in CSS px. */
  readonly #left: number;
  readonly #top: number;
  readonly #width: number;
  readonly #height: number;

  constructor(u: uPlot) {
    this.#u = u;
    const r = uPlot.pxRatio || 1;
    this.#left = u.bbox.left / r;
    this.#top = u.bbox.top / r;
    this.#width = u.bbox.width / r;
    this.#height = u.bbox.height / r;
  }

  /** Every named series that has data, with its colour and how it is drawn (the default key). */
  static seriesKey(u: uPlot): KeyItem[] {
    const seen = new Set<string>();
    const out: KeyItem[] = [];
    u.series.forEach((s, i) => {
      const label = typeof s.label === 'string' ? s.label : '';
      const ys = u.data[i] as ArrayLike<number | null> | undefined;
      if (i === 0 || !label || s.show === false || seen.has(label) || !Array.from(ys ?? [], (v) => finite(v)).includes(true)) return;
      seen.add(label);
      const colour = resolve<string>(s.stroke as Fn<string>, u, i) ?? resolve<string>(s.fill as Fn<string>, u, i) ?? '#1a1a1a';
      const kind = barSizeOf(s.paths) ? 'fill' : s.paths === pointsOnly ? 'dot' : s.dash?.length ? 'dash' : 'line';
      out.push({ kind, colour, label });
    });
    return out;
  }

  #x(v: number, scale = 'x'): number {
    return this.#left + this.#u.valToPos(v, scale);
  }
  #y(v: number, scale: string): number {
    return this.#top + this.#u.valToPos(v, scale);
  }

  /** The plot (axes, grid, bands, series, markers) as SVG elements, in CSS px of the chart. */
  plot(markers: readonly XMarker[] = []): string {
    const clip = tag(
      'clipPath',
      { id: 'plot-area' },
      tag('rect', { x: this.#left, y: this.#top, width: this.#width, height: this.#height }),
    );
    const inside = [
      this.#bands(),
      ...this.#u.series.map((_, i) => (i === 0 ? '' : this.#series(i))),
      ...markers.map((m) => this.#marker(m)),
    ].join('');
    return `${tag('defs', {}, clip)}${this.#grid()}${tag('g', { 'clip-path': 'url(#plot-area)' }, inside)}${this.#axes()}`;
  }

  #scaleOf(i: number): string {
    return this.#u.series[i]?.scale ?? 'y';
  }

  /** The series' points as [x px, y px], with a gap (undefined) at every missing value. */
  #points(i: number): ([number, number] | undefined)[] {
    const xs = this.#u.data[0] as ArrayLike<number>;
    const ys = this.#u.data[i] as ArrayLike<number | null> | undefined;
    const scale = this.#scaleOf(i);
    return Array.from(xs, (x, k) => {
      const y = ys?.[k];
      return finite(x) && finite(y) ? [this.#x(x), this.#y(y, scale)] : undefined;
    });
  }

  static #line(points: readonly ([number, number] | undefined)[]): string {
    let d = '';
    let pen = false;
    for (const p of points) {
      if (!p) pen = false;
      else {
        d += `${pen ? 'L' : 'M'}${num(p[0])} ${num(p[1])}`;
        pen = true;
      }
    }
    return d;
  }

  /** A band: the upper series along, the lower one back (the area between them, filled). */
  #bands(): string {
    return ((this.#u as uPlot & { bands?: uPlot.Band[] }).bands ?? [])
      .map((b, k) => {
        const [hi, lo] = b.series;
        const fill = resolve<string>(b.fill as Fn<string>, this.#u, k);
        const top = this.#points(hi).filter((p) => p !== undefined);
        const bottom = this.#points(lo)
          .filter((p) => p !== undefined)
          .reverse();
        if (!fill || top.length < 2 || bottom.length < 2) return '';
        return tag('path', { d: `${ChartSvg.#line([...top, ...bottom])}Z`, fill, stroke: 'none', 'data-band': k });
      })
      .join('');
  }

  #series(i: number): string {
    const u = this.#u;
    const s = u.series[i] as uPlot.Series;
    if (s.show === false) return '';
    const stroke = resolve<string>(s.stroke as Fn<string>, u, i);
    const fill = resolve<string>(s.fill as Fn<string>, u, i);
    const width = s.width ?? 1;
    const bars = barSizeOf(s.paths);
    const points = this.#points(i);
    const scale = this.#scaleOf(i);
    const floor = resolve<number>(s.fillTo as Fn<number>, u, i) ?? 0;
    const base = this.#y(Math.max(floor, u.scales[scale]?.min ?? floor), scale);
    const label = s.label === undefined ? undefined : String(s.label);
    if (bars) {
      const xs = points.flatMap((p) => (p ? [p[0]] : []));
      let gap = Number.POSITIVE_INFINITY;
      for (let k = 1; k < xs.length; k++) gap = Math.min(gap, Math.abs((xs[k] as number) - (xs[k - 1] as number)));
      const w = Math.max(1, Math.min(bars.maxPx, (Number.isFinite(gap) ? gap : this.#width) * bars.factor - bars.gapPx));
      const rects = points
        .map((p) => (p ? tag('rect', { x: p[0] - w / 2, y: Math.min(p[1], base), width: w, height: Math.abs(base - p[1]) }) : ''))
        .join('');
      return tag('g', { 'data-series': label, fill: fill ?? stroke, stroke: stroke ?? 'none', 'stroke-width': width }, rects);
    }
    let out = '';
    const d = ChartSvg.#line(points);
    if (fill && d) {
      const run = points.filter((p) => p !== undefined);
      const first = run[0] as [number, number];
      const last = run[run.length - 1] as [number, number];
      out += tag('path', { d: `${d}L${num(last[0])} ${num(base)}L${num(first[0])} ${num(base)}Z`, fill, stroke: 'none' });
    }
    if (s.paths !== pointsOnly && d && stroke) {
      out += tag('path', {
        d,
        fill: 'none',
        stroke,
        'stroke-width': width,
        'stroke-dasharray': s.dash?.join(' '),
        'stroke-linejoin': 'round',
        'data-series': label,
      });
    }
    const pts = s.points;
    if (pts && resolve<boolean>(pts.show as Fn<boolean>, u, i) === true) {
      const r = Math.max(1, ((pts.size ?? 5) - (pts.width ?? 0)) / 2);
      const dots = points.map((p) => (p ? tag('circle', { cx: p[0], cy: p[1], r }) : '')).join('');
      const dotFill = resolve<string>(pts.fill as Fn<string>, u, i) ?? stroke;
      out += tag(
        'g',
        {
          'data-series': label,
          fill: dotFill,
          stroke: resolve<string>(pts.stroke as Fn<string>, u, i) ?? stroke,
          'stroke-width': pts.width ?? 1,
        },
        dots,
      );
    }
    return out;
  }

  #marker(m: XMarker): string {
    const x = this.#x(m.x);
    return tag('line', {
      x1: x,
      x2: x,
      y1: this.#top,
      y2: this.#top + this.#height,
      stroke: m.colour,
      'stroke-width': 1.5,
      'stroke-dasharray': '5 4',
    });
  }

  #grid(): string {
    return (this.#u.axes as DrawnAxis[])
      .map((a) => {
        if (a.show === false || a._show === false || a.grid?.show === false) return '';
        const ori = (a.side ?? 0) % 2;
        const scale = a.scale ?? (ori === 0 ? 'x' : 'y');
        const lines = (a._splits ?? []).map((v) => {
          const p = ori === 0 ? this.#x(v, scale) : this.#y(v, scale);
          return ori === 0
            ? tag('line', { x1: p, x2: p, y1: this.#top, y2: this.#top + this.#height })
            : tag('line', { x1: this.#left, x2: this.#left + this.#width, y1: p, y2: p });
        });
        return tag('g', { stroke: 'rgba(0,0,0,0.07)', 'stroke-width': 1 }, lines.join(''));
      })
      .join('');
  }

  #axes(): string {
    const u = this.#u;
    return (u.axes as DrawnAxis[])
      .map((a, i) => {
        if (a.show === false || a._show === false) return '';
        const side = a.side ?? (i === 0 ? 2 : 3);
        const ori = side % 2;
        const dir = side === 0 || side === 3 ? -1 : 1;
        const scale = a.scale ?? (ori === 0 ? 'x' : 'y');
        const tick = a.ticks?.show === false ? 0 : (a.ticks?.size ?? 10);
        const pos = a._pos ?? 0;
        const at = pos + dir * (tick + (a.gap ?? 5));
        const colour = resolve<string>(a.stroke as Fn<string>, u, i) ?? '#000';
        const angle = -(a._rotate ?? 0);
        const values = a._values ?? [];
        const texts = (a._splits ?? []).map((v, k) => {
          const text = values[k];
          if (text === null || text === undefined || text === '') return '';
          const p = ori === 0 ? this.#x(v, scale) : this.#y(v, scale);
          const [x, y] = ori === 0 ? [p, at] : [at, p];
          const anchor = angle ? 'start' : ori === 0 ? 'middle' : side === 3 ? 'end' : 'start';
          const baseline = angle || ori === 1 ? 'central' : side === 2 ? 'hanging' : 'auto';
          const transform = angle ? `translate(${num(x)} ${num(y)}) rotate(${num(angle)})` : undefined;
          return textTag(
            { x: angle ? 0 : x, y: angle ? 0 : y, transform, 'text-anchor': anchor, 'dominant-baseline': baseline },
            String(text),
          );
        });
        const ticks = (a._splits ?? []).map((v) => {
          const p = ori === 0 ? this.#x(v, scale) : this.#y(v, scale);
          return ori === 0
            ? tag('line', { x1: p, x2: p, y1: pos, y2: pos + dir * tick })
            : tag('line', { x1: pos, x2: pos + dir * tick, y1: p, y2: p });
        });
        const name = typeof a.label === 'function' ? a.label(u, i, 0, 0) : a.label;
        let title = '';
        if (name) {
          const lpos = (a._lpos ?? 0) + dir * (a.labelGap ?? 0);
          const mid = ori === 0 ? this.#left + this.#width / 2 : this.#top + this.#height / 2;
          const transform = ori === 0 ? undefined : `translate(${num(lpos)} ${num(mid)}) rotate(${side === 3 ? -90 : 90})`;
          title = textTag(
            {
              ...fontAttrs(a.labelFont),
              x: ori === 0 ? mid : 0,
              y: ori === 0 ? lpos : 0,
              transform,
              'text-anchor': 'middle',
              'dominant-baseline': side === 2 ? 'hanging' : 'auto',
            },
            String(name),
          );
        }
        return tag(
          'g',
          { 'data-axis': i, fill: colour },
          `${tag('g', { stroke: colour, 'stroke-width': 1 }, ticks.join(''))}${tag('g', fontAttrs(a.font), texts.join(''))}${title}`,
        );
      })
      .join('');
  }
}
