// Country borders, coastlines and land from Natural Earth 1:50m (world-atlas), shipped inside the
// bundle as a lazily loaded chunk: the map never asks another origin for tiles or shapes.
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface WorldAtlas {
  topology: Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
}

let loading: Promise<WorldAtlas> | undefined;

export function loadWorldAtlas(): Promise<WorldAtlas> {
  // `?raw` + JSON.parse: the 750 kB file stays out of TypeScript's type inference and parses
  // faster as a string than as a JS object literal.
  loading ??= import('world-atlas/countries-50m.json?raw').then((m) => ({ topology: JSON.parse(m.default) as WorldAtlas['topology'] }));
  return loading;
}
