import { describe, expect, it, vi } from 'vitest';
import { action } from '../../common/actions';
import { fakePlaces } from '../../test-support/fakeBrowserData';
import { PlacesFeed } from './PlacesFeed';

describe('PlacesFeed', () => {
  const url = 'https://example.org/page';

  it('bookmarks, unbookmarks, forgets and opens what a page asks for', async () => {
    const places = fakePlaces({ canOpenPrivateWindow: vi.fn(async () => true) });
    const feed = new PlacesFeed(places);
    await feed.onAction(action('BOOKMARK_URL', { url, title: 'Page' }));
    await feed.onAction(action('DELETE_BOOKMARK_BY_ID', { bookmarkGuid: 'b1' }));
    await feed.onAction(action('DELETE_HISTORY_URL', { url }));
    await feed.onAction(action('OPEN_NEW_WINDOW', { url }));
    await feed.onAction(action('OPEN_PRIVATE_WINDOW', { url }));
    expect(places.addBookmark).toHaveBeenCalledWith(url, 'Page');
    expect(places.removeBookmark).toHaveBeenCalledWith('b1');
    expect(places.deleteHistoryUrl).toHaveBeenCalledWith(url);
    expect(places.openWindow).toHaveBeenNthCalledWith(1, url, false);
    expect(places.openWindow).toHaveBeenNthCalledWith(2, url, true);
  });

  it('opens no private window without the permission', async () => {
    const places = fakePlaces();
    await expect(new PlacesFeed(places).onAction(action('OPEN_PRIVATE_WINDOW', { url }))).rejects.toThrow(/private/);
    expect(places.openWindow).not.toHaveBeenCalled();
  });
});
