// The ensemble: knob ranges set with the keyboard, a Sobol' ensemble run from the page, the
// scatter with one point per set, brushing that filters the map, PRIM sentences, the sensitivity
// tornado, raw-sample downloads (CSV and Arrow) and the URL round trip. Small K and draws: the
// machine has two cores. One run on WebGPU (SwiftShader) checks the GPU path. Screenshots attached.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { mapPixels, open, settled, trackConsole, unnamedControls } from './helpers';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

async function runEnsemble(page: Page, K: number): Promise<void> {
  await page.getByRole('button', { name: 'Run ensemble' }).click();
  await expect(page.locator('body'), 'the ensemble should finish').toHaveAttribute('data-ensemble', 'done', { timeout: 120_000 });
  await expect(page.locator('body')).toHaveAttribute('data-ensemble-rows', String(K));
}

/** Coloured (non-grey, non-white) pixels on the scatter's canvas: the drawn points. */
async function scatterInk(page: Page): Promise<number> {
  return page
    .locator('hr-scatter canvas')
    .first()
    .evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i] ?? 0;
        const g = data[i + 1] ?? 0;
        const b = data[i + 2] ?? 0;
        if ((data[i + 3] ?? 0) > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
      }
      return n;
    });
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return readFile(path);
}

test('ranges, ensemble, brushing, PRIM, sensitivity and raw samples on the CPU', async ({ page }, testInfo) => {
  const errors = trackConsole(page);
  const K = 64;
  await open(page, `?backend=cpu&scenario=uk-2030&K=${K}&ensDraws=64&sensN=16`);

  // Ranges with the keyboard: tick "vary over a range", then move each handle with the arrows.
  await page.getByRole('checkbox', { name: 'Vary Grid build-out over a range' }).focus();
  await page.keyboard.press('Space');
  const max = page.getByRole('slider', { name: 'Grid build-out maximum', exact: true });
  await max.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  const min = page.getByRole('slider', { name: 'Grid build-out minimum', exact: true });
  await min.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('range-gridBuildoutScale')).toHaveText('0.50–2.00 × plan');
  await page.getByRole('checkbox', { name: 'Vary Demand growth over a range' }).check();
  await expect.poll(() => page.evaluate(() => location.search)).toContain('gridBuildoutScale=0.5..2');
  expect(await page.evaluate(() => window.headroom.state.ranges)).toEqual({
    gridBuildoutScale: [0.5, 2],
    demandGrowthPctPerYear: [-6, 6],
  });

  // K on auto follows the measured throughput, and the page says how long it will take.
  const kSelect = page.getByLabel('Ensemble parameter sets K');
  await kSelect.selectOption('auto');
  const note = page.getByTestId('ensemble-k-note');
  await expect(note).toContainText(
    /auto: K = [\d,]+, what this backend runs in about 30 s \(about .+ at the .+ site-year samples\/s the last run measured on the CPU\)/,
  );
  const autoK = Number(/auto: K = ([\d,]+)/.exec((await note.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  expect(Math.log2(autoK) % 1, `auto K ${autoK} is a power of two`).toBe(0);
  console.log(`auto K on the CPU: ${autoK}`);
  // Progress and stop: the sets finished so far stay; the rest are never run.
  await page.getByRole('button', { name: 'Run ensemble' }).click();
  await expect(page.getByRole('progressbar', { name: 'Ensemble progress' })).toBeVisible();
  await expect
    .poll(async () => Number(await page.locator('body').getAttribute('data-ensemble-rows')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Stop ensemble' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-ensemble', 'cancelled');
  await expect(page.getByTestId('ensemble-status')).toHaveText(new RegExp(`^Cancelled after \\d+ of ${autoK.toLocaleString('en')} sets`));
  console.log(`stopped: ${await page.getByTestId('ensemble-status').textContent()}`);
  await kSelect.selectOption(String(K));
  await expect(page.getByTestId('ensemble-k-note')).toContainText(`K = ${K} parameter sets`);

  const t0 = Date.now();
  await runEnsemble(page, K);
  console.log(`ensemble K=${K} × 64 draws on the CPU: ${Date.now() - t0} ms (${await page.getByTestId('ensemble-status').textContent()})`);
  await expect(page.locator('hr-scatter')).toHaveAttribute('data-points', String(K));
  const ink = await scatterInk(page);
  console.log(`scatter: ${ink} coloured pixels`);
  expect(ink, 'the points are drawn').toBeGreaterThan(K * 4);
  await page.locator('hr-ensemble').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'ensemble');

  // Brush the left half of the scatter (low grid build-out): the label and the map follow.
  await mapPixels(page, { key: 'mapLive' });
  const over = page.locator('hr-scatter .u-over');
  const box = await over.boundingBox();
  if (!box) throw new Error('no scatter plot area');
  await page.mouse.move(box.x + box.width * 0.02, box.y + box.height * 0.02);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.98, { steps: 5 });
  await page.mouse.up();
  const label = page.getByTestId('selection-label');
  await expect(label).toHaveText(new RegExp(`^Mean over \\d+ of ${K} sets selected$`));
  const n = Number(/over (\d+)/.exec((await label.textContent()) ?? '')?.[1]);
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(K);
  const diff = await mapPixels(page, { diffFrom: 'mapLive' });
  console.log(`brushed ${n} of ${K} sets; ${diff.changed} map pixels changed`);
  expect(diff.changed ?? 0, 'the map shows the selected sets’ mean').toBeGreaterThan(50);
  await page.getByTestId('map-canvas').screenshot({ path: testInfo.outputPath('map-brushed.png') });
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(label).toHaveCount(0);

  // PRIM: "curtailed energy above its median" fails about half the sets.
  await page.getByLabel('Failure output').selectOption('curtailedMWh');
  const curtailed = (await page.evaluate(() => window.headroom.ensembleColumn('curtailedMWh'))) ?? [];
  const median = [...curtailed].sort((a, b) => a - b)[Math.floor(curtailed.length / 2)] ?? 0;
  const threshold = Number(median.toPrecision(4));
  const failing = curtailed.filter((v) => v > threshold).length;
  await page.getByLabel('Failure threshold (TWh)').fill(String(threshold));
  await page.getByLabel('Failure threshold (TWh)').press('Tab');
  await expect(page.getByTestId('prim-failing')).toHaveText(
    `${failing} of ${K} parameter sets fail (${Math.round((100 * failing) / K)}%).`,
  );
  await expect(page.getByTestId('prim-box').first()).toBeVisible();
  const sentences = await page.locator('[data-testid="prim-box"] .sentence').allTextContents();
  console.log(`PRIM (${await page.getByTestId('prim-failing').textContent()}): ${sentences.join(' | ')}`);
  expect(sentences[0]).toMatch(/^Failures concentrate where .*(grid build-out|demand growth)/);
  await page.getByRole('button', { name: 'Select the sets of box 1' }).click();
  await expect(label).toHaveText(new RegExp(`of ${K} sets selected$`));
  await expect.poll(() => page.evaluate(() => location.search)).toContain('fail=curtailedMWh');

  // Sensitivity: bars for the two ranged knobs, the other seven "(no range)".
  await page.getByRole('button', { name: 'Compute sensitivity' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-sensitivity', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('sensitivity-plan')).toContainText('N = 16 base rows × (2 knobs + 2) = 64 parameter sets');
  await expect(page.locator('hr-tornado')).toHaveAttribute('data-bars', '2');
  await page.locator('hr-tornado summary').click();
  await expect(page.locator('hr-tornado tbody tr', { hasText: '(no range)' })).toHaveCount(7);
  console.log(`tornado: ${((await page.locator('hr-tornado tbody').textContent()) ?? '').replace(/\s+/g, ' ')}`);
  await page.locator('hr-tornado').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'discovery');
  await page.locator('hr-ensemble .cards').screenshot({ path: testInfo.outputPath('prim-and-tornado.png') });

  const unnamed = await unnamedControls(page);
  expect(unnamed, unnamed.join('\n')).toEqual([]);

  // A range edit re-runs the analysis by itself after a pause: three knobs now, six without a range.
  await page.getByRole('checkbox', { name: 'Vary Drought severity over a range' }).check();
  await expect(page.getByTestId('sensitivity-plan')).toContainText('(3 knobs + 2)', { timeout: 30_000 });
  await expect(page.locator('body')).toHaveAttribute('data-sensitivity', 'done', { timeout: 120_000 });
  await expect(page.locator('hr-tornado tbody tr', { hasText: '(no range)' })).toHaveCount(6);

  // Raw samples of ensemble set 5: a CSV with a header, an Arrow IPC file with its magic bytes.
  await page.getByLabel('Ensemble parameter set to export').fill('5');
  await page.getByLabel('Ensemble parameter set to export').press('Tab');
  await expect(page.getByTestId('raw-export-set')).toContainText('ensemble parameter set 5');
  const csv = (await download(page, 'Download raw samples (CSV)')).toString('utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('draw,energyDemandedMWh,energyServedMWh,curtailedMWh,waterUsedML,waterShortfallML,computeLostMWh');
  expect(lines).toHaveLength(1 + 64);
  const arrow = await download(page, 'Download raw samples (Arrow)');
  expect(arrow.subarray(0, 6).toString('latin1')).toBe('ARROW1');
  console.log(`raw samples: CSV ${csv.length} bytes, ${lines.length - 1} draws; Arrow ${arrow.length} bytes`);

  // The URL carries the ranges and choices; a reload restores them.
  const url = page.url();
  await page.reload();
  await settled(page);
  const restored = await page.evaluate(() => {
    const s = window.headroom.state;
    return { ranges: s.ranges, settings: s.ensembleSettings, failure: s.failure, sens: s.sensitivitySettings };
  });
  expect(restored.ranges).toEqual({ gridBuildoutScale: [0.5, 2], demandGrowthPctPerYear: [-6, 6], droughtSeverity: [0, 3] });
  expect(restored.settings).toEqual({ design: 'sobol', count: K, draws: 64 });
  expect(restored.failure.metric).toBe('curtailedMWh');
  await expect(page.getByRole('slider', { name: 'Grid build-out maximum', exact: true })).toHaveValue('2');
  expect(page.url()).toBe(url);
  expect(errors, errors.join('\n')).toEqual([]);
});

test('an ensemble runs on WebGPU', async ({ page }, testInfo) => {
  const errors = trackConsole(page);
  const K = 16;
  await open(page, `?backend=webgpu&scenario=uk-2030&K=${K}&ensDraws=64&design=lhs&gridBuildoutScale=0.5..2`);
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');
  const t0 = Date.now();
  await runEnsemble(page, K);
  console.log(`ensemble K=${K} × 64 draws on WebGPU: ${Date.now() - t0} ms (${await page.getByTestId('ensemble-status').textContent()})`);
  await expect(page.locator('hr-scatter')).toHaveAttribute('data-points', String(K));
  const served = (await page.evaluate(() => window.headroom.ensembleColumn('energyServedMWh'))) ?? [];
  expect(new Set(served).size, 'different knob values give different outcomes').toBeGreaterThan(1);
  await page.locator('hr-ensemble').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'ensemble-webgpu');
  expect(errors, errors.join('\n')).toEqual([]);
});
