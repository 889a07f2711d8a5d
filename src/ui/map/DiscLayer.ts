// Translucent discs with a rim, as two InstancedMeshes (fill and outline). Used twice: regions
// shaded by P(curtailment) — regions have no polygons in the data, so each is drawn as a circle
// around its sites — and "aggregate" sites (a region's unnamed rest-of-fleet load), drawn as an
// area ∝ load instead of a column so they do not read as one giant facility.
import * as THREE from 'three';
import type { Scenario } from '../../scenario/schema';
import { riskColour } from './riskColour';

const CAPACITY = 4096;

export interface Disc {
  /** Index into the scenario's regions or sites, for tooltips and picking. */
  index: number;
  x: number;
  y: number;
  /** Radius in world units (the layer adds its minimum on-screen size). */
  radius: number;
  /** Or a radius in screen pixels, for discs whose size encodes a value, not an extent. */
  radiusPx?: number;
}

export class DiscLayer {
  readonly fill: THREE.InstancedMesh<THREE.CircleGeometry, THREE.MeshBasicMaterial>;
  readonly rim: THREE.InstancedMesh<THREE.RingGeometry, THREE.MeshBasicMaterial>;
  readonly group = new THREE.Group();
  readonly minRadiusPx: number;
  #discs: Disc[] = [];
  readonly #m = new THREE.Matrix4();
  readonly #c = new THREE.Color();

  constructor(name: string, opts: { z: number; fillOpacity: number; minRadiusPx: number; renderOrder: number }) {
    // Depth-tested against the columns (so a column in front hides the disc) but not writing
    // depth, so overlapping translucent discs all show.
    const material = (opacity: number) =>
      new THREE.MeshBasicMaterial({ transparent: true, opacity, depthWrite: false, side: THREE.DoubleSide });
    this.fill = new THREE.InstancedMesh(new THREE.CircleGeometry(1, 48), material(opts.fillOpacity), CAPACITY);
    this.rim = new THREE.InstancedMesh(new THREE.RingGeometry(0.94, 1, 48), material(Math.min(1, opts.fillOpacity * 2.4)), CAPACITY);
    this.fill.count = this.rim.count = 0;
    this.fill.renderOrder = opts.renderOrder;
    this.rim.renderOrder = opts.renderOrder + 0.5;
    this.group.name = name;
    this.group.position.z = opts.z;
    this.group.add(this.fill, this.rim);
    this.minRadiusPx = opts.minRadiusPx;
  }

  setDiscs(discs: Disc[]): void {
    this.#discs = discs.slice(0, CAPACITY);
    this.fill.count = this.rim.count = this.#discs.length;
  }

  /** Probabilities indexed like Disc.index. */
  setProbabilities(p: ArrayLike<number>): void {
    this.#discs.forEach((d, i) => {
      riskColour(p[d.index] ?? 0, this.#c);
      this.fill.setColorAt(i, this.#c);
      this.rim.setColorAt(i, this.#c.multiplyScalar(0.7));
    });
    for (const m of [this.fill, this.rim]) if (m.instanceColor) m.instanceColor.needsUpdate = true;
  }

  /** Pixel radii for discs sized by value (aggregate load), indexed like the discs. */
  setRadiiPx(radiiPx: ArrayLike<number>): void {
    this.#discs.forEach((d, i) => (d.radiusPx = radiiPx[i] ?? 0));
  }

  layout(worldPerPixel: number): void {
    this.#discs.forEach((d, i) => {
      const r = Math.max(d.radiusPx !== undefined ? d.radiusPx * worldPerPixel : d.radius, this.minRadiusPx * worldPerPixel);
      this.#m.makeScale(r, r, 1).setPosition(d.x, d.y, 0);
      this.fill.setMatrixAt(i, this.#m);
      this.rim.setMatrixAt(i, this.#m);
    });
    for (const m of [this.fill, this.rim]) {
      m.instanceMatrix.needsUpdate = true;
      m.computeBoundingSphere();
    }
  }

  indexAt(instanceId: number): number | undefined {
    return this.#discs[instanceId]?.index;
  }

  dispose(): void {
    for (const m of [this.fill, this.rim]) {
      m.geometry.dispose();
      m.material.dispose();
      m.dispose();
    }
  }
}

/** A circle per region around its sites (world positions `at`, indexed like the sites); regions without sites get none. */
export function regionDiscs(scenario: Scenario, at: [number, number][]): Disc[] {
  const regions: Disc[] = [];
  scenario.regions.forEach((r, index) => {
    const pts = scenario.sites.flatMap((s, i) => (s.region === r.id ? [at[i]!] : []));
    if (!pts.length) return;
    const x = pts.reduce((a, p) => a + p[0], 0) / pts.length;
    const y = pts.reduce((a, p) => a + p[1], 0) / pts.length;
    const spread = Math.max(...pts.map((p) => Math.hypot(p[0] - x, p[1] - y)));
    regions.push({ index, x, y, radius: spread * 1.15 + 0.6 });
  });
  return regions;
}
