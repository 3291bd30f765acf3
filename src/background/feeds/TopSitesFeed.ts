// Top sites (Firefox's TopSitesFeed): builds the grid from the browser's most
// visited sites, the user's pinned sites and search shortcuts, sponsored
// tiles and the bundled defaults; owns pins and blocks (kept in
// storage.local); and sends the grid to every page as TOP_SITES_UPDATED.
// The latest grid, favicons included, is also written to storage.local
// (TOP_SITES_CACHE_KEY) so a new page paints it before the background has answered.
import { BroadcastToContent, OnlyToOneContent, action, actionUtils, type Action } from '../../common/actions';
import { TOP_SITES_CACHE_KEY } from '../../common/topSites/cache';
import { sponsoredTopSitesOn } from '../../common/sponsored';
import { searchShortcutFor } from '../../common/topSites/catalog';
import { MAX_TOP_SITES, firstUnpinnedSlots } from '../../common/topSites/rules';
import type { PinRequest, TopSite, TopSiteSlot, TopSitesUpdate } from '../../common/topSites/types';
import { isWebUrl } from '../../common/urls';
import type { FaviconData, PlacesData } from '../browserData';
import { coalesce } from '../coalesce';
import type { KeyValueStorage } from '../storage';
import { blockKey, buildTopSiteRows, type PinnedSite, type PinnedSlots } from '../topSites/buildRows';
import { SiteFavicons } from '../topSites/favicons';
import type { FetchImage } from '../topSites/fetchImage';
import type { SponsoredTiles } from '../topSites/SponsoredTiles';
import type { Feed, FeedStore } from './Feed';

export const STORAGE_KEYS = {
  pinned: 'topSites.pinned',
  blocked: 'topSites.blocked',
  blockedSponsors: 'topSites.blockedSponsors',
} as const;

/** Enough for years of dismissing; the oldest go first beyond it. */
const MAX_BLOCKED = 1000;

export interface TopSitesFeedDeps {
  places: PlacesData;
  storage: KeyValueStorage;
  sponsored: Pick<SponsoredTiles, 'tiles'>;
  fetchImage: FetchImage;
  favicons: FaviconData;
  log?: Pick<Console, 'error'>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readPinned(raw: unknown): PinnedSlots {
  if (!Array.isArray(raw)) return [];
  return raw.slice(0, MAX_TOP_SITES).map((p) => (isRecord(p) && isWebUrl(p.url) ? (p as unknown as PinnedSite) : null));
}

function readStrings(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
}

function trimTrailingEmpty<T>(slots: (T | null)[]): (T | null)[] {
  const last = slots.findLastIndex((s) => s !== null);
  return slots.slice(0, last + 1);
}

export class TopSitesFeed implements Feed {
  readonly name = 'TopSitesFeed';
  private store: FeedStore | null = null;
  private loaded: Promise<void> | null = null;
  private listening = false;
  private pinned: PinnedSlots = [];
  private blocked: string[] = [];
  private blockedSponsors: string[] = [];
  /** The last preview fetched, reused when the form saves that same image. */
  private lastPreview: { url: string; dataUrl: string | null } | null = null;
  private lastSent = '';
  private readonly log: Pick<Console, 'error'>;
  private readonly favicons: SiteFavicons;
  readonly refresh = coalesce(() => this.rebuild());

  constructor(private readonly deps: TopSitesFeedDeps) {
    this.log = deps.log ?? console;
    this.favicons = new SiteFavicons(deps.favicons, this.log);
  }

  onAction(a: Action, store: FeedStore): Promise<void> | void {
    this.store = store;
    switch (a.type) {
      case 'INIT':
        this.listen();
        return this.refresh();
      case 'NEW_TAB_INIT':
        return this.refresh();
      case 'PREF_CHANGED':
        if (['feeds.topsites', 'showSponsoredTopSites', 'showSponsoredCheckboxes', 'topsites.sponsoredFeedUrl'].includes(a.data.name)) {
          return this.refresh();
        }
        return;
      case 'TOP_SITES_PIN':
        return this.change(() => this.pin(a.data));
      case 'TOP_SITES_UNPIN':
        return this.change(async () => this.unpin((p) => blockKey(p.url) === blockKey(a.data.url)));
      case 'BLOCK_URL':
        return this.change(async () => {
          this.blocked = [...this.blocked.filter((k) => k !== blockKey(a.data.url)), blockKey(a.data.url)].slice(-MAX_BLOCKED);
          // A dismissed site leaves its pinned slot too.
          this.unpin((p) => blockKey(p.url) === blockKey(a.data.url));
        });
      case 'TOP_SITES_BLOCK_SPONSOR': {
        const advertiser = a.data.advertiser.trim().toLowerCase();
        return this.change(async () => {
          this.blockedSponsors = [...this.blockedSponsors.filter((s) => s !== advertiser), advertiser].slice(-MAX_BLOCKED);
        });
      }
      case 'UPDATE_PINNED_SEARCH_SHORTCUTS':
        return this.change(async () => this.updateSearchShortcuts(a.data.added, a.data.deleted));
      case 'PREVIEW_REQUEST':
        return this.preview(a.data.url, actionUtils.getPortIdOfSender(a));
    }
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    // Bookmarks and history removals change which tiles exist and what their menus offer.
    this.deps.places.onChanged(() => void this.refresh().catch((error: unknown) => this.log.error('TopSitesFeed: refresh failed', error)));
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const [pinned, blocked, blockedSponsors] = await Promise.all(
        Object.values(STORAGE_KEYS).map((key) => this.deps.storage.get<unknown>(key).catch(() => undefined)),
      );
      this.pinned = readPinned(pinned);
      this.blocked = readStrings(blocked);
      this.blockedSponsors = readStrings(blockedSponsors);
    })();
    return this.loaded;
  }

  /** Applies a user's change to pins or blocks, stores them, and rebuilds. */
  private async change(apply: () => Promise<void>): Promise<void> {
    await this.load();
    await apply();
    this.pinned = trimTrailingEmpty(this.pinned);
    await Promise.all([
      this.deps.storage.set(STORAGE_KEYS.pinned, this.pinned),
      this.deps.storage.set(STORAGE_KEYS.blocked, this.blocked),
      this.deps.storage.set(STORAGE_KEYS.blockedSponsors, this.blockedSponsors),
    ]);
    await this.refresh();
  }

  private unpin(matches: (p: PinnedSite) => boolean): void {
    this.pinned = this.pinned.map((p) => (p && matches(p) ? null : p));
  }

  private async pin({ site, index }: PinRequest): Promise<void> {
    const existing = this.pinned.find((p) => p && blockKey(p.url) === blockKey(site.url)) ?? null;
    const pin: PinnedSite = { url: site.url };
    if (site.label?.trim()) pin.label = site.label.trim();
    if (existing?.searchVendor) pin.searchVendor = existing.searchVendor;
    // undefined keeps the image the site had; null clears it.
    const imageUrl = site.customScreenshotURL === undefined ? existing?.customScreenshotURL : (site.customScreenshotURL ?? undefined);
    if (imageUrl) {
      pin.customScreenshotURL = imageUrl;
      const image = imageUrl === existing?.customScreenshotURL ? existing.customScreenshot : await this.image(imageUrl);
      if (image) pin.customScreenshot = image;
    }
    this.unpin((p) => blockKey(p.url) === blockKey(site.url));
    // A pinned site shows even if it was dismissed before.
    this.blocked = this.blocked.filter((k) => k !== blockKey(site.url));
    if (index >= 0) {
      this.pinned = Array.from({ length: Math.max(this.pinned.length, index + 1) }, (_, i) => this.pinned[i] ?? null);
      this.pinned[index] = pin;
    } else this.insertInFront(pin);
  }

  /** Index -1 (a new site): it goes first, and pinned sites move right into the first empty slot. */
  private insertInFront(pin: PinnedSite): void {
    const hole = this.pinned.indexOf(null);
    const shifted = hole === -1 ? this.pinned : [...this.pinned.slice(0, hole), ...this.pinned.slice(hole + 1)];
    this.pinned = [pin, ...shifted].slice(0, MAX_TOP_SITES);
  }

  private updateSearchShortcuts(added: string[], deleted: string[]): void {
    this.unpin((p) => p.searchVendor !== undefined && deleted.includes(p.searchVendor));
    const already = new Set(this.pinned.flatMap((p) => (p?.searchVendor ? [p.searchVendor] : [])));
    const adding = added.flatMap((vendor) => {
      const shortcut = searchShortcutFor(vendor);
      return shortcut && !already.has(vendor) ? [shortcut] : [];
    });
    const slots = firstUnpinnedSlots(
      Array.from({ length: MAX_TOP_SITES }, (_, i) => Boolean(this.pinned[i])),
      adding.length,
    );
    adding.forEach((shortcut, i) => {
      const slot = slots[i];
      if (slot === undefined) return;
      this.pinned = Array.from({ length: Math.max(this.pinned.length, slot + 1) }, (_, j) => this.pinned[j] ?? null);
      // Any other pin of the engine's own site gives way to the shortcut.
      this.unpin((p) => blockKey(p.url) === blockKey(shortcut.url));
      this.pinned[slot] = { url: shortcut.url, searchVendor: shortcut.vendor };
    });
  }

  private async image(url: string): Promise<string | null> {
    if (this.lastPreview?.url === url) return this.lastPreview.dataUrl;
    return this.deps.fetchImage(url);
  }

  private async preview(url: string, portId: string | null): Promise<void> {
    const dataUrl = await this.deps.fetchImage(url);
    this.lastPreview = { url, dataUrl };
    if (portId) this.store?.dispatch(OnlyToOneContent(action('PREVIEW_RESPONSE', { url, dataUrl }), portId));
  }

  private async rebuild(): Promise<void> {
    const store = this.store;
    if (!store) return;
    const prefs = store.getState().Prefs.values;
    if (!prefs['feeds.topsites']) return;
    await this.load();
    const { places, sponsored } = this.deps;
    const [frecent, canOpenPrivateWindow, tiles] = await Promise.all([
      places.topSiteUrls().catch((error: unknown) => {
        this.log.error('TopSitesFeed: could not read the most visited sites', error);
        return [];
      }),
      places.canOpenPrivateWindow().catch(() => false),
      sponsoredTopSitesOn(prefs) ? sponsored.tiles(prefs['topsites.sponsoredFeedUrl']) : [],
    ]);
    const blockedSponsors = new Set(this.blockedSponsors);
    const rows = buildTopSiteRows({
      frecent,
      pinned: this.pinned,
      blocked: new Set(this.blocked),
      sponsored: tiles.filter((t) => !blockedSponsors.has(t.advertiser)),
    });
    const withIcons = await this.favicons.attach(rows);
    const update: TopSitesUpdate = { rows: await Promise.all(withIcons.map((r) => this.withBookmark(r))), canOpenPrivateWindow };
    const serialized = JSON.stringify(update);
    if (serialized === this.lastSent) return;
    this.lastSent = serialized;
    store.dispatch(BroadcastToContent(action('TOP_SITES_UPDATED', update)));
    await this.deps.storage.set(TOP_SITES_CACHE_KEY, update);
  }

  /** The menu offers "Remove bookmark" for a bookmarked site; search shortcuts and sponsored tiles have no bookmark item. */
  private async withBookmark(site: TopSiteSlot): Promise<TopSiteSlot> {
    if (!site || site.searchVendor || site.sponsored) return site;
    const bookmarkGuid = await this.deps.places.bookmarkIdFor(site.url).catch(() => undefined);
    return bookmarkGuid ? ({ ...site, bookmarkGuid } satisfies TopSite) : site;
  }
}
