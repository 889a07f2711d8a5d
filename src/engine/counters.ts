// The integer counter buffer of a group of parameter sets: histograms (with atoms and the
// exceedance count), site misses, site load sums (64-bit pairs), region-year curtailments.
import { HIST_STRIDE } from '../kernel/contract';
import type { PackedScenario } from './pack';

export function counterLayout(paramSets: number, p: PackedScenario) {
  const hist = 0;
  const miss = hist + paramSets * p.nSeries * HIST_STRIDE;
  const load = miss + paramSets * p.nSites * p.nYears;
  const curtail = load + paramSets * p.nSites * p.nYears * 2;
  const total = curtail + paramSets * p.nRegions * p.nYears;
  return { hist, miss, load, curtail, total };
}
export type CounterLayout = ReturnType<typeof counterLayout>;
