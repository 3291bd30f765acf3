// The thin layer between feeds and the browser's extension APIs. Feeds take
// these interfaces, so unit tests hand them fakes; only this file talks to
// `browser.*`, and it smooths over Firefox/Chromium differences.
import browser from 'webextension-polyfill';
import { searchResultsUrl, type SearchShortcut } from '../common/topSites/catalog';
import { MAX_TOP_SITES } from '../common/topSites/rules';
import { urlOrigin } from '../common/urls';
import { base64 } from './topSites/fetchImage';

const isFirefox = () => browser.runtime.getURL('').startsWith('moz-extension:');

// ---- Search ----

export interface SearchData {
  /** Searches the browser's default engine, showing the results in `tabId` (or the current tab). */
  searchInTab(text: string, tabId: number | null): Promise<void>;
  openInTab(url: string, tabId: number | null): Promise<void>;
  /** Searches with one named engine (a search shortcut), in `tabId` (or the current tab). */
  searchWithEngine(text: string, engine: SearchShortcut, tabId: number | null): Promise<void>;
}

interface SearchApi {
  search?(props: { query: string; engine?: string; tabId?: number }): Promise<void>;
  query?(props: { text: string; tabId?: number; disposition?: 'CURRENT_TAB' }): Promise<void>;
}

export const searchData: SearchData = {
  async searchInTab(text, tabId) {
    const api = browser.search as unknown as SearchApi;
    // Firefox's search.search takes a tab; Chromium only has search.query.
    if (api.search) await api.search(tabId === null ? { query: text } : { query: text, tabId });
    else if (api.query) await api.query(tabId === null ? { text, disposition: 'CURRENT_TAB' } : { text, tabId });
    else throw new Error('this browser has no search API');
  },
  async openInTab(url, tabId) {
    if (tabId === null) await browser.tabs.update({ url });
    else await browser.tabs.update(tabId, { url });
  },
  async searchWithEngine(text, engine, tabId) {
    const api = browser.search as unknown as SearchApi & { get(): Promise<{ name: string }[]> };
    // Firefox can search with an installed engine by name; Chromium's search.query
    // only knows the default engine, so there we open the engine's results page.
    if (api.search) {
      const installed = new Set((await api.get()).map((e) => e.name));
      const name = engine.firefoxEngineNames.find((n) => installed.has(n));
      if (name) {
        await api.search(tabId === null ? { query: text, engine: name } : { query: text, engine: name, tabId });
        return;
      }
    }
    await searchData.openInTab(searchResultsUrl(engine, text), tabId);
  },
};

// ---- Places: bookmarks, history, top sites, windows ----

export interface BookmarkEntry {
  id: string;
  url: string;
  title: string;
  dateAdded: number;
}

export interface VisitEntry {
  url: string;
  title: string;
  lastVisitTime: number;
}

export interface PlacesData {
  recentBookmarks(count: number): Promise<BookmarkEntry[]>;
  recentHistory(count: number, sinceMs: number): Promise<VisitEntry[]>;
  /** The id of a bookmark for exactly this URL, if any. */
  bookmarkIdFor(url: string): Promise<string | undefined>;
  topSiteUrls(): Promise<string[]>;
  addBookmark(url: string, title?: string): Promise<void>;
  removeBookmark(id: string): Promise<void>;
  deleteHistoryUrl(url: string): Promise<void>;
  openWindow(url: string, incognito: boolean): Promise<void>;
  canOpenPrivateWindow(): Promise<boolean>;
  /** Bookmarks created, removed or edited, or history removed, by us or anyone. */
  onChanged(listener: () => void): void;
}

export const placesData: PlacesData = {
  async recentBookmarks(count) {
    const nodes = await browser.bookmarks.getRecent(count);
    return nodes.flatMap((n) => (n.url ? [{ id: n.id, url: n.url, title: n.title, dateAdded: n.dateAdded ?? 0 }] : []));
  },
  async recentHistory(count, sinceMs) {
    const items = await browser.history.search({ text: '', startTime: sinceMs, maxResults: count });
    return items.flatMap((h) => (h.url ? [{ url: h.url, title: h.title ?? '', lastVisitTime: h.lastVisitTime ?? 0 }] : []));
  },
  async bookmarkIdFor(url) {
    const found = await browser.bookmarks.search({ url });
    return found.find((n) => n.url === url)?.id;
  },
  async topSiteUrls() {
    // Firefox returns 12 unless asked for more (enough for four rows); Chromium takes no options.
    const sites = isFirefox() ? await browser.topSites.get({ limit: MAX_TOP_SITES }) : await browser.topSites.get();
    return sites.map((s) => s.url);
  },
  async addBookmark(url, title) {
    await browser.bookmarks.create(title ? { url, title } : { url });
  },
  async removeBookmark(id) {
    await browser.bookmarks.remove(id);
  },
  async deleteHistoryUrl(url) {
    await browser.history.deleteUrl({ url });
  },
  async openWindow(url, incognito) {
    await browser.windows.create({ url, incognito });
  },
  canOpenPrivateWindow: () => browser.extension.isAllowedIncognitoAccess(),
  onChanged(listener) {
    browser.bookmarks.onCreated.addListener(listener);
    browser.bookmarks.onRemoved.addListener(listener);
    browser.bookmarks.onChanged.addListener(listener);
    browser.history.onVisitRemoved.addListener(listener);
  },
};

// ---- Favicons: the icons the browser keeps for the sites the user visits ----

export interface FaviconData {
  /** The favicons the browser keeps for these pages, as data: URLs; pages without one are left out. */
  favicons(pageUrls: readonly string[]): Promise<Map<string, string>>;
  /** An image's width in pixels, or 0 when it cannot be decoded. */
  imageWidth(dataUrl: string): Promise<number>;
}

/** Chromium's favicon size we ask for: the tile draws favicons at most this big. */
export const CHROMIUM_FAVICON_SIZE = 64;
/** A page no browser can have a favicon for: Chromium answers it with its default globe. */
const NO_FAVICON_PAGE = 'https://no-favicon.invalid/';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** Chromium's favicon for a page as a data: URL; it serves PNG, without a content type. */
async function chromiumFavicon(pageUrl: string): Promise<string | null> {
  const url = new URL(browser.runtime.getURL('/_favicon/'));
  url.searchParams.set('pageUrl', pageUrl);
  url.searchParams.set('size', String(CHROMIUM_FAVICON_SIZE));
  const response = await fetch(url.href);
  if (!response.ok) return null;
  const bytes = new Uint8Array(await response.arrayBuffer());
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b) ? `data:image/png;base64,${base64(bytes)}` : null;
}

/**
 * Firefox gives favicons with its top sites (topSites.get includeFavicon), so
 * only pages among them have one. Chromium serves any visited page's favicon
 * at its `_favicon` URL (the `favicon` permission), and a default globe for
 * pages it has none for: that one is left out, so the tile shows its letter.
 */
export function faviconData(): FaviconData {
  let chromiumDefault: Promise<string | null> | null = null;
  return {
    async favicons(pageUrls) {
      const found = new Map<string, string>();
      if (pageUrls.length === 0) return found;
      if (isFirefox()) {
        const sites = await browser.topSites.get({ limit: MAX_TOP_SITES, includeFavicon: true });
        const wanted = new Set(pageUrls);
        for (const s of sites) if (wanted.has(s.url) && s.favicon?.startsWith('data:image/')) found.set(s.url, s.favicon);
        return found;
      }
      chromiumDefault ??= chromiumFavicon(NO_FAVICON_PAGE);
      const [fallback, icons] = await Promise.all([chromiumDefault, Promise.all(pageUrls.map(chromiumFavicon))]);
      pageUrls.forEach((u, i) => {
        const icon = icons[i];
        if (icon && icon !== fallback) found.set(u, icon);
      });
      return found;
    },
    async imageWidth(dataUrl) {
      try {
        const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
        const width = bitmap.width;
        bitmap.close();
        return width;
      } catch {
        return 0;
      }
    },
  };
}

// ---- Signals from outside our pages: pinned tabs, who owns home and new tab ----

export type LevelOfControl =
  | 'not_controllable'
  | 'controlled_by_other_extensions'
  | 'controllable_by_this_extension'
  | 'controlled_by_this_extension';

export interface BrowserSetting {
  value: string;
  levelOfControl: LevelOfControl;
}

export interface InstalledExtension {
  id: string;
  enabled: boolean;
  /** Origins of the extension's own pages (moz-extension://<uuid>), as far as the browser shows them. */
  origins: string[];
}

export interface BrowserSignalsData {
  /**
   * Calls back when a tab in a non-private window is pinned. Must be called
   * synchronously at background start so a pin can wake a suspended event page.
   */
  onTabPinned(listener: () => void): void;
  /** Pinned tabs across all non-private windows. */
  countPinnedTabs(): Promise<number>;
  /** Firefox only (browserSettings); null where the browser cannot tell. */
  homepage(): Promise<BrowserSetting | null>;
  newTabPage(): Promise<BrowserSetting | null>;
  otherExtensions(): Promise<InstalledExtension[]>;
}

interface SettingApi {
  get(details: object): Promise<{ value: unknown; levelOfControl: LevelOfControl }>;
}

async function readSetting(setting: SettingApi | undefined): Promise<BrowserSetting | null> {
  if (!setting) return null;
  const { value, levelOfControl } = await setting.get({});
  return typeof value === 'string' ? { value, levelOfControl } : null;
}

function originsOf(url: string | undefined): string[] {
  const origin = url ? urlOrigin(url) : null;
  return origin ? [origin] : [];
}

export const browserSignalsData: BrowserSignalsData = {
  onTabPinned(listener) {
    const onUpdated = (_tabId: number, change: { pinned?: boolean }, tab: { incognito: boolean }) => {
      if (change.pinned === true && !tab.incognito) listener();
    };
    // Firefox can filter, so the event page wakes only for pin changes;
    // Chromium has no filter and wakes the worker for every tab update.
    if (isFirefox()) browser.tabs.onUpdated.addListener(onUpdated, { properties: ['pinned'] });
    else browser.tabs.onUpdated.addListener(onUpdated);
  },
  async countPinnedTabs() {
    return (await browser.tabs.query({ pinned: true })).filter((t) => !t.incognito).length;
  },
  homepage: () => readSetting((browser as unknown as { browserSettings?: { homepageOverride?: SettingApi } }).browserSettings?.homepageOverride),
  newTabPage: () =>
    readSetting((browser as unknown as { browserSettings?: { newTabPageOverride?: SettingApi } }).browserSettings?.newTabPageOverride),
  async otherExtensions() {
    const self = browser.runtime.id;
    return (await browser.management.getAll())
      .filter((e) => e.id !== self && e.type === 'extension')
      .map((e) => ({
        id: e.id,
        enabled: e.enabled,
        origins: [...new Set([...originsOf(e.optionsUrl), ...(e.icons ?? []).flatMap((i) => originsOf(i.url))])],
      }));
  },
};
