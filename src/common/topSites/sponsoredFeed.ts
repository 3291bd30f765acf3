// The sponsored-tiles feed (format in docs/sponsored-tiles.md, modelled on
// Mozilla's Contile). A feed comes from a server we do not control, so only
// well-formed tiles survive: every address must be http(s), names are short
// plain text, and anything else is dropped.
import { isWebUrl, urlOrigin } from '../urls';

export interface SponsoredTile {
  tileId: number;
  /** The sponsor's name as shown on the tile. */
  name: string;
  /** `name` lowercased: the advertiser in pings and in the user's block list. */
  advertiser: string;
  url: string;
  clickUrl: string;
  impressionUrl: string;
  /** Absolute http(s) or extension URL of the tile's icon. */
  imageUrl?: string;
  /** The icon's declared width in pixels. */
  imageSize?: number;
  /** 1-based slot the sponsor asks for. */
  position?: number;
}

export interface SanitizedSponsoredFeed {
  tiles: SponsoredTile[];
  dropped: number;
}

const MAX_NAME_LENGTH = 64;
/** More would never be shown anyway; a huge feed is cut, not scanned. */
const MAX_TILES = 20;

export function isAdvertiser(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_NAME_LENGTH && !/[\p{Cc}]/u.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Relative image paths (the bundled sample's) resolve against the feed's own address. */
function imageUrlOf(value: unknown, feedUrl: string): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  let resolved: URL;
  try {
    resolved = new URL(value, feedUrl);
  } catch {
    return undefined;
  }
  const sameOrigin = urlOrigin(resolved.href) === urlOrigin(feedUrl);
  return isWebUrl(resolved.href) || sameOrigin ? resolved.href : undefined;
}

function positiveInt(value: unknown, max: number): number | undefined {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max ? (value as number) : undefined;
}

function sanitizeTile(raw: unknown, feedUrl: string): SponsoredTile | null {
  if (!isRecord(raw)) return null;
  const { id, name, url, click_url: clickUrl, impression_url: impressionUrl } = raw;
  if (!isAdvertiser(name) || !isWebUrl(url) || !isWebUrl(clickUrl) || !isWebUrl(impressionUrl)) return null;
  const tileId = Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : -1;
  const imageUrl = imageUrlOf(raw.image_url, feedUrl);
  const imageSize = positiveInt(raw.image_size, 4096);
  const position = positiveInt(raw.position, 32);
  return {
    tileId,
    name: name.trim(),
    advertiser: name.trim().toLowerCase(),
    url,
    clickUrl,
    impressionUrl,
    ...(imageUrl ? { imageUrl } : {}),
    ...(imageSize ? { imageSize } : {}),
    ...(position ? { position } : {}),
  };
}

/** `feedUrl` is where the feed was loaded from. */
export function sanitizeSponsoredFeed(raw: unknown, feedUrl: string): SanitizedSponsoredFeed {
  const list = isRecord(raw) && Array.isArray(raw.tiles) ? raw.tiles : [];
  const tiles: SponsoredTile[] = [];
  for (const entry of list.slice(0, MAX_TILES)) {
    const tile = sanitizeTile(entry, feedUrl);
    if (tile) tiles.push(tile);
  }
  return { tiles, dropped: list.length - tiles.length };
}
