// Longitude/latitude ↔ the map's world units. d3-geo's Natural Earth projection is fitted once to
// a fixed rectangle, so every layer (outlines, sites, regions) shares one coordinate system and
// panning/zooming is only a camera move: nothing is re-projected when the view changes.
import { geoNaturalEarth1, type GeoProjection } from 'd3-geo';

/** Width of the projected world in world units (height follows the projection's aspect). */
export const WORLD_WIDTH = 1000;

export class MapProjection {
  readonly projection: GeoProjection;
  readonly width = WORLD_WIDTH;
  readonly height: number;

  constructor() {
    // Natural Earth: a compromise projection that keeps both the whole world and a country-sized
    // view readable, without Mercator's blow-up of northern Europe.
    this.projection = geoNaturalEarth1().fitWidth(WORLD_WIDTH, { type: 'Sphere' });
    const top = this.projection([0, 90]);
    const bottom = this.projection([0, -90]);
    this.height = top && bottom ? bottom[1] - top[1] : WORLD_WIDTH / 2;
  }

  /**
   * Screen-style projected coordinates (y down, origin top-left) to world units centred on the
   * map with y up, as three.js expects.
   */
  fromProjected(px: number, py: number): [number, number] {
    const [cx, cy] = this.projection.translate();
    return [px - cx, cy - py];
  }

  toWorld(lon: number, lat: number): [number, number] | undefined {
    const p = this.projection([lon, lat]);
    return p ? this.fromProjected(p[0], p[1]) : undefined;
  }

  toLonLat(x: number, y: number): [number, number] | undefined {
    const [cx, cy] = this.projection.translate();
    const invert = this.projection.invert;
    const ll = invert ? invert([x + cx, cy - y]) : null;
    return ll && Number.isFinite(ll[0]) && Number.isFinite(ll[1]) ? [ll[0], ll[1]] : undefined;
  }
}
