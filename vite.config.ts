import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** What the dev server alone adds to index.html's CSP: the socket of its hot-module reload. */
export const DEV_CONNECT_SOURCES = 'ws://localhost:* wss://localhost:*';

/**
 * index.html carries the production Content-Security-Policy; `vite` (serve) widens connect-src
 * for its HMR socket, and `vite build` ships the policy untouched.
 */
export function devCsp(): Plugin {
  return {
    name: 'headroom-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/connect-src 'self'/, `connect-src 'self' ${DEV_CONNECT_SOURCES}`),
  };
}

export default defineConfig({
  // Relative base so the built app also works from a sub-path and inside an iframe.
  base: './',
  plugins: [devCsp()],
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
