// Greedy, collision-aware placement of map labels in screen space: candidates arrive in priority
// order (the selected site, then the largest planned load), each with a few places around its
// column (above, beside, below), and each takes the first place that lies inside the view
// and overlaps no box already kept and no column or badge. Boxes are flat typed arrays the caller
// reuses across frames, so placing labels on every pan step allocates nothing.

/** Floats per box in the flat arrays: x0, y0, x1, y1 (CSS px, y down). */
export const BOX = 4;

export function overlaps(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): boolean {
  const ai = i * BOX;
  const bj = j * BOX;
  return (
    (a[ai] as number) < (b[bj + 2] as number) &&
    (b[bj] as number) < (a[ai + 2] as number) &&
    (a[ai + 1] as number) < (b[bj + 3] as number) &&
    (b[bj + 1] as number) < (a[ai + 3] as number)
  );
}

/** Screen boxes (x0, y0, x1, y1 each) of something drawn on the map: columns, names, badges. */
export interface BoxSet {
  readonly boxes: ArrayLike<number>;
  readonly count: number;
}

/**
 * Keeps candidates `0 … count−1` (in priority order), each with `positions` alternative boxes
 * (box `i × positions + p`, tried in order): the first that fits inside `width × height` and
 * overlaps neither a kept box nor any box of `obstacles` (columns, count badges) is kept. Writes
 * the kept boxes' indices to `kept` and returns how many, at most `maxKept`.
 */
export function placeLabels(
  boxes: ArrayLike<number>,
  count: number,
  positions: number,
  obstacles: readonly BoxSet[],
  width: number,
  height: number,
  maxKept: number,
  kept: Int32Array,
): number {
  let n = 0;
  for (let i = 0; i < count && n < maxKept && n < kept.length; i++) {
    for (let p = 0; p < positions; p++) {
      const b = i * positions + p;
      if (fits(boxes, b, obstacles, width, height, kept, n)) {
        kept[n++] = b;
        break;
      }
    }
  }
  return n;
}

function fits(
  boxes: ArrayLike<number>,
  b: number,
  obstacles: readonly BoxSet[],
  width: number,
  height: number,
  kept: Int32Array,
  n: number,
): boolean {
  const o = b * BOX;
  if ((boxes[o] as number) < 0 || (boxes[o + 1] as number) < 0 || (boxes[o + 2] as number) > width || (boxes[o + 3] as number) > height)
    return false;
  for (const set of obstacles) for (let j = 0; j < set.count; j++) if (overlaps(boxes, b, set.boxes, j)) return false;
  for (let k = 0; k < n; k++) if (overlaps(boxes, b, boxes, kept[k] as number)) return false;
  return true;
}

/** A site name short enough for a label: up to its first parenthesis, dash or comma, then clipped. */
export function shortName(name: string, maxChars = 26): string {
  const cut = name.search(/\s[(—–-]\s?|,\s/);
  const head = (cut > 2 ? name.slice(0, cut) : name).trim();
  return head.length > maxChars ? `${head.slice(0, maxChars - 1).trimEnd()}…` : head;
}

/** The planned IT load of a site in a year (MW): its full load, ramped in from its planned year. */
export function plannedMWInYear(site: { itLoadMW: number; plannedYear: number; rampYears: number }, year: number): number {
  const since = year + 0.5 - site.plannedYear;
  const online = site.rampYears > 0 ? Math.min(1, Math.max(0, since / site.rampYears)) : since >= 0 ? 1 : 0;
  return site.itLoadMW * online;
}
