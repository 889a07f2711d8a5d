// Where the columns are on screen after each camera move: base points, the box each column
// covers (for labels, count badges, the key's placement and tests), and the largest load in view
// that sets column heights. Buffers are allocated once at the mesh's capacity and a scratch
// vector is reused, so a pan step projects every column without allocating.
import * as THREE from 'three';
import { BOX } from './labelPlacement';
import { niceCeil } from './mapScale';
import { CAPACITY, COLUMN_WIDTH_PX, type SiteColumns } from './SiteColumns';

/** The tallest column in view, in CSS px: the view's largest load, rounded up to a nice number. */
export const TALLEST_COLUMN_PX = 90;
/** Half the column's footprint on screen, with a pixel of slack for antialiasing. */
const HALF_PX = COLUMN_WIDTH_PX / 2 + 1;

const scratch = new THREE.Vector3();

export class ScreenLayout {
  /** Column base centres, CSS px from the canvas's top-left. */
  readonly x = new Float32Array(CAPACITY);
  readonly y = new Float32Array(CAPACITY);
  /** Per column: x0, y0, x1, y1 of what it covers on screen. */
  readonly boxes = new Float64Array(CAPACITY * BOX);
  count = 0;
  /**
   * Per column: the box of its footprint only (where the site is). Names may cross a column's
   * thin shaft in a dense view, but never hide where a site stands.
   */
  readonly bases = { boxes: new Float64Array(CAPACITY * BOX), count: 0 };
  width = 1;
  height = 1;
  pxPerMW = 0;

  /** Projects the columns' bases and picks the height scale from the loads in view. */
  project(columns: SiteColumns, camera: THREE.Camera, width: number, height: number): void {
    const groups = columns.groups;
    this.count = groups.length;
    this.width = width;
    this.height = height;
    let maxMW = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] as (typeof groups)[number];
      scratch.set(g.x, g.y, 0).project(camera);
      const sx = ((scratch.x + 1) / 2) * width;
      const sy = ((1 - scratch.y) / 2) * height;
      this.x[i] = sx;
      this.y[i] = sy;
      if (sx >= 0 && sx <= width && sy >= 0 && sy <= height) maxMW = Math.max(maxMW, columns.loadOf(i));
    }
    this.pxPerMW = TALLEST_COLUMN_PX / niceCeil(maxMW);
  }

  /** The columns' boxes, once their heights are known. */
  measure(columns: SiteColumns): void {
    for (let i = 0; i < this.count; i++) {
      const o = i * BOX;
      const sx = this.x[i] as number;
      const sy = this.y[i] as number;
      const h = Math.max(2, columns.loadOf(i) * this.pxPerMW);
      this.boxes[o] = sx - HALF_PX;
      this.boxes[o + 1] = sy - h - HALF_PX;
      this.boxes[o + 2] = sx + HALF_PX;
      this.boxes[o + 3] = sy + HALF_PX;
      this.bases.boxes[o] = sx - HALF_PX;
      this.bases.boxes[o + 1] = sy - HALF_PX;
      this.bases.boxes[o + 2] = sx + HALF_PX;
      this.bases.boxes[o + 3] = sy + HALF_PX;
    }
    this.bases.count = this.count;
  }

  /** Whether column i's base is on screen. */
  visible(i: number): boolean {
    const sx = this.x[i] as number;
    const sy = this.y[i] as number;
    return sx >= 0 && sx <= this.width && sy >= 0 && sy <= this.height;
  }
}
