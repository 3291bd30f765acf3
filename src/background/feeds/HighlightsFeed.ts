// Recent activity: the newest bookmarks and visits that are not already top
// sites, sent to every page as HIGHLIGHTS_UPDATE. Rebuilt when a page opens,
// when bookmarks or history change, and when the top sites change.
import { BroadcastToContent, action, type Action } from '../../common/actions';
import type { HighlightItem, HighlightsState } from '../../common/highlights';
import { isWebUrl } from '../../common/urls';
import type { BookmarkEntry, PlacesData, VisitEntry } from '../browserData';
import { coalesce } from '../coalesce';
import type { BackgroundState } from '../store';
import type { Feed, FeedStore } from './Feed';

/** Two rows of four cards on a wide screen. */
export const HIGHLIGHTS_MAX = 8;
const HISTORY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Read more than we show: some are top sites or duplicates. */
const CANDIDATES = HIGHLIGHTS_MAX * 3;

/** One key per page: http or https, www., a trailing slash or a fragment do not make another page. */
export function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.host.replace(/^www\./, '')}${u.pathname.replace(/\/$/, '')}${u.search}`;
}

function hostnameOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

export interface HighlightSources {
  bookmarks: readonly BookmarkEntry[];
  visits: readonly VisitEntry[];
  topSiteUrls: readonly string[];
}

/** Newest first, web pages only, one card per page, no top site repeated. */
export function selectHighlights({ bookmarks, visits, topSiteUrls }: HighlightSources, max = HIGHLIGHTS_MAX): HighlightItem[] {
  const topSites = new Set(topSiteUrls.filter(isWebUrl).map(pageKey));
  const byPage = new Map<string, HighlightItem>();
  const add = (item: HighlightItem) => {
    const key = pageKey(item.url);
    if (topSites.has(key)) return;
    const seen = byPage.get(key);
    if (!seen) {
      byPage.set(key, item);
      return;
    }
    const bookmarkGuid = seen.bookmarkGuid ?? item.bookmarkGuid;
    byPage.set(key, {
      ...seen,
      title: seen.title || item.title,
      date: Math.max(seen.date, item.date),
      type: bookmarkGuid ? 'bookmark' : 'history',
      ...(bookmarkGuid ? { bookmarkGuid } : {}),
    });
  };
  for (const b of bookmarks) {
    if (isWebUrl(b.url)) add(card(b.url, b.title, 'bookmark', b.dateAdded, b.id));
  }
  for (const v of visits) {
    if (isWebUrl(v.url)) add(card(v.url, v.title, 'history', v.lastVisitTime));
  }
  return [...byPage.values()].sort((a, b) => b.date - a.date).slice(0, max);
}

function card(url: string, title: string, type: HighlightItem['type'], date: number, bookmarkGuid?: string): HighlightItem {
  const hostname = hostnameOf(url);
  return { url, title: title || hostname, hostname, type, date, ...(bookmarkGuid ? { bookmarkGuid } : {}) };
}

export class HighlightsFeed implements Feed {
  readonly name = 'HighlightsFeed';
  private store: FeedStore | null = null;
  private listening = false;
  private lastSent = '';
  private lastTopSites: BackgroundState['TopSites'] | undefined;

  constructor(
    private readonly places: PlacesData,
    private readonly now: () => number = Date.now,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  onAction(a: Action, store: FeedStore): Promise<void> | void {
    this.store = store;
    switch (a.type) {
      case 'INIT':
        this.listen();
        return this.refresh();
      case 'NEW_TAB_INIT':
        return this.refresh();
      case 'PREF_CHANGED':
        if (a.data.name === 'feeds.section.highlights' && a.data.value === true) return this.refresh();
        return;
    }
    // New top sites (TopSitesFeed's state) can hide or free a card.
    const topSites = store.getState().TopSites;
    if (topSites !== this.lastTopSites) {
      this.lastTopSites = topSites;
      return this.refresh();
    }
  }

  /** Runs one rebuild at a time; asks made meanwhile fold into one more run. */
  readonly refresh = coalesce(() => this.rebuild());

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    // Registered at INIT, not at start-up: a bookmark change should refresh
    // open pages, not wake a suspended background.
    this.places.onChanged(() => void this.refresh().catch((error: unknown) => this.log.error('HighlightsFeed: refresh failed', error)));
  }

  private async rebuild(): Promise<void> {
    const store = this.store;
    if (!store || !store.getState().Prefs.values['feeds.section.highlights']) return;
    const [bookmarks, visits, topSiteUrls, canOpenPrivateWindow] = await Promise.all([
      this.places.recentBookmarks(CANDIDATES),
      this.places.recentHistory(CANDIDATES, this.now() - HISTORY_WINDOW_MS),
      this.topSiteUrls(store),
      this.places.canOpenPrivateWindow().catch(() => false),
    ]);
    const rows = await Promise.all(selectHighlights({ bookmarks, visits, topSiteUrls }).map((r) => this.withBookmark(r)));
    const state: HighlightsState = { initialized: true, rows, canOpenPrivateWindow };
    const serialized = JSON.stringify(state);
    if (serialized === this.lastSent) return;
    this.lastSent = serialized;
    store.dispatch(BroadcastToContent(action('HIGHLIGHTS_UPDATE', state)));
  }

  /** The top sites the page shows, once TopSitesFeed has built them; until then the browser's. */
  private async topSiteUrls(store: FeedStore): Promise<string[]> {
    const { TopSites } = store.getState();
    if (TopSites.initialized) return TopSites.rows.flatMap((site) => (site ? [site.url] : []));
    try {
      return await this.places.topSiteUrls();
    } catch (error) {
      this.log.error('HighlightsFeed: could not read top sites', error);
      return [];
    }
  }

  /** A visited page may have been bookmarked long ago: find it so the card offers "Remove bookmark". */
  private async withBookmark(item: HighlightItem): Promise<HighlightItem> {
    if (item.bookmarkGuid) return item;
    const bookmarkGuid = await this.places.bookmarkIdFor(item.url);
    return bookmarkGuid ? { ...item, type: 'bookmark', bookmarkGuid } : item;
  }
}
