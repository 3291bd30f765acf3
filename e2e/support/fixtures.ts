// Playwright fixtures: one browser with the extension per worker (shared
// launches keep the suite fast on two cores), and helpers on top.
import { expect } from '@playwright/test';
import { pooledTest } from './launchPool';
import { ExtensionBrowser, type BrowserName } from './extension';

/**
 * Time a hook may take to launch a browser. The first launch on a fresh
 * machine, while the other browser's suite runs beside it, has taken over a
 * minute (a cold disk cache, font caches built on first use).
 */
export const LAUNCH_TIMEOUT_MS = 180_000;

export interface WorkerFixtures {
  ext: ExtensionBrowser;
}

export const test = pooledTest.extend<object, WorkerFixtures>({
  ext: [
    async ({ browserName }, use) => {
      const ext = await ExtensionBrowser.launch(browserName as BrowserName);
      await use(ext);
      await ext.discard();
    },
    { scope: 'worker', timeout: LAUNCH_TIMEOUT_MS },
  ],
});

export { expect };
