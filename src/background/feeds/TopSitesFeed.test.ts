import { describe, expect, it, vi } from 'vitest';
import { AlsoToMain, BroadcastToContent, action, type Action } from '../../common/actions';
import { TOP_SITES_CACHE_KEY } from '../../common/topSites/cache';
import type { TopSitesUpdate } from '../../common/topSites/types';
import { fakeFavicons, fakeFeedStore, fakePlaces } from '../../test-support/fakeBrowserData';
import { memoryStorage } from '../storage';
import type { SponsoredCandidate } from '../topSites/buildRows';
import { STORAGE_KEYS, TopSitesFeed } from './TopSitesFeed';

const SHOP: SponsoredCandidate = {
  tileId: 7,
  name: 'Shop',
  advertiser: 'shop',
  url: 'https://shop.example/',
  clickUrl: 'https://r.example/c',
  impressionUrl: 'https://r.example/i',
};

function setup({
  frecent = ['https://news.example/'],
  prefs = {},
  stored = {},
  icons = {},
}: { frecent?: string[]; prefs?: object; stored?: Record<string, unknown>; icons?: Record<string, string> } = {}) {
  const places = fakePlaces({ topSiteUrls: vi.fn(async () => frecent), canOpenPrivateWindow: vi.fn(async () => true) });
  const storage = memoryStorage(stored);
  const sponsored = { tiles: vi.fn(async () => [SHOP]) };
  const fetchImage = vi.fn(async (url: string) => (url.includes('broken') ? null : `data:image/png;base64,${btoa(url)}`));
  const favicons = fakeFavicons(icons);
  const feed = new TopSitesFeed({ places, storage, sponsored, fetchImage, favicons, log: { error: vi.fn() } });
  const store = fakeFeedStore({ showSponsoredTopSites: false, ...prefs });
  const send = (a: Action) => feed.onAction(a, store);
  const fromPage = <A extends Action>(a: A) => send(AlsoToMain(a, 'port-1'));
  const updates = () => store.dispatched.filter((a) => a.type === 'TOP_SITES_UPDATED').map((a) => a.data as TopSitesUpdate);
  const lastRows = () => updates().at(-1)!.rows;
  const urls = () => lastRows().map((r) => r?.url ?? null);
  return { feed, places, storage, sponsored, fetchImage, favicons, store, send, fromPage, updates, lastRows, urls };
}

describe('TopSitesFeed', () => {
  it('builds the grid at INIT, sends it to every page and keeps it in storage for the next page', async () => {
    const t = setup({ frecent: ['https://news.example/', 'https://www.github.com/'] });
    t.places.bookmarkIdFor = vi.fn(async (url: string) => (url === 'https://news.example/' ? 'bm-1' : undefined));
    await t.send(action('INIT', undefined));
    const [update] = t.updates();
    expect(t.store.dispatched.find((a) => a.type === 'TOP_SITES_UPDATED')).toEqual(BroadcastToContent(action('TOP_SITES_UPDATED', update!)));
    expect(update!.canOpenPrivateWindow).toBe(true);
    expect(t.urls().slice(0, 3)).toEqual(['https://news.example/', 'https://www.github.com/', 'https://www.wikipedia.org/']);
    expect(update!.rows[0]).toMatchObject({ bookmarkGuid: 'bm-1' });
    expect(t.store.getState().TopSites).toMatchObject({ initialized: true, rows: update!.rows });
    expect(t.storage.data[TOP_SITES_CACHE_KEY]).toEqual(update);
  });

  it('gives tiles without a better image the browser favicon and its width, caches them with the grid, and measures each image once', async () => {
    const icon = 'data:image/png;base64,SUNP#w=128';
    const t = setup({
      frecent: ['https://news.example/', 'https://www.wikipedia.org/', 'https://plain.example/'],
      icons: { 'https://news.example/': icon, 'https://www.wikipedia.org/': 'data:image/png;base64,V0lL#w=16' },
    });
    await t.send(action('INIT', undefined));
    const [news, wikipedia, plain] = t.lastRows();
    expect(news).toMatchObject({ favicon: icon, faviconSize: 128 });
    // Wikipedia has a bundled tippytop icon: the favicon is not even asked for.
    expect(wikipedia?.favicon).toBeUndefined();
    expect(t.favicons.favicons).toHaveBeenCalledWith(['https://news.example/', 'https://plain.example/']);
    expect(plain?.favicon).toBeUndefined();
    expect(((await t.storage.get(TOP_SITES_CACHE_KEY)) as TopSitesUpdate).rows[0]).toMatchObject({ favicon: icon, faviconSize: 128 });
    await t.send(action('NEW_TAB_INIT', { portId: 'p', page: 'about:newtab', tabId: 1, windowId: 1, incognito: false, reconnected: false }));
    expect(t.favicons.imageWidth).toHaveBeenCalledTimes(1);
  });

  it('shows letters when the browser cannot give favicons', async () => {
    const t = setup();
    t.favicons.favicons = vi.fn(async () => Promise.reject(new Error('no topSites')));
    await t.send(action('INIT', undefined));
    expect(t.lastRows()[0]).toMatchObject({ url: 'https://news.example/' });
    expect(t.lastRows()[0]?.favicon).toBeUndefined();
  });

  it('rebuilds when a page opens, but sends nothing when nothing changed', async () => {
    const t = setup();
    await t.send(action('INIT', undefined));
    await t.send(action('NEW_TAB_INIT', { portId: 'p', page: 'about:newtab', reconnected: false, tabId: 1, windowId: 1, incognito: false }));
    expect(t.places.topSiteUrls).toHaveBeenCalledTimes(2);
    expect(t.updates()).toHaveLength(1);
    (t.places.topSiteUrls as ReturnType<typeof vi.fn>).mockResolvedValue(['https://other.example/']);
    t.places.fireChanged();
    await t.feed.refresh();
    expect(t.updates()).toHaveLength(2);
    expect(t.urls()[0]).toBe('https://other.example/');
  });

  it('pins into a slot, or in front (-1) moving pinned sites right into the first hole; pins survive a restart', async () => {
    const t = setup();
    await t.send(action('INIT', undefined));
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://a.example/', label: 'A' }, index: 0 }));
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://b.example/' }, index: 1 }));
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://c.example/' }, index: 3 }));
    expect(t.urls().slice(0, 4)).toEqual(['https://a.example/', 'https://b.example/', 'https://news.example/', 'https://c.example/']);
    expect(t.lastRows()[0]).toMatchObject({ isPinned: true, label: 'A' });
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://new.example/' }, index: -1 }));
    // A and B move right into the hole at 2; C, past the hole, keeps its slot.
    expect(t.urls().slice(0, 5)).toEqual(['https://new.example/', 'https://a.example/', 'https://b.example/', 'https://c.example/', 'https://news.example/']);
    expect(t.storage.data[STORAGE_KEYS.pinned]).toEqual([
      { url: 'https://new.example/' },
      { url: 'https://a.example/', label: 'A' },
      { url: 'https://b.example/' },
      { url: 'https://c.example/' },
    ]);

    const again = setup({ stored: t.storage.data });
    await again.send(action('INIT', undefined));
    expect(again.urls()[1]).toBe('https://a.example/');
  });

  it('moves a site pinned again to its new slot, and unpins it', async () => {
    const t = setup();
    await t.send(action('INIT', undefined));
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://a.example/' }, index: 3 }));
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://a.example/' }, index: 1 }));
    expect(t.lastRows().filter((r) => r?.url === 'https://a.example/')).toHaveLength(1);
    expect(t.urls()[1]).toBe('https://a.example/');
    await t.fromPage(action('TOP_SITES_UNPIN', { url: 'https://a.example/' }));
    expect(t.urls()).not.toContain('https://a.example/');
    expect(t.storage.data[STORAGE_KEYS.pinned]).toEqual([]);
  });

  it('fetches a custom image once (reusing the preview), keeps it on later edits, and clears it with null', async () => {
    const t = setup();
    await t.send(action('INIT', undefined));
    await t.fromPage(action('PREVIEW_REQUEST', { url: 'https://img.example/a.png' }));
    expect(t.store.dispatched.at(-1)).toMatchObject({
      type: 'PREVIEW_RESPONSE',
      data: { url: 'https://img.example/a.png', dataUrl: expect.stringMatching(/^data:image\/png/) },
      meta: { toTarget: 'port-1', skipMain: true },
    });
    const site = { url: 'https://a.example/', customScreenshotURL: 'https://img.example/a.png' };
    await t.fromPage(action('TOP_SITES_PIN', { site, index: 0 }));
    expect(t.fetchImage).toHaveBeenCalledTimes(1);
    expect(t.lastRows()[0]).toMatchObject({ customScreenshotURL: site.customScreenshotURL, customScreenshot: expect.stringMatching(/^data:/) });
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: site.url, label: 'Renamed' }, index: 0 }));
    expect(t.lastRows()[0]).toMatchObject({ label: 'Renamed', customScreenshot: expect.stringMatching(/^data:/) });
    expect(t.fetchImage).toHaveBeenCalledTimes(1);
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: site.url, customScreenshotURL: null }, index: 0 }));
    expect(t.lastRows()[0]).not.toHaveProperty('customScreenshot');
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: site.url, customScreenshotURL: 'https://img.example/broken.png' }, index: 0 }));
    expect(t.lastRows()[0]).toMatchObject({ customScreenshotURL: 'https://img.example/broken.png' });
    expect(t.lastRows()[0]).not.toHaveProperty('customScreenshot');
  });

  it('blocks a URL for good, unpinning it; pinning it again brings it back', async () => {
    const t = setup();
    await t.send(action('INIT', undefined));
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://www.youtube.com/' }, index: 0 }));
    await t.fromPage(action('BLOCK_URL', { url: 'https://news.example/' }));
    await t.fromPage(action('BLOCK_URL', { url: 'https://www.youtube.com/' }));
    expect(t.urls()).not.toContain('https://news.example/');
    expect(t.urls()).not.toContain('https://www.youtube.com/');
    const again = setup({ stored: t.storage.data });
    await again.send(action('INIT', undefined));
    expect(again.urls()).not.toContain('https://news.example/');
    await again.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://news.example/' }, index: 5 }));
    expect(again.urls()[5]).toBe('https://news.example/');
  });

  it('shows sponsored tiles only with the pref on, and never a blocked sponsor’s', async () => {
    const t = setup();
    await t.send(action('INIT', undefined));
    expect(t.sponsored.tiles).not.toHaveBeenCalled();
    expect(t.lastRows().some((r) => r?.sponsored)).toBe(false);
    t.store.dispatch(action('PREF_CHANGED', { name: 'topsites.sponsoredFeedUrl', value: 'https://tiles.example/feed' }));
    t.store.dispatch(action('PREF_CHANGED', { name: 'showSponsoredTopSites', value: true }));
    await t.send(action('PREF_CHANGED', { name: 'showSponsoredTopSites', value: true }));
    expect(t.sponsored.tiles).toHaveBeenCalledWith('https://tiles.example/feed');
    expect(t.lastRows()[0]).toMatchObject({ url: SHOP.url, sponsored: { tileId: 7, advertiser: 'shop' } });
    await t.fromPage(action('TOP_SITES_BLOCK_SPONSOR', { advertiser: ' Shop ' }));
    expect(t.lastRows().some((r) => r?.sponsored)).toBe(false);
    expect(t.storage.data[STORAGE_KEYS.blockedSponsors]).toEqual(['shop']);
  });

  it('asks for no sponsored tile while "Sponsored content" is off, and asks as soon as it is on', async () => {
    const feedUrl = 'https://tiles.example/feed';
    const t = setup({ prefs: { showSponsoredTopSites: true, showSponsoredCheckboxes: false, 'topsites.sponsoredFeedUrl': feedUrl } });
    await t.send(action('INIT', undefined));
    await t.send(action('NEW_TAB_INIT', { portId: 'p', url: 'about:newtab', browser: 'firefox' } as never));
    expect(t.sponsored.tiles).not.toHaveBeenCalled();
    t.store.dispatch(action('PREF_CHANGED', { name: 'showSponsoredCheckboxes', value: true }));
    await t.send(action('PREF_CHANGED', { name: 'showSponsoredCheckboxes', value: true }));
    expect(t.sponsored.tiles).toHaveBeenCalledWith(feedUrl);
    expect(t.lastRows()[0]).toMatchObject({ sponsored: { advertiser: 'shop' } });
  });

  it('adds search shortcuts in the first unpinned slots and removes them by vendor', async () => {
    const t = setup();
    await t.send(action('INIT', undefined));
    await t.fromPage(action('TOP_SITES_PIN', { site: { url: 'https://a.example/' }, index: 0 }));
    await t.fromPage(action('UPDATE_PINNED_SEARCH_SHORTCUTS', { added: ['google', 'duckduckgo'], deleted: [] }));
    expect(t.lastRows().slice(0, 3).map((r) => r?.searchVendor ?? r?.url)).toEqual(['https://a.example/', 'google', 'duckduckgo']);
    await t.fromPage(action('UPDATE_PINNED_SEARCH_SHORTCUTS', { added: ['google'], deleted: ['google'] }));
    expect(t.lastRows().filter((r) => r?.searchVendor === 'google')).toHaveLength(1);
    await t.fromPage(action('UPDATE_PINNED_SEARCH_SHORTCUTS', { added: [], deleted: ['google'] }));
    expect(t.lastRows().map((r) => r?.searchVendor).filter(Boolean)).toEqual(['duckduckgo']);
  });

  it('builds nothing while top sites are off', async () => {
    const t = setup({ prefs: { 'feeds.topsites': false } });
    await t.send(action('INIT', undefined));
    expect(t.updates()).toEqual([]);
    expect(t.places.topSiteUrls).not.toHaveBeenCalled();
  });
});
