// A region-year's share of its planned IT load not delivered, from the kernels' histogram: exact
// atoms at 0 (all delivered) and 1 (nothing delivered), REGION_HIST_BINS equal bins between,
// interpolated within a bin as summarize.ts does for series. Finished in JS from u32 counts.
import { REGION_HIST_BINS, RH_FULL, RH_ZERO } from '../kernel/contract';

/** The quantiles the region-year outputs report, in order: P5, P50, P95. */
export const QUANTILES = [0.05, 0.5, 0.95] as const;

/** The q-quantile of the share (0…1) over `draws` counted draws; 0 when none were counted. */
export function shareQuantile(hist: Uint32Array, q: number, draws: number): number {
  const target = q * draws;
  let cum = hist[RH_ZERO] as number;
  if (cum >= target) return 0;
  for (let b = 0; b < REGION_HIST_BINS; b++) {
    const count = hist[b] as number;
    if (count > 0 && cum + count >= target) return (b + (target - cum) / count) / REGION_HIST_BINS;
    cum += count;
  }
  return (hist[RH_FULL] as number) > 0 ? 1 : 0;
}
