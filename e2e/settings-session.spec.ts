// The settings page's OPEN_NEWTAB_PREFS and CLOSE_NEWTAB_PREFS, in real
// Firefox ESR and Chromium, at a real collector: opened by a new tab's
// "Manage more settings", both carry that new tab's session and page (as
// Firefox reports them from about:newtab); opened any other way, page "unknown".
import type { Page } from '@playwright/test';
import { userEvents } from './support/collector';
import type { ExtensionBrowser } from './support/extension';
import { telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

const SETTINGS_PATH = '/options/options.html';

/** The settings tab's id, once the new tab's link has opened it. */
async function settingsTabId(ext: ExtensionBrowser, helper: Page): Promise<number> {
  let id: number | undefined;
  await expect
    .poll(async () => {
      id = await helper.evaluate(async (path) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return (await api.tabs.query({})).find((t) => new URL(t.url ?? 'about:blank').pathname === path && t.url?.includes('opener='))?.id;
      }, SETTINGS_PATH);
      return id;
    })
    .toBeDefined();
  return id!;
}

test('OPEN/CLOSE_NEWTAB_PREFS belong to the new tab whose link opened the settings; page "unknown" otherwise', async ({ ext, collector }) => {
  test.setTimeout(120_000);
  const helper = await ext.openPage('newtab/newtab.html');
  await ext.setPrefs(helper, telemetryPrefs(collector));

  const page = await ext.openPage('newtab/newtab.html');
  await page.getByRole('button', { name: 'Personalize' }).click();
  const dialog = page.getByRole('dialog', { name: 'Personalize' });
  await dialog.getByRole('button', { name: 'Manage more settings' }).click();
  const [shown] = await userEvents(collector, 'SHOW_PERSONALIZE', undefined);
  const [opened] = await userEvents(collector, 'OPEN_NEWTAB_PREFS', undefined);
  expect(opened).toMatchObject({ session_id: shown!.session_id, page: 'about:newtab' });

  // The user leaves the settings page; its tab navigates away, which ends the page.
  const tabId = await settingsTabId(ext, helper);
  await helper.evaluate(async (id) => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    await api.tabs.update(id, { url: 'about:blank' });
  }, tabId);
  const [closed] = await userEvents(collector, 'CLOSE_NEWTAB_PREFS', undefined);
  expect(closed).toMatchObject({ session_id: shown!.session_id, page: 'about:newtab' });

  // Opened by its address, not by one of our pages: page "unknown", in its own session.
  const direct = await ext.openPage('options/options.html');
  const all = await userEvents(collector, 'OPEN_NEWTAB_PREFS', undefined, 2);
  const unknown = all.filter((e) => e.page === 'unknown');
  expect(unknown.length).toBeGreaterThanOrEqual(1);
  for (const e of unknown) expect(e.session_id).not.toBe(shown!.session_id);
  // No settings page was ever reported in a session other than these.
  expect(all.every((e) => e.page === 'unknown' || e.session_id === shown!.session_id)).toBe(true);
  await ext.leave(direct);
  const closes = await userEvents(collector, 'CLOSE_NEWTAB_PREFS', undefined, 2);
  expect(closes.filter((e) => e.page === 'unknown').map((e) => e.session_id)).toContain(unknown.at(-1)!.session_id);
});
