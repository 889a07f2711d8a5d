// A d3-geo path context that records projected rings instead of drawing them, so geoPath's
// clipping (at the antimeridian) and adaptive resampling feed three.js geometry directly.
import type { MapProjection } from './MapProjection';

export class PathRecorder {
  /** Each ring as a flat [x0, y0, x1, y1, …] list in world units. */
  readonly rings: number[][] = [];
  readonly closed: boolean[] = [];
  #ring: number[] | undefined;

  constructor(private readonly map: MapProjection) {}

  beginPath(): void {}

  moveTo(x: number, y: number): void {
    this.#ring = [...this.map.fromProjected(x, y)];
    this.rings.push(this.#ring);
    this.closed.push(false);
  }

  lineTo(x: number, y: number): void {
    if (!this.#ring) return this.moveTo(x, y);
    this.#ring.push(...this.map.fromProjected(x, y));
  }

  closePath(): void {
    if (this.#ring) this.closed[this.closed.length - 1] = true;
    this.#ring = undefined;
  }

  // geoPath only draws arcs for point features (pointRadius); the map never passes points here.
  arc(): void {}

  /** Line segment endpoints (x, y, z) for THREE.LineSegments: each ring edge once, closed rings closed. */
  segments(z: number): Float32Array {
    let n = 0;
    this.rings.forEach((r, i) => (n += r.length / 2 - 1 + (this.closed[i] ? 1 : 0)));
    const out = new Float32Array(n * 6);
    let o = 0;
    this.rings.forEach((r, i) => {
      const m = r.length / 2;
      const edges = m - 1 + (this.closed[i] ? 1 : 0);
      for (let k = 0; k < edges; k++) {
        const a = k * 2;
        const b = ((k + 1) % m) * 2;
        out.set([r[a] as number, r[a + 1] as number, z, r[b] as number, r[b + 1] as number, z], o);
        o += 6;
      }
    });
    return out;
  }
}
