// Test-only fakes for the browserData adapters and a feed store that runs the
// real reducers, so feed tests need no browser.
import { vi } from 'vitest';
import { action, type Action } from '../common/actions';
import { PREF_DEFAULTS, type PrefValues } from '../common/prefs';
import { rootReducer } from '../common/reducers';
import type { BrowserSignalsData, FaviconData, PlacesData } from '../background/browserData';
import type { FeedStore } from '../background/feeds/Feed';

export function fakePlaces(overrides: Partial<PlacesData> = {}): PlacesData & { fireChanged(): void } {
  const listeners: (() => void)[] = [];
  return {
    recentBookmarks: vi.fn(async () => []),
    recentHistory: vi.fn(async () => []),
    bookmarkIdFor: vi.fn(async () => undefined),
    topSiteUrls: vi.fn(async () => []),
    addBookmark: vi.fn(async () => {}),
    removeBookmark: vi.fn(async () => {}),
    deleteHistoryUrl: vi.fn(async () => {}),
    openWindow: vi.fn(async () => {}),
    canOpenPrivateWindow: vi.fn(async () => false),
    onChanged: vi.fn((listener: () => void) => void listeners.push(listener)),
    fireChanged: () => listeners.forEach((l) => l()),
    ...overrides,
  };
}

/** Favicons by page URL; each image's width is read from its `#w=<n>` suffix. */
export function fakeFavicons(icons: Record<string, string> = {}): FaviconData {
  return {
    favicons: vi.fn(async (urls: readonly string[]) => new Map(urls.flatMap((u) => (icons[u] ? [[u, icons[u]] as const] : [])))),
    imageWidth: vi.fn(async (dataUrl: string) => Number(/#w=(\d+)$/.exec(dataUrl)?.[1] ?? 0)),
  };
}

export function fakeSignals(overrides: Partial<BrowserSignalsData> = {}): BrowserSignalsData & { pin(): void } {
  const listeners: (() => void)[] = [];
  return {
    onTabPinned: vi.fn((listener: () => void) => void listeners.push(listener)),
    countPinnedTabs: vi.fn(async () => 0),
    homepage: vi.fn(async () => null),
    newTabPage: vi.fn(async () => null),
    otherExtensions: vi.fn(async () => []),
    pin: () => listeners.forEach((l) => l()),
    ...overrides,
  };
}

/** A FeedStore over the real reducers that records what feeds dispatch. */
export function fakeFeedStore(prefs: Partial<PrefValues> = {}): FeedStore & { dispatched: Action[] } {
  let state = rootReducer(undefined, action('PREFS_INITIAL_VALUES', { ...PREF_DEFAULTS, ...prefs }));
  const dispatched: Action[] = [];
  return {
    dispatched,
    dispatch(a) {
      dispatched.push(a);
      state = rootReducer(state, a);
    },
    getState: () => state,
  };
}
