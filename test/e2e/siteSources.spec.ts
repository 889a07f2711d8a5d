// The data says per field what is an assumption rather than a published figure; the site detail
// shows it, with the site's sources.
import { expect, test } from '@playwright/test';
import { open } from './helpers';

test('a site detail lists its sources and which of its figures are assumed', async ({ page }, testInfo) => {
  await open(page, '?backend=cpu&scenario=uk-2030&site=gb-yondr-slough');
  const site = await page.evaluate(() => window.headroom.scenario?.sites.find((s) => s.id === 'gb-yondr-slough'));
  expect(site?.assumed, 'the shipped data flags this site’s assumed fields').toEqual([
    'plannedYear',
    'rampYears',
    'cooling',
    'acceleratorImportShare',
  ]);
  const provenance = page.getByRole('region', { name: 'Sources and assumptions' });
  await expect(page.getByTestId('site-assumed')).toHaveText(
    'Assumed, not published: commissioning year, ramp, cooling type, imported-accelerator share.',
  );
  const links = provenance.getByRole('link');
  await expect(links).toHaveCount(site?.sources?.length ?? 0);
  await expect(links.first()).toHaveAttribute('href', site?.sources?.[0]?.url ?? '');
  await page.screenshot({ path: testInfo.outputPath('site-sources.png'), fullPage: true });
});
