// Scenario discovery with PRIM, the Patient Rule Induction Method (Friedman & Fisher, "Bump
// hunting in high-dimensional data", Statistics and Computing 9 (1999) 123–143), as used for
// scenario discovery by Bryant & Lempert (2010): find a box — a range per input — inside which
// the cases of interest (y = 1, e.g. "curtailment above 10%") are concentrated.
// Peeling: repeatedly cut the α share of the box's points off one face, whichever cut raises
// the mean of y in the box most, until the box holds less than `minSupport` of the data. Every
// box on the way is kept (the peeling trajectory); the chosen box is the one with the most
// coverage whose density reaches `threshold`. Pasting then grows it back face by face while that
// keeps the density from falling, and lifts cuts that the density does not need. Covering repeats
// the search on the points outside the boxes found so far.

export interface PrimBox {
  /** Per input: the box is lower[i] ≤ x_i ≤ upper[i]. */
  lower: Float64Array;
  upper: Float64Array;
  /** Per input: whether the lower (upper) face cuts into the range of the points searched; only these are described. */
  cutsLower: boolean[];
  cutsUpper: boolean[];
  /** Points in the box (among those still in play when it was found). */
  count: number;
  /** Share of all points in the box. */
  support: number;
  /** Share of all cases of interest (y = 1; or of Σy) that fall in the box. */
  coverage: number;
  /** Mean of y in the box: the share of cases of interest among its points. */
  density: number;
}

export interface PrimOptions {
  /** Share of the box's points one peel (or paste) removes (adds). Default 0.05. */
  alpha?: number;
  /** Smallest share of all points a box may hold. Default 0.05. */
  minSupport?: number;
  /** Density a box must reach to be chosen (and covering to go on). Default 0.8. */
  threshold?: number;
  /** Paste and drop needless restrictions after peeling. Default true. */
  paste?: boolean;
  /** Boxes found by covering. Default 1. */
  maxBoxes?: number;
}

export interface PrimResult {
  boxes: PrimBox[];
  /** The peeling trajectory of the first box, largest box first (for coverage–density trade-off plots). */
  trajectory: PrimBox[];
}

export class PrimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrimError';
  }
}

interface State {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  totalY: number;
}

function inBox(s: State, p: number, lower: Float64Array, upper: Float64Array): boolean {
  for (let i = 0; i < s.d; i++) {
    const v = s.x[p * s.d + i] as number;
    if (v < (lower[i] as number) || v > (upper[i] as number)) return false;
  }
  return true;
}

/** The range of the points a search starts from: faces there restrict nothing. */
interface Edge {
  lo: Float64Array;
  hi: Float64Array;
}

function makeBox(s: State, edge: Edge, members: readonly number[], lower: Float64Array, upper: Float64Array): PrimBox {
  let sumY = 0;
  for (const p of members) sumY += s.y[p] as number;
  return {
    lower: lower.slice(),
    upper: upper.slice(),
    cutsLower: Array.from({ length: s.d }, (_, i) => (lower[i] as number) > (edge.lo[i] as number)),
    cutsUpper: Array.from({ length: s.d }, (_, i) => (upper[i] as number) < (edge.hi[i] as number)),
    count: members.length,
    support: members.length / s.n,
    coverage: s.totalY > 0 ? sumY / s.totalY : 0,
    density: members.length > 0 ? sumY / members.length : 0,
  };
}

/** One peel: the face cut that leaves the highest mean; undefined when no cut is allowed. */
function bestPeel(
  s: State,
  members: number[],
  lower: Float64Array,
  upper: Float64Array,
  alpha: number,
  minCount: number,
): number[] | undefined {
  let best: { mean: number; kept: number[]; i: number; top: boolean; face: number } | undefined;
  const k = Math.max(1, Math.floor(alpha * members.length));
  for (let i = 0; i < s.d; i++) {
    const v = Float64Array.from(members, (p) => s.x[p * s.d + i] as number).sort();
    for (const top of [false, true]) {
      const cut = top ? (v[v.length - k] as number) : (v[k - 1] as number);
      // Peel strictly past the cut so ties leave together; the new face is the nearest value kept.
      const kept = members.filter((p) => (top ? (s.x[p * s.d + i] as number) < cut : (s.x[p * s.d + i] as number) > cut));
      if (kept.length === 0 || kept.length === members.length || kept.length < minCount) continue;
      const face = top ? (v[kept.length - 1] as number) : (v[v.length - kept.length] as number);
      let sum = 0;
      for (const p of kept) sum += s.y[p] as number;
      const mean = sum / kept.length;
      if (!best || mean > best.mean) best = { mean, kept, i, top, face };
    }
  }
  if (!best) return undefined;
  if (best.top) upper[best.i] = best.face;
  else lower[best.i] = best.face;
  return best.kept;
}

/** Grows a box one face at a time while that does not lower its density (the densest face first). */
function paste(s: State, pool: readonly number[], members: number[], lower: Float64Array, upper: Float64Array, alpha: number): number[] {
  let mean = members.reduce((t, p) => t + (s.y[p] as number), 0) / members.length;
  for (;;) {
    let best: { mean: number; i: number; top: boolean; bound: number } | undefined;
    for (let i = 0; i < s.d; i++) {
      for (const top of [false, true]) {
        // Points just outside this face but inside the box in every other input.
        const outside = pool.filter((p) => {
          const v = s.x[p * s.d + i] as number;
          if (top ? v <= (upper[i] as number) : v >= (lower[i] as number)) return false;
          for (let k = 0; k < s.d; k++) {
            if (k === i) continue;
            const w = s.x[p * s.d + k] as number;
            if (w < (lower[k] as number) || w > (upper[k] as number)) return false;
          }
          return true;
        });
        if (outside.length === 0) continue;
        outside.sort((a, b) => (top ? 1 : -1) * ((s.x[a * s.d + i] as number) - (s.x[b * s.d + i] as number)));
        const add = outside.slice(0, Math.max(1, Math.floor(alpha * members.length)));
        const bound = s.x[(add[add.length - 1] as number) * s.d + i] as number;
        const within = outside.filter((p) => (top ? (s.x[p * s.d + i] as number) <= bound : (s.x[p * s.d + i] as number) >= bound));
        const sum = members.reduce((t, p) => t + (s.y[p] as number), 0) + within.reduce((t, p) => t + (s.y[p] as number), 0);
        const m = sum / (members.length + within.length);
        // Ties paste too: a face that costs no density buys coverage and a simpler box.
        if (m >= mean && (!best || m > best.mean)) best = { mean: m, i, top, bound };
      }
    }
    if (!best) return members;
    if (best.top) upper[best.i] = best.bound;
    else lower[best.i] = best.bound;
    mean = best.mean;
    members = pool.filter((p) => inBox(s, p, lower, upper));
  }
}

function findBox(s: State, pool: number[], o: Required<PrimOptions>): { box: PrimBox; trajectory: PrimBox[] } {
  const lower = new Float64Array(s.d);
  const upper = new Float64Array(s.d);
  lower.fill(Infinity);
  upper.fill(-Infinity);
  for (const p of pool) {
    for (let i = 0; i < s.d; i++) {
      lower[i] = Math.min(lower[i] as number, s.x[p * s.d + i] as number);
      upper[i] = Math.max(upper[i] as number, s.x[p * s.d + i] as number);
    }
  }
  const edge: Edge = { lo: lower.slice(), hi: upper.slice() };
  const minCount = Math.max(1, Math.ceil(o.minSupport * s.n));
  const trajectory = [makeBox(s, edge, pool, lower, upper)];
  const bounds = [{ lower: lower.slice(), upper: upper.slice(), members: pool }];
  let members = pool;
  for (;;) {
    const kept = bestPeel(s, members, lower, upper, o.alpha, minCount);
    if (!kept) break;
    members = kept;
    trajectory.push(makeBox(s, edge, members, lower, upper));
    bounds.push({ lower: lower.slice(), upper: upper.slice(), members });
  }
  // Most coverage at the threshold density; failing that, the densest box.
  let pick = trajectory.findIndex((b) => b.density >= o.threshold);
  if (pick < 0) pick = trajectory.reduce((bi, b, k) => (b.density > (trajectory[bi] as PrimBox).density ? k : bi), 0);
  const chosen = bounds[pick] as (typeof bounds)[number];
  let inside = chosen.members;
  if (o.paste) {
    inside = paste(s, pool, inside, chosen.lower, chosen.upper, o.alpha);
    inside = dropRestrictions(
      s,
      edge,
      pool,
      inside,
      chosen.lower,
      chosen.upper,
      Math.min(o.threshold, (trajectory[pick] as PrimBox).density),
    );
  }
  return { box: makeBox(s, edge, inside, chosen.lower, chosen.upper), trajectory };
}

/**
 * Peeling is greedy: an early cut that barely mattered stays in every later box. Lifting a face
 * back to the data's edge while the density stays at the target gives the simpler box with more
 * coverage (the "drop restriction" step of Bryant & Lempert's scenario discovery).
 */
function dropRestrictions(
  s: State,
  edge: Edge,
  pool: readonly number[],
  members: number[],
  lower: Float64Array,
  upper: Float64Array,
  target: number,
): number[] {
  const { lo, hi } = edge;
  for (;;) {
    let best: { members: number[]; i: number; top: boolean } | undefined;
    for (let i = 0; i < s.d; i++) {
      for (const top of [false, true]) {
        if (top ? upper[i] === hi[i] : lower[i] === lo[i]) continue;
        const l = lower.slice();
        const u = upper.slice();
        if (top) u[i] = hi[i] as number;
        else l[i] = lo[i] as number;
        const wider = pool.filter((p) => inBox(s, p, l, u));
        const density = wider.reduce((t, p) => t + (s.y[p] as number), 0) / wider.length;
        if (density >= target && (!best || wider.length > best.members.length)) best = { members: wider, i, top };
      }
    }
    if (!best) return members;
    if (best.top) upper[best.i] = hi[best.i] as number;
    else lower[best.i] = lo[best.i] as number;
    members = best.members;
  }
}

/**
 * PRIM on n points: x is n × d row-major, y one value per point (1/0 for cases of interest, or
 * any non-negative score whose mean the box should maximise).
 */
export function prim(x: Float64Array, y: ArrayLike<number>, d: number, options: PrimOptions = {}): PrimResult {
  const o: Required<PrimOptions> = { alpha: 0.05, minSupport: 0.05, threshold: 0.8, paste: true, maxBoxes: 1, ...options };
  const n = y.length;
  if (!Number.isInteger(d) || d < 1 || x.length !== n * d) throw new PrimError(`x must hold n × d = ${n} × ${d} values (got ${x.length})`);
  if (n === 0) throw new PrimError('no points');
  if (!(o.alpha > 0 && o.alpha < 0.5)) throw new PrimError(`alpha must be within (0, 0.5) (got ${o.alpha})`);
  if (!(o.minSupport > 0 && o.minSupport <= 1)) throw new PrimError(`minSupport must be within (0, 1] (got ${o.minSupport})`);
  const ys = Float64Array.from(y);
  for (let k = 0; k < n; k++)
    if (!Number.isFinite(ys[k] as number) || (ys[k] as number) < 0)
      throw new PrimError(`y[${k}] must be a finite number ≥ 0 (got ${ys[k]})`);
  for (let k = 0; k < x.length; k++)
    if (!Number.isFinite(x[k] as number)) throw new PrimError(`x[${Math.floor(k / d)}][${k % d}] is not finite`);
  const s: State = { x, y: ys, n, d, totalY: ys.reduce((t, v) => t + v, 0) };
  let pool = Array.from({ length: n }, (_, p) => p);
  const boxes: PrimBox[] = [];
  let trajectory: PrimBox[] = [];
  while (boxes.length < o.maxBoxes && pool.length > 0) {
    const found = findBox(s, pool, o);
    if (boxes.length === 0) trajectory = found.trajectory;
    else if (found.box.density < o.threshold) break;
    boxes.push(found.box);
    const { lower, upper } = found.box;
    pool = pool.filter((p) => !inBox(s, p, lower, upper));
  }
  return { boxes, trajectory };
}

const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3, useGrouping: false });

/**
 * The box as a plain condition, e.g. "gridBuildoutScale < 0.8 and chipShockProbability > 0.12",
 * naming only the faces that cut into the data; units, when given, follow each number. Numbers
 * keep 3 significant digits.
 */
export function describeBox(box: PrimBox, names: readonly string[], units?: readonly (string | undefined)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < box.lower.length; i++) {
    const low = box.cutsLower[i] === true;
    const high = box.cutsUpper[i] === true;
    if (!low && !high) continue;
    const name = names[i] ?? `x${i + 1}`;
    const unit = units?.[i] ? ` ${units[i]}` : '';
    const lo = `${num.format(box.lower[i] as number)}${unit}`;
    const hi = `${num.format(box.upper[i] as number)}${unit}`;
    parts.push(low && high ? `${name} between ${lo} and ${hi}` : low ? `${name} > ${lo}` : `${name} < ${hi}`);
  }
  return parts.length === 0 ? 'any values (the box spans every input’s whole range)' : parts.join(' and ');
}
