// The base map under the data: ocean, land and country outlines from world-atlas, and US state
// lines from us-atlas when the view is over the US. Both arrive as lazily loaded bundle chunks,
// after the sites can already be drawn; presentation mode darkens every border line.
import type * as THREE from 'three';
import type { MapViewState } from '../store';
import { CountryOutlines } from './CountryOutlines';
import { LandFill } from './LandFill';
import type { MapProjection } from './MapProjection';
import { StateLayer } from './StateOutlines';
import { isOverUs } from './usAtlas';
import { loadWorldAtlas } from './worldAtlas';

export const MAP_COLOURS = {
  background: '#eef2f6',
  ocean: '#dce8f2',
  land: '#fbfaf7',
  outline: '#8b96a3',
  outlineHighContrast: '#1a1a1a',
} as const;

export class BaseMap {
  #layers: { outlines: CountryOutlines; land: LandFill } | undefined;
  readonly #states: StateLayer;
  #highContrast = false;
  #view: MapViewState | undefined;

  constructor(
    private readonly scene: THREE.Scene,
    private readonly projection: MapProjection,
    private readonly changed: () => void,
  ) {
    this.#states = new StateLayer(scene, changed);
  }

  async load(): Promise<void> {
    const atlas = await loadWorldAtlas();
    const start = performance.now();
    const land = new LandFill(atlas, this.projection, MAP_COLOURS);
    const outlines = new CountryOutlines(atlas, this.projection, this.#outline());
    // Projecting and triangulating 1:50m land is the one heavy step on the page thread; measured
    // so it can be watched (performance.getEntriesByName('headroom:base-map')).
    performance.measure('headroom:base-map', { start });
    this.#layers = { outlines, land };
    this.scene.add(land, outlines);
    if (this.#view) this.setView(this.#view);
    this.changed();
  }

  /** Follows the camera: state lines on over the US (loaded the first time), off elsewhere. */
  setView(v: MapViewState): void {
    this.#view = v;
    // After the countries, so a US view never shows states floating without their country.
    if (this.#layers) this.#states.update(isOverUs(v.lon, v.lat, v.zoom), this.projection, this.#outline());
  }

  setHighContrast(on: boolean): void {
    this.#highContrast = on;
    this.#layers?.outlines.material.color.set(this.#outline());
    this.#states.setColour(this.#outline());
  }

  get statesShown(): boolean {
    return this.#states.shown;
  }

  #outline(): string {
    return this.#highContrast ? MAP_COLOURS.outlineHighContrast : MAP_COLOURS.outline;
  }

  dispose(): void {
    this.#layers?.outlines.dispose();
    this.#layers?.land.dispose();
    this.#states.dispose();
  }
}
