// Top sites ("Shortcuts") in real Firefox ESR and Chromium: the bundled
// defaults and icons, rows, pinning, dismissing, deleting from history,
// window and bookmark items, the add/edit dialog, search shortcuts,
// sponsored tiles (only from a configured feed: here the bundled sample, set
// up by its extension URL), keyboard use of the menus, and the instant paint from the
// cache. Every event is checked where it lands: at a real collector.
//
// Each test gets a fresh browser (pins and blocks live in the profile) and a
// fresh collector. Chromium's topSites API only learns about new history on
// its own schedule, so tests build the grid from the defaults, the add
// dialog and search shortcuts; the one test that needs a visited site to
// become a tile runs in Firefox only. Code run in pages uses `chrome`, which
// both browsers expose with promises to MV3 extensions.
import type { Locator, Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserName, ExtensionBrowser } from './support/extension';
import { chooseFromMenu, menuItems } from './support/menus';
import { DELIVERY_MS, userEvents, type CollectorForTest, type DocumentView } from './support/collector';
import { browserSessionStart, launchForTelemetry, telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

/** A 2×2 red PNG for custom tile images. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGP4z8DwHwyBNBgAAIK1B/lpsB2kAAAAAElFTkSuQmCC',
  'base64',
);

let imageServer: Server;
let imageBase: string;

test.beforeAll(async () => {
  imageServer = createServer((req, res) => {
    if (req.url === '/icon.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => imageServer.close(resolve));
});

/**
 * Sets prefs (pings go to the test collector) from a helper tab, then opens a
 * new tab. The helper (the options page: it shows no tiles, so it adds no
 * impressions) stays open to read tabs, history and bookmarks through the
 * extension APIs.
 */
async function openTopSites(ext: ExtensionBrowser, collector: CollectorForTest, prefs: Record<string, unknown> = {}) {
  const helper = await ext.openPage('options/options.html');
  await ext.setPrefs(helper, { ...telemetryPrefs(collector), ...prefs });
  const page = await ext.openPage('newtab/newtab.html');
  await expect(page.locator('.top-sites-grid')).toHaveAttribute('data-painted-from', /cache|live/);
  return { helper, page };
}

/** Opens the new tab again in the same tab, as a user reloading or coming back would. */
async function reopen(ext: ExtensionBrowser, page: Page): Promise<Page> {
  await page.goto(ext.url('newtab/newtab.html'), { waitUntil: 'commit' });
  await ext.waitUntilReady(page);
  return page;
}

const NO_SPONSORED = { showSponsoredTopSites: false };
/** The bundled sample sponsored tiles, configured explicitly as a sponsored feed. */
const sampleSponsoredFeed = (ext: ExtensionBrowser) => ({ 'topsites.sponsoredFeedUrl': ext.url('topsites/sponsored-tiles.json') });

const grid = (page: Page) => page.locator('.top-sites-grid');
const tile = (page: Page, label: string) =>
  page.locator('li.top-site').filter({ has: page.locator('.top-site-label').getByText(label, { exact: true }) });
const indexOf = async (t: Locator) => Number(await t.getAttribute('data-index'));

/**
 * Types as a user would. Under Firefox's BiDi, fill() sets the value from a
 * script, which React's change tracking does not see as an edit.
 */
async function typeInto(field: Locator, text: string) {
  await field.selectText();
  await field.press('Backspace');
  await field.pressSequentially(text);
}

/** contextual-services pings of one kind, payloads only. */
async function sponsoredPings(
  collector: CollectorForTest,
  docType: 'topsites-impression' | 'topsites-click',
  predicate: (p: Record<string, unknown>[]) => boolean,
) {
  const docs = await collector.waitForDocuments(
    { namespace: 'contextual-services', docType },
    (d: DocumentView[]) => predicate(d.map((x) => x.payload)),
    DELIVERY_MS,
  );
  return docs.map((d) => d.payload);
}

test.describe('top sites', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the defaults show with bundled icons; the rows pref shows 8 or 16 slots; narrow windows show 6 a row', async ({ ext, collector }) => {
    const { page, helper } = await openTopSites(ext, collector, NO_SPONSORED);
    await expect(grid(page).locator(':scope > li')).toHaveCount(8);
    const wikipedia = tile(page, 'wikipedia');
    await expect(wikipedia).toHaveAttribute('data-icon-type', 'tippytop');
    await expect(wikipedia.locator('img')).toHaveAttribute('src', '/tippytop/wikipedia.svg');
    expect(await wikipedia.locator('img').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(0);
    await expect(wikipedia.getByRole('link')).toHaveAttribute('href', 'https://www.wikipedia.org/');

    await ext.setPrefs(helper, { topSitesRows: 2 });
    await expect(grid(page).locator(':scope > li')).toHaveCount(16);
    await expect(grid(page).locator(':scope > li.top-site-placeholder')).not.toHaveCount(0);
    await expect(grid(page).locator(':scope > li:visible')).toHaveCount(16);

    await page.setViewportSize({ width: 900, height: 800 });
    await expect(grid(page).locator(':scope > li:visible')).toHaveCount(12);
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(grid(page).locator(':scope > li:visible')).toHaveCount(16);
  });

  test('a click opens the site in this tab and sends CLICK; the session ping carries the top sites perf fields', async ({ ext, collector }) => {
    const { page, helper } = await openTopSites(ext, collector, NO_SPONSORED);
    const youtube = tile(page, 'youtube');
    const position = await indexOf(youtube);
    const visibleTiles = await page.locator('li.top-site:visible').count();
    await youtube.getByRole('link').click();
    await expect.poll(() => ext.tabUrls(helper)).toContain('https://www.youtube.com/');

    const [click] = await userEvents(collector, 'CLICK', undefined);
    expect(click).toMatchObject({ action_position: position, page: 'about:newtab', value: { icon_type: 'tippytop' } });
    expect(click!.value).not.toHaveProperty('card_type');

    const [session] = await collector.waitForDocuments({ docType: 'sessions', session_id: click!.session_id as string });
    const perf = session!.payload.perf as Record<string, unknown>;
    expect(perf.topsites_pinned).toBe(0);
    expect(perf.topsites_search_shortcuts).toBe(0);
    const stats = perf.topsites_icon_stats as Record<string, number>;
    expect(Object.keys(stats).sort()).toEqual(['custom_screenshot', 'no_image', 'rich_icon', 'screenshot', 'screenshot_with_icon', 'tippytop']);
    expect([stats.screenshot, stats.screenshot_with_icon]).toEqual([0, 0]);
    expect(Object.values(stats).reduce((a, b) => a + b, 0)).toBe(visibleTiles);
    expect(stats.tippytop).toBeGreaterThanOrEqual(6);
    const painted = perf.topsites_first_painted_ts as number;
    expect(Number.isInteger(painted)).toBe(true);
    // Milliseconds since the browser session's start: within the minutes this browser has run.
    const zero = await browserSessionStart(helper);
    expect(painted).toBeGreaterThan(0);
    expect(zero + painted).toBeLessThanOrEqual(Date.now());
    expect(zero + painted).toBeGreaterThan(Date.now() - 10 * 60_000);
    // Only sent when the grid first rendered empty; a warm background often answers before React's first render.
    if ('topsites_data_late_by_ms' in perf) expect(perf.topsites_data_late_by_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(await collector.documents())).not.toContain('youtube');
  });

  test('a pinned site keeps its slot when a site before it is dismissed; both survive a reload; BLOCK is sent', async ({ ext, collector }) => {
    const { page } = await openTopSites(ext, collector, NO_SPONSORED);
    const reddit = tile(page, 'reddit');
    const slot = await indexOf(reddit);
    await chooseFromMenu(reddit, 'Pin');
    await expect(reddit).toHaveAttribute('data-card-type', 'pinned');
    await expect(reddit.getByText('Pinned')).toBeVisible();

    const wikipedia = tile(page, 'wikipedia');
    const dismissedAt = await indexOf(wikipedia);
    expect(dismissedAt).toBeLessThan(slot);
    await chooseFromMenu(wikipedia, 'Dismiss');
    await expect(tile(page, 'wikipedia')).toHaveCount(0);
    await expect(reddit).toHaveAttribute('data-index', String(slot));

    const again = await reopen(ext, page);
    await expect(tile(again, 'reddit')).toHaveAttribute('data-index', String(slot));
    await expect(tile(again, 'reddit')).toHaveAttribute('data-card-type', 'pinned');
    await expect(tile(again, 'youtube')).toBeVisible();
    await expect(tile(again, 'wikipedia')).toHaveCount(0);

    await chooseFromMenu(tile(again, 'reddit'), 'Unpin');
    await expect(tile(again, 'reddit')).toHaveAttribute('data-card-type', 'organic');
    await expect(tile(again, 'reddit')).toHaveAttribute('data-index', String(slot - 1));

    const [block] = await userEvents(collector, 'BLOCK', undefined);
    expect(block).toMatchObject({ action_position: dismissedAt, value: { icon_type: 'tippytop' } });
  });

  test('delete from history asks first, then deletes the visits and sends DELETE', async ({ ext, collector }) => {
    const { page, helper } = await openTopSites(ext, collector, NO_SPONSORED);
    const url = 'https://deleted-later.example/';
    await helper.evaluate((u) => chrome.history.addUrl({ url: u }), url);
    const visits = () => helper.evaluate(async (u) => (await chrome.history.getVisits({ url: u })).length, url);
    expect(await visits()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Add shortcut' }).click();
    const form = page.getByRole('dialog');
    await typeInto(form.getByRole('textbox', { name: 'URL', exact: true }), url);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const site = tile(page, 'deleted-later');
    await expect(site).toHaveAttribute('data-index', '0');

    await chooseFromMenu(site, 'Delete from history');
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Delete every visit to this page');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await visits()).toBeGreaterThan(0);

    await chooseFromMenu(site, 'Delete from history');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(visits).toBe(0);
    // A default site has no history of ours to delete.
    expect(await menuItems(tile(page, 'youtube'))).not.toContain('Delete from history');
    const [del] = await userEvents(collector, 'DELETE', undefined);
    expect(del).toMatchObject({ action_position: 0, value: { card_type: 'pinned', icon_type: 'no_image' } });
  });

  // Firefox only (playwright.config.ts): Chromium's topSites API takes new history in on its own schedule.
  test('a visited site becomes a tile, and deleting it from history removes it', { tag: '@firefox-only' }, async ({ ext, collector }) => {
    const { helper } = await openTopSites(ext, collector, NO_SPONSORED);
    await helper.evaluate(async () => {
      for (let i = 0; i < 3; i++) await chrome.history.addUrl({ url: 'https://often-visited.example/' });
    });
    const page = await ext.openPage('newtab/newtab.html');
    const visited = tile(page, 'often-visited');
    await expect(visited).toHaveAttribute('data-icon-type', 'no_image');
    const position = await indexOf(visited);
    await chooseFromMenu(visited, 'Delete from history');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(visited).toHaveCount(0);
    const [del] = await userEvents(collector, 'DELETE', undefined);
    expect(del).toMatchObject({ action_position: position, value: { icon_type: 'no_image' } });
  });

  test('open in a new window, bookmark and remove the bookmark; no private-window item without the permission', async ({ ext, collector }) => {
    const { page, helper } = await openTopSites(ext, collector, NO_SPONSORED);
    const github = tile(page, 'github');
    const position = await indexOf(github);
    expect(await menuItems(github)).toEqual(['Pin', 'Edit', 'Open in a new window', 'Bookmark', 'Dismiss']);

    await chooseFromMenu(github, 'Open in a new window');
    await expect.poll(() => ext.tabUrls(helper)).toContain('https://github.com/');

    const bookmarks = () => helper.evaluate(async () => (await chrome.bookmarks.search({ url: 'https://github.com/' })).length);
    await chooseFromMenu(github, 'Bookmark');
    await expect.poll(bookmarks).toBe(1);

    await expect.poll(() => menuItems(github)).toContain('Remove bookmark');
    await chooseFromMenu(github, 'Remove bookmark');
    await expect.poll(bookmarks).toBe(0);

    const [opened] = await userEvents(collector, 'OPEN_NEW_WINDOW', undefined);
    expect(opened).toMatchObject({ action_position: position, value: { icon_type: 'tippytop' } });
    const [added] = await userEvents(collector, 'BOOKMARK_ADD', undefined);
    expect(added).toMatchObject({ action_position: position, value: { icon_type: 'tippytop' } });
    const [removed] = await userEvents(collector, 'BOOKMARK_DELETE', undefined);
    expect(removed).toMatchObject({ action_position: position, value: { icon_type: 'tippytop' } });
  });

  test('the add dialog refuses a bad address, adds http:// and puts the site first; edit sets a previewed custom image', async ({ ext, collector }) => {
    const { page } = await openTopSites(ext, collector, NO_SPONSORED);
    const add = page.getByRole('button', { name: 'Add shortcut' });
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add shortcut' });
    await expect(dialog.getByRole('textbox', { name: 'Title' })).toBeFocused();
    await typeInto(dialog.getByRole('textbox', { name: 'Title' }), 'My Example');
    const url = dialog.getByRole('textbox', { name: 'URL', exact: true });
    await typeInto(url, 'javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Enter a valid web address, such as example.com.');
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await typeInto(url, 'example.org/start');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(add).toBeFocused();

    const mine = tile(page, 'My Example');
    await expect(mine).toHaveAttribute('data-index', '0');
    await expect(mine).toHaveAttribute('data-card-type', 'pinned');
    await expect(mine.getByRole('link')).toHaveAttribute('href', 'http://example.org/start');

    const youtube = tile(page, 'youtube');
    const slot = await indexOf(youtube);
    await chooseFromMenu(youtube, 'Edit');
    const edit = page.getByRole('dialog', { name: 'Edit shortcut' });
    await expect(edit.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue('https://www.youtube.com/');
    await typeInto(edit.getByRole('textbox', { name: 'Custom image URL (optional)' }), `${imageBase}/icon.png`);
    await edit.getByRole('button', { name: 'Preview' }).click();
    await expect(edit.getByRole('img', { name: 'Preview of the custom image' })).toBeVisible();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(tile(page, 'youtube')).toHaveAttribute('data-icon-type', 'custom_screenshot');
    await expect(tile(page, 'youtube')).toHaveAttribute('data-index', String(slot));
    await expect(tile(page, 'youtube').locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);

    const edits = await userEvents(collector, 'TOP_SITES_EDIT', undefined, 2);
    expect(edits.map((e) => [e.source, e.action_position])).toEqual([
      ['TOP_SITES_SOURCE', -1],
      ['TOP_SITES_SOURCE', slot],
    ]);
    const [preview] = await userEvents(collector, 'PREVIEW_REQUEST', undefined);
    expect(preview).toMatchObject({ source: 'TOP_SITES' });
    expect(JSON.stringify(await collector.documents())).not.toMatch(/example\.org|icon\.png/);
  });

  test('search shortcuts are added and removed in their dialog, and a shortcut searches with its engine', async ({ ext, collector }) => {
    const { page, helper } = await openTopSites(ext, collector, NO_SPONSORED);
    await page.getByRole('button', { name: 'Search shortcuts' }).click();
    let dialog = page.getByRole('dialog', { name: 'Search shortcuts' });
    await dialog.getByRole('checkbox', { name: 'Google' }).check();
    await dialog.getByRole('checkbox', { name: 'DuckDuckGo' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const google = tile(page, 'Google');
    await expect(google).toHaveAttribute('data-card-type', 'search');
    await expect(google).toHaveAttribute('data-index', '0');
    await expect(tile(page, 'DuckDuckGo')).toHaveAttribute('data-index', '1');

    const term = `oasterm${Date.now()}`;
    await google.getByRole('button', { name: /Google/ }).click();
    const box = page.getByRole('searchbox', { name: 'Search with Google' });
    await expect(box).toBeFocused();
    await typeInto(box, term);
    await box.press('Enter');
    await expect.poll(async () => (await ext.tabUrls(helper)).some((u) => u.includes('google.') && u.includes(term)), { timeout: 15_000 }).toBe(true);

    const again = await reopen(ext, page);
    await again.getByRole('button', { name: 'Search shortcuts' }).click();
    dialog = again.getByRole('dialog', { name: 'Search shortcuts' });
    await expect(dialog.getByRole('checkbox', { name: 'Google' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'DuckDuckGo' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(tile(again, 'DuckDuckGo')).toHaveCount(0);
    await expect(tile(again, 'Google')).toHaveAttribute('data-index', '0');

    const adds = await userEvents(collector, 'SEARCH_EDIT_ADD', undefined, 2);
    expect(adds.map((e) => [e.action_position, e.value?.search_vendor]).sort()).toEqual([
      [0, 'google'],
      [1, 'duckduckgo'],
    ]);
    const [click] = await userEvents(collector, 'CLICK', undefined);
    expect(click).toMatchObject({ action_position: 0, value: { card_type: 'search', icon_type: 'tippytop', search_vendor: 'google' } });
    const [deleted] = await userEvents(collector, 'SEARCH_EDIT_DELETE', undefined);
    expect(deleted).toMatchObject({ action_position: 1, value: { search_vendor: 'duckduckgo' } });
    expect(JSON.stringify(await collector.documents())).not.toContain(term);
  });

  test('out of the box, with sponsored shortcuts on but no sponsored feed, no sponsored tile shows and no sponsored ping is sent', async ({
    ext,
    collector,
  }) => {
    const { page } = await openTopSites(ext, collector);
    await expect(tile(page, 'wikipedia')).toBeVisible();
    await expect(page.locator('li.top-site[data-card-type="spoc"]')).toHaveCount(0);
    await expect(page.getByText('Sponsored', { exact: true })).toHaveCount(0);
    await expect(page.locator('.stories')).toHaveAttribute('data-feed-source', 'none');
    await ext.leave(page);
    // The page's session ping is the last it sends: once it is in, any sponsored ping would be too.
    await collector.waitForDocuments({ docType: 'sessions', page: 'about:newtab' }, (d) => d.length > 0, DELIVERY_MS);
    expect(await collector.documents({ namespace: 'contextual-services' })).toEqual([]);
    expect(await collector.documents({ docType: 'spoc-fills' })).toEqual([]);
  });

  test('sponsored tiles: labelled, one impression each per page, privacy info, click ping, dismiss blocks the sponsor, none with the pref off', async ({
    ext,
    collector,
  }) => {
    const { page, helper } = await openTopSites(ext, collector, sampleSponsoredFeed(ext));
    const shop = tile(page, 'Example Shop');
    await expect(shop).toHaveAttribute('data-card-type', 'spoc');
    await expect(shop).toHaveAttribute('data-icon-type', 'rich_icon');
    await expect(shop.getByText('Sponsored', { exact: true })).toBeVisible();
    await expect(shop).toHaveAttribute('data-index', '0');
    await expect(tile(page, 'Sample Travel')).toHaveAttribute('data-index', '1');

    // Scrolled away and back: still one impression per tile on this page.
    await page.setViewportSize({ width: 1280, height: 300 });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1280, height: 720 });

    await chooseFromMenu(shop, 'Our sponsors and your privacy');
    const privacy = page.getByRole('dialog', { name: 'Sponsored shortcuts' });
    await expect(privacy).toContainText('Example Shop paid to appear among your shortcuts');
    await page.keyboard.press('Escape');
    await expect(privacy).toBeHidden();

    await chooseFromMenu(tile(page, 'Sample Travel'), 'Dismiss');
    await expect(tile(page, 'Sample Travel')).toHaveCount(0);

    const again = await reopen(ext, page);
    await expect(tile(again, 'Example Shop')).toBeVisible();
    await expect(tile(again, 'Sample Travel')).toHaveCount(0);
    await tile(again, 'Example Shop').getByRole('link').click();
    await expect.poll(() => ext.tabUrls(helper)).toContain('https://shop.example.com/');

    await ext.setPrefs(helper, NO_SPONSORED);
    const off = await reopen(ext, again);
    await expect(tile(off, 'wikipedia')).toBeVisible();
    await expect(off.locator('li.top-site[data-card-type="spoc"]')).toHaveCount(0);
    await expect(off.getByText('Sponsored', { exact: true })).toHaveCount(0);

    const [clickPing] = await sponsoredPings(collector, 'topsites-click', (p) => p.length > 0);
    expect(clickPing).toMatchObject({
      tile_id: 9001,
      position: 1,
      advertiser: 'example shop',
      source: 'newtab',
      reporting_url: 'https://reporting.example.net/click?tile=9001&ctag=sample',
    });
    expect(clickPing).not.toHaveProperty('client_id');
    // Two pages showed Example Shop, one showed Sample Travel: one impression per tile per page.
    const impressions = await sponsoredPings(collector, 'topsites-impression', (p) => p.length >= 3);
    const shown = (id: number) => impressions.filter((p) => p.tile_id === id).length;
    expect(shown(9001)).toBe(2);
    expect(shown(9002)).toBe(1);
    expect(impressions.find((p) => p.tile_id === 9001)).toMatchObject({
      position: 1,
      advertiser: 'example shop',
      source: 'newtab',
      reporting_url: 'https://reporting.example.net/impression?tile=9001&ctag=sample',
    });
    expect(impressions.find((p) => p.tile_id === 9002)).toMatchObject({ position: 2, advertiser: 'sample travel' });

    const [info] = await userEvents(collector, 'SHOW_PRIVACY_INFO', undefined);
    expect(info).toMatchObject({ source: 'TOP_SITES', action_position: 0 });
    const [block] = await userEvents(collector, 'BLOCK', undefined);
    expect(block).toMatchObject({ action_position: 1, value: { card_type: 'spoc', icon_type: 'rich_icon' } });
    const [click] = await userEvents(collector, 'CLICK', undefined);
    expect(click).toMatchObject({ action_position: 0, value: { card_type: 'spoc', icon_type: 'rich_icon' } });
  });

  test('the tile menu works by keyboard: open, walk, close with Escape, choose with Enter', async ({ ext, collector }) => {
    const { page } = await openTopSites(ext, collector, NO_SPONSORED);
    const youtube = tile(page, 'youtube');
    await youtube.getByRole('link').focus();
    await page.keyboard.press('Tab');
    const button = youtube.getByRole('button', { name: 'More options' });
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem', { name: 'Pin' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Dismiss' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Pin' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Pin' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(youtube).toHaveAttribute('data-card-type', 'pinned');
  });

  test('the background keeps the grid in storage; a new tab paints it before the background answers, then swaps to live data', async ({ browserName, collector }) => {
    const browser = await launchForTelemetry(browserName as BrowserName);
    const ext = browser.ext;
    try {
      const { helper, page } = await openTopSites(ext, collector, NO_SPONSORED);
      const cachedUrls = () =>
        helper.evaluate(async () => {
          const { topSitesCache } = (await chrome.storage.local.get('topSitesCache')) as { topSitesCache: { rows: ({ url: string } | null)[] } };
          return topSitesCache.rows.map((r) => r?.url ?? null);
        });
      const shownUrls = () => page.locator('li.top-site a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      // The cache holds every row the background built; the page shows the first 8.
      await expect.poll(async () => (await cachedUrls()).slice(0, 8).filter(Boolean)).toEqual(await shownUrls());

      // A marker row only the cache has: if it paints, the cache painted.
      await helper.evaluate(async () => {
        const { topSitesCache } = (await chrome.storage.local.get('topSitesCache')) as { topSitesCache: { rows: unknown[] } };
        topSitesCache.rows[2] = { url: 'https://only-in-cache.example/', label: 'only-in-cache', hostname: 'only-in-cache.example' };
        await chrome.storage.local.set({ topSitesCache });
      });
      let fresh = page;
      if (browserName === 'chromium') {
        // Unloaded, not closed: Chromium comes back to this tab.
        await page.goto('about:blank', { waitUntil: 'commit' });
        // Keep the service worker busy from its next task on: it cannot answer the new tab for a while.
        await ext.holdServiceWorker(3000);
        await page.goto(ext.url('newtab/newtab.html'), { waitUntil: 'commit' });
        // React's grid: until it has painted, the boot paint's grid is on screen beside it.
        await expect(page.locator('#root .top-sites-grid')).toHaveAttribute('data-painted-from', 'cache');
        // The worker is still busy, so the cached rows are on screen now.
        await expect(tile(page, 'only-in-cache')).toBeVisible();
      } else {
        // Firefox gives a test no way to hold its event page back, and an awake one
        // answers before storage.local does; there the cache is checked for the swap only.
        fresh = await reopen(ext, page);
      }
      await fresh.locator('body[data-ready="1"]').waitFor();
      await expect(tile(fresh, 'only-in-cache')).toHaveCount(0);
      await expect(tile(fresh, 'wikipedia')).toBeVisible();
    } finally {
      await browser.dispose();
    }
  });
});
