// What ships with the extension: the default sites shown until history fills
// the grid, the bundled icons (public/tippytop/, simple letter marks on a
// brand-like colour we drew ourselves), and the search engines a user can
// add as shortcuts.
import type { TippyTopIcon } from './types';

/** Host name without "www." → its bundled icon. */
const TIPPYTOP: Readonly<Record<string, TippyTopIcon>> = {
  'wikipedia.org': { image: '/tippytop/wikipedia.svg', backgroundColor: '#636466' },
  'youtube.com': { image: '/tippytop/youtube.svg', backgroundColor: '#e62117' },
  'reddit.com': { image: '/tippytop/reddit.svg', backgroundColor: '#ff4500' },
  'amazon.com': { image: '/tippytop/amazon.svg', backgroundColor: '#232f3e' },
  'github.com': { image: '/tippytop/github.svg', backgroundColor: '#24292f' },
  'mozilla.org': { image: '/tippytop/mozilla.svg', backgroundColor: '#000000' },
  'developer.mozilla.org': { image: '/tippytop/mdn.svg', backgroundColor: '#1b1b1b' },
  'openstreetmap.org': { image: '/tippytop/openstreetmap.svg', backgroundColor: '#7ebc6f' },
  'archive.org': { image: '/tippytop/archive.svg', backgroundColor: '#2c2c2c' },
  'stackoverflow.com': { image: '/tippytop/stackoverflow.svg', backgroundColor: '#f48024' },
  'google.com': { image: '/tippytop/google.svg', backgroundColor: '#4285f4' },
  'bing.com': { image: '/tippytop/bing.svg', backgroundColor: '#008373' },
  'duckduckgo.com': { image: '/tippytop/duckduckgo.svg', backgroundColor: '#de5833' },
};

/** "www.Example.com" → "example.com": one key per site for icons and duplicates. */
export function siteHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

export function tippyTopIconFor(hostname: string): TippyTopIcon | undefined {
  return TIPPYTOP[siteHost(hostname)];
}

export interface DefaultSite {
  url: string;
}

/** Enough for one full row on a wide window. */
export const DEFAULT_SITES: readonly DefaultSite[] = [
  { url: 'https://www.wikipedia.org/' },
  { url: 'https://www.youtube.com/' },
  { url: 'https://www.reddit.com/' },
  { url: 'https://www.amazon.com/' },
  { url: 'https://github.com/' },
  { url: 'https://www.mozilla.org/' },
  { url: 'https://www.openstreetmap.org/' },
  { url: 'https://archive.org/' },
];

export interface SearchShortcut {
  /** Short name: the ping's search_vendor and the shortcut's id. */
  vendor: string;
  label: string;
  /** Where the tile's link points. */
  url: string;
  /** Results page with `{searchTerms}`, used where the browser cannot pick an engine by name (Chromium). */
  searchUrl: string;
  /** Names the engine may have in Firefox's search list, for search.search({engine}). */
  firefoxEngineNames: readonly string[];
}

export const SEARCH_SHORTCUTS: readonly SearchShortcut[] = [
  {
    vendor: 'google',
    label: 'Google',
    url: 'https://www.google.com/',
    searchUrl: 'https://www.google.com/search?q={searchTerms}',
    firefoxEngineNames: ['Google'],
  },
  {
    vendor: 'bing',
    label: 'Bing',
    url: 'https://www.bing.com/',
    searchUrl: 'https://www.bing.com/search?q={searchTerms}',
    firefoxEngineNames: ['Bing'],
  },
  {
    vendor: 'duckduckgo',
    label: 'DuckDuckGo',
    url: 'https://duckduckgo.com/',
    searchUrl: 'https://duckduckgo.com/?q={searchTerms}',
    firefoxEngineNames: ['DuckDuckGo'],
  },
  {
    vendor: 'wikipedia',
    label: 'Wikipedia',
    url: 'https://www.wikipedia.org/',
    searchUrl: 'https://en.wikipedia.org/wiki/Special:Search?search={searchTerms}',
    firefoxEngineNames: ['Wikipedia (en)', 'Wikipedia'],
  },
  {
    vendor: 'amazon',
    label: 'Amazon',
    url: 'https://www.amazon.com/',
    searchUrl: 'https://www.amazon.com/s?k={searchTerms}',
    firefoxEngineNames: ['Amazon.com', 'Amazon'],
  },
];

export function searchShortcutFor(vendor: unknown): SearchShortcut | undefined {
  return SEARCH_SHORTCUTS.find((s) => s.vendor === vendor);
}

/** The engine's results page for `text`, for browsers that cannot search with a named engine. */
export function searchResultsUrl(shortcut: SearchShortcut, text: string): string {
  return shortcut.searchUrl.replace('{searchTerms}', encodeURIComponent(text));
}
