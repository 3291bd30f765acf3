// Playwright fixtures: one browser with the extension per worker (shared
// launches keep the suite fast on two cores), and helpers on top.
import { test as base, expect } from '@playwright/test';
import { ExtensionBrowser, type BrowserName } from './extension';

export interface WorkerFixtures {
  ext: ExtensionBrowser;
}

export const test = base.extend<object, WorkerFixtures>({
  ext: [
    async ({ browserName }, use) => {
      const ext = await ExtensionBrowser.launch(browserName as BrowserName);
      await use(ext);
      await ext.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect };
