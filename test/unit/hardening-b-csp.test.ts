// Hardening, CSP and headers: zod runs jitless (its `Function("")` probe is a CSP violation on
// every load); the shipped index.html has a production policy with no dev allowances (the dev
// server adds its HMR socket itself); README says which headers a host should send.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import config, { DEV_CONNECT_SOURCES, devCsp } from '../../vite.config';

const read = (rel: string): string => readFileSync(new URL(`../../${rel}`, import.meta.url), 'utf8');

function metaCsp(html: string): Map<string, string[]> {
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  expect(m, 'index.html has a CSP meta tag').not.toBeNull();
  return new Map(
    (m?.[1] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('zod is jitless', () => {
  it('importing the schema and validating a scenario never calls Function (no CSP violation)', async () => {
    const calls: unknown[][] = [];
    const Original = globalThis.Function;
    globalThis.Function = new Proxy(Original, {
      construct(target, args) {
        calls.push(args);
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        calls.push(args);
        return Reflect.apply(target, self, args);
      },
    });
    try {
      vi.resetModules();
      const { parseScenario } = await import('../../src/scenario/validate');
      const { parseSitesText } = await import('../../src/data/importSites');
      const r = parseScenario(read('test/fixtures/minimal-scenario.json'));
      expect(r.ok).toBe(true);
      expect(parseSitesText('good.csv', read('test/fixtures/import/good.csv'), ['north', 'south']).ok).toBe(true);
      const { z } = await import('zod');
      expect(z.config().jitless).toBe(true);
    } finally {
      globalThis.Function = Original;
    }
    expect(calls).toEqual([]);
  });
});

describe('Content-Security-Policy', () => {
  const html = read('index.html');
  const csp = metaCsp(html);

  it('the shipped policy is same-origin only, with no dev allowances', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    const all = [...csp.values()].flat().join(' ');
    for (const bad of ['localhost', 'ws:', 'wss:', "'unsafe-eval'", '*']) expect(all, bad).not.toContain(bad);
  });

  it('only the dev server adds its HMR socket', () => {
    const plugin = devCsp();
    expect(plugin.apply).toBe('serve');
    const transform = plugin.transformIndexHtml as (html: string) => string;
    const dev = metaCsp(transform(html));
    expect(dev.get('connect-src')).toEqual(["'self'", ...DEV_CONNECT_SOURCES.split(' ')]);
    const plugins = (config.plugins ?? []).flat() as { name?: string; apply?: unknown }[];
    expect(plugins.filter((p) => p?.name === 'headroom-dev-csp').map((p) => p.apply)).toEqual(['serve']);
  });

  it('README documents the headers a host should send', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Hosting: headers'));
    expect(readme).toContain('## Hosting: headers');
    expect(section).toMatch(/Content-Security-Policy: [^\n]*frame-ancestors/);
    expect(section).toContain('X-Content-Type-Options: nosniff');
  });
});
