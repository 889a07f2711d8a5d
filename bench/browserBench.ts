// The WebGPU backend measured in headless Chromium: the production build served locally, the
// page's `window.headroom` API, one warm-up run and one timed run, timed inside the page.
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import type { RunOptions } from '../src/engine/types';
import type { Scenario } from '../src/scenario/schema';
import { CHROME_FLAGS, CHROME_PATH } from '../scripts/chromium';

export async function benchInBrowser(scenario: Scenario, options: RunOptions): Promise<{ device: string; seconds: number }> {
  await build({ logLevel: 'error' });
  const server = await preview({ logLevel: 'error', preview: { port: 4199, strictPort: false } });
  const url = server.resolvedUrls?.local[0] ?? 'http://localhost:4199/';
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.headroom !== undefined, undefined, { timeout: 60_000 });
    return await page.evaluate(
      async ({ scenario, options }) => {
        const engine = await window.headroom.createEngine({ backend: 'webgpu' });
        await engine.run(scenario, { ...options, draws: 128, paramSets: 1 });
        const t0 = performance.now();
        await engine.run(scenario, options);
        const seconds = (performance.now() - t0) / 1000;
        const device = engine.device;
        await engine.dispose();
        return { device, seconds };
      },
      { scenario, options },
    );
  } finally {
    await browser.close();
    await server.close();
  }
}
