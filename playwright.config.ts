import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where Playwright's own browser is absent (it cannot be downloaded here).
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const chromium = {
  browserName: 'chromium' as const,
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: process.env.HEARTH_CHROMIUM ?? systemChromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  },
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // Each test runs a server and an engine process: on two cores, one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  globalSetup: './e2e/globalSetup.ts',
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: '.cache/results/playwright.json' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'browser', use: chromium },
    // The same specs through Electron when its binary exists; each test reports itself skipped otherwise
    // (npm test does not start this project then, and says so first: scripts/test-all.mjs).
    // (The browser settings are there only because the shared fixture asks for a browser.)
    { name: 'electron', use: chromium, metadata: { shell: 'electron' } },
  ],
});
