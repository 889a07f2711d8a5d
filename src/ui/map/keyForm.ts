// Which form the map's key takes in a map box of a given size (CSS px): folded at first on a
// narrow map, one column on a very narrow one, and only the colour ramp and scale bar on a small
// one. From the box in px, never from the root font size: presentation mode's larger rem would
// otherwise grow the key past what its map can hold.

/** The key's distance from the map's edges (CSS px): where MapOverlay places it and where hr-map.styles.ts draws it. */
export const KEY_MARGIN_PX = 8;
/** Below this width the key starts folded away. */
const NARROW_MAP_PX = 720;
/** Below this width an opened key lists its entries in one column (as the viewport's 32rem did before). */
const STACKED_MAP_PX = 512;
/**
 * Below these sizes the key shows only its colour ramp and scale bar: the full key (about
 * 420 × 210 px) would take half the map's height, and no corner of a world view is that empty.
 */
const COMPACT_MAP_WIDTH_PX = 760;
const COMPACT_MAP_HEIGHT_PX = 380;

export interface KeyForm {
  /** The key starts folded (the visitor can open it). */
  narrow: boolean;
  /** The key's short form (hr-map-legend.ts). */
  compact: boolean;
  /** One column of entries. */
  stacked: boolean;
}

export function keyForm(mapWidthPx: number, mapHeightPx: number): KeyForm {
  const narrow = mapWidthPx < NARROW_MAP_PX;
  return {
    narrow,
    // A narrow map's key starts folded; opened on purpose, it shows everything, in one column.
    compact: !narrow && (mapWidthPx < COMPACT_MAP_WIDTH_PX || mapHeightPx < COMPACT_MAP_HEIGHT_PX),
    stacked: mapWidthPx < STACKED_MAP_PX,
  };
}
