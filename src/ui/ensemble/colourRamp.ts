// Outcome colours for the scatter and the parallel coordinates: the map's risk ramp (blue, low →
// red, high), as a small palette of CSS colours so thousands of points need no per-point colour
// strings. Points are batched by palette entry, one canvas fill per colour.
import { RISK_STOPS } from '../map/riskColour';

export const PALETTE_SIZE = 32;

function hex(c: string): [number, number, number] {
  const n = Number.parseInt(c.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export const PALETTE: readonly string[] = Array.from({ length: PALETTE_SIZE }, (_, i) => {
  const t = (i / (PALETTE_SIZE - 1)) * (RISK_STOPS.length - 1);
  const j = Math.min(RISK_STOPS.length - 2, Math.floor(t));
  const a = hex(RISK_STOPS[j] as string);
  const b = hex(RISK_STOPS[j + 1] as string);
  const f = t - j;
  return `rgb(${a.map((v, k) => Math.round(v + ((b[k] as number) - v) * f)).join(',')})`;
});

export const RAMP_CSS = `linear-gradient(to right, ${RISK_STOPS.join(', ')})`;

/** Finite min and max of a column; [0, 1] when it has no finite value. */
export function extent(col: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const v = col[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Palette index of each value within [lo, hi]; -1 for a missing value. */
export function paletteIndex(col: ArrayLike<number>, lo: number, hi: number): Int16Array {
  const out = new Int16Array(col.length);
  const span = hi - lo || 1;
  for (let i = 0; i < col.length; i++) {
    const v = col[i] as number;
    out[i] = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, (v - lo) / span)) * (PALETTE_SIZE - 1)) : -1;
  }
  return out;
}
