// What sits over the canvas and follows every layout: site names and cluster counts
// (SiteLabels), the key's place — a corner or an edge's middle where it covers no column, name,
// count or control, folded when every place would, and then placed again at its folded size so
// the folded key hides nothing either (mapScale.ts) — and the height scale bar. The component
// applies the result as lit state; unchanged values cause no re-render.
import type { Scenario } from '../../scenario/schema';
import { KEY_MARGIN_PX } from './keyForm';
import { BOX, type BoxSet } from './labelPlacement';
import { chooseKeyPlace, chooseScaleStep, type ScaleStep } from './mapScale';
import type { MapView } from './MapView';
import { SiteLabels } from './SiteLabels';

/** The "Calculating…" note before the first result: one line along the bottom left. */
const NOTE_HEIGHT_PX = 40;
const NOTE_WIDTH_SHARE = 0.6;
/** Buttons over the map whose boxes names keep off: zoom in and out and the four presets, with room to spare. */
const MAX_BUTTONS = 16;
/** Clear space around a button (CSS px): a name touching one reads as its caption. */
const BUTTON_GAP_PX = 2;

export interface OverlayState {
  scale: ScaleStep;
  hasClusters: boolean;
  /** Undefined until the key has been measured open. */
  key: KeyLayout | undefined;
}

export interface KeyLayout {
  /** The open key's top-left (CSS px from the map's top-left). */
  x: number;
  y: number;
  /** Every place would cover something: the key folds. */
  crowded: boolean;
  /** Where the folded key goes when crowded (once its folded size is known): undefined, at x, y. */
  folded: { x: number; y: number } | undefined;
}

export interface ColumnBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Scenario indices of the sites the column stands for (more than one: a cluster). */
  sites: number[];
}

export class MapOverlay {
  readonly #map: MapView;
  readonly #labels: SiteLabels;
  readonly #sets: BoxSet[];
  /** The zoom and preset buttons, and the note while calculating: places the key must avoid. */
  readonly #controls = { boxes: new Float64Array(2 * BOX), count: 1 };
  /** Each of those buttons on its own (CSS px from the canvas's top-left), for the names to avoid: measured on resize, never on a pan. */
  readonly #buttons = { boxes: new Float64Array(MAX_BUTTONS * BOX), count: 0 };
  /** The key's size open and folded, and the buttons' (CSS px), measured as they change, never on a pan. */
  keySize = { width: 0, height: 0 };
  foldedKeySize = { width: 0, height: 0 };
  toolsSize = { width: 0, height: 0 };

  constructor(map: MapView, layer: HTMLElement) {
    this.#map = map;
    this.#labels = new SiteLabels(layer);
    this.#labels.controls = this.#buttons;
    this.#sets = [map.screen, this.#labels, this.#controls];
  }

  /** Measures the buttons over the map (after a resize, a new locale or presentation mode), so that no name lies under one. */
  measureButtons(buttons: Iterable<Element>): void {
    const origin = this.#map.canvas.getBoundingClientRect();
    const b = this.#buttons.boxes;
    let n = 0;
    for (const el of buttons) {
      const r = el.getBoundingClientRect();
      if (n >= MAX_BUTTONS || r.width <= 0 || r.height <= 0) continue;
      const o = n * BOX;
      b[o] = r.left - origin.left - BUTTON_GAP_PX;
      b[o + 1] = r.top - origin.top - BUTTON_GAP_PX;
      b[o + 2] = r.right - origin.left + BUTTON_GAP_PX;
      b[o + 3] = r.bottom - origin.top + BUTTON_GAP_PX;
      n++;
    }
    this.#buttons.count = n;
  }

  setSites(scenario: Scenario, year: number): void {
    this.#labels.setSites(scenario, year);
  }

  update(selected: number | undefined, calculating: boolean): OverlayState {
    const { screen, groups } = this.#map;
    this.#labels.update(screen, groups, selected);
    const scale = chooseScaleStep(screen.pxPerMW);
    const hasClusters = groups.some((g) => g.members.length > 1);
    const { width, height } = this.keySize;
    if (width <= 0) return { scale, hasClusters, key: undefined };
    const c = this.#controls;
    const b = c.boxes;
    b[0] = 0;
    b[1] = 0;
    b[2] = this.toolsSize.width + KEY_MARGIN_PX;
    b[3] = this.toolsSize.height + KEY_MARGIN_PX;
    b[4] = 0;
    b[5] = screen.height - NOTE_HEIGHT_PX;
    b[6] = screen.width * NOTE_WIDTH_SHARE;
    b[7] = screen.height;
    c.count = calculating ? 2 : 1;
    const key = chooseKeyPlace(this.#sets, width, height, screen.width, screen.height, KEY_MARGIN_PX);
    const crowded = key.covered > 0;
    const f = this.foldedKeySize;
    const folded =
      crowded && f.width > 0 ? chooseKeyPlace(this.#sets, f.width, f.height, screen.width, screen.height, KEY_MARGIN_PX) : undefined;
    return { scale, hasClusters, key: { x: key.x, y: key.y, crowded, folded: folded && { x: folded.x, y: folded.y } } };
  }

  /** The columns on screen in client coordinates, for tests and tours. */
  columnBoxes(): ColumnBox[] {
    const { screen, groups, canvas } = this.#map;
    const rect = canvas.getBoundingClientRect();
    const b = screen.boxes;
    return groups.flatMap((g, i) => {
      if (!screen.visible(i)) return [];
      const o = i * BOX;
      return [
        {
          x0: rect.left + (b[o] as number),
          y0: rect.top + (b[o + 1] as number),
          x1: rect.left + (b[o + 2] as number),
          y1: rect.top + (b[o + 3] as number),
          sites: [...g.members],
        },
      ];
    });
  }
}
