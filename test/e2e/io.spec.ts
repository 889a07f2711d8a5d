// Files in and out: every export downloads a valid file (PNG magic bytes, JSON that parses, CSV
// headers), site lists import through the file picker and by drag-and-drop onto the map, a bad
// CSV is reported by row, column and reason while the last good scenario stays, and imported data
// survives a reload until "Reset to preset".
import { expect, test, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { open, settled, trackConsole } from './helpers';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await (d as Download).path();
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
}

async function exportMenu(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  const summary = page.getByText('Export', { exact: true });
  if (!(await page.locator('hr-toolbar details').evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
  return download(page, () => page.getByRole('button', { name: label }).click());
}

/** A two-site CSV in the public/data/sites.csv convention, in a region of the loaded scenario. */
function sitesCsv(region: string, opts: { badLatRow?: boolean } = {}): string {
  const header = 'id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling';
  const rows = [
    `e2e-alpha,E2E Alpha campus,53.4,-2.2,${region},planned,250,2027,liquid`,
    `e2e-beta,E2E Beta campus,${opts.badLatRow ? '123' : '52.9'},-1.5,${region},construction,120,2026,air`,
  ];
  return `${header}\n${rows.join('\n')}\n`;
}

/** The two imported sites, then uk-2030's rest-of-fleet aggregates, which a replace keeps. */
const WITH_FLEET = ['e2e-alpha', 'e2e-beta', 'gb-agg-fleet-2023', 'gb-agg-pipeline-2024-2030'];

test('exports: map and chart PNGs, results JSON and CSVs, scenario JSON', async ({ page }, testInfo) => {
  const errors = trackConsole(page);
  await open(page, '?backend=cpu&scenario=uk-2030');

  const map = await exportMenu(page, 'Map (PNG)');
  expect([...map.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
  expect(map.bytes.length).toBeGreaterThan(5_000);
  await testInfo.attach('map-export.png', { body: map.bytes, contentType: 'image/png' });

  const chart = await download(page, () => page.getByRole('button', { name: /^Save Energy served .*distribution as PNG$/ }).click());
  expect([...chart.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
  await testInfo.attach('histogram-export.png', { body: chart.bytes, contentType: 'image/png' });

  const json = await exportMenu(page, 'Results (JSON)');
  const doc = JSON.parse(json.bytes.toString('utf8')) as {
    run: { draws: number };
    paramSets: { series: Record<string, { mean: number }> }[];
  };
  expect(doc.run.draws).toBe(512);
  expect(doc.paramSets[0]?.series.energyServedMWh?.mean).toBeGreaterThan(0);

  const csv = await exportMenu(page, 'Results (CSV)');
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('paramSet,series,metric,unit,year,region,mean,sd,se,p5,p50,p95,pExceed,threshold,outOfRangeFraction');
  const seriesCount = await page.evaluate(() => window.headroom.lastResult?.series.length ?? 0);
  expect(lines.length - 1).toBe(seriesCount);

  const sites = await exportMenu(page, 'Sites by year (CSV)');
  const siteLines = sites.bytes.toString('utf8').trim().split('\n');
  expect(siteLines[0]).toBe('paramSet,siteId,siteName,region,year,missProbability,expectedLoadMW');
  const expected = await page.evaluate(
    () => (window.headroom.scenario?.sites.length ?? 0) * (window.headroom.lastResult?.years.length ?? 0),
  );
  expect(siteLines.length - 1).toBe(expected);

  const scenario = await exportMenu(page, 'Scenario (JSON)');
  expect(scenario.name).toMatch(/\.json$/);
  const parsed = await page.evaluate((text) => window.headroom.parseScenario(text).ok, scenario.bytes.toString('utf8'));
  expect(parsed, 'the exported scenario validates').toBe(true);
  // …and imports back as the visitor's own scenario.
  await page
    .getByLabel('Import scenario or sites')
    .setInputFiles({ name: scenario.name, mimeType: 'application/json', buffer: scenario.bytes });
  await expect.poll(() => page.evaluate(() => window.headroom.state.source)).toBe('user');
  await settled(page);
  console.log(
    `exports: map ${map.bytes.length} B, chart ${chart.bytes.length} B, results CSV ${lines.length - 1} rows, site-years ${siteLines.length - 1} rows`,
  );
  expect(errors, errors.join('\n')).toEqual([]);
});

test('import sites: file picker, error list for a bad CSV, persistence across reload, reset', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu&scenario=uk-2030');
  const region = await page.evaluate(() => window.headroom.scenario?.regions[0]?.id ?? '');
  const nameBefore = await page.evaluate(() => window.headroom.scenario?.name);
  const input = page.getByLabel('Import scenario or sites');

  // A bad latitude on the second data row (row 3 as a spreadsheet counts, header = row 1).
  await input.setInputFiles({ name: 'bad-sites.csv', mimeType: 'text/csv', buffer: Buffer.from(sitesCsv(region, { badLatRow: true })) });
  const box = page.getByRole('alert');
  await expect(box).toContainText('bad-sites.csv');
  await expect(box).toContainText('row 3');
  await expect(box).toContainText('column lat');
  await expect(box).toContainText('90');
  await page.screenshot({ path: testInfo.outputPath('import-error.png'), fullPage: true });
  expect(await page.evaluate(() => window.headroom.scenario?.name)).toBe(nameBefore);
  expect(await page.evaluate(() => window.headroom.state.source)).toBe('uk-2030');

  await input.setInputFiles({ name: 'my-sites.csv', mimeType: 'text/csv', buffer: Buffer.from(sitesCsv(region)) });
  await expect(page.getByText(/Imported 2 sites from my-sites\.csv/)).toBeVisible();
  await expect(box).toHaveCount(0);
  await settled(page);
  // Replacing the sites keeps the preset's rest-of-fleet aggregates (the notice says so).
  expect(await page.evaluate(() => window.headroom.scenario?.sites.map((s) => s.id))).toEqual(WITH_FLEET);
  expect(await page.evaluate(() => window.headroom.lastResult?.siteIds)).toEqual(WITH_FLEET);
  await expect.poll(() => page.evaluate(() => location.search)).toContain('scenario=user');

  await page.reload();
  await settled(page);
  expect(await page.evaluate(() => window.headroom.scenario?.sites.map((s) => s.id)), 'the import survives a reload').toEqual(WITH_FLEET);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('user');

  await page.getByRole('button', { name: 'Reset to preset' }).click();
  await settled(page);
  expect(await page.evaluate(() => window.headroom.state.source)).toBe('uk-2030');
  expect(await page.evaluate(() => window.headroom.scenario?.sites.some((s) => s.id === 'e2e-alpha'))).toBe(false);
  await page.reload();
  await settled(page);
  expect(await page.evaluate(() => window.headroom.state.source), 'reset clears the saved import').toBe('uk-2030');
  await expect(page.getByRole('button', { name: 'Reset to preset' })).toHaveCount(0);
});

test('import sites by dropping a file on the map', async ({ page }) => {
  await open(page, '?backend=cpu&scenario=uk-2030');
  const region = await page.evaluate(() => window.headroom.scenario?.regions[0]?.id ?? '');
  const zone = page.getByTestId('map-drop-zone');
  const dataTransfer = await page.evaluateHandle((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped-sites.csv', { type: 'text/csv' }));
    return dt;
  }, sitesCsv(region));
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText(/Imported 2 sites from dropped-sites\.csv/)).toBeVisible();
  await settled(page);
  expect(await page.evaluate(() => window.headroom.lastResult?.siteIds)).toEqual(WITH_FLEET);
  // Leave the browser profile clean for the next test.
  await page.getByRole('button', { name: 'Reset to preset' }).click();
  await settled(page);
});
