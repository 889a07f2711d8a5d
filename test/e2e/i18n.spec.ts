// 日本語: with `lang=ja` every piece of text on the page (through every shadow root, and the
// aria-labels, titles and placeholders a screen reader or a tooltip shows) is Japanese, on every
// preset; what stays Latin is the data's own names, units and codes. The switch changes the
// language live and the link keeps it. Screenshots of the main view, an embed and presentation
// mode in Japanese are kept.
import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { open, trackConsole } from './helpers';

const PRESETS = ['global-2030', 'uk-2030', 'us-federal-sites', 'japan-2030'] as const;

/** The Japanese screenshots are kept in docs/img (linked from the README), as the answer card's is. */
function keep(shot: string, name: string): void {
  mkdirSync('docs/img', { recursive: true });
  copyFileSync(shot, `docs/img/${name}`);
}

/**
 * Latin tokens that are not English prose: units, statistics, formats, products, codes, and the
 * language switch's label, which is bilingual on purpose ("Language / 言語") so anyone can find it.
 */
const ALLOWED =
  /^(MW|GW|kW|TW|MWh|GWh|TWh|ML|GL|kL|P\d+|SE|CSV|TSV|JSON|GeoJSON|PNG|SVG|Arrow|PRIM|Sobol|WebGPU|GPU|CPU|SwiftShader|Vulkan|Philox|Headroom|USD|US|UK|GB|EU|IEA|NESO|LBNL|EPRI|OCCTO|METI|ERCOT|PJM|CAISO|MISO|SPP|NYISO|DOE|NTT|KDDI|URL|iframe|IT|AI|ID|csv|json|geojson|tsv|txt|png|svg|arrow|lat|lon|id|yr|vs|max|min|log|lin|adapter|Google|Inc|SwiftShader Device|Subzero|cpu|webgpu|auto|Intel|NVIDIA|AMD|Apple|Language)$/;

/** Every Latin word of three letters or more in the page's text and labels, minus the scenario's own names. */
async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate((allowedSource) => {
    const allowed = new RegExp(allowedSource);
    const s = window.headroom.scenario;
    const names = new Set<string>();
    const addWords = (text: string | undefined) => {
      for (const w of (text ?? '').match(/[A-Za-z][A-Za-z'’-]*/g) ?? []) names.add(w);
    };
    // Data shown as it is written: names, ids, operators, notes and every source's title.
    const DATA_KEYS = new Set(['name', 'id', 'operator', 'notes', 'title', 'country', 'region']);
    const walk = (v: unknown, key: string, depth: number): void => {
      if (typeof v === 'string') {
        if (depth > 1 && DATA_KEYS.has(key)) addWords(v);
      } else if (Array.isArray(v)) for (const x of v) walk(x, key, depth + 1);
      else if (v && typeof v === 'object' && key !== 'i18n') for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
    };
    walk(s, '', 0);
    const texts: string[] = [];
    const visit = (root: Node): void => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      // The root itself (body or a shadow root) is not an element to read: start below it.
      for (let n: Node | null = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) {
          const parent = n.parentElement;
          if (parent && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'CODE'].includes(parent.tagName) && parent.getClientRects().length > 0)
            texts.push(n.textContent ?? '');
          continue;
        }
        const el = n as Element;
        for (const a of ['aria-label', 'title', 'placeholder']) if (el.hasAttribute(a)) texts.push(el.getAttribute(a) ?? '');
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document.body);
    const found = new Set<string>();
    for (const text of texts) {
      // Links and file names are not prose.
      // A map label cut to fit ("Kitakyush…") is a data name, and "aggregate": true a field as written.
      const prose = text
        .replace(/[A-Za-z][A-Za-z'’-]*…/g, '')
        .replace(/"aggregate":\s*true/g, '')
        .replace(/https?:\/\/\S+/g, '')
        .replace(/\S+\.(csv|json|geojson|png|svg|arrow|tsv)\b/gi, '');
      for (const w of prose.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []) {
        if (!allowed.test(w) && !names.has(w)) found.add(w);
      }
    }
    return [...found].sort();
  }, ALLOWED.source);
}

for (const id of PRESETS) {
  test(`?lang=ja: the ${id} page is Japanese throughout`, async ({ page }, testInfo) => {
    const errors = trackConsole(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, `?scenario=${id}&lang=ja`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    expect(await untranslated(page), 'English words left on the Japanese page').toEqual([]);
    const shot = testInfo.outputPath(`${id}-ja.png`);
    await page.screenshot({ path: shot, fullPage: true });
    if (id === 'japan-2030') keep(shot, 'ja-main.png');
    expect(errors).toEqual([]);
  });
}

test('the language switch changes the page live and the link keeps it', async ({ page }) => {
  await open(page, '?scenario=uk-2030');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The label wraps its <select>, so its text holds the option names too: match its start.
  const scenarioLabel = page.locator('hr-toolbar label').first();
  await expect(scenarioLabel).toHaveText(/^\s*Scenario\b/);
  await page.getByTestId('lang').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(scenarioLabel).toHaveText(/^\s*シナリオ/);
  await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('ja');
  await page.getByTestId('lang').selectOption('en');
  await expect(scenarioLabel).toHaveText(/^\s*Scenario\b/);
  // Chosen, so kept: a Japanese browser opening this link gets the English the sender chose.
  await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('en');
});

test('a browser set to Japanese opens in Japanese; lang=en overrides it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await open(page, '?scenario=uk-2030');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await open(page, '?scenario=uk-2030&lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

for (const [name, query, size] of [
  ['embed', '?scenario=japan-2030&lang=ja&embed=1&view=both', { width: 960, height: 720 }],
  ['presentation', '?scenario=japan-2030&lang=ja&present=1', { width: 1280, height: 720 }],
] as const) {
  test(`?lang=ja ${name}: Japanese, screenshot kept`, async ({ page }, testInfo) => {
    await page.setViewportSize(size);
    await open(page, query);
    expect(await untranslated(page), `English words left in the Japanese ${name}`).toEqual([]);
    const shot = testInfo.outputPath(`${name}-ja.png`);
    await page.screenshot({ path: shot });
    keep(shot, `ja-${name}.png`);
  });
}
