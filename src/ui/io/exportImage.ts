// Putting exported images together: a chart as one SVG document (plot over caption), the PNGs
// as that SVG rasterised at 2× (so PNG and SVG are the same drawing), and the map's WebGL
// snapshot with the caption band rasterised under it; each PNG also carries the caption as text
// (pngText.ts). The page's CSP allows blob: images.
import type uPlot from 'uplot';
import type { Caption } from './caption';
import { CaptionBand, fontOf, type MeasureIn } from './CaptionBand';
import { ChartSvg, type XMarker } from './ChartSvg';
import { addPngText, captionPngText } from './pngText';
import { tag, xml } from './svgMarkup';

/** Exported PNGs have this many pixels per CSS pixel of the element on screen. */
export const EXPORT_SCALE = 2;

export interface SvgDocument {
  svg: string;
  caption: Caption;
  /** CSS px. */
  width: number;
  height: number;
}

let measureContext: CanvasRenderingContext2D | null | undefined;
/** Text widths from a canvas in the page: the fonts the SVG will be drawn in. */
export const canvasMeasure: MeasureIn = (style) => {
  measureContext ??= document.createElement('canvas').getContext('2d');
  const ctx = measureContext;
  const font = fontOf(style);
  // Without a 2D context (never in a browser), an advance of 0.6 em per character.
  return (text) => {
    if (!ctx) return text.length * style.size * 0.6;
    ctx.font = font;
    return ctx.measureText(text).width;
  };
};

/** An SVG document of `width` × `height` CSS px on white, around `body` (markup). */
export function svgDocument(width: number, height: number, body: string, title: string): string {
  const bg = tag('rect', { x: 0, y: 0, width, height, fill: '#ffffff' });
  const root = tag(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` },
    `${tag('title', {}, xml(title))}${bg}${body}`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

/** The chart as drawn now, with its caption band under it. */
export function chartSvgDocument(
  u: uPlot,
  caption: Caption,
  markers: readonly XMarker[] = [],
  measure: MeasureIn = canvasMeasure,
): SvgDocument {
  const width = u.width;
  const band = new CaptionBand(width, measure).draw(caption);
  const height = u.height + band.height;
  const body = `${tag('g', { 'font-family': 'system-ui, sans-serif' }, new ChartSvg(u).plot(markers))}${tag('g', { transform: `translate(0 ${u.height})` }, band.body)}`;
  return { svg: svgDocument(width, height, body, caption.title), caption, width, height };
}

function loadSvg(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const img = new Image();
  return new Promise<HTMLImageElement>((resolve, reject) => {
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the export could not be drawn'));
    img.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/** The canvas as a PNG file with the caption's words in its text chunks. */
async function toBlob(canvas: HTMLCanvasElement, caption: Caption): Promise<Blob> {
  const png = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image could not be encoded as PNG'))), 'image/png'),
  );
  const bytes = addPngText(new Uint8Array(await png.arrayBuffer()), captionPngText(caption));
  return new Blob([bytes], { type: 'image/png' });
}

function canvas2d(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to draw the PNG on');
  return [out, ctx];
}

/** An SVG document as a PNG at EXPORT_SCALE (drawn from the vectors at that size, not scaled up). */
export async function svgToPng(doc: SvgDocument): Promise<Blob> {
  const img = await loadSvg(doc.svg);
  const [out, ctx] = canvas2d(Math.round(doc.width * EXPORT_SCALE), Math.round(doc.height * EXPORT_SCALE));
  ctx.drawImage(img, 0, 0, out.width, out.height);
  return toBlob(out, doc.caption);
}

/**
 * A snapshot already at EXPORT_SCALE (the map's canvas, `cssWidth` × `cssHeight` on screen) with
 * the caption band under it.
 */
export async function withCaptionPng(
  snapshot: CanvasImageSource,
  cssWidth: number,
  cssHeight: number,
  caption: Caption,
  measure: MeasureIn = canvasMeasure,
): Promise<Blob> {
  const band = new CaptionBand(cssWidth, measure).draw(caption);
  const img = await loadSvg(svgDocument(cssWidth, band.height, band.body, caption.title));
  const s = EXPORT_SCALE;
  const [out, ctx] = canvas2d(Math.round(cssWidth * s), Math.round((cssHeight + band.height) * s));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(snapshot, 0, 0, Math.round(cssWidth * s), Math.round(cssHeight * s));
  ctx.drawImage(img, 0, Math.round(cssHeight * s), out.width, out.height - Math.round(cssHeight * s));
  return toBlob(out, caption);
}
