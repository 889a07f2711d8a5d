// Country borders and coastlines as one THREE.LineSegments: a single draw call for ~100k
// segments. topojson's mesh() gives each shared border once, so no line is drawn twice.
import { geoPath } from 'd3-geo';
import * as THREE from 'three';
import { mesh } from 'topojson-client';
import type { MapProjection } from './MapProjection';
import { PathRecorder } from './PathRecorder';
import type { WorldAtlas } from './worldAtlas';

export class CountryOutlines extends THREE.LineSegments<THREE.BufferGeometry, THREE.LineBasicMaterial> {
  constructor(atlas: WorldAtlas, map: MapProjection, colour: THREE.ColorRepresentation) {
    const recorder = new PathRecorder(map);
    const path = geoPath(map.projection, recorder);
    path(mesh(atlas.topology, atlas.topology.objects.countries));
    // The sphere's edge frames the world view.
    path({ type: 'Sphere' });
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(recorder.segments(0.02), 3));
    super(geometry, new THREE.LineBasicMaterial({ color: colour, depthTest: false, depthWrite: false }));
    this.name = 'country-outlines';
    // Drawn after the land fill and before everything else (see LandFill on why not by depth).
    this.renderOrder = -8;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
