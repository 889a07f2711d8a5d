// Gaussian copula factors from a scenario's rank correlations: each group's Spearman matrix,
// mapped to the normal scale (r = 2 sin(πρ/6), exact for a Gaussian copula), then Cholesky.
// A matrix that is not positive semi-definite is a scenario error that names the inputs.
import { normCdf64, normInv64 } from '../kernel/distributions';
import { CORRELATION_GROUPS, type CorrelationGroup } from './names';

/** Host matrices hold the largest group (the eight knobs); the shader's groups use their 6 × 6 part. */
export const MATRIX_STRIDE = 8;

export interface CorrelationSpec {
  inputs: readonly [string, string];
  spearman: number;
}

export interface CopulaIssue {
  path: string;
  message: string;
}

/** Lower-triangular factors, MATRIX_STRIDE² row-major each; absent for an uncorrelated group. */
export type CopulaFactors = Partial<Record<CorrelationGroup, Float64Array>>;

const GROUPS = Object.keys(CORRELATION_GROUPS) as CorrelationGroup[];

function groupOf(name: string): { group: CorrelationGroup; index: number } | undefined {
  for (const group of GROUPS) {
    const index = (CORRELATION_GROUPS[group] as readonly string[]).indexOf(name);
    if (index >= 0) return { group, index };
  }
  return undefined;
}

/** Cholesky of a symmetric matrix; the index of the member where it fails, or the factor. */
export function cholesky(r: Float64Array, n: number): Float64Array | number {
  const l = new Float64Array(MATRIX_STRIDE * MATRIX_STRIDE);
  const at = (i: number, j: number) => i * MATRIX_STRIDE + j;
  for (let j = 0; j < n; j++) {
    let d = r[at(j, j)];
    for (let k = 0; k < j; k++) d -= l[at(j, k)] ** 2;
    if (d < -1e-9) return j;
    l[at(j, j)] = Math.sqrt(Math.max(d, 0));
    for (let i = j + 1; i < n; i++) {
      let v = r[at(i, j)];
      for (let k = 0; k < j; k++) v -= l[at(i, k)] * l[at(j, k)];
      if (l[at(j, j)] > 1e-12) l[at(i, j)] = v / l[at(j, j)];
      else if (Math.abs(v) > 1e-9) return i; // a zero pivot with a non-zero remainder: not PSD
    }
  }
  return l;
}

export function buildCopula(correlations: readonly CorrelationSpec[]): { factors: CopulaFactors; issues: CopulaIssue[] } {
  const issues: CopulaIssue[] = [];
  const matrices: Partial<Record<CorrelationGroup, Float64Array>> = {};
  const firstUse: Partial<Record<CorrelationGroup, number>> = {};
  const seen = new Map<string, number>();
  correlations.forEach((c, i) => {
    const path = `correlations[${i}]`;
    const [a, b] = c.inputs.map(groupOf);
    c.inputs.forEach((name, k) => {
      if (![a, b][k])
        issues.push({
          path: `${path}.inputs[${k}]`,
          message: `unknown input '${name}' (known: ${GROUPS.map((g) => CORRELATION_GROUPS[g].join(', ')).join('; ')})`,
        });
    });
    if (!a || !b) return;
    if (a.group !== b.group) {
      issues.push({
        path: `${path}.inputs`,
        message: `'${c.inputs[0]}' (${a.group}) and '${c.inputs[1]}' (${b.group}) are drawn for different things; correlate inputs of the same group`,
      });
      return;
    }
    if (a.index === b.index) {
      issues.push({ path: `${path}.inputs`, message: 'must name two different inputs' });
      return;
    }
    const pair = [c.inputs[0], c.inputs[1]].sort().join('|');
    if (seen.has(pair)) {
      issues.push({ path: `${path}.inputs`, message: `duplicate of correlations[${seen.get(pair)}]` });
      return;
    }
    seen.set(pair, i);
    matrices[a.group] ??= identity();
    const m = matrices[a.group] as Float64Array;
    const r = 2 * Math.sin((Math.PI * c.spearman) / 6);
    m[a.index * MATRIX_STRIDE + b.index] = r;
    m[b.index * MATRIX_STRIDE + a.index] = r;
    firstUse[a.group] ??= i;
  });
  const factors: CopulaFactors = {};
  for (const group of GROUPS) {
    const m = matrices[group];
    if (!m) continue;
    const members = CORRELATION_GROUPS[group];
    const l = cholesky(m, members.length);
    if (typeof l === 'number') {
      issues.push({
        path: `correlations[${firstUse[group]}]`,
        message: `the ${group} correlations (${members.join(', ')}) are not positive semi-definite: no joint distribution has them (it fails at '${members[l]}'); weaken or reconcile them`,
      });
    } else factors[group] = l;
  }
  return { factors, issues };
}

function identity(): Float64Array {
  const m = new Float64Array(MATRIX_STRIDE * MATRIX_STRIDE);
  for (let i = 0; i < MATRIX_STRIDE; i++) m[i * MATRIX_STRIDE + i] = 1;
  return m;
}

/** The Gaussian copula on a row of uniforms (in place): z = Φ⁻¹(u), z′ = L z, u′ = Φ(z′). */
export function correlateUniforms(row: Float64Array, factor: Float64Array): void {
  const n = row.length;
  const z = Array.from(row, (u) => normInv64(u));
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j <= i; j++) acc += factor[i * MATRIX_STRIDE + j] * z[j];
    row[i] = normCdf64(acc);
  }
}
