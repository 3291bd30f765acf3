// Custom tile images and sponsors' icons are fetched once, here, and kept as
// data: URLs: pages then draw them with no request of their own (nothing
// learns when a new tab opens), and the page's CSP needs no remote hosts.
import { fetchCapped } from '../fetchJson';

export const MAX_IMAGE_BYTES = 256 * 1024;
const IMAGE_TIMEOUT_MS = 10_000;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/x-icon', 'image/vnd.microsoft.icon'];

export type FetchImage = (url: string) => Promise<string | null>;

export function base64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The image at `url` as a data: URL, or null when it is not a reachable image of a common type. */
export function imageFetcher(fetchFn: typeof fetch, log: Pick<Console, 'warn'> = console): FetchImage {
  return async (url) => {
    try {
      const { body, contentType } = await fetchCapped(fetchFn, url, { maxBytes: MAX_IMAGE_BYTES, timeoutMs: IMAGE_TIMEOUT_MS });
      const type = contentType.split(';')[0]!.trim().toLowerCase();
      if (!IMAGE_TYPES.includes(type) || body.length === 0) return null;
      return `data:${type};base64,${base64(body)}`;
    } catch (error) {
      log.warn('could not load image', String(error));
      return null;
    }
  };
}
