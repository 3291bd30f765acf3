import { defineConfig } from '@playwright/test';

// Debian's browsers, driven by the pinned Playwright 1.64.1: Chromium over CDP,
// Firefox ESR over WebDriver-BiDi (the moz-firefox channel).
export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  // scripts/test-all.mjs runs one project per process and reads the JSON report.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  outputDir: 'test-results/artifacts',
  // A click or navigation that cannot happen fails on its own with its call log, instead of
  // waiting out the test's whole timeout with no word of where it stood.
  use: { actionTimeout: 20_000, navigationTimeout: 20_000 },
  projects: [
    {
      name: 'chromium',
      grepInvert: /@firefox-only/,
      use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium' } },
    },
    {
      name: 'firefox',
      grepInvert: /@chromium-only/,
      use: {
        browserName: 'firefox',
        channel: 'moz-firefox',
        launchOptions: { executablePath: '/usr/bin/firefox-esr' },
      },
    },
  ],
});
