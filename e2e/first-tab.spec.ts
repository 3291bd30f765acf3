// The first new tab after a browser start or a background wake-up is the most
// common new tab of all: the page connects while the background is still
// reading storage. Each round here opens the page in that instant and checks
// it becomes ready with the user's stored prefs and that its pings arrive.
// Also: our page is what the browser shows for its own new tab and home page.
import type { Page } from '@playwright/test';
import { LAUNCH_TIMEOUT_MS, test, expect } from './support/fixtures';
import { createCollector, DELIVERY_MS, type CollectorForTest } from './support/collector';
import { ExtensionBrowser, withExtensionApi, type BrowserName } from './support/extension';
import { launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './support/telemetry';

const ROUNDS = 20;
/** A section the user switched off: it must stay off on every first tab. */
const SEARCH_OFF = { showSearch: false };

let collector: CollectorForTest;
test.beforeEach(async () => {
  collector = await createCollector();
});
test.afterEach(async () => {
  await collector.stop();
});

/** A browser whose stored prefs have search off and point telemetry at the collector; the profile is kept for relaunches. */
async function preparedProfile(name: BrowserName): Promise<TelemetryBrowser> {
  const telemetry = await launchForTelemetry(name);
  const setup = await telemetry.ext.openPage('options/options.html');
  await telemetry.ext.setPrefs(setup, { ...telemetryPrefs(collector), ...SEARCH_OFF });
  await expect.poll(() => withExtensionApi(setup, async (api) => ((await api.storage.local.get("prefs")).prefs as { showSearch?: boolean } | undefined)?.showSearch)).toBe(false);
  return telemetry;
}

/** What one of our pages in a tab shows, read through the extension (Playwright cannot see tabs the browser opened at start). */
interface ViewState {
  url: string;
  ready: boolean;
  search: boolean;
  topSites: boolean;
}

async function viewStates(probe: Page): Promise<ViewState[]> {
  return withExtensionApi(probe, (api) =>
    api.extension.getViews({ type: 'tab' }).map((view) => ({
      url: view.location.href,
      // A view still loading has no body yet.
      ready: view.document.body?.dataset.ready === '1',
      search: view.document.querySelector('form[role="search"]') !== null,
      topSites: view.document.querySelector('.top-sites-grid') !== null,
    })),
  );
}

/** Session pings and SHOW_PERSONALIZE events of `page` at the collector, once `count` sessions have arrived. */
async function sessionsAndClicks(page: 'about:home' | 'about:newtab', count: number) {
  const sessions = await collector.waitForDocuments({ docType: 'sessions', page }, (d) => d.length >= count, DELIVERY_MS);
  const clicks = await collector.waitForDocuments({ docType: 'events', event: 'SHOW_PERSONALIZE' }, (d) => d.length >= count, DELIVERY_MS);
  return { sessions: sessions.map((d) => d.payload), clicks: clicks.map((d) => d.payload) };
}

function expectOnePingEach(result: Awaited<ReturnType<typeof sessionsAndClicks>>, rounds: number) {
  const sessionIds = result.sessions.map((s) => s.session_id);
  expect(sessionIds).toHaveLength(rounds);
  expect(new Set(sessionIds).size).toBe(rounds);
  expect(result.clicks.map((c) => c.session_id).sort()).toEqual([...sessionIds].sort());
}

test('cold start: the page the browser opens at start is ready with the stored prefs and sends its pings, 20 times', async ({
  browserName,
}) => {
  const name = browserName as BrowserName;
  test.setTimeout(LAUNCH_TIMEOUT_MS + ROUNDS * 25_000);
  const prepared = await preparedProfile(name);
  const homeUrl = prepared.ext.url('newtab/newtab.html?home');
  try {
    if (name === 'firefox') {
      // The add-on's chrome_settings_overrides is the home page Firefox has.
      const probe = await prepared.ext.openPage('options/options.html');
      expect(await withExtensionApi(probe, async (api) => (await api.browserSettings.homepageOverride.get({})).value)).toBe(homeUrl);
    }
    await prepared.ext.context.close();
    for (let round = 1; round <= ROUNDS; round++) {
      const ext = await ExtensionBrowser.launch(name, {
        profileDir: prepared.profileDir,
        // Playwright rewrites the profile's user.js at every launch with its own
        // about:blank home page, over the value our override stored; this puts
        // back that same value and asks Firefox to open the home page at start.
        firefoxPrefs: { 'browser.startup.page': 1, 'browser.startup.homepage': homeUrl },
      });
      try {
        if (name === 'firefox') {
          const probe = await ext.openPage('options/options.html');
          await expect
            .poll(() => viewStates(probe).then((views) => views.find((v) => v.url === homeUrl)), { message: `round ${round}: the home page at start` })
            .toEqual({ url: homeUrl, ready: true, search: false, topSites: true });
          await withExtensionApi(probe, async (api, url) => {
            const view = api.extension.getViews({ type: 'tab' }).find((v) => v.location.href === url)!;
            view.document.querySelector<HTMLButtonElement>('.personalize-button')!.click();
            const [tab] = await api.tabs.query({ url });
            await api.tabs.update(tab!.id!, { url: 'about:blank' });
          }, homeUrl);
        } else {
          // Chromium on Linux has no home-page override: the first page is the browser's own new tab.
          const page = await ext.context.newPage();
          await page.goto('chrome://newtab/');
          await ext.waitUntilReady(page);
          await expect(page.locator('.top-sites-grid')).toBeVisible();
          await expect(page.getByRole('search')).toHaveCount(0);
          await page.locator('.personalize-button').click();
          await page.goto('about:blank');
        }
        // Earlier rounds' pings wait in the durable queue and go at the next start; the last round's go now.
        if (round === ROUNDS) expectOnePingEach(await sessionsAndClicks(name === 'firefox' ? 'about:home' : 'about:newtab', ROUNDS), ROUNDS);
      } finally {
        await ext.close();
      }
    }
  } finally {
    await prepared.dispose();
  }
});

test('wake-up: a new tab opened as the suspended background starts is ready with the stored prefs and sends its pings, 20 times', async ({
  browserName,
}) => {
  const name = browserName as BrowserName;
  test.setTimeout(LAUNCH_TIMEOUT_MS + ROUNDS * 15_000);
  const prepared = await preparedProfile(name);
  await prepared.ext.context.close();
  // Firefox suspends an idle event page after this long; Chromium's worker is stopped over CDP.
  const ext = await ExtensionBrowser.launch(name, { profileDir: prepared.profileDir, firefoxBackgroundIdleMs: 1_000 });
  const blank = await ext.context.newPage();
  const starts = (page: Page) => withExtensionApi(page, async (api) => Number((await api.storage.session.get('background.starts'))['background.starts']));
  try {
    let startsBefore = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      if (name === 'chromium') {
        const cdp = await ext.context.newCDPSession(blank);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      } else {
        // The last round's session ping goes by an alarm, which wakes the event page
        // (a fixed wait raced it on a busy machine); once that ping has arrived nothing
        // else wakes the page, and with no extension page open it is suspended after its
        // idle second.
        await collector.waitForDocuments({ docType: 'sessions', page: 'about:newtab' }, (d) => d.length >= round - 1, DELIVERY_MS);
        await blank.waitForTimeout(3_000);
      }
      const page = await ext.openPage('newtab/newtab.html');
      const startsNow = await starts(page);
      expect(startsNow, `round ${round}: the background was woken for this tab`).toBeGreaterThan(startsBefore);
      startsBefore = startsNow;
      await expect(page.locator('.top-sites-grid')).toBeVisible();
      await expect(page.getByRole('search')).toHaveCount(0);
      await page.locator('.personalize-button').click();
      await ext.leave(page);
    }
    expectOnePingEach(await sessionsAndClicks('about:newtab', ROUNDS), ROUNDS);
  } finally {
    await ext.close();
    await prepared.dispose();
  }
});

test('the browser\'s own new tab (tabs.create with no URL) shows our page', async ({ browserName }) => {
  test.setTimeout(LAUNCH_TIMEOUT_MS);
  const ext = await ExtensionBrowser.launch(browserName as BrowserName);
  try {
    const probe = await ext.openPage('options/options.html');
    const opened = await withExtensionApi(probe, async (api) => (await api.tabs.create({})).id!);
    await expect
      .poll(async () => (await viewStates(probe)).filter((v) => v.url.includes('/newtab/newtab.html')))
      .toEqual([expect.objectContaining({ ready: true, topSites: true, search: true })]);
    const tab = await withExtensionApi(probe, (api, id) => api.tabs.get(id), opened);
    // Firefox shows the add-on's URL; Chromium keeps chrome://newtab/ in the address bar over our page.
    expect(tab.url ?? tab.pendingUrl).toMatch(browserName === 'firefox' ? /^moz-extension:\/\/[^/]+\/newtab\/newtab\.html$/ : /^chrome:\/\/newtab\/$/);
  } finally {
    await ext.close();
  }
});
