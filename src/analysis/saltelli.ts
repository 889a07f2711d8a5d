// The Saltelli sampling design for variance-based sensitivity indices (Saltelli 2002; Saltelli et
// al., "Variance based sensitivity analysis of model output", Comput. Phys. Commun. 181 (2010)
// 259–270): two independent n × d matrices A and B — the first and last d columns of one
// 2d-dimensional Sobol' sequence — and for each input i the matrix AB_i, A with column i from B.
// The model runs once per row: n (d + 2) evaluations for first-order and total indices.
import { SOBOL_MAX_DIM, sobolPoints, type SobolScramble } from '../engine/design/sobol';

export const SALTELLI_MAX_INPUTS = Math.floor(SOBOL_MAX_DIM / 2);

export interface SaltelliDesign {
  /** Base rows N (rows of A, of B and of each AB_i). */
  n: number;
  /** Inputs d. */
  d: number;
  /**
   * n (d + 2) rows × d, row-major, in [0, 1): A is rows [0, n), B rows [n, 2n), AB_i rows
   * [(2 + i) n, (3 + i) n). Blocks rather than interleaving, so a prefix of the rows is never
   * mistaken for a smaller design.
   */
  points: Float64Array;
}

export interface SaltelliOptions {
  /** Default 'owen': unbiased estimates whose bootstrap spread is honest. */
  scramble?: SobolScramble;
  seed?: number;
}

/** Row of A, B or AB_i for base row j. */
export const rowA = (j: number): number => j;
export const rowB = (n: number, j: number): number => n + j;
export const rowAB = (n: number, i: number, j: number): number => (2 + i) * n + j;

export function saltelliDesign(n: number, d: number, options: SaltelliOptions = {}): SaltelliDesign {
  if (!Number.isInteger(d) || d < 1 || d > SALTELLI_MAX_INPUTS)
    throw new RangeError(`Saltelli design: inputs must be within [1, ${SALTELLI_MAX_INPUTS}] (got ${d})`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`Saltelli design: base rows must be a whole number ≥ 2 (got ${n})`);
  const base = sobolPoints(n, 2 * d, { scramble: options.scramble ?? 'owen', seed: options.seed ?? 1 });
  const points = new Float64Array(n * (d + 2) * d);
  for (let j = 0; j < n; j++) {
    const a = base.subarray(j * 2 * d, j * 2 * d + d);
    const b = base.subarray(j * 2 * d + d, (j + 1) * 2 * d);
    points.set(a, rowA(j) * d);
    points.set(b, rowB(n, j) * d);
    for (let i = 0; i < d; i++) {
      const at = rowAB(n, i, j) * d;
      points.set(a, at);
      points[at + i] = b[i] as number;
    }
  }
  return { n, d, points };
}

/** Maps unit-cube rows onto boxes [lo_i, hi_i]. */
export function scaleRows(points: Float64Array, lo: readonly number[], hi: readonly number[]): Float64Array {
  const d = lo.length;
  if (hi.length !== d || points.length % d !== 0) throw new RangeError('scaleRows: bounds do not match the points');
  return points.map((u, k) => (lo[k % d] as number) + ((hi[k % d] as number) - (lo[k % d] as number)) * u);
}
