// The map's slide-ready pieces as pure logic: greedy label placement, the supercluster wrapper
// (co-located sites as one column, split on zoom-in, the selected site always on its own), the
// view-scaled column heights and scale bar, the key's corner, and when US state lines show.
import { describe, expect, it } from 'vitest';
import { BOX, placeLabels, plannedMWInYear, shortName } from '../../src/ui/map/labelPlacement';
import { chooseKeyPlace, chooseScaleStep, niceCeil } from '../../src/ui/map/mapScale';
import { CLUSTER_MAX_LEVEL, SiteClusters } from '../../src/ui/map/siteClusters';
import { isOverUs } from '../../src/ui/map/usAtlas';

const boxes = (...b: [number, number, number, number][]): Float64Array => Float64Array.from(b.flat());

describe('label placement', () => {
  const set = (b: Float64Array) => ({ boxes: b, count: b.length / BOX });

  it('keeps candidates in priority order and skips one that overlaps a kept box', () => {
    const b = boxes([10, 10, 60, 26], [40, 20, 90, 36], [100, 10, 150, 26]);
    const kept = new Int32Array(8);
    const n = placeLabels(b, 3, 1, [], 400, 300, 8, kept);
    expect([...kept.subarray(0, n)]).toEqual([0, 2]);
  });

  it('skips boxes outside the view or on an obstacle, and stops at the maximum', () => {
    const b = boxes([-5, 10, 40, 26], [10, 10, 60, 26], [100, 100, 150, 116], [200, 100, 250, 116], [300, 100, 350, 116]);
    const kept = new Int32Array(8);
    const n = placeLabels(b, 5, 1, [set(boxes([20, 15, 30, 30]))], 400, 300, 2, kept);
    expect([...kept.subarray(0, n)]).toEqual([2, 3]);
  });

  it('tries each place around a column in turn and takes the first free one', () => {
    // Two candidates, two places each: the first's "above" is blocked, so it goes to its second
    // place; the second's first place then collides with it and it takes its own second.
    const b = boxes([0, 0, 50, 16], [60, 20, 110, 36], [70, 25, 120, 41], [200, 0, 250, 16]);
    const kept = new Int32Array(4);
    const n = placeLabels(b, 2, 2, [set(boxes([10, 5, 20, 30]))], 400, 300, 4, kept);
    expect([...kept.subarray(0, n)]).toEqual([1, 3]);
  });

  it('a name whose first place lies under a map button takes its next place, with columns and badges as obstacles too', () => {
    // A site near the top-left: "above" lands on the World button, so the name goes to the right
    // of its column; a second site's only place is on a badge and is dropped.
    const buttons = set(boxes([6, 30, 60, 52], [62, 30, 90, 52]));
    const columns = set(boxes([30, 60, 34, 90]));
    const badges = set(boxes([200, 100, 220, 116]));
    const b = boxes([10, 40, 54, 56], [37, 67, 81, 83], [190, 95, 240, 111], [190, 95, 240, 111]);
    const kept = new Int32Array(4);
    const n = placeLabels(b, 2, 2, [badges, columns, buttons], 400, 300, 4, kept);
    expect([...kept.subarray(0, n)]).toEqual([1]);
    // Without the buttons the first place is free.
    expect(placeLabels(b, 1, 2, [badges, columns], 400, 300, 4, kept)).toBe(1);
    expect(kept[0]).toBe(0);
  });

  it('boxes that only touch do not overlap', () => {
    const kept = new Int32Array(4);
    expect(placeLabels(boxes([0, 0, 10, 10], [10, 0, 20, 10]), 2, 1, [], 100, 100, 4, kept)).toBe(2);
  });

  it('labels use the head of a long site name, clipped', () => {
    expect(shortName('AirTrunk TOK1, Inzai (Chiba New Town, DPDC Inzai Park) — first phase')).toBe('AirTrunk TOK1');
    expect(shortName('Yondr Slough campus (Slough Trading Estate)')).toBe('Yondr Slough campus');
    expect(shortName('Stargate Abilene — phase 2')).toBe('Stargate Abilene');
    expect(shortName('A very long name without any punctuation at all here')).toMatch(/^A very long name.*…$/);
    expect(shortName('A very long name without any punctuation at all here').length).toBeLessThanOrEqual(26);
  });

  it('ranks by the load planned in the year: nothing before its year, ramped in after', () => {
    const site = { itLoadMW: 100, plannedYear: 2028, rampYears: 2 };
    expect(plannedMWInYear(site, 2027)).toBe(0);
    expect(plannedMWInYear(site, 2028)).toBe(25);
    expect(plannedMWInYear(site, 2030)).toBe(100);
    expect(plannedMWInYear({ ...site, rampYears: 0 }, 2028)).toBe(100);
  });
});

describe('column heights and the scale bar', () => {
  it('rounds the largest load in view up to 1, 2, 2.5, 5 × 10ⁿ', () => {
    expect(niceCeil(830)).toBe(1000);
    expect(niceCeil(1000)).toBe(1000);
    expect(niceCeil(1200)).toBe(2000);
    expect(niceCeil(2100)).toBe(2500);
    expect(niceCeil(4)).toBe(5);
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(Number.NaN)).toBe(1);
  });

  it('the bar stands for a round load no taller than the limit', () => {
    // 90 px for a 5 GW tallest column: 1 GW is 18 px, 2 GW 36 px.
    expect(chooseScaleStep(90 / 5000, 36)).toEqual({ mw: 2000, px: 36 });
    expect(chooseScaleStep(90 / 1000, 36)).toEqual({ mw: 200, px: expect.closeTo(18, 6) });
    expect(chooseScaleStep(90 / 250, 36).mw).toBe(100);
    for (const tallest of [3, 47, 250, 999, 12_345, 80_000]) {
      const s = chooseScaleStep(90 / tallest, 36);
      expect(s.px).toBeLessThanOrEqual(36 + 1e-9);
      expect(s.px).toBeGreaterThan(36 / 2.5 - 1e-9);
      expect(String(s.mw / 10 ** Math.floor(Math.log10(s.mw)))).toMatch(/^[125]$/);
    }
  });
});

describe('the key', () => {
  // A 200 × 150 key in a 1000 × 600 map, 8 px from the edges.
  const key = (...sets: Float64Array[]) =>
    chooseKeyPlace(
      sets.map((b) => ({ boxes: b, count: b.length / BOX })),
      200,
      150,
      1000,
      600,
      8,
    );

  it('stays bottom right when nothing is there', () => {
    expect(key(boxes([100, 100, 110, 190]))).toEqual({ x: 792, y: 442, covered: 0 });
  });

  it('moves to a free corner when columns are under it, avoiding the buttons', () => {
    expect(key(boxes([900, 500, 910, 590]))).toEqual({ x: 792, y: 8, covered: 0 });
    const buttons = boxes([0, 0, 220, 80]);
    expect(key(boxes([900, 500, 910, 590], [900, 20, 910, 60]), buttons)).toEqual({ x: 8, y: 442, covered: 0 });
  });

  it('takes the middle of an edge when every corner holds data (a world view)', () => {
    const corners = boxes([900, 500, 910, 590], [900, 20, 910, 60], [20, 500, 30, 590], [20, 20, 30, 60]);
    expect(key(corners)).toEqual({ x: 400, y: 442, covered: 0 });
  });

  it('says how much it still covers when no place is free', () => {
    const everywhere = boxes([0, 0, 1000, 600]);
    expect(key(everywhere)).toEqual({ x: 792, y: 442, covered: 1 });
  });
});

describe('clustering co-located sites', () => {
  // World units: 1000 across; at level 0 a pixel is ~2 units, at level 6 ~0.03.
  const points = [
    { siteIndex: 0, x: 100, y: 50 },
    { siteIndex: 3, x: 100.2, y: 50.1 },
    { siteIndex: 5, x: 100.5, y: 49.8 },
    { siteIndex: 7, x: -300, y: -100 },
  ];
  const clusters = new SiteClusters(1000);
  clusters.load(points);

  it('sites too close to tell apart at world zoom become one column with their members', () => {
    const g = clusters.groups(0);
    expect(g).toHaveLength(2);
    const c = g.find((x) => x.members.length > 1);
    expect(c?.members.sort()).toEqual([0, 3, 5]);
    expect(c?.clusterId).toBeGreaterThanOrEqual(0);
    expect(c?.x).toBeCloseTo(100.233, 2);
  });

  it('zooming to the expansion scale splits the cluster', () => {
    const c = clusters.groups(0).find((x) => x.members.length > 1);
    if (!c) throw new Error('no cluster');
    const level = clusters.levelFor(clusters.expansionWorldPerPixel(c.clusterId));
    expect(clusters.groups(level).length).toBeGreaterThan(2);
    expect(clusters.groups(CLUSTER_MAX_LEVEL + 1)).toHaveLength(4);
  });

  it('before any sites are loaded there are no columns (and no error)', () => {
    expect(new SiteClusters(1000).groups(0)).toEqual([]);
  });

  it('the level follows the scale: fewer pixels per world unit, lower level', () => {
    expect(clusters.levelFor(1000 / 512)).toBe(0);
    expect(clusters.levelFor(1000 / (512 * 8))).toBe(3);
    expect(clusters.levelFor(1e-6)).toBe(CLUSTER_MAX_LEVEL + 1);
  });

  it('the selected site is drawn on its own, the rest stay clustered', () => {
    const g = clusters.groups(0, 3);
    expect(g.find((x) => x.members.length === 1 && x.members[0] === 3)?.clusterId).toBe(-1);
    expect(g.find((x) => x.members.length > 1)?.members.sort()).toEqual([0, 5]);
    const two = new SiteClusters(1000);
    two.load(points.slice(0, 2));
    expect(two.groups(0, 0).map((x) => [x.members, x.clusterId])).toEqual(
      expect.arrayContaining([
        [[0], -1],
        [[3], -1],
      ]),
    );
  });
});

describe('US state lines', () => {
  it('show over the US at country zoom, not at world zoom or elsewhere', () => {
    expect(isOverUs(-96.5, 38.5, 4.2)).toBe(true);
    expect(isOverUs(-96.5, 38.5, 1)).toBe(false);
    expect(isOverUs(-2.8, 54.4, 15)).toBe(false);
    expect(isOverUs(136.5, 37.8, 9)).toBe(false);
  });
});
