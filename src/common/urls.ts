// Small URL checks used by pages and the background.

/** Links we open or bookmark must be web pages: no javascript:, data:, file: or extension URLs. */
export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * scheme://host of any URL. URL.origin is "null" for moz-extension: outside
 * Firefox, so it is built by hand; null when the URL does not parse.
 */
export function urlOrigin(url: string): string | null {
  try {
    const { protocol, host } = new URL(url);
    return host ? `${protocol}//${host}` : null;
  } catch {
    return null;
  }
}
