// The caption band under an exported map or chart, as SVG: the same markup goes into the chart's
// SVG file and, rasterised, into the PNGs, so the two never disagree. Every line is wrapped to
// the band's width (textWrap.ts) and the band grows to hold them.
import type { Caption, KeyItem } from './caption';
import { tag, textTag } from './svgMarkup';
import { type Measure, wrapText } from './textWrap';

/** The page's faces, Japanese ones included (index.html), so a ja caption renders in CJK. */
export const EXPORT_FONT_FAMILY =
  "system-ui, 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic UI', 'Yu Gothic', Meiryo, 'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'IPAGothic', sans-serif";

/** A text style: size (CSS px), weight and colour. `font` is its CSS shorthand, for measuring. */
export interface TextStyle {
  size: number;
  weight: number;
  fill: string;
}
export const fontOf = (s: TextStyle): string => `${s.weight} ${s.size}px ${EXPORT_FONT_FAMILY}`;

const TITLE: TextStyle = { size: 15, weight: 600, fill: '#1a1a1a' };
const BODY: TextStyle = { size: 12, weight: 400, fill: '#1a1a1a' };
const SMALL: TextStyle = { size: 11, weight: 400, fill: '#444444' };
const PAD = 10;
const SWATCH = 14;

/** Measures text in a style: the page passes a canvas's measureText, tests a fixed advance. */
export type MeasureIn = (style: TextStyle) => Measure;

const lineHeight = (s: TextStyle): number => Math.round(s.size * 1.35);

export class CaptionBand {
  body = '';
  y = PAD;
  constructor(
    readonly width: number,
    readonly measure: MeasureIn,
  ) {}

  /**
   * The caption as SVG elements from y = 0 down (in a group carrying the font), and the height it
   * takes (CSS px) at the band's width.
   */
  draw(caption: Caption): { height: number; body: string } {
    this.body = tag('line', { x1: 0, x2: this.width, y1: 0.5, y2: 0.5, stroke: '#d5dbe2' });
    this.y = PAD;
    this.text(caption.title, TITLE);
    this.text(caption.subtitle, BODY);
    this.y += 4;
    this.#key(caption.key);
    if (caption.knobs.length) {
      this.y += 2;
      this.text(caption.knobsHeading, { ...BODY, weight: 600 });
      for (const line of caption.knobs) this.text(line, BODY, PAD + 8, this.width - 2 * PAD - 8);
    }
    this.y += 4;
    this.text(caption.sources, SMALL);
    return { height: Math.ceil(this.y + PAD), body: tag('g', { 'font-family': EXPORT_FONT_FAMILY }, this.body) };
  }

  text(text: string, style: TextStyle, x = PAD, max = this.width - 2 * PAD): void {
    for (const line of wrapText(text, max, this.measure(style))) {
      this.y += lineHeight(style);
      this.body += textTag(
        { x, y: this.y - Math.round(style.size * 0.3), 'font-size': style.size, 'font-weight': style.weight, fill: style.fill },
        line,
      );
    }
  }

  #swatch(item: KeyItem, x: number, top: number): string {
    const mid = top + lineHeight(BODY) / 2;
    switch (item.kind) {
      case 'fill':
        return tag('rect', { x, y: mid - 5, width: SWATCH, height: 10, rx: 2, fill: item.colour });
      case 'line':
      case 'dash':
        return tag('line', {
          x1: x,
          x2: x + SWATCH,
          y1: mid,
          y2: mid,
          stroke: item.colour,
          'stroke-width': 2,
          'stroke-dasharray': item.kind === 'dash' ? '4 2' : undefined,
        });
      case 'dot':
        return tag('circle', { cx: x + SWATCH / 2, cy: mid, r: 4, fill: '#ffffff', stroke: item.colour, 'stroke-width': 2 });
      default:
        return '';
    }
  }

  /** Key entries side by side, wrapping to new rows; a ramp or height bar takes its own row. */
  #key(items: readonly KeyItem[]): void {
    const m = this.measure(BODY);
    let x = PAD;
    let top = this.y;
    let rowHeight = 0;
    const newRow = () => {
      this.y = top + rowHeight;
      top = this.y;
      x = PAD;
      rowHeight = 0;
    };
    for (const item of items) {
      if (item.kind === 'ramp' || item.kind === 'bar') {
        if (rowHeight) newRow();
        this.#wide(item);
        top = this.y;
        continue;
      }
      const indent = item.kind === 'text' ? 0 : SWATCH + 5;
      const w = indent + m(item.label);
      if (rowHeight && x + w > this.width - PAD) newRow();
      if (indent) this.body += this.#swatch(item, x, top);
      const startY = this.y;
      this.y = top;
      this.text(item.label, BODY, x + indent, this.width - PAD - x - indent);
      rowHeight = Math.max(rowHeight, this.y - top);
      this.y = startY;
      x += w + 14;
    }
    if (rowHeight) newRow();
  }

  /** The map's risk ramp (0 % … 100 %) or its column-height bar, with the words beside it. */
  #wide(item: Extract<KeyItem, { kind: 'ramp' | 'bar' }>): void {
    const top = this.y + 3;
    let used: number;
    if (item.kind === 'ramp') {
      const w = 150;
      const stops = item.stops.map((c, i) => tag('stop', { offset: i / Math.max(1, item.stops.length - 1), 'stop-color': c })).join('');
      this.body += tag('defs', {}, tag('linearGradient', { id: 'risk-ramp' }, stops));
      this.body += tag('rect', { x: PAD, y: top, width: w, height: 10, fill: 'url(#risk-ramp)', stroke: '#8a96a3' });
      this.body += textTag({ x: PAD, y: top + 22, 'font-size': SMALL.size, fill: SMALL.fill }, '0%');
      this.body += textTag({ x: PAD + w, y: top + 22, 'font-size': SMALL.size, fill: SMALL.fill, 'text-anchor': 'end' }, '100%');
      used = 26;
    } else {
      const h = Math.max(2, item.px);
      this.body += tag('rect', { x: PAD, y: top, width: 9, height: h, fill: item.colour });
      used = h + 2;
    }
    const indent = item.kind === 'ramp' ? 160 : 16;
    const startY = this.y;
    this.text(item.label, BODY, PAD + indent, this.width - 2 * PAD - indent);
    this.y = Math.max(this.y, startY + used) + 4;
  }
}
