// The Table and Sources views: the table shows the year's regions and sites with the numbers the
// answer and the map use, its CSV is exactly those rows with the knob columns (a moved knob shows
// in them), and Sources lists every source of the scenario with its date.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { open } from './helpers';

test.use({ viewport: { width: 1280, height: 900 } });

test('Table: the year’s regions and sites, and a CSV of exactly them with the knobs', async ({ page }) => {
  await open(page, '?scenario=uk-2030&year=2030&demandGrowthPctPerYear=12');
  const views = page.locator('hr-data-views');
  await views.scrollIntoViewIfNeeded();
  await views.getByRole('tab', { name: 'Table' }).click();
  const s = await page.evaluate(() => ({
    regions: window.headroom.whereBreaks(2030)?.regions.length ?? -1,
    sites: window.headroom.scenario?.sites.length ?? -1,
  }));
  await expect(views.getByTestId('table-regions').locator('tbody tr')).toHaveCount(s.regions);
  await expect(views.getByTestId('table-sites').locator('tbody tr')).toHaveCount(s.sites);
  const [download] = await Promise.all([page.waitForEvent('download'), views.getByRole('button', { name: 'Regions (CSV)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/-regions-2030\.csv$/);
  const csv = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
  expect(csv).toHaveLength(s.regions + 1);
  const header = csv[0]?.split(',') ?? [];
  const growth = header.indexOf('knob.demandGrowthPctPerYear');
  expect(growth).toBeGreaterThan(0);
  expect(Number(csv[1]?.split(',')[growth])).toBe(12);
});

test('Sources: every source of the scenario, with its date and where it is used', async ({ page }) => {
  await open(page, '?scenario=japan-2030');
  const views = page.locator('hr-data-views');
  await views.scrollIntoViewIfNeeded();
  const tab = views.getByRole('tab', { name: /Sources \(\d+\)/ });
  const count = Number((await tab.textContent())?.match(/\d+/)?.[0]);
  expect(count).toBeGreaterThan(10);
  await tab.click();
  const items = views.getByTestId('sources-list').locator('li');
  await expect(items).toHaveCount(count);
  await expect(items.filter({ hasText: /\(\d{4}/ }).first()).toBeVisible();
  await expect(items.filter({ hasText: 'used for sites' }).first()).toBeVisible();
});
