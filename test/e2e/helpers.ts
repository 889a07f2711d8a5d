// Shared steps for the e2e specs: opening the page with small runs, running from the UI, reading
// the map canvas's pixels, and catching console errors.
import { expect, type Page } from '@playwright/test';

/** Draws of the refined pass when a test opens the page: small, the machine has two cores. */
export const E2E_DRAWS = 512;
export const SMALL_DRAWS = '256';

export function trackConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/** Adds `draws=E2E_DRAWS` unless the query sets draws itself. */
export function withSmallDraws(query: string): string {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  if (!q.has('draws')) q.set('draws', String(E2E_DRAWS));
  return `?${q.toString()}`;
}

/** Opens the page and waits for the first result (the page runs the scenario on load). */
export async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`/${withSmallDraws(query)}`);
  await settled(page);
}

/** Waits until no run is in flight or pending and the page shows a finished result. */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('body'), 'the engine, scenario and first run should finish').toHaveAttribute('data-state', 'done', {
    timeout: 90_000,
  });
  await page.evaluate(() => window.headroom.settled());
  await expect(page.locator('body')).toHaveAttribute('data-state', 'done');
}

export async function resultCount(page: Page): Promise<number> {
  return Number((await page.locator('body').getAttribute('data-results')) ?? '0');
}

/** Waits for a result newer than `before` and for the runs to settle. */
export async function newResult(page: Page, before: number): Promise<void> {
  await expect.poll(() => resultCount(page), { timeout: 90_000 }).toBeGreaterThan(before);
  await settled(page);
}

export async function openRunSettings(page: Page): Promise<void> {
  const details = page.locator('details.run');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText('Run settings').click();
}

export async function runFromUi(page: Page, draws = SMALL_DRAWS): Promise<void> {
  await openRunSettings(page);
  await page.getByLabel('Draws per parameter set').fill(draws);
  const before = await resultCount(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await newResult(page, before);
}

export interface MapPixels {
  width: number;
  height: number;
  /** Pixels that differ from the map's clear colour (the page background behind the globe). */
  nonBackground: number;
  /** Strongly coloured pixels: columns, discs and the legend ramp, not land, sea or outlines. */
  saturated: number;
}

/**
 * Reads the map's WebGL canvas (kept with preserveDrawingBuffer) through a 2D canvas. With `key`,
 * the pixels are kept in the page under that name, and `diffFrom` counts pixels changed since.
 */
export async function mapPixels(page: Page, opts: { key?: string; diffFrom?: string } = {}): Promise<MapPixels & { changed?: number }> {
  const canvas = page.getByTestId('map-canvas');
  await expect(canvas).toBeVisible();
  return canvas.evaluate((el, o) => {
    const src = el as HTMLCanvasElement;
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D context');
    ctx.drawImage(src, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const bg = [0xee, 0xf2, 0xf6];
    let nonBackground = 0;
    let saturated = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      if (Math.abs(r - bg[0]!) + Math.abs(g - bg[1]!) + Math.abs(b - bg[2]!) > 6) nonBackground++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) saturated++;
    }
    const store = window as unknown as Record<string, Uint8ClampedArray | undefined>;
    let changed: number | undefined;
    const prev = o.diffFrom ? store[o.diffFrom] : undefined;
    if (prev && prev.length === data.length) {
      changed = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - prev[i]!) + Math.abs(data[i + 1]! - prev[i + 1]!) + Math.abs(data[i + 2]! - prev[i + 2]!) > 24) changed++;
      }
    }
    if (o.key) store[o.key] = data;
    return { width: c.width, height: c.height, nonBackground, saturated, changed };
  }, opts);
}

/** The headline number in the status strip ("9,070 ± 4.97 TWh"). */
export async function headline(page: Page): Promise<string> {
  return (await page.getByTestId('headline-value').textContent()) ?? '';
}

export async function sitePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const p = await page
    .locator('hr-map')
    .evaluate(
      (el, siteId) =>
        (el as HTMLElement & { clientPositionOfSite(id: string): { x: number; y: number } | undefined }).clientPositionOfSite(siteId),
      id,
    );
  if (!p) throw new Error(`site ${id} is not on the map`);
  return p;
}

/** Controls (in every shadow root) with no accessible name: label, aria-label(ledby) or text. */
export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll<HTMLElement>('input, select, button, [role="slider"], [tabindex="0"]')) {
        const labelled =
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el as HTMLInputElement).labels?.length ||
          el.textContent?.trim();
        if (!labelled && (el as HTMLInputElement).type !== 'hidden') out.push(el.outerHTML.slice(0, 80));
      }
      for (const host of root.querySelectorAll('*')) if (host.shadowRoot) walk(host.shadowRoot);
    };
    walk(document);
    return out;
  });
}

export interface Watch {
  /** `knobs`: the result's knob values, so a pass of an earlier value can be told from the latest. */
  results: { t: number; phase: string; draws: number; knobs: string }[];
  lastInput: number;
  watching?: boolean;
}

/** Logs every result the page shows from now on, with its time, pass, draws and knob values. */
export async function watchResults(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Watch;
    w.results = [];
    // One observer however often this is called: a second would log every result twice.
    if (w.watching) return;
    w.watching = true;
    new MutationObserver(() => {
      const r = window.headroom.lastResult;
      w.results.push({
        t: performance.now(),
        phase: document.body.dataset.phase ?? '',
        draws: r?.draws ?? 0,
        knobs: Array.from(r?.knobValues ?? []).join(','),
      });
    }).observe(document.body, {
      attributes: true,
      attributeFilter: ['data-results'],
    });
  });
}
