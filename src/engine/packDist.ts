// Packs a scenario distribution for the kernels: [kind, p0, p1, p2, p3], the layout that
// shaders/distributions.wgsl documents (src/kernel/distributions.ts samples it on the CPU).
import { DIST_KIND, type PackedDist } from '../kernel/distributions';
import type { DistSpec } from '../scenario/schema';

/** z of the 90th percentile, Φ⁻¹(0.9). */
const Z90 = 1.2815515655446004;
const F32_MAX = 3.4028234663852886e38;
/** packDist drops truncation bounds further than this many sd from the mean (see sampleNormal). */
const FAR_BOUND_SD = 38;

/**
 * Packs a scenario distribution into [kind, p0, p1, p2, p3] (f64; the consumer stores it in a
 * Float32Array). Degenerate specs (zero width or spread) become `fixed`, so samplers never
 * divide by zero.
 */
export function packDist(spec: DistSpec): PackedDist {
  switch (spec.dist) {
    case 'fixed':
      return [DIST_KIND.fixed, spec.value, 0, 0, 0];
    case 'uniform':
      if (spec.max === spec.min) return [DIST_KIND.fixed, spec.min, 0, 0, 0];
      return [DIST_KIND.uniform, spec.min, spec.max, 0, 0];
    case 'triangular':
      return [DIST_KIND.triangular, spec.min, spec.mode, spec.max, 0];
    case 'normal': {
      let lo = spec.min ?? -F32_MAX;
      let hi = spec.max ?? F32_MAX;
      if (spec.sd === 0) return [DIST_KIND.fixed, Math.min(Math.max(spec.mean, lo), hi), 0, 0, 0];
      // A bound beyond 38 sd can never bind (u01 ≥ 2^-24 keeps |z| < 6), so drop it; this keeps
      // the standardised bounds small enough for f32 arithmetic in the sampler.
      if ((spec.mean - lo) / spec.sd > FAR_BOUND_SD) lo = -F32_MAX;
      if ((hi - spec.mean) / spec.sd > FAR_BOUND_SD) hi = F32_MAX;
      return [DIST_KIND.normal, spec.mean, spec.sd, lo, hi];
    }
    case 'lognormal': {
      const mu = Math.log(spec.median);
      const sigma = (Math.log(spec.p90) - mu) / Z90;
      if (sigma === 0) return [DIST_KIND.fixed, spec.median, 0, 0, 0];
      return [DIST_KIND.lognormal, mu, sigma, 0, 0];
    }
    case 'pert': {
      const range = spec.max - spec.min;
      const alpha = 1 + (4 * (spec.mode - spec.min)) / range;
      const beta = 1 + (4 * (spec.max - spec.mode)) / range;
      return [DIST_KIND.pert, spec.min, range, alpha, beta];
    }
    case 'bernoulli':
      return [DIST_KIND.bernoulli, spec.p, 0, 0, 0];
    case 'poisson':
      return [DIST_KIND.poisson, spec.lambda, Math.exp(-spec.lambda), 0, 0];
  }
}
