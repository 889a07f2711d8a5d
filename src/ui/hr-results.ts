// The headline numbers of the last good run, for parameter set 0.
import { LitElement, css, html, nothing } from 'lit';
import { findSeries, seriesSummary } from '../engine/resultJson';
import type { RunResult } from '../engine/types';
import { numberFormat, t } from '../i18n/i18n';
import { deviceText } from './engineText';
import { formatDuration, formatRate, formatStat } from './format';
import { LocaleController } from './i18n/LocaleController';
import { withParts } from './i18n/withParts';

type HeadlineKey = 'energyDemandedMWh' | 'energyServedMWh' | 'curtailedMWh' | 'waterUsedML' | 'waterShortfallML' | 'computeLostMWh';

/** `label` is a getter, so every list of the series (charts picker, tornado, raw export) reads the page's language. */
const headline = <K extends HeadlineKey>(key: K) => ({
  key,
  get label(): string {
    return t(`app:series.${key as HeadlineKey}`);
  },
});

export const HEADLINE_SERIES = [
  headline('energyDemandedMWh'),
  headline('energyServedMWh'),
  headline('curtailedMWh'),
  headline('waterUsedML'),
  headline('waterShortfallML'),
  headline('computeLostMWh'),
] as const;

export class HrResults extends LitElement {
  static override properties = {
    result: { attribute: false },
    label: { attribute: false },
  };

  declare result: RunResult | undefined;
  /** Name of the scenario the result belongs to. */
  declare label: string | undefined;

  constructor() {
    super();
    this.result = undefined;
    this.label = undefined;
    new LocaleController(this);
  }

  static override styles = css`
    table {
      border-collapse: collapse;
      min-width: min(40rem, 100%);
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: 0.4rem;
    }
    th,
    td {
      text-align: left;
      padding: 0.35rem 0.9rem 0.35rem 0;
      border-bottom: 1px solid #ddd;
    }
    .num {
      font-variant-numeric: tabular-nums;
      text-align: right;
    }
    .meta {
      color: #444;
      font-size: 0.9rem;
    }
  `;

  #rows(result: RunResult) {
    return HEADLINE_SERIES.map(({ key, label }) => {
      const found = findSeries(result, key);
      if (!found) {
        return html`<tr data-series=${key}><th scope="row">${label}</th><td class="num" colspan="2">${t('app:results.missing')}</td></tr>`;
      }
      const s = seriesSummary(result, 0, found.index);
      const f = formatStat(s.mean, s.p5, s.p95, found.info.unit);
      return html`<tr data-series=${key}>
        <th scope="row">${label}</th>
        <td class="num" data-field="mean">${f.mean}</td>
        <td class="num" data-field="range">${f.range}</td>
      </tr>`;
    });
  }

  override render() {
    const r = this.result;
    if (!r) return html`<p class="meta">${t('app:results.none')}</p>`;
    const span = { name: this.label ?? t('app:results.scenario'), first: r.years[0], last: r.years[r.years.length - 1] };
    return html`
      <table aria-label=${t('app:results.label')}>
        <caption>
          ${r.paramSetCount > 1 ? t('app:results.captionSets', { ...span, sets: r.paramSetCount }) : t('app:results.caption', span)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('app:results.colSeries')}</th>
            <th scope="col" class="num">${t('app:results.colMean')}</th>
            <th scope="col" class="num">P5 – P95</th>
          </tr>
        </thead>
        <tbody>
          ${this.#rows(r)}
        </tbody>
      </table>
      <p class="meta" data-testid="run-meta">
        ${t('app:results.meta', { draws: numberFormat().format(r.draws), seed: r.seed, device: deviceText(r.device), elapsed: formatDuration(r.elapsedMs) })}
        <span data-testid="throughput">${t('app:status.throughput', { rate: formatRate(r.siteYearSamplesPerSecond) })}</span>
      </p>
      ${
        r.paramSetCount > 1
          ? html`<p class="meta">${withParts((v) => t('app:results.otherSets', v), { where: html`<code>window.headroom.lastResult</code>` })}</p>`
          : nothing
      }
    `;
  }
}

customElements.define('hr-results', HrResults);

declare global {
  interface HTMLElementTagNameMap {
    'hr-results': HrResults;
  }
}
