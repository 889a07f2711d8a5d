// Names of the largest sites (by planned load in the year shown) and of the selected one, and a
// count on each clustered column (which carries the name of its largest site), as HTML over the canvas (crisp text in any script, readable
// by tests). Placed after every layout from the columns' screen boxes: badges first, then names
// greedily by priority, above, right, left or below their column, skipping any that would cover
// a site's footprint, a badge, another name or one of the map's buttons (labelPlacement.ts). Elements are pooled and the boxes are
// module-scope typed arrays, so a pan step creates no objects.
import { numberFormat } from '../../i18n/i18n';
import type { Scenario } from '../../scenario/schema';
import { BOX, type BoxSet, placeLabels, plannedMWInYear, shortName } from './labelPlacement';
import type { ScreenLayout } from './ScreenLayout';
import type { ColumnGroup } from './siteClusters';

/** Names on the map at once: enough for the big sites on a slide, few enough to stay readable. */
export const MAX_LABELS = 12;
const MAX_BADGES = 256;
/** Sites tried for a name each layout, in priority order. */
const MAX_CANDIDATES = 64;
const LABEL_FONT = '600 11px system-ui, sans-serif';
const LABEL_H = 16;
const LABEL_PAD = 8;
const BADGE_H = 16;
const GAP = 3;
/** Places tried around a column, in order: above (centred, to the right, to the left), right, left, below. */
const POSITIONS = 6;
/** Label text is cut to this many characters: long names crowd out their neighbours. */
const LABEL_CHARS = 20;

const labelBoxes = new Float64Array(MAX_CANDIDATES * POSITIONS * BOX);
const candidateSite = new Int32Array(MAX_CANDIDATES);
const kept = new Int32Array(MAX_LABELS);
const badgeBoxes = new Float64Array(MAX_BADGES * BOX);

/** Writes one box without building an array (this runs for every candidate on every pan step). */
function put(out: Float64Array, o: number, x0: number, y0: number, x1: number, y1: number): void {
  out[o] = x0;
  out[o + 1] = y0;
  out[o + 2] = x1;
  out[o + 3] = y1;
}

function copyBox(from: Float64Array, i: number, to: Float64Array, j: number): void {
  for (let d = 0; d < BOX; d++) to[j * BOX + d] = from[i * BOX + d] as number;
}

export class SiteLabels {
  /** Boxes of the names and badges drawn now (x0, y0, x1, y1 in CSS px), for the key's placement. */
  readonly boxes = new Float64Array((MAX_LABELS + MAX_BADGES) * BOX);
  count = 0;
  readonly #layer: HTMLElement;
  readonly #labels: HTMLElement[] = [];
  readonly #badges: HTMLElement[] = [];
  #names: string[] = [];
  #widths = new Float32Array(0);
  /** Site indices, largest planned load in the year first (aggregates left out). */
  #order = new Int32Array(0);
  #planned = new Float64Array(0);
  /** Per site: the column whose name it gives (alone, or the largest in a cluster), else −1. */
  #siteGroup = new Int32Array(0);
  #groups: readonly ColumnGroup[] | undefined;
  /** Per group: its count as shown on the badge (formatted once per grouping). */
  #badgeText: string[] = [];
  #scenario: Scenario | undefined;
  readonly #badgeSet = { boxes: badgeBoxes, count: 0 };
  #obstacles: BoxSet[] = [];
  /** The map's own buttons (zoom, preset views), measured by the owner on each resize, never on a pan: a name under one is unreadable. */
  controls: BoxSet = { boxes: new Float64Array(0), count: 0 };

  constructor(layer: HTMLElement) {
    this.#layer = layer;
  }

  /** New scenario or year: the names, their widths and which sites come first. */
  setSites(scenario: Scenario, year: number): void {
    if (scenario !== this.#scenario) {
      this.#scenario = scenario;
      this.#names = scenario.sites.map((s) => shortName(s.name, LABEL_CHARS));
      const ctx = document.createElement('canvas').getContext('2d');
      if (ctx) ctx.font = LABEL_FONT;
      this.#widths = Float32Array.from(this.#names, (n) => (ctx ? ctx.measureText(n).width : n.length * 6.5) + LABEL_PAD + 2);
      this.#siteGroup = new Int32Array(scenario.sites.length).fill(-1);
      this.#groups = undefined;
    }
    const planned = Float64Array.from(scenario.sites, (s) => (s.aggregate ? -1 : plannedMWInYear(s, year)));
    this.#planned = planned;
    this.#order = Int32Array.from(
      scenario.sites
        .flatMap((_, i) => ((planned[i] as number) >= 0 ? [i] : []))
        .sort((a, b) => (planned[b] as number) - (planned[a] as number)),
    );
    // Which member names a cluster depends on the year.
    this.#groups = undefined;
  }

  update(screen: ScreenLayout, groups: readonly ColumnGroup[], selected: number | undefined): void {
    if (groups !== this.#groups) this.#indexGroups(groups);
    const nBadges = this.#placeBadges(screen, groups);
    this.#badgeSet.count = nBadges;
    const o = this.#obstacles;
    if (o[1] !== screen.bases || o[2] !== this.controls) this.#obstacles = [this.#badgeSet, screen.bases, this.controls];
    let n = 0;
    if (selected !== undefined) n = this.#candidate(screen, selected, n);
    for (let k = 0; k < this.#order.length && n < MAX_CANDIDATES; k++) {
      const site = this.#order[k] as number;
      if (site !== selected) n = this.#candidate(screen, site, n);
    }
    const placed = placeLabels(labelBoxes, n, POSITIONS, this.#obstacles, screen.width, screen.height, MAX_LABELS, kept);
    for (let k = 0; k < placed; k++) {
      const c = kept[k] as number;
      const el = this.#element(this.#labels, k, 'site-label');
      const site = candidateSite[Math.floor(c / POSITIONS)] as number;
      const name = this.#names[site] ?? '';
      if (el.textContent !== name) el.textContent = name;
      el.classList.toggle('selected', site === selected);
      this.#show(el, labelBoxes, c);
      copyBox(labelBoxes, c, this.boxes, nBadges + k);
    }
    for (let k = placed; k < this.#labels.length; k++) (this.#labels[k] as HTMLElement).hidden = true;
    for (let k = 0; k < nBadges; k++) copyBox(badgeBoxes, k, this.boxes, k);
    this.count = nBadges + placed;
  }

  #indexGroups(groups: readonly ColumnGroup[]): void {
    this.#groups = groups;
    const f = numberFormat();
    this.#badgeText = groups.map((g) => f.format(g.members.length));
    this.#siteGroup.fill(-1);
    const planned = this.#planned;
    groups.forEach((g, i) => {
      let best = g.members[0] as number;
      for (const m of g.members) if ((planned[m] ?? 0) > (planned[best] ?? 0)) best = m;
      this.#siteGroup[best] = i;
    });
  }

  /** Adds a site's name boxes (around its column) as candidate n when its column is on screen. */
  #candidate(screen: ScreenLayout, site: number, n: number): number {
    const g = this.#siteGroup[site] ?? -1;
    if (g < 0 || !screen.visible(g)) return n;
    const w = this.#widths[site] as number;
    const x = screen.x[g] as number;
    const y = screen.y[g] as number;
    const c = g * BOX;
    const x0 = screen.boxes[c] as number;
    // A cluster's name goes above its count badge.
    const top = (screen.boxes[c + 1] as number) - ((this.#groups?.[g]?.members.length ?? 1) > 1 ? BADGE_H / 2 : 0);
    const x1 = screen.boxes[c + 2] as number;
    const bottom = screen.boxes[c + 3] as number;
    const o = n * POSITIONS * BOX;
    put(labelBoxes, o, x - w / 2, top - GAP - LABEL_H, x + w / 2, top - GAP);
    put(labelBoxes, o + BOX, x0, top - GAP - LABEL_H, x0 + w, top - GAP);
    put(labelBoxes, o + 2 * BOX, x1 - w, top - GAP - LABEL_H, x1, top - GAP);
    put(labelBoxes, o + 3 * BOX, x1 + GAP, y - LABEL_H / 2, x1 + GAP + w, y + LABEL_H / 2);
    put(labelBoxes, o + 4 * BOX, x0 - GAP - w, y - LABEL_H / 2, x0 - GAP, y + LABEL_H / 2);
    put(labelBoxes, o + 5 * BOX, x - w / 2, bottom + GAP, x + w / 2, bottom + GAP + LABEL_H);
    candidateSite[n] = site;
    return n + 1;
  }

  /** A count on the top of every clustered column on screen. */
  #placeBadges(screen: ScreenLayout, groups: readonly ColumnGroup[]): number {
    let n = 0;
    for (let g = 0; g < groups.length && n < MAX_BADGES; g++) {
      const count = (groups[g] as ColumnGroup).members.length;
      if (count < 2 || !screen.visible(g)) continue;
      const el = this.#element(this.#badges, n, 'badge');
      const text = this.#badgeText[g] ?? '';
      if (el.textContent !== text) el.textContent = text;
      const w = 8 + 7 * text.length;
      const x = screen.x[g] as number;
      const top = screen.boxes[g * BOX + 1] as number;
      put(badgeBoxes, n * BOX, x - w / 2, top - BADGE_H / 2, x + w / 2, top + BADGE_H / 2);
      this.#show(el, badgeBoxes, n);
      n++;
    }
    for (let k = n; k < this.#badges.length; k++) (this.#badges[k] as HTMLElement).hidden = true;
    return n;
  }

  #element(pool: HTMLElement[], k: number, className: string): HTMLElement {
    let el = pool[k];
    if (!el) {
      el = document.createElement('span');
      el.className = className;
      this.#layer.append(el);
      pool.push(el);
    }
    return el;
  }

  #show(el: HTMLElement, boxes: Float64Array, i: number): void {
    const o = i * BOX;
    el.hidden = false;
    el.style.transform = `translate(${Math.round(boxes[o] as number)}px, ${Math.round(boxes[o + 1] as number)}px)`;
    el.style.width = `${Math.round((boxes[o + 2] as number) - (boxes[o] as number))}px`;
  }
}
