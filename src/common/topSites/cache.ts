// The last top sites the background built, kept in storage.local so a new
// page can paint its tiles before the background has answered (or even woken
// up). The background writes it; pages only read it.
import { isWebUrl } from '../urls';
import { MAX_TOP_SITES } from './rules';
import type { TopSite, TopSiteSlot, TopSitesUpdate } from './types';

export const TOP_SITES_CACHE_KEY = 'topSitesCache';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isImageData = (v: unknown) => typeof v === 'string' && v.startsWith('data:image/');

/** Only what the page can draw safely: web links, bundled or inline images. */
function isDrawableSite(v: unknown): v is TopSite {
  if (!isRecord(v) || !isWebUrl(v.url) || typeof v.label !== 'string' || typeof v.hostname !== 'string') return false;
  if (v.customScreenshot !== undefined && !isImageData(v.customScreenshot)) return false;
  if (v.richIcon !== undefined && !isImageData(v.richIcon)) return false;
  if (v.favicon !== undefined && !isImageData(v.favicon)) return false;
  if (v.faviconSize !== undefined && typeof v.faviconSize !== 'number') return false;
  if (v.tippyTop !== undefined && !(isRecord(v.tippyTop) && typeof v.tippyTop.image === 'string' && v.tippyTop.image.startsWith('/tippytop/'))) {
    return false;
  }
  return true;
}

/** The cache as stored, or null when there is none or it is not one we wrote. */
export function parseTopSitesCache(raw: unknown): TopSitesUpdate | null {
  if (!isRecord(raw) || !Array.isArray(raw.rows)) return null;
  const rows: TopSiteSlot[] = raw.rows.slice(0, MAX_TOP_SITES).map((r) => (isDrawableSite(r) ? r : null));
  return { rows, canOpenPrivateWindow: raw.canOpenPrivateWindow === true };
}
