// The page's side of the top sites cache: read straight from storage.local
// at boot, in parallel with the port to the background, so tiles paint from
// the last known state without waiting for the background to answer. The
// prefs are read with it, from where the background keeps them, so the
// cached grid has its real size and never shows sponsored tiles the user
// has just switched off.
import { PREFS_KEY } from '../../background/feeds/PrefsFeed';
import { sanitizePrefs, type PrefValues } from '../../common/prefs';
import { TOP_SITES_CACHE_KEY, parseTopSitesCache } from '../../common/topSites/cache';
import type { TopSitesUpdate } from '../../common/topSites/types';

export interface CachedTopSites extends TopSitesUpdate {
  prefs: PrefValues;
}

export interface CacheStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

export async function readTopSitesCache(storage: CacheStorage): Promise<CachedTopSites | null> {
  try {
    const stored = await storage.get([TOP_SITES_CACHE_KEY, PREFS_KEY]);
    const update = parseTopSitesCache(stored[TOP_SITES_CACHE_KEY]);
    return update && { ...update, prefs: sanitizePrefs(stored[PREFS_KEY]) };
  } catch {
    // No cache is no error: the tiles then wait for the background.
    return null;
  }
}
