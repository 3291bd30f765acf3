// Proofs at a real collector (issue 18, item 5):
// - OPEN_PRIVATE_WINDOW from a top site, a highlight and a story, with the
//   extension allowed in private windows in the test profile (Firefox:
//   extension-preferences.json; Chromium: the profile's Preferences, written
//   between a first launch, which installs the extension, and a second);
// - load_trigger_type first_window_opened for the home page the browser
//   shows at start, in Firefox only: Chromium's home-page override works on
//   Windows and macOS, not on Linux, so there no home page is ours.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createCollector, DELIVERY_MS, userEvents, type CollectorForTest } from './support/collector';
import { FIREFOX_UUID, type BrowserName } from './support/extension';
import { launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './support/telemetry';
import { test, expect } from './support/fixtures';

const HOME_URL = `moz-extension://${FIREFOX_UUID}/newtab/newtab.html?home`;

let collector: CollectorForTest;
const browsers: TelemetryBrowser[] = [];

// Tagged @firefox-only: the chromium project leaves these out (playwright.config.ts).
test.beforeEach(async () => {
  collector = await createCollector();
});
test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.dispose();
  await collector?.stop();
});

async function choosePrivateWindow(card: Locator) {
  await card.getByRole('button', { name: /options/i }).click();
  await card.page().getByRole('menuitem', { name: 'Open in a new private window', exact: true }).click();
  await expect(card.page().getByRole('menu')).toHaveCount(0);
}

/** A browser whose extension may run in private windows. */
async function launchAllowedInPrivate(name: BrowserName): Promise<TelemetryBrowser> {
  if (name === 'firefox') return launchForTelemetry('firefox', { privateWindows: true });
  const first = await launchForTelemetry('chromium');
  const id = new URL(first.ext.baseUrl).host;
  await first.ext.close();
  // What "Allow in Incognito" on chrome://extensions writes.
  const file = join(first.profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(file, 'utf8')) as { extensions: { settings: Record<string, { incognito?: boolean }> } };
  prefs.extensions.settings[id]!.incognito = true;
  await writeFile(file, JSON.stringify(prefs));
  return launchForTelemetry('chromium', { profileDir: first.profileDir });
}

async function privateWindowCount(helper: Page): Promise<number> {
  return helper.evaluate(async () => (await chrome.windows.getAll()).filter((w) => w.incognito).length);
}

test.describe('private windows and the home page', () => {
  test.describe.configure({ timeout: 180_000 });

  test('OPEN_PRIVATE_WINDOW from a top site, a highlight and a story, each in the new tab’s session', async ({ browserName }) => {
    const allowed = await launchAllowedInPrivate(browserName as BrowserName);
    browsers.push(allowed);
    const { ext } = allowed;
    expect(await (await ext.openPage('options/options.html')).evaluate(() => chrome.extension.isAllowedIncognitoAccess())).toBe(true);
    const helper = await ext.openPage('options/options.html');
    // Stories come only from a configured feed: the bundled sample.
    await ext.setPrefs(helper, {
      ...telemetryPrefs(collector),
      showSponsoredTopSites: false,
      showSponsored: false,
      'discoverystream.feedUrl': ext.url('stories/sample-feed.json'),
    });
    // A bookmark gives recent activity a card.
    await helper.evaluate(async () => void (await chrome.bookmarks.create({ url: 'https://saved.example/', title: 'Saved page' })));
    const page = await ext.openPage('newtab/newtab.html');

    const topSite = page.locator('li.top-site').first();
    const iconType = await topSite.getAttribute('data-icon-type');
    await choosePrivateWindow(topSite);
    await expect.poll(() => privateWindowCount(helper)).toBe(1);
    await page.bringToFront();
    await choosePrivateWindow(page.locator('.highlight-card').first());
    await expect.poll(() => privateWindowCount(helper)).toBe(2);
    await page.bringToFront();
    await choosePrivateWindow(page.locator('.story-card').first());
    await expect.poll(() => privateWindowCount(helper)).toBe(3);

    const events = await userEvents(collector, 'OPEN_PRIVATE_WINDOW', undefined, 3);
    expect(events.map((e) => e.source).sort()).toEqual(['CARDGRID', 'HIGHLIGHTS', 'TOP_SITES']);
    expect(new Set(events.map((e) => e.session_id)).size).toBe(1);
    for (const e of events) expect(e.page).toBe('about:newtab');
    // The icon the tile painted.
    expect(events.find((e) => e.source === 'TOP_SITES')!.value).toMatchObject({ icon_type: iconType });
    // Nothing is recorded about the private windows' own pages.
    expect(JSON.stringify(await collector.documents())).not.toContain('saved.example');
  });

  test('the home page shown at start reports first_window_opened', { tag: '@firefox-only' }, async () => {
    // First run: install, and point the extension at the collector; the home page is shown at every start.
    const prefs = { 'browser.startup.page': 1, 'browser.startup.homepage': HOME_URL };
    const first = await launchForTelemetry('firefox', { firefoxPrefs: prefs });
    browsers.push(first);
    const helper = await first.ext.openPage('options/options.html');
    await first.ext.setPrefs(helper, telemetryPrefs(collector));
    await first.ext.close();
    browsers.splice(browsers.indexOf(first), 1);

    const again = await launchForTelemetry('firefox', { profileDir: first.profileDir, firefoxPrefs: prefs });
    browsers.push(again);
    const control = await again.ext.openPage('options/options.html');
    let home: { session_id: string; perf: Record<string, unknown> } | undefined;
    await expect
      .poll(
        async () => {
          const sessions = await control.evaluate(async () =>
            Object.values(((await chrome.storage.local.get('telemetry.sessions'))['telemetry.sessions'] ?? {}) as Record<string, { session_id: string; page: string; perf: Record<string, unknown> }>),
          );
          home = sessions.find((s) => s.page === 'about:home' && s.perf.visibility_event_rcvd_ts !== undefined);
          return home?.perf.load_trigger_type;
        },
        { timeout: 30_000 },
      )
      .toBe('first_window_opened');
    // The user leaves the home page: its tab navigates on.
    await control.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'moz-extension://*/newtab/newtab.html?home' });
      await chrome.tabs.update(tab!.id!, { url: 'about:blank' });
    });
    const [ping] = await collector.waitForDocuments({ docType: 'sessions', session_id: home!.session_id }, undefined, DELIVERY_MS);
    expect(ping!.payload).toMatchObject({ page: 'about:home', perf: { load_trigger_type: 'first_window_opened' } });
    const perf = ping!.payload.perf as Record<string, number>;
    // Triggered by the browser's start: the browser session's start, 0.
    expect(perf.load_trigger_ts).toBe(0);
    expect(perf.visibility_event_rcvd_ts).toBeGreaterThanOrEqual(0);
  });
});
