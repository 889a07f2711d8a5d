// Pointer, wheel and keyboard input for the map: drag to pan, wheel (or pinch-zoom trackpads,
// which arrive as ctrl+wheel) to zoom about the cursor, arrows and +/− on the focused map, click
// to pick, hover for the tooltip. Kept apart from MapView so the view stays input-agnostic.
import type { MapHit, MapView } from './MapView';

/** A press that moves less than this (CSS px) is a click, not a drag. */
const CLICK_SLOP_PX = 4;
const KEY_PAN_PX = 60;
const KEY_ZOOM = 1.5;

export interface NavigationCallbacks {
  onHover(hit: MapHit | undefined, clientX: number, clientY: number): void;
  onPick(hit: MapHit | undefined): void;
}

export class MapNavigation {
  #drag: { id: number; x: number; y: number; moved: number } | undefined;
  readonly #abort = new AbortController();

  constructor(
    private readonly view: MapView,
    private readonly surface: HTMLElement,
    private readonly callbacks: NavigationCallbacks,
  ) {
    const opts = { signal: this.#abort.signal };
    surface.addEventListener('pointerdown', (e) => this.#down(e), opts);
    surface.addEventListener('pointermove', (e) => this.#move(e), opts);
    surface.addEventListener('pointerup', (e) => this.#up(e), opts);
    surface.addEventListener('pointercancel', () => (this.#drag = undefined), opts);
    surface.addEventListener('pointerleave', (e) => this.callbacks.onHover(undefined, e.clientX, e.clientY), opts);
    surface.addEventListener('wheel', (e) => this.#wheel(e), { ...opts, passive: false });
    surface.addEventListener('keydown', (e) => this.#key(e), opts);
  }

  #down(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.#drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: 0 };
    this.surface.setPointerCapture?.(e.pointerId);
  }

  #move(e: PointerEvent): void {
    const d = this.#drag;
    if (d && d.id === e.pointerId) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      d.moved += Math.abs(dx) + Math.abs(dy);
      d.x = e.clientX;
      d.y = e.clientY;
      if (d.moved > CLICK_SLOP_PX) {
        this.view.panBy(dx, dy);
        this.callbacks.onHover(undefined, e.clientX, e.clientY);
      }
      return;
    }
    this.callbacks.onHover(this.view.pick(e.clientX, e.clientY), e.clientX, e.clientY);
  }

  #up(e: PointerEvent): void {
    const d = this.#drag;
    this.#drag = undefined;
    if (!d || d.id !== e.pointerId) return;
    this.surface.releasePointerCapture?.(e.pointerId);
    if (d.moved <= CLICK_SLOP_PX) this.callbacks.onPick(this.view.pick(e.clientX, e.clientY));
  }

  #wheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.surface.getBoundingClientRect();
    // Lines/pages are rare (some mice); treat them as ~40 px steps.
    const px = e.deltaMode === 0 ? e.deltaY : e.deltaY * 40;
    const factor = Math.exp(-px * (e.ctrlKey ? 0.01 : 0.0025));
    this.view.zoomAt(factor, e.clientX - rect.left - rect.width / 2, e.clientY - rect.top - rect.height / 2);
  }

  #key(e: KeyboardEvent): void {
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [KEY_PAN_PX, 0],
      ArrowRight: [-KEY_PAN_PX, 0],
      ArrowUp: [0, KEY_PAN_PX],
      ArrowDown: [0, -KEY_PAN_PX],
    };
    const step = pan[e.key];
    if (step) this.view.panBy(step[0], step[1]);
    else if (e.key === '+' || e.key === '=') this.view.zoomAt(KEY_ZOOM);
    else if (e.key === '-' || e.key === '_') this.view.zoomAt(1 / KEY_ZOOM);
    else return;
    e.preventDefault();
  }

  dispose(): void {
    this.#abort.abort();
  }
}
