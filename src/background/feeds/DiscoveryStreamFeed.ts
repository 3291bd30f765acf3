// Stories and sponsored stories (Firefox's DiscoveryStreamFeed). Loads the
// feed at pref 'discoverystream.feedUrl', sanitises it, keeps the last good
// one in storage.local with its age and refreshes it on an alarm. With the
// pref empty nothing is fetched and the page says no source is set up: real
// users never see invented stories. A failed load keeps the last good feed on
// screen, or says the stories could not be loaded. Owns what must outlive a
// page: spoc impression times (frequency caps), blocks and the saved list.
// Sends spoc-fill entries for the spocs it holds back.
import { BroadcastToContent, action, type Action } from '../../common/actions';
import type { SpocFill } from '../../common/pings/types';
import type { StoriesUpdate } from '../../common/stories/reducer';
import { DEFAULT_SETTINGS, describeDropped, safeLinkUrl, sanitizeStoriesFeed } from '../../common/stories/sanitizeFeed';
import { selectEligibleSpocs, type SpocImpressions } from '../../common/stories/spocSelection';
import { feedRequestUrl, sanitizeTopics, type TopicsState } from '../../common/stories/topics';
import type { StoriesFeed, Story } from '../../common/stories/types';
import { SPONSORED_PREFS, sponsoredStoriesOn } from '../../common/sponsored';
import { fetchJsonCapped } from '../fetchJson';
import { withFeedSpocs } from './feedSpocs';
import type { KeyValueStorage } from '../storage';
import type { Feed, FeedStore } from './Feed';

export const STORAGE_KEYS = {
  feed: 'discoverystream.feed',
  impressions: 'discoverystream.spocImpressions',
  blocks: 'discoverystream.blocks',
  saved: 'discoverystream.saved',
  topics: 'discoverystream.sectionPersonalization',
} as const;

export const REFRESH_ALARM = 'discoverystream.refresh';
export const REFRESH_MINUTES = 30;
export const MAX_FEED_BYTES = 1_000_000;
const FETCH_TIMEOUT_MS = 15_000;
const MAX_BLOCKS = 1000;
const MAX_SAVED = 200;
/** Ids of pages saved from the browser start here, above the feeds' story ids. */
const PAGE_IDS_FROM = 2 ** 40;
/** The list's title limit; a page title's angle brackets are dropped, as the list refuses markup. */
const MAX_PAGE_TITLE = 200;
const MAX_IMPRESSIONS_PER_FLIGHT = 1000;

/** The last good feed, as stored, with the pref value it was loaded from. */
export interface CachedFeed {
  url: string;
  fetchedAt: number;
  feed: StoriesFeed;
}

interface Blocks {
  stories: number[];
  flights: string[];
}

export interface AlarmsLike {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes: number }): void;
}

export interface DiscoveryStreamDeps {
  storage: KeyValueStorage;
  fetch: typeof fetch;
  now(): number;
  alarms: AlarmsLike;
  /** Extension URL of the folder bundled images are in; relative image paths resolve against it. */
  bundledImageBase: string;
  log?: Pick<Console, 'warn' | 'error'>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class DiscoveryStreamFeed implements Feed {
  readonly name = 'DiscoveryStreamFeed';
  private cache: CachedFeed | null = null;
  /** True when the last load of the configured feed failed: the cache, if any, is on screen in its place. */
  private failed = false;
  private impressions: SpocImpressions = {};
  private blocks: Blocks = { stories: [], flights: [] };
  private saved: Story[] = [];
  /** Followed and blocked topics and liked stories, as last stored. */
  private topics: TopicsState = sanitizeTopics(undefined);
  /** Ids of the spocs last published as eligible, to report only newly dropped ones. */
  private eligibleIds = new Set<number>();
  private store: FeedStore | null = null;
  private refreshes = 0;
  private readonly log: Pick<Console, 'warn' | 'error'>;

  constructor(private readonly deps: DiscoveryStreamDeps) {
    this.log = deps.log ?? console;
  }

  /** Reads what earlier runs stored; call before the store starts. */
  async load(): Promise<void> {
    const [feed, impressions, blocks, saved, topics] = await Promise.all(
      Object.values(STORAGE_KEYS).map((key) =>
        this.deps.storage.get<unknown>(key).catch((error: unknown) => {
          this.log.error(`DiscoveryStreamFeed: could not read ${key}`, error);
          return undefined;
        }),
      ),
    );
    // Earlier versions cached the bundled sample under url ''; it is not shown to anyone now.
    if (isRecord(feed) && typeof feed.url === 'string' && feed.url !== '' && typeof feed.fetchedAt === 'number') {
      const checked = sanitizeStoriesFeed(feed.feed, { bundledImageBase: this.deps.bundledImageBase }).feed;
      if (checked) this.cache = { url: feed.url, fetchedAt: feed.fetchedAt, feed: checked };
    }
    if (isRecord(impressions)) {
      for (const [flightId, times] of Object.entries(impressions)) {
        if (Array.isArray(times)) this.impressions[flightId] = times.filter((t): t is number => typeof t === 'number');
      }
    }
    if (isRecord(blocks)) {
      this.blocks = {
        stories: Array.isArray(blocks.stories) ? blocks.stories.filter((id): id is number => typeof id === 'number') : [],
        flights: Array.isArray(blocks.flights) ? blocks.flights.filter((id): id is string => typeof id === 'string') : [],
      };
    }
    if (Array.isArray(saved)) {
      this.saved = sanitizeStoriesFeed({ stories: saved }, { bundledImageBase: this.deps.bundledImageBase }).feed?.stories ?? [];
    }
    this.topics = sanitizeTopics(topics);
  }

  onAction(a: Action, store: FeedStore): Promise<void> | void {
    switch (a.type) {
      case 'INIT':
        this.store = store;
        return this.start();
      case 'PREF_CHANGED':
        if (a.data.name === 'discoverystream.feedUrl') return this.refresh();
        if ((SPONSORED_PREFS as readonly string[]).includes(a.data.name)) {
          this.publish(null);
          // Spocs are fetched only while on, so turning them on fetches them now.
          if (this.spocsOn) return this.refresh();
        }
        return;
      case 'DISCOVERY_STREAM_SPOC_IMPRESSION':
        return this.recordImpression(a.data.flightId);
      case 'DISCOVERY_STREAM_BLOCK_STORY':
        return this.block(a.data.id, a.data.flightId);
      case 'DISCOVERY_STREAM_SAVE_STORY':
        return this.save(a.data.id);
      case 'DISCOVERY_STREAM_UNSAVE_STORY':
        return this.unsave(a.data.id);
      case 'FOLLOW_SECTION':
      case 'UNFOLLOW_SECTION':
      case 'BLOCK_SECTION':
      case 'UNBLOCK_SECTION':
      case 'DISCOVERY_STREAM_THUMBS_UP':
        return this.topicsChanged(store);
    }
  }

  /** Called for every alarm; the listener is registered at background start so the alarm can wake us. */
  onAlarm(name: string): void {
    if (name !== REFRESH_ALARM || !this.store) return;
    this.refresh().catch((error: unknown) => this.log.error('DiscoveryStreamFeed: refresh failed', error));
  }

  private get spocsOn(): boolean {
    const prefs = this.store?.getState().Prefs.values;
    return prefs ? sponsoredStoriesOn(prefs) : false;
  }

  private get feedUrl(): string {
    return this.store?.getState().Prefs.values['discoverystream.feedUrl'] ?? '';
  }

  /**
   * The shared Topics reducer has applied the page's change: keep it and tell
   * the other pages. The feed hears of it at its next load (the page already
   * hides blocked sections and puts followed ones first), so the grid does
   * not reload under the user's hand.
   */
  private async topicsChanged(store: FeedStore): Promise<void> {
    this.topics = store.getState().Topics;
    store.dispatch(BroadcastToContent(action('SECTION_PERSONALIZATION_UPDATE', this.topics)));
    await this.deps.storage.set(STORAGE_KEYS.topics, this.topics);
  }

  private async start(): Promise<void> {
    // The stored topics go to the background's store (and so to every page's first state).
    this.store?.dispatch(BroadcastToContent(action('SECTION_PERSONALIZATION_UPDATE', this.topics)));
    // Before any await: pages that reconnect to a restarted background get
    // the stories in their state at once, never a "loading" that would blank the grid.
    this.publish(null);
    // Re-creating an alarm restarts its period, and an event page starts often.
    if (!(await this.deps.alarms.get(REFRESH_ALARM))) {
      this.deps.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
    }
    const cache = this.cache;
    const fresh = cache && cache.url === this.feedUrl && this.deps.now() - cache.fetchedAt < REFRESH_MINUTES * 60_000;
    if (!fresh) await this.refresh();
  }

  /** Loads the configured feed; on failure keeps the last good one on screen, or reports the failure. */
  async refresh(): Promise<void> {
    const attempt = ++this.refreshes;
    const url = this.feedUrl;
    if (!url) return this.forget();
    try {
      const feed = await this.loadFeed(url);
      if (attempt === this.refreshes) await this.adopt({ url, fetchedAt: this.deps.now(), feed });
    } catch (error) {
      if (attempt !== this.refreshes) return;
      const shown = this.cache ? 'showing the last good feed' : 'no stories to show';
      this.log.warn(`DiscoveryStreamFeed: could not load ${url} (${String(error)}); ${shown}`);
      this.failed = true;
      this.publish(null);
    }
  }

  /** No feed is configured: the stories (and their spocs' history) of the last one go. */
  private async forget(): Promise<void> {
    const hadFeed = this.cache !== null;
    this.cache = null;
    this.failed = false;
    this.publish(null);
    if (!hadFeed) return;
    this.impressions = {};
    await Promise.all([
      this.deps.storage.remove(STORAGE_KEYS.feed),
      this.deps.storage.set(STORAGE_KEYS.impressions, this.impressions),
    ]);
  }

  private async loadFeed(url: string): Promise<StoriesFeed> {
    const options = { maxBytes: MAX_FEED_BYTES, timeoutMs: FETCH_TIMEOUT_MS };
    const fetchJson = (from: string) => fetchJsonCapped(this.deps.fetch, from, options);
    const raw = await withFeedSpocs(await fetchJson(feedRequestUrl(url, this.topics)), url, this.spocsOn, { fetchJson, log: this.log });
    const { feed, dropped } = sanitizeStoriesFeed(raw, { bundledImageBase: this.deps.bundledImageBase });
    const report = describeDropped(dropped);
    if (report) this.log.warn(`DiscoveryStreamFeed: ${url}: ${report}`);
    if (!feed) throw new Error('the feed has no valid story');
    return feed;
  }

  private async adopt(cache: CachedFeed): Promise<void> {
    this.cache = cache;
    this.failed = false;
    // Flights that left the feed will not be shown again; their history can go.
    // A feed loaded with spocs off has none, and says nothing of which flights remain.
    if (this.spocsOn) {
      const flights = new Set(cache.feed.spocs.map((s) => s.flightId));
      this.impressions = Object.fromEntries(Object.entries(this.impressions).filter(([id]) => flights.has(id)));
    }
    this.publish(1);
    await Promise.all([
      this.deps.storage.set(STORAGE_KEYS.feed, cache),
      this.deps.storage.set(STORAGE_KEYS.impressions, this.impressions),
    ]);
  }

  private async recordImpression(flightId: string): Promise<void> {
    if (!this.cache?.feed.spocs.some((s) => s.flightId === flightId)) return;
    this.impressions[flightId] = [...(this.impressions[flightId] ?? []), this.deps.now()].slice(-MAX_IMPRESSIONS_PER_FLIGHT);
    this.publish(0);
    await this.deps.storage.set(STORAGE_KEYS.impressions, this.impressions);
  }

  private async block(id: number, flightId: string | undefined): Promise<void> {
    const add = <T>(list: T[], item: T) => (list.includes(item) ? list : [...list, item].slice(-MAX_BLOCKS));
    this.blocks = flightId
      ? { ...this.blocks, flights: add(this.blocks.flights, flightId) }
      : { ...this.blocks, stories: add(this.blocks.stories, id) };
    this.publish(0);
    await this.deps.storage.set(STORAGE_KEYS.blocks, this.blocks);
  }

  private async save(id: number): Promise<void> {
    const feed = this.cache?.feed;
    const found = feed?.stories.find((s) => s.id === id) ?? feed?.spocs.find((s) => s.id === id);
    if (!found || this.saved.some((s) => s.id === id)) return;
    const { url, title, excerpt, publisher, image } = found;
    this.saved = [{ id, url, title, excerpt, publisher, image }, ...this.saved].slice(0, MAX_SAVED);
    this.publish(null);
    await this.deps.storage.set(STORAGE_KEYS.saved, this.saved);
  }

  /**
   * Saves a page from the browser (the save button or the context menu) to the
   * same list; it stays in this browser. A page already saved is not added twice.
   * Returns false for anything but an http(s) URL.
   */
  async savePage(url: string, title: string): Promise<boolean> {
    const link = safeLinkUrl(url);
    if (!link) return false;
    if (this.saved.some((s) => s.url === link)) return true;
    // Above any feed's ids, so a saved page never takes a story's id.
    const id = Math.max(PAGE_IDS_FROM, ...this.saved.map((s) => s.id)) + 1;
    const publisher = new URL(link).hostname.replace(/^www\./, '').slice(0, 80);
    const clean = title.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim().slice(0, MAX_PAGE_TITLE);
    this.saved = [{ id, url: link, title: clean || publisher, excerpt: '', publisher, image: null }, ...this.saved].slice(0, MAX_SAVED);
    this.publish(null);
    await this.deps.storage.set(STORAGE_KEYS.saved, this.saved);
    return true;
  }

  private async unsave(id: number): Promise<void> {
    this.saved = this.saved.filter((s) => s.id !== id);
    this.publish(null);
    await this.deps.storage.set(STORAGE_KEYS.saved, this.saved);
  }

  /**
   * Works out the stories and eligible spocs and broadcasts them. `fullRecalc`
   * 1 reports every held-back spoc (the feed was just loaded), 0 only those
   * newly held back (an impression or block), null nothing.
   */
  private publish(fullRecalc: 0 | 1 | null): void {
    if (!this.store) return;
    if (!this.cache || !this.feedUrl) {
      // Without a feed URL there is nothing to wait for; with one, the page shows
      // "loading" until the first load ends, then the failure if it failed.
      if (this.feedUrl && !this.failed) return;
      this.eligibleIds = new Set();
      this.broadcast({
        source: this.feedUrl ? 'failed' : 'none',
        fetchedAt: 0,
        settings: DEFAULT_SETTINGS,
        stories: [],
        spocs: [],
        topics: [],
        sections: [],
        saved: this.saved,
        blockedFlights: this.blocks.flights,
      });
      return;
    }
    const { url, fetchedAt, feed } = this.cache;
    const prefs = this.store.getState().Prefs.values;
    const blockedStories = new Set(this.blocks.stories);
    const { eligible, fills } = selectEligibleSpocs(
      sponsoredStoriesOn(prefs) ? feed.spocs : [],
      {
        impressions: this.impressions,
        blockedFlights: new Set(this.blocks.flights),
        minScore: feed.settings.spocMinScore,
        now: this.deps.now(),
      },
      fullRecalc ?? 0,
    );
    const report: SpocFill[] =
      fullRecalc === 1 ? fills : fullRecalc === 0 ? fills.filter((f) => this.eligibleIds.has(f.id)) : [];
    this.eligibleIds = new Set(eligible.map((s) => s.id));
    if (report.length) this.store.dispatch(action('DISCOVERY_STREAM_SPOCS_FILL', { spoc_fills: report }));
    this.broadcast({
      source: url === this.feedUrl && !this.failed ? 'feed' : 'cache',
      fetchedAt,
      settings: feed.settings,
      stories: feed.stories.filter((s) => !blockedStories.has(s.id)),
      spocs: eligible,
      topics: feed.topics,
      sections: feed.sections,
      saved: this.saved,
      blockedFlights: this.blocks.flights,
    });
  }

  private broadcast(update: StoriesUpdate): void {
    this.store?.dispatch(BroadcastToContent(action('DISCOVERY_STREAM_STORIES_UPDATE', update)));
  }
}
