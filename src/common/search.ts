// Search rules shared by the page (input limits) and the background (what a
// handed-off text turns into).

/** Longer text is no search anyone typed; the cap keeps a page from pushing megabytes at the engine. */
export const MAX_SEARCH_TEXT_LENGTH = 1000;

export type AddressBarTarget = { kind: 'url'; url: string } | { kind: 'search'; text: string };

// A bare host name with a letters-only top-level domain, optional port and path: "example.com/a".
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,63}(:\d{1,5})?([/?#]\S*)?$/i;

/**
 * What the address bar would do with typed or pasted text: open a web address
 * (with or without its scheme), search for anything else. Only http(s) pages
 * are ever opened.
 */
export function addressBarTarget(text: string): AddressBarTarget {
  const trimmed = text.trim();
  if (/^https?:\/\/\S+$/i.test(trimmed)) {
    try {
      return { kind: 'url', url: new URL(trimmed).href };
    } catch {
      // Not a valid URL after all: search for it.
    }
  }
  if (BARE_HOST.test(trimmed)) return { kind: 'url', url: new URL(`https://${trimmed}`).href };
  return { kind: 'search', text: trimmed };
}
