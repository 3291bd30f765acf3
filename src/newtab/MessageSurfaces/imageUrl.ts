// Message images come from a remote collection: the background lets through only
// https and extension-relative URLs, and the page checks again before it loads one.
const EXTENSION_PROTOCOLS = new Set(['moz-extension:', 'chrome-extension:']);

/** The URL to load, or null for anything but https or a file of this extension. */
export function safeImageUrl(url: string | undefined, base: string): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return null;
  }
  if (parsed.protocol === 'https:') return parsed.href;
  const own = new URL(base);
  return EXTENSION_PROTOCOLS.has(parsed.protocol) && parsed.origin === own.origin ? parsed.href : null;
}
