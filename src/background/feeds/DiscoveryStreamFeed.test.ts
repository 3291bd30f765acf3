import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Middleware } from '@reduxjs/toolkit';
import { describe, expect, it, vi } from 'vitest';
import { AlsoToMain, action, type Action } from '../../common/actions';
import { PREF_DEFAULTS, type PrefValues } from '../../common/prefs';
import type { StoriesUpdate } from '../../common/stories/reducer';
import { memoryStorage } from '../storage';
import { createBackgroundStore } from '../store';
import { DiscoveryStreamFeed, MAX_FEED_BYTES, REFRESH_ALARM, REFRESH_MINUTES, STORAGE_KEYS } from './DiscoveryStreamFeed';

/** The bundled sample, configured explicitly by its extension URL as `npm start` and the tests do. */
const SAMPLE_URL = 'moz-extension://uuid/stories/sample-feed.json';
const BASE = 'moz-extension://uuid/stories/';
const REMOTE = 'http://127.0.0.1:9/stories.json';
const T0 = 1_800_000_000_000;

const sample = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/stories/sample-feed.json'), 'utf8'));

const remoteFeed = {
  settings: { spocPositions: [1], spocProbability: 1 },
  stories: [1, 2, 3].map((id) => ({ id, url: `https://n.example/${id}`, title: `Remote ${id}`, image: 'images/waves.svg' })),
  spocs: [
    {
      id: 50,
      url: 'https://ad.example/50',
      title: 'Ad',
      sponsor: 'Acme',
      flightId: 'f50',
      shim: { impression: 'imp50' },
      caps: { lifetime: 3, period: { count: 2, seconds: 3600 } },
    },
  ],
};

type Responder = (url: string) => Response | Promise<Response>;

function setup(options: { prefs?: Partial<PrefValues>; storage?: ReturnType<typeof memoryStorage>; respond?: Responder } = {}) {
  const storage = options.storage ?? memoryStorage();
  const sent: Action[] = [];
  const clock = { now: T0 };
  const respond: Responder =
    options.respond ?? ((url) => new Response(JSON.stringify(url === SAMPLE_URL ? sample : remoteFeed)));
  const fetchFn = vi.fn(async (input: RequestInfo | URL) => respond(String(input)));
  const alarms = { get: vi.fn(async (_name: string): Promise<unknown> => undefined), create: vi.fn() };
  const log = { warn: vi.fn(), error: vi.fn() };
  const feed = new DiscoveryStreamFeed({
    storage,
    fetch: fetchFn as unknown as typeof fetch,
    now: () => clock.now,
    alarms,
    bundledImageBase: BASE,
    log,
  });
  const record: Middleware = () => (next) => (a) => {
    sent.push(a as Action);
    return next(a);
  };
  const store = createBackgroundStore([feed], record);
  const start = async () => {
    await feed.load();
    store.dispatch(action('PREFS_INITIAL_VALUES', { ...PREF_DEFAULTS, ...options.prefs }));
    store.dispatch(action('INIT', undefined));
    await settle();
  };
  const lastUpdate = () => sent.filter((a) => a.type === 'DISCOVERY_STREAM_STORIES_UPDATE').at(-1)?.data as StoriesUpdate;
  const fills = () => sent.filter((a) => a.type === 'DISCOVERY_STREAM_SPOCS_FILL').map((a) => a.data);
  const fromPage = (a: Action) => store.dispatch(AlsoToMain(a, 'port-1'));
  return { storage, sent, clock, fetchFn, alarms, log, feed, store, start, lastUpdate, fills, fromPage };
}

/** Lets every pending promise (fetches, storage writes) run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

const NO_STORIES = { source: 'none', fetchedAt: 0, stories: [], spocs: [], topics: [] };

describe('DiscoveryStreamFeed', () => {
  it('with no feed configured fetches nothing, shows no stories and no spocs, and says no source is set up', async () => {
    const t = setup();
    await t.start();
    expect(t.fetchFn).not.toHaveBeenCalled();
    expect(t.lastUpdate()).toMatchObject(NO_STORIES);
    expect(t.store.getState().DiscoveryStream).toMatchObject({ status: 'ready', source: 'none' });
    expect(t.fills()).toEqual([]);
    expect(t.storage.data[STORAGE_KEYS.feed]).toBeUndefined();
    // Sponsored stories switched on changes nothing: there is no feed to take them from.
    t.store.dispatch(action('PREF_CHANGED', { name: 'showSponsored', value: true }));
    expect(t.lastUpdate()).toMatchObject(NO_STORIES);
  });

  it('never shows the bundled sample an earlier version cached for an empty pref', async () => {
    const storage = memoryStorage();
    await storage.set(STORAGE_KEYS.feed, { url: '', fetchedAt: T0, feed: sample });
    const t = setup({ storage, prefs: { 'discoverystream.feedUrl': REMOTE }, respond: () => new Response('', { status: 503 }) });
    await t.start();
    const updates = t.sent.filter((a) => a.type === 'DISCOVERY_STREAM_STORIES_UPDATE').map((a) => a.data as StoriesUpdate);
    expect(updates.map((u) => u.source)).toEqual(['failed']);
    expect(t.lastUpdate().stories).toEqual([]);
  });

  it('loads the bundled sample when its extension URL is configured, reports held-back spocs once and caches it', async () => {
    const t = setup({ prefs: { 'discoverystream.feedUrl': SAMPLE_URL } });
    await t.start();
    expect(t.fetchFn).toHaveBeenCalledWith(SAMPLE_URL, expect.objectContaining({ credentials: 'omit' }));
    const update = t.lastUpdate();
    expect(update.source).toBe('feed');
    expect(update.stories).toHaveLength(30);
    expect(update.spocs.map((s) => s.id)).toEqual([9001, 9002, 9005, 9006]);
    expect(update.stories[0]!.image).toBe(`${BASE}images/kitchen.svg`);
    expect(t.fills()).toEqual([
      {
        spoc_fills: [
          { id: 9004, displayed: 0, reason: 'below_min_score', full_recalc: 1 },
          { id: 9003, displayed: 0, reason: 'flight_duplicate', full_recalc: 1 },
        ],
      },
    ]);
    expect(t.storage.data[STORAGE_KEYS.feed]).toMatchObject({ url: SAMPLE_URL, fetchedAt: T0 });
    expect(t.alarms.create).toHaveBeenCalledWith(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  });

  it('loads the configured feed, and after a restart uses the cache until it is due, then the alarm refreshes it', async () => {
    const first = setup({ prefs: { 'discoverystream.feedUrl': REMOTE } });
    await first.start();
    expect(first.lastUpdate()).toMatchObject({ source: 'feed', fetchedAt: T0 });
    expect(first.lastUpdate().stories.map((s) => s.title)).toEqual(['Remote 1', 'Remote 2', 'Remote 3']);

    const restarted = setup({ prefs: { 'discoverystream.feedUrl': REMOTE }, storage: first.storage });
    restarted.alarms.get.mockResolvedValue({ name: REFRESH_ALARM });
    restarted.clock.now = T0 + 60_000;
    await restarted.start();
    expect(restarted.fetchFn).not.toHaveBeenCalled();
    expect(restarted.alarms.create).not.toHaveBeenCalled();
    expect(restarted.lastUpdate()).toMatchObject({ source: 'feed', fetchedAt: T0 });
    // A cache restore is not a fetch: no spoc fills.
    expect(restarted.fills()).toEqual([]);

    restarted.clock.now = T0 + REFRESH_MINUTES * 60_000;
    restarted.feed.onAlarm(REFRESH_ALARM);
    await settle();
    expect(restarted.fetchFn).toHaveBeenCalledWith(REMOTE, expect.anything());
    expect(restarted.lastUpdate().fetchedAt).toBe(T0 + REFRESH_MINUTES * 60_000);
  });

  it('after a restart has the cached stories in its state before anything async, so reconnecting pages never see "loading"', async () => {
    const prefs = { ...PREF_DEFAULTS, 'discoverystream.feedUrl': SAMPLE_URL };
    const first = setup({ prefs });
    await first.start();
    const restarted = setup({ storage: first.storage });
    await restarted.feed.load();
    restarted.store.dispatch(action('PREFS_INITIAL_VALUES', prefs));
    restarted.store.dispatch(action('INIT', undefined));
    expect(restarted.store.getState().DiscoveryStream).toMatchObject({ status: 'ready', fetchedAt: T0 });
  });

  it('keeps the last good feed on screen when the feed fails, and without a cache says the stories could not be loaded', async () => {
    const good = setup({ prefs: { 'discoverystream.feedUrl': REMOTE } });
    await good.start();

    const failing = setup({
      prefs: { 'discoverystream.feedUrl': `${REMOTE}?v=2` },
      storage: good.storage,
      respond: () => new Response('oops', { status: 500 }),
    });
    await failing.start();
    expect(failing.lastUpdate()).toMatchObject({ source: 'cache', fetchedAt: T0 });
    expect(failing.lastUpdate().stories[0]!.title).toBe('Remote 1');
    expect(failing.log.warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 500'));

    let serverUp = false;
    const fresh = setup({
      prefs: { 'discoverystream.feedUrl': REMOTE },
      respond: () => (serverUp ? new Response(JSON.stringify(remoteFeed)) : new Response('', { status: 404 })),
    });
    await fresh.feed.load();
    fresh.store.dispatch(action('PREFS_INITIAL_VALUES', { ...PREF_DEFAULTS, 'discoverystream.feedUrl': REMOTE }));
    fresh.store.dispatch(action('INIT', undefined));
    // Loading: nothing published yet, so the page keeps its placeholders.
    expect(fresh.store.getState().DiscoveryStream.status).toBe('loading');
    await settle();
    expect(fresh.fetchFn.mock.calls.map(([url]) => String(url))).toEqual([REMOTE]);
    expect(fresh.lastUpdate()).toMatchObject({ ...NO_STORIES, source: 'failed' });
    expect(fresh.fills()).toEqual([]);
    expect(fresh.log.warn).toHaveBeenCalledWith(expect.stringContaining('no stories to show'));

    // The feed working again at the next refresh replaces the failure.
    serverUp = true;
    fresh.feed.onAlarm(REFRESH_ALARM);
    await settle();
    expect(fresh.lastUpdate()).toMatchObject({ source: 'feed', stories: [{ title: 'Remote 1' }, {}, {}] });
  });

  it('refuses an oversized feed and logs what it dropped from a hostile one', async () => {
    const huge = setup({
      prefs: { 'discoverystream.feedUrl': REMOTE },
      respond: () => new Response('x'.repeat(MAX_FEED_BYTES + 1)),
    });
    await huge.start();
    expect(huge.lastUpdate()).toMatchObject({ source: 'failed', stories: [] });
    expect(huge.log.warn).toHaveBeenCalledWith(expect.stringContaining('byte cap'));

    const hostile = setup({
      prefs: { 'discoverystream.feedUrl': REMOTE },
      respond: () =>
        new Response(
          JSON.stringify({
            stories: [
              ...remoteFeed.stories,
              { id: 4, url: 'javascript:alert(1)', title: 'x' },
              { id: 5, url: 'https://n.example/5', title: '<script>alert(1)</script>' },
            ],
          }),
        ),
    });
    await hostile.start();
    expect(hostile.lastUpdate().stories.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(hostile.log.warn).toHaveBeenCalledWith(
      `DiscoveryStreamFeed: ${REMOTE}: 2 dropped: 1 unsafe url, 1 markup in text`,
    );
  });

  it('counts spoc impressions towards frequency caps, across restarts, and reports the newly capped spoc', async () => {
    const t = setup({ prefs: { 'discoverystream.feedUrl': REMOTE } });
    await t.start();
    expect(t.lastUpdate().spocs.map((s) => s.id)).toEqual([50]);
    t.fromPage(action('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId: 'f50' }));
    t.fromPage(action('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId: 'not-in-feed' }));
    await settle();
    expect(t.lastUpdate().spocs.map((s) => s.id)).toEqual([50]);
    t.clock.now += 1000;
    t.fromPage(action('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId: 'f50' }));
    await settle();
    expect(t.lastUpdate().spocs).toEqual([]);
    expect(t.fills().at(-1)).toEqual({ spoc_fills: [{ id: 50, displayed: 0, reason: 'frequency_cap', full_recalc: 0 }] });
    expect(t.storage.data[STORAGE_KEYS.impressions]).toEqual({ f50: [T0, T0 + 1000] });

    const restarted = setup({ prefs: { 'discoverystream.feedUrl': REMOTE }, storage: t.storage });
    restarted.clock.now = T0 + 10 * 60_000;
    await restarted.start();
    expect(restarted.lastUpdate().spocs).toEqual([]);
    // After the period only the lifetime cap (3) is left, and it is not reached yet.
    restarted.clock.now = T0 + REFRESH_MINUTES * 60_000 + 3600_000;
    restarted.feed.onAlarm(REFRESH_ALARM);
    await settle();
    expect(restarted.lastUpdate().spocs.map((s) => s.id)).toEqual([50]);
  });

  it('blocks stories and whole spoc flights for good, and keeps the saved list', async () => {
    const t = setup({ prefs: { 'discoverystream.feedUrl': REMOTE } });
    await t.start();
    t.fromPage(action('DISCOVERY_STREAM_BLOCK_STORY', { id: 2 }));
    t.fromPage(action('DISCOVERY_STREAM_BLOCK_STORY', { id: 50, flightId: 'f50' }));
    t.fromPage(action('DISCOVERY_STREAM_SAVE_STORY', { id: 3 }));
    t.fromPage(action('DISCOVERY_STREAM_SAVE_STORY', { id: 1 }));
    t.fromPage(action('DISCOVERY_STREAM_UNSAVE_STORY', { id: 3 }));
    await settle();
    expect(t.fills().at(-1)).toEqual({ spoc_fills: [{ id: 50, displayed: 0, reason: 'blocked_by_user', full_recalc: 0 }] });

    const restarted = setup({ prefs: { 'discoverystream.feedUrl': REMOTE }, storage: t.storage });
    await restarted.start();
    const update = restarted.lastUpdate();
    expect(update.stories.map((s) => s.id)).toEqual([1, 3]);
    expect(update.spocs).toEqual([]);
    expect(update.blockedFlights).toEqual(['f50']);
    expect(update.saved.map((s) => s.title)).toEqual(['Remote 1']);
  });

  it('saves pages from the browser to the same list, once each, kept across a restart, even with no feed', async () => {
    const t = setup();
    await t.start();
    expect(await t.feed.savePage('https://www.example.org/a?x=1', '  A <b>page</b>  title ')).toBe(true);
    expect(await t.feed.savePage('https://www.example.org/a?x=1', 'Again')).toBe(true);
    expect(await t.feed.savePage('https://example.net/', '')).toBe(true);
    expect(await t.feed.savePage('javascript:alert(1)', 'x')).toBe(false);
    expect(await t.feed.savePage('file:///etc/passwd', 'x')).toBe(false);
    const restarted = setup({ storage: t.storage });
    await restarted.start();
    expect(restarted.lastUpdate().saved.map(({ url, title, publisher }) => ({ url, title, publisher }))).toEqual([
      { url: 'https://example.net/', title: 'example.net', publisher: 'example.net' },
      { url: 'https://www.example.org/a?x=1', title: 'A bpage/b title', publisher: 'example.org' },
    ]);
    expect(restarted.lastUpdate().saved.every((s) => s.id > 2 ** 40)).toBe(true);
  });

  it('offers no spocs and reports none while sponsored stories are off', async () => {
    const t = setup({ prefs: { showSponsored: false, 'discoverystream.feedUrl': SAMPLE_URL } });
    await t.start();
    expect(t.lastUpdate().spocs).toEqual([]);
    expect(t.fills()).toEqual([]);
    t.store.dispatch(action('PREF_CHANGED', { name: 'showSponsored', value: true }));
    await settle();
    expect(t.lastUpdate().spocs.map((s) => s.id)).toEqual([9001, 9002, 9005, 9006]);
  });

  describe('with the spocs at their own address (the feed\'s spocsUrl)', () => {
    const SPOCS = 'http://127.0.0.1:9/spocs.json';
    const respond: Responder = (url) =>
      new Response(JSON.stringify(url === SPOCS ? { spocs: remoteFeed.spocs } : { ...remoteFeed, spocs: [], spocsUrl: 'spocs.json' }));
    const fetched = (t: ReturnType<typeof setup>) => t.fetchFn.mock.calls.map(([url]) => String(url));

    it('fetches them while sponsored content is on', async () => {
      const t = setup({ prefs: { 'discoverystream.feedUrl': REMOTE }, respond });
      await t.start();
      expect(fetched(t)).toEqual([REMOTE, SPOCS]);
      expect(t.lastUpdate().spocs.map((s) => s.id)).toEqual([50]);
    });

    it.each([
      ['the one "Sponsored content" switch', { showSponsoredCheckboxes: false }, 'showSponsoredCheckboxes'],
      ['sponsored stories', { showSponsored: false }, 'showSponsored'],
    ] as const)('never requests them while %s is off, and does as soon as it is on', async (_label, off, pref) => {
      const t = setup({ prefs: { 'discoverystream.feedUrl': REMOTE, ...off }, respond });
      await t.start();
      expect(fetched(t)).toEqual([REMOTE]);
      expect(t.lastUpdate().spocs).toEqual([]);
      t.store.dispatch(action('PREF_CHANGED', { name: pref, value: true }));
      await settle();
      expect(fetched(t)).toEqual([REMOTE, REMOTE, SPOCS]);
      expect(t.lastUpdate().spocs.map((s) => s.id)).toEqual([50]);
    });

    it('shows the stories without spocs when the spocs fail, and refuses an address no feed may have', async () => {
      const failing = setup({
        prefs: { 'discoverystream.feedUrl': REMOTE },
        respond: (url) => (url === SPOCS ? new Response('no', { status: 500 }) : respond(url)),
      });
      await failing.start();
      expect(failing.lastUpdate()).toMatchObject({ source: 'feed', spocs: [] });
      expect(failing.lastUpdate().stories).toHaveLength(3);
      const elsewhere = setup({
        prefs: { 'discoverystream.feedUrl': REMOTE },
        respond: () => new Response(JSON.stringify({ ...remoteFeed, spocsUrl: 'http://ads.example/spocs.json' })),
      });
      await elsewhere.start();
      expect(fetched(elsewhere)).toEqual([REMOTE]);
      expect(elsewhere.lastUpdate().spocs).toEqual([]);
      expect(elsewhere.log.warn).toHaveBeenCalledWith(expect.stringContaining('spocsUrl is not an allowed address'));
    });
  });

  it('keeps the spocs\' impression history (their caps) through a load made while sponsored content is off', async () => {
    const t = setup({ prefs: { 'discoverystream.feedUrl': REMOTE } });
    await t.start();
    t.fromPage(action('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId: 'f50' }));
    await settle();
    t.store.dispatch(action('PREF_CHANGED', { name: 'showSponsoredCheckboxes', value: false }));
    t.clock.now += REFRESH_MINUTES * 60_000;
    await t.feed.refresh();
    expect(await t.storage.get(STORAGE_KEYS.impressions)).toEqual({ f50: [T0] });
  });

  it('loads the new feed when the feed URL pref changes, and drops it and its spocs’ history when the pref is emptied', async () => {
    const t = setup();
    await t.start();
    t.store.dispatch(action('PREF_CHANGED', { name: 'discoverystream.feedUrl', value: REMOTE }));
    await settle();
    expect(t.lastUpdate().source).toBe('feed');
    expect(t.lastUpdate().stories[0]!.title).toBe('Remote 1');
    t.fromPage(action('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId: 'f50' }));
    t.fromPage(action('DISCOVERY_STREAM_SAVE_STORY', { id: 2 }));
    await settle();

    t.store.dispatch(action('PREF_CHANGED', { name: 'discoverystream.feedUrl', value: '' }));
    await settle();
    // The user's saved list is theirs and stays.
    expect(t.lastUpdate()).toMatchObject({ ...NO_STORIES, saved: [expect.objectContaining({ id: 2, title: 'Remote 2' })] });
    expect(t.storage.data[STORAGE_KEYS.feed]).toBeUndefined();
    expect(t.storage.data[STORAGE_KEYS.impressions]).toEqual({});
    expect(t.fetchFn).toHaveBeenCalledTimes(1);
  });

  it('keeps followed and blocked topics and liked stories, tells every page, and the next load asks the feed with their ids only', async () => {
    const t = setup({ prefs: { 'discoverystream.feedUrl': REMOTE } });
    await t.start();
    expect(t.fetchFn).toHaveBeenLastCalledWith(REMOTE, expect.anything());
    t.fromPage(action('FOLLOW_SECTION', { section: 'tech' }));
    t.fromPage(action('FOLLOW_SECTION', { section: 'food' }));
    t.fromPage(action('BLOCK_SECTION', { section: 'travel' }));
    t.fromPage(action('DISCOVERY_STREAM_THUMBS_UP', { id: 2 }));
    await settle();
    const kept = { followed: ['tech', 'food'], blocked: ['travel'], liked: [2] };
    expect(t.storage.data[STORAGE_KEYS.topics]).toEqual(kept);
    const broadcast = t.sent.filter((a) => a.type === 'SECTION_PERSONALIZATION_UPDATE').at(-1)!;
    expect(broadcast).toMatchObject({ data: kept, meta: { to: 'ActivityStream:Content' } });
    // The page already shows the change: no reload of the grid under the user's hand.
    expect(t.fetchFn).toHaveBeenCalledTimes(1);

    await t.feed.refresh();
    expect(t.fetchFn).toHaveBeenLastCalledWith(`${REMOTE}?followed=food%2Ctech&blocked=travel`, expect.anything());
    // The cache still belongs to the pref's URL, so a restart does not count it stale.
    expect((t.storage.data[STORAGE_KEYS.feed] as { url: string }).url).toBe(REMOTE);
  });

  it('gives a restarted background, and so every page’s first state, the stored topics', async () => {
    const storage = memoryStorage();
    await storage.set(STORAGE_KEYS.topics, { followed: ['tech', 'Bad Id'], blocked: ['travel'], liked: [5] });
    const t = setup({ storage });
    await t.start();
    expect(t.store.getState().Topics).toEqual({ followed: ['tech'], blocked: ['travel'], liked: [5] });
  });

  it('passes sections and the stories’ section through to the pages', async () => {
    const feedWithSections = {
      ...remoteFeed,
      sections: [{ id: 'tech', title: 'Tech' }],
      stories: remoteFeed.stories.map((s, i) => (i === 0 ? { ...s, section: 'tech' } : s)),
    };
    const t = setup({ prefs: { 'discoverystream.feedUrl': REMOTE }, respond: () => new Response(JSON.stringify(feedWithSections)) });
    await t.start();
    expect(t.lastUpdate().sections).toEqual([{ id: 'tech', title: 'Tech', subtitle: '' }]);
    expect(t.lastUpdate().stories.map((s) => s.section)).toEqual(['tech', undefined, undefined]);
  });
});
