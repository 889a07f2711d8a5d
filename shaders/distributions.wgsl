// Distribution samplers on top of philox.wgsl. Library file: plain functions only, concatenated
// after philox.wgsl and in front of a kernel. Mirrored function by function, in the same order of
// operations, by src/kernel/distributions.ts: both backends agree except where log/exp/sqrt/division
// differ in the last ulp (see test/unit/rngGpuParity.test.ts).
//
// Stream addressing: key = (seed, paramSetKey). A uniform at (draw, stream, slot) is word slot % 4
// of the call at counter (draw, stream, slot / 4, 0), so slots 4b … 4b + 3 share a call (see
// uniformAt's cache). PERT at slot s uses calls at counter (draw, stream, s, 1), (…, 2), …
// (1.02–1.06 on average, see samplePert), all four words each; fixed uses none.
//
// Packed distribution = 5 f32 [kind, p0, p1, p2, p3], built by packDist() on the host:
//   0 fixed      [value]
//   1 uniform    [min, max]
//   2 triangular [min, mode, max]
//   3 normal     [mean, sd, min, max]  absent bound = ∓3.4028235e38 (f32 max), sd > 0
//   4 lognormal  [mu, sigma]           x = exp(mu + sigma·z)
//   5 pert       [min, max − min, alpha, beta]
//   6 bernoulli  [p]
//   7 poisson    [lambda, exp(−lambda)]
// `kind` is passed as u32 (u32(packed[0]) — the packed float is an exact small integer).

// The last block of four uniforms this invocation drew, and its counter and key: a one-entry
// cache, so neighbouring slots (a region-year's heatwave and drought, four years of cyber
// incidents) cost one Philox call. Mirrored by distributions.ts.
var<private> blockWords: vec4<u32>;
var<private> blockCounter: vec4<u32>;
var<private> blockKey: vec2<u32>;
var<private> blockValid = false;

// The uniform at `slot`: word slot % 4 of the call at counter (draw, stream, slot / 4, 0).
fn uniformAt(key0: u32, key1: u32, draw: u32, stream: u32, slot: u32) -> f32 {
  let ctr = vec4<u32>(draw, stream, slot >> 2u, 0u);
  let key = vec2<u32>(key0, key1);
  if (!blockValid || any(ctr != blockCounter) || any(key != blockKey)) {
    blockWords = philox4x32(ctr, key);
    blockCounter = ctr;
    blockKey = key;
    blockValid = true;
  }
  return u01(blockWords[slot & 3u]);
}

// Acklam's tail branch for Φ⁻¹, q = sqrt(−2 ln p'): relative error 1.15e-9 in exact arithmetic
// for every p' down to the smallest f32, and well conditioned in f32 (its terms share a sign).
fn acklamTail(q: f32) -> f32 {
  return (((((-7.784894002430293e-03 * q + -3.223964580411365e-01) * q + -2.400758277161838e+00) * q
    + -2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
    / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
    + 3.754408661907416e+00) * q + 1.0);
}

// Φ⁻¹ in f32. Tails (p < 0.02425 or > 0.97575): Acklam's rational approximation. Centre:
// √2·erfinv(2p − 1) with the first branch of M. Giles' single-precision erfinv ("Approximating
// the erfinv function", GPU Computing Gems, 2011), with (1 − x)(1 + x) formed as 4p(1 − p).
// Acklam's own central branch is not used: in f32 it cancels terms of size ~7 down to ~0.015 near
// p = 0.975 and is off by 9e-5 there. The clamp keeps log() finite outside (0, 1).
fn normInv(pIn: f32) -> f32 {
  let p = clamp(pIn, 1e-37, DIST_ONE_MINUS_ULP);
  if (p < 0.02425) {
    return acklamTail(sqrt(-2.0 * log(p)));
  }
  if (p > 0.97575) {
    // 1 − p is exact here (Sterbenz), so the upper tail keeps full relative precision.
    return -acklamTail(sqrt(-2.0 * log(1.0 - p)));
  }
  let w = -log(4.0 * p * (1.0 - p)) - 2.5;
  var r = 2.81022636e-08;
  r = 3.43273939e-07 + r * w;
  r = -3.5233877e-06 + r * w;
  r = -4.39150654e-06 + r * w;
  r = 0.00021858087 + r * w;
  r = -0.00125372503 + r * w;
  r = -0.00417768164 + r * w;
  r = 0.246640727 + r * w;
  r = 1.50140941 + r * w;
  return 1.4142135623730951 * (r * (2.0 * p - 1.0));
}

// Φ(x) = erfc(−x/√2)/2 with the Numerical Recipes `erfcc` Chebyshev fit (fractional error
// < 1.2e-7 everywhere, i.e. about f32 precision). |x|/√2 is capped at 9 so exp() stays a normal
// f32 (Φ(−12.7) ≈ 1e-37 is as far as it goes).
fn normCdf(x: f32) -> f32 {
  let z = min(abs(x) * 0.7071067811865476, 9.0);
  let t = 1.0 / (1.0 + 0.5 * z);
  let e = t * exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
    + t * (-0.82215223 + t * 0.17087277)))))))));
  let h = 0.5 * e;
  if (x > 0.0) {
    return 1.0 - h;
  }
  return h;
}

fn sampleTriangular(lo: f32, mode: f32, hi: f32, u: f32) -> f32 {
  let w = hi - lo;
  let fc = (mode - lo) / w;
  var x: f32;
  if (u < fc) {
    x = lo + sqrt(u * w * (mode - lo));
  } else {
    x = hi - sqrt((1.0 - u) * w * (hi - mode));
  }
  return clamp(x, lo, hi);
}

// Inverse-CDF normal, optionally truncated to [lo, hi]. Φ of the bounds is taken in f32 here
// (not on the host) so that the exact bounds are available for the final clamp. An interval that
// lies mostly above the mean is mirrored below it, where Φ has relative precision instead of
// crowding against 1.0; the mirrored interval is walked from 1 − u, so x still rises with u
// (the copula relies on every marginal being monotone increasing). packDist drops bounds
// further than 38 sd away, so |a|, |b| ≤ 40.
fn sampleNormal(mean: f32, sd: f32, lo: f32, hi: f32, u: f32) -> f32 {
  let hasLo = lo > -DIST_NO_BOUND;
  let hasHi = hi < DIST_NO_BOUND;
  if (!hasLo && !hasHi) {
    return mean + sd * normInv(u);
  }
  var a = -40.0;
  var b = 40.0;
  if (hasLo) {
    a = (lo - mean) / sd;
  }
  if (hasHi) {
    b = (hi - mean) / sd;
  }
  let flip = a + b > 0.0;
  var fa = a;
  var fb = b;
  if (flip) {
    fa = -b;
    fb = -a;
  }
  let pa = normCdf(fa);
  let pb = normCdf(fb);
  let v = select(u, 1.0 - u, flip);
  var z = clamp(normInv(pa + v * (pb - pa)), fa, fb);
  if (flip) {
    z = -z;
  }
  return clamp(mean + sd * z, lo, hi);
}

// One Marsaglia–Tsang attempt for Gamma(alpha, 1), alpha ≥ 1: the normal comes from word w0
// (via Φ⁻¹), the acceptance uniform from word w1. Returns the variate, or −1 when rejected.
fn gammaTry(alpha: f32, w0: u32, w1: u32) -> f32 {
  let d = alpha - 1.0 / 3.0;
  let c = 1.0 / sqrt(9.0 * d);
  let z = normInv(u01(w0));
  let t = 1.0 + c * z;
  if (t <= 0.0) {
    return -1.0;
  }
  let v = t * t * t;
  let u = u01(w1);
  let z2 = z * z;
  // The squeeze accepts ~95% without a log, which also keeps log's ulp differences between the
  // backends away from most decisions.
  if (u < 1.0 - 0.0331 * z2 * z2) {
    return d * v;
  }
  if (log(u) < 0.5 * z2 + d * (1.0 - v + log(v))) {
    return d * v;
  }
  return -1.0;
}

// PERT = lo + range·X/(X+Y), X ~ Gamma(alpha), Y ~ Gamma(beta). Attempt k uses the Philox call at
// sub = k + 1 (sub 0 is uniformAt's blocks): X takes words 0–1, Y words 2–3, so the usual case (both accept at once) costs one call.
// After DIST_PERT_MAX_ATTEMPTS calls (never seen: each attempt rejects with p < 0.1) the
// distribution mean is returned.
fn samplePert(lo: f32, range: f32, alpha: f32, beta: f32, key0: u32, key1: u32, draw: u32, stream: u32, slot: u32) -> f32 {
  var gx = -1.0;
  var gy = -1.0;
  for (var k = 0u; k < DIST_PERT_MAX_ATTEMPTS; k = k + 1u) {
    let w = philox4x32(vec4<u32>(draw, stream, slot, k + 1u), vec2<u32>(key0, key1));
    if (gx < 0.0) {
      gx = gammaTry(alpha, w.x, w.y);
    }
    if (gy < 0.0) {
      gy = gammaTry(beta, w.z, w.w);
    }
    if (gx >= 0.0 && gy >= 0.0) {
      return lo + range * (gx / (gx + gy));
    }
  }
  return lo + range * (alpha / (alpha + beta));
}

// lambda < 30: inversion by sequential search from one uniform. The loop stops once the next
// term no longer changes the f32 cumulative sum (deep in the right tail, P < 1e-7), or at k = 127.
// lambda ≥ 30: round(lambda + sqrt(lambda)·z), the normal approximation (skewness 1/sqrt(lambda)
// ≤ 0.18 is ignored; variance is lambda + 1/12).
fn samplePoisson(lambda: f32, expNegLambda: f32, u: f32) -> f32 {
  if (lambda >= 30.0) {
    return max(0.0, floor(lambda + sqrt(lambda) * normInv(u) + 0.5));
  }
  var k = 0u;
  var p = expNegLambda;
  var s = p;
  loop {
    if (u <= s || k >= DIST_POISSON_MAX_K) {
      break;
    }
    k = k + 1u;
    p = p * lambda / f32(k);
    let s2 = s + p;
    if (s2 == s) {
      break;
    }
    s = s2;
  }
  return f32(k);
}

fn sampleDist(kind: u32, p0: f32, p1: f32, p2: f32, p3: f32, key0: u32, key1: u32, draw: u32, stream: u32, slot: u32) -> f32 {
  let k = kind;
  if (k == DIST_FIXED) {
    return p0;
  }
  if (k == DIST_PERT) {
    return samplePert(p0, p1, p2, p3, key0, key1, draw, stream, slot);
  }
  let u = uniformAt(key0, key1, draw, stream, slot);
  switch k {
    case DIST_UNIFORM: {
      return p0 + u * (p1 - p0);
    }
    case DIST_TRIANGULAR: {
      return sampleTriangular(p0, p1, p2, u);
    }
    case DIST_NORMAL: {
      return sampleNormal(p0, p1, p2, p3, u);
    }
    case DIST_LOGNORMAL: {
      return exp(p0 + p1 * normInv(u));
    }
    case DIST_BERNOULLI: {
      return select(0.0, 1.0, u < p0);
    }
    case DIST_POISSON: {
      return samplePoisson(p0, p1, u);
    }
    default: {
      return p0;
    }
  }
}
