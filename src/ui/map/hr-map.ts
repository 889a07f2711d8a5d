// The map panel: a lit wrapper around MapView that turns properties (scenario, result, year,
// view, selection) into in-place updates of the three.js scene, and the visitor's gestures into
// events. It owns no application state; the view it reports comes back as a property. Over the
// canvas: site names and cluster counts (SiteLabels), and the key in the form the map's size
// allows (keyForm.ts), moved to the corner where it covers no column (MapOverlay.ts), folded
// when every corner would.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { RunResult } from '../../engine/types';
import { scenarioName } from '../scenarioText';
import { t } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { LocaleController } from '../i18n/LocaleController';
import type { CaptionContext } from '../io/caption';
import { resultMatches, yearSlice } from '../resultSlices';
import type { MapViewState } from '../store';
import './hr-map-legend';
import { hrMapStyles } from './hr-map.styles';
import { type KeyForm, keyForm } from './keyForm';
import { mapToPng } from './mapExport';
import { MapNavigation } from './MapNavigation';
import { type ColumnBox, MapOverlay } from './MapOverlay';
import { tooltipLines } from './mapTooltip';
import { MapView, type MapHit } from './MapView';
import { PRESET_VIEWS, type PresetViewId } from './presetViews';

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
    keyForm: { state: true },
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
  /** The key's form for the map's size (keyForm.ts). */
  declare keyForm: KeyForm;
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
  /** Whether the key's details are open now (measured with its size): a crowded key opened by the visitor takes its open place. */
  #keyOpen = true;

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
    this.keyForm = { narrow: false, compact: false, stacked: false };
    this.keyAt = undefined;
    this.keyCrowded = false;
    this.scale = { mw: 0, px: 0 };
    this.hasClusters = false;
  }

  static override styles = hrMapStyles;

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
      const form = keyForm(frame.clientWidth, frame.clientHeight);
      if (Object.entries(form).some(([k, v]) => this.keyForm[k as keyof KeyForm] !== v)) this.keyForm = form;
      this.#keyOpen = !!legend?.shadowRoot?.querySelector('details')?.open;
      if (overlay && legend)
        overlay[this.#keyOpen ? 'keySize' : 'foldedKeySize'] = { width: legend.offsetWidth, height: legend.offsetHeight };
      if (overlay && tools) {
        overlay.toolsSize = { width: tools.offsetWidth, height: tools.offsetHeight };
        overlay.measureButtons(tools.querySelectorAll('button'));
      }
      this.#afterLayout();
    });
    this.#resize.observe(frame);
    if (legend) this.#resize.observe(legend);
    if (tools) this.#resize.observe(tools);
    map.resize(frame.clientWidth, frame.clientHeight);
    void map.loadBaseMap().catch((e: unknown) => console.warn('base map not loaded', e));
    this.#sync(new Map(['scenario', 'view', 'present'].map((k) => [k, undefined])));
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
    // A folded key goes where its folded box hides nothing (not on the buttons), unless the visitor opened it.
    const at = o.key.crowded && !this.#keyOpen && o.key.folded ? o.key.folded : o.key;
    if (this.keyAt?.x !== at.x || this.keyAt.y !== at.y) this.keyAt = { x: at.x, y: at.y };
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

  /** PNG of the map at EXPORT_SCALE with its names and the caption band (mapExport.ts); rejects when there is no map. */
  toPng(context: CaptionContext): Promise<Blob> {
    const map = this.#map;
    if (!map) return Promise.reject(new Error(t('map:unavailable')));
    const key = {
      year: this.year,
      scale: this.scale,
      hasClusters: this.hasClusters,
      hasAggregates: !!this.scenario?.sites.some((x) => x.aggregate),
    };
    return mapToPng(map, this.renderRoot.querySelector<HTMLElement>('.labels'), key, context);
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
        <hr-map-legend class=${this.keyAt ? 'placed' : ''} style=${this.keyAt ? `left:${this.keyAt.x}px;top:${this.keyAt.y}px` : ''} .year=${this.year} .scaleMW=${this.scale.mw} .scalePx=${this.scale.px} .hasAggregates=${!!s?.sites.some((x) => x.aggregate)} .hasClusters=${this.hasClusters} ?collapsed=${this.keyForm.narrow || this.keyCrowded} ?compact=${this.keyForm.compact} ?stacked=${this.keyForm.stacked}></hr-map-legend>
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
