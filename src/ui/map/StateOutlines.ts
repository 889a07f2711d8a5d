// US state borders as one THREE.LineSegments, drawn like the country outlines (CountryOutlines.ts)
// but only where two states meet: the national border and coasts are already the countries'.
// Shown when the view is over the US (usAtlas.ts); elsewhere hidden, costing no draw call.
import { geoPath } from 'd3-geo';
import * as THREE from 'three';
import { mesh } from 'topojson-client';
import type { MapProjection } from './MapProjection';
import { PathRecorder } from './PathRecorder';
import { loadUsAtlas, type UsAtlas } from './usAtlas';

export class StateOutlines extends THREE.LineSegments<THREE.BufferGeometry, THREE.LineBasicMaterial> {
  constructor(atlas: UsAtlas, map: MapProjection, colour: THREE.ColorRepresentation) {
    const recorder = new PathRecorder(map);
    geoPath(map.projection, recorder)(mesh(atlas, atlas.objects.states, (a, b) => a !== b));
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(recorder.segments(0.02), 3));
    // Lighter than country borders, so a state line never reads as a national one.
    super(geometry, new THREE.LineBasicMaterial({ color: colour, transparent: true, opacity: 0.6, depthTest: false, depthWrite: false }));
    this.name = 'state-outlines';
    // Just above the country outlines (−8) in the flat-layer order (see LandFill).
    this.renderOrder = -7.5;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}

/** The state lines in a scene: loaded from their chunk the first time they are wanted, then shown or hidden. */
export class StateLayer {
  #outlines: StateOutlines | 'loading' | undefined;
  #colour: THREE.ColorRepresentation = '#000';
  #show = false;

  constructor(
    private readonly scene: THREE.Scene,
    private readonly changed: () => void,
  ) {}

  update(show: boolean, map: MapProjection, colour: THREE.ColorRepresentation): void {
    this.#colour = colour;
    this.#show = show;
    const o = this.#outlines;
    if (o instanceof StateOutlines) {
      if (o.visible !== show) {
        o.visible = show;
        this.changed();
      }
      return;
    }
    if (!show || o === 'loading') return;
    this.#outlines = 'loading';
    loadUsAtlas()
      .then((atlas) => {
        const lines = new StateOutlines(atlas, map, this.#colour);
        lines.visible = this.#show;
        this.#outlines = lines;
        this.scene.add(lines);
        this.changed();
      })
      .catch((e: unknown) => {
        this.#outlines = undefined;
        console.warn('US state lines not loaded', e);
      });
  }

  /** Whether state lines are drawn now (tests read this through the map's debug state). */
  get shown(): boolean {
    return this.#outlines instanceof StateOutlines && this.#outlines.visible;
  }

  setColour(colour: THREE.ColorRepresentation): void {
    this.#colour = colour;
    if (this.#outlines instanceof StateOutlines) this.#outlines.material.color.set(colour);
  }

  dispose(): void {
    if (this.#outlines instanceof StateOutlines) this.#outlines.dispose();
  }
}
