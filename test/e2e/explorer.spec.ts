// The explorer: knobs re-run the model live and the map and headline change; the map draws
// outlines and columns; state survives a reload through the URL; embed and presentation modes;
// hover and click on the map. Runs on both backends where it matters. Screenshots are attached.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import {
  headline,
  mapPixels,
  newResult,
  open,
  resultCount,
  settled,
  sitePosition,
  trackConsole,
  unnamedControls,
  type Watch,
  watchResults,
  withSmallDraws,
} from './helpers';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

for (const backend of ['cpu', 'webgpu'] as const) {
  test(`a knob moved with the keyboard re-runs on ${backend}: headline and map change`, async ({ page }, testInfo) => {
    const errors = trackConsole(page);
    await open(page, `?backend=${backend}&scenario=uk-2030`);
    await expect(page.getByTestId('backend-badge')).toContainText(backend === 'webgpu' ? 'WebGPU' : 'CPU');
    const before = await headline(page);
    expect(before).toMatch(/^[\d,.]+ ± [\d,.]+ (TWh|GWh|MWh)$/);
    await mapPixels(page, { key: 'mapBefore' });
    await shot(page, testInfo, 'before');

    const slider = page.getByRole('slider', { name: 'Demand growth' });
    await slider.focus();
    const results = await resultCount(page);
    await watchResults(page);
    for (let i = 0; i < 20; i++) await slider.press('ArrowRight');
    await page.evaluate(() => ((window as unknown as Watch).lastInput = performance.now()));
    await expect(page.getByTestId('value-demandGrowthPctPerYear')).toHaveText('20 %/yr');
    await newResult(page, results);
    const log = await page.evaluate(() =>
      (window as unknown as Watch).results.map(
        (r) => `${r.phase} ${r.draws} draws at +${Math.round(r.t - (window as unknown as Watch).lastInput)} ms`,
      ),
    );
    console.log(`${backend}: results after the last key press: ${log.join('; ')}`);
    // Coarse pass then refinement, with the same seed: the final result has the refined draws.
    expect(await page.evaluate(() => window.headroom.lastResult?.draws)).toBe(512);
    expect(await page.evaluate(() => document.body.dataset.phase)).toBe('refine');

    const after = await headline(page);
    expect(after, 'more demand growth serves more energy').not.toBe(before);
    const diff = await mapPixels(page, { diffFrom: 'mapBefore' });
    console.log(`${backend}: headline ${before} → ${after}; ${diff.changed} of ${diff.width * diff.height} map pixels changed`);
    expect(diff.changed ?? 0, 'taller columns should change the map').toBeGreaterThan(50);
    await shot(page, testInfo, 'after');
    expect(errors, errors.join('\n')).toEqual([]);
  });
}

test('the map is drawn: outlines, land and site columns, not a blank canvas', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu');
  const px = await mapPixels(page);
  const total = px.width * px.height;
  console.log(
    `map ${px.width}×${px.height}: ${px.nonBackground} non-background pixels (${((100 * px.nonBackground) / total).toFixed(1)}%), ${px.saturated} saturated`,
  );
  expect(px.nonBackground / total, 'the globe (sea, land, outlines) should cover much of the canvas').toBeGreaterThan(0.3);
  expect(px.saturated, 'columns and discs are coloured').toBeGreaterThan(200);
  await page.getByTestId('map-canvas').screenshot({ path: testInfo.outputPath('map.png') });
  await expect(page.locator('hr-map-legend')).toContainText('P(missing its planned load)');
});

test('the map multisamples on a hardware WebGL renderer and not on a software one', async ({ page }) => {
  await open(page, '?backend=cpu');
  // getContext on the map's canvas returns the context three.js made, with its attributes.
  const gl = await page.getByTestId('map-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const probe = document.createElement('canvas').getContext('webgl2');
    const info = probe?.getExtension('WEBGL_debug_renderer_info');
    const renderer = probe && info ? String(probe.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return { renderer, antialias: canvas.getContext('webgl2')?.getContextAttributes()?.antialias };
  });
  console.log(`WebGL renderer: ${gl.renderer}; map antialias: ${gl.antialias}`);
  const software = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b|software/i.test(gl.renderer);
  expect(gl.antialias, 'no multisampling on a CPU rasteriser: each redraw is read back for compositing').toBe(!software);
});

test('hover shows a tooltip and a click opens the site detail', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu&scenario=uk-2030');
  // A column that stands for one named site (co-located sites are drawn as one cluster column).
  const { id, name, x, y } = await page.locator('hr-map').evaluate((el) => {
    const map = el as HTMLElement & {
      layoutSnapshot(): { columns: { x0: number; y0: number; x1: number; y1: number; sites: number[] }[] };
    };
    const sites = window.headroom.scenario?.sites ?? [];
    const box = map
      .layoutSnapshot()
      .columns.filter((c) => c.sites.length === 1 && !sites[c.sites[0] ?? -1]?.aggregate)
      .sort((a, b) => b.y1 - b.y0 - (a.y1 - a.y0))[0];
    if (!box) throw new Error('no single-site column on the map');
    const site = sites[box.sites[0] ?? -1];
    return { id: site?.id ?? '', name: site?.name ?? '', x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 };
  });
  await page.mouse.move(x, y);
  await expect(page.getByRole('tooltip')).toBeVisible();
  await page.mouse.click(x, y);
  await expect(page.getByTestId('site-detail-name')).toBeVisible();
  const shown = await page.getByTestId('site-detail-name').textContent();
  console.log(`clicked ${id} (${name}); detail shows ${shown}`);
  await expect(page.locator('hr-site-detail dl')).toContainText('P(grid curtailment)');
  await expect(page.locator('hr-site-load-chart canvas').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('site'))).not.toBeNull();
  await shot(page, testInfo, 'site-detail');
  await page.getByRole('button', { name: 'Close site details' }).click();
  await expect(page.getByTestId('site-detail-name')).toHaveCount(0);
});

test('state round-trips through the URL: reload restores knobs, year, view, site and chart', async ({ page }) => {
  await open(page, '?backend=cpu&scenario=uk-2030');
  const results = await resultCount(page);
  await page.getByRole('slider', { name: 'Grid build-out' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('slider', { name: 'Map year' }).focus();
  await page.keyboard.press('End');
  await page.getByLabel('Chart output').selectOption('waterUsedML');
  await page.getByRole('button', { name: 'Show US' }).click();
  await page.getByRole('button', { name: 'Show UK' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await newResult(page, results);
  const id = await page.evaluate(() => window.headroom.scenario?.sites[0]?.id ?? '');
  // The answer card sits above the map: bring the whole map on screen before clicking a site.
  await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
  const p = await sitePosition(page, id);
  await page.mouse.click(p.x, p.y - 2);
  await expect(page.getByTestId('site-detail-name')).toBeVisible();

  const pick = () =>
    page.evaluate(() => {
      const s = window.headroom.state;
      return { knobs: s.knobs, year: s.year, map: s.mapView, site: s.selectedSiteId, output: s.chartOutput, source: s.source };
    });
  const state = await pick();
  expect(state.knobs).toEqual({ gridBuildoutScale: 0.9 });
  expect(state.year).toBe(2035);
  expect(state.output).toBe('waterUsedML');
  expect(state.site).toBeTruthy();
  await expect.poll(() => page.evaluate(() => location.search)).toContain('year=2035');
  await expect.poll(() => page.evaluate(() => location.search)).toContain('site=');
  const url = page.url();
  console.log(`shared URL: ${url}`);

  await page.reload();
  await settled(page);
  const restored = await pick();
  expect(restored.knobs).toEqual(state.knobs);
  expect(restored.year).toBe(state.year);
  expect(restored.output).toBe(state.output);
  expect(restored.site).toBe(state.site);
  expect(restored.source).toBe('uk-2030');
  expect(restored.map?.zoom).toBeCloseTo(state.map?.zoom ?? 0, 1);
  expect(restored.map?.lon).toBeCloseTo(state.map?.lon ?? 0, 1);
  await expect(page.getByRole('slider', { name: 'Grid build-out' })).toHaveValue('0.9');
  await expect(page.getByTestId('map-year')).toHaveText('2035');
  await expect(page.getByTestId('site-detail-name')).toBeVisible();
  expect(page.url()).toBe(url);
});

test('map keyboard and buttons: + zooms, arrows pan; Copy link copies the state URL', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '?backend=cpu');
  const view = () => page.evaluate(() => window.headroom.state.mapView);
  const map = page.getByRole('application', { name: /^Map of/ });
  await map.focus();
  await map.press('+');
  await expect.poll(async () => (await view())?.zoom ?? 1).toBeCloseTo(1.5, 2);
  const lon = (await view())?.lon ?? 0;
  await map.press('ArrowRight');
  await expect.poll(async () => (await view())?.lon ?? 0).toBeGreaterThan(lon);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => (await view())?.zoom ?? 0).toBeCloseTo(1, 2);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied to the clipboard.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('map=');
  expect(new URL(copied).searchParams.get('scenario')).toBe('global-2030');
  // Copy embed code: an iframe of the same state in embed mode, titled.
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(page.getByText('Embed code copied to the clipboard.')).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  const iframe = new EmbedCode(code);
  expect(iframe.src.searchParams.get('embed')).toBe('1');
  expect(iframe.src.searchParams.get('map')).toBe(new URL(copied).searchParams.get('map'));
  expect(iframe.title).toMatch(/^Headroom: /);
});

/** The src and title of the one iframe in embed code (Node has no DOMParser). */
class EmbedCode {
  readonly src: URL;
  readonly title: string;
  constructor(code: string) {
    // The iframe, then the host page's height listener (embedSnippet.ts).
    expect(code).toMatch(/^<iframe [^>]*><\/iframe>\n<script>[\s\S]*<\/script>$/);
    const attr = (name: string) => (new RegExp(`${name}="([^"]*)"`).exec(code)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    this.src = new URL(attr('src'));
    this.title = attr('title');
  }
}

test('embed mode hides the chrome; view=charts hides the map; controls=1 shows the knobs', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu&embed=1&view=both&controls=0');
  await expect(page.getByRole('heading', { name: 'Headroom' })).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'Demand growth' })).toHaveCount(0);
  await expect(page.getByLabel('Import scenario or sites')).toHaveCount(0);
  await expect(page.getByTestId('map-canvas')).toBeVisible();
  await expect(page.locator('hr-fan-chart canvas').first()).toBeVisible();
  // An embed says what it shows and where from, links back, and carries no backend badge or samples/s.
  const name = await page.evaluate(() => window.headroom.scenario?.name ?? '');
  await expect(page.getByTestId('embed-title')).toContainText(name);
  await expect(page.getByTestId('embed-source')).toContainText(
    /Source: Headroom Monte Carlo model; [\d,]+ sources listed under the answer/,
  );
  const back = new URL((await page.getByTestId('embed-full-view').getAttribute('href')) ?? '');
  expect(back.searchParams.get('embed')).toBeNull();
  expect(back.searchParams.get('scenario')).toBe('global-2030');
  await expect(page.getByTestId('backend-badge')).toHaveCount(0);
  await expect(page.getByTestId('throughput-strip')).toHaveCount(0);
  await shot(page, testInfo, 'embed-both');

  await open(page, '?backend=cpu&embed=1&view=charts');
  await expect(page.getByTestId('map-canvas')).toHaveCount(0);
  await expect(page.locator('hr-histogram-chart canvas').first()).toBeVisible();

  await open(page, '?backend=cpu&embed=1&view=map&controls=1');
  await expect(page.getByRole('slider', { name: 'Demand growth' })).toBeVisible();
  await expect(page.locator('hr-fan-chart')).toHaveCount(0);
  await expect(page.getByTestId('map-canvas')).toBeVisible();
});

test('the embed example page shows the app in an iframe', async ({ page }, testInfo) => {
  const errors = trackConsole(page);
  await page.goto('/embed-example.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('body')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(frame.getByTestId('map-canvas')).toBeVisible();
  await expect(frame.getByRole('heading', { name: 'Headroom' })).toHaveCount(0);
  // embed-example.js sizes the frame to the height the embed reports.
  await expect.poll(() => page.locator('iframe#headroom-uk').evaluate((f) => (f as HTMLIFrameElement).style.height)).toMatch(/^\d+px$/);
  await shot(page, testInfo, 'embed-example');
  expect(errors, errors.join('\n')).toEqual([]);
});

test('presentation mode: ?present=1 and the toggle switch large type', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu&present=1');
  await expect(page.locator('hr-app')).toHaveAttribute('present', '');
  await shot(page, testInfo, 'present');
  const toggle = page.getByRole('button', { name: 'Presentation mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(page.locator('hr-app')).not.toHaveAttribute('present', '');
  await expect.poll(() => page.evaluate(() => location.search)).not.toContain('present=1');
});

test('every control has an accessible name', async ({ page }) => {
  await open(page, '?backend=cpu');
  const unnamed = await unnamedControls(page);
  expect(unnamed, unnamed.join('\n')).toEqual([]);
});

test('before the first result the map says it is calculating, in grey, not 0 % risk', async ({ page }) => {
  // WebGPU on SwiftShader compiles its pipelines for seconds: long enough to see the first state.
  await page.goto(`/${withSmallDraws('?backend=webgpu&scenario=uk-2030')}`);
  await expect(page.getByTestId('map-calculating')).toBeVisible();
  await settled(page);
  await expect(page.getByTestId('map-calculating')).toHaveCount(0);
});

test('every site is reachable from the keyboard: the site list selects it on the map', async ({ page }) => {
  await open(page, '?backend=cpu&scenario=uk-2030');
  // Each knob says what it means without hover, and where the scenario's own value is.
  await expect(page.locator('#knob-demandGrowthPctPerYear-what')).toContainText("compounding yearly; the tick is the scenario's own");
  const summary = page.locator('hr-site-list summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(summary).toContainText(/All \d+ sites in \d{4}, riskiest first/);
  const name = await page.evaluate(() => window.headroom.scenario?.sites.at(-1)?.name ?? '');
  const show = page.getByRole('button', { name: `Show ${name} on the map` });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('site-detail-name')).toHaveText(name);
  const id = await page.evaluate(() => window.headroom.scenario?.sites.at(-1)?.id);
  await expect.poll(() => new URL(page.url()).searchParams.get('site')).toBe(id);
});
