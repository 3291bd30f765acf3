// Stories: the feed (none set up, the bundled sample set up explicitly,
// configured, cached, failing), the card grid and
// its events, the keyboard card menu, and a hostile feed. Pings are read back
// from a real collector. Impressions: stories-impressions.spec.ts; sponsored
// rules: stories-sponsored.spec.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect } from './support/fixtures';
import { ExtensionBrowser, type BrowserName, withExtensionApi } from './support/extension';
import {
  card,
  cardIds,
  impressionPings,
  json,
  openStories,
  testFeed,
  storiesHarness,
} from './support/stories';
import { userEvents } from './support/collector';
import { chooseFromMenuByKeyboard } from './support/menus';
import { telemetryPrefs } from './support/telemetry';

test.describe.configure({ timeout: 150_000 });

const h = storiesHarness();

test.describe('stories feed', () => {
  test('a new profile fetches no stories and says no source is set up, with a button to the settings', async ({ browserName }) => {
    const ext = await ExtensionBrowser.launch(browserName as BrowserName);
    try {
      const page = await ext.openPage('newtab/newtab.html');
      const region = page.getByRole('region', { name: 'Recommended stories' });
      await expect(region.locator('.stories')).toHaveAttribute('data-feed-source', 'none');
      await expect(region).toContainText('No stories source is set up, so there are no stories to show.');
      await expect(page.locator('.story-card')).toHaveCount(0);
      // Nothing was loaded, so nothing was cached either.
      const cached = await withExtensionApi(page, async (api) => (await api.storage.local.get('discoverystream.feed'))['discoverystream.feed']);
      expect(cached).toBeUndefined();

      await region.getByRole('button', { name: 'Set up a stories feed' }).click();
      // The settings open as this new tab's link, named as its opener.
      await expect.poll(async () => (await ext.tabUrls(page)).some((u) => u.startsWith(`${ext.url('options/options.html')}?opener=`))).toBe(true);
    } finally {
      await ext.close();
    }
  });

  test('the bundled sample, set up by its extension URL, shows at once with bundled images and sponsors labelled', async ({ browserName }) => {
    const ext = await ExtensionBrowser.launch(browserName as BrowserName);
    try {
      const page = await openStories(ext, { 'discoverystream.feedUrl': ext.url('stories/sample-feed.json') });
      await expect(page.locator('.story-card[data-story-id]')).toHaveCount(12);
      await expect(card(page, 10001)).toContainText('The quiet comeback of the neighbourhood repair café');
      await expect(card(page, 10001)).toContainText('Field Notes Weekly');
      await expect(card(page, 9001)).toContainText('Sponsored by Cedar & Stone');
      await expect(page.getByRole('button', { name: 'Load more stories' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Popular topics' }).getByRole('link')).toHaveCount(6);

      const images = await page.locator('.story-card img').evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).map((img) => ({
          src: img.src,
          loading: img.getAttribute('loading'),
          referrerPolicy: img.getAttribute('referrerpolicy'),
        })),
      );
      expect(images.length).toBe(12);
      for (const image of images) {
        expect(image.src.startsWith(`${ext.baseUrl}/stories/images/`)).toBe(true);
        expect(image).toMatchObject({ loading: 'lazy', referrerPolicy: 'no-referrer' });
      }
      // The first card's image is on screen, so it has loaded from the bundle.
      await expect.poll(() => card(page, 10001).locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

      const alarm = await withExtensionApi(page, async (api) => {
        return api.alarms.get('discoverystream.refresh');
      });
      expect(alarm).toMatchObject({ name: 'discoverystream.refresh', periodInMinutes: 30 });
    } finally {
      await ext.close();
    }
  });

  test('the configured feed is cached with its age and stays on screen when the feed fails', async () => {
    const { ext } = h;
    const good = h.server.route('/feed-good.json', json(testFeed(h.server, { base: 1000, count: 5 })));
    const page = await openStories(ext, { 'discoverystream.feedUrl': good });
    expect(await cardIds(page)).toEqual([1001, 1002, 1003, 1004, 1005]);
    const cached = await withExtensionApi(page, async (api) => {
      return (await api.storage.local.get('discoverystream.feed'))['discoverystream.feed'] as { url: string; fetchedAt: number };
    });
    expect(cached.url).toBe(good);
    expect(Math.abs(Date.now() - cached.fetchedAt)).toBeLessThan(5 * 60_000);

    const broken = h.server.route('/feed-broken.json', async () => ({ status: 500, body: 'server error' }));
    await ext.setPrefs(page, { 'discoverystream.feedUrl': broken });
    await expect.poll(() => h.server.requests.includes('/feed-broken.json')).toBe(true);
    await expect(page.locator('.stories')).toHaveAttribute('data-feed-source', 'cache');
    expect(await cardIds(page)).toEqual([1001, 1002, 1003, 1004, 1005]);
    await ext.leave(page);
  });

  test('a new profile whose feed fails says the stories could not be loaded, and shows no invented ones', async ({ browserName }) => {
    const ext = await ExtensionBrowser.launch(browserName as BrowserName);
    try {
      const broken = h.server.route('/feed-down.json', async () => ({ status: 503, body: '' }));
      const page = await openStories(ext, { 'discoverystream.feedUrl': broken }, 'failed');
      await expect(page.locator('.stories')).toContainText('Could not load stories right now. Try again later.');
      await expect(page.locator('.story-card')).toHaveCount(0);
    } finally {
      await ext.close();
    }
  });
});

test.describe('card grid', () => {
  const feed = () =>
    testFeed(h.server, {
      base: 2000,
      count: 14,
      spocs: [{ id: 2901, flightId: 'grid-flight', sponsor: 'Acme Tools' }],
      settings: { spocPositions: [1], loadMoreThreshold: 12 },
      topics: ['must-reads', 'health', 'technology'],
    });

  test('a click opens the story in the tab and sends the CLICK event and the click ping with the shim', async () => {
    const { ext } = h;
    const url = h.server.route('/feed-grid.json', json(feed()));
    const prefs = { 'discoverystream.feedUrl': url, ...telemetryPrefs(h.collector) };
    const page = await openStories(ext, prefs);
    await expect(card(page, 2901)).toContainText('Sponsored by Acme Tools');
    expect((await cardIds(page)).slice(0, 3)).toEqual([2001, 2901, 2002]);

    await card(page, 2901).getByRole('link').click();
    await expect(page).toHaveURL(`${h.server.origin}/ad/2901`);
    const second = await ext.openPage('newtab/newtab.html');
    await card(second, 2002).getByRole('link').click();
    await expect(second).toHaveURL(`${h.server.origin}/article/2002`);

    const clicks = await userEvents(h.collector, 'CLICK', 'CARDGRID', 2);
    expect(clicks.map((e) => [e.action_position, e.value])).toEqual([
      [1, { card_type: 'spoc' }],
      [2, { card_type: 'organic' }],
    ]);
    const pings = await impressionPings(h.collector, [2901, 2002], (docs) => docs.filter((d) => d.payload.click === 0).length >= 2);
    expect(pings.filter((d) => d.payload.click === 0).map((d) => d.payload.tiles)).toEqual([
      [{ id: 2901, pos: 1, shim: 'click-2901' }],
      [{ id: 2002, pos: 2 }],
    ]);
    for (const d of pings) expect(JSON.stringify(d.payload)).not.toContain('/article/');
    await ext.leave(page);
    await ext.leave(second);
  });

  test('load more, the privacy modal and popular topics send their events', async () => {
    const { ext } = h;
    const url = h.server.route('/feed-grid2.json', json(feed()));
    const page = await openStories(ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(h.collector) });
    await expect(page.locator('.story-card[data-story-id]')).toHaveCount(12);
    await page.getByRole('button', { name: 'Load more stories' }).click();
    await expect(page.locator('.story-card[data-story-id]')).toHaveCount(15);
    await expect(page.getByRole('button', { name: 'Load more stories' })).toHaveCount(0);
    await expect(card(page, 2012).getByRole('link')).toBeFocused();

    await card(page, 2901).getByRole('button', { name: /options/i }).click();
    await page.getByRole('menuitem', { name: 'Why am I seeing this?' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sponsored stories' });
    await expect(dialog).toContainText('Acme Tools paid to show this story here');
    await dialog.getByRole('link', { name: 'Manage sponsored stories and data collection' }).click();
    await expect.poll(async () => (await ext.tabUrls(page)).some((u) => u.includes('/options/options.html?opener='))).toBe(true);
    await page.bringToFront();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('navigation', { name: 'Popular topics' }).getByRole('link', { name: 'Health' }).click();
    await expect(page).toHaveURL(`${h.server.origin}/topic/health`);

    expect(await userEvents(h.collector, 'CLICK', 'DS_LOAD_MORE_BUTTON')).toHaveLength(1);
    const [show] = await userEvents(h.collector, 'SHOW_PRIVACY_INFO', 'CARDGRID');
    expect(show).toMatchObject({ action_position: 1, value: { card_type: 'spoc' } });
    expect(await userEvents(h.collector, 'CLICK_PRIVACY_INFO', 'DS_PRIVACY_MODAL')).toHaveLength(1);
    const [topic] = await userEvents(h.collector, 'CLICK', 'POPULAR_TOPICS');
    expect(topic!.value).toEqual({ topic: 'health' });
    await ext.leave(page);
  });
});

test.describe('card menu', () => {
  test('works from the keyboard: save, open in a new window, bookmark, and block for good', async () => {
    const { ext } = h;
    const url = h.server.route(
      '/feed-menu.json',
      json(
        testFeed(h.server, {
          base: 3000,
          count: 6,
          spocs: [
            { id: 3901, flightId: 'menu-flight', score: 0.9 },
            { id: 3902, flightId: 'menu-flight', score: 0.5 },
          ],
          settings: { spocPositions: [1] },
        }),
      ),
    );
    const page = await openStories(ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(h.collector) });
    const menuButton = (id: number) => card(page, id).getByRole('button', { name: /options/i });
    const chooseFromMenu = (id: number, item: string) => chooseFromMenuByKeyboard(card(page, id), item);

    // Escape closes the menu and gives focus back to its button; no private window without the permission.
    await menuButton(3001).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Save for later' })).toBeFocused();
    await expect(page.getByRole('menuitem', { name: /private window/i })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(menuButton(3001)).toBeFocused();

    await chooseFromMenu(3001, 'Save for later');
    const saved = page.getByRole('region', { name: 'Saved for later' });
    await expect(saved.getByRole('link', { name: 'Story 3001' })).toBeVisible();

    await chooseFromMenu(3002, 'Open in a new window');
    await expect.poll(async () => (await ext.tabUrls(page)).includes(`${h.server.origin}/article/3002`)).toBe(true);

    await chooseFromMenu(3003, 'Bookmark');
    await expect
      .poll(() =>
        withExtensionApi(page, async (api, u) => {
          return (await api.bookmarks.search({ url: u })).length;
        }, `${h.server.origin}/article/3003`),
      )
      .toBe(1);

    await chooseFromMenu(3004, 'Dismiss');
    await expect(card(page, 3004)).toHaveCount(0);
    await chooseFromMenu(3901, 'Dismiss');
    await expect(card(page, 3901)).toHaveCount(0);
    await ext.leave(page);

    // Blocks last: a blocked story never comes back, and a blocked spoc takes its whole flight with it.
    const again = await ext.openPage('newtab/newtab.html');
    await expect(card(again, 3001)).toBeVisible();
    expect(await cardIds(again)).toEqual([3001, 3002, 3003, 3005, 3006]);
    await expect(again.getByRole('region', { name: 'Saved for later' }).getByRole('link', { name: 'Story 3001' })).toBeVisible();
    await ext.leave(again);

    const save = await impressionPings(h.collector, [3001], (docs) => docs.some((d) => d.payload.pocket === 0));
    expect(save.find((d) => d.payload.pocket === 0)!.payload.tiles).toEqual([{ id: 3001, pos: 0 }]);
    const blocks = await impressionPings(h.collector, [3004, 3901], (docs) => docs.filter((d) => d.payload.block === 0).length >= 2);
    expect(blocks.filter((d) => d.payload.block === 0).map((d) => d.payload.tiles)).toEqual([
      [{ id: 3004, pos: 4 }],
      [{ id: 3901, pos: 1, shim: 'delete-3901' }],
    ]);
    const blockEvents = await userEvents(h.collector, 'BLOCK', 'CARDGRID', 2);
    expect(blockEvents.map((e) => [e.action_position, e.value])).toEqual([
      [4, { card_type: 'organic' }],
      [1, { card_type: 'spoc' }],
    ]);
    expect((await userEvents(h.collector, 'OPEN_NEW_WINDOW', 'CARDGRID'))[0]).toMatchObject({ action_position: 2 });
    expect((await userEvents(h.collector, 'BOOKMARK_ADD', 'CARDGRID'))[0]).toMatchObject({ action_position: 3 });
  });
});

test.describe('hostile feed', () => {
  test('feed text stays text, only http(s) links and safe images get through, and a huge feed is refused', async () => {
    const { ext } = h;
    const valid = testFeed(h.server, { base: 4000, count: 3 });
    const hostile = {
      ...valid,
      stories: [
        ...valid.stories,
        { ...valid.stories[0], id: 4101, title: '<script>window.pwned = 1</script>' },
        { ...valid.stories[0], id: 4102, excerpt: '<img src=x onerror="window.pwned=2">' },
        { ...valid.stories[0], id: 4103, url: 'javascript:window.pwned=3' },
        { ...valid.stories[0], id: 4104, url: 'data:text/html,<script>alert(1)</script>' },
        { ...valid.stories[0], id: 4105, image: 'http://127.0.0.1/tracker.gif' },
        { ...valid.stories[0], id: 4106, image: 'javascript:alert(1)' },
        { ...valid.stories[0], id: '4107' },
        { ...valid.stories[0], id: 4108, title: { toString: 'x' } },
        { id: 4109 },
        'not a story',
      ],
    };
    const url = h.server.route('/feed-hostile.json', json(hostile));
    const page = await openStories(ext, { 'discoverystream.feedUrl': url });
    page.on('dialog', () => {
      throw new Error('a feed made a dialog appear');
    });
    expect(await cardIds(page)).toEqual([4001, 4002, 4003]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const hrefs = await page.locator('.stories a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    const srcs = await page.locator('.stories img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    for (const src of srcs) expect(src.startsWith('https://') || src.startsWith(`${ext.baseUrl}/`)).toBe(true);

    // The page's CSP forbids inline script, whatever a bug might inject.
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    });
    expect(inlineRan).toBe(false);
    const csp = await page.evaluate(async () => (await (await fetch('/manifest.json')).json()).content_security_policy.extension_pages);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' https: data:");
    expect(csp).not.toContain('unsafe');

    // Over the size cap: refused, and the last good feed stays.
    const huge = h.server.route('/feed-huge.json', json({ ...valid, padding: 'x'.repeat(2_000_000) }));
    await ext.setPrefs(page, { 'discoverystream.feedUrl': huge });
    await expect.poll(() => h.server.requests.includes('/feed-huge.json')).toBe(true);
    await expect(page.locator('.stories')).toHaveAttribute('data-feed-source', 'cache');
    expect(await cardIds(page)).toEqual([4001, 4002, 4003]);
    await ext.leave(page);
  });

  test('the page bundle has no raw-HTML path', async ({ browserName }) => {
    const dir = resolve(import.meta.dirname, '..', 'dist', browserName === 'firefox' ? 'firefox' : 'chrome', 'assets');
    const code = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(resolve(dir, f), 'utf8'))
      .join('\n');
    // React's own `innerHTML = '<script></script>'` (a constant) may stay; nothing may assign anything else.
    const dynamic = [...code.matchAll(/\.innerHTML\s*=\s*(?![`'"])/g)].map((m) => code.slice(m.index - 60, m.index + 40));
    expect(dynamic).toEqual([]);
    expect(code).toContain('raw HTML is not allowed');
  });
});
