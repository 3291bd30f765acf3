import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ac, action } from '../../common/actions';
import { memoryStorage } from '../storage';
import { errorsOf, ourValidator } from '../../test-support/pingSchemas';
import type { QueuedPing } from './PingQueue';
import { IDENTITY_KEY } from './identity';
import { SESSIONS_KEY } from './sessions';
import { createTelemetryHarness, FakeClock, RecordingTransport, TEST_BUILD, type TelemetryHarness } from '../../test-support/telemetryHarness';
import { batchTransport, type FetchLike } from './transports';

const PAGE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const BRACED = /^\{[0-9a-f-]{36}\}$/;

/** Sends everything queued and returns the documents, each checked against our schema. */
async function delivered(h: TelemetryHarness): Promise<QueuedPing[]> {
  await h.settle();
  await h.feed.sender.flushAll();
  for (const doc of h.transport.sent) {
    const [, , namespace, docType, version] = doc.uri.split('/');
    const validate = ourValidator(namespace!, docType!, Number(version));
    expect(validate(doc.payload), `${doc.uri}: ${errorsOf(validate)}`).toBe(true);
  }
  return h.transport.sent;
}

const ofType = (docs: QueuedPing[], docType: string) => docs.filter((d) => d.uri.split('/')[3] === docType);

async function started(options: Parameters<typeof createTelemetryHarness>[0] = {}) {
  const h = createTelemetryHarness(options);
  await h.start();
  return h;
}

describe('TelemetryFeed: what pages report becomes pings with identity added here', () => {
  it('turns a user event into an events ping with the ids, session, page, prefs and build', async () => {
    const h = await started({ prefs: { showSponsored: false } });
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    await h.fromPage(PAGE, ac.UserEvent({ event: 'HIDE_PERSONALIZE' }));
    const [show, hide] = await delivered(h);
    const identity = h.local.data[IDENTITY_KEY] as { client_id: string };
    expect(show!.payload).toMatchObject({
      event: 'SHOW_PERSONALIZE',
      client_id: identity.client_id,
      page: 'about:newtab',
      addon_version: TEST_BUILD.buildId,
      version: '153.8.0',
      locale: 'en-US',
      release_channel: 'default',
      experiments: {},
      // Every switch on (the widgets' and topic sections' too, by default) but showSponsored (off in this test) and 1024 (no wallpaper chosen).
      user_prefs: 1023 - 32 + 2048 + 4096 + 8192 + 16384,
    });
    expect(show!.payload.session_id).toMatch(BRACED);
    expect(hide!.payload.session_id).toBe(show!.payload.session_id);
    expect(hide!.docId).not.toBe(show!.docId);
    expect(show!.uri).toBe(`/submit/activity-stream/events/1/${show!.docId}`);
  });

  it('gives each page connection its own session; the options page reports page "unknown"', async () => {
    const h = await started();
    await h.connect(PAGE, { page: 'about:home' });
    await h.connect(OTHER, { page: 'about:preferences' });
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SEARCH' }));
    await h.fromPage(OTHER, ac.UserEvent({ event: 'PREF_CHANGED', source: 'TOP_STORIES', value: { status: false, menu_source: 'ABOUT_PREFERENCES' } }));
    const [home, options] = await delivered(h);
    expect(home!.payload.page).toBe('about:home');
    expect(options!.payload.page).toBe('unknown');
    expect(options!.payload.session_id).not.toBe(home!.payload.session_id);
  });

  it('sends impression stats at once, with the impression id and no client id', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.ImpressionStats({ source: 'CARDGRID', tiles: [{ id: 10, pos: 2 }], click: 0 }));
    const [doc] = await delivered(h);
    expect(doc!.uri).toMatch(/^\/submit\/activity-stream\/impression-stats\/1\//);
    expect(doc!.payload).toMatchObject({ page: 'about:newtab', source: 'CARDGRID', click: 0, impression_id: expect.stringMatching(BRACED) });
    expect(doc!.payload).not.toHaveProperty('client_id');
  });

  it('sends spoc fills and sponsored tiles through their builders', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.DiscoveryStreamSpocsFill({ spoc_fills: [{ id: 9, displayed: 1, reason: 'n/a', full_recalc: 1 }] }));
    await h.fromPage(PAGE, ac.DiscoveryStreamSpocsFill({ spoc_fills: [] }));
    await h.fromPage(PAGE, ac.SponsoredTileEvent({ type: 'impression', tile_id: 3, position: 1, advertiser: 'example', source: 'newtab' }));
    const docs = await delivered(h);
    expect(docs.map((d) => d.uri.split('/').slice(2, 4).join('/'))).toEqual(['activity-stream/spoc-fills', 'contextual-services/topsites-impression']);
    expect(docs[1]!.payload).toMatchObject({ context_id: expect.stringMatching(BRACED) });
  });

  it('puts the active experiments on every ping from the moment they change, and sends the experiment events', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    await h.dispatch(action('EXPERIMENTS_UPDATED', { 'welcome-order': { branch: 'treatment' } }));
    await h.dispatch(action('EXPERIMENT_EVENT', { category: 'normandy', method: 'enroll', object: 'nimbus_experiment', value: 'welcome-order', extra_keys: { branch: 'treatment' } }));
    await h.fromPage(PAGE, ac.UserEvent({ event: 'HIDE_PERSONALIZE' }));
    await h.dispatch(action('EXPERIMENTS_UPDATED', {}));
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    const docs = await delivered(h);
    expect(docs.map((d) => [d.uri.split('/')[3], d.payload.experiments])).toEqual([
      ['events', {}],
      ['messaging-experiments', { 'welcome-order': { branch: 'treatment' } }],
      ['events', { 'welcome-order': { branch: 'treatment' } }],
      ['events', {}],
    ]);
    expect(docs[1]!.payload).toMatchObject({ category: 'normandy', method: 'enroll', value: 'welcome-order', extra_keys: { branch: 'treatment' } });
  });

  it('sends the spoc fills that the background DiscoveryStreamFeed reports with no page session', async () => {
    const h = await started();
    await h.dispatch(ac.DiscoveryStreamSpocsFill({ spoc_fills: [{ id: 4, displayed: 0, reason: 'frequency_cap', full_recalc: 0 }] }));
    const [fill] = await delivered(h);
    expect(fill!.uri).toMatch(/^\/submit\/activity-stream\/spoc-fills\/1\//);
    expect(fill!.payload).toMatchObject({ spoc_fills: [{ id: 4, reason: 'frequency_cap' }] });
  });

  it('waits telemetry.batchSeconds for a batch to fill, and a new value reschedules what waits', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    await h.settle();
    expect(h.transport.sent).toEqual([]);
    expect(h.timer.at).toBe(h.clock.now + 30_000);
    await h.setPref('telemetry.batchSeconds', 5);
    await h.settle();
    expect(h.timer.at).toBe(h.clock.now + 5_000);
    h.clock.advance(5_000);
    h.timer.fire();
    await h.settle();
    expect(h.transport.sent.map((d) => d.payload.event)).toEqual(['SHOW_PERSONALIZE']);
  });

  it('reports pinned tabs and a page takeover without a page session', async () => {
    const h = await started();
    await h.dispatch(action('TELEMETRY_TAB_PINNED', { total_pinned_tabs: 3 }));
    await h.dispatch(action('TELEMETRY_PAGE_TAKEOVER', { value: { home_url_category: 'news-portal' }, page: 'about:home' }));
    const [pinned, takeover] = await delivered(h);
    expect(pinned!.payload).toMatchObject({ event: 'TABPINNED', session_id: 'n/a', page: 'n/a', source: 'TAB_CONTEXT_MENU', value: '{"total_pinned_tabs":3}' });
    expect(takeover!.payload).toMatchObject({ event: 'PAGE_TAKEOVER_DATA', page: 'about:home', session_id: 'n/a' });
  });

  it('reports the Focus timer running out (its alarm, in the background) without a page session', async () => {
    const h = await started();
    await h.dispatch(action('WIDGETS_TIMER_ENDED', { mode: 'break' }));
    const [end] = await delivered(h);
    expect(end!.payload).toMatchObject({ event: 'WIDGET_TIMER_END', source: 'WIDGET_FOCUS_TIMER', session_id: 'n/a', page: 'n/a', value: '{"timer_mode":"break"}' });
  });

  it('ignores pages in private windows, and page actions from pages without a session', async () => {
    const h = await started();
    await h.connect(PAGE, { incognito: true });
    await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK' }));
    await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    await h.fromPage(OTHER, ac.UserEvent({ event: 'CLICK' }));
    await h.fromPage(OTHER, ac.SponsoredTileEvent({ type: 'click', tile_id: 3, position: 1, advertiser: 'example', source: 'newtab' }));
    await h.unload(PAGE);
    expect(await delivered(h)).toEqual([]);
  });
});

describe('TelemetryFeed: sessions', () => {
  it('sends a session ping at unload, timed from the first visibility, with the page perf', async () => {
    const h = await started();
    const browserSessionStart = h.clock.now;
    h.clock.advance(1_000);
    await h.connect(PAGE);
    const visibleAt = h.clock.now + 0.4;
    await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: visibleAt }));
    await h.fromPage(PAGE, ac.PerfData({ topsites_first_painted_ts: visibleAt + 50.6, topsites_pinned: 2, visibility_event_rcvd_ts: visibleAt + 999 }));
    // A page cannot set what the background measures.
    await h.fromPage(PAGE, ac.PerfData({ load_trigger_type: 'first_window_opened', is_preloaded: true }));
    h.clock.advance(4_200);
    await h.unload(PAGE);
    const [session] = ofType(await delivered(h), 'sessions');
    expect(session!.payload).toMatchObject({
      page: 'about:newtab',
      session_duration: 4_200,
      profile_creation_date: Math.floor(h.clock.now / 86_400_000),
      perf: {
        load_trigger_type: 'unexpected',
        is_preloaded: false,
        // Milliseconds since the browser session's start, not epoch times.
        visibility_event_rcvd_ts: Math.round(visibleAt - browserSessionStart),
        topsites_first_painted_ts: Math.round(visibleAt + 50.6 - browserSessionStart),
        topsites_pinned: 2,
      },
    });
    expect(h.local.data[SESSIONS_KEY]).toEqual({});
  });

  it('sends no session ping for a page that was never visible', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK' }));
    await h.unload(PAGE);
    expect(ofType(await delivered(h), 'sessions')).toEqual([]);
  });

  it('gathers Discovery Stream impressions per source and sends one ping per source at the end', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.DiscoveryStreamLoadedContent({ source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }, { id: 2, pos: 1 }] }));
    await h.fromPage(PAGE, ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }], window_inner_width: 1280, window_inner_height: 800 }));
    await h.fromPage(PAGE, ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: [{ id: 2, pos: 1, shim: 'abc' }], window_inner_width: 640 }));
    await h.fromPage(PAGE, ac.DiscoveryStreamImpressionStats({ source: 'HERO', tiles: [{ id: 3, pos: 0 }] }));
    expect(await delivered(h)).toEqual([]);
    await h.unload(PAGE);
    const docs = await delivered(h);
    expect(docs.map((d) => d.payload)).toEqual([
      expect.objectContaining({ source: 'CARDGRID', loaded: 2, tiles: [{ id: 1, pos: 0 }, { id: 2, pos: 1 }] }),
      expect.objectContaining({ source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }, { id: 2, pos: 1, shim: 'abc' }], window_inner_width: 1280, window_inner_height: 800 }),
      expect.objectContaining({ source: 'HERO', tiles: [{ id: 3, pos: 0 }] }),
    ]);
  });

  it('keeps a session in progress across a background restart: one session ping, timed from the first start', async () => {
    const clock = new FakeClock();
    const local = memoryStorage();
    const session = memoryStorage();
    const transport = new RecordingTransport();
    const before = await started({ clock, local, session, transport });
    await before.connect(PAGE);
    const visibleAt = clock.now;
    await before.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: visibleAt }));
    await before.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    await before.settle();

    clock.advance(3_000);
    const after = await started({ clock, local, session, transport });
    await after.connect(PAGE, { reconnected: true });
    await after.fromPage(PAGE, ac.UserEvent({ event: 'HIDE_PERSONALIZE' }));
    clock.advance(1_000);
    await after.unload(PAGE);
    const docs = await delivered(after);
    const sessions = ofType(docs, 'sessions');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.payload.session_duration).toBe(4_000);
    expect(new Set(docs.map((d) => d.payload.session_id))).toEqual(new Set([sessions[0]!.payload.session_id]));
  });

  it('times every *_ts field from the browser session start the first background saw, across a suspension, for every page', async () => {
    const clock = new FakeClock();
    const local = memoryStorage();
    const session = memoryStorage();
    const transport = new RecordingTransport();
    const first = await started({ clock, local, session, transport });
    const browserSessionStart = clock.now;
    clock.advance(2_000);
    await first.feed.tabOpened(7);
    clock.advance(30);
    await first.connect(PAGE, { tabId: 7 });
    await first.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: clock.now + 10 }));
    await first.settle();

    // The background is suspended and woken 60 s later; the page reconnects and paints.
    clock.advance(60_000);
    const woken = await started({ clock, local, session, transport });
    await woken.connect(PAGE, { reconnected: true, tabId: 7 });
    await woken.fromPage(PAGE, ac.PerfData({ topsites_first_painted_ts: clock.now + 5 }));
    // A page opened after the wake-up is timed from the same zero.
    await woken.feed.tabOpened(8);
    await woken.connect(OTHER, { tabId: 8 });
    await woken.fromPage(OTHER, ac.PerfData({ visibility_event_rcvd_ts: clock.now + 1 }));
    clock.advance(500);
    await woken.unload(PAGE);
    await woken.unload(OTHER);
    const perf = ofType(await delivered(woken), 'sessions').map((d) => d.payload.perf);
    expect(perf).toEqual([
      expect.objectContaining({ load_trigger_ts: 2_000, visibility_event_rcvd_ts: 2_040, topsites_first_painted_ts: 62_035 }),
      expect.objectContaining({ load_trigger_ts: 62_030, visibility_event_rcvd_ts: 62_031 }),
    ]);
    expect(session.data['telemetry.browserSessionStart']).toBe(browserSessionStart);
  });

  it('starts the clock again with a new browser session', async () => {
    const clock = new FakeClock();
    const local = memoryStorage();
    const before = await started({ clock, local });
    await before.settle();
    clock.advance(3_600_000);
    // The browser restarted: storage.session is empty again.
    const h = await started({ clock, local, session: memoryStorage() });
    clock.advance(250);
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: clock.now }));
    await h.unload(PAGE);
    const [sessionPing] = ofType(await delivered(h), 'sessions');
    expect(sessionPing!.payload.perf).toMatchObject({ visibility_event_rcvd_ts: 250 });
  });

  it('ends a session left open when the browser quit at the next start, lasting until the page was last known visible, once', async () => {
    const clock = new FakeClock();
    const local = memoryStorage();
    const transport = new RecordingTransport();
    const before = await started({ clock, local, transport });
    await before.connect(PAGE);
    await before.connect(OTHER);
    const visibleAt = clock.advance(1_000);
    await before.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: visibleAt }));
    await before.fromPage(PAGE, ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }] }));
    clock.advance(20_000);
    await before.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    clock.advance(40_000);
    await before.fromPage(PAGE, action('PAGE_VISIBLE_UNTIL_NOW', undefined));
    // A page never shown (a tab opened in the background) has no last visible moment.
    await before.fromPage(OTHER, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    expect((local.data[SESSIONS_KEY] as Record<string, { lastVisibleAt?: number }>)[PAGE]!.lastVisibleAt).toBe(clock.now);
    expect((local.data[SESSIONS_KEY] as Record<string, { lastVisibleAt?: number }>)[OTHER]!.lastVisibleAt).toBeUndefined();
    await before.settle();
    // The browser quits 30 s later without either page unloading, and starts again an hour on.
    clock.advance(3_600_000);
    const after = await started({ clock, local, transport, session: memoryStorage() });
    const docs = await delivered(after);
    const sessions = ofType(docs, 'sessions');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.payload).toMatchObject({ page: 'about:newtab', session_duration: 60_000 });
    expect(sessions[0]!.docId).toBe(String(sessions[0]!.payload.session_id).slice(1, -1));
    expect(ofType(docs, 'impression-stats')).toHaveLength(1);
    expect(local.data[SESSIONS_KEY]).toEqual({});
    // A later background start in this browser session sends nothing again.
    const again = await started({ clock, local, transport, session: after.session });
    await again.settle();
    await again.feed.sender.flushAll();
    expect(ofType(transport.sent, 'sessions')).toHaveLength(1);
  });

  it('gives a session ping queued at the quit and again at the next start one docId, so it is one document', async () => {
    const clock = new FakeClock();
    const local = memoryStorage();
    const transport = new RecordingTransport();
    const before = await started({ clock, local, transport });
    await before.connect(PAGE);
    await before.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: clock.now }));
    await before.settle();
    const open = structuredClone(local.data[SESSIONS_KEY]);
    clock.advance(5_000);
    await before.unload(PAGE);
    await before.settle();
    // The browser quit before forgetting the session was written.
    local.data[SESSIONS_KEY] = open;
    const after = await started({ clock, local, transport, session: memoryStorage() });
    const sessions = ofType(await delivered(after), 'sessions');
    expect(new Set(sessions.map((d) => d.docId)).size).toBe(1);
  });

  it('ends sessions whose page did not come back after a restart, lasting until the page was last known visible', async () => {
    const clock = new FakeClock();
    const session = memoryStorage();
    const local = memoryStorage();
    const before = await started({ clock, local, session });
    await before.connect(PAGE);
    await before.connect(OTHER);
    for (const port of [PAGE, OTHER]) {
      await before.fromPage(port, ac.PerfData({ visibility_event_rcvd_ts: clock.now }));
      await before.fromPage(port, ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }] }));
    }
    // OTHER is last seen visible 3 s in, by a user event; then its tab closes as the background stops.
    clock.advance(3_000);
    await before.fromPage(OTHER, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    clock.advance(4_000);
    const after = await started({ clock, local, session });
    await after.connect(PAGE, { reconnected: true });
    expect(after.deferred).toHaveLength(1);
    await after.feed.sweepOrphans();
    const docs = await delivered(after);
    expect(docs.map((d) => d.uri.split('/')[3]).sort()).toEqual(['events', 'impression-stats', 'sessions']);
    const [orphan] = ofType(docs, 'sessions').map((d) => d.payload);
    expect(orphan).toMatchObject({ session_duration: 3_000 });
    expect(Object.keys(local.data[SESSIONS_KEY] as object)).toEqual([PAGE]);
  });

  it('times first_window_opened at the browser session start, though onStartup reaches us after the home page', async () => {
    const h = await started();
    h.clock.advance(400);
    await h.connect(PAGE, { page: 'about:home' });
    await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    h.clock.advance(500);
    await h.feed.browserStarted();
    // The page connected before the signal: only a later home page can claim it.
    await h.connect(OTHER, { page: 'about:home', tabId: 3 });
    await h.fromPage(OTHER, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    await h.unload(OTHER);
    const [perf] = ofType(await delivered(h), 'sessions').map((d) => d.payload.perf);
    expect(perf).toMatchObject({ load_trigger_type: 'first_window_opened', load_trigger_ts: 0, visibility_event_rcvd_ts: 900 });
  });

  it('knows a tab the user opened for the new tab, and the first home page after the browser starts', async () => {
    const h = createTelemetryHarness();
    // Browser signals may come before the store; they wait for it.
    const signals = [h.feed.browserStarted(), h.feed.tabOpened(7)];
    await h.start();
    await Promise.all(signals);
    // Both signals came at the browser session's start: 0 in session time.
    const startedAt = 0;
    h.clock.advance(120);
    await h.connect(PAGE, { tabId: 7 });
    await h.connect(OTHER, { page: 'about:home', tabId: 8 });
    const third = '33333333-3333-4333-8333-333333333333';
    await h.connect(third, { page: 'about:home', tabId: 9 });
    for (const port of [PAGE, OTHER, third]) {
      await h.fromPage(port, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
      await h.unload(port);
    }
    const perf = ofType(await delivered(h), 'sessions').map((d) => d.payload.perf);
    expect(perf).toEqual([
      expect.objectContaining({ load_trigger_type: 'menu_plus_or_keyboard', load_trigger_ts: startedAt }),
      expect.objectContaining({ load_trigger_type: 'first_window_opened', load_trigger_ts: startedAt }),
      expect.objectContaining({ load_trigger_type: 'unexpected' }),
    ]);
  });
});

describe('TelemetryFeed: the settings page', () => {
  const SETTINGS = '33333333-3333-4333-8333-333333333333';
  const prefsEvents = (docs: QueuedPing[]) =>
    ofType(docs, 'events')
      .filter((d) => String(d.payload.event).endsWith('NEWTAB_PREFS'))
      .map((d) => [d.payload.event, d.payload.session_id, d.payload.page]);

  it('reports OPEN/CLOSE_NEWTAB_PREFS in the session and page of the new tab whose link opened it, even after that tab is gone', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    await h.connect(SETTINGS, { page: 'about:preferences', tabId: 2 });
    await h.fromPage(SETTINGS, action('SETTINGS_OPENER', { instanceId: PAGE }));
    await h.fromPage(SETTINGS, ac.UserEvent({ event: 'OPEN_NEWTAB_PREFS' }));
    await h.unload(PAGE);
    await h.fromPage(SETTINGS, ac.UserEvent({ event: 'CLOSE_NEWTAB_PREFS' }));
    await h.unload(SETTINGS);
    const docs = await delivered(h);
    const newTabSession = ofType(docs, 'events').find((d) => d.payload.event === 'SHOW_PERSONALIZE')!.payload.session_id;
    expect(prefsEvents(docs)).toEqual([
      ['OPEN_NEWTAB_PREFS', newTabSession, 'about:newtab'],
      ['CLOSE_NEWTAB_PREFS', newTabSession, 'about:newtab'],
    ]);
  });

  it('reports them with page "unknown" in its own session when opened from elsewhere or by a page it cannot find', async () => {
    const h = await started();
    await h.connect(SETTINGS, { page: 'about:preferences' });
    await h.fromPage(SETTINGS, action('SETTINGS_OPENER', { instanceId: OTHER }));
    await h.fromPage(SETTINGS, action('SETTINGS_OPENER', { instanceId: SETTINGS }));
    await h.fromPage(SETTINGS, ac.UserEvent({ event: 'OPEN_NEWTAB_PREFS' }));
    await h.fromPage(SETTINGS, ac.UserEvent({ event: 'CLOSE_NEWTAB_PREFS' }));
    const events = prefsEvents(await delivered(h));
    expect(events.map(([event, , page]) => [event, page])).toEqual([
      ['OPEN_NEWTAB_PREFS', 'unknown'],
      ['CLOSE_NEWTAB_PREFS', 'unknown'],
    ]);
    expect(events[0]![1]).toMatch(BRACED);
    expect(events[1]![1]).toBe(events[0]![1]);
  });

  it('keeps the opener across a background suspension', async () => {
    const clock = new FakeClock();
    const local = memoryStorage();
    const session = memoryStorage();
    const transport = new RecordingTransport();
    const before = await started({ clock, local, session, transport });
    await before.connect(PAGE, { page: 'about:home' });
    await before.connect(SETTINGS, { page: 'about:preferences' });
    await before.fromPage(SETTINGS, action('SETTINGS_OPENER', { instanceId: PAGE }));
    await before.settle();
    const after = await started({ clock, local, session, transport });
    await after.connect(SETTINGS, { page: 'about:preferences', reconnected: true });
    await after.fromPage(SETTINGS, ac.UserEvent({ event: 'CLOSE_NEWTAB_PREFS' }));
    const [[, sessionId, page]] = prefsEvents(await delivered(after)) as [unknown[]];
    expect(page).toBe('about:home');
    expect(sessionId).toBe((local.data[SESSIONS_KEY] as Record<string, { session_id: string }>)[PAGE]!.session_id);
  });
});

describe('TelemetryFeed: opt-out', () => {
  async function withQueuedData() {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    await h.fromPage(PAGE, ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }] }));
    await h.settle();
    expect(h.feed.queue.size).toBe(1);
    return { h, ids: { ...(h.local.data[IDENTITY_KEY] as Record<string, string>) } };
  }

  function expectOneDeletion(h: TelemetryHarness, ids: Record<string, string>, docs: QueuedPing[]) {
    expect(docs).toHaveLength(1);
    expect(docs[0]!.uri).toMatch(/^\/submit\/open-activity-stream\/deletion-request\/1\//);
    expect(docs[0]!.payload).toMatchObject({ client_id: ids.client_id, impression_id: ids.impression_id, context_id: ids.context_id });
    const rotated = h.local.data[IDENTITY_KEY] as Record<string, string>;
    for (const key of ['client_id', 'impression_id', 'context_id']) expect(rotated[key]).not.toBe(ids[key]);
    expect(rotated.profile_creation_date).toBe(ids.profile_creation_date);
  }

  it('turning the pref off purges queued pings and sessions and sends one deletion request, at once', async () => {
    const { h, ids } = await withQueuedData();
    await h.setPref('telemetry', false);
    await h.settle();
    expectOneDeletion(h, ids, h.transport.sent);
    expect(h.feed.queue.size).toBe(0);
    expect(h.local.data[SESSIONS_KEY]).toEqual({});

    // Nothing more leaves while telemetry is off.
    await h.connect(OTHER);
    await h.fromPage(OTHER, ac.UserEvent({ event: 'CLICK' }));
    await h.unload(PAGE);
    await h.dispatch(action('TELEMETRY_TAB_PINNED', { total_pinned_tabs: 1 }));
    await h.feed.sender.flushAll();
    expect(h.transport.sent).toHaveLength(1);
    expect(h.feed.queue.size).toBe(0);
  });

  it('revoking the data-collection permission does the same; revoking both sends one deletion request', async () => {
    const { h, ids } = await withQueuedData();
    await h.setConsent(false);
    await h.setPref('telemetry', false);
    await h.settle();
    expectOneDeletion(h, ids, h.transport.sent);
  });

  it('retries the deletion request until it is delivered, although telemetry is off', async () => {
    const { h, ids } = await withQueuedData();
    h.transport.respond = () => ({ kind: 'failed', retryable: true, status: 503 });
    await h.setPref('telemetry', false);
    await h.settle();
    expect(h.feed.queue.size).toBe(1);
    h.transport.respond = (pings) => ({ kind: 'documents', statuses: pings.map(() => 'delivered') });
    h.clock.now = h.timer.at!;
    h.timer.fire();
    await h.settle();
    expect(h.feed.queue.size).toBe(0);
    expect(h.transport.requests.at(-1)!.pings[0]!.payload).toMatchObject({ client_id: ids.client_id });
  });

  it('sees an opt-out made while the background was asleep, and still sends the deletion request', async () => {
    const { h, ids } = await withQueuedData();
    const after = createTelemetryHarness({ local: h.local, session: h.session, clock: h.clock, prefs: { telemetry: false } });
    await after.start();
    await after.settle();
    expectOneDeletion(after, ids, after.transport.sent);
  });

  it('collects nothing, and sends no deletion request, when the permission was never granted (Firefox default)', async () => {
    const h = await started({ consent: false });
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK' }));
    await h.unload(PAGE);
    await h.setPref('telemetry', false);
    expect(await delivered(h)).toEqual([]);
    expect(h.local.data[SESSIONS_KEY]).toBeUndefined();

    // Granting it starts telemetry with the next page, under the same ids.
    await h.setPref('telemetry', true);
    await h.setConsent(true);
    await h.connect(OTHER);
    await h.fromPage(OTHER, ac.UserEvent({ event: 'CLICK' }));
    expect(await delivered(h)).toHaveLength(1);
  });
});

describe('TelemetryFeed: delivery', () => {
  it('reports pings dropped for lack of room in an undesired-event ping', async () => {
    const h = await started({ queueLimits: { maxCount: 5, maxBytes: 1_000_000, maxPingBytes: 100_000 } });
    h.transport.respond = () => ({ kind: 'failed', retryable: true, status: null });
    await h.connect(PAGE);
    for (let i = 0; i < 7; i++) await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK', action_position: i }));
    await h.settle();
    const queued = h.feed.queue.list();
    expect(queued).toHaveLength(5);
    // The 6th click drops the 1st; its report drops the 2nd, reported with the 7th click's drop.
    const reports = queued.filter((e) => e.uri.includes('/undesired-events/'));
    expect(reports.map((r) => r.payload)).toEqual([
      expect.objectContaining({ event: 'TELEMETRY_QUEUE_OVERFLOW', value: 1, event_context: '{"dropped":1}' }),
      expect.objectContaining({ event: 'TELEMETRY_QUEUE_OVERFLOW', value: 2, event_context: '{"dropped":2}' }),
    ]);
    h.transport.respond = (pings) => ({ kind: 'documents', statuses: pings.map(() => 'delivered') });
    expect((await delivered(h)).length).toBeGreaterThan(0);
  });

  it('sends what an earlier browser session left at once; after a background restart it keeps batching', async () => {
    const clock = new FakeClock();
    const first = await started({ clock });
    await first.connect(PAGE);
    await first.fromPage(PAGE, ac.UserEvent({ event: 'CLICK' }));
    await first.settle();
    expect(first.transport.sent).toEqual([]);

    const backgroundRestart = await started({ clock, local: first.local, session: first.session });
    await backgroundRestart.settle();
    expect(backgroundRestart.transport.sent).toEqual([]);

    const browserRestart = await started({ clock, local: first.local });
    await browserRestart.settle();
    expect(browserRestart.transport.sent.map((d) => d.payload.event)).toEqual(['CLICK']);
  });

  it('posts valid gzip batches through the real batch transport (fake fetch)', async () => {
    const received: { uri: string; payload: Record<string, unknown> }[] = [];
    const fetch: FetchLike = async (url, init) => {
      expect(url).toBe('http://127.0.0.1:8787/submit-batch');
      expect(init.credentials).toBe('omit');
      const { documents } = JSON.parse(gunzipSync(init.body as Uint8Array).toString('utf8')) as { documents: typeof received };
      received.push(...documents);
      return new Response(JSON.stringify({ results: documents.map(({ uri }) => ({ uri, status: 200 })) }), { status: 200 });
    };
    const transport = new RecordingTransport(20, batchTransport({ fetch }));
    const h = await started({ transport, prefs: { 'telemetry.endpoint': 'http://127.0.0.1:8787' } });
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    await h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    await h.fromPage(PAGE, ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: [{ id: 5, pos: 0 }] }));
    h.clock.advance(2_000);
    await h.unload(PAGE);
    await delivered(h);
    expect(received.map((d) => d.uri.split('/')[3])).toEqual(['events', 'impression-stats', 'sessions']);
    expect(h.feed.queue.size).toBe(0);
    expect(h.feed.sender.stats).toMatchObject({ requests: 1, delivered: 3 });
  });

  it('sends to the endpoint pref when set, and to the build setting otherwise', async () => {
    const h = await started({ prefs: { 'telemetry.endpoint': 'http://127.0.0.1:9999' } });
    await h.connect(PAGE);
    await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK' }));
    await delivered(h);
    await h.setPref('telemetry.endpoint', '');
    await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK' }));
    await delivered(h);
    expect(h.transport.requests.map((r) => r.endpoint)).toEqual(['http://127.0.0.1:9999', TEST_BUILD.telemetryEndpoint]);
  });

  it('logs and carries on when a page sends data a builder cannot use', async () => {
    const h = await started();
    await h.connect(PAGE);
    await h.fromPage(PAGE, action('DISCOVERY_STREAM_SPOCS_FILL', {} as never));
    await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK' }));
    expect(await delivered(h)).toHaveLength(1);
    expect(h.log.errors).toHaveLength(1);
  });
});
