// The ocean (the projected sphere) and land as filled meshes under the outlines, so sites read
// against land rather than floating on a blank page. Rings come from d3's clipped projection;
// their winding after clipping is not guaranteed, so each polygon's largest ring sets which sign
// is "solid" and rings of the other sign become holes of the solid that contains them.
import { geoPath } from 'd3-geo';
import type { Polygon, Position } from 'geojson';
import * as THREE from 'three';
import { feature } from 'topojson-client';
import type { MapProjection } from './MapProjection';
import { PathRecorder } from './PathRecorder';
import type { WorldAtlas } from './worldAtlas';

const toVectors = (ring: number[]): THREE.Vector2[] => {
  const out: THREE.Vector2[] = [];
  for (let i = 0; i < ring.length; i += 2) out.push(new THREE.Vector2(ring[i], ring[i + 1]));
  return out;
};

function contains(poly: THREE.Vector2[], p: THREE.Vector2): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i] as THREE.Vector2;
    const b = poly[j] as THREE.Vector2;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

function shapesOf(rings: number[][]): THREE.Shape[] {
  const polys = rings.map(toVectors).filter((r) => r.length >= 3);
  if (!polys.length) return [];
  const areas = polys.map((r) => THREE.ShapeUtils.area(r));
  const largest = areas.reduce((best, a, i) => (Math.abs(a) > Math.abs(areas[best] as number) ? i : best), 0);
  const solidSign = Math.sign(areas[largest] as number);
  const solids: THREE.Shape[] = [];
  const solidPts: THREE.Vector2[][] = [];
  polys.forEach((r, i) => {
    if (Math.sign(areas[i] as number) === solidSign) {
      solids.push(new THREE.Shape(r));
      solidPts.push(r);
    }
  });
  polys.forEach((r, i) => {
    if (Math.sign(areas[i] as number) === solidSign) return;
    const owner = solidPts.findIndex((s) => contains(s, r[0] as THREE.Vector2));
    if (owner >= 0) solids[owner]?.holes.push(new THREE.Path(r));
  });
  return solids;
}

export class LandFill extends THREE.Group {
  readonly #geometries: THREE.BufferGeometry[] = [];
  readonly #materials: THREE.Material[] = [];

  constructor(atlas: WorldAtlas, map: MapProjection, colours: { ocean: THREE.ColorRepresentation; land: THREE.ColorRepresentation }) {
    super();
    this.name = 'land-fill';
    const sphere = new PathRecorder(map);
    geoPath(map.projection, sphere)({ type: 'Sphere' });
    this.#add(shapesOf(sphere.rings), colours.ocean, 0);

    const land = feature(atlas.topology, atlas.topology.objects.land);
    const shapes: THREE.Shape[] = [];
    for (const f of land.features) {
      const g = f.geometry;
      const polygons: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      for (const coordinates of polygons) {
        const rec = new PathRecorder(map);
        geoPath(map.projection, rec)({ type: 'Polygon', coordinates } satisfies Polygon);
        shapes.push(...shapesOf(rec.rings));
      }
    }
    this.#add(shapes, colours.land, 1);
  }

  // Flat layers on one plane are ordered by renderOrder with the depth test off: depth buffers
  // can be 16-bit (SwiftShader, some phones), too coarse to separate layers a hair apart.
  #add(shapes: THREE.Shape[], colour: THREE.ColorRepresentation, order: number): void {
    const geometry = new THREE.ShapeGeometry(shapes, 1);
    const material = new THREE.MeshBasicMaterial({ color: colour, side: THREE.DoubleSide, depthTest: false, depthWrite: false });
    const fill = new THREE.Mesh(geometry, material);
    fill.renderOrder = order - 10;
    this.#geometries.push(geometry);
    this.#materials.push(material);
    this.add(fill);
  }

  dispose(): void {
    this.#geometries.forEach((g) => g.dispose());
    this.#materials.forEach((m) => m.dispose());
  }
}
