// Puts the grid together (Firefox's TopSitesFeed.getLinksWithDefaults +
// insertPinned): pinned sites keep their slots, sponsored tiles take the
// slots they ask for, and the most visited sites, then the bundled
// defaults, fill the rest. One tile per site; blocked URLs never appear.
import { DEFAULT_SITES, searchShortcutFor, siteHost, tippyTopIconFor, type DefaultSite } from '../../common/topSites/catalog';
import { MAX_SPONSORED_TILES, MAX_TOP_SITES, MIN_RICH_ICON_SIZE, shortLabel } from '../../common/topSites/rules';
import type { SponsoredTile } from '../../common/topSites/sponsoredFeed';
import type { TopSite, TopSiteSlot } from '../../common/topSites/types';
import { isWebUrl } from '../../common/urls';
import { pageKey } from '../feeds/HighlightsFeed';

/** A slot the user pinned, as stored. */
export interface PinnedSite {
  url: string;
  label?: string;
  customScreenshotURL?: string;
  /** data: URL of the custom image, fetched when it was set. */
  customScreenshot?: string;
  searchVendor?: string;
}

export type PinnedSlots = (PinnedSite | null)[];

/** A sponsored tile from the feed, with its icon fetched. */
export interface SponsoredCandidate extends SponsoredTile {
  image?: string;
}

export interface RowsInput {
  /** URLs of the browser's most visited sites, best first. */
  frecent: readonly string[];
  pinned: PinnedSlots;
  /** pageKey()s of blocked URLs. */
  blocked: ReadonlySet<string>;
  /** Eligible sponsored tiles, in feed order (already without blocked sponsors, empty when the pref is off). */
  sponsored: readonly SponsoredCandidate[];
  defaults?: readonly DefaultSite[];
  slots?: number;
}

export const blockKey = pageKey;

function hostOf(url: string): string {
  return new URL(url).hostname;
}

function withIcon(site: TopSite): TopSite {
  const tippyTop = tippyTopIconFor(site.hostname);
  return tippyTop ? { ...site, tippyTop } : site;
}

function pinnedTile(pin: PinnedSite): TopSite {
  const hostname = hostOf(pin.url);
  const shortcut = pin.searchVendor ? searchShortcutFor(pin.searchVendor) : undefined;
  return withIcon({
    url: pin.url,
    label: pin.label || shortcut?.label || shortLabel(hostname),
    hostname,
    isPinned: true,
    ...(shortcut ? { searchVendor: shortcut.vendor } : {}),
    ...(pin.customScreenshotURL ? { customScreenshotURL: pin.customScreenshotURL } : {}),
    ...(pin.customScreenshot ? { customScreenshot: pin.customScreenshot } : {}),
  });
}

function sponsoredTile(tile: SponsoredCandidate): TopSite {
  const hostname = hostOf(tile.url);
  // Only an icon the feed declares large enough is drawn; a small one would be a blurry tile.
  const richIcon = tile.image && (tile.imageSize ?? 0) >= MIN_RICH_ICON_SIZE ? tile.image : undefined;
  return {
    url: tile.url,
    label: tile.name,
    hostname,
    ...(richIcon ? { richIcon } : {}),
    sponsored: { tileId: tile.tileId, advertiser: tile.advertiser, impressionUrl: tile.impressionUrl, clickUrl: tile.clickUrl },
  };
}

export function buildTopSiteRows({
  frecent,
  pinned,
  blocked,
  sponsored,
  defaults = DEFAULT_SITES,
  slots = MAX_TOP_SITES,
}: RowsInput): TopSiteSlot[] {
  const grid: TopSiteSlot[] = Array.from({ length: slots }, () => null);
  const takenHosts = new Set<string>();
  const take = (index: number, site: TopSite) => {
    grid[index] = site;
    takenHosts.add(siteHost(site.hostname));
  };

  pinned.slice(0, slots).forEach((pin, index) => {
    if (pin && isWebUrl(pin.url)) take(index, pinnedTile(pin));
  });

  let placedSponsored = 0;
  for (const tile of sponsored) {
    if (placedSponsored === MAX_SPONSORED_TILES) break;
    if (blocked.has(blockKey(tile.url)) || takenHosts.has(siteHost(hostOf(tile.url)))) continue;
    const wanted = Math.min((tile.position ?? placedSponsored + 1) - 1, slots - 1);
    const free = grid.findIndex((slot, i) => i >= wanted && slot === null);
    if (free === -1) continue;
    take(free, sponsoredTile(tile));
    placedSponsored += 1;
  }

  const organic = [
    ...frecent.map((url) => ({ url, isDefault: false })),
    ...defaults.map((s) => ({ url: s.url, isDefault: true })),
  ];
  let next = 0;
  for (const { url, isDefault } of organic) {
    if (!isWebUrl(url) || blocked.has(blockKey(url))) continue;
    const hostname = hostOf(url);
    if (takenHosts.has(siteHost(hostname))) continue;
    while (next < slots && grid[next] !== null) next += 1;
    if (next === slots) break;
    take(next, withIcon({ url, label: shortLabel(hostname), hostname, ...(isDefault ? { isDefault: true } : {}) }));
  }

  // Trailing empty slots carry nothing; the page draws placeholders up to its row count.
  const last = grid.findLastIndex((slot) => slot !== null);
  return grid.slice(0, last + 1);
}
