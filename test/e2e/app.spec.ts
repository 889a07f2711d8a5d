// The page in headless Chromium: WebGPU on SwiftShader, the CPU fallback, GPU/CPU parity in the
// browser, scenario errors and a clean console. Each test leaves a screenshot in test-results.
// The explorer (knobs, map, charts, sharing, import/export) is tested in explorer.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { open, runFromUi, trackConsole } from './helpers';

const HEADLINE = ['energyDemandedMWh', 'energyServedMWh', 'curtailedMWh', 'waterUsedML', 'waterShortfallML', 'computeLostMWh'];
/** GPU (f32) and CPU must agree on the mean of energy served to this relative tolerance. */
const PARITY_REL_TOL = 1e-3;

async function webgpuStatus(page: Page): Promise<{ ok: boolean; detail: string }> {
  return page.evaluate(async () => {
    if (!window.isSecureContext) return { ok: false, detail: 'the page is not a secure context (serve it from http://localhost)' };
    if (!navigator.gpu) {
      return { ok: false, detail: 'navigator.gpu is undefined: Chromium was started without --enable-unsafe-webgpu, or has no WebGPU' };
    }
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) {
      return {
        ok: false,
        detail:
          'navigator.gpu.requestAdapter() returned null: no Vulkan adapter. Use Debian chromium (it ships SwiftShader) ' +
          'with --use-webgpu-adapter=swiftshader --enable-features=Vulkan, or point CHROME_PATH at a Chrome with a GPU',
      };
    }
    return { ok: true, detail: `${adapter.info.vendor} ${adapter.info.architecture}` };
  });
}

async function expectHeadlines(page: Page): Promise<void> {
  for (const key of HEADLINE) {
    const row = page.locator(`tr[data-series="${key}"]`);
    await expect(row.locator('[data-field="mean"]'), `${key} mean`).toHaveText(/^-?[\d,.]+(e[+-]?\d+)? (TWh|GWh|MWh|GL|ML)$/);
    await expect(row.locator('[data-field="range"]'), `${key} P5–P95`).toHaveText(/^-?[\d,.]+.* – -?[\d,.]+.* (TWh|GWh|MWh|GL|ML)$/);
  }
  await expect(page.getByTestId('throughput')).toHaveText(/^[\d.]+( [kMG])? site-year samples\/s$/);
}

test.afterEach(async ({ page }, testInfo) => {
  await page.screenshot({ path: testInfo.outputPath('page.png'), fullPage: true });
});

test('(a) runs the default scenario on WebGPU', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  const gpu = await webgpuStatus(page);
  expect(gpu.ok, `WebGPU is not available in headless Chromium (${process.env.CHROME_PATH ?? '/usr/bin/chromium'}): ${gpu.detail}`).toBe(
    true,
  );
  await open(page, '?backend=webgpu');
  await runFromUi(page);
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');
  await expect(page.getByTestId('cpu-banner')).toHaveCount(0);
  await expectHeadlines(page);
  expect(await page.evaluate(() => window.headroom.lastResult?.backend)).toBe('webgpu');
});

test('(b) runs the default scenario on the CPU with ?backend=cpu', async ({ page }) => {
  await open(page, '?backend=cpu');
  await expect(page.getByTestId('backend-badge')).toHaveText(/CPU, \d+ workers?/);
  await runFromUi(page);
  await expectHeadlines(page);
  expect(await page.evaluate(() => window.headroom.lastResult?.backend)).toBe('cpu');
});

test('(c) WebGPU and CPU agree in the browser for the same seed', async ({ page }) => {
  await open(page);
  const gpu = await webgpuStatus(page);
  expect(gpu.ok, `WebGPU is needed for the parity check: ${gpu.detail}`).toBe(true);
  const means = await page.evaluate(async () => {
    const h = window.headroom;
    const scenario = h.scenario;
    if (!scenario) throw new Error('no scenario loaded');
    const options = { draws: 1024, seed: 7, paramSets: 1 };
    const servedMean = (r: { series: { key: string }[]; summary: Float32Array; paramSetCount: number }): number => {
      const i = r.series.findIndex((s) => s.key === 'energyServedMWh');
      const stride = r.summary.length / (r.paramSetCount * r.series.length);
      return r.summary[i * stride] ?? Number.NaN;
    };
    const out: Record<string, { backend: string; mean: number }> = {};
    for (const backend of ['webgpu', 'cpu'] as const) {
      const engine = await h.createEngine({ backend });
      try {
        const r = await engine.run(scenario, options);
        out[backend] = { backend: r.backend, mean: servedMean(r) };
      } finally {
        await engine.dispose();
      }
    }
    return out;
  });
  const g = means.webgpu;
  const c = means.cpu;
  expect(g?.backend).toBe('webgpu');
  expect(c?.backend).toBe('cpu');
  expect(g?.mean, 'energyServedMWh mean should be positive').toBeGreaterThan(0);
  const rel = Math.abs((g?.mean ?? 0) - (c?.mean ?? 0)) / Math.max(Math.abs(c?.mean ?? 0), 1e-30);
  const report = `energyServedMWh mean: GPU ${g?.mean} vs CPU ${c?.mean}, relative difference ${rel.toExponential(2)} (tolerance ${PARITY_REL_TOL})`;
  console.log(report);
  expect(rel, report).toBeLessThanOrEqual(PARITY_REL_TOL);
});

test('(d) a bad scenario file shows the path-named error and keeps the last result', async ({ page }) => {
  await open(page, '?backend=cpu');
  await runFromUi(page);
  const servedBefore = await page.locator('tr[data-series="energyServedMWh"] [data-field="mean"]').textContent();
  const nameBefore = await page.evaluate(() => window.headroom.scenario?.name);

  const bad = await page.evaluate(async () => {
    const json = (await (await fetch('./data/scenarios/global-2030.json')).json()) as { sites: { lat: number }[] };
    const site = json.sites[0];
    if (site) site.lat = 123;
    return JSON.stringify(json);
  });
  await page
    .getByLabel('Import scenario or sites')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });

  await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
  const box = page.getByRole('alert');
  await expect(box).toContainText('bad.json');
  await expect(box).toContainText('sites[0].lat');
  await expect(box).toContainText('within [-90, 90]');
  await expect(page.locator('tr[data-series="energyServedMWh"] [data-field="mean"]')).toHaveText(servedBefore ?? '');
  expect(await page.evaluate(() => window.headroom.scenario?.name)).toBe(nameBefore);

  // Not JSON at all: named as a file-level problem.
  await page
    .getByLabel('Import scenario or sites')
    .setInputFiles({ name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{"name": ') });
  await expect(box).toContainText('(file)');
  await expect(box).toContainText('invalid JSON');
});

test('(e) no console errors during a run', async ({ page }) => {
  const errors = trackConsole(page);
  await open(page);
  await runFromUi(page);
  await expectHeadlines(page);
  expect(errors, errors.join('\n')).toEqual([]);
});

test('(f) without WebGPU the page says so and runs on the CPU', async ({ page }) => {
  // As a browser without WebGPU would look to the page.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
  await open(page);
  await expect(page.getByTestId('cpu-banner')).toContainText('WebGPU is not available');
  await expect(page.getByTestId('backend-badge')).toHaveText(/CPU, \d+ workers?/);
  await runFromUi(page);
  await expectHeadlines(page);
});

test('(g) Cancel stops a run and keeps the previous result', async ({ page }) => {
  await open(page, '?backend=cpu');
  await runFromUi(page);
  const before = await page.locator('tr[data-series="energyServedMWh"] [data-field="mean"]').textContent();
  await page.getByLabel('Draws per parameter set').fill('4000000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'running');
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(page.getByText('Run cancelled')).toBeVisible();
  await expect(page.locator('tr[data-series="energyServedMWh"] [data-field="mean"]')).toHaveText(before ?? '');
});

test('(h) auto passes over a software WebGPU adapter and says why', async ({ page }) => {
  await open(page);
  const info = await page.evaluate(async () => {
    const adapter = await navigator.gpu?.requestAdapter();
    const i = adapter?.info;
    return {
      name: [i?.vendor, i?.architecture, i?.device, i?.description].join(' '),
      fallback: (i as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter,
    };
  });
  const software = info.fallback === true || /swiftshader|llvmpipe|lavapipe|software/i.test(info.name);
  if (software) {
    await expect(page.getByTestId('backend-badge')).toHaveText(/CPU, \d+ workers?/);
    await expect(page.getByTestId('cpu-banner')).toContainText('software renderer that runs on the CPU');
    await expect(page.getByTestId('cpu-banner')).toContainText('?backend=webgpu');
  } else {
    await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');
    await expect(page.getByTestId('cpu-banner')).toHaveCount(0);
  }
  expect(await page.evaluate(() => window.headroom.engine?.backendReason)).toMatch(
    software ? /software renderer/ : /WebGPU adapter was found/,
  );
});
