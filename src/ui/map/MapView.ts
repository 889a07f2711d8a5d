// The three.js map: an orthographic camera tilted a little off vertical (so column heights show
// while distances stay true to scale across the view), the base map, region discs, aggregate
// discs, site columns (clustered where they overlap) and US state lines over the US. It renders on demand — after a change, not in a loop — so an idle map
// costs nothing, and keeps its drawing buffer so the canvas can be exported and pixel-tested.
import * as THREE from 'three';
import type { Scenario } from '../../scenario/schema';
import type { MapViewState } from '../store';
import { BaseMap, MAP_COLOURS } from './BaseMap';
import { DiscLayer, regionDiscs } from './DiscLayer';
import { MapProjection, WORLD_WIDTH } from './MapProjection';
import { MAX_ZOOM, MIN_ZOOM } from './presetViews';
import { ScreenLayout } from './ScreenLayout';
import { SiteClusters, type ClusterPoint, type ColumnGroup } from './siteClusters';
import { SiteColumns } from './SiteColumns';
import { softwareWebGL } from './softwareWebGL';

/** Camera tilt from vertical (radians): enough to see columns rise, little enough to keep the map flat. */
const TILT = 0.42;
const COS_TILT = Math.cos(TILT);
/** Largest aggregate disc, in CSS pixels (area ∝ load). */
const AGGREGATE_MAX_RADIUS_PX = 26;
const SELECTION_RADIUS_PX = 13;

export type MapHit =
  | { kind: 'site' | 'aggregate'; siteIndex: number }
  | { kind: 'cluster'; group: ColumnGroup }
  | { kind: 'region'; regionIndex: number };

export interface YearValues {
  /** Per site of the scenario: expected delivered IT load (MW) and P(miss) in the year. */
  loadMW: ArrayLike<number>;
  missProbability: ArrayLike<number>;
  /** Per region: P(curtailment) in the year. */
  curtailProbability: ArrayLike<number>;
}

export class MapView {
  readonly projection = new MapProjection();
  readonly canvas: HTMLCanvasElement;
  readonly #renderer: THREE.WebGLRenderer;
  readonly #scene = new THREE.Scene();
  readonly #camera = new THREE.OrthographicCamera(-1, 1, 1, -1, 1, 8000);
  readonly #target = new THREE.Vector3();
  readonly #columns = new SiteColumns();
  readonly #regions = new DiscLayer('regions', { z: 0.03, fillOpacity: 0.28, minRadiusPx: 14, renderOrder: 2 });
  readonly #aggregates = new DiscLayer('aggregates', { z: 0.04, fillOpacity: 0.5, minRadiusPx: 4, renderOrder: 2.5 });
  readonly #raycaster = new THREE.Raycaster();
  readonly #clusters = new SiteClusters(WORLD_WIDTH);
  /** Where the columns are on screen after the last layout (labels, badges and the key use it). */
  readonly screen = new ScreenLayout();
  readonly #base: BaseMap;
  #aggregateIndex: number[] = [];
  #siteXY: [number, number][] = [];
  #selected: number | undefined;
  /** The cluster level the columns are grouped at; −1 forces a regroup. */
  #level = -1;
  #values: YearValues | undefined;
  readonly #selection = new THREE.Mesh(
    new THREE.RingGeometry(0.72, 1, 48),
    new THREE.MeshBasicMaterial({ color: '#111', depthTest: false }),
  );
  #maxAggregateMW = 1;
  #zoom = 1;
  #cssSize = { width: 1, height: 1 };
  #frame = 0;
  /** Called after the visitor (not setView) moves the map. */
  onViewChange: ((v: MapViewState) => void) | undefined;
  /** Called after every layout (camera, values or selection changed), with `screen` up to date. */
  onLayout: (() => void) | undefined;

  constructor(container: HTMLElement) {
    // Throws where WebGL is unavailable; the component shows a message instead of the map.
    // No multisampling on a software renderer: there each redraw of the map is a software
    // rasterisation read back for compositing, and 4× MSAA doubled it (100–120 ms per result on
    // SwiftShader in headless Chromium, 36–71 ms without; docs/performance.md).
    this.#renderer = new THREE.WebGLRenderer({ antialias: !softwareWebGL(), preserveDrawingBuffer: true });
    this.#renderer.setClearColor(MAP_COLOURS.background);
    this.canvas = this.#renderer.domElement;
    container.append(this.canvas);
    this.#selection.visible = false;
    this.#selection.renderOrder = 4;
    this.#scene.add(this.#regions.group, this.#aggregates.group, this.#columns.mesh, this.#selection);
    this.#base = new BaseMap(this.#scene, this.projection, () => this.requestRender());
  }

  /** Country shapes arrive after the sites can already be drawn (a separate bundle chunk). */
  loadBaseMap(): Promise<void> {
    return this.#base.load();
  }

  resize(width: number, height: number): void {
    if (width < 1 || height < 1) return;
    this.#cssSize = { width, height };
    this.#renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
    this.#renderer.setSize(width, height, false);
    this.#updateCamera();
  }

  get worldPerPixel(): number {
    return (this.#camera.right - this.#camera.left) / this.#zoom / this.#cssSize.width;
  }

  get view(): MapViewState {
    const ll = this.projection.toLonLat(this.#target.x, this.#target.y) ?? [0, 0];
    return { lon: ll[0], lat: ll[1], zoom: this.#zoom };
  }

  setView(v: MapViewState): void {
    const p = this.projection.toWorld(v.lon, v.lat);
    if (p) this.#target.set(p[0], p[1], 0);
    this.#zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom));
    this.#updateCamera();
  }

  /** Moves the map with the pointer: a drag of (dx, dy) CSS pixels. */
  panBy(dxPx: number, dyPx: number): void {
    const wpp = this.worldPerPixel;
    this.#target.x -= dxPx * wpp;
    this.#target.y += (dyPx * wpp) / COS_TILT;
    this.#userMoved();
  }

  /** Zooms by `factor` keeping the ground under (sx, sy) — CSS px from the canvas centre — in place. */
  zoomAt(factor: number, sx = 0, sy = 0): void {
    const before = this.worldPerPixel;
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.#zoom * factor));
    const after = (before * this.#zoom) / zoom;
    this.#target.x += sx * (before - after);
    this.#target.y -= (sy * (before - after)) / COS_TILT;
    this.#zoom = zoom;
    this.#userMoved();
  }

  /** Centres on a cluster and zooms in until it splits into its sites (a click on its column). */
  zoomToCluster(group: ColumnGroup): void {
    if (group.clusterId < 0) return;
    const wpp = this.#clusters.expansionWorldPerPixel(group.clusterId);
    const perZoom = this.worldPerPixel * this.#zoom;
    this.#target.set(group.x, group.y, 0);
    this.#zoom = Math.min(MAX_ZOOM, Math.max(this.#zoom * 1.5, perZoom / wpp));
    this.#userMoved();
  }

  #userMoved(): void {
    const { width, height } = this.projection;
    this.#target.x = Math.min(width / 2, Math.max(-width / 2, this.#target.x));
    this.#target.y = Math.min(height / 2, Math.max(-height / 2, this.#target.y));
    this.#updateCamera();
    this.onViewChange?.(this.view);
  }

  #updateCamera(): void {
    const { width, height } = this.#cssSize;
    const aspect = width / height;
    const half = Math.max(this.projection.width / (2 * aspect), (this.projection.height * COS_TILT) / 2) * 1.03;
    Object.assign(this.#camera, { left: -half * aspect, right: half * aspect, top: half, bottom: -half, zoom: this.#zoom });
    const distance = 3000;
    this.#camera.position.set(this.#target.x, this.#target.y - distance * Math.sin(TILT), distance * COS_TILT);
    this.#camera.lookAt(this.#target);
    this.#camera.updateProjectionMatrix();
    this.#camera.updateMatrixWorld();
    this.#base.setView(this.view);
    this.#layout();
  }

  /** Groups the columns afresh: a new scenario, cluster level or selection. */
  #regroup(level: number): void {
    this.#level = level;
    this.#columns.setGroups(this.#clusters.groups(level, this.#selected));
    if (this.#values) this.#columns.setValues(this.#values.loadMW, this.#values.missProbability);
  }

  #layout(): void {
    const wpp = this.worldPerPixel;
    const level = this.#clusters.levelFor(wpp);
    if (level !== this.#level) this.#regroup(level);
    this.screen.project(this.#columns, this.#camera, this.#cssSize.width, this.#cssSize.height);
    this.#columns.layout(wpp, wpp / Math.sin(TILT), this.screen.pxPerMW);
    this.screen.measure(this.#columns);
    this.#regions.layout(wpp);
    this.#aggregates.layout(wpp);
    const at = this.#selected === undefined ? undefined : this.#siteXY[this.#selected];
    this.#selection.visible = at !== undefined;
    if (at) {
      this.#selection.position.set(at[0], at[1], 0.06);
      this.#selection.scale.setScalar(SELECTION_RADIUS_PX * wpp);
    }
    this.onLayout?.();
    this.requestRender();
  }

  /** Presentation mode: dark borders that survive a projector. */
  setHighContrast(on: boolean): void {
    this.#base.setHighContrast(on);
    this.requestRender();
  }

  /** Rings the selected site (index into the scenario's sites). */
  setSelected(siteIndex: number | undefined): void {
    this.#selected = siteIndex;
    this.#level = -1;
    this.#layout();
  }

  /** A new scenario: where its sites and regions are. Values follow with setYearValues. */
  setScenario(scenario: Scenario): void {
    const at = scenario.sites.map((s): [number, number] => this.projection.toWorld(s.lon, s.lat) ?? [0, 0]);
    this.#siteXY = at;
    this.#clusters.load(
      scenario.sites.flatMap((s, i): ClusterPoint[] => (s.aggregate ? [] : [{ siteIndex: i, x: at[i]![0], y: at[i]![1] }])),
    );
    this.#level = -1;
    this.#values = undefined;
    this.#aggregateIndex = scenario.sites.flatMap((s, i) => (s.aggregate ? [i] : []));
    this.#maxAggregateMW = Math.max(1, ...this.#aggregateIndex.map((i) => scenario.sites[i]!.itLoadMW));
    this.#aggregates.setDiscs(this.#aggregateIndex.map((i) => ({ index: i, x: at[i]![0], y: at[i]![1], radius: 0 })));
    this.#regions.setDiscs(regionDiscs(scenario, at));
  }

  setYearValues(v: YearValues): void {
    this.#values = v;
    this.#columns.setValues(v.loadMW, v.missProbability);
    this.#aggregates.setProbabilities(v.missProbability);
    this.#aggregates.setRadiiPx(
      this.#aggregateIndex.map((i) => AGGREGATE_MAX_RADIUS_PX * Math.sqrt(Math.max(0, Number(v.loadMW[i] ?? 0)) / this.#maxAggregateMW)),
    );
    this.#regions.setProbabilities(v.curtailProbability);
    this.#layout();
  }

  /** What is under a point of the page (client coordinates), front to back: columns, aggregates, regions. */
  pick(clientX: number, clientY: number): MapHit | undefined {
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    this.#raycaster.setFromCamera(ndc, this.#camera);
    const first = (o: THREE.Object3D): number | undefined => this.#raycaster.intersectObject(o, false)[0]?.instanceId;
    const column = first(this.#columns.mesh);
    const group = column === undefined ? undefined : this.#columns.groupAt(column);
    if (group) return group.clusterId >= 0 ? { kind: 'cluster', group } : { kind: 'site', siteIndex: group.members[0] as number };
    const agg = first(this.#aggregates.fill);
    const aggIndex = agg === undefined ? undefined : this.#aggregates.indexAt(agg);
    if (aggIndex !== undefined) return { kind: 'aggregate', siteIndex: aggIndex };
    const region = first(this.#regions.fill);
    const regionIndex = region === undefined ? undefined : this.#regions.indexAt(region);
    return regionIndex === undefined ? undefined : { kind: 'region', regionIndex };
  }

  /** Where a site's base is on the page (client coordinates), e.g. to point a test or a tour at it. */
  clientPositionOfSite(siteIndex: number): { x: number; y: number } | undefined {
    const at = this.#siteXY[siteIndex];
    if (!at) return undefined;
    const v = new THREE.Vector3(at[0], at[1], 0).project(this.#camera);
    const rect = this.canvas.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  }

  /** The columns as drawn now, indexed like `screen`'s boxes. */
  get groups(): readonly ColumnGroup[] {
    return this.#columns.groups;
  }

  /** Whether US state lines are drawn now. */
  get statesShown(): boolean {
    return this.#base.statesShown;
  }

  requestRender(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.render();
    });
  }

  render(): void {
    this.#renderer.render(this.#scene, this.#camera);
  }

  /**
   * The map as it is now, drawn afresh at `scale` device pixels per CSS pixel (not the screen's
   * devicePixelRatio, so an export is the same size on every screen), copied to a 2D canvas; the
   * renderer goes back to the screen's ratio and redraws.
   */
  snapshot(scale: number): HTMLCanvasElement {
    const { width, height } = this.#cssSize;
    const ratio = this.#renderer.getPixelRatio();
    this.#renderer.setPixelRatio(scale);
    this.#renderer.setSize(width, height, false);
    this.render();
    const out = document.createElement('canvas');
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    out.getContext('2d')?.drawImage(this.canvas, 0, 0);
    this.#renderer.setPixelRatio(ratio);
    this.#renderer.setSize(width, height, false);
    this.render();
    return out;
  }

  dispose(): void {
    cancelAnimationFrame(this.#frame);
    this.#columns.dispose();
    this.#regions.dispose();
    this.#aggregates.dispose();
    this.#selection.geometry.dispose();
    this.#selection.material.dispose();
    this.#base.dispose();
    this.#renderer.dispose();
    this.canvas.remove();
  }
}
