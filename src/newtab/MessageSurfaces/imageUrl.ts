// Message images come from a remote collection: the background lets through only
// https URLs and paths relative to the extension's root (`icons/icon-48.png`),
// and the page checks again before it loads one.
const EXTENSION_PROTOCOLS = new Set(['moz-extension:', 'chrome-extension:']);

/** The URL to load, or null for anything but https or a file of this extension (the page's origin). */
export function safeImageUrl(url: string | undefined, pageUrl: string): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, new URL('/', pageUrl));
  } catch {
    return null;
  }
  if (parsed.protocol === 'https:') return parsed.href;
  const page = new URL(pageUrl);
  // Compared by protocol and host: the origin of an extension URL can read "null" for every extension.
  const ownFile = EXTENSION_PROTOCOLS.has(parsed.protocol) && parsed.protocol === page.protocol && parsed.host === page.host;
  return ownFile ? parsed.href : null;
}
