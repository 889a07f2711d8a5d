// What breaks first: mean planned IT load not delivered by cause over the years, stacked (one
// filled band per cause, Okabe–Ito colours), with the total's P5–P95 band and median, and the
// total of the scenario as written (dashed) when the knobs differ from the scenario's own.
import { html } from 'lit';
import type uPlot from 'uplot';
import { shortfallByYear, type YearShortfall } from '../../engine/attribution';
import type { RunResult } from '../../engine/types';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { CAUSE_COLOURS, CAUSE_LABELS, CAUSES, knobsDiffer, powerUnit, type PowerUnit } from '../answerText';
import { axisFont, ChartElement, type TitleOptions } from './chartBase';

const translucent = (hex: string, alpha: number): string => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
};

const TOTAL = '#1a1a1a';
const N = CAUSES.length;
/** Column of each series in the data: years, N stacked causes, total P95, P5, P50, as written. */
const COL = { p95: N + 1, p5: N + 2, p50: N + 3, baseline: N + 4 } as const;

export interface CauseChartData {
  years: Float64Array;
  unit: PowerUnit;
  /** Running sums over CAUSES: stacked[c][y] = Σ_{i ≤ c} mean MW of cause i (in `unit`). */
  stacked: Float64Array[];
  p5: Float64Array;
  p50: Float64Array;
  p95: Float64Array;
  /** Mean total of the scenario as written, when it is shown. */
  baseline?: Float64Array;
}

/** Running sums over CAUSES of each row's mean MW by cause, in `divisor` units: out[c][i] = Σ_{k ≤ c}. */
export function stackCauses(rows: readonly { causes: readonly { cause: string; meanMW: number }[] }[], divisor: number): Float64Array[] {
  const stacked = CAUSES.map(() => new Float64Array(rows.length));
  rows.forEach((r, i) => {
    let sum = 0;
    CAUSES.forEach((cause, c) => {
      sum += r.causes.find((x) => x.cause === cause)?.meanMW ?? 0;
      (stacked[c] as Float64Array)[i] = sum / divisor;
    });
  });
  return stacked;
}

/** The chart's columns; undefined for a result without the shortfall series. */
export function causeChartData(scenario: Scenario, result: RunResult, baseline?: RunResult): CauseChartData | undefined {
  let rows: YearShortfall[];
  let base: YearShortfall[] | undefined;
  try {
    rows = shortfallByYear(scenario, result, 0);
    base = baseline ? shortfallByYear(scenario, baseline, 0) : undefined;
  } catch {
    return undefined;
  }
  const n = rows.length;
  let peak = 0;
  for (const r of rows) peak = Math.max(peak, r.shortfallMW.p95, r.shortfallMW.mean);
  for (const r of base ?? []) peak = Math.max(peak, r.shortfallMW.mean);
  const unit = powerUnit(peak);
  const d = unit.divisor;
  const stacked = stackCauses(rows, d);
  const p5 = new Float64Array(n);
  const p50 = new Float64Array(n);
  const p95 = new Float64Array(n);
  rows.forEach((r, y) => {
    p5[y] = r.shortfallMW.p5 / d;
    p50[y] = r.shortfallMW.p50 / d;
    p95[y] = r.shortfallMW.p95 / d;
  });
  const years = Float64Array.from(result.years);
  return { years, unit, stacked, p5, p50, p95, baseline: base ? Float64Array.from(base, (r) => r.shortfallMW.mean / d) : undefined };
}

export class HrCauseChart extends ChartElement {
  static override properties = {
    ...ChartElement.properties,
    result: { attribute: false },
    scenario: { attribute: false },
    baseline: { attribute: false },
  };
  declare result: RunResult | undefined;
  /** The scenario `result` was run on. */
  declare scenario: Scenario | undefined;
  /** The scenario as written (same scenario, its own knob values); drawn only when the result's knobs differ. */
  declare baseline: RunResult | undefined;
  #data: CauseChartData | undefined;

  constructor() {
    super();
    this.result = undefined;
    this.scenario = undefined;
    this.baseline = undefined;
  }

  protected get chartTitle(): string {
    return this.titleIn({});
  }

  protected override titleIn(options: TitleOptions): string {
    return this.#data ? t('charts:cause.titleUnit', { ...options, unit: this.#data.unit.unit }) : t('charts:cause.title', options);
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const { result, scenario } = this;
    const baseline = result && scenario && this.baseline && knobsDiffer(scenario, result) ? this.baseline : undefined;
    const f = result && scenario ? causeChartData(scenario, result, baseline) : undefined;
    this.#data = f;
    if (!f) return undefined;
    this.dataset.baseline = f.baseline ? 'shown' : 'none';
    return [f.years, ...f.stacked, f.p95, f.p5, f.p50, f.baseline ?? Array.from(f.years, () => null)];
  }

  protected makeOptions(width: number, height: number): uPlot.Options {
    const font = axisFont(this.present);
    const value = (_u: uPlot, v: number | null) => (v === null ? '—' : v.toPrecision(3));
    const causes: uPlot.Series[] = CAUSES.map((cause, c) => ({
      label: CAUSE_LABELS[cause],
      stroke: CAUSE_COLOURS[cause],
      width: 1,
      points: { show: false },
      value,
      // The lowest cause fills down to zero; each one above fills down to the one below (bands).
      ...(c === 0 ? { fill: translucent(CAUSE_COLOURS[cause], 0.85), fillTo: 0 } : {}),
    }));
    const line = (label: string, opts: Partial<uPlot.Series>): uPlot.Series => ({
      label,
      stroke: TOTAL,
      width: 1,
      points: { show: false },
      value,
      ...opts,
    });
    return {
      width,
      height,
      legend: { show: false },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max, 1e-9) * 1.05] } },
      axes: [
        { ...font, values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { ...font, label: () => this.#data?.unit.unit ?? '', size: 56 },
      ],
      series: [
        { label: t('charts:series.year'), value: (_u, v) => (v === null ? '—' : String(v)) },
        ...causes,
        line(t('charts:cause.totalP95'), { stroke: translucent(TOTAL, 0.6), dash: [2, 3] }),
        line(t('charts:cause.totalP5'), { stroke: translucent(TOTAL, 0.6), dash: [2, 3] }),
        line(t('charts:cause.totalP50'), { width: 2 }),
        line(t('charts:cause.asWritten'), { stroke: '#5a2d82', width: 2, dash: [7, 4] }),
      ],
      bands: [
        ...CAUSES.slice(1).map((cause, i): uPlot.Band => ({ series: [i + 2, i + 1], fill: translucent(CAUSE_COLOURS[cause], 0.85) })),
        { series: [COL.p95, COL.p5], fill: translucent(TOTAL, 0.1) },
      ],
    };
  }

  protected override note() {
    const f = this.#data;
    if (!f) return '';
    const swatch = (c: string) => html`<i style="background:${translucent(c, 0.85)};border:1px solid ${c}"></i>`;
    // The key in its own box: fitted (presentation), it lays out in columns rather than a tall run of lines.
    return html`<span class="keys">${CAUSES.map((cause) => html`<span class="key" data-cause=${cause}>${swatch(CAUSE_COLOURS[cause])}${CAUSE_LABELS[cause]}</span>`)}</span>
      <br />${t('charts:cause.note')}
      ${f.baseline ? html`<span class="key"><i style="background:none;border-top:2px dashed #5a2d82;height:0"></i>${t('charts:cause.keyAsWritten')}</span>` : ''}`;
  }
}

customElements.define('hr-cause-chart', HrCauseChart);
declare global {
  interface HTMLElementTagNameMap {
    'hr-cause-chart': HrCauseChart;
  }
}
