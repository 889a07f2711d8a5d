// The map's key: what a column's colour and height mean (with a height scale bar for the view),
// clustered columns, and the region circles; on a small map only the colour ramp and the scale
// bar show (compact), so the key fits the map's margins instead of folding away.
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
    stacked: { type: Boolean, reflect: true },
    compact: { type: Boolean, reflect: true },
  };

  declare year: number | undefined;
  /** The height scale bar: the load it stands for (MW) and its height (CSS px); none at 0. */
  declare scaleMW: number;
  declare scalePx: number;
  declare hasAggregates: boolean;
  declare hasClusters: boolean;
  /** Starts closed (small or crowded maps: an open key would cover them); the visitor can still open it. */
  declare collapsed: boolean;
  /** One column of entries, for a map too narrow for two side by side. */
  declare stacked: boolean;
  /**
   * One short row (colour ramp and height scale) for a small map, where the full key would
   * cover its data: the sentences stay for screen readers, visually hidden.
   */
  declare compact: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.year = undefined;
    this.scaleMW = 0;
    this.scalePx = 0;
    this.hasAggregates = false;
    this.hasClusters = false;
    this.collapsed = false;
    this.stacked = false;
    this.compact = false;
  }

  // Sized in px and em of the host's font, which hr-map sets from the map box (container units),
  // not from the root: presentation mode's larger rem would make the key too big for its map.
  static override styles = css`
    :host { display: block; background: rgba(255, 255, 255, 0.94); border: 1px solid #c3ccd6; border-radius: 6px; padding: 0.6em 0.8em; font-size: 12px; color: #1a1a1a; max-width: 33em; }
    /* Two columns: a wide, short key fits the margins of a view (the ocean under a world map). */
    .body { display: grid; grid-template-columns: repeat(2, minmax(12em, 16em)); column-gap: 1.07em; align-items: start; }
    :host([stacked]) .body { grid-template-columns: minmax(12em, 17.3em); }
    summary { font-size: 1.04em; font-weight: 700; cursor: pointer; margin-bottom: 0.32em; }
    details:not([open]) summary { margin: 0; }
    .bar { height: 0.8em; border-radius: 2px; border: 1px solid #8a96a3; }
    .ticks { display: flex; justify-content: space-between; font-variant-numeric: tabular-nums; }
    p { margin: 0.4em 0 0; line-height: 1.3; }
    .swatch { display: inline-block; width: 1.07em; height: 1.07em; border-radius: 50%; border: 1.5px solid #c9a03a; background: rgba(253, 174, 97, 0.35); vertical-align: -0.2em; margin-right: 0.33em; }
    .col { display: inline-block; width: 0.6em; height: 1.2em; background: #d7191c; vertical-align: -0.2em; margin-right: 0.4em; }
    .scale { display: flex; align-items: flex-end; gap: 0.47em; font-weight: 600; font-variant-numeric: tabular-nums; }
    .scale .unit { display: inline-block; width: 9px; background: #55606c; }
    :host([compact]) .body { display: block; }
    :host([compact]) .main { display: flex; align-items: flex-end; gap: 0.8em; }
    :host([compact]) .ramp { width: 13em; }
    :host([compact]) .scale { margin: 0; }
    :host([compact]) .note { position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .badge { display: inline-block; min-width: 1.32em; padding: 0 0.29em; border-radius: 0.74em; background: #1a1a1a; color: #fff; font-size: 0.91em; text-align: center; margin-right: 0.37em; }
  `;

  override render() {
    const year = this.year ?? '';
    const scale = formatMW(this.scaleMW);
    return html`
      <details ?open=${!this.collapsed}>
      <summary>${t('map:key.title', { year })}</summary>
      <div class="body">
      <div class="main">
      <div class="ramp">
      <div class="bar" style="background:${RISK_GRADIENT_CSS}" role="img" aria-label=${t('map:key.ramp')}></div>
      <div class="ticks" aria-hidden="true"><span>0%</span><span>25%</span><span>50%</span><span>75%</span><span>100%</span></div>
      </div>
      <p class="note"><span class="col" aria-hidden="true"></span>${t('map:key.column', { year })}</p>
      ${
        this.scaleMW > 0 && this.scalePx > 0
          ? html`<p class="scale" role="img" data-testid="map-scale" aria-label=${t('map:key.scaleLabel', { mw: scale })}><span class="unit" style="height:${this.scalePx.toFixed(1)}px" aria-hidden="true"></span><span aria-hidden="true">${t('map:key.scale', { mw: scale })}</span></p>`
          : nothing
      }
      </div>
      <div>
      ${this.hasClusters ? html`<p class="note"><span class="badge" aria-hidden="true">3</span>${t('map:key.cluster')}</p>` : nothing}
      <p class="note"><span class="swatch" aria-hidden="true"></span>${t('map:key.region')}</p>
      ${this.hasAggregates ? html`<p class="note">${t('map:key.aggregate')}</p>` : nothing}
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
