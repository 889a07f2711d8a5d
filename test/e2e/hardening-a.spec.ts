// Hardening in the browser, site files: a workbook dropped on the map gets the page's one reader's
// hint (it used to get "invalid JSON"), and a UTF-16 CSV export imports like its UTF-8 original.
import { expect, test } from '@playwright/test';
import { open, settled } from './helpers';

test('a dropped .xlsx is named as a workbook; a UTF-16 CSV imports', async ({ page }) => {
  await open(page, '?backend=cpu&scenario=uk-2030');
  const region = await page.evaluate(() => window.headroom.scenario?.regions[0]?.id ?? '');
  const zone = page.getByTestId('map-drop-zone');
  const drop = async (name: string, bytes: number[]) => {
    const dataTransfer = await page.evaluateHandle(
      ([n, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], n));
        return dt;
      },
      [name, bytes] as const,
    );
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
  };

  await drop('sites.xlsx', [...Buffer.from('PK\u0003\u0004\u0014\u0000[Content_Types].xml')]);
  const box = page.getByRole('alert');
  await expect(box).toContainText('sites.xlsx was not imported');
  await expect(box).toContainText('is an Excel workbook — save it as CSV (File › Save As › CSV UTF-8)');
  await expect(box).not.toContainText('JSON');

  const csv = `id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling\nu16-a,Zürich Ost,47.4,8.6,${region},planned,50,2028,air\n`;
  await drop('export-utf16.csv', [0xff, 0xfe, ...Buffer.from(csv, 'utf16le')]);
  await expect(page.getByText(/Imported 1 site from export-utf16\.csv/)).toBeVisible();
  await settled(page);
  // The imported site replaces the named sites; the preset's rest-of-fleet aggregates stay (importAggregates.test.ts).
  expect(await page.evaluate(() => window.headroom.scenario?.sites.filter((s) => !s.aggregate).map((s) => s.name))).toEqual(['Zürich Ost']);
});
