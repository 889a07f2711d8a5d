// Embeds in someone else's page: a host page on another origin frames the app at 960 px with the
// README's listener; the embed posts its content height, the frame takes it and stays put (no
// height that feeds back and grows), and the embed carries no backend badge or samples/s.
// Static mode: a view run once shows its stored result on the next visit before any run starts.
// The 960 px host page is kept as docs/img/embed-960.png for the README.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { open, trackConsole, withSmallDraws } from './helpers';

const APP = 'http://localhost:4173';
/**
 * The host page, answered by the test. On the app's own origin: this Chromium shows an error page
 * for a localhost frame in a 127.0.0.1 page; the listener checks the origin all the same.
 */
const HOST = `${APP}/host.html`;
const FRAME_WIDTH = 960;
/** How long after the page has loaded the stored answer may take to show. */
const STATIC_ANSWER_MS = 2000;

/** The README's listener, pointed at the app's origin here. */
function readmeListener(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Embedding'));
  const script = /<script>[\s\S]*?<\/script>/.exec(section)?.[0];
  if (!script) throw new Error('README.md, Embedding: no <script> listener');
  return script.replace('https://YOUR-HOST', APP);
}

/** The frame's height as the host page laid it out, and every height message the host got. */
async function frameState(page: Page): Promise<{ frame: number; messages: { height: number; id: string | null }[] }> {
  return page.evaluate(() => ({
    frame: document.getElementById('headroom-uk')?.getBoundingClientRect().height ?? 0,
    messages: (window as unknown as { heights: { height: number; id: string | null }[] }).heights,
  }));
}

test('a framed embed reports its height, the README listener sizes the frame, and it stays put', async ({ page }, testInfo) => {
  const errors = trackConsole(page);
  const src = `${APP}/${withSmallDraws('?scenario=uk-2030&backend=cpu&embed=1&view=both&controls=0&id=headroom-uk')}`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head>
    <body style="margin:0;padding:16px;font-family:sans-serif">
      <h1>An article with Headroom in it</h1>
      <iframe id="headroom-uk" src="${src.replace(/&/g, '&amp;')}" title="Headroom: UK" width="${FRAME_WIDTH}" height="760"
        style="border:0;display:block" loading="lazy" allow="fullscreen; clipboard-write"></iframe>
      <p>The paragraph after the embed.</p>
      <script>window.heights = []; addEventListener('message', (e) => { if (e.data?.type === 'headroom:height') heights.push(e.data); });</script>
      ${readmeListener()}
    </body></html>`;
  await page.route(HOST, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.setViewportSize({ width: FRAME_WIDTH + 64, height: 900 });
  await page.goto(HOST);
  const frame = page.frameLocator('#headroom-uk');
  await expect(frame.locator('body'), 'the embed should run its scenario').toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(frame.locator('hr-app')).toHaveAttribute('framed', '');

  // A height arrives, named by the link's id, and the frame takes the latest one.
  await expect.poll(async () => (await frameState(page)).messages.at(-1)?.height ?? 0, { timeout: 30_000 }).toBeGreaterThan(300);
  await expect
    .poll(async () => {
      const s = await frameState(page);
      return Math.abs(s.frame - (s.messages.at(-1)?.height ?? -1));
    })
    .toBeLessThan(1);
  const first = await frameState(page);
  expect(first.messages.every((m) => m.id === 'headroom-uk' && Number.isInteger(m.height))).toBe(true);

  // Stable: over two seconds neither the frame nor the messages move (a vh height would grow them).
  await page.waitForTimeout(2000);
  const later = await frameState(page);
  expect(later.frame).toBe(first.frame);
  expect(later.messages.length).toBe(first.messages.length);
  // The frame holds everything: nothing to scroll inside it.
  const inner = page.frames().find((f) => f.url().includes('embed=1'));
  const overflow = await inner?.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
  expect(overflow).toBeLessThanOrEqual(1);

  // An embed for readers: no backend badge or samples/s.
  await expect(frame.getByTestId('embed-title')).toBeVisible();
  await expect(frame.getByTestId('backend-badge')).toHaveCount(0);
  await expect(frame.getByTestId('throughput-strip')).toHaveCount(0);
  // The results table that carries the rate is not shown in an embed.
  await expect(frame.getByText(/samples\/s/).filter({ visible: true })).toHaveCount(0);

  const shot = testInfo.outputPath('embed-960.png');
  await page.screenshot({ path: shot, fullPage: true });
  mkdirSync('docs/img', { recursive: true });
  copyFileSync(shot, 'docs/img/embed-960.png');
  expect(errors, errors.join('\n')).toEqual([]);
});

test('static=1 shows the stored result of the view before any run starts', async ({ page }) => {
  const errors = trackConsole(page);
  const view = '?scenario=uk-2030&backend=cpu&seed=11';
  await open(page, view);
  const answer = await page.locator('body').getAttribute('data-answer');
  expect(answer).toBeTruthy();
  // Saving is asynchronous: wait until the result is in the store.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const req = indexedDB.open('headroom-results');
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('results')) return resolve(0);
              const get = db.transaction('results').objectStore('results').get('index');
              get.onsuccess = () => resolve(Array.isArray(get.result) ? get.result.length : 0);
              get.onerror = () => resolve(0);
            };
            req.onerror = () => resolve(0);
          }),
      ),
    )
    .toBeGreaterThan(0);

  // Record, from the first script on, when the answer shows and when a run first starts.
  await page.addInitScript(() => {
    const seen: { answerAt?: number; runAt?: number } = {};
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const b = document.body;
      if (!b) return;
      if (seen.answerAt === undefined && b.dataset.answer) seen.answerAt = performance.now();
      if (seen.runAt === undefined && (b.dataset.phase || b.dataset.state === 'running')) seen.runAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-answer', 'data-phase', 'data-state'] });
  });
  await page.goto(`/${withSmallDraws(`${view}&lang=en&static=1`)}`);
  const body = page.locator('body');
  // The page's own start (bundle, scenario file and its validation) takes about a second here, on
  // two cores; the stored answer then shows without waiting for the engine or a run.
  await expect(body, 'the stored answer, at once').toHaveAttribute('data-answer', answer ?? '', { timeout: STATIC_ANSWER_MS });
  await expect(body).toHaveAttribute('data-stored-result', /^\d{4}-/);
  await expect(page.getByText(/^Stored result from .+, shown without running the model again/)).toBeVisible();
  await expect(body).toHaveAttribute('data-state', 'done');
  // Two seconds on, still no run: the stored result is the page's result.
  await page.waitForTimeout(2000);
  const seen = await page.evaluate(() => (window as unknown as { seen: { answerAt?: number; runAt?: number } }).seen);
  expect(seen.answerAt).toBeDefined();
  expect(seen.runAt, 'no engine run in static mode with a stored result').toBeUndefined();
  await expect(body).toHaveAttribute('data-results', '1');

  // Another view has nothing stored: it runs as usual, and says so first.
  await page.goto(`/${withSmallDraws('?scenario=uk-2030&backend=cpu&seed=12&static=1')}`);
  await expect(body).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByText(/^No stored result of this view in this browser yet: the model runs as usual/)).toBeVisible();
  await expect(body).not.toHaveAttribute('data-stored-result', /./);
  expect(errors, errors.join('\n')).toEqual([]);
});
