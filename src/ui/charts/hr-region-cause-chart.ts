// Where it breaks: per grid region, in the selected year, the mean planned IT load not delivered,
// stacked by cause (Okabe–Ito colours, as the "what breaks first" chart), regions with the most
// missing first, and the answer in a sentence below it.
import { html } from 'lit';
import type uPlot from 'uplot';
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import { type RegionShortfall, regionShortfallInYear } from '../../engine/whereBreaks';
import type { Scenario } from '../../scenario/schema';
import { CAUSE_COLOURS, CAUSE_LABELS, CAUSES, powerUnit, type PowerUnit } from '../answerText';
import { regionWhyText } from '../whyText';
import { barPaths } from './barPaths';
import { axisFont, ChartElement, shortLabel, type TitleOptions } from './chartBase';
import { stackCauses } from './hr-cause-chart';

/** Regions drawn at most: the rest of the shortfall is in the sentence's total. */
const MAX_REGIONS_SHOWN = 12;

export interface RegionCauseData {
  rows: RegionShortfall[];
  names: Map<string, string>;
  unit: PowerUnit;
  /** Running sums over CAUSES per shown region (in `unit`): stacked[c][i] = Σ_{k ≤ c} MW of cause k. */
  stacked: Float64Array[];
}

export function regionCauseData(scenario: Scenario, result: RunResult, year: number): RegionCauseData | undefined {
  if (!result.years.includes(year) || result.regionShortfallMW.length === 0) return undefined;
  const rows = regionShortfallInYear(scenario, result, 0, year).filter((r) => r.plannedMW > 0);
  const shown = rows.slice(0, MAX_REGIONS_SHOWN);
  const unit = powerUnit(...shown.map((r) => r.meanMW));
  return { rows, names: new Map(scenario.regions.map((r) => [r.id, r.name])), unit, stacked: stackCauses(shown, unit.divisor) };
}

export class HrRegionCauseChart extends ChartElement {
  static override properties = {
    ...ChartElement.properties,
    result: { attribute: false },
    scenario: { attribute: false },
    year: { type: Number },
  };
  declare result: RunResult | undefined;
  /** The scenario `result` was run on. */
  declare scenario: Scenario | undefined;
  declare year: number | undefined;
  #data: RegionCauseData | undefined;

  constructor() {
    super();
    this.result = undefined;
    this.scenario = undefined;
    this.year = undefined;
  }

  protected get chartTitle(): string {
    return this.titleIn({});
  }

  protected override titleIn(options: TitleOptions): string {
    const year = this.year ?? '';
    return this.#data
      ? t('charts:regionCause.titleUnit', { ...options, year, unit: this.#data.unit.unit })
      : t('charts:regionCause.title', { ...options, year });
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const { result, scenario, year } = this;
    this.#data = result && scenario && year !== undefined ? regionCauseData(scenario, result, year) : undefined;
    const d = this.#data;
    if (!d || d.rows.length === 0) return undefined;
    // Tallest stack first: each later bar paints the lower part of the one before.
    return [Float64Array.from((d.stacked[0] as Float64Array).keys()), ...[...d.stacked].reverse()];
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const f = axisFont(this.present);
    const n = (): number => this.#data?.stacked[0]?.length ?? 1;
    const name = (i: number): string => {
      const r = this.#data?.rows[i];
      return r ? (this.#data?.names.get(r.region) ?? r.region) : '';
    };
    const bars = barPaths(0.7, 48);
    return {
      width,
      height,
      legend: { show: false },
      scales: { x: { time: false, range: () => [-0.5, n() - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(max, 1e-9) * 1.05] } },
      axes: [
        {
          ...f,
          rotate: -50,
          size: this.present ? 150 : 96,
          splits: () => [...Array(n()).keys()],
          values: (_u, splits) => splits.map((i) => shortLabel(name(i))),
        },
        { ...f, label: () => this.#data?.unit.unit ?? '', size: 56 },
      ],
      series: [
        { label: t('charts:series.region'), value: (_u, i) => (i === null ? '—' : name(i)) },
        ...[...CAUSES].reverse().map(
          (cause): uPlot.Series => ({
            label: t('charts:regionCause.cumulative', { cause: CAUSE_LABELS[cause] }),
            fill: CAUSE_COLOURS[cause],
            stroke: CAUSE_COLOURS[cause],
            paths: bars,
            points: { show: false },
            value: (_u, v) => (v === null ? '—' : v.toPrecision(3)),
          }),
        ),
      ],
    };
  }

  protected override note() {
    const d = this.#data;
    if (!d || this.year === undefined) return '';
    return html`${CAUSES.map((cause) => html`<span class="key" data-cause=${cause}><i style="background:${CAUSE_COLOURS[cause]}"></i>${CAUSE_LABELS[cause]}</span>`)}
      <br /><span data-testid="region-why">${regionWhyText(d.rows, this.year, d.names)}</span>`;
  }
}

customElements.define('hr-region-cause-chart', HrRegionCauseChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-region-cause-chart': HrRegionCauseChart;
  }
}
