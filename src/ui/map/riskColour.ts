// One colour ramp for every probability on the map (a site missing its planned load, a region
// being curtailed): ColorBrewer's RdYlBu reversed, readable for the common forms of colour
// blindness and in greyscale print (lightness is monotone on each side of the middle).
import * as THREE from 'three';

export const RISK_STOPS = ['#2c7bb6', '#abd9e9', '#ffffbf', '#fdae61', '#d7191c'] as const;

const stops = RISK_STOPS.map((hex) => new THREE.Color(hex));
/** Not computed yet (before the first result): a grey outside the ramp, never read as 0 % risk. */
export const PENDING_COLOUR = '#aab2bc';
const pending = new THREE.Color(PENDING_COLOUR);

/** Colour of probability p ∈ [0, 1], interpolated in sRGB between the stops; NaN (no result yet) is grey. */
export function riskColour(p: number, target = new THREE.Color()): THREE.Color {
  if (Number.isNaN(p)) return target.copy(pending);
  const t = Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const a = stops[i] as THREE.Color;
  const b = stops[i + 1] as THREE.Color;
  return target.copy(a).lerp(b, t - i);
}

/** The same ramp as a CSS gradient, for the legend. */
export const RISK_GRADIENT_CSS = `linear-gradient(to right, ${RISK_STOPS.join(', ')})`;
