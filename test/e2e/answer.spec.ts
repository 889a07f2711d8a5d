// The answer card ("What breaks first"): on every preset at 1280×720 it is on the first screen
// and states the plan, the P5–P95 range of what is not delivered and its main cause; a moved knob
// brings the "as written" comparison (card and cause chart); presentation mode and embeds keep it
// on screen. The 1280×720 view is also saved as docs/img/answer-card.png for the README.
import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { N_CAUSES } from '../../src/kernel/contract';
import { newResult, openRunSettings, resultCount, settled, trackConsole, withSmallDraws } from './helpers';

const VIEW = { width: 1280, height: 720 };
test.use({ viewport: VIEW });

const PRESETS = ['global-2030', 'uk-2030', 'us-federal-sites', 'japan-2030'] as const;
const CAUSE_WORDS =
  /sites that are never built|accelerator supply|transformers|cooling plant|grid-connection queue|grid curtailment|water limits in droughts|cyber outages|on-site generation|curtailment accepted for an earlier, flexible grid connection/;
const RANGE = /P5–P95 [\d.,]+–[\d.,]+ (GW|MW)/;

/** Opens the page and returns ms from navigation to the card's first answer (`body[data-answer]`). */
async function openTimed(page: Page, query: string): Promise<number> {
  const start = Date.now();
  await page.goto(`/${withSmallDraws(query)}`);
  await expect(page.locator('body')).toHaveAttribute('data-answer', /planned|Nothing is planned/, { timeout: 90_000 });
  const ms = Date.now() - start;
  await settled(page);
  return ms;
}

/** The card is fully inside the first screen (the page is not scrolled). */
async function expectOnFirstScreen(page: Page): Promise<void> {
  const card = page.getByTestId('answer-card');
  await expect(card).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = await card.boundingBox();
  expect(box, 'the answer card has a box').not.toBeNull();
  if (!box) return;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `card bottom ${box.y + box.height}px within ${VIEW.height}px`).toBeLessThanOrEqual(VIEW.height);
  expect(box.x + box.width).toBeLessThanOrEqual(VIEW.width + 1);
}

for (const id of PRESETS) {
  test(`${id}: the card states the plan, the range and the main cause on the first screen`, async ({ page }, testInfo) => {
    const errors = trackConsole(page);
    const ms = await openTimed(page, `?backend=cpu&scenario=${id}`);
    testInfo.annotations.push({ type: 'first answer (CPU)', description: `${ms} ms` });
    console.log(`[answer] ${id}: first answer ${ms} ms after navigation (CPU backend)`);
    await expectOnFirstScreen(page);
    const card = page.getByTestId('answer-card');
    await expect(card).toHaveAttribute('data-ready', 'true');
    // textContent with whitespace collapsed (\s takes the no-break spaces too), as the card reads.
    const text = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
    console.log(`[answer] ${id}: ${text}`);
    expect(text).toContain('planned');
    expect(text).toMatch(RANGE);
    expect(text).toMatch(CAUSE_WORDS);
    expect(text).toMatch(/Monte Carlo standard error, [\d,]+ draws/);
    expect(text).not.toContain('NaN');
    // The Monte Carlo standard error is on its own line, apart from the P5–P95 range.
    await expect(page.getByTestId('answer-se')).not.toContainText('P5');
    await expect(page.getByTestId('answer-headline')).not.toContainText('standard error');
    // The headless answer is the card's.
    const headline = ((await page.getByTestId('answer-headline').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    await expect(page.locator('body')).toHaveAttribute('data-answer', headline);
    const api = await page.evaluate(() => {
      const a = window.headroom.answer();
      return a && { headline: a.text.headline, year: a.year, planned: a.shortfall.plannedMW, causes: a.shortfall.causes.length };
    });
    expect(api?.headline).toBe(headline);
    // Every cause of the model's contract is in the answer, named or not.
    expect(api?.causes).toBe(N_CAUSES);
    expect(api?.planned).toBeGreaterThan(0);
    // No "as written" line while the knobs are the scenario's own.
    await expect(page.getByTestId('answer-baseline')).toHaveCount(0);
    // Description and sources, behind one disclosure.
    const about = page.getByTestId('answer-about');
    await expect(about).toContainText('Method: docs/model.md');
    await about.locator('summary').click();
    await expect(about.locator('a').first()).toHaveAttribute('href', /^https?:\/\//);
    await page.screenshot({ path: testInfo.outputPath(`${id}-1280x720.png`) });
    expect(errors).toEqual([]);
  });
}

test('a moved knob shows the scenario as written beside it, on the card and the cause chart', async ({ page }, testInfo) => {
  const errors = trackConsole(page);
  await openTimed(page, '?backend=cpu');
  const chart = page.locator('hr-cause-chart');
  await expect(chart.locator('canvas').first()).toBeAttached();
  await expect(chart).toHaveAttribute('data-baseline', 'none');
  await expect(chart.getByText('Grid-connection queue')).toBeVisible();
  const before = await resultCount(page);
  await page.evaluate(() => window.headroom.setKnob('gridBuildoutScale', 0.5));
  await newResult(page, before);
  const line = page.getByTestId('answer-baseline');
  await expect(line).toBeVisible();
  const said = ((await line.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  console.log(`[answer] knob moved: ${said}`);
  expect(said).toMatch(
    /^As written: [\d.,]+ (GW|MW) short; with your knob settings: [\d.,]+ (GW|MW) \([+−±][\d.,]+ (GW|MW)(, within Monte Carlo noise)?\)\.$/,
  );
  await expect(chart).toHaveAttribute('data-baseline', 'shown');
  const api = await page.evaluate(() => {
    const a = window.headroom.answer();
    return a && { baseline: a.baseline?.shortfallMW.mean, current: a.shortfall.shortfallMW.mean, draws: a.baselineDraws };
  });
  expect(api?.baseline).toBeGreaterThan(0);
  expect(api?.draws).toBe(256);
  // Less grid than planned: more is short than as written.
  expect(api?.current).toBeGreaterThan(api?.baseline ?? Number.POSITIVE_INFINITY);
  await expectOnFirstScreen(page);
  const shot = testInfo.outputPath('answer-card-1280x720.png');
  await page.screenshot({ path: shot });
  mkdirSync('docs/img', { recursive: true });
  copyFileSync(shot, 'docs/img/answer-card.png');
  // The cause chart draws pixels and exports a PNG.
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: testInfo.outputPath('cause-chart.png') });
  const painted = await chart.evaluate((el) => {
    const c = el.shadowRoot?.querySelector('canvas');
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return 0;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if ((d[i] ?? 0) > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(1000);
  const download = page.waitForEvent('download');
  await chart.getByRole('button', { name: /PNG/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^headroom-.*-cause-chart-\d{4}\.png$/);
  // Back to the scenario's own values: the comparison goes.
  const again = await resultCount(page);
  await page.evaluate(() => window.headroom.setKnob('gridBuildoutScale', window.headroom.scenario?.knobs.gridBuildoutScale?.value ?? 1));
  await newResult(page, again);
  await expect(line).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('presentation mode and embeds keep the card on the first screen', async ({ page }, testInfo) => {
  for (const q of ['present=1', 'embed=1&view=map', 'embed=1&view=charts', 'embed=1&view=both&controls=1']) {
    await openTimed(page, `?backend=cpu&scenario=uk-2030&${q}`);
    await expectOnFirstScreen(page);
    await expect(page.getByTestId('answer-headline')).toContainText('planned');
    await page.screenshot({ path: testInfo.outputPath(`${q.replace(/[=&]/g, '-')}.png`) });
  }
});

test('before the first result the card says it is calculating, never 0 %', async ({ page }) => {
  await page.goto(`/${withSmallDraws('?backend=cpu&scenario=uk-2030')}`);
  const headline = page.getByTestId('answer-headline');
  await expect(headline).toBeVisible();
  const first = (await headline.textContent()) ?? '';
  if (!(await page.locator('body').getAttribute('data-answer'))) {
    expect(first).toMatch(/Calculating/);
    expect(first).not.toMatch(/\d+ ?%/);
  }
  await expect(page.locator('body')).toHaveAttribute('data-answer', /planned/, { timeout: 90_000 });
});

test('where it breaks: the region chart names the region that loses most, the site detail says why a site misses', async ({
  page,
}, testInfo) => {
  const errors = trackConsole(page);
  await openTimed(page, '?backend=cpu&scenario=global-2030');
  const facts = await page.evaluate(() => {
    const h = window.headroom;
    const sites = h.scenario?.sites ?? [];
    const bySite = sites.map((s) => ({ id: s.id, why: h.whereBreaks(undefined, s.id)?.site }));
    const worst = bySite.reduce((a, b) => ((b.why?.missProbability ?? 0) > (a.why?.missProbability ?? 0) ? b : a));
    const w = h.whereBreaks();
    const names = new Map((h.scenario?.regions ?? []).map((r) => [r.id, r.name]));
    return { year: w?.year, top: w?.regions[0], topName: names.get(w?.regions[0]?.region ?? ''), worst };
  });
  console.log(
    `[where] ${facts.year}: top region ${facts.topName} mean ${facts.top?.meanMW.toFixed(0)} MW; worst site ${facts.worst.id} P(miss) ${facts.worst.why?.missProbability}`,
  );
  expect(facts.top?.meanMW).toBeGreaterThan(0);
  // The causes of a region add up to its mean shortfall.
  const sum = facts.top?.causes.reduce((a, c) => a + c.meanMW, 0) ?? 0;
  expect(Math.abs(sum - (facts.top?.meanMW ?? 0))).toBeLessThan(1e-6 * sum + 1e-9);
  const chart = page.locator('hr-region-cause-chart');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.getByTestId('region-why')).toContainText(`of the mean shortfall is in ${facts.topName}`);
  await chart.screenshot({ path: testInfo.outputPath('region-cause-chart.png') });
  // The site detail of the site that misses most often gives its reasons.
  expect(facts.worst.why?.missProbability).toBeGreaterThan(0);
  await page.goto(`/${withSmallDraws(`?backend=cpu&scenario=global-2030&site=${facts.worst.id}`)}`);
  await expect(page.locator('body')).toHaveAttribute('data-answer', /planned/, { timeout: 90_000 });
  const why = page.getByTestId('site-why');
  await expect(why).toContainText(/misses its plan in [\d<>]+\s%\sof draws\. When it does, .+ binds in/);
  const main = facts.worst.why?.causes[0]?.cause ?? '';
  await expect(why.locator(`li[data-cause="${main}"]`)).toBeVisible();
  await why.screenshot({ path: testInfo.outputPath('site-why.png') });
  expect(errors).toEqual([]);
});

test('settled() resolves with the refined result, not the coarse pass', async ({ page }) => {
  await openTimed(page, '?backend=cpu&scenario=uk-2030');
  await page.evaluate(() => window.headroom.setKnob('demandGrowthPctPerYear', 12));
  const got = await page.evaluate(async () => {
    const r = await window.headroom.settled();
    return { draws: r?.draws, wanted: Number(window.headroom.state.inputs.draws), phase: window.headroom.state.phase };
  });
  expect(got.draws).toBe(got.wanted);
  expect(got.draws).toBeGreaterThan(256);
  expect(got.phase).toBe('refine');
});

test('the shortfall threshold is the visitor’s: typed in the Run settings, it reruns, reaches the card and the link', async ({ page }) => {
  await openTimed(page, '?backend=cpu&scenario=uk-2030');
  const card = page.getByTestId('answer-card');
  await expect(card).toContainText('P(more than 10 % of the plan is lost)');
  const before = await resultCount(page);
  await openRunSettings(page);
  await page.getByLabel('Shortfall threshold (% of plan)').fill('35');
  await newResult(page, before);
  await settled(page);
  await expect(card).toContainText('P(more than 35 % of the plan is lost)');
  expect(new URL(page.url()).searchParams.get('threshold')).toBe('35');
  await page.reload();
  await openRunSettings(page);
  await expect(page.getByLabel('Shortfall threshold (% of plan)')).toHaveValue('35');
  await expect(card).toContainText('P(more than 35 % of the plan is lost)', { timeout: 90_000 });
});
