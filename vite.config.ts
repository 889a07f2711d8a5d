import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative base so the built app also works from a sub-path and inside an iframe.
  base: './',
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
