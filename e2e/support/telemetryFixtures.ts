// Per-test fixtures for tests that read pings back at a real collector: a
// fresh browser whose extension may send telemetry (pins, prefs and the ping
// queue live in the profile, so tests must not share one) and a fresh collector.
import { expect } from '@playwright/test';
import { createCollector, type CollectorForTest } from './collector';
import type { BrowserName, ExtensionBrowser } from './extension';
import { disposeLater, pooledTest } from './launchPool';
import { launchForTelemetry } from './telemetry';

export const test = pooledTest.extend<{ ext: ExtensionBrowser; collector: CollectorForTest }>({
  ext: async ({ browserName }, provide) => {
    // Firefox sends only with the optional data collection granted.
    const browser = await launchForTelemetry(browserName as BrowserName);
    await provide(browser.ext);
    disposeLater(browser, (b) => b.dispose());
  },
  collector: async ({ browserName: _browserName }, provide) => {
    const collector = await createCollector();
    await provide(collector);
    await collector.stop();
  },
});

export { expect };
