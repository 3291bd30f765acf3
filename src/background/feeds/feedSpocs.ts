// Where a stories feed's sponsored stories come from, as in Firefox, whose
// layout names a separate spocs endpoint: the feed's `spocsUrl` (absolute, or
// relative to the feed's address) is fetched only while sponsored stories are
// on; a feed without one may carry its spocs inline. While they are off, no
// spocs request is made and inline spocs are dropped before anything keeps them.
import { isAllowedFeedUrl } from '../../common/prefs';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FeedSpocsDeps {
  /** Fetches and parses a JSON document (with the feed's own size and time limits). */
  fetchJson(url: string): Promise<unknown>;
  log: Pick<Console, 'warn'>;
}

/** `raw` with its `spocs` resolved and `spocsUrl` removed, ready for sanitizeStoriesFeed. */
export async function withFeedSpocs(raw: unknown, feedUrl: string, spocsOn: boolean, deps: FeedSpocsDeps): Promise<unknown> {
  if (!isRecord(raw)) return raw;
  const { spocsUrl, ...feed } = raw;
  if (!spocsOn) return { ...feed, spocs: [] };
  if (spocsUrl === undefined) return feed;
  const url = typeof spocsUrl === 'string' ? resolve(spocsUrl, feedUrl) : null;
  if (!url || !isAllowedFeedUrl(url)) {
    deps.log.warn(`DiscoveryStreamFeed: ${feedUrl}: spocsUrl is not an allowed address; no sponsored stories`);
    return { ...feed, spocs: [] };
  }
  try {
    const doc = await deps.fetchJson(url);
    return { ...feed, spocs: isRecord(doc) ? doc.spocs : undefined };
  } catch (error) {
    // The stories still show; only their sponsored ones are missing this time.
    deps.log.warn(`DiscoveryStreamFeed: could not load the spocs at ${url} (${String(error)})`);
    return { ...feed, spocs: [] };
  }
}

function resolve(url: string, base: string): string | null {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}
