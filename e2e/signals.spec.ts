// Signals from outside our pages (no page, no session): pinning a tab sends
// TABPINNED with the number of pinned tabs across non-private windows, and a
// new tab or home page owned by someone else sends PAGE_TAKEOVER_DATA at start.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER_SESSION_KEY } from '../src/background/telemetry/identity';
import { userEvents } from './support/collector';
import { ExtensionBrowser, type ExtensionApi, withExtensionApi } from './support/extension';
import { launchForTelemetry, telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

const OTHER_ID = 'another-new-tab@example.org';

/** Runs in an extension page (serialized by withExtensionApi): one value from storage.session. */
async function readSessionValue(api: ExtensionApi, key: string): Promise<string | undefined> {
  return (await api.storage.session.get(key))[key] as string | undefined;
}

test('pinning tabs sends TABPINNED with the total of pinned tabs', async ({ ext, collector }) => {
  const page = await ext.openPage('options/options.html');
  await ext.setPrefs(page, telemetryPrefs(collector));
  const pin = () =>
    withExtensionApi(page, async (api) => {
      const tab = await api.tabs.create({ url: 'about:blank', active: false });
      await api.tabs.update(tab.id!, { pinned: true });
    });
  await pin();
  await pin();

  const pinned = await userEvents(collector, 'TABPINNED', 'TAB_CONTEXT_MENU', 2);
  expect(pinned.map((p) => (p.value as { total_pinned_tabs: number }).total_pinned_tabs).sort()).toEqual([1, 2]);
  expect(pinned[0]).toMatchObject({ page: 'n/a', session_id: 'n/a' });
});

/**
 * Another add-on that takes the new tab and sets the home page to a web page,
 * as a real one does: an unpacked extension side-loaded next to ours.
 */
async function writeOtherNewTabExtension(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oas-other-newtab-'));
  const manifest = {
    manifest_version: 2,
    name: 'Another new tab',
    version: '1.0',
    browser_specific_settings: { gecko: { id: OTHER_ID } },
    icons: { 48: 'icon.svg' },
    chrome_url_overrides: { newtab: 'newtab.html' },
    chrome_settings_overrides: { homepage: 'https://www.cnn.com/' },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'newtab.html'), '<!doctype html><title>Another new tab</title><p>Another new tab</p>');
  await writeFile(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48"/></svg>');
  return dir;
}

test(
  'another add-on taking the new tab and home page is reported at start: its id and the home page category, never the URL',
  { tag: '@firefox-only' },
  async ({ collector }) => {
    test.setTimeout(180_000);
    const other = await writeOtherNewTabExtension();
    const first = await launchForTelemetry('firefox');
    try {
      // Our add-on is installed first and pointed at the collector; then the user installs another new-tab add-on.
      const page = await first.ext.openPage('options/options.html');
      await first.ext.setPrefs(page, telemetryPrefs(collector));
      await first.ext.context.close();
      await writeFile(join(first.profileDir, 'extensions', OTHER_ID), other + '\n');
      // Firefox installs a side-loaded add-on during the next start. That start may already
      // report the takeover, seen half applied (the new tab taken, the home page not yet), so
      // what is asserted is the report of the start after, with the add-on fully in place.
      await (await ExtensionBrowser.launch('firefox', { profileDir: first.profileDir })).close();

      const third = await ExtensionBrowser.launch('firefox', { profileDir: first.profileDir });
      try {
        const options = await third.openPage('options/options.html');
        let browserSession: string | undefined;
        await expect
          .poll(async () => (browserSession = await withExtensionApi(options, readSessionValue, BROWSER_SESSION_KEY)))
          .toEqual(expect.any(String));
        const [takeover] = await userEvents(collector, 'PAGE_TAKEOVER_DATA', undefined, 1, (p) => p.browser_session_id === browserSession);
        expect(takeover).toMatchObject({
          page: 'both',
          session_id: 'n/a',
          value: { home_url_category: 'news-portal', newtab_extension_id: OTHER_ID },
        });
        expect(JSON.stringify(takeover)).not.toContain('cnn.com');
      } finally {
        await third.close();
      }
    } finally {
      await first.dispose();
      await rm(other, { recursive: true, force: true });
    }
  },
);
