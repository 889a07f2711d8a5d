// The map panel: a lit wrapper around MapView that turns properties (scenario, result, year,
// view, selection) into in-place updates of the three.js scene, and the visitor's gestures into
// events. It owns no application state; the view it reports comes back as a property. Over the
// canvas: site names and cluster counts (SiteLabels), and the key, moved to the corner where it
// covers no column (mapScale.ts), folded when every corner would.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { RunResult } from '../../engine/types';
import { scenarioName } from '../scenarioText';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { LocaleController } from '../i18n/LocaleController';
import { resultMatches, yearSlice } from '../resultSlices';
import type { MapViewState } from '../store';
import './hr-map-legend';
import { MapNavigation } from './MapNavigation';
import { type ColumnBox, MapOverlay } from './MapOverlay';
import { tooltipLines } from './mapTooltip';
import { MapView, type MapHit } from './MapView';
import { PRESET_VIEWS, type PresetViewId } from './presetViews';

/** Below this width the key starts folded away. */
const NARROW_MAP_PX = 720;
const PRESET_ORDER: readonly PresetViewId[] = ['uk', 'us', 'jp', 'world'];
const sameView = (a: MapViewState, b: MapViewState): boolean =>
  Math.abs(a.lon - b.lon) < 0.01 && Math.abs(a.lat - b.lat) < 0.01 && Math.abs(a.zoom - b.zoom) / b.zoom < 0.005;

export class HrMap extends LitElement {
  static override properties = {
    scenario: { attribute: false },
    result: { attribute: false },
    year: { type: Number },
    view: { attribute: false },
    selectedSiteId: { attribute: false },
    present: { type: Boolean },
    tooltip: { state: true },
    dropping: { state: true },
    webglError: { state: true },
    narrow: { state: true },
    keyAt: { state: true },
    keyCrowded: { state: true },
    scale: { state: true },
    hasClusters: { state: true },
  };

  declare scenario: Scenario | undefined;
  declare result: RunResult | undefined;
  declare year: number | undefined;
  declare view: MapViewState | undefined;
  declare selectedSiteId: string | undefined;
  declare present: boolean;
  declare tooltip: { x: number; y: number; lines: string[] } | undefined;
  declare dropping: boolean;
  declare webglError: string | undefined;
  declare narrow: boolean;
  /** Where the key goes (CSS px from the map's top-left); undefined: its default corner. */
  declare keyAt: { x: number; y: number } | undefined;
  /** Every corner would cover some column: the key stays folded. */
  declare keyCrowded: boolean;
  declare scale: { mw: number; px: number };
  declare hasClusters: boolean;
  #map: MapView | undefined;
  #nav: MapNavigation | undefined;
  #overlay: MapOverlay | undefined;
  #resize: ResizeObserver | undefined;
  #selectedIndex: number | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.scenario = undefined;
    this.result = undefined;
    this.year = undefined;
    this.view = undefined;
    this.selectedSiteId = undefined;
    this.present = false;
    this.tooltip = undefined;
    this.dropping = false;
    this.webglError = undefined;
    this.narrow = false;
    this.keyAt = undefined;
    this.keyCrowded = false;
    this.scale = { mw: 0, px: 0 };
    this.hasClusters = false;
  }

  static override styles = css`
    :host { display: block; position: relative; min-height: 18rem; }
    .frame { position: absolute; inset: 0; border-radius: 6px; overflow: hidden; background: #eef2f6; }
    .surface { position: absolute; inset: 0; cursor: grab; touch-action: none; outline: none; }
    .surface:focus-visible { box-shadow: inset 0 0 0 3px #1f5fbf; }
    .surface:active { cursor: grabbing; }
    canvas { display: block; width: 100%; height: 100%; }
    .tools { position: absolute; top: 0.5rem; left: 0.5rem; display: flex; flex-direction: column; gap: 0.25rem; }
    .tools .row { display: flex; gap: 0.25rem; }
    button { font: inherit; font-size: 0.8rem; min-width: 2rem; padding: 0.2rem 0.45rem; border: 1px solid #9aa6b4; border-radius: 4px; background: #fff; cursor: pointer; }
    button:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 1px; }
    hr-map-legend { position: absolute; right: 0.5rem; bottom: 0.5rem; }
    hr-map-legend.placed { right: auto; bottom: auto; }
    .labels { position: absolute; inset: 0; pointer-events: none; overflow: hidden; }
    .labels span { position: absolute; left: 0; top: 0; box-sizing: border-box; white-space: nowrap; text-align: center; }
    .site-label { height: 16px; line-height: 16px; padding: 0 4px; font: 600 11px system-ui, sans-serif; color: #1a1a1a; background: rgba(255, 255, 255, 0.82); border-radius: 3px; overflow: hidden; }
    .site-label.selected { background: #1a1a1a; color: #fff; }
    .badge { height: 16px; line-height: 16px; font: 700 11px system-ui, sans-serif; color: #fff; background: #1a1a1a; border: 1px solid #fff; border-radius: 8px; }
    .calculating { position: absolute; left: 0.5rem; bottom: 0.5rem; margin: 0; padding: 0.2rem 0.5rem; border-radius: 4px; background: rgba(255, 255, 255, 0.9); font-size: 0.8rem; color: #333; }
    .tip { position: absolute; pointer-events: none; background: rgba(20, 24, 30, 0.92); color: #fff; padding: 0.35rem 0.55rem; border-radius: 4px; font-size: 0.8rem; max-width: 18rem; z-index: 2; }
    .tip p { margin: 0; }
    .tip p:first-child { font-weight: 600; }
    .drop { position: absolute; inset: 0; display: grid; place-items: center; background: rgba(31, 95, 191, 0.15); border: 3px dashed #1f5fbf; font-weight: 600; color: #123; pointer-events: none; }
    .nowebgl { padding: 1rem; }
  `;

  override firstUpdated(): void {
    const frame = this.renderRoot.querySelector<HTMLElement>('.surface');
    if (!frame) return;
    try {
      this.#map = new MapView(frame);
    } catch (e) {
      this.webglError = e instanceof Error ? e.message : String(e);
      return;
    }
    const map = this.#map;
    map.canvas.dataset.testid = 'map-canvas';
    map.onViewChange = (v) => this.#emit('hr-map-view', v);
    const layer = this.renderRoot.querySelector<HTMLElement>('.labels');
    const overlay = layer ? new MapOverlay(map, layer) : undefined;
    this.#overlay = overlay;
    map.onLayout = () => this.#afterLayout();
    this.#nav = new MapNavigation(map, frame, {
      onHover: (hit, x, y) => this.#hover(hit, x, y),
      onPick: (hit) => (hit?.kind === 'cluster' ? map.zoomToCluster(hit.group) : this.#emit('hr-select-site', { id: this.#siteIdOf(hit) })),
    });
    const legend = this.renderRoot.querySelector('hr-map-legend');
    const tools = this.renderRoot.querySelector<HTMLElement>('.tools');
    this.#resize = new ResizeObserver(() => {
      map.resize(frame.clientWidth, frame.clientHeight);
      this.narrow = frame.clientWidth < NARROW_MAP_PX;
      if (overlay && legend?.shadowRoot?.querySelector('details')?.open)
        overlay.keySize = { width: legend.offsetWidth, height: legend.offsetHeight };
      if (overlay && tools) overlay.toolsSize = { width: tools.offsetWidth, height: tools.offsetHeight };
      this.#afterLayout();
    });
    this.#resize.observe(frame);
    if (legend) this.#resize.observe(legend);
    if (tools) this.#resize.observe(tools);
    map.resize(frame.clientWidth, frame.clientHeight);
    void map.loadBaseMap().catch((e: unknown) => console.warn('base map not loaded', e));
    this.#sync(
      new Map([
        ['scenario', undefined],
        ['view', undefined],
        ['present', undefined],
      ]),
    );
  }

  override updated(changed: PropertyValues<this>): void {
    if (this.#map) this.#sync(changed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#nav?.dispose();
    this.#map?.dispose();
    this.#map = undefined;
  }

  #sync(changed: Map<PropertyKey, unknown>): void {
    const map = this.#map;
    const s = this.scenario;
    if (!map || !s) return;
    if (changed.has('scenario')) map.setScenario(s);
    if (changed.has('scenario') || changed.has('year')) this.#overlay?.setSites(s, this.year ?? s.startYear);
    if (changed.has('scenario') || changed.has('result') || changed.has('year')) {
      const r = resultMatches(this.result, s) ? this.result : undefined;
      const year = this.year ?? s.startYear;
      const nS = s.sites.length;
      // Before the first result: columns at their planned size in grey, regions grey — "calculating", not 0 % risk.
      map.setYearValues({
        loadMW: r ? yearSlice(r, r.siteExpectedLoadMW, nS, year) : Float32Array.from(s.sites, (x) => x.itLoadMW),
        missProbability: r ? yearSlice(r, r.siteMissProbability, nS, year) : new Float32Array(nS).fill(Number.NaN),
        curtailProbability: r
          ? yearSlice(r, r.regionCurtailProbability, s.regions.length, year)
          : new Float32Array(s.regions.length).fill(Number.NaN),
      });
    }
    if (changed.has('scenario') || changed.has('selectedSiteId')) {
      const i = s.sites.findIndex((x) => x.id === this.selectedSiteId);
      this.#selectedIndex = i < 0 ? undefined : i;
      map.setSelected(this.#selectedIndex);
    }
    if (changed.has('present')) map.setHighContrast(this.present);
    if (this.view && !sameView(this.view, map.view)) map.setView(this.view);
  }

  /** After every camera move or new values: names and badges follow, then the key and the scale bar. */
  #afterLayout(): void {
    const s = this.scenario;
    const o = this.#overlay?.update(this.#selectedIndex, !!s && !resultMatches(this.result, s));
    if (!o) return;
    if (o.scale.mw !== this.scale.mw || Math.abs(o.scale.px - this.scale.px) > 0.5) this.scale = o.scale;
    this.hasClusters = o.hasClusters;
    if (!o.key) return;
    if (this.keyAt?.x !== o.key.x || this.keyAt.y !== o.key.y) this.keyAt = { x: o.key.x, y: o.key.y };
    this.keyCrowded = o.key.crowded;
  }

  #siteIdOf(hit: MapHit | undefined): string | undefined {
    return hit && (hit.kind === 'site' || hit.kind === 'aggregate') ? this.scenario?.sites[hit.siteIndex]?.id : undefined;
  }

  #hover(hit: MapHit | undefined, clientX: number, clientY: number): void {
    const s = this.scenario;
    if (!hit || !s) {
      this.tooltip = undefined;
      return;
    }
    const rect = this.getBoundingClientRect();
    const lines = tooltipLines(hit, s, this.result, this.year ?? s.startYear);
    this.tooltip = { x: clientX - rect.left + 12, y: clientY - rect.top + 12, lines };
  }

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  #zoom(factor: number): void {
    this.#map?.zoomAt(factor);
  }

  #preset(id: PresetViewId): void {
    this.#emit('hr-map-view', { ...PRESET_VIEWS[id] });
  }

  /** Client coordinates of a site's column base (undefined when off the map or unknown). */
  clientPositionOfSite(id: string): { x: number; y: number } | undefined {
    const i = this.scenario?.sites.findIndex((s) => s.id === id) ?? -1;
    return i < 0 ? undefined : this.#map?.clientPositionOfSite(i);
  }

  /**
   * What is drawn where, in client coordinates: the columns on screen (with how many sites each
   * stands for) and whether US state lines are shown. For tests and tours; not used by the page.
   */
  layoutSnapshot(): { columns: ColumnBox[]; statesShown: boolean } {
    return { columns: this.#overlay?.columnBoxes() ?? [], statesShown: !!this.#map?.statesShown };
  }

  /** PNG of the map canvas; rejects when there is no map. */
  toPng(): Promise<Blob> {
    return this.#map ? this.#map.toPng() : Promise.reject(new Error(t('map:unavailable')));
  }

  #onDragOver(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dropping = true;
  }

  #onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dropping = false;
    const file = e.dataTransfer?.files[0];
    if (file) this.#emit('hr-file', { file });
  }

  override render() {
    const s = this.scenario;
    const label = s ? t('map:label.scenario', { count: s.sites.length, name: scenarioName(s) }) : t('map:label.empty');
    return html`
      <div class="frame" data-testid="map-drop-zone" @dragover=${this.#onDragOver} @dragleave=${() => (this.dropping = false)} @drop=${this.#onDrop}>
        ${this.webglError ? html`<p class="nowebgl" role="status">${t('map:noWebgl', { error: this.webglError })}</p>` : nothing}
        <div class="surface" tabindex="0" role="application" aria-roledescription=${t('map:roleDescription')} aria-label=${label}></div>
        <div class="labels" aria-hidden="true"></div>
        <div class="tools">
          <div class="row">
            <button type="button" aria-label=${t('map:zoomIn')} title=${t('map:zoomInTitle')} @click=${() => this.#zoom(1.5)}>+</button>
            <button type="button" aria-label=${t('map:zoomOut')} title=${t('map:zoomOutTitle')} @click=${() => this.#zoom(1 / 1.5)}>−</button>
          </div>
          <div class="row" role="group" aria-label=${t('map:presetViews')}>
            ${PRESET_ORDER.map((id) => {
              const name = t(`map:preset.${id}`);
              return html`<button type="button" aria-label=${t('map:preset.show', { view: name })} @click=${() => this.#preset(id)}>${name}</button>`;
            })}
          </div>
        </div>
        <hr-map-legend class=${this.keyAt ? 'placed' : ''} style=${this.keyAt ? `left:${this.keyAt.x}px;top:${this.keyAt.y}px` : ''} .year=${this.year} .scaleMW=${this.scale.mw} .scalePx=${this.scale.px} .hasAggregates=${!!s?.sites.some((x) => x.aggregate)} .hasClusters=${this.hasClusters} ?collapsed=${this.narrow || this.keyCrowded}></hr-map-legend>
        ${
          this.tooltip
            ? html`<div class="tip" role="tooltip" style="left:${this.tooltip.x}px;top:${this.tooltip.y}px">${this.tooltip.lines.map((l) => html`<p>${l}</p>`)}</div>`
            : nothing
        }
        ${s && !resultMatches(this.result, s) && !this.webglError ? html`<p class="calculating" role="status" data-testid="map-calculating">${t('map:calculating')}</p>` : nothing}
        ${this.dropping ? html`<div class="drop">${t('map:drop')}</div>` : nothing}
      </div>
    `;
  }
}

customElements.define('hr-map', HrMap);

declare global {
  interface HTMLElementTagNameMap {
    'hr-map': HrMap;
  }
}
