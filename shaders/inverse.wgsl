// Inverse-CDF sampling from a given uniform, for draws that a Gaussian copula correlates.
// Mirrored by src/kernel/inverse.ts. Needs distributions.wgsl (normInv, sampleTriangular, …).
// PERT, sampled by rejection elsewhere, inverts the regularized incomplete beta here instead.

// ln Γ(x) for x > 0 (Lanczos, as Numerical Recipes' gammln).
fn lnGamma(x: f32) -> f32 {
  let c = array<f32, 6>(76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5);
  var y = x;
  let tmp = x + 5.5 - (x + 0.5) * log(x + 5.5);
  var ser = 1.000000000190015;
  for (var j = 0u; j < 6u; j++) {
    y += 1.0;
    ser += c[j] / y;
  }
  return -tmp + log(2.5066282746310005 * ser / x);
}

// Continued fraction of the incomplete beta (modified Lentz), Numerical Recipes' betacf.
fn betaContinuedFraction(a: f32, b: f32, x: f32) -> f32 {
  let tiny = 1e-30;
  var c = 1.0;
  var d = 1.0 - (a + b) * x / (a + 1.0);
  if (abs(d) < tiny) { d = tiny; }
  d = 1.0 / d;
  var h = d;
  for (var m = 1u; m <= BETA_CF_ITERATIONS; m++) {
    let mf = f32(m);
    let m2 = 2.0 * mf;
    var aa = mf * (b - mf) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (abs(d) < tiny) { d = tiny; }
    c = 1.0 + aa / c;
    if (abs(c) < tiny) { c = tiny; }
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + mf) * (a + b + mf) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + aa * d;
    if (abs(d) < tiny) { d = tiny; }
    c = 1.0 + aa / c;
    if (abs(c) < tiny) { c = tiny; }
    d = 1.0 / d;
    let del = d * c;
    h *= del;
    if (abs(del - 1.0) < BETA_CF_EPS) { break; }
  }
  return h;
}

// Regularized incomplete beta I_x(a, b).
fn betaIncomplete(a: f32, b: f32, x: f32) -> f32 {
  if (x <= 0.0) { return 0.0; }
  if (x >= 1.0) { return 1.0; }
  let front = exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * log(x) + b * log(1.0 - x));
  if (x < (a + 1.0) / (a + b + 2.0)) { return front * betaContinuedFraction(a, b, x) / a; }
  return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

// x with I_x(a, b) = u: Newton steps kept inside a shrinking bracket (bisection when they leave).
fn betaInv(u: f32, a: f32, b: f32) -> f32 {
  var lo = 0.0;
  var hi = 1.0;
  var x = a / (a + b);
  let lnB = lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  for (var i = 0u; i < BETA_INV_ITERATIONS; i++) {
    let f = betaIncomplete(a, b, x) - u;
    if (f < 0.0) { lo = x; } else { hi = x; }
    let density = exp((a - 1.0) * log(x) + (b - 1.0) * log(1.0 - x) - lnB);
    var next = x - f / density;
    if (!(next > lo && next < hi)) { next = 0.5 * (lo + hi); }
    if (abs(next - x) < 1e-7) { return next; }
    x = next;
  }
  return x;
}

// The variate of packed distribution [kind, p0..p3] at uniform u (exact inversion, all kinds).
fn sampleDistU(kind: u32, p0: f32, p1: f32, p2: f32, p3: f32, u: f32) -> f32 {
  switch kind {
    case DIST_UNIFORM: { return p0 + u * (p1 - p0); }
    case DIST_TRIANGULAR: { return sampleTriangular(p0, p1, p2, u); }
    case DIST_NORMAL: { return sampleNormal(p0, p1, p2, p3, u); }
    case DIST_LOGNORMAL: { return exp(p0 + p1 * normInv(u)); }
    case DIST_PERT: { return p0 + p1 * betaInv(u, p2, p3); }
    case DIST_BERNOULLI: { return select(0.0, 1.0, u < p0); }
    case DIST_POISSON: { return samplePoisson(p0, p1, u); }
    default: { return p0; }
  }
}
