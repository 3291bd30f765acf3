// Rules shared by the page and the background: what a tile reports in its
// events, how many tiles are visible, and what an address typed into the
// add/edit form becomes.
import { ICON_TYPES, type CardType, type IconType, type SessionPerf, type UserEventValue } from '../pings/types';
import { isWebUrl } from '../urls';
import type { TopSite, TopSiteSlot } from './types';

export const TOP_SITES_PER_ROW = 8;
/** Narrow windows (below this width) show two fewer tiles per row, as Firefox does. */
export const NARROW_PER_ROW = 6;
export const WIDE_LAYOUT_QUERY = '(min-width: 1072px)';
export const MAX_TOP_SITES_ROWS = 4;
export const MAX_TOP_SITES = TOP_SITES_PER_ROW * MAX_TOP_SITES_ROWS;
/** Firefox's MIN_RICH_FAVICON_SIZE. */
export const MIN_RICH_ICON_SIZE = 96;
/** Sponsored tiles shown at most. */
export const MAX_SPONSORED_TILES = 2;
export const MAX_LABEL_LENGTH = 100;

/** What a tile draws: its best image (or the letter when none) and the icon type it reports. */
export interface TileIcon {
  kind: IconType;
  /** data: URL or bundled path; none means the letter. */
  image?: string;
  backgroundColor?: string;
  /** A favicon smaller than a rich icon: drawn at its own size in the middle of the tile. */
  small?: boolean;
}

/**
 * The best icon a tile can have: the user's image, the bundled tippytop
 * icon, a declared rich icon, the browser's favicon, then the letter. The
 * kind is Firefox's topSiteIconType for it: a favicon of 96 px or more is a
 * rich_icon, a smaller one (with no screenshot behind it) is no_image, as in
 * Firefox. We take no screenshots, so screenshot and screenshot_with_icon are
 * never reported.
 */
export function topSiteIcon(site: TopSite): TileIcon {
  if (site.customScreenshot) return { kind: 'custom_screenshot', image: site.customScreenshot };
  if (site.tippyTop) return { kind: 'tippytop', image: site.tippyTop.image, backgroundColor: site.tippyTop.backgroundColor };
  if (site.richIcon) return { kind: 'rich_icon', image: site.richIcon };
  if (site.favicon) {
    return (site.faviconSize ?? 0) >= MIN_RICH_ICON_SIZE
      ? { kind: 'rich_icon', image: site.favicon }
      : { kind: 'no_image', image: site.favicon, small: true };
  }
  return { kind: 'no_image' };
}

export function topSiteIconType(site: TopSite): IconType {
  return topSiteIcon(site).kind;
}

/** The site as painted once its image failed to load: the letter, with no image left to report. */
export function withoutImages(site: TopSite): TopSite {
  const { customScreenshot: _c, tippyTop: _t, richIcon: _r, favicon: _f, faviconSize: _s, ...rest } = site;
  return rest;
}

/** A search shortcut wins over pinned; plain frecent and default sites have no card type. */
export function topSiteCardType(site: TopSite): CardType | undefined {
  if (site.searchVendor) return 'search';
  if (site.isPinned) return 'pinned';
  if (site.sponsored) return 'spoc';
  return undefined;
}

/** The `value` of a top site's user event: card_type, icon_type and search_vendor, nothing else. */
export function topSiteEventValue(site: TopSite): UserEventValue {
  const card_type = topSiteCardType(site);
  return {
    ...(card_type ? { card_type } : {}),
    icon_type: topSiteIconType(site),
    ...(site.searchVendor ? { search_vendor: site.searchVendor } : {}),
  };
}

export function tilesPerRow(wide: boolean): number {
  return wide ? TOP_SITES_PER_ROW : NARROW_PER_ROW;
}


/** topsites_icon_stats, topsites_pinned and topsites_search_shortcuts over the visible slots. */
export function topSitesStats(visible: readonly TopSiteSlot[]): Pick<
  SessionPerf,
  'topsites_icon_stats' | 'topsites_pinned' | 'topsites_search_shortcuts'
> {
  // All six of the seed's kinds, as Firefox sends them; the screenshot kinds stay 0 here.
  const icons = Object.fromEntries(ICON_TYPES.map((t) => [t, 0])) as Record<IconType, number>;
  let pinned = 0;
  let searchShortcuts = 0;
  for (const site of visible) {
    if (!site) continue;
    icons[topSiteIconType(site)] += 1;
    if (site.isPinned) pinned += 1;
    if (site.searchVendor) searchShortcuts += 1;
  }
  return { topsites_icon_stats: icons, topsites_pinned: pinned, topsites_search_shortcuts: searchShortcuts };
}

/** Two-label public suffixes common enough that "example.co.uk" should read "example". */
const TWO_LABEL_SUFFIXES = new Set(['co.uk', 'org.uk', 'ac.uk', 'com.au', 'co.jp', 'co.nz', 'co.in', 'com.br', 'co.za']);

/** "www.example.co.uk" → "example": the label Firefox shows for a site without a title. */
export function shortLabel(hostname: string): string {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return host;
  const parts = host.split('.');
  if (parts.length < 2) return host;
  const suffixLength = parts.length > 2 && TWO_LABEL_SUFFIXES.has(parts.slice(-2).join('.')) ? 2 : 1;
  return parts.slice(0, -suffixLength).join('.');
}

export type SiteUrlCheck = { ok: true; url: string } | { ok: false };

/**
 * What the add/edit form accepts: an http(s) address, with http:// added
 * when the user typed none (as Firefox's form does).
 */
export function normalizeSiteUrl(typed: string): SiteUrlCheck {
  const trimmed = typed.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return { ok: false };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^:/]+:\d+(\/|$)/.test(trimmed) ? trimmed : `http://${trimmed}`;
  if (!isWebUrl(withScheme)) return { ok: false };
  const url = new URL(withScheme);
  // "http://foo" alone is no site anyone means; ask for a dotted host, localhost or an IP.
  if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('[')) return { ok: false };
  return { ok: true, url: url.href };
}

/**
 * Where `count` newly added search shortcuts are pinned: the first slots no
 * one pinned (Firefox's rule). The page uses it for the events' positions,
 * the background to pin, so both agree.
 */
export function firstUnpinnedSlots(pinned: readonly boolean[], count: number): number[] {
  const slots: number[] = [];
  for (let i = 0; slots.length < count && i < MAX_TOP_SITES; i++) if (!pinned[i]) slots.push(i);
  return slots;
}
