// How many parameter sets "auto" runs: as many as the engine's measured throughput gets through
// in about ENSEMBLE_TARGET_SECONDS (a power of two, which Sobol' designs like), and how long a
// chosen K will take. Before any run has measured the backend, the backend's usual K.
import type { BackendKind } from '../../engine/types';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import type { AppState } from '../store';
import { ENSEMBLE_DEFAULT_K } from './types';

/** An "auto" ensemble aims to finish in about this long. */
export const ENSEMBLE_TARGET_SECONDS = 30;
export const ENSEMBLE_MIN_K = 16;
export const ENSEMBLE_MAX_K = 4096;

/** Site-years of one draw of a scenario (0 before one is loaded). */
export const siteYearsOf = (scenario: Scenario | undefined): number =>
  scenario ? scenario.sites.length * (scenario.endYear - scenario.startYear + 1) : 0;

/** Seconds K sets of `draws` draws take at `rate` site-year samples per second (undefined without a rate). */
export function estimateSeconds(K: number, draws: number, siteYears: number, rate: number | undefined): number | undefined {
  return rate !== undefined && Number.isFinite(rate) && rate > 0 ? (K * draws * siteYears) / rate : undefined;
}

/** "auto": the largest power of two within [16, 4096] that the measured rate runs in the target time. */
export function autoK(backend: BackendKind, rate: number | undefined, draws: number, siteYears: number): number {
  const one = estimateSeconds(1, Math.max(1, draws), Math.max(1, siteYears), rate);
  if (one === undefined) return ENSEMBLE_DEFAULT_K[backend];
  const fits = 2 ** Math.floor(Math.log2(Math.max(1, ENSEMBLE_TARGET_SECONDS / one)));
  return Math.min(ENSEMBLE_MAX_K, Math.max(ENSEMBLE_MIN_K, fits));
}

/** K on "auto" for the page: its backend, its scenario and the last run's measured rate. */
export function autoKFor(s: Pick<AppState, 'engineBackend' | 'scenario' | 'result' | 'ensembleSettings'>): number {
  return autoK(s.engineBackend ?? 'cpu', s.result?.siteYearSamplesPerSecond, s.ensembleSettings.draws, siteYearsOf(s.scenario));
}

/** "12 s", "4 min", "2.5 h": an estimate, so two figures at most. */
export function formatEstimate(seconds: number): string {
  if (seconds < 1) return t('ensemble:estimate.under');
  if (seconds < 90) return t('ensemble:estimate.s', { n: Math.round(seconds) });
  if (seconds < 5400) return t('ensemble:estimate.min', { n: Math.round(seconds / 60) });
  return t('ensemble:estimate.h', { n: (seconds / 3600).toPrecision(2) });
}
