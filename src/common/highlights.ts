// Recent activity ("Highlights"): recent bookmarks and visits that are not
// already top sites. The background builds the list; pages only show it.

export type HighlightType = 'bookmark' | 'history';

export interface HighlightItem {
  url: string;
  title: string;
  hostname: string;
  type: HighlightType;
  /** Set when the URL is bookmarked, so the card can offer "Remove bookmark". */
  bookmarkGuid?: string;
  /** When the bookmark was added or the page last visited, in ms since the epoch. */
  date: number;
}

export interface HighlightsState {
  /** False until the background has looked at bookmarks and history once. */
  initialized: boolean;
  rows: HighlightItem[];
  /** Private windows need the user's permission for this extension. */
  canOpenPrivateWindow: boolean;
}

export const HIGHLIGHTS_INITIAL_STATE: HighlightsState = { initialized: false, rows: [], canOpenPrivateWindow: false };
