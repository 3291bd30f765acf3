// Signals from outside our pages: pinning a tab sends TABPINNED with the
// number of pinned tabs across non-private windows (no page, no session).
import { userEvents } from './support/collector';
import { telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

test('pinning tabs sends TABPINNED with the total of pinned tabs', async ({ ext, collector }) => {
  const page = await ext.openPage('options/options.html');
  await ext.setPrefs(page, telemetryPrefs(collector));
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
