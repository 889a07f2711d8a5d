// The map panel: a lit wrapper around MapView that turns properties (scenario, result, year,
// view, selection) into in-place updates of the three.js scene, and the visitor's gestures into
// events. It owns no application state; the view it reports comes back as a property.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { RunResult } from '../../engine/types';
import type { Scenario } from '../../scenario/schema';
import { formatMW, formatPercent } from '../format';
import { resultMatches, yearSlice } from '../resultSlices';
import type { MapViewState } from '../store';
import './hr-map-legend';
import { MapNavigation } from './MapNavigation';
import { MapView, type MapHit } from './MapView';
import { PRESET_VIEW_LABELS, PRESET_VIEWS, type PresetViewId } from './presetViews';

/** Below this width the key starts folded away. */
const NARROW_MAP_PX = 720;

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
  #map: MapView | undefined;
  #nav: MapNavigation | undefined;
  #resize: ResizeObserver | undefined;

  constructor() {
    super();
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
    this.#nav = new MapNavigation(map, frame, {
      onHover: (hit, x, y) => this.#hover(hit, x, y),
      onPick: (hit) => this.#emit('hr-select-site', { id: this.#siteIdOf(hit) }),
    });
    this.#resize = new ResizeObserver(() => {
      map.resize(frame.clientWidth, frame.clientHeight);
      this.narrow = frame.clientWidth < NARROW_MAP_PX;
    });
    this.#resize.observe(frame);
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
      map.setSelected(i < 0 ? undefined : i);
    }
    if (changed.has('present')) map.setHighContrast(this.present);
    if (this.view && !sameView(this.view, map.view)) map.setView(this.view);
  }

  #siteIdOf(hit: MapHit | undefined): string | undefined {
    return hit && hit.kind !== 'region' ? this.scenario?.sites[hit.siteIndex]?.id : undefined;
  }

  #hover(hit: MapHit | undefined, clientX: number, clientY: number): void {
    const s = this.scenario;
    if (!hit || !s) {
      this.tooltip = undefined;
      return;
    }
    const rect = this.getBoundingClientRect();
    const r = resultMatches(this.result, s) ? this.result : undefined;
    const year = this.year ?? s.startYear;
    const lines: string[] = [];
    if (hit.kind === 'region') {
      const region = s.regions[hit.regionIndex];
      const p = r ? yearSlice(r, r.regionCurtailProbability, s.regions.length, year)[hit.regionIndex] : undefined;
      lines.push(region?.name ?? 'Region', `P(grid curtailment) in ${year}: ${p === undefined ? '—' : formatPercent(p)}`);
    } else {
      const site = s.sites[hit.siteIndex];
      const load = r ? yearSlice(r, r.siteExpectedLoadMW, s.sites.length, year)[hit.siteIndex] : undefined;
      const miss = r ? yearSlice(r, r.siteMissProbability, s.sites.length, year)[hit.siteIndex] : undefined;
      lines.push(
        `${site?.name ?? 'Site'}${hit.kind === 'aggregate' ? ' (aggregate)' : ''}`,
        `${site?.status ?? ''} · planned ${formatMW(site?.itLoadMW ?? Number.NaN)} IT`,
        `${year}: expected ${load === undefined ? '—' : formatMW(load)}, P(miss) ${miss === undefined ? '—' : formatPercent(miss)}`,
      );
    }
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

  /** PNG of the map canvas; rejects when there is no map. */
  toPng(): Promise<Blob> {
    return this.#map ? this.#map.toPng() : Promise.reject(new Error('the map is not available (no WebGL)'));
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
    const label = `Map of ${s ? `${s.sites.length} datacenter sites in ${s.name}` : 'datacenter sites'}. Drag or use the arrow keys to pan, the wheel or + and − to zoom, click a column for its details.`;
    return html`
      <div class="frame" data-testid="map-drop-zone" @dragover=${this.#onDragOver} @dragleave=${() => (this.dropping = false)} @drop=${this.#onDrop}>
        ${
          this.webglError
            ? html`<p class="nowebgl" role="status">The map needs WebGL, which this browser could not start (${this.webglError}). The charts below still work.</p>`
            : nothing
        }
        <div class="surface" tabindex="0" role="application" aria-roledescription="map" aria-label=${label}></div>
        <div class="tools">
          <div class="row">
            <button type="button" aria-label="Zoom in" title="Zoom in (+)" @click=${() => this.#zoom(1.5)}>+</button>
            <button type="button" aria-label="Zoom out" title="Zoom out (−)" @click=${() => this.#zoom(1 / 1.5)}>−</button>
          </div>
          <div class="row" role="group" aria-label="Preset map views">
            ${(Object.keys(PRESET_VIEW_LABELS) as PresetViewId[]).map(
              (id) =>
                html`<button type="button" aria-label=${`Show ${PRESET_VIEW_LABELS[id]}`} @click=${() => this.#preset(id)}>${PRESET_VIEW_LABELS[id]}</button>`,
            )}
          </div>
        </div>
        <hr-map-legend .year=${this.year} .maxLoadMW=${s ? Math.max(...s.sites.filter((x) => !x.aggregate).map((x) => x.itLoadMW), 0) : 0} .hasAggregates=${!!s?.sites.some((x) => x.aggregate)} ?collapsed=${this.narrow}></hr-map-legend>
        ${
          this.tooltip
            ? html`<div class="tip" role="tooltip" style="left:${this.tooltip.x}px;top:${this.tooltip.y}px">${this.tooltip.lines.map((l) => html`<p>${l}</p>`)}</div>`
            : nothing
        }
        ${s && !resultMatches(this.result, s) && !this.webglError ? html`<p class="calculating" role="status" data-testid="map-calculating">Calculating… grey columns are planned sites, not yet a risk</p>` : nothing}
        ${this.dropping ? html`<div class="drop">Drop a scenario (.json) or sites (.csv, .geojson) to import</div>` : nothing}
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
