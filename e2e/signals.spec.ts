// Signals from outside our pages: pinning a tab sends TABPINNED with the
// number of pinned tabs across non-private windows (no page, no session).
import { test, expect } from './support/fixtures';
import type { BrowserName, ExtensionBrowser } from './support/extension';
import { createCollector, type CollectorForTest } from './support/collector';
import { userEvents } from './support/stories';
import { launchForTelemetry, type TelemetryBrowser } from './support/telemetry';

let browser: TelemetryBrowser;
let ext: ExtensionBrowser;
let collector: CollectorForTest;

test.beforeEach(async ({ browserName }) => {
  collector = await createCollector();
  // Firefox sends only with the optional data collection granted.
  browser = await launchForTelemetry(browserName as BrowserName);
  ext = browser.ext;
});
test.afterEach(async () => {
  await browser?.dispose();
  await collector?.stop();
});

test('pinning tabs sends TABPINNED with the total of pinned tabs', async () => {
  const page = await ext.openPage('options/options.html');
  await ext.setPrefs(page, { 'telemetry.endpoint': collector.baseUrl });
  const pin = () =>
    page.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const tab = await api.tabs.create({ url: 'about:blank', active: false });
      await api.tabs.update(tab.id!, { pinned: true });
    });
  await pin();
  await pin();

  const pinned = await userEvents(collector, 'TABPINNED', 'TAB_CONTEXT_MENU', 2);
  expect(pinned.map((p) => (p.value as { total_pinned_tabs: number }).total_pinned_tabs).sort()).toEqual([1, 2]);
  expect(pinned[0]).toMatchObject({ page: 'n/a', session_id: 'n/a' });
});
