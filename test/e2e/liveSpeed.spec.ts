// How fast the live view answers a slider on the global preset at the page's default 4,096 draws,
// on each backend: the time from the last key press to the first (256-draw) pass of the value
// that key set, and to its refined pass. Issue 11's targets (CPU: first pass ≤ 150 ms, refined
// ≤ 2 s on this machine) are measured and reported here, never asserted: a timed assertion would
// fail on a busy machine, not a slow page. What is asserted is the sequence: a coarse pass of the
// latest value, then its refined result with every draw.
//
// No trace is recorded here: Playwright's trace recorder snapshots the DOM after every action, a
// walk of the whole page that took over a second of the main thread while the runs were going (CDP
// profile), so with it on this test measured the harness. The keys go to the focused slider
// through page.keyboard, so no locator is resolved between them either.
import { expect, test } from '@playwright/test';
import { newResult, resultCount, settled, type Watch, watchResults } from './helpers';

test.use({ trace: 'off' });

for (const backend of ['cpu', 'webgpu'] as const) {
  test(`global preset, 4,096 draws on ${backend}: time from the last key press to the first and refined passes (reported)`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    await page.goto(`/?backend=${backend}&scenario=global-2030&draws=4096`);
    await settled(page);
    // The time of the last key press, taken in the page when the key arrives (a press sent from
    // here lands some milliseconds after a timestamp taken around it).
    await page.evaluate(() =>
      document.addEventListener('keydown', () => ((window as unknown as Watch).lastInput = performance.now()), { capture: true }),
    );
    await page.getByRole('slider', { name: 'Demand growth' }).focus();
    const lines: string[] = [];
    // Three moves: the first warms the JIT and caches; the rest are the measurements.
    for (let round = 0; round < 3; round++) {
      const before = await resultCount(page);
      await watchResults(page);
      for (let i = 0; i < 3; i++) await page.keyboard.press(round % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      await newResult(page, before);
      const log = await page.evaluate(() => {
        const w = window as unknown as Watch;
        return w.results.map((r) => ({ ...r, ms: Math.round(r.t - w.lastInput) }));
      });
      const refined = log.at(-1);
      // A pass of an earlier value may land after the last key press: only the latest value counts.
      const coarse = log.find((r) => r.phase === 'coarse' && r.knobs === refined?.knobs && r.ms >= 0);
      expect(coarse?.draws, 'a coarse pass of the latest value lands first').toBe(256);
      expect(refined?.phase).toBe('refine');
      expect(refined?.draws, 'then the refined pass with every draw').toBe(4096);
      const stale = log.filter((r) => r.ms >= 0 && r.knobs !== refined?.knobs).length;
      if (round > 0)
        lines.push(
          `first pass (256 draws) +${coarse?.ms} ms, refined (4,096 draws) +${refined?.ms} ms, ${stale} stale pass(es) after the key`,
        );
    }
    const device = await page.evaluate(() => window.headroom.lastResult?.device ?? '');
    const report = `${backend} (${device}), global-2030 after the last key press: ${lines.join('; ')}`;
    console.log(report);
    await testInfo.attach('live-speed.txt', { body: report, contentType: 'text/plain' });
  });
}
