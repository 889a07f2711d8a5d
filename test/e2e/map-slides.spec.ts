// The map fit for a slide: names of the largest sites that never overlap, co-located sites as one
// counted column that splits on zoom-in, a key that covers no column (at 1280×720, in presentation
// mode at 1280×720 and 1920×1080, and in a 960 px embed), US state lines over the US, and the map's controls in Japanese.
// Screenshots go to test-results.
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { plannedMWInYear, shortName } from '../../src/ui/map/labelPlacement';
import { open, trackConsole } from './helpers';

test.use({ viewport: { width: 1280, height: 720 } });

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface MapState {
  columns: (Box & { sites: number[] })[];
  statesShown: boolean;
  labels: (Box & { text: string })[];
  badges: (Box & { text: string })[];
  legend: Box;
  tools: Box;
  /** Each of the map's own buttons (zoom, preset views) on its own. */
  buttons: (Box & { text: string })[];
  map: Box;
}

const overlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Everything drawn on the map, read in one go (client coordinates, so nothing scrolls between reads). */
function mapState(page: Page): Promise<MapState> {
  return page.locator('hr-map').evaluate((el) => {
    const root = el.shadowRoot as ShadowRoot;
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    };
    const shown = (sel: string) =>
      [...root.querySelectorAll<HTMLElement>(sel)].filter((e) => !e.hidden).map((e) => ({ text: e.textContent ?? '', ...box(e) }));
    const snap = (el as HTMLElement & { layoutSnapshot(): Pick<MapState, 'columns' | 'statesShown'> }).layoutSnapshot();
    return {
      ...snap,
      labels: shown('.site-label'),
      badges: shown('.labels .badge'),
      legend: box(root.querySelector('hr-map-legend') as Element),
      tools: box(root.querySelector('.tools') as Element),
      buttons: shown('.tools button'),
      map: box(root.querySelector('.frame') as Element),
    };
  });
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.locator('hr-map').screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

/** Boxes of data the key must not cover: columns on the map, names and counts. */
function coveredByKey(s: MapState): string[] {
  return [
    ...s.columns.filter((c) => overlap(c, s.legend)).map((c) => `column of sites ${c.sites.join(',')}`),
    ...s.labels.filter((l) => overlap(l, s.legend)).map((l) => `label ${l.text}`),
    ...s.badges.filter((b) => overlap(b, s.legend)).map((b) => `badge ${b.text}`),
  ];
}

test('the largest sites are named on the map, and no two names overlap', async ({ page }, testInfo) => {
  const errors = trackConsole(page);
  await open(page, '?backend=cpu&scenario=uk-2030');
  await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
  await expect(page.locator('hr-map .site-label:not([hidden])').first()).toBeVisible();
  const s = await mapState(page);
  console.log(`labels: ${s.labels.map((l) => l.text).join(' | ')}`);
  expect(s.labels.length).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < s.labels.length; i++)
    for (let j = i + 1; j < s.labels.length; j++)
      expect(overlap(s.labels[i] as Box, s.labels[j] as Box), `${s.labels[i]?.text} / ${s.labels[j]?.text}`).toBe(false);
  // The largest site planned in the year is named (on its own column, or on its cluster's): it is placed first.
  const year = Number(await page.getByTestId('map-year').textContent());
  const sites = await page.evaluate(() => window.headroom.scenario?.sites ?? []);
  const planned = sites.map((x) => (x.aggregate ? -1 : plannedMWInYear(x, year)));
  const shown = new Set(s.columns.flatMap((c) => c.sites));
  const top = sites
    .map((_, i) => i)
    .filter((i) => shown.has(i))
    .sort((a, b) => (planned[b] ?? 0) - (planned[a] ?? 0))[0];
  if (top === undefined) throw new Error('no site on the map');
  expect(s.labels.map((l) => l.text)).toContain(shortName(sites[top]?.name ?? '', 20));
  await shot(page, testInfo, 'map-labels-uk');
  expect(errors, errors.join('\n')).toEqual([]);
});

test('co-located sites are one column with a count at world zoom; clicking it zooms in and splits it', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu');
  await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
  await expect(page.locator('hr-map .labels .badge:not([hidden])').first()).toBeVisible();
  const before = await mapState(page);
  const cluster = before.columns.filter((c) => c.sites.length > 1).sort((a, b) => b.sites.length - a.sites.length)[0];
  if (!cluster) throw new Error('no cluster at world zoom');
  expect(before.badges.map((b) => b.text)).toContain(String(cluster.sites.length));
  await shot(page, testInfo, 'map-clusters-world');

  // A clustered site picked from the keyboard list stands alone, ringed and named.
  const sites = await page.evaluate(() => window.headroom.scenario?.sites ?? []);
  const member = sites[cluster.sites[0] as number];
  if (!member) throw new Error('no member');
  await page.locator('hr-site-list summary').click();
  await page.getByRole('button', { name: `Show ${member.name} on the map` }).click();
  await expect(page.locator('hr-map .site-label.selected')).toHaveText(shortName(member.name, 20));
  await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
  const picked = await mapState(page);
  expect(picked.columns.some((c) => c.sites.length === 1 && c.sites[0] === cluster.sites[0])).toBe(true);
  const rest = picked.columns.find((c) => c.sites.length > 1 && c.sites.includes(cluster.sites[1] as number));
  if (cluster.sites.length > 2) expect(rest?.sites).not.toContain(cluster.sites[0]);
  // Clicking a cluster zooms to it: the largest left after the pick, clicked just above its base.
  const target = picked.columns.filter((c) => c.sites.length > 1).sort((a, b) => b.sites.length - a.sites.length)[0];
  if (!target) throw new Error('no cluster left');
  const zoom = await page.evaluate(() => window.headroom.state.mapView?.zoom ?? 1);
  await page.mouse.click((target.x0 + target.x1) / 2, target.y1 - 7);
  await expect.poll(() => page.evaluate(() => window.headroom.state.mapView?.zoom ?? 1)).toBeGreaterThan(zoom);
  const members = [...target.sites].sort().join(',');
  await expect
    .poll(async () => (await mapState(page)).columns.some((c) => [...c.sites].sort().join(',') === members), {
      message: 'the cluster should have split into smaller columns',
    })
    .toBe(false);
  await shot(page, testInfo, 'map-clusters-split');
});

for (const [name, query, width, height] of [
  ['the default page at 1280×720', '?backend=cpu', 1280, 720],
  ['presentation mode', '?backend=cpu&present=1', 1280, 720],
  ['presentation mode at 1920×1080', '?backend=cpu&present=1', 1920, 1080],
  ['the US preset', '?backend=cpu&scenario=us-federal-sites', 1280, 720],
  ['a 960 px embed', '?backend=cpu&embed=1&view=map', 960, 720],
] as const) {
  test(`the key covers no column, name or count: ${name}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await open(page, query);
    await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('map-scale')).toBeVisible();
    await expect.poll(async () => coveredByKey(await mapState(page)), { message: 'the key should move off the data' }).toEqual([]);
    const s = await mapState(page);
    // Inside the map, not spilling off it, and clear of the zoom and preset buttons.
    expect(s.legend.x0).toBeGreaterThanOrEqual(s.map.x0);
    expect(s.legend.x1).toBeLessThanOrEqual(s.map.x1 + 0.5);
    expect(s.legend.y0).toBeGreaterThanOrEqual(s.map.y0);
    expect(s.legend.y1).toBeLessThanOrEqual(s.map.y1 + 0.5);
    expect(overlap(s.legend, s.tools), 'the key should not cover the buttons').toBe(false);
    await expect(page.getByTestId('map-scale')).toContainText(/= [\d.]+ [GM]W/);
    await shot(page, testInfo, `map-key-${width}-${name.replace(/\W+/g, '-')}`);
  });
}

/** Names lying under one of the map's buttons, where neither can be read. */
const namesUnderButtons = (s: MapState): string[] =>
  s.labels.flatMap((l) => s.buttons.filter((b) => overlap(l, b)).map((b) => `${l.text} under ${b.text}`));

for (const [name, query] of [
  ['the default page at 1280×720', '?backend=cpu'],
  ['presentation mode at 1280×720', '?backend=cpu&present=1'],
] as const) {
  test(`no site name lies under a map button: ${name}`, async ({ page }, testInfo) => {
    await open(page, query);
    await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
    await expect(page.locator('hr-map .site-label:not([hidden])').first()).toBeVisible();
    await expect(page.getByTestId('map-scale')).toBeVisible();
    const s = await mapState(page);
    expect(s.buttons.length, 'zoom and preset buttons').toBeGreaterThanOrEqual(6);
    expect(s.labels.length).toBeGreaterThanOrEqual(3);
    expect(namesUnderButtons(s)).toEqual([]);
    await shot(page, testInfo, `map-names-buttons-${name.replace(/\W+/g, '-')}`);
  });
}

test('US state lines are drawn over the US and not at world zoom', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu');
  await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
  expect((await mapState(page)).statesShown).toBe(false);
  await page.getByRole('button', { name: 'Show US' }).click();
  await expect.poll(async () => (await mapState(page)).statesShown).toBe(true);
  await shot(page, testInfo, 'map-us-states');
  await page.getByRole('button', { name: 'Show World' }).click();
  await expect.poll(async () => (await mapState(page)).statesShown).toBe(false);
});

test('the map speaks Japanese with ?lang=ja: controls, key and status', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu&lang=ja');
  await expect(page.getByRole('button', { name: '拡大', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '米国を表示' })).toBeVisible();
  await expect(page.getByRole('application', { name: /の地図/ })).toBeVisible();
  await expect(page.locator('hr-map-legend')).toContainText('凡例');
  await expect(page.locator('hr-map-legend')).toContainText('計画負荷の未達確率');
  await shot(page, testInfo, 'map-ja');
});
