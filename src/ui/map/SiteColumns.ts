// Sites as one InstancedMesh of columns: one draw call however many sites, and a change of year
// or a new run only rewrites instance matrices and colours (setMatrixAt / setColorAt), never the
// mesh. Height ∝ expected delivered IT load in the selected year, colour = P(miss planned load).
// A column stands for a group (siteClusters.ts): one site, or co-located sites summed, coloured
// by their load-weighted P(miss). Columns keep a constant width on screen and a height per MW set
// by the view (mapScale.ts), so zooming in on the UK does not turn them into towers.
import * as THREE from 'three';
import { riskColour } from './riskColour';
import type { ColumnGroup } from './siteClusters';

/** The engine's site limit: the mesh is allocated once at this size and `count` set per scenario. */
export const CAPACITY = 4096;
export const COLUMN_WIDTH_PX = 9;
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

export class SiteColumns {
  readonly mesh: THREE.InstancedMesh<THREE.BoxGeometry, THREE.MeshBasicMaterial>;
  #groups: ColumnGroup[] = [];
  /** Per group: summed expected load (MW) of its sites in the year. */
  readonly #loadMW = new Float32Array(CAPACITY);
  readonly #m = new THREE.Matrix4();
  readonly #c = new THREE.Color();

  constructor() {
    this.mesh = new THREE.InstancedMesh(columnGeometry(), new THREE.MeshBasicMaterial({ vertexColors: true }), CAPACITY);
    this.mesh.name = 'site-columns';
    this.mesh.count = 0;
    this.mesh.renderOrder = 3;
    this.mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
  }

  get groups(): readonly ColumnGroup[] {
    return this.#groups;
  }

  /** New grouping (scenario, cluster level or selection changed); values follow with setValues. */
  setGroups(groups: ColumnGroup[]): void {
    this.#groups = groups.slice(0, CAPACITY);
    this.mesh.count = this.#groups.length;
  }

  /** Values of the selected year, indexed like the scenario's sites. */
  setValues(loadMW: ArrayLike<number>, missProbability: ArrayLike<number>): void {
    this.#groups.forEach((g, i) => {
      let load = 0;
      let weighted = 0;
      let plain = 0;
      for (const s of g.members) {
        const l = Math.max(0, Number(loadMW[s] ?? 0));
        const p = Number(missProbability[s] ?? 0);
        load += l;
        weighted += l * p;
        plain += p;
      }
      this.#loadMW[i] = load;
      // NaN (no result yet) stays NaN, so a cluster is grey like its sites.
      this.mesh.setColorAt(i, riskColour(load > 0 ? weighted / load : plain / g.members.length, this.#c));
    });
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
  }

  loadOf(group: number): number {
    return this.#loadMW[group] ?? 0;
  }

  /**
   * Rebuilds the matrices for the current view: world units per screen pixel across the ground
   * and up the columns (the camera's tilt foreshortens height), and screen pixels per MW.
   */
  layout(worldPerPixel: number, heightPerPixel: number, pxPerMW: number): void {
    const w = COLUMN_WIDTH_PX * worldPerPixel;
    this.#groups.forEach((g, i) => {
      // A site with no load yet keeps a stub so it can still be seen and hovered.
      const h = Math.max(2, (this.#loadMW[i] ?? 0) * pxPerMW) * heightPerPixel;
      this.#m.makeScale(w, w, h).setPosition(g.x, g.y, 0.05);
      this.mesh.setMatrixAt(i, this.#m);
    });
    this.mesh.instanceMatrix.needsUpdate = true;
    this.mesh.computeBoundingSphere();
  }

  groupAt(instanceId: number): ColumnGroup | undefined {
    return this.#groups[instanceId];
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
    this.mesh.dispose();
  }
}
