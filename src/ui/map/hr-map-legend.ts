// The map's key: what a column's colour and height mean (with a height scale bar for the view),
// clustered columns, and the region circles.
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../../i18n/i18n';
import { formatMW } from '../format';
import { LocaleController } from '../i18n/LocaleController';
import { RISK_GRADIENT_CSS } from './riskColour';

export class HrMapLegend extends LitElement {
  static override properties = {
    year: { type: Number },
    scaleMW: { type: Number },
    scalePx: { type: Number },
    hasAggregates: { type: Boolean },
    hasClusters: { type: Boolean },
    collapsed: { type: Boolean },
  };

  declare year: number | undefined;
  /** The height scale bar: the load it stands for (MW) and its height (CSS px); none at 0. */
  declare scaleMW: number;
  declare scalePx: number;
  declare hasAggregates: boolean;
  declare hasClusters: boolean;
  /** Starts closed (small or crowded maps: an open key would cover them); the visitor can still open it. */
  declare collapsed: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.year = undefined;
    this.scaleMW = 0;
    this.scalePx = 0;
    this.hasAggregates = false;
    this.hasClusters = false;
    this.collapsed = false;
  }

  static override styles = css`
    :host { display: block; background: rgba(255, 255, 255, 0.94); border: 1px solid #c3ccd6; border-radius: 6px; padding: 0.45rem 0.6rem; font-size: 0.75rem; color: #1a1a1a; max-width: 25rem; }
    /* Two columns: a wide, short key fits the margins of a view (the ocean under a world map). */
    .body { display: grid; grid-template-columns: repeat(2, minmax(9rem, 12rem)); column-gap: 0.8rem; align-items: start; }
    @media (max-width: 32rem) { .body { grid-template-columns: minmax(9rem, 13rem); } }
    summary { font-size: 0.78rem; font-weight: 700; cursor: pointer; margin-bottom: 0.25rem; }
    details:not([open]) summary { margin: 0; }
    .bar { height: 0.6rem; border-radius: 2px; border: 1px solid #8a96a3; }
    .ticks { display: flex; justify-content: space-between; font-variant-numeric: tabular-nums; }
    p { margin: 0.3rem 0 0; line-height: 1.3; }
    .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 50%; border: 1.5px solid #c9a03a; background: rgba(253, 174, 97, 0.35); vertical-align: -0.15rem; margin-right: 0.25rem; }
    .col { display: inline-block; width: 0.45rem; height: 0.9rem; background: #d7191c; vertical-align: -0.15rem; margin-right: 0.3rem; }
    .scale { display: flex; align-items: flex-end; gap: 0.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
    .scale .unit { display: inline-block; width: 9px; background: #55606c; }
    .badge { display: inline-block; min-width: 0.9rem; padding: 0 0.2rem; border-radius: 0.5rem; background: #1a1a1a; color: #fff; font-size: 0.68rem; text-align: center; margin-right: 0.25rem; }
  `;

  override render() {
    const year = this.year ?? '';
    const scale = formatMW(this.scaleMW);
    return html`
      <details ?open=${!this.collapsed}>
      <summary>${t('map:key.title', { year })}</summary>
      <div class="body">
      <div>
      <div class="bar" style="background:${RISK_GRADIENT_CSS}" role="img" aria-label=${t('map:key.ramp')}></div>
      <div class="ticks" aria-hidden="true"><span>0%</span><span>25%</span><span>50%</span><span>75%</span><span>100%</span></div>
      <p><span class="col" aria-hidden="true"></span>${t('map:key.column', { year })}</p>
      ${
        this.scaleMW > 0 && this.scalePx > 0
          ? html`<p class="scale" role="img" data-testid="map-scale" aria-label=${t('map:key.scaleLabel', { mw: scale })}><span class="unit" style="height:${this.scalePx.toFixed(1)}px" aria-hidden="true"></span><span aria-hidden="true">${t('map:key.scale', { mw: scale })}</span></p>`
          : nothing
      }
      </div>
      <div>
      ${this.hasClusters ? html`<p><span class="badge" aria-hidden="true">3</span>${t('map:key.cluster')}</p>` : nothing}
      <p><span class="swatch" aria-hidden="true"></span>${t('map:key.region')}</p>
      ${this.hasAggregates ? html`<p>${t('map:key.aggregate')}</p>` : nothing}
      </div>
      </div>
      </details>
    `;
  }
}

customElements.define('hr-map-legend', HrMapLegend);

declare global {
  interface HTMLElementTagNameMap {
    'hr-map-legend': HrMapLegend;
  }
}
