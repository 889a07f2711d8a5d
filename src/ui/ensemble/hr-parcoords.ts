// Parallel coordinates: one vertical axis per varied knob plus the outcome, one line per parameter
// set, coloured by the outcome. Dragging along an axis brushes an interval on it (intervals on
// several axes combine: a set must lie in all of them); a click on an axis clears its interval.
// Drawn on one canvas, lines batched by colour: thousands of polylines are a few strokes.
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../../i18n/i18n';
import { LocaleController } from '../i18n/LocaleController';
import { PALETTE, PALETTE_SIZE } from './colourRamp';

export interface ParAxis {
  id: string;
  label: string;
  lo: number;
  hi: number;
  format: (v: number) => string;
}

export type AxesBrushEvent = CustomEvent<{ intervals: Record<string, readonly [number, number]> }>;

const PAD = { left: 46, right: 46, top: 46, bottom: 22 };
/** How far from an axis (CSS px) a drag still brushes it. */
const GRAB_PX = 18;

/** Up to two lines of `text` no wider than `width` (the second cut with an ellipsis). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [''];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1] as string;
    const next = last ? `${last} ${word}` : word;
    if (ctx.measureText(next).width <= width || !last) lines[lines.length - 1] = next;
    else if (lines.length < 2) lines.push(word);
    else {
      lines[1] = `${last}…`;
      break;
    }
  }
  return lines;
}

export class HrParcoords extends LitElement {
  static override properties = {
    axes: { attribute: false },
    columns: { attribute: false },
    colours: { attribute: false },
    mask: { attribute: false },
    intervals: { attribute: false },
  };
  declare axes: ParAxis[];
  declare columns: Float64Array[];
  declare colours: Int16Array | undefined;
  declare mask: Uint8Array | undefined;
  declare intervals: Record<string, readonly [number, number]>;
  #canvas: HTMLCanvasElement | undefined;
  #resize: ResizeObserver | undefined;
  #drag: { axis: number; from: number; to: number; startY: number } | undefined;
  #frame = 0;

  constructor() {
    super();
    new LocaleController(this);
    this.axes = [];
    this.columns = [];
    this.colours = undefined;
    this.mask = undefined;
    this.intervals = {};
  }

  static override styles = css`
    :host { display: block; }
    canvas { display: block; width: 100%; height: 260px; touch-action: none; cursor: ns-resize; }
    ul { margin: 0.2rem 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; font-size: 0.78rem; }
    button { font: inherit; font-size: 0.75rem; padding: 0 0.35rem; }
  `;

  override firstUpdated(): void {
    this.#canvas = this.renderRoot.querySelector('canvas') ?? undefined;
    this.#resize = new ResizeObserver(() => this.#schedule());
    if (this.#canvas) this.#resize.observe(this.#canvas);
  }

  override updated(): void {
    this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  #schedule(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #geometry(cssW: number, cssH: number) {
    const n = this.axes.length;
    const w = cssW - PAD.left - PAD.right;
    const axisX = (i: number): number => PAD.left + (n > 1 ? (i * w) / (n - 1) : w / 2);
    const plotH = cssH - PAD.top - PAD.bottom;
    const valueY = (i: number, v: number): number => {
      const a = this.axes[i] as ParAxis;
      const t = (v - a.lo) / (a.hi - a.lo || 1);
      return PAD.top + (1 - Math.min(1, Math.max(0, t))) * plotH;
    };
    const yValue = (i: number, y: number): number => {
      const a = this.axes[i] as ParAxis;
      return a.lo + (1 - (y - PAD.top) / plotH) * (a.hi - a.lo);
    };
    return { axisX, valueY, yValue };
  }

  #draw(): void {
    const canvas = this.#canvas;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    const cssW = canvas.clientWidth;
    const cssH = canvas.clientHeight;
    canvas.width = Math.round(cssW * ratio);
    canvas.height = Math.round(cssH * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx || this.axes.length === 0) return;
    ctx.scale(ratio, ratio);
    const { axisX, valueY } = this.#geometry(cssW, cssH);
    const rows = this.columns[0]?.length ?? 0;
    const batches: number[][] = Array.from({ length: PALETTE_SIZE + 1 }, () => []);
    for (let k = 0; k < rows; k++) {
      const c = this.mask && !this.mask[k] ? PALETTE_SIZE : (this.colours?.[k] ?? -1);
      (batches[c < 0 ? PALETTE_SIZE : c] as number[]).push(k);
    }
    // Lines fainter when there are many, so density still reads.
    const alpha = Math.min(0.6, Math.max(0.08, 40 / Math.sqrt(Math.max(1, rows)) / 4));
    ctx.lineWidth = 1;
    batches.forEach((idx, c) => {
      if (idx.length === 0) return;
      // Unselected lines recede: grey and fainter still, so the selected ones read on top.
      ctx.strokeStyle = c === PALETTE_SIZE ? 'rgb(120, 130, 140)' : (PALETTE[c] as string);
      ctx.globalAlpha = c === PALETTE_SIZE ? alpha / 6 : this.mask ? Math.min(0.7, alpha * 2) : alpha;
      ctx.beginPath();
      for (const k of idx) {
        this.axes.forEach((_a, i) => {
          const v = this.columns[i]?.[k] ?? Number.NaN;
          const y = Number.isFinite(v) ? valueY(i, v) : PAD.top;
          if (i === 0) ctx.moveTo(axisX(i), y);
          else ctx.lineTo(axisX(i), y);
        });
      }
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    ctx.font = '11px system-ui, sans-serif';
    const room = this.axes.length > 1 ? axisX(1) - axisX(0) - 8 : cssW - 16;
    this.axes.forEach((a, i) => {
      const x = axisX(i);
      ctx.textAlign = 'center';
      ctx.strokeStyle = '#333';
      ctx.beginPath();
      ctx.moveTo(x, PAD.top);
      ctx.lineTo(x, cssH - PAD.bottom);
      ctx.stroke();
      ctx.fillStyle = '#1a1a1a';
      ctx.font = '600 11px system-ui, sans-serif';
      wrap(ctx, a.label, room).forEach((line, j) => {
        // Kept inside the canvas: the outer axes' labels would otherwise be cut at its edges.
        const half = ctx.measureText(line).width / 2;
        ctx.fillText(line, Math.min(cssW - half - 2, Math.max(half + 2, x)), 12 + j * 13);
      });
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(a.format(a.hi), x, PAD.top - 6);
      ctx.fillText(a.format(a.lo), x, cssH - PAD.bottom + 14);
      const live = this.#drag?.axis === i ? ([this.#drag.from, this.#drag.to] as const) : this.intervals[a.id];
      if (live) {
        const y0 = valueY(i, Math.max(live[0], live[1]));
        const y1 = valueY(i, Math.min(live[0], live[1]));
        ctx.fillStyle = 'rgba(23, 74, 148, 0.25)';
        ctx.strokeStyle = '#174a94';
        ctx.fillRect(x - 7, y0, 14, Math.max(2, y1 - y0));
        ctx.strokeRect(x - 7, y0, 14, Math.max(2, y1 - y0));
      }
    });
  }

  #axisAt(e: PointerEvent): { axis: number; value: number; y: number } | undefined {
    const canvas = this.#canvas;
    if (!canvas || this.axes.length === 0) return undefined;
    const rect = canvas.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = Math.min(rect.height - PAD.bottom, Math.max(PAD.top, e.clientY - rect.top));
    const { axisX, yValue } = this.#geometry(rect.width, rect.height);
    let best = -1;
    this.axes.forEach((_a, i) => {
      if (Math.abs(axisX(i) - x) <= GRAB_PX && (best < 0 || Math.abs(axisX(i) - x) < Math.abs(axisX(best) - x))) best = i;
    });
    return best < 0 ? undefined : { axis: best, value: yValue(best, y), y };
  }

  #down(e: PointerEvent): void {
    const hit = this.#axisAt(e);
    if (!hit) return;
    this.#canvas?.setPointerCapture(e.pointerId);
    this.#drag = { axis: hit.axis, from: hit.value, to: hit.value, startY: hit.y };
  }

  #move(e: PointerEvent): void {
    const d = this.#drag;
    if (!d) return;
    const canvas = this.#canvas as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const y = Math.min(rect.height - PAD.bottom, Math.max(PAD.top, e.clientY - rect.top));
    d.to = this.#geometry(rect.width, rect.height).yValue(d.axis, y);
    this.#schedule();
  }

  #up(e: PointerEvent): void {
    const d = this.#drag;
    this.#drag = undefined;
    if (!d) return;
    const a = this.axes[d.axis] as ParAxis;
    const rect = (this.#canvas as HTMLCanvasElement).getBoundingClientRect();
    const moved = Math.abs(e.clientY - rect.top - d.startY) >= 3;
    const intervals = { ...this.intervals };
    // A click (no drag) on an axis clears that axis's interval.
    if (moved) intervals[a.id] = [Math.min(d.from, d.to), Math.max(d.from, d.to)];
    else delete intervals[a.id];
    this.#emit(intervals);
  }

  #emit(intervals: Record<string, readonly [number, number]>): void {
    this.dispatchEvent(new CustomEvent('hr-axes-brush', { detail: { intervals }, bubbles: true, composed: true }));
  }

  override render() {
    const active = this.axes.filter((a) => this.intervals[a.id]);
    return html`<canvas role="img" aria-label=${t('ensemble:parcoords.aria', { n: String(this.columns[0]?.length ?? 0), axes: this.axes.map((a) => a.label).join(t('ensemble:list.sep')) })}
        @pointerdown=${this.#down} @pointermove=${this.#move} @pointerup=${this.#up} @pointercancel=${() => (this.#drag = undefined)}></canvas>
      ${
        active.length
          ? html`<ul aria-label=${t('ensemble:parcoords.intervals')}>
            ${active.map((a) => {
              const [lo, hi] = this.intervals[a.id] as readonly [number, number];
              const rest = { ...this.intervals };
              delete rest[a.id];
              return html`<li>${a.label}: ${a.format(lo)} – ${a.format(hi)}
                <button type="button" aria-label=${t('ensemble:parcoords.clearLabel', { axis: a.label })} @click=${() => this.#emit(rest)}>${t('ensemble:parcoords.clear')}</button></li>`;
            })}
          </ul>`
          : nothing
      }`;
  }
}

customElements.define('hr-parcoords', HrParcoords);
declare global {
  interface HTMLElementTagNameMap {
    'hr-parcoords': HrParcoords;
  }
}
