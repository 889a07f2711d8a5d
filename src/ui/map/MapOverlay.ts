// What sits over the canvas and follows every layout: site names and cluster counts
// (SiteLabels), the key's place — a corner or an edge's middle where it covers no column, name,
// count or control, folded when every place would (mapScale.ts) — and the height scale bar. The component applies the result
// as lit state; unchanged values cause no re-render.
import type { Scenario } from '../../scenario/schema';
import { BOX, type BoxSet } from './labelPlacement';
import { chooseKeyPlace, chooseScaleStep, type ScaleStep } from './mapScale';
import type { MapView } from './MapView';
import { SiteLabels } from './SiteLabels';

/** The key's distance from the map's edges (CSS px; 0.5rem). */
const KEY_MARGIN_PX = 8;
/** The "Calculating…" note before the first result: one line along the bottom left. */
const NOTE_HEIGHT_PX = 40;
const NOTE_WIDTH_SHARE = 0.6;

export interface OverlayState {
  scale: ScaleStep;
  hasClusters: boolean;
  /** Undefined until the key has been measured open. */
  key: { x: number; y: number; crowded: boolean } | undefined;
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
  /** The key's size when open and the buttons' (CSS px), measured as they change, never on a pan. */
  keySize = { width: 0, height: 0 };
  toolsSize = { width: 0, height: 0 };

  constructor(map: MapView, layer: HTMLElement) {
    this.#map = map;
    this.#labels = new SiteLabels(layer);
    this.#sets = [map.screen, this.#labels, this.#controls];
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
    return { scale, hasClusters, key: { x: key.x, y: key.y, crowded: key.covered > 0 } };
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
