// The translations: every English key has a Japanese string that is not the English one left in
// place, with the same {{placeholders}}; the language is picked from the link, then the browser.
import { describe, expect, it } from 'vitest';
import { language, numberFormat, pickLanguage, setLanguage, t } from '../../src/i18n/i18n';
import { en, ja, NAMESPACES } from '../../src/i18n/resources';

/** Strings that are the same in both languages (units, codes, proper names). */
const SAME_IN_JA = new Set<string>(['—', 'P5', 'P50', 'P95', 'CSV', 'JSON', 'PNG', 'SVG', 'WebGPU', 'PRIM', 'CPU']);
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  for (const ns of NAMESPACES) {
    const source: Record<string, string> = en[ns];
    const target: Record<string, string> = ja[ns];
    it(`${ns}: every key in Japanese, with the same placeholders, and nothing else`, () => {
      expect(Object.keys(target).sort()).toEqual(Object.keys(source).sort());
      for (const [key, text] of Object.entries(source)) {
        const jaText = target[key];
        expect(jaText.trim(), `${ns}:${key} is empty`).not.toBe('');
        expect(placeholders(jaText), `${ns}:${key} placeholders`).toEqual(placeholders(text));
        if (/[A-Za-z]{3,}/.test(text) && !SAME_IN_JA.has(text))
          expect(jaText, `${ns}:${key} is the English left untranslated`).not.toBe(text);
      }
    });
  }
});

describe('the language', () => {
  it('comes from lang= first, then the browser, then English', () => {
    expect(pickLanguage('ja', ['en-GB'])).toBe('ja');
    expect(pickLanguage('fr', ['ja-JP', 'en'])).toBe('ja');
    expect(pickLanguage(null, ['de-DE', 'en-US'])).toBe('en');
    expect(pickLanguage(null, ['de-DE'])).toBe('en');
    expect(pickLanguage('__proto__', [])).toBe('en');
  });

  it('switches what t() returns and how numbers are grouped', () => {
    try {
      setLanguage('ja');
      expect(language()).toBe('ja');
      expect(t('app:toolbar.scenario')).toBe(ja.app['toolbar.scenario']);
      expect(t('app:toolbar.imported', { name: 'x.csv' })).toContain('x.csv');
      expect(numberFormat().resolvedOptions().locale).toMatch(/^ja/);
    } finally {
      setLanguage('en');
    }
    expect(t('app:toolbar.scenario')).toBe('Scenario');
    expect(numberFormat().resolvedOptions().locale).toMatch(/^en/);
  });
});
