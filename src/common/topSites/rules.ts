// Rules shared by the page and the background: what a tile reports in its
// events, how many tiles are visible, and what an address typed into the
// add/edit form becomes.
import type { CardType, IconType, SessionPerf, UserEventValue } from '../pings/types';
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

/**
 * The first rule that matches (Firefox's topSiteIconType), leaving out the
 * screenshot kinds: we never take screenshots, so never report one.
 */
export function topSiteIconType(site: TopSite): IconType {
  if (site.customScreenshot) return 'custom_screenshot';
  if (site.tippyTop) return 'tippytop';
  if (site.richIcon) return 'rich_icon';
  return 'no_image';
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

/** The icon types we can report, so stats always carry the same keys. */
const REPORTED_ICON_TYPES = ['custom_screenshot', 'tippytop', 'rich_icon', 'no_image'] as const satisfies readonly IconType[];

/** topsites_icon_stats, topsites_pinned and topsites_search_shortcuts over the visible slots. */
export function topSitesStats(visible: readonly TopSiteSlot[]): Pick<
  SessionPerf,
  'topsites_icon_stats' | 'topsites_pinned' | 'topsites_search_shortcuts'
> {
  const icons = Object.fromEntries(REPORTED_ICON_TYPES.map((t) => [t, 0])) as Record<IconType, number>;
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
