// Does what a card's menu asks for: bookmark, unbookmark, forget a page from
// history, open it in a new or private window. The page sends only the URL
// (checked as http(s) in messages.ts); the user event goes separately.
import type { Action } from '../../common/actions';
import type { PlacesData } from '../browserData';
import type { Feed } from './Feed';

export class PlacesFeed implements Feed {
  readonly name = 'PlacesFeed';

  constructor(private readonly places: PlacesData) {}

  onAction(a: Action): Promise<void> | void {
    switch (a.type) {
      case 'BOOKMARK_URL':
        return this.places.addBookmark(a.data.url, a.data.title);
      case 'DELETE_BOOKMARK_BY_ID':
        return this.places.removeBookmark(a.data.bookmarkGuid);
      case 'DELETE_HISTORY_URL':
        return this.places.deleteHistoryUrl(a.data.url);
      case 'OPEN_NEW_WINDOW':
        return this.places.openWindow(a.data.url, false);
      case 'OPEN_PRIVATE_WINDOW':
        return this.openPrivateWindow(a.data.url);
    }
  }

  private async openPrivateWindow(url: string): Promise<void> {
    // The menu hides this item without the permission; a stale page may still ask.
    if (!(await this.places.canOpenPrivateWindow())) throw new Error('not allowed to open private windows');
    await this.places.openWindow(url, true);
  }
}
