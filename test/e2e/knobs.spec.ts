// Knobs people understand (issue 12): each knob's physical meaning shown under it without hover,
// updated as the slider moves by keyboard; a tick at the scenario's own value on the slider and on
// the range slider; plausible "vary over a range" defaults; a warning beyond the plausible range.
// And the import side: the README's example site list replacing a preset's sites keeps its
// aggregates and says so; a link to imported data says so to whoever opens it.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { open, settled, trackConsole } from './helpers';

/** The tick's centre and where the native thumb's centre sits for the same value (thumb ≈ 16 px). */
async function tickAndThumb(page: Page, name: string, value: number, min: number, max: number) {
  const tick = await page.getByTestId(`tick-${name}`).boundingBox();
  const slider = await page.locator(`#knob-${name}`).boundingBox();
  if (!tick || !slider) throw new Error('tick or slider not laid out');
  return { tick: tick.x + tick.width / 2, thumb: slider.x + 8 + (slider.width - 16) * ((value - min) / (max - min)) };
}

test('each knob says what it means, updates by keyboard, ticks the scenario value and warns beyond the plausible range', async ({
  page,
}, testInfo) => {
  const errors = trackConsole(page);
  await open(page, '?backend=cpu&scenario=uk-2030');
  const year = await page.evaluate(() => window.headroom.scenario?.startYear ?? 0);

  // Every knob has its line, visible as it is (no hover, no focus).
  const names = await page.locator('hr-knob-panel [data-knob]').evaluateAll((els) => els.map((e) => e.getAttribute('data-knob') ?? ''));
  expect(names.length).toBe(9);
  for (const name of names) {
    const line = page.getByTestId(`means-${name}`);
    await expect(line, name).toBeVisible();
    expect(((await line.textContent()) ?? '').trim().length, name).toBeGreaterThan(20);
  }
  const means = page.getByTestId('means-demandGrowthPctPerYear');
  await expect(means).toContainText('IT load as planned');
  // The slider reads its line out too (aria-describedby).
  const slider = page.getByRole('slider', { name: 'Demand growth' });
  await expect(slider).toHaveAccessibleDescription(/IT load as planned/);

  // The tick sits where the thumb is at the scenario's own value (0 on −20…50).
  const at = await tickAndThumb(page, 'demandGrowthPctPerYear', 0, -20, 50);
  expect(Math.abs(at.tick - at.thumb)).toBeLessThan(2);
  await expect(page.getByTestId('tick-demandGrowthPctPerYear')).toHaveAttribute('data-value', '0');

  // Keyboard: three steps right is +3 %/yr; the line says the shown year's load × 1.03^y.
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('value-demandGrowthPctPerYear')).toHaveText('3 %/yr');
  const shownYear = Number(/IT load in (\d{4})/.exec((await means.textContent()) ?? '')?.[1] ?? (await means.textContent()));
  await expect(means).toContainText(`IT load in ${shownYear} ×${(1.03 ** (shownYear - year)).toFixed(2)} vs the plan`);
  // Still the tick at the scenario's value, not at the thumb.
  await expect(page.getByTestId('tick-demandGrowthPctPerYear')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('warn-demandGrowthPctPerYear')).toHaveCount(0);

  // +6 is the edge of the plausible range; +7 is beyond it: a warning saying what it implies.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('value-demandGrowthPctPerYear')).toHaveText('6 %/yr');
  await expect(page.getByTestId('warn-demandGrowthPctPerYear')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  const warn = page.getByTestId('warn-demandGrowthPctPerYear');
  await expect(warn).toBeVisible();
  await expect(warn).toContainText('Beyond the plausible -6…6 %/yr');
  await expect(warn).toContainText(/TWh a year, .+ of the world’s electricity use/);
  await page.keyboard.press('End');
  await expect(page.getByTestId('value-demandGrowthPctPerYear')).toHaveText('50 %/yr');
  await expect(warn).toContainText('TWh a year');
  await page.screenshot({ path: testInfo.outputPath('knob-warning.png'), fullPage: true });
  await page.keyboard.press('Home');
  await expect(page.getByTestId('value-demandGrowthPctPerYear')).toHaveText('-20 %/yr');
  await expect(warn).toBeVisible();

  // "Vary over a range" starts from the plausible range, and its slider ticks the scenario value.
  await page.getByRole('checkbox', { name: 'Vary Demand growth over a range' }).check();
  await expect(page.getByTestId('range-demandGrowthPctPerYear')).toHaveText('-6–6 %/yr');
  expect(await page.evaluate(() => window.headroom.state.ranges)).toEqual({ demandGrowthPctPerYear: [-6, 6] });
  const rangeTick = page.locator('hr-knob-panel [data-knob="demandGrowthPctPerYear"] hr-range-slider').getByTestId('range-tick');
  await expect(rangeTick).toHaveAttribute('data-value', '0');
  const box = await rangeTick.boundingBox();
  const track = await page.locator('hr-knob-panel [data-knob="demandGrowthPctPerYear"] hr-range-slider').boundingBox();
  if (!box || !track) throw new Error('range slider not laid out');
  expect(Math.abs(box.x + box.width / 2 - (track.x + 7 + (track.width - 14) * (20 / 70)))).toBeLessThan(2);

  // Grid build-out 0.80: "20% less new grid headroom than the regions plan".
  const grid = page.getByRole('slider', { name: 'Grid build-out' });
  await grid.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('value-gridBuildoutScale')).toHaveText('0.80 × plan');
  await expect(page.getByTestId('means-gridBuildoutScale')).toContainText('20% less new grid headroom than the regions plan');
  await page.screenshot({ path: testInfo.outputPath('knob-lines.png'), fullPage: true });
  await settled(page);
  expect(errors, errors.join('\n')).toEqual([]);
});

test('the knob lines read in Japanese', async ({ page }) => {
  await open(page, '?backend=cpu&scenario=uk-2030&lang=ja&demandGrowthPctPerYear=20');
  const means = page.getByTestId('means-demandGrowthPctPerYear');
  await expect(means).toContainText('IT 負荷は計画の');
  await expect(page.getByTestId('warn-demandGrowthPctPerYear')).toContainText('妥当な範囲');
});

test('the README example replacing a preset’s sites keeps its aggregates and says so; a link to it says it is imported data', async ({
  page,
  browser,
}, testInfo) => {
  await open(page, '?backend=cpu&scenario=global-2030');
  const aggregates = await page.evaluate(() => window.headroom.scenario?.sites.filter((s) => s.aggregate).map((s) => s.id) ?? []);
  expect(aggregates.length).toBeGreaterThan(0);
  const csv = await readFile('public/data/sites.csv');
  await page.getByLabel('Import scenario or sites').setInputFiles({ name: 'sites.csv', mimeType: 'text/csv', buffer: csv });
  await expect(page.getByText(/Imported \d+ sites from sites\.csv, replacing the scenario’s sites\./)).toBeVisible();
  await expect(page.getByText(`Kept the scenario’s ${aggregates.length} aggregate (rest-of-fleet) entries`)).toBeVisible();
  await settled(page);
  const after = await page.evaluate(() => window.headroom.scenario?.sites.filter((s) => s.aggregate).map((s) => s.id) ?? []);
  expect(after).toEqual(aggregates);
  await page.screenshot({ path: testInfo.outputPath('import-kept-aggregates.png'), fullPage: true });

  // The link now points at imported data; someone else opening it is told so, not shown the preset silently.
  await expect.poll(() => page.evaluate(() => location.search)).toContain('scenario=user');
  const link = page.url();
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(link);
  await expect(theirs.locator('body')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(
    theirs.locator('hr-status').getByRole('status').filter({ hasText: 'This link points at data someone imported' }),
  ).toBeVisible();
  await other.close();
});
