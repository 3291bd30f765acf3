import { describe, expect, it, vi } from 'vitest';
import { BroadcastToContent, action } from '../../common/actions';
import type { HighlightsState } from '../../common/highlights';
import { fakeFeedStore, fakePlaces } from '../../test-support/fakeBrowserData';
import { HIGHLIGHTS_MAX, HighlightsFeed, selectHighlights } from './HighlightsFeed';

const DAY = 86_400_000;
const NOW = 100 * DAY;

describe('selectHighlights', () => {
  it('mixes bookmarks and visits newest first, web pages only, without top sites', () => {
    const rows = selectHighlights({
      bookmarks: [
        { id: 'b1', url: 'https://recipes.example.org/soup', title: 'Soup', dateAdded: 5 },
        { id: 'b2', url: 'javascript:alert(1)', title: 'Bad', dateAdded: 9 },
        { id: 'b3', url: 'https://top.example.com/', title: 'Top', dateAdded: 9 },
      ],
      visits: [
        { url: 'https://www.news.example/a#comments', title: '', lastVisitTime: 7 },
        { url: 'moz-extension://x/newtab.html', title: 'New Tab', lastVisitTime: 8 },
        { url: 'http://top.example.com', title: 'Top', lastVisitTime: 8 },
      ],
      topSiteUrls: ['https://top.example.com/', 'about:home'],
    });
    expect(rows).toEqual([
      { url: 'https://www.news.example/a#comments', title: 'news.example', hostname: 'news.example', type: 'history', date: 7 },
      { url: 'https://recipes.example.org/soup', title: 'Soup', hostname: 'recipes.example.org', type: 'bookmark', bookmarkGuid: 'b1', date: 5 },
    ]);
  });

  it('one card per page: a visited bookmark stays a bookmark, dated by its last visit', () => {
    const rows = selectHighlights({
      bookmarks: [{ id: 'b1', url: 'https://example.org/doc', title: 'Doc', dateAdded: 1 }],
      visits: [{ url: 'https://example.org/doc/', title: 'Doc (visited)', lastVisitTime: 50 }],
      topSiteUrls: [],
    });
    expect(rows).toEqual([{ url: 'https://example.org/doc', title: 'Doc', hostname: 'example.org', type: 'bookmark', bookmarkGuid: 'b1', date: 50 }]);
  });

  it(`shows at most ${HIGHLIGHTS_MAX}`, () => {
    const visits = Array.from({ length: 20 }, (_, i) => ({ url: `https://example.org/${i}`, title: `${i}`, lastVisitTime: i }));
    const rows = selectHighlights({ bookmarks: [], visits, topSiteUrls: [] });
    expect(rows).toHaveLength(HIGHLIGHTS_MAX);
    expect(rows[0]!.title).toBe('19');
  });
});

function setup(prefs = {}) {
  const places = fakePlaces({
    recentBookmarks: vi.fn(async () => [{ id: 'b1', url: 'https://example.org/saved', title: 'Saved', dateAdded: NOW - 1000 }]),
    recentHistory: vi.fn(async () => [
      { url: 'https://example.org/read', title: 'Read', lastVisitTime: NOW - 10 },
      { url: 'https://top.example/', title: 'Top', lastVisitTime: NOW - 5 },
    ]),
    topSiteUrls: vi.fn(async () => ['https://top.example/']),
  });
  const feed = new HighlightsFeed(places, () => NOW);
  const store = fakeFeedStore(prefs);
  const updates = () => store.dispatched.filter((a) => a.type === 'HIGHLIGHTS_UPDATE').map((a) => a.data as HighlightsState);
  return { places, feed, store, updates };
}

describe('HighlightsFeed', () => {
  it('at INIT sends the cards to every page and reads a week of history', async () => {
    const { feed, store, places } = setup();
    await feed.onAction(action('INIT', undefined), store);
    expect(places.recentHistory).toHaveBeenCalledWith(expect.any(Number), NOW - 7 * DAY);
    const [update] = store.dispatched;
    expect(update).toEqual(
      BroadcastToContent(
        action('HIGHLIGHTS_UPDATE', {
          initialized: true,
          canOpenPrivateWindow: false,
          rows: [
            { url: 'https://example.org/read', title: 'Read', hostname: 'example.org', type: 'history', date: NOW - 10 },
            { url: 'https://example.org/saved', title: 'Saved', hostname: 'example.org', type: 'bookmark', bookmarkGuid: 'b1', date: NOW - 1000 },
          ],
        }),
      ),
    );
    expect(store.getState().Highlights.initialized).toBe(true);
  });

  it('finds an old bookmark for a visited page', async () => {
    const { feed, store, places, updates } = setup();
    vi.mocked(places.bookmarkIdFor).mockImplementation(async (url) => (url === 'https://example.org/read' ? 'old-1' : undefined));
    await feed.onAction(action('INIT', undefined), store);
    expect(updates()[0]!.rows[0]).toMatchObject({ type: 'bookmark', bookmarkGuid: 'old-1' });
  });

  it('rebuilds when bookmarks change and when a page opens, sending only changes', async () => {
    const { feed, store, places, updates } = setup();
    await feed.onAction(action('INIT', undefined), store);
    await feed.onAction(action('NEW_TAB_INIT', { portId: 'p', page: 'about:newtab', reconnected: false, tabId: 1, windowId: 1, incognito: false }), store);
    expect(updates()).toHaveLength(1);
    vi.mocked(places.recentBookmarks).mockResolvedValue([]);
    places.fireChanged();
    await vi.waitFor(() => expect(updates()).toHaveLength(2));
    expect(updates()[1]!.rows.map((r) => r.url)).toEqual(['https://example.org/read']);
  });

  it('asks made during a rebuild fold into one more rebuild', async () => {
    const { feed, store, places } = setup();
    const first = feed.onAction(action('INIT', undefined), store);
    places.fireChanged();
    places.fireChanged();
    await first;
    expect(places.recentBookmarks).toHaveBeenCalledTimes(2);
  });

  it("uses TopSitesFeed's rows once it has built them, and rebuilds when they change", async () => {
    const { feed, store, places, updates } = setup();
    await feed.onAction(action('INIT', undefined), store);
    expect(places.topSiteUrls).toHaveBeenCalledTimes(1);
    const topSitesUpdate = (url: string) => {
      store.dispatch(BroadcastToContent(action('TOP_SITES_UPDATED', { rows: [{ url, label: 'Top', hostname: new URL(url).hostname }, null], canOpenPrivateWindow: false })));
      return feed.onAction(store.dispatched.at(-1)!, store);
    };
    await topSitesUpdate('https://example.org/read');
    expect(updates().at(-1)!.rows.map((r) => r.url)).toEqual(['https://top.example/', 'https://example.org/saved']);
    await topSitesUpdate('https://top.example/');
    expect(updates().at(-1)!.rows.map((r) => r.url)).toEqual(['https://example.org/read', 'https://example.org/saved']);
    expect(places.topSiteUrls).toHaveBeenCalledTimes(1);
  });

  it('does no work while the section is off, and starts when it is switched on', async () => {
    const { feed, store, places, updates } = setup({ 'feeds.section.highlights': false });
    await feed.onAction(action('INIT', undefined), store);
    expect(places.recentBookmarks).not.toHaveBeenCalled();
    store.dispatch(action('PREF_CHANGED', { name: 'feeds.section.highlights', value: true }));
    await feed.onAction(store.dispatched.at(-1)!, store);
    expect(updates()).toHaveLength(1);
  });
});
