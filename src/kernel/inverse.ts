// Inverse-CDF sampling from a given uniform, for copula-correlated draws. Mirrors
// shaders/inverse.wgsl function by function, rounding to f32 after each step.
import { BETA_CF_ITERATIONS, BETA_INV_ITERATIONS, F32 } from './contract';
import { DIST_KIND, normInv, samplePoisson, sampleNormal, sampleTriangular } from './distributions';

const fr = Math.fround;
const BETA_CF_EPS = fr(F32.BETA_CF_EPS);
const LANCZOS = [
  76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5,
].map(fr);
const TINY = fr(1e-30);

export function lnGamma(x: number): number {
  let y = x;
  const tmp = fr(fr(x + 5.5) - fr(fr(x + 0.5) * fr(Math.log(fr(x + 5.5)))));
  let ser = fr(1.000000000190015);
  for (let j = 0; j < 6; j++) {
    y = fr(y + 1);
    ser = fr(ser + fr(LANCZOS[j] / y));
  }
  return fr(-tmp + fr(Math.log(fr(fr(fr(2.5066282746310007) * ser) / x))));
}

const nonTiny = (v: number): number => (Math.abs(v) < TINY ? TINY : v);

export function betaContinuedFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = nonTiny(fr(1 - fr(fr(fr(a + b) * x) / fr(a + 1))));
  d = fr(1 / d);
  let h = d;
  for (let m = 1; m <= BETA_CF_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = fr(fr(fr(m * fr(b - m)) * x) / fr(fr(fr(a - 1) + m2) * fr(a + m2)));
    d = nonTiny(fr(1 + fr(aa * d)));
    c = nonTiny(fr(1 + fr(aa / c)));
    d = fr(1 / d);
    h = fr(h * fr(d * c));
    aa = fr(fr(fr(-fr(a + m) * fr(fr(a + b) + m)) * x) / fr(fr(a + m2) * fr(fr(a + 1) + m2)));
    d = nonTiny(fr(1 + fr(aa * d)));
    c = nonTiny(fr(1 + fr(aa / c)));
    d = fr(1 / d);
    const del = fr(d * c);
    h = fr(h * del);
    if (Math.abs(fr(del - 1)) < BETA_CF_EPS) break;
  }
  return h;
}

export function betaIncomplete(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = fr(
    fr(fr(fr(fr(lnGamma(fr(a + b)) - lnGamma(a)) - lnGamma(b)) + fr(a * fr(Math.log(x)))) + fr(b * fr(Math.log(fr(1 - x))))),
  );
  const front = fr(Math.exp(lnFront));
  if (x < fr(fr(a + 1) / fr(fr(a + b) + 2))) return fr(fr(front * betaContinuedFraction(a, b, x)) / a);
  return fr(1 - fr(fr(front * betaContinuedFraction(b, a, fr(1 - x))) / b));
}

export function betaInv(u: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  let x = fr(a / fr(a + b));
  const lnB = fr(fr(lnGamma(a) + lnGamma(b)) - lnGamma(fr(a + b)));
  for (let i = 0; i < BETA_INV_ITERATIONS; i++) {
    const f = fr(betaIncomplete(a, b, x) - u);
    if (f < 0) lo = x;
    else hi = x;
    const density = fr(Math.exp(fr(fr(fr(fr(a - 1) * fr(Math.log(x))) + fr(fr(b - 1) * fr(Math.log(fr(1 - x))))) - lnB)));
    let next = fr(x - fr(f / density));
    if (!(next > lo && next < hi)) next = fr(0.5 * fr(lo + hi));
    if (Math.abs(fr(next - x)) < fr(1e-7)) return next;
    x = next;
  }
  return x;
}

export function sampleDistU(kind: number, p0: number, p1: number, p2: number, p3: number, u: number): number {
  const a = fr(p0),
    b = fr(p1),
    c = fr(p2),
    d = fr(p3);
  switch (kind) {
    case DIST_KIND.uniform:
      return fr(a + fr(u * fr(b - a)));
    case DIST_KIND.triangular:
      return sampleTriangular(a, b, c, u);
    case DIST_KIND.normal:
      return sampleNormal(a, b, c, d, u);
    case DIST_KIND.lognormal:
      return fr(Math.exp(fr(a + fr(b * normInv(u)))));
    case DIST_KIND.pert:
      return fr(a + fr(b * betaInv(u, c, d)));
    case DIST_KIND.bernoulli:
      return u < a ? 1 : 0;
    case DIST_KIND.poisson:
      return samplePoisson(a, b, u);
    default:
      return a;
  }
}
