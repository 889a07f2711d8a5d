// The map as an exported PNG: the WebGL drawing at EXPORT_SCALE pixels per CSS pixel whatever the
// screen's devicePixelRatio (MapView.snapshot), the site names and cluster counts (HTML over the
// canvas on screen, SiteLabels.ts) drawn onto it, and the caption band under it with the key as
// the legend shows it. The same caption as the charts' (io/caption.ts), so every export reads alike.
import { formatMW } from '../format';
import { t } from '../../i18n/i18n';
import { buildCaption, type CaptionContext, type KeyItem } from '../io/caption';
import { EXPORT_SCALE, withCaptionPng } from '../io/exportImage';
import type { MapView } from './MapView';
import { RISK_STOPS } from './riskColour';

/** What the map's key shows now (hr-map-legend.ts), as caption key entries. */
export interface MapKeyState {
  year: number | undefined;
  scale: { mw: number; px: number };
  hasClusters: boolean;
  hasAggregates: boolean;
}

/** The colours of the legend's swatches (hr-map-legend.ts styles). */
const SCALE_BAR = '#55606c';
const REGION_RING = '#c9a03a';

export function mapKeyItems(k: MapKeyState): KeyItem[] {
  const year = k.year ?? '';
  const items: KeyItem[] = [{ kind: 'ramp', stops: RISK_STOPS, label: t('map:key.column', { year }) }];
  if (k.scale.mw > 0 && k.scale.px > 0)
    items.push({ kind: 'bar', colour: SCALE_BAR, px: k.scale.px, label: t('map:key.scaleLabel', { mw: formatMW(k.scale.mw) }) });
  items.push({ kind: 'dot', colour: REGION_RING, label: t('map:key.region') });
  if (k.hasClusters) items.push({ kind: 'text', label: t('map:key.cluster') });
  if (k.hasAggregates) items.push({ kind: 'text', label: t('map:key.aggregate') });
  return items;
}

/**
 * Draws the label layer's visible spans (names and counts) onto `ctx`, whose pixels cover `frame`
 * at `scale`: their boxes, background and text colour are read from the page, so the PNG shows
 * the names as placed on screen.
 */
export function drawLabels(ctx: CanvasRenderingContext2D, layer: HTMLElement, frame: DOMRect, scale: number): void {
  ctx.save();
  ctx.scale(scale, scale);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const el of layer.querySelectorAll<HTMLElement>('span')) {
    if (el.hidden || !el.textContent) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.right < frame.left || r.left > frame.right || r.bottom < frame.top || r.top > frame.bottom) continue;
    const css = getComputedStyle(el);
    const x = r.left - frame.left;
    const y = r.top - frame.top;
    ctx.fillStyle = css.backgroundColor;
    ctx.beginPath();
    ctx.roundRect(x, y, r.width, r.height, Math.min(r.height / 2, Number.parseFloat(css.borderTopLeftRadius) || 0));
    ctx.fill();
    ctx.fillStyle = css.color;
    ctx.font = `${css.fontWeight} ${css.fontSize} ${css.fontFamily}`;
    // Clip to the box as the page does (overflow: hidden on a long name).
    ctx.save();
    ctx.clip();
    ctx.fillText(el.textContent, x + r.width / 2, y + r.height / 2, Math.max(1, r.width - 4));
    ctx.restore();
  }
  ctx.restore();
}

/** The PNG: snapshot (already at `scale`, `cssWidth` × `cssHeight` on screen), then the caption band. */
export function mapPng(
  snapshot: HTMLCanvasElement,
  cssWidth: number,
  cssHeight: number,
  key: MapKeyState,
  context: CaptionContext,
): Promise<Blob> {
  return withCaptionPng(snapshot, cssWidth, cssHeight, buildCaption(t('io:caption.mapTitle'), mapKeyItems(key), context));
}

/** The map's PNG (hr-map's toPng): `map` drawn at EXPORT_SCALE, the names of `layer` over it, then the caption band. */
export function mapToPng(map: MapView, layer: HTMLElement | null, key: MapKeyState, context: CaptionContext): Promise<Blob> {
  const snap = map.snapshot(EXPORT_SCALE);
  const ctx = snap.getContext('2d');
  if (layer && ctx) drawLabels(ctx, layer, map.canvas.getBoundingClientRect(), EXPORT_SCALE);
  return mapPng(snap, map.canvas.clientWidth, map.canvas.clientHeight, key, context);
}
