// The integer counter buffer of a group of parameter sets: histograms (with atoms and the
// exceedance count), binding causes of missed site-years, site load sums (64-bit pairs),
// region-year curtailments, and MW not delivered by region-year and cause (64-bit pairs).
import { HIST_STRIDE, N_CAUSES } from '../kernel/contract';
import type { PackedScenario } from './pack';

export function counterLayout(paramSets: number, p: PackedScenario) {
  const siteYears = paramSets * p.nSites * p.nYears;
  const hist = 0;
  const binding = hist + paramSets * p.nSeries * HIST_STRIDE;
  const load = binding + siteYears * N_CAUSES;
  const curtail = load + siteYears * 2;
  const regionCause = curtail + paramSets * p.nRegions * p.nYears;
  const total = regionCause + paramSets * p.nRegions * p.nYears * N_CAUSES * 2;
  return { hist, binding, load, curtail, regionCause, total };
}
export type CounterLayout = ReturnType<typeof counterLayout>;
