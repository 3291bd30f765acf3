import { describe, expect, it, vi } from 'vitest';
import { action } from '../../common/actions';
import type { BrowserSetting, InstalledExtension } from '../browserData';
import { fakeFeedStore, fakeSignals } from '../../test-support/fakeBrowserData';
import { memoryStorage } from '../storage';
import { BrowserSignalsFeed, TAKEOVER_CHECKED_KEY, pageOwner, pageTakeover } from './BrowserSignalsFeed';

const OTHER: InstalledExtension = { id: 'other@example.org', enabled: true, origins: ['moz-extension://aaaa-1111'] };
const setting = (value: string, levelOfControl: BrowserSetting['levelOfControl']): BrowserSetting => ({ value, levelOfControl });

describe('pageOwner', () => {
  it('our own page, the defaults and an unreadable setting are no takeover', () => {
    expect(pageOwner(setting('moz-extension://ours/newtab/newtab.html?home', 'controlled_by_this_extension'), [OTHER])).toBeNull();
    expect(pageOwner(setting('about:home', 'controllable_by_this_extension'), [OTHER])).toBeNull();
    expect(pageOwner(setting('about:newtab', 'controllable_by_this_extension'), [OTHER])).toBeNull();
    expect(pageOwner(setting('about:blank', 'not_controllable'), [OTHER])).toBeNull();
    expect(pageOwner(null, [OTHER])).toBeNull();
  });

  it('a custom home page gets its category, never its URL', () => {
    expect(pageOwner(setting('https://www.bing.com/?pc=MOZI|https://example.org/', 'not_controllable'), [])).toEqual({
      url_category: 'search-engine-mozilla-tag',
    });
  });

  it("another extension's page gets that extension's id, found by its origin", () => {
    expect(pageOwner(setting('moz-extension://aaaa-1111/tab.html', 'controlled_by_other_extensions'), [OTHER])).toEqual({
      extension_id: 'other@example.org',
    });
    expect(pageOwner(setting('https://search.conduit.com/', 'controlled_by_other_extensions'), [OTHER])).toEqual({
      url_category: 'known-hijacker',
    });
    // A disabled extension controls nothing; an unknown owner leaves the id out.
    expect(pageOwner(setting('moz-extension://aaaa-1111/tab.html', 'controlled_by_other_extensions'), [{ ...OTHER, enabled: false }])).toBeNull();
  });
});

describe('pageTakeover', () => {
  it('names the page that is taken over, or both', () => {
    expect(pageTakeover(null, null)).toBeNull();
    expect(pageTakeover({ url_category: 'news-portal' }, null)).toEqual({ value: { home_url_category: 'news-portal' }, page: 'about:home' });
    expect(pageTakeover(null, { extension_id: 'x@y' })).toEqual({ value: { newtab_extension_id: 'x@y' }, page: 'about:newtab' });
    expect(pageTakeover({ extension_id: 'a@b' }, { url_category: 'other', extension_id: 'x@y' })).toEqual({
      value: { home_extension_id: 'a@b', newtab_url_category: 'other', newtab_extension_id: 'x@y' },
      page: 'both',
    });
  });
});

describe('BrowserSignalsFeed', () => {
  it('counts pinned tabs when a tab is pinned, also for pins seen before the store was ready', async () => {
    const signals = fakeSignals({ countPinnedTabs: vi.fn(async () => 3) });
    const feed = new BrowserSignalsFeed(signals, memoryStorage());
    feed.listen();
    signals.pin();
    const store = fakeFeedStore();
    await feed.onAction(action('INIT', undefined), store);
    await vi.waitFor(() => expect(store.dispatched).toEqual([action('TELEMETRY_TAB_PINNED', { total_pinned_tabs: 3 })]));
    signals.pin();
    await vi.waitFor(() => expect(store.dispatched).toHaveLength(2));
  });

  it('reports a page takeover once per browser session', async () => {
    const signals = fakeSignals({
      homepage: vi.fn(async () => setting('https://www.amazon.de/', 'not_controllable')),
      newTabPage: vi.fn(async () => setting('moz-extension://aaaa-1111/tab.html', 'controlled_by_other_extensions')),
      otherExtensions: vi.fn(async () => [OTHER]),
    });
    const session = memoryStorage();
    const store = fakeFeedStore();
    await new BrowserSignalsFeed(signals, session).onAction(action('INIT', undefined), store);
    expect(store.dispatched).toEqual([
      action('TELEMETRY_PAGE_TAKEOVER', { value: { home_url_category: 'ecommerce', newtab_extension_id: 'other@example.org' }, page: 'both' }),
    ]);
    expect(JSON.stringify(store.dispatched)).not.toContain('amazon');
    // The background restarts (an event page wakes up again): no second report.
    await new BrowserSignalsFeed(signals, session).onAction(action('INIT', undefined), store);
    expect(store.dispatched).toHaveLength(1);
    expect(session.data[TAKEOVER_CHECKED_KEY]).toBe(true);
  });

  it('looks at nothing while telemetry is off, and sends nothing when we own both pages', async () => {
    const signals = fakeSignals({ homepage: vi.fn(async () => setting('moz-extension://ours/x', 'controlled_by_this_extension')) });
    const off = fakeFeedStore({ telemetry: false });
    await new BrowserSignalsFeed(signals, memoryStorage()).onAction(action('INIT', undefined), off);
    expect(signals.homepage).not.toHaveBeenCalled();
    const on = fakeFeedStore();
    await new BrowserSignalsFeed(signals, memoryStorage()).onAction(action('INIT', undefined), on);
    expect(signals.otherExtensions).not.toHaveBeenCalled();
    expect(on.dispatched).toEqual([]);
  });
});
