// Hardening, links from data: only http(s) URLs become links (src/ui/safeHref.ts), and every
// link the UI renders from a source goes through it.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeHref } from '../../src/ui/safeHref';

describe('safeHref', () => {
  it('keeps http and https URLs (normalised)', () => {
    expect(safeHref('https://example.com/report.pdf')).toBe('https://example.com/report.pdf');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('  HTTPS://Example.com/a b ')).toBe('https://example.com/a%20b');
  });

  it('refuses javascript:, data:, vbscript:, file:, relative and malformed URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(document.domain)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative/path',
      'example.com',
      'https//missing-colon',
      '',
      '   ',
    ]) {
      expect(safeHref(url), JSON.stringify(url)).toBeUndefined();
    }
    expect(safeHref(undefined)).toBeUndefined();
    expect(safeHref(42)).toBeUndefined();
  });

  it('property: whatever the string, the result is undefined or an http(s) URL', () => {
    const scheme = fc.constantFrom('', 'javascript:', 'JAVASCRIPT:', 'data:', 'http:', 'https:', 'http://', 'https://', ' java\tscript:');
    fc.assert(
      fc.property(scheme, fc.string({ maxLength: 40 }), (s, rest) => {
        const out = safeHref(s + rest);
        return out === undefined || /^https?:\/\//.test(out);
      }),
      { numRuns: 500 },
    );
  });
});

describe('links rendered from sources', () => {
  it('every link (an a element with a bound href) in src/ui goes through safeHref', () => {
    const dir = new URL('../../src/ui/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      for (const m of text.matchAll(/<a\b[^>]*\shref=\$\{([^}]*)\}/g)) {
        if (!/^\s*safeHref\(/.test(m[1] ?? '')) offenders.push(`${f}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
