// Recent activity in real browsers, by keyboard: cards for real bookmarks and
// visits, bookmark and unbookmark from the card menu (the browser's bookmarks
// change; BOOKMARK_ADD / BOOKMARK_DELETE arrive with source HIGHLIGHTS), open
// in a new window, delete from history after confirming, and CLICK.
import type { Page } from '@playwright/test';
import { chooseFromMenuByKeyboard } from './support/menus';
import { withExtensionApi, type ExtensionBrowser } from './support/extension';
import { userEvents, type CollectorForTest } from './support/collector';
import { telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

let ext: ExtensionBrowser;
let collector: CollectorForTest;
/** An extension page for reading and seeding the browser's bookmarks and history. */
let helper: Page;

// Pages on the collector's own server, so a click really loads something.
const visited = () => `${collector.baseUrl}/api/counts?oas-visited`;
const saved = () => `${collector.baseUrl}/api/counts?oas-saved`;

test.beforeEach(async ({ ext: fresh, collector: running }) => {
  ext = fresh;
  collector = running;
  helper = await ext.openPage('options/options.html');
  await ext.setPrefs(helper, telemetryPrefs(collector));
  await withExtensionApi(helper, async (api, { visitedUrl, savedUrl }) => {
      await api.history.addUrl({ url: visitedUrl });
      await api.bookmarks.create({ url: savedUrl, title: 'Saved page' });
    },
    { visitedUrl: visited(), savedUrl: saved() },
  );
});

const bookmarkIds = (url: string) =>
  withExtensionApi(helper, async (api, u) => {
    return (await api.bookmarks.search({ url: u })).map((b) => b.id);
  }, url);

const historyUrls = () =>
  withExtensionApi(helper, async (api) => {
    return (await api.history.search({ text: '', startTime: 0 })).map((h) => h.url);
  });

const cardOf = (page: Page, url: string) => page.locator('.highlight-card').filter({ has: page.locator(`a[href="${url}"]`) });

test('bookmark a visited page and remove a bookmark from the card menu', async () => {
  const page = await ext.openPage('newtab/newtab.html');
  const region = page.getByRole('region', { name: 'Recent activity' });
  await expect(cardOf(page, visited())).toContainText('Visited');
  await expect(cardOf(page, saved())).toContainText('Saved page');
  await expect(cardOf(page, saved())).toContainText('Bookmarked');
  await expect(region).toBeVisible();

  await chooseFromMenuByKeyboard(cardOf(page, visited()), 'Bookmark');
  await expect(cardOf(page, visited())).toContainText('Bookmarked');
  expect(await bookmarkIds(visited())).toHaveLength(1);

  await chooseFromMenuByKeyboard(cardOf(page, saved()), 'Remove bookmark');
  await expect.poll(() => bookmarkIds(saved())).toEqual([]);
  // Never visited and no longer bookmarked: nothing left to show.
  await expect(cardOf(page, saved())).toHaveCount(0);

  const [added] = await userEvents(collector, 'BOOKMARK_ADD', 'HIGHLIGHTS');
  expect(added).toMatchObject({ page: 'about:newtab', action_position: expect.any(Number), value: { card_type: 'history' } });
  const [removed] = await userEvents(collector, 'BOOKMARK_DELETE', 'HIGHLIGHTS');
  expect(removed).toMatchObject({ action_position: expect.any(Number), value: { card_type: 'bookmark' } });
  expect(JSON.stringify(await collector.documents())).not.toContain('oas-visited');
});

test('open in a new window, delete from history after confirming, and click a card', async () => {
  const page = await ext.openPage('newtab/newtab.html');
  await expect(cardOf(page, visited())).toBeVisible();

  await chooseFromMenuByKeyboard(cardOf(page, saved()), 'Open in a new window');
  await expect.poll(async () => (await ext.tabUrls(helper)).filter((u) => u === saved()).length).toBe(1);
  // The new window took the focus; the user comes back to the new tab.
  await page.bringToFront();

  await chooseFromMenuByKeyboard(cardOf(page, visited()), 'Delete from history');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Delete every visit to this page');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cardOf(page, visited())).toHaveCount(0);
  await expect.poll(async () => (await historyUrls()).includes(visited())).toBe(false);

  await cardOf(page, saved()).getByRole('link').focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await ext.tabUrls(helper)).filter((u) => u === saved()).length).toBe(2);

  const [opened] = await userEvents(collector, 'OPEN_NEW_WINDOW', 'HIGHLIGHTS');
  expect(opened!.value).toEqual({ card_type: 'bookmark' });
  const [deleted] = await userEvents(collector, 'DELETE', 'HIGHLIGHTS');
  expect(deleted!.value).toEqual({ card_type: 'history' });
  const [click] = await userEvents(collector, 'CLICK', 'HIGHLIGHTS');
  expect(click).toMatchObject({ action_position: 0, value: { card_type: 'bookmark' } });
  // The click navigated the tab away: its session ended.
  await collector.waitForDocuments({ docType: 'sessions', session_id: click!.session_id as string });
});
