// Where sponsored tiles come from: the feed at pref
// 'topsites.sponsoredFeedUrl' and nothing else. With the pref empty there are
// no sponsored tiles (and so no sponsored pings) and nothing is fetched. The
// last good load is kept in storage.local with its age and reused for
// REFRESH_MS, so opening tabs does not hit the sponsor's server; a failed
// load keeps the last good tiles of the same feed.
import { sanitizeSponsoredFeed } from '../../common/topSites/sponsoredFeed';
import { MIN_RICH_ICON_SIZE } from '../../common/topSites/rules';
import { fetchJsonCapped } from '../fetchJson';
import type { KeyValueStorage } from '../storage';
import type { SponsoredCandidate } from './buildRows';
import type { FetchImage } from './fetchImage';

export const SPONSORED_CACHE_KEY = 'topSites.sponsoredFeed';
export const REFRESH_MS = 30 * 60 * 1000;
const MAX_FEED_BYTES = 100_000;
const FETCH_TIMEOUT_MS = 15_000;

interface CachedTiles {
  /** The pref's value when loaded. */
  url: string;
  fetchedAt: number;
  tiles: SponsoredCandidate[];
}

export interface SponsoredTilesDeps {
  storage: KeyValueStorage;
  fetch: typeof fetch;
  fetchImage: FetchImage;
  now(): number;
  log?: Pick<Console, 'warn'>;
}

export class SponsoredTiles {
  private cache: CachedTiles | null = null;
  private loaded: Promise<void> | null = null;
  /** When the last load of each feed was tried, so a failing server is not asked on every new tab. */
  private readonly lastTry = new Map<string, number>();

  constructor(private readonly deps: SponsoredTilesDeps) {}

  /** The tiles of feed `url`, loading them if needed; none when `url` is empty. */
  async tiles(url: string): Promise<SponsoredCandidate[]> {
    if (!url) return [];
    this.loaded ??= this.readCache();
    await this.loaded;
    const now = this.deps.now();
    const fresh = this.cache?.url === url && now - this.cache.fetchedAt < REFRESH_MS;
    const triedRecently = now - (this.lastTry.get(url) ?? -Infinity) < REFRESH_MS;
    if (!fresh && !triedRecently) await this.load(url);
    return this.cache?.url === url ? this.cache.tiles : [];
  }

  private async readCache(): Promise<void> {
    const stored = await this.deps.storage.get<CachedTiles>(SPONSORED_CACHE_KEY).catch(() => undefined);
    // Earlier versions cached the bundled sample under url ''; it is never shown now.
    if (stored && typeof stored.url === 'string' && stored.url !== '' && typeof stored.fetchedAt === 'number' && Array.isArray(stored.tiles)) {
      this.cache = stored;
    }
  }

  private async load(url: string): Promise<void> {
    this.lastTry.set(url, this.deps.now());
    try {
      const raw = await fetchJsonCapped(this.deps.fetch, url, { maxBytes: MAX_FEED_BYTES, timeoutMs: FETCH_TIMEOUT_MS });
      const { tiles, dropped } = sanitizeSponsoredFeed(raw, url);
      if (dropped > 0) this.deps.log?.warn(`SponsoredTiles: dropped ${dropped} malformed tile(s)`);
      const withImages = await Promise.all(
        tiles.map(async (tile): Promise<SponsoredCandidate> => {
          // Only icons declared large enough are drawn, so only those are fetched.
          if (!tile.imageUrl || (tile.imageSize ?? 0) < MIN_RICH_ICON_SIZE) return tile;
          const image = await this.deps.fetchImage(tile.imageUrl);
          return image ? { ...tile, image } : tile;
        }),
      );
      this.cache = { url, fetchedAt: this.deps.now(), tiles: withImages };
      await this.deps.storage.set(SPONSORED_CACHE_KEY, this.cache);
    } catch (error) {
      this.deps.log?.warn('SponsoredTiles: could not load the feed', String(error));
    }
  }
}
