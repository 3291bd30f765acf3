// The one "Sponsored content" switch in real browsers: while it is off the
// feed server gets no request for sponsored tiles or for the stories feed's
// spocs (counted at the server), and nothing sponsored shows; switched on in
// the personalize panel, both are fetched and shown, the detailed switches
// become usable, and its PREF_CHANGED arrives at the real collector.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { userEvents } from './support/collector';
import { setSwitch, withExtensionApi } from './support/extension';
import { expectMozillaValid } from './support/mozillaValid';
import { telemetryPrefs } from './support/telemetry';
import { card, json, storiesHarness, testFeed } from './support/stories';

test.describe.configure({ timeout: 150_000 });

const h = storiesHarness();

const spocCards = (page: Page) => page.locator('.story-card[data-card-type="spoc"]');
const sponsoredTiles = (page: Page) => page.locator('li.top-site[data-card-type="spoc"]');

test('off, nothing sponsored is requested or shown; on, both kinds are fetched and shown', async () => {
  const { ext, server, collector } = h;
  const feed = testFeed(server, { base: 31_000, count: 6, spocs: [{ id: 31_901, flightId: 'master-flight' }], settings: { spocPositions: [1] } });
  // The spocs live at their own address, as Firefox's layout names its spocs endpoint.
  const spocsPath = '/spocs-31000.json';
  server.route(spocsPath, json({ spocs: feed.spocs }));
  const feedUrl = server.route('/feed-31000.json', json({ ...feed, spocs: [], spocsUrl: spocsPath.slice(1) }));
  const requested = (path: string) => server.requests.filter((p) => p === path).length;

  const setup = await ext.openPage('options/options.html');
  await ext.setPrefs(setup, {
    ...telemetryPrefs(collector),
    showSponsoredCheckboxes: false,
    showSponsored: true,
    showSponsoredTopSites: true,
    'feeds.topsites': true,
    'feeds.section.topstories': true,
    'topsites.sponsoredFeedUrl': server.sponsoredUrl,
    'discoverystream.feedUrl': feedUrl,
  });
  await expect
    .poll(() => withExtensionApi(setup, async (api) => ((await api.storage.local.get('discoverystream.feed'))['discoverystream.feed'] as { url?: string } | undefined)?.url))
    .toBe(feedUrl);
  const page = await ext.openPage('newtab/newtab.html');
  await expect(card(page, 31_001)).toBeVisible();
  await expect(page.locator('li.top-site').first()).toBeVisible();
  await expect(spocCards(page)).toHaveCount(0);
  await expect(sponsoredTiles(page)).toHaveCount(0);
  expect(requested('/feed-31000.json')).toBeGreaterThan(0);
  expect([requested(spocsPath), requested('/sponsored-tiles.json')]).toEqual([0, 0]);

  const dialog = page.getByRole('dialog', { name: 'Personalize' });
  await page.getByRole('button', { name: 'Personalize' }).click();
  const detailed = [dialog.getByRole('switch', { name: 'Sponsored shortcuts' }), dialog.getByRole('switch', { name: 'Sponsored stories' })];
  for (const s of detailed) await expect(s).toBeDisabled();
  await setSwitch(dialog.getByRole('switch', { name: 'Sponsored content' }), true);
  for (const s of detailed) await expect(s).toBeEnabled();
  await expect.poll(() => [requested(spocsPath) > 0, requested('/sponsored-tiles.json') > 0]).toEqual([true, true]);
  await expect(sponsoredTiles(page).first()).toBeVisible();
  await page.keyboard.press('Escape');
  // A page places its spocs once; the next one has them.
  const next = await ext.openPage('newtab/newtab.html');
  await expect(card(next, 31_901)).toBeVisible();

  // Off again: what was fetched goes from the page at once, and nothing more is asked for.
  const before = [requested(spocsPath), requested('/sponsored-tiles.json')];
  await ext.setPrefs(next, { showSponsoredCheckboxes: false });
  await expect(sponsoredTiles(next)).toHaveCount(0);
  await expect(card(next, 31_901)).toHaveCount(0);
  const third = await ext.openPage('newtab/newtab.html');
  await expect(card(third, 31_001)).toBeVisible();
  await expect(spocCards(third)).toHaveCount(0);
  expect([requested(spocsPath), requested('/sponsored-tiles.json')]).toEqual(before);

  const [changed] = await userEvents(collector, 'PREF_CHANGED', 'SPONSORED_CONTENT');
  expect(changed).toMatchObject({ page: 'about:newtab', value: { status: true, menu_source: 'CUSTOMIZE_MENU' } });
  expect((changed!.user_prefs as number) & 512).toBe(512);
  expectMozillaValid(await collector.documents({ docType: 'events', source: 'SPONSORED_CONTENT' }));
});
