// Top sites ("Shortcuts"): the background builds the rows, pages show them.
// A row says what the page needs to draw and report it, never more.

/** The mark drawn for a known site: a bundled square icon on its brand colour. */
export interface TippyTopIcon {
  /** Extension-root path of the bundled icon, e.g. "/tippytop/wikipedia.svg". */
  image: string;
  backgroundColor: string;
}

export interface SponsoredInfo {
  /** The partner's tile id, or -1 when the feed gave none. */
  tileId: number;
  /** Lowercased sponsor name: what contextual-services pings call the advertiser. */
  advertiser: string;
  impressionUrl: string;
  clickUrl: string;
}

export interface TopSite {
  url: string;
  /** What the tile shows under its icon: the user's title, or the short host name. */
  label: string;
  hostname: string;
  /** True when the user pinned the site to its slot. */
  isPinned?: boolean;
  /** True for a site from the bundled default set (no history behind it). */
  isDefault?: boolean;
  /** A search-engine shortcut: the engine's short name (the ping's search_vendor). */
  searchVendor?: string;
  /** The address the user gave for a custom image. */
  customScreenshotURL?: string;
  /** That image, fetched once by the background, as a data: URL. */
  customScreenshot?: string;
  tippyTop?: TippyTopIcon;
  /** A declared icon of at least 96 px (data: or extension URL). */
  richIcon?: string;
  /** The site's favicon as the browser keeps it, as a data: URL. */
  favicon?: string;
  /** The favicon's width in pixels (0 when it could not be measured). */
  faviconSize?: number;
  sponsored?: SponsoredInfo;
  /** Set when the URL is bookmarked, so the menu can offer "Remove bookmark". */
  bookmarkGuid?: string;
}

/** A grid slot: a site, or an empty slot (drawn as a placeholder) before a pinned site. */
export type TopSiteSlot = TopSite | null;

/** What the background sends with TOP_SITES_UPDATED, and keeps in storage for the next page. */
export interface TopSitesUpdate {
  rows: TopSiteSlot[];
  /** Private windows need the user's permission for this extension. */
  canOpenPrivateWindow: boolean;
}

/** A custom image preview the background fetched for the add/edit form. */
export interface TopSitePreview {
  url: string;
  /** data: URL of the image, or null when it could not be loaded as an image. */
  dataUrl: string | null;
}

export interface TopSitesState extends TopSitesUpdate {
  /** False until the background has built the rows once. */
  initialized: boolean;
  preview: TopSitePreview | null;
}

/** What a page asks to pin: a site into slot `index`, or to the front (-1). */
export interface PinRequest {
  site: { url: string; label?: string; customScreenshotURL?: string | null };
  index: number;
}

export const TOP_SITES_INITIAL_STATE: TopSitesState = { initialized: false, rows: [], canOpenPrivateWindow: false, preview: null };
