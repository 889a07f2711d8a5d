// Column heights scaled to what is in view, the key's height scale bar, and where the key goes.
// Heights follow the largest load on screen, rounded up to a "nice" number so the scale moves in
// steps (not on every pixel of a pan); the bar then shows a round load ("▮ = 1 GW").
import { BOX, type BoxSet, overlaps } from './labelPlacement';

const NICE = [1, 2, 2.5, 5, 10] as const;

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is ≥ v (v > 0); 1 for anything else. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const n of NICE) if (n * p >= v * (1 - 1e-9)) return n * p;
  return 10 * p;
}

export interface ScaleStep {
  /** The load the bar stands for (MW). */
  mw: number;
  /** Its height on screen (CSS px). */
  px: number;
}

/**
 * The bar of the height scale: the largest 1, 2, 5 × 10ⁿ MW whose column is at most `maxPx` tall
 * at `pxPerMW`, so it reads as one round number and fits the key.
 */
export function chooseScaleStep(pxPerMW: number, maxPx = 36): ScaleStep {
  if (!(pxPerMW > 0) || !Number.isFinite(pxPerMW)) return { mw: 1000, px: 0 };
  const maxMW = maxPx / pxPerMW;
  const p = 10 ** Math.floor(Math.log10(maxMW));
  const mw = [5, 2, 1].map((n) => n * p).find((m) => m <= maxMW * (1 + 1e-9)) ?? p;
  return { mw, px: mw * pxPerMW };
}

/**
 * Where the key may go, in order of preference, as fractions of the free space (0: left/top edge,
 * 1: right/bottom edge): the corners first, then the middles of the edges — the margins of a
 * view whose data fill the corners (the southern ocean under a world view).
 */
const KEY_ANCHORS: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 0],
  [0, 1],
  [0, 0],
  [0.5, 1],
  [0.5, 0],
  [1, 0.5],
  [0, 0.5],
];

export interface KeyPlace {
  /** The key's top-left corner, CSS px from the map's top-left. */
  x: number;
  y: number;
  /** Data boxes the key still covers there (0: it hides nothing). */
  covered: number;
}

const keyBox = new Float64Array(BOX);

/**
 * The place for a `w × h` key, `margin` px in from the edges, that covers the fewest boxes of
 * `sets` (columns, names, badges, and the map's own controls); ties go to the preferred place.
 */
export function chooseKeyPlace(sets: readonly BoxSet[], w: number, h: number, width: number, height: number, margin: number): KeyPlace {
  const spanX = Math.max(0, width - 2 * margin - w);
  const spanY = Math.max(0, height - 2 * margin - h);
  let best: KeyPlace = { x: margin + spanX, y: margin + spanY, covered: Number.POSITIVE_INFINITY };
  for (const [fx, fy] of KEY_ANCHORS) {
    const x = Math.round(margin + fx * spanX);
    const y = Math.round(margin + fy * spanY);
    keyBox[0] = x;
    keyBox[1] = y;
    keyBox[2] = x + w;
    keyBox[3] = y + h;
    let covered = 0;
    for (const set of sets) for (let i = 0; i < set.count && covered < best.covered; i++) if (overlaps(keyBox, 0, set.boxes, i)) covered++;
    if (covered < best.covered) best = { x, y, covered };
    if (covered === 0) break;
  }
  return best;
}
