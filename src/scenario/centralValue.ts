// The value a distribution is defined around: its mode, median or mean, whichever its
// parameters name (the design WUE of a water permit; "typical" values shown on the page).
import type { DistSpec } from './schema';

export function centralValue(spec: DistSpec): number {
  switch (spec.dist) {
    case 'fixed':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'triangular':
    case 'pert':
      return spec.mode;
    case 'normal':
      return spec.mean;
    case 'lognormal':
      return spec.median;
    case 'bernoulli':
      return spec.p;
    case 'poisson':
      return spec.lambda;
  }
}
