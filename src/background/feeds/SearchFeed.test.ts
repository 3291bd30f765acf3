import { describe, expect, it, vi } from 'vitest';
import { AlsoToMain, action } from '../../common/actions';
import type { SearchData } from '../browserData';
import { SearchFeed } from './SearchFeed';

function setup() {
  const search: SearchData = {
    searchInTab: vi.fn(async () => {}),
    openInTab: vi.fn(async () => {}),
    searchWithEngine: vi.fn(async () => {}),
  };
  const feed = new SearchFeed(search);
  const init = (portId: string, tabId: number | null) =>
    feed.onAction(action('NEW_TAB_INIT', { portId, page: 'about:newtab', reconnected: false, tabId, windowId: 1, incognito: false }));
  return { search, feed, init };
}

describe('SearchFeed', () => {
  it("searches the default engine in the sender's own tab", async () => {
    const { search, feed, init } = setup();
    init('p1', 11);
    init('p2', 22);
    await feed.onAction(AlsoToMain(action('SEARCH_QUERY', { text: ' cats ' }), 'p2'));
    expect(search.searchInTab).toHaveBeenCalledWith('cats', 22);
  });

  it('falls back to the current tab when the tab is unknown or the page left', async () => {
    const { search, feed, init } = setup();
    init('p1', 11);
    feed.onAction(action('NEW_TAB_UNLOAD', { portId: 'p1' }));
    await feed.onAction(AlsoToMain(action('SEARCH_QUERY', { text: 'dogs' }), 'p1'));
    await feed.onAction(AlsoToMain(action('SEARCH_QUERY', { text: 'owls' }), 'nobody'));
    expect(search.searchInTab).toHaveBeenNthCalledWith(1, 'dogs', null);
    expect(search.searchInTab).toHaveBeenNthCalledWith(2, 'owls', null);
  });

  it('a handoff opens an address or searches, as the address bar would', async () => {
    const { search, feed, init } = setup();
    init('p1', 5);
    await feed.onAction(AlsoToMain(action('HANDOFF_SEARCH_TO_AWESOMEBAR', { text: 'example.org' }), 'p1'));
    await feed.onAction(AlsoToMain(action('HANDOFF_SEARCH_TO_AWESOMEBAR', { text: 'best tea' }), 'p1'));
    expect(search.openInTab).toHaveBeenCalledWith('https://example.org/', 5);
    expect(search.searchInTab).toHaveBeenCalledWith('best tea', 5);
  });

  it("a search shortcut searches with its own engine in the sender's tab", async () => {
    const { search, feed, init } = setup();
    init('p1', 9);
    await feed.onAction(AlsoToMain(action('SEARCH_WITH_SHORTCUT', { vendor: 'duckduckgo', text: ' owls ' }), 'p1'));
    expect(search.searchWithEngine).toHaveBeenCalledWith('owls', expect.objectContaining({ vendor: 'duckduckgo' }), 9);
  });
});
