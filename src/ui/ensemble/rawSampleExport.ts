// Every draw of chosen outputs for one parameter set, as CSV or Apache Arrow, so a summary on the
// page can be audited. The set is the ensemble row picked in the scatter (re-drawn with the
// ensemble's own design, seed and draws, so the file's mean is that row's mean), or else the live
// view's set 0 (the knob values, at the Run settings' draws and seed).
import { checkDraws, checkSeed, DEFAULT_DRAWS, DEFAULT_SEED, validOr } from '../../engine/options';
import type { Engine, SampleOptions } from '../../engine/types';
import { numberFormat, t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { scenarioWithKnobs } from '../knobs';
import { downloadBlob, slug } from '../io/download';
import type { AppState } from '../store';
import type { RawFormat } from './actions';

export async function exportRawSamples(engine: Engine, s: AppState, format: RawFormat, series: string[]): Promise<string> {
  if (!s.scenario) throw new Error(t('ensemble:raw.noScenario'));
  if (series.length === 0) throw new Error(t('ensemble:raw.noOutputs'));
  const ens = s.ensemble;
  const picked = s.pickedSet !== undefined && ens?.result && s.pickedSet < ens.rows ? s.pickedSet : undefined;
  // Run settings the engine refuses fall back to its defaults, as the live runs do.
  const draws = validOr(() => checkDraws(s.inputs.draws)) ?? DEFAULT_DRAWS;
  const seed = validOr(() => checkSeed(s.inputs.seed)) ?? DEFAULT_SEED;
  const [scenario, options]: [Scenario, SampleOptions] =
    picked !== undefined && ens
      ? [ens.scenario, { paramSets: { count: ens.K, design: ens.design }, draws: ens.draws, seed: ens.seed, paramSet: picked, series }]
      : [scenarioWithKnobs(s.scenario, s.knobs), { paramSets: 1, draws, seed, paramSet: 0, series }];
  const raw = await engine.samples(scenario, options);
  // Loaded on first use: papaparse and apache-arrow are only needed here and in the result exports.
  const { rawSamplesToArrow, rawSamplesToCsv } = await import('../../engine/rawExport');
  const what = picked !== undefined ? `ensemble-set-${picked}` : 'live-set-0';
  const name = `headroom-samples-${slug(s.scenario.name)}-${what}.${format === 'csv' ? 'csv' : 'arrow'}`;
  const blob =
    format === 'csv'
      ? new Blob([`${rawSamplesToCsv(raw)}\n`], { type: 'text/csv' })
      : new Blob([rawSamplesToArrow(raw) as Uint8Array<ArrayBuffer>], { type: 'application/vnd.apache.arrow.file' });
  downloadBlob(name, blob);
  return t('ensemble:raw.saved', { name, draws: numberFormat().format(raw.draws), count: raw.series.length });
}
