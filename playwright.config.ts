// End-to-end tests in a system Chromium: Playwright cannot download its own browsers here, and
// Debian's Chromium ships SwiftShader, which gives WebGPU on machines without a GPU.
import { defineConfig } from '@playwright/test';
import { CHROME_FLAGS, CHROME_PATH } from './scripts/chromium';

const PORT = 4173;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  // Two cores: one browser at a time, or SwiftShader and the CPU workers starve each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  // Shader compilation on SwiftShader takes a while on a 2-core machine.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROME_PATH, args: CHROME_FLAGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: {
    // Serves the production build; scripts/test.sh builds it first.
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
