// Session fields proven in real Firefox ESR and Chromium, each at a real
// collector (issue 18, item 5): a refresh ends the session and starts a new
// one; a new tab opened the way the + button opens one reports
// load_trigger_type menu_plus_or_keyboard; a page that renders before a
// woken background has answered reports topsites_data_late_by_ms and
// highlights_data_late_by_ms.
import type { Page } from '@playwright/test';
import { DELIVERY_MS, type CollectorForTest } from './support/collector';
import { withExtensionApi, type BrowserName, type ExtensionBrowser } from './support/extension';
import { launchForTelemetry, telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

interface StoredSession {
  session_id: string;
  perf: Record<string, unknown>;
}

/** The page sessions the background holds (storage.local), by page instance id. */
async function openSessions(helper: Page): Promise<StoredSession[]> {
  return helper.evaluate(async () => {
    const ext = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    return Object.values(((await ext.storage.local.get('telemetry.sessions'))['telemetry.sessions'] ?? {}) as Record<string, StoredSession>);
  });
}

/** The session id of a page, learnt from the SHOW_PERSONALIZE it sends; `known` are ids seen before. */
async function sessionIdOf(page: Page, collector: CollectorForTest, known: readonly string[] = []): Promise<string> {
  await page.getByRole('button', { name: 'Personalize' }).click();
  await page.keyboard.press('Escape');
  const isNew = (d: { payload: Record<string, unknown> }) => !known.includes(d.payload.session_id as string);
  const shown = await collector.waitForDocuments({ docType: 'events', event: 'SHOW_PERSONALIZE' }, (docs) => docs.some(isNew), DELIVERY_MS);
  return shown.find(isNew)!.payload.session_id as string;
}

async function sessionPing(collector: CollectorForTest, sessionId: string) {
  const [doc] = await collector.waitForDocuments({ docType: 'sessions', session_id: sessionId }, undefined, DELIVERY_MS);
  return doc!.payload as { session_duration: number; page: string; perf: Record<string, unknown> };
}

/** How many times the background has started in this browser session (index.ts keeps the count). */
async function backgroundStarts(page: Page): Promise<number> {
  return withExtensionApi(page, async (api) => Number((await api.storage.session.get('background.starts'))['background.starts']));
}

async function setUp(ext: ExtensionBrowser, collector: CollectorForTest) {
  const helper = await ext.openPage('options/options.html');
  await ext.setPrefs(helper, telemetryPrefs(collector));
  return helper;
}

test.describe('telemetry in a real browser', () => {
  test.describe.configure({ timeout: 150_000 });

  test('a refresh ends the page session with its ping and starts a new session', async ({ ext, collector }) => {
    await setUp(ext, collector);
    const page = await ext.openPage('newtab/newtab.html');
    const first = await sessionIdOf(page, collector);
    await page.reload({ waitUntil: 'commit' });
    await ext.waitUntilReady(page);
    const ended = await sessionPing(collector, first);
    expect(ended.page).toBe('about:newtab');
    expect(ended.session_duration).toBeGreaterThan(0);
    const second = await sessionIdOf(page, collector, [first]);
    expect(second).not.toBe(first);
    expect(await collector.documents({ docType: 'sessions', session_id: second })).toEqual([]);
  });

  test('a new tab opened as the + button opens one reports menu_plus_or_keyboard with its trigger time', async ({ ext, collector }) => {
    const helper = await setUp(ext, collector);
    // tabs.create with no address is what the + button, the menu item and Ctrl+T do: a tab for the new-tab page.
    const tabId = await helper.evaluate(async () => {
      const ext = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return (await ext.tabs.create({})).id!;
    });
    let session: StoredSession | undefined;
    await expect
      .poll(async () => {
        session = (await openSessions(helper)).find((s) => s.perf.load_trigger_type === 'menu_plus_or_keyboard');
        return session && typeof session.perf.visibility_event_rcvd_ts === 'number';
      }, { timeout: 20_000 })
      .toBe(true);
    await helper.evaluate(async (id) => {
      const ext = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      await ext.tabs.update(id, { url: 'about:blank' });
    }, tabId);
    const ping = await sessionPing(collector, session!.session_id);
    expect(ping.page).toBe('about:newtab');
    expect(ping.perf.load_trigger_type).toBe('menu_plus_or_keyboard');
    const triggeredAt = ping.perf.load_trigger_ts as number;
    expect(Number.isInteger(triggeredAt)).toBe(true);
    expect(triggeredAt).toBeGreaterThanOrEqual(0);
    // The tab was made before its page became visible, on the same clock.
    expect(triggeredAt).toBeLessThanOrEqual(ping.perf.visibility_event_rcvd_ts as number);
  });

  test('a page that renders before the woken background answers reports topsites and highlights data late by', async ({ browserName, collector }) => {
    // Firefox suspends an idle event page after this long; Chromium's worker is stopped over CDP.
    const browser = await launchForTelemetry(browserName as BrowserName, { firefoxBackgroundIdleMs: 1_000 });
    try {
      const { ext } = browser;
      const helper = await setUp(ext, collector);
      // No cached grid: the tiles too wait for the background. The background may still be
      // writing the grid it built at start, so the cache must stay gone for a second.
      await expect
        .poll(() =>
          withExtensionApi(helper, async (api) => {
            await api.storage.local.remove('topSitesCache');
            await new Promise((r) => setTimeout(r, 1_000));
            return (await api.storage.local.get('topSitesCache')).topSitesCache === undefined;
          }),
        )
        .toBe(true);
      const startsBefore = await backgroundStarts(helper);
      // No extension page may stay open: its port would wake the background at once, before the new tab.
      const blank = await ext.context.newPage();
      await ext.leave(helper);
      if (browserName === 'chromium') {
        const cdp = await ext.context.newCDPSession(blank);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      } else {
        // Long enough for the idle event page to be suspended.
        await blank.waitForTimeout(3_000);
      }
      const page = await ext.openPage('newtab/newtab.html');
      // Mostly from the background; from the cache if something woke it (and it wrote the grid) before this tab. Either
      // way the page rendered first (bootPage renders in its first task), so the grid's data came late too.
      await expect(page.locator('.top-sites-grid')).toHaveAttribute('data-painted-from', /^(live|cache)$/);
      // Recent activity comes with its own update, after the grid: the section must have it before the tab closes.
      await expect(page.locator('.slot-highlights [aria-busy="true"]')).toHaveCount(0);
      expect(await backgroundStarts(page), 'the background was woken for this tab').toBeGreaterThan(startsBefore);
      const sessionId = await sessionIdOf(page, collector);
      await ext.leave(page);
      const { perf } = await sessionPing(collector, sessionId);
      expect(perf.topsites_data_late_by_ms).toEqual(expect.any(Number));
      expect(perf.highlights_data_late_by_ms).toEqual(expect.any(Number));
      expect(perf.topsites_data_late_by_ms as number).toBeGreaterThanOrEqual(0);
      expect(perf.highlights_data_late_by_ms as number).toBeGreaterThanOrEqual(0);
    } finally {
      await browser.dispose();
    }
  });
});
