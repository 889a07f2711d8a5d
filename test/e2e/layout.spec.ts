// Layouts: presentation mode is one screen — the answer card, the map and the cause chart inside
// the window at 1280×720 and 1920×1080, nothing to scroll, type that grows with the screen, and
// the rest of the page behind a keyboard-reachable "Show controls" — and a phone (390×844) gets
// the answer and the map before the toolbar and the knobs, with no sideways scroll. Screenshots
// are kept in docs/img for the README.
import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { open, trackConsole } from './helpers';

function keep(shot: string, name: string): void {
  mkdirSync('docs/img', { recursive: true });
  copyFileSync(shot, `docs/img/${name}`);
}

interface Size {
  width: number;
  height: number;
}

/** The document's scroll extent against its window: what a visitor could scroll. */
function scrollExtent(page: Page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, scrollHeight: d.scrollHeight, clientHeight: d.clientHeight };
  });
}

async function expectInside(what: string, el: Locator, size: Size, minHeight: number): Promise<void> {
  await expect(el, `${what} is shown`).toBeVisible();
  const box = await el.boundingBox();
  expect(box, `${what} has a box`).not.toBeNull();
  if (!box) return;
  const at = `${what}: ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)} in ${size.width}×${size.height}`;
  expect(box.x, at).toBeGreaterThanOrEqual(0);
  expect(box.y, at).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, at).toBeLessThanOrEqual(size.width + 0.5);
  expect(box.y + box.height, at).toBeLessThanOrEqual(size.height + 0.5);
  expect(box.height, `${at}: big enough to read`).toBeGreaterThanOrEqual(minHeight);
}

/** What presentation mode hides until the controls are asked for. */
const CONTROLS = ['hr-toolbar', 'hr-status', 'hr-knob-panel', 'hr-fan-chart', 'hr-region-cause-chart', 'hr-ensemble', 'hr-data-views'];

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  const name = `${size.width}x${size.height}`;
  test(`presentation at ${name}: the answer, the map and the cause chart fill one screen; the controls wait for the toggle`, async ({
    page,
  }, testInfo) => {
    const errors = trackConsole(page);
    await page.setViewportSize(size);
    await open(page, '?backend=cpu&present=1');
    const app = page.locator('hr-app');
    await expect(app).toHaveAttribute('present-layout', '');
    const extent = await scrollExtent(page);
    expect(extent.scrollWidth, 'no sideways scroll').toBeLessThanOrEqual(extent.clientWidth);
    expect(extent.scrollHeight, 'no vertical scroll').toBeLessThanOrEqual(extent.clientHeight);
    await expectInside('answer card', page.getByTestId('answer-card'), size, 100);
    await expectInside('map', page.locator('hr-map'), size, size.height * 0.4);
    const chart = page.locator('hr-cause-chart');
    await expectInside('cause chart', chart, size, 300);
    await expect(chart.locator('canvas').first()).toBeVisible();
    // The bar floats over the chart column's top margin: it must not cover the chart.
    const bar = await page.locator('.present-bar').boundingBox();
    const chartBox = await chart.boundingBox();
    expect((bar?.y ?? 0) + (bar?.height ?? 0), 'the bar ends above the chart').toBeLessThanOrEqual(chartBox?.y ?? 0);
    for (const sel of CONTROLS) await expect(page.locator(sel), `${sel} waits for "Show controls"`).toBeHidden();
    // Read from the back of the room: the headline grows with the screen (index.html scales the rem).
    const headlinePx = await page.getByTestId('answer-headline').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(headlinePx, 'headline type size').toBeGreaterThanOrEqual(size.height / 27);
    const shot = testInfo.outputPath(`presentation-${name}.png`);
    await page.screenshot({ path: shot });
    keep(shot, `presentation-${name}.png`);

    // The toggle is the first stop of the keyboard, and brings the whole page back in large type.
    const toggle = page.getByRole('button', { name: 'Show controls' });
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Tab');
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    const hide = page.getByRole('button', { name: 'Hide controls' });
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    await expect(app).not.toHaveAttribute('present-layout', '');
    await expect(app).toHaveAttribute('present', '');
    for (const sel of CONTROLS) {
      await page.locator(sel).scrollIntoViewIfNeeded();
      await expect(page.locator(sel), `${sel} is back`).toBeVisible();
    }
    await hide.click();
    await expect(app).toHaveAttribute('present-layout', '');
    await expect(page.locator('hr-knob-panel')).toBeHidden();

    // Escape leaves presentation mode (headless Chromium refuses full screen, so this is the page's own key).
    await page.keyboard.press('Escape');
    await expect(app).not.toHaveAttribute('present', '');
    await expect(page.locator('hr-toolbar')).toBeVisible();
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain('present=1');
    expect(errors).toEqual([]);
  });
}

test('presentation: the bar’s “Presentation mode” toggle exits, and controls shown once stay hidden next time', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, '?backend=cpu&present=1');
  const app = page.locator('hr-app');
  await page.getByRole('button', { name: 'Show controls' }).click();
  await expect(page.locator('hr-knob-panel')).toBeVisible();
  // With the controls shown the toolbar holds the toggle; the bar does not repeat it.
  const exit = page.getByRole('button', { name: 'Presentation mode' });
  await expect(exit).toHaveCount(1);
  await exit.click();
  await expect(app).not.toHaveAttribute('present', '');
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(app).toHaveAttribute('present-layout', '');
  await expect(page.locator('hr-knob-panel')).toBeHidden();
  const barToggle = page.locator('.present-bar').getByRole('button', { name: 'Presentation mode' });
  await expect(barToggle).toHaveAttribute('aria-pressed', 'true');
  await barToggle.click();
  await expect(app).not.toHaveAttribute('present', '');
});

test('phone 390×844: the answer and the map come before the toolbar and the knobs, nothing scrolls sideways', async ({
  page,
}, testInfo) => {
  const errors = trackConsole(page);
  const size = { width: 390, height: 844 };
  await page.setViewportSize(size);
  await open(page, '?backend=cpu');
  const top = async (sel: Locator) => (await sel.boundingBox())?.y ?? Number.NaN;
  const card = await top(page.getByTestId('answer-card'));
  const map = await top(page.locator('hr-map'));
  const toolbar = await top(page.locator('hr-toolbar'));
  const knobs = await top(page.locator('hr-knob-panel'));
  console.log(`[layout] phone tops: card ${card}, map ${map}, toolbar ${toolbar}, knobs ${knobs}`);
  expect(card).toBeLessThan(map);
  expect(map).toBeLessThan(toolbar);
  expect(map).toBeLessThan(knobs);
  // The card starts on the first screen.
  expect(card).toBeLessThan(size.height / 2);
  const extent = await scrollExtent(page);
  expect(extent.scrollWidth, 'no sideways scroll').toBeLessThanOrEqual(extent.clientWidth);
  const shot = testInfo.outputPath('phone-390x844.png');
  await page.screenshot({ path: shot });
  keep(shot, 'phone-390x844.png');
  // The knobs are below, within the width, and work.
  const slider = page.locator('hr-knob-panel input[type="range"]').first();
  await slider.scrollIntoViewIfNeeded();
  await expect(slider).toBeVisible();
  const box = await page.locator('hr-knob-panel').boundingBox();
  expect((box?.x ?? -1) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(size.width);
  expect((await scrollExtent(page)).scrollWidth).toBeLessThanOrEqual(size.width);
  expect(errors).toEqual([]);
});
