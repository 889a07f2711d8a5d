// Offline after the first visit: the service worker (vite-plugin-pwa, vite.config.ts) precaches
// the build, so with the network off the page reloads, its engine starts, it answers, and every
// preset still opens.
import { expect, test } from '@playwright/test';
import { open, settled, trackConsole } from './helpers';

test('works offline after the first visit: page, engine, answer and every preset', async ({ page, context }, testInfo) => {
  const errors = trackConsole(page);
  await open(page, '?backend=cpu&scenario=global-2030');
  // The first visit installs the worker and fills its cache with the whole build.
  const precached = async () =>
    page.evaluate(async () => {
      let n = 0;
      for (const key of await caches.keys()) n += (await (await caches.open(key)).keys()).length;
      return n;
    });
  await expect.poll(precached, { timeout: 60_000 }).toBeGreaterThanOrEqual(8);

  await context.setOffline(true);
  // The network is really off: a same-origin file the worker never cached cannot be fetched.
  const probe = await page.evaluate(() =>
    fetch(`./not-cached-${Date.now()}.json`).then(
      () => 'online',
      () => 'offline',
    ),
  );
  expect(probe).toBe('offline');
  errors.length = 0; // the probe's own failed request; from here on the page must load without one
  await page.reload();
  await settled(page);
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the worker serves the page').toBe(true);
  await expect(page.getByTestId('answer-card')).toContainText('planned');
  const scenario = page.getByRole('combobox', { name: 'Scenario' });
  for (const id of ['uk-2030', 'us-federal-sites', 'global-2030']) {
    await scenario.selectOption(id);
    await settled(page);
    await expect(page.locator('body')).toHaveAttribute('data-answer', /planned|Nothing is planned/);
    expect(await page.evaluate(() => window.headroom.scenario?.name)).toBeTruthy();
  }
  await page.screenshot({ path: testInfo.outputPath('offline.png') });
  await context.setOffline(false);
  expect(errors).toEqual([]);
});
