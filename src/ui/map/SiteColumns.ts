// Sites as one InstancedMesh of columns: one draw call however many sites, and a change of year
// or a new run only rewrites instance matrices and colours (setMatrixAt / setColorAt), never the
// mesh. Height ∝ expected delivered IT load in the selected year, colour = P(miss planned load).
// Columns keep a constant width and maximum height on screen, so zooming in on the UK does not
// turn them into towers: their world size is recomputed from world units per pixel on zoom.
import * as THREE from 'three';
import { riskColour } from './riskColour';

/** The engine's site limit: the mesh is allocated once at this size and `count` set per scenario. */
const CAPACITY = 4096;
const COLUMN_WIDTH_PX = 9;
const TALLEST_COLUMN_PX = 90;
/** Faces of a box in three's order (+x, −x, +y, −y, +z, −z), shaded so columns read as solids without lights. */
const FACE_SHADE = [0.82, 0.82, 0.9, 0.68, 1, 1];

function columnGeometry(): THREE.BoxGeometry {
  const g = new THREE.BoxGeometry(1, 1, 1);
  g.translate(0, 0, 0.5); // base on the ground
  const shade = new Float32Array(g.attributes.position!.count * 3);
  FACE_SHADE.forEach((s, face) => shade.fill(s, face * 12, face * 12 + 12));
  g.setAttribute('color', new THREE.BufferAttribute(shade, 3));
  return g;
}

export interface ColumnSite {
  /** Index of the site in the scenario (and in the result arrays). */
  siteIndex: number;
  x: number;
  y: number;
}

export class SiteColumns {
  readonly mesh: THREE.InstancedMesh<THREE.BoxGeometry, THREE.MeshBasicMaterial>;
  #sites: ColumnSite[] = [];
  #loadMW = new Float32Array(0);
  #maxLoadMW = 1;
  readonly #m = new THREE.Matrix4();
  readonly #c = new THREE.Color();

  constructor() {
    this.mesh = new THREE.InstancedMesh(columnGeometry(), new THREE.MeshBasicMaterial({ vertexColors: true }), CAPACITY);
    this.mesh.name = 'site-columns';
    this.mesh.count = 0;
    this.mesh.renderOrder = 3;
    this.mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
  }

  /** New scenario: which sites get columns, and the load that maps to the tallest column. */
  setSites(sites: ColumnSite[], maxLoadMW: number): void {
    this.#sites = sites.slice(0, CAPACITY);
    this.#loadMW = new Float32Array(this.#sites.length);
    this.#maxLoadMW = maxLoadMW > 0 ? maxLoadMW : 1;
    this.mesh.count = this.#sites.length;
  }

  /** Values of the selected year, indexed like the scenario's sites. */
  setValues(loadMW: ArrayLike<number>, missProbability: ArrayLike<number>): void {
    this.#sites.forEach((s, i) => {
      this.#loadMW[i] = loadMW[s.siteIndex] ?? 0;
      this.mesh.setColorAt(i, riskColour(missProbability[s.siteIndex] ?? 0, this.#c));
    });
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
  }

  /**
   * Rebuilds the matrices for the current zoom: world units per screen pixel across the ground,
   * and up the columns (the camera's tilt foreshortens height).
   */
  layout(worldPerPixel: number, heightPerPixel: number): void {
    const w = COLUMN_WIDTH_PX * worldPerPixel;
    const hPerMW = (TALLEST_COLUMN_PX * heightPerPixel) / this.#maxLoadMW;
    this.#sites.forEach((s, i) => {
      // A site with no load yet keeps a stub so it can still be seen and hovered.
      const h = Math.max(2 * heightPerPixel, (this.#loadMW[i] ?? 0) * hPerMW);
      this.#m.makeScale(w, w, h).setPosition(s.x, s.y, 0.05);
      this.mesh.setMatrixAt(i, this.#m);
    });
    this.mesh.instanceMatrix.needsUpdate = true;
    this.mesh.computeBoundingSphere();
  }

  siteAt(instanceId: number): number | undefined {
    return this.#sites[instanceId]?.siteIndex;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
    this.mesh.dispose();
  }
}
