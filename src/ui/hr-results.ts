// The headline numbers of the last good run, for parameter set 0.
import { LitElement, css, html, nothing } from 'lit';
import { findSeries, seriesSummary } from '../engine/resultJson';
import type { RunResult } from '../engine/types';
import { formatDuration, formatRate, formatStat } from './format';

export const HEADLINE_SERIES = [
  { key: 'energyDemandedMWh', label: 'Energy demanded' },
  { key: 'energyServedMWh', label: 'Energy served' },
  { key: 'curtailedMWh', label: 'Energy curtailed (grid)' },
  { key: 'waterUsedML', label: 'Cooling water used' },
  { key: 'waterShortfallML', label: 'Cooling water short' },
  { key: 'computeLostMWh', label: 'Compute lost (IT energy)' },
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
        return html`<tr data-series=${key}><th scope="row">${label}</th><td class="num" colspan="2">not in this result</td></tr>`;
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
    if (!r) return html`<p class="meta">No results yet: the scenario runs as soon as the engine has started.</p>`;
    const k = r.paramSetCount > 1 ? `, parameter set 0 of ${r.paramSetCount}` : '';
    return html`
      <table aria-label="Headline results">
        <caption>
          ${this.label ?? 'Scenario'}: ${r.years[0]}–${r.years[r.years.length - 1]}${k}
        </caption>
        <thead>
          <tr>
            <th scope="col">Series (total over the years)</th>
            <th scope="col" class="num">Mean</th>
            <th scope="col" class="num">P5 – P95</th>
          </tr>
        </thead>
        <tbody>
          ${this.#rows(r)}
        </tbody>
      </table>
      <p class="meta" data-testid="run-meta">
        ${r.draws.toLocaleString('en')} draws · seed ${r.seed} · ${r.device} ·
        ${formatDuration(r.elapsedMs)} ·
        <span data-testid="throughput">${formatRate(r.siteYearSamplesPerSecond)} site-year samples/s</span>
      </p>
      ${r.paramSetCount > 1 ? html`<p class="meta">Other parameter sets are in <code>window.headroom.lastResult</code>.</p>` : nothing}
    `;
  }
}

customElements.define('hr-results', HrResults);

declare global {
  interface HTMLElementTagNameMap {
    'hr-results': HrResults;
  }
}
