import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
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

/**
 * Offline after the first visit: a Workbox service worker precaches the whole build — the app,
 * the map shapes, the presets and site list under data/ — so the page, its engine and every
 * preset load with the network off (test/e2e/offline.spec.ts). It updates itself on the next
 * visit after a deploy. No manifest: Headroom is a page, not an installable app.
 */
const offline = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: false, // src/main.ts registers it (an inline script would break the CSP)
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{js,css,html,json,csv,svg,png}'],
    // The main bundle (three.js) and the map shapes are ~1 MB each.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // The first visit's page is served by the worker from then on, without waiting for a reload.
    clientsClaim: true,
    skipWaiting: true,
  },
});

export default defineConfig({
  // Relative base so the built app also works from a sub-path and inside an iframe.
  base: './',
  plugins: [devCsp(), offline],
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
