// US state boundaries from the U.S. Census Bureau's cartographic boundary files at 1:10m
// (us-atlas), in their own lazily loaded chunk: fetched from the bundle only when the view is
// first over the US, never from another origin.
import type { GeometryCollection, Topology } from 'topojson-specification';

export type UsAtlas = Topology<{ states: GeometryCollection; nation: GeometryCollection }>;

let loading: Promise<UsAtlas> | undefined;

export function loadUsAtlas(): Promise<UsAtlas> {
  loading ??= import('us-atlas/states-10m.json?raw').then((m) => JSON.parse(m.default) as UsAtlas);
  return loading;
}

/** Roughly the contiguous US, Alaska's south and Hawaii: a view centred here shows state lines. */
const US_BOUNDS = { west: -170, east: -60, south: 17, north: 66 } as const;
/** Below this zoom (the world view) state lines would be a smudge. */
export const STATES_MIN_ZOOM = 2;

export function isOverUs(lon: number, lat: number, zoom: number): boolean {
  return zoom >= STATES_MIN_ZOOM && lon >= US_BOUNDS.west && lon <= US_BOUNDS.east && lat >= US_BOUNDS.south && lat <= US_BOUNDS.north;
}
