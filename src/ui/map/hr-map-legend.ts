// The map's key: what a column's colour and height mean, and the region circles.
import { LitElement, css, html, nothing } from 'lit';
import { formatMW } from '../format';
import { RISK_GRADIENT_CSS } from './riskColour';

export class HrMapLegend extends LitElement {
  static override properties = {
    year: { type: Number },
    maxLoadMW: { type: Number },
    hasAggregates: { type: Boolean },
    collapsed: { type: Boolean },
  };

  declare year: number | undefined;
  declare maxLoadMW: number;
  declare hasAggregates: boolean;
  /** Starts closed (small maps: an open key would cover them); the visitor can still open it. */
  declare collapsed: boolean;

  constructor() {
    super();
    this.year = undefined;
    this.maxLoadMW = 0;
    this.hasAggregates = false;
    this.collapsed = false;
  }

  static override styles = css`
    :host { display: block; background: rgba(255, 255, 255, 0.94); border: 1px solid #c3ccd6; border-radius: 6px; padding: 0.45rem 0.6rem; font-size: 0.75rem; color: #1a1a1a; max-width: 13rem; }
    summary { font-size: 0.78rem; font-weight: 700; cursor: pointer; margin-bottom: 0.25rem; }
    details:not([open]) summary { margin: 0; }
    .bar { height: 0.6rem; border-radius: 2px; border: 1px solid #8a96a3; }
    .ticks { display: flex; justify-content: space-between; font-variant-numeric: tabular-nums; }
    p { margin: 0.3rem 0 0; line-height: 1.3; }
    .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 50%; border: 1.5px solid #c9a03a; background: rgba(253, 174, 97, 0.35); vertical-align: -0.15rem; margin-right: 0.25rem; }
    .col { display: inline-block; width: 0.45rem; height: 0.9rem; background: #d7191c; vertical-align: -0.15rem; margin-right: 0.3rem; }
  `;

  override render() {
    const year = this.year ?? '';
    return html`
      <details ?open=${!this.collapsed}>
      <summary>Key: probability in ${year}</summary>
      <div class="bar" style="background:${RISK_GRADIENT_CSS}" role="img" aria-label="Colour scale from blue (0%) through yellow (50%) to red (100%)"></div>
      <div class="ticks" aria-hidden="true"><span>0%</span><span>25%</span><span>50%</span><span>75%</span><span>100%</span></div>
      <p><span class="col" aria-hidden="true"></span>Column: a site. Height = expected IT load in ${year}${this.maxLoadMW > 0 ? html` (tallest ≈ ${formatMW(this.maxLoadMW)})` : nothing}; colour = P(missing its planned load).</p>
      <p><span class="swatch" aria-hidden="true"></span>Circle: a grid region around its sites; colour = P(grid curtailment).</p>
      ${this.hasAggregates ? html`<p>Filled disc: a region's other (unnamed) datacenters; area ∝ load.</p>` : nothing}
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
