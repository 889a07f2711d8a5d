// The integer counter buffer of a group of parameter sets: histograms (with atoms and the
// exceedance count), binding causes of missed site-years, site load sums (64-bit pairs),
// region-year curtailments, MW not delivered by region-year and cause (64-bit pairs), and — when
// the run keeps region-year quantiles — each region-year's histogram of the share not delivered.
import { HIST_STRIDE, N_CAUSES, REGION_HIST_STRIDE } from '../kernel/contract';
import type { PackedScenario } from './pack';

export function counterLayout(paramSets: number, p: PackedScenario) {
  const siteYears = paramSets * p.nSites * p.nYears;
  const hist = 0;
  const binding = hist + paramSets * p.nSeries * HIST_STRIDE;
  const load = binding + siteYears * N_CAUSES;
  const curtail = load + siteYears * 2;
  const regionCause = curtail + paramSets * p.nRegions * p.nYears;
  const regionHist = regionCause + paramSets * p.nRegions * p.nYears * N_CAUSES * 2;
  const total = regionHist + (p.regionQuantiles ? paramSets * p.nRegions * p.nYears * REGION_HIST_STRIDE : 0);
  return { hist, binding, load, curtail, regionCause, regionHist: p.regionQuantiles ? regionHist : undefined, total };
}
export type CounterLayout = ReturnType<typeof counterLayout>;
