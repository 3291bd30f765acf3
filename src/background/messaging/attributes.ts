// The targeting attributes: only what an extension can truly know about
// this browser. Each is read when an expression first asks for it
// (targeting.ts). Top sites are offered as hosts and counts for expressions
// to test; nothing read here ever goes into a ping. Documented, with types,
// in docs/messaging.md.
import type { PrefValues } from '../../common/prefs';
import type { BrowserSetting } from '../browserData';
import type { AttributeReaders } from './targeting';

export interface AttributeSources {
  /** The browser's UI locale, e.g. "en-US". */
  locale(): string;
  /** The browser's full version, e.g. "140.0.2". */
  browserVersion(): Promise<string>;
  addonVersion: string;
  releaseChannel: string;
  now(): number;
  firstRunAt(): number | undefined;
  previousSessionEnd(): number | undefined;
  topSiteUrls(): Promise<string[]>;
  totalBookmarksCount(): Promise<number>;
  countPinnedTabs(): Promise<number>;
  prefs(): PrefValues;
  messageImpressions(): Record<string, readonly number[]>;
  providerCohorts(): Record<string, string>;
  /** Firefox only (browserSettings); null where the browser cannot tell. */
  newTabPage(): Promise<BrowserSetting | null>;
  homepage(): Promise<BrowserSetting | null>;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** How long a places query's answer counts as fresh for targeting. */
export const PLACES_QUERY_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * Keeps a slow read's last answer, as Firefox's QueryCache keeps its places
 * queries: fresh for `maxAgeMs`, then still answered at once while a new read
 * runs behind it. A busy browser's history or bookmarks query can take longer
 * than targeting waits (ATTRIBUTE_TIME_LIMIT_MS), and a message the user
 * qualified for a moment ago must not be skipped for it. Only the first read
 * waits; reads at the same time share one query; a failed read keeps the last
 * answer, or is tried again next time.
 */
export function keptAnswer<T>(read: () => Promise<T>, maxAgeMs: number, now: () => number): () => Promise<T> {
  let last: { value: T; at: number } | null = null;
  let pending: Promise<T> | null = null;
  const readNow = () =>
    (pending ??= read()
      .then((value) => {
        last = { value, at: now() };
        return value;
      })
      .finally(() => {
        pending = null;
      }));
  return () => {
    if (!last) return readNow();
    if (now() - last.at >= maxAgeMs) void readNow().catch(() => undefined);
    return Promise.resolve(last.value);
  };
}

/** True when our page is the one the browser shows; undefined where the browser cannot tell. */
async function isOurs(setting: Promise<BrowserSetting | null>): Promise<boolean | undefined> {
  const s = await setting;
  return s ? s.levelOfControl === 'controlled_by_this_extension' : undefined;
}

export function attributeReaders(src: AttributeSources): AttributeReaders {
  const now = () => src.now();
  const topSiteUrls = keptAnswer(() => src.topSiteUrls(), PLACES_QUERY_MAX_AGE_MS, now);
  const totalBookmarksCount = keptAnswer(() => src.totalBookmarksCount(), PLACES_QUERY_MAX_AGE_MS, now);
  return {
    locale: () => src.locale(),
    localeLanguageCode: () => src.locale().split(/[-_]/)[0]!.toLowerCase(),
    browserVersion: async () => Number.parseInt(await src.browserVersion(), 10) || 0,
    addonVersion: () => src.addonVersion,
    currentDate: () => new Date(src.now()),
    profileAgeCreated: () => src.firstRunAt(),
    previousSessionEnd: () => src.previousSessionEnd(),
    topSitesCount: async () => (await topSiteUrls()).length,
    topFrecentSites: async () =>
      (await topSiteUrls()).flatMap((url) => {
        const host = hostOf(url);
        return host ? [{ host }] : [];
      }),
    totalBookmarksCount,
    hasPinnedTabs: async () => (await src.countPinnedTabs()) > 0,
    userPrefs: () => {
      const p = src.prefs();
      return {
        snippets: p['feeds.snippets'],
        cfrAddons: p['asrouter.userprefs.cfr.addons'],
        cfrFeatures: p['asrouter.userprefs.cfr.features'],
        topSites: p['feeds.topsites'],
        topStories: p['feeds.section.topstories'],
        highlights: p['feeds.section.highlights'],
        showSearch: p.showSearch,
        showSponsored: p.showSponsored,
        showSponsoredTopSites: p.showSponsoredTopSites,
      };
    },
    messageImpressions: () => src.messageImpressions(),
    providerCohorts: () => src.providerCohorts(),
    releaseChannel: () => src.releaseChannel,
    isDefaultNewtab: () => isOurs(src.newTabPage()),
    isDefaultHomepage: () => isOurs(src.homepage()),
  };
}

/** The attribute names, as documented. */
export const ATTRIBUTE_NAMES = Object.keys(attributeReaders({} as AttributeSources));
