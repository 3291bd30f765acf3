// Impressions that mean something: a card is reported once at least half of
// it has been on screen while the page was visible; cards never scrolled to
// are absent, and a hidden page reports nothing. Checked by scrolling a real
// browser and reading the pings at a real collector.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { DriverUnreachableError, withExtensionApi, type BrowserName, type ExtensionBrowser } from './support/extension';
import { launchForTelemetry, telemetryPrefs } from './support/telemetry';
import {
  cardIds,
  halfVisibleIds,
  impressionPings,
  json,
  openStoriesWithFeed,
  loadFeed,
  seenIds,
  testFeed,
  tilesOf,
  storiesHarness,
} from './support/stories';

test.describe.configure({ timeout: 150_000 });

const h = storiesHarness();

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

test('exactly the cards seen at least half on screen are reported, once, with spoc shims', async () => {
  const { ext } = h;
  const { page } = await openStoriesWithFeed(h, {
    base: 10_000,
    count: 23,
    spocs: [{ id: 10_901, flightId: 'impression-flight' }],
    settings: { spocPositions: [2], loadMoreThreshold: 24 },
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  const all = await cardIds(page);
  expect(all).toHaveLength(24);

  const atLoad = await halfVisibleIds(page);
  expect(atLoad.length).toBeGreaterThan(0);
  await expect.poll(() => seenIds(page).then(sorted)).toEqual(sorted(atLoad));

  // Jump straight to the last row: the rows in between are never on screen.
  await page.locator('.story-card[data-story-id]').last().evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const atEnd = await halfVisibleIds(page);
  const seen = sorted([...new Set([...atLoad, ...atEnd])]);
  await expect.poll(() => seenIds(page).then(sorted)).toEqual(seen);
  const neverOnScreen = all.filter((id) => !seen.includes(id));
  expect(neverOnScreen.length).toBeGreaterThan(0);

  // Scrolling back over what was seen reports nothing new.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => seenIds(page).then(sorted)).toEqual(seen);
  await ext.leave(page);

  const pings = await impressionPings(h.collector, all, (docs) => docs.length >= 2);
  const loaded = pings.filter((d) => d.payload.loaded !== undefined);
  const impressions = pings.filter((d) => d.payload.loaded === undefined && d.payload.click === undefined);
  expect(loaded).toHaveLength(1);
  expect(tilesOf(loaded[0]!)).toEqual(all.map((id, pos) => ({ id, pos })));
  expect(impressions).toHaveLength(1);
  const reported = tilesOf(impressions[0]!);
  expect(sorted(reported.map((t) => t.id))).toEqual(seen);
  for (const id of neverOnScreen) expect(reported.map((t) => t.id)).not.toContain(id);
  const spoc = all[2]!;
  expect(reported.find((t) => t.id === spoc)).toEqual(seen.includes(spoc) ? { id: spoc, pos: 2, shim: `imp-${spoc}` } : undefined);
  for (const tile of reported) expect(tile.pos).toBe(all.indexOf(tile.id));
});

/**
 * A new tab that is hidden when it loads, like a preloaded one. Firefox loads
 * it in a real background tab. Under BiDi such a tab now and then never
 * surfaces as a page Playwright can reach; then it is navigated away (never
 * having been visible, it reports nothing) and another is tried. Headless
 * Chromium reports every tab visible, so there the page's visibility is
 * emulated by an init script (which is why this test has a browser of its own).
 */
interface HiddenTab {
  page: Page;
  reveal(): Promise<void>;
}

async function openHiddenNewTab(ext: ExtensionBrowser, from: Page): Promise<HiddenTab> {
  if (ext.name === 'chromium') {
    const page = await ext.openPage('newtab/newtab.html');
    return { page, reveal: () => page.evaluate(() => (window as unknown as { revealPage(): void }).revealPage()) };
  }
  const tabs = (call: { create: string } | { blank: number } | { show: number }) =>
    withExtensionApi(from, async (api, c) => {
      if ('create' in c) return (await api.tabs.create({ url: c.create, active: false })).id!;
      await api.tabs.update('blank' in c ? c.blank : c.show, 'blank' in c ? { url: 'about:blank' } : { active: true });
      return 0;
    }, call);
  for (let attempt = 1; ; attempt++) {
    const surfaced = ext.context.waitForEvent('page', { timeout: 10_000 }).catch(() => null);
    const tabId = await tabs({ create: ext.url('newtab/newtab.html') });
    const page = await surfaced;
    try {
      if (!page) throw new DriverUnreachableError('the new background tab never reached the driver');
      await ext.waitUntilReady(page);
      return { page, reveal: async () => void (await tabs({ show: tabId })) };
    } catch (error) {
      // A hidden page sends nothing, so one the driver could not reach leaves no trace to allow for.
      if (!(error instanceof DriverUnreachableError) || attempt === 3) throw error;
      ext.recordDriverRetry(`hidden new tab: ${error.message}`);
      await tabs({ blank: tabId });
    }
  }
}

test('a hidden page reports nothing; loaded content and impressions start once it is visible', async ({ browserName }) => {
  // A browser of its own: in Chromium its pages get the visibility-emulating init script.
  const telemetry = await launchForTelemetry(browserName as BrowserName);
  const { ext } = telemetry;
  try {
    const feed = testFeed(h.server, { base: 6000, count: 8, settings: { loadMoreThreshold: 8 } });
    const url = h.server.route('/feed-hidden.json', json(feed));
    await loadFeed(ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(h.collector) });
    if (browserName === 'chromium') {
      await ext.context.addInitScript(() => {
        let state: DocumentVisibilityState = 'hidden';
        Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => state });
        Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => state === 'hidden' });
        (window as unknown as { revealPage(): void }).revealPage = () => {
          state = 'visible';
          document.dispatchEvent(new Event('visibilitychange'));
        };
      });
    }

    const opener = await ext.openPage('welcome/welcome.html');
    const neverShown = await openHiddenNewTab(ext, opener);
    await expect(neverShown.page.locator('.story-card[data-story-id]')).toHaveCount(8);
    expect(await neverShown.page.evaluate(() => document.visibilityState)).toBe('hidden');
    expect(await seenIds(neverShown.page)).toEqual([]);
    await ext.leave(neverShown.page);

    const shownLater = await openHiddenNewTab(ext, opener);
    await expect(shownLater.page.locator('.story-card[data-story-id]')).toHaveCount(8);
    expect(await seenIds(shownLater.page)).toEqual([]);
    await shownLater.reveal();
    await expect.poll(() => shownLater.page.evaluate(() => document.visibilityState)).toBe('visible');
    const visible = await halfVisibleIds(shownLater.page);
    await expect.poll(() => seenIds(shownLater.page).then(sorted)).toEqual(sorted(visible));
    await ext.leave(shownLater.page);

    // Only the page that became visible sent pings: one loaded-content and one impression ping.
    const ids = feed.stories.map((s) => s.id);
    const pings = await impressionPings(h.collector, ids, (docs) => docs.length >= 2);
    expect(pings).toHaveLength(2);
    expect(pings.filter((d) => d.payload.loaded === 8)).toHaveLength(1);
    expect(sorted(tilesOf(pings.find((d) => d.payload.loaded === undefined)!).map((t) => t.id))).toEqual(sorted(visible));
  } finally {
    await telemetry.dispose();
  }
});
