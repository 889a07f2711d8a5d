// Co-located sites as one column with a count, through supercluster (a KD-tree clusterer built
// for web maps). Supercluster clusters in Web Mercator; the map is Natural Earth, so points are
// handed to it as the pseudo-longitude/latitude whose Mercator position is their place on this
// map: clusters then form in the map's own screen space, at any latitude.
import Supercluster from 'supercluster';

/** Sites closer than this on screen (CSS px, at the cluster level's scale) share a column. */
const RADIUS_PX = 14;
/** Supercluster's tile extent: its "pixels" per tile, which `RADIUS_PX` is measured against. */
const EXTENT = 512;
/** Past this level no two distinct places cluster (deeper zooms show every site on its own). */
export const CLUSTER_MAX_LEVEL = 6;

export interface ClusterPoint {
  siteIndex: number;
  /** World units of the map (x east, y north, centred). */
  x: number;
  y: number;
}

export interface ColumnGroup {
  /** World position: the site's, or the mean of the cluster's members. */
  x: number;
  y: number;
  /** Scenario site indices drawn by this column (one for a site on its own). */
  members: number[];
  /** Supercluster's id, for zooming in on a click; −1 for a single site. */
  clusterId: number;
}

type Props = { i: number };

export class SiteClusters {
  readonly #worldWidth: number;
  #index = new Supercluster<Props, Props>({ radius: RADIUS_PX, extent: EXTENT, maxZoom: CLUSTER_MAX_LEVEL });
  #points: ClusterPoint[] = [];

  constructor(worldWidth: number) {
    this.#worldWidth = worldWidth;
  }

  load(points: ClusterPoint[]): void {
    this.#points = points;
    const w = this.#worldWidth;
    this.#index = new Supercluster<Props, Props>({ radius: RADIUS_PX, extent: EXTENT, maxZoom: CLUSTER_MAX_LEVEL });
    this.#index.load(
      points.map((p, i) => ({
        type: 'Feature' as const,
        properties: { i },
        geometry: { type: 'Point' as const, coordinates: [(p.x / w) * 360, mercatorLat(0.5 - p.y / w)] },
      })),
    );
  }

  /** The cluster level at `worldPerPixel` (levels above CLUSTER_MAX_LEVEL cluster nothing). */
  levelFor(worldPerPixel: number): number {
    const z = Math.log2(this.#worldWidth / (EXTENT * worldPerPixel));
    return Math.max(0, Math.min(CLUSTER_MAX_LEVEL + 1, Math.round(z)));
  }

  /** World units per pixel at which a cluster splits into its parts (zoom there on a click). */
  expansionWorldPerPixel(clusterId: number): number {
    const z = Math.min(CLUSTER_MAX_LEVEL + 1, this.#index.getClusterExpansionZoom(clusterId));
    return this.#worldWidth / (EXTENT * 2 ** z);
  }

  /**
   * The columns at a level. The selected site is always drawn on its own, so picking a site in
   * the keyboard list shows its column and ring even where it would be clustered.
   */
  groups(level: number, selected?: number): ColumnGroup[] {
    const out: ColumnGroup[] = [];
    // Supercluster has no trees before its first load (the map lays out before a scenario arrives).
    if (!this.#points.length) return out;
    if (level > CLUSTER_MAX_LEVEL) {
      for (const p of this.#points) out.push({ x: p.x, y: p.y, members: [p.siteIndex], clusterId: -1 });
      return out;
    }
    for (const f of this.#index.getClusters([-180, -85, 180, 85], level)) {
      const props = f.properties;
      if (!('cluster' in props)) {
        const p = this.#points[props.i] as ClusterPoint;
        out.push({ x: p.x, y: p.y, members: [p.siteIndex], clusterId: -1 });
        continue;
      }
      const leaves = this.#index
        .getLeaves(props.cluster_id, Number.POSITIVE_INFINITY)
        .map((l) => this.#points[l.properties.i] as ClusterPoint);
      const own = leaves.findIndex((p) => p.siteIndex === selected);
      if (own >= 0) {
        const [p] = leaves.splice(own, 1) as [ClusterPoint];
        out.push({ x: p.x, y: p.y, members: [p.siteIndex], clusterId: -1 });
      }
      out.push(groupOf(leaves, leaves.length > 1 ? props.cluster_id : -1));
    }
    return out;
  }
}

function groupOf(points: ClusterPoint[], clusterId: number): ColumnGroup {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length, members: points.map((p) => p.siteIndex), clusterId };
}

/** The latitude whose Web Mercator y (0 at the top, 1 at the bottom) is `y`: supercluster's latY inverted. */
function mercatorLat(y: number): number {
  return (360 / Math.PI) * Math.atan(Math.exp((180 - y * 360) * (Math.PI / 180))) - 90;
}
