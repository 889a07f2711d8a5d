// Exports for slides and reports: every chart as PNG and SVG and the map as PNG, each with a
// caption band (title, scenario and year, key, the knobs moved away from the scenario, sources),
// the PNGs at 2× the element's CSS size whatever the screen's devicePixelRatio, named
// headroom-<scenario>-<chart>-<year>. The PNG's words are read from its iTXt chunks (the code
// writes the caption there too) and the SVG's from its <text> elements, parsed in the page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { newResult, open, resultCount, trackConsole } from './helpers';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The uk-2030 preset's name as a file name slug. */
const SCENARIO = 'uk-to-2030-and-beyond-2025-2035';
/** Every chart on the page, by its element and its part of the file name. */
const CHARTS = ['hr-cause-chart', 'hr-region-cause-chart', 'hr-histogram-chart', 'hr-exceedance-chart', 'hr-fan-chart', 'hr-region-bars'];

interface Png {
  width: number;
  height: number;
  text: Record<string, string>;
}

/** Width and height from the IHDR chunk, and the iTXt chunks (keyword → UTF-8 text), read here without the page's code. */
function readPng(bytes: Buffer): Png {
  expect([...bytes.subarray(0, 8)], 'PNG signature').toEqual(PNG_MAGIC);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  const text: Record<string, string> = {};
  for (let p = 8; p + 12 <= bytes.length; ) {
    const len = bytes.readUInt32BE(p);
    if (bytes.toString('latin1', p + 4, p + 8) === 'iTXt') {
      const data = bytes.subarray(p + 8, p + 8 + len);
      const z = data.indexOf(0);
      let q = data.indexOf(0, z + 3) + 1; // after flag, method and the language tag
      q = data.indexOf(0, q) + 1; // after the translated keyword
      text[data.toString('latin1', 0, z)] = data.toString('utf8', q);
    }
    p += 12 + len;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), text };
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

/** The SVG parsed in the page: its size, every <text>'s content, and what the plot drew. */
function parseSvg(page: Page, svg: string) {
  return page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    const error = doc.querySelector('parsererror')?.textContent ?? '';
    const root = doc.documentElement;
    const drawn = [...doc.querySelectorAll('[data-series]')].filter(
      (el) => (el.tagName === 'path' && (el.getAttribute('d') ?? '').length > 10) || el.querySelector('rect, circle'),
    );
    return {
      error,
      root: root.tagName,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      axisTexts: doc.querySelectorAll('[data-axis] text').length,
      series: drawn.map((el) => el.getAttribute('data-series') ?? ''),
    };
  }, svg);
}

async function cssSize(el: Locator): Promise<{ width: number; height: number }> {
  const box = await el.boundingBox();
  expect(box).not.toBeNull();
  return { width: Math.round(box?.width ?? 0), height: Math.round(box?.height ?? 0) };
}

/** Opens uk-2030 and moves Grid build-out two steps down; returns the year shown and the knob's caption line. */
async function openWithMovedKnob(page: Page): Promise<{ year: string; knobLine: string }> {
  await open(page, '?backend=cpu&scenario=uk-2030');
  const before = await resultCount(page);
  const slider = page.getByRole('slider', { name: 'Grid build-out', exact: true });
  const base = Number(await slider.inputValue());
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await newResult(page, before);
  const moved = Number(await slider.inputValue());
  expect(moved).toBeLessThan(base);
  const year = ((await page.getByTestId('map-year').textContent()) ?? '').trim();
  expect(year).toMatch(/^\d{4}$/);
  return { year, knobLine: `Grid build-out = ${moved.toFixed(2)} × plan (scenario: ${base.toFixed(2)})` };
}

test('exports: each chart as a 2× captioned PNG and an SVG with its plot, the map as a captioned PNG, named with scenario and year', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = trackConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { year, knobLine } = await openWithMovedKnob(page);

  for (const tag of CHARTS) {
    const chart = page.locator(tag);
    const id = tag.replace(/^hr-/, '');
    const title = ((await chart.locator('h3').textContent()) ?? '').trim();
    const plot = await cssSize(chart.locator('canvas').first());

    const svgFile = await download(page, () => chart.getByRole('button', { name: /as SVG$/ }).click());
    expect(svgFile.name).toBe(`headroom-${SCENARIO}-${id}-${year}.svg`);
    const svg = await parseSvg(page, svgFile.bytes.toString('utf8'));
    expect(svg.error, `${id}: the SVG parses`).toBe('');
    expect(svg.root).toBe('svg');
    expect(svg.width, `${id}: as wide as the plot`).toBe(plot.width);
    expect(svg.height, `${id}: the plot and a caption band under it`).toBeGreaterThan(plot.height + 40);
    expect(svg.series.length, `${id}: the series are drawn as paths, bars or dots`).toBeGreaterThan(0);
    const words = svg.texts.join(' ');
    expect(words).toContain(title);
    expect(words).toContain(year);
    expect(words).toContain(knobLine);
    expect(words).toMatch(/Sources: [^·]{8,}/);
    expect(words).not.toContain('none given');
    // Axis tick labels are text too (a chart, not a picture of one).
    expect(svg.axisTexts, `${id}: tick labels`).toBeGreaterThan(2);

    const pngFile = await download(page, () => chart.getByRole('button', { name: /as PNG$/ }).click());
    expect(pngFile.name).toBe(`headroom-${SCENARIO}-${id}-${year}.png`);
    const png = readPng(pngFile.bytes);
    // The PNG is the SVG drawn at 2×: plot and caption band.
    expect({ width: png.width, height: png.height }, `${id}: PNG at 2×`).toEqual({ width: 2 * svg.width, height: 2 * svg.height });
    expect(png.text.Title).toBe(title);
    expect(png.text.Description).toContain(year);
    expect(png.text.Description).toContain(knobLine);
    expect(png.text.Source).toMatch(/^Sources: .+ · Headroom · http/);
    await testInfo.attach(`${id}.png`, { body: pngFile.bytes, contentType: 'image/png' });
  }

  // The map (toolbar › Export › Map (PNG)): the WebGL view at 2× with the same caption band.
  const canvas = await cssSize(page.getByTestId('map-canvas'));
  if (!(await page.locator('hr-toolbar details').evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.getByText('Export', { exact: true }).click();
  }
  const mapFile = await download(page, () => page.getByRole('button', { name: 'Map (PNG)' }).click());
  expect(mapFile.name).toBe(`headroom-${SCENARIO}-map-${year}.png`);
  const map = readPng(mapFile.bytes);
  expect(map.width, 'map PNG at 2× the canvas width').toBe(2 * canvas.width);
  expect(map.height, 'map at 2× and a caption band under it').toBeGreaterThan(2 * (canvas.height + 40));
  expect(map.height % 2, 'whole CSS pixels at 2×').toBe(0);
  expect(map.text.Title).toBe('Where planned AI datacenters miss their load');
  expect(map.text.Description).toContain(year);
  expect(map.text.Description).toContain(`Height = expected IT load in ${year}`);
  expect(map.text.Description).toContain(knobLine);
  expect(map.text.Source).toMatch(/^Sources: .+ · Headroom · http/);
  // Drawn at 2× for the file, the map on screen is back at the screen's own ratio.
  expect(await page.getByTestId('map-canvas').evaluate((c) => (c as HTMLCanvasElement).width)).toBe(canvas.width);
  await testInfo.attach('map.png', { body: mapFile.bytes, contentType: 'image/png' });
  mkdirSync('docs/img', { recursive: true });
  writeFileSync('docs/img/export-example.png', mapFile.bytes);
  expect(errors).toEqual([]);
});

test('exports are 2× the CSS size on a devicePixelRatio 2 screen too, not 4×', async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = trackConsole(page);
  const { year, knobLine } = await openWithMovedKnob(page);
  expect(await page.evaluate(() => devicePixelRatio)).toBe(2);

  const chart = page.locator('hr-cause-chart');
  const plot = await cssSize(chart.locator('canvas').first());
  const svg = await parseSvg(
    page,
    (await download(page, () => chart.getByRole('button', { name: /as SVG$/ }).click())).bytes.toString('utf8'),
  );
  expect(svg.width).toBe(plot.width);
  const png = readPng((await download(page, () => chart.getByRole('button', { name: /as PNG$/ }).click())).bytes);
  expect({ width: png.width, height: png.height }).toEqual({ width: 2 * svg.width, height: 2 * svg.height });
  expect(png.text.Description).toContain(knobLine);

  const canvas = await cssSize(page.getByTestId('map-canvas'));
  await page.getByText('Export', { exact: true }).click();
  const mapFile = await download(page, () => page.getByRole('button', { name: 'Map (PNG)' }).click());
  expect(mapFile.name).toBe(`headroom-${SCENARIO}-map-${year}.png`);
  const map = readPng(mapFile.bytes);
  expect(map.width).toBe(2 * canvas.width);
  expect(map.height).toBeGreaterThan(2 * canvas.height);
  expect(map.height).toBeLessThan(2 * canvas.height + 2 * 400);
  // The map on screen is back at the screen's own ratio after the export.
  const onScreen = await page.getByTestId('map-canvas').evaluate((c) => (c as HTMLCanvasElement).width);
  expect(onScreen).toBe(2 * canvas.width);
  expect(errors).toEqual([]);
  await context.close();
});
