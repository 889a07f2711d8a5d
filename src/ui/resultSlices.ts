// Reading parameter set 0 out of a RunResult's flat K × entity × year arrays, for the map, the
// site detail and the region bars. Pure functions over typed arrays: nothing here runs the model.
import type { RunResult } from '../engine/types';
import type { Scenario } from '../scenario/schema';

/** The year a scenario opens on: 2030 when it is inside the horizon (the headline year of most plans), else the middle. */
export function defaultYear(scenario: Scenario): number {
  if (scenario.startYear <= 2030 && scenario.endYear >= 2030) return 2030;
  return Math.round((scenario.startYear + scenario.endYear) / 2);
}

export function resolveYear(year: number | undefined, scenario: Scenario | undefined): number | undefined {
  if (!scenario) return year;
  if (year !== undefined && year >= scenario.startYear && year <= scenario.endYear) return year;
  return defaultYear(scenario);
}

/** True when the result's sites and regions are the scenario's, in order. */
export function resultMatches(result: RunResult | undefined, scenario: Scenario | undefined): result is RunResult {
  return (
    !!result &&
    !!scenario &&
    result.siteIds.length === scenario.sites.length &&
    result.siteIds.every((id, i) => scenario.sites[i]?.id === id)
  );
}

/** Values of every entity (site or region) in one year: `perEntity` is K × entities × years. */
export function yearSlice(result: RunResult, perEntity: Float32Array, entities: number, year: number): Float32Array {
  const nY = result.years.length;
  const y = result.years.indexOf(year);
  const out = new Float32Array(entities);
  if (y < 0) return out;
  for (let i = 0; i < entities; i++) out[i] = perEntity[i * nY + y] ?? 0;
  return out;
}

/** One entity's values across the years (parameter set 0). */
export function entityYears(result: RunResult, perEntity: Float32Array, index: number): Float32Array {
  const nY = result.years.length;
  return perEntity.slice(index * nY, index * nY + nY);
}
