// Turns routed actions into pings (Firefox's TelemetryFeed). Pages only say
// what happened; identity, the page session and policy are added here. Every
// ping goes through the persisted PingQueue; PingSender delivers it. The feed
// also runs the opt-out: when the telemetry pref or Firefox's data-collection
// permission goes off, queued pings and sessions are purged, one deletion
// request is queued (it is sent although telemetry is off), and the ids are
// replaced.
//
// Actions and browser signals are handled one at a time, in arrival order,
// after the stored state has loaded: a page that reconnects right after a
// background restart finds its session.
import { actionUtils, type Action, type NewTabInitData, type PageKind } from '../../common/actions';
import { buildConfig } from '../../common/buildConfig';
import { isSentDocType } from '../../common/pings/registry';
import { PAGE_PERF_KEYS, type PingContext, type PingEnvelope, type SessionPerf } from '../../common/pings/types';
import { isAllowedEndpoint, type PrefValues } from '../../common/prefs';
import type { Feed, FeedStore } from '../feeds/Feed';
import type { KeyValueStorage } from '../storage';
import { TelemetryIdentity } from './identity';
import { LoadTriggerTracker } from './loadTrigger';
import { PingQueue, type QueueLimits } from './PingQueue';
import { PingSender, type FlushTimer, type SenderPolicy } from './PingSender';
import {
  buildDeletionRequestPing,
  buildExperimentEventPing,
  buildImpressionStatsPing,
  buildMessagingPing,
  buildOnSaveRecsPing,
  buildPocketButtonPing,
  buildPageTakeoverPing,
  buildSessionPing,
  buildSpocFillsPing,
  buildSponsoredTilePing,
  buildTabPinnedPing,
  buildUndesiredEventPing,
  buildUserEventPing,
  encodeUserPrefs,
} from './pings';
import { BrowserSessionClock, perfInSessionTime } from './sessionTime';
import { addImpressions, SessionStore, type ImpressionSets, type PageSessionRecord, type SessionPage } from './sessions';
import { TelemetryGate } from './telemetryGate';
import type { Transport } from './transports';

/** What the feed needs to know about the browser it runs in. */
export interface TelemetryEnvironment {
  /** e.g. "153.8.0" (Firefox) or "156.0.8078.108" (Chromium). */
  browserVersion(): Promise<string>;
  /** BCP 47, e.g. "en-US". */
  locale(): string;
  /** Active experiments, `{}` when there are none. */
  experiments(): Promise<PingContext['experiments']>;
}

/** Firefox's optional `technicalAndInteraction` data collection; always granted where the browser has none. */
export interface DataCollectionConsent {
  isGranted(): Promise<boolean>;
}

export interface TelemetryDeps {
  /** storage.local: ids, queue, sender state, gate. */
  local: KeyValueStorage;
  /** storage.session: browser session id, page sessions, load triggers. */
  session: KeyValueStorage;
  transport: Transport;
  timer: FlushTimer;
  consent: DataCollectionConsent;
  environment: TelemetryEnvironment;
  build?: { buildId: string; releaseChannel: string; telemetryEndpoint: string };
  clock?: () => number;
  uuid?: () => string;
  random?: () => number;
  /** Runs `fn` after `ms`; the orphaned-session sweep uses it. */
  defer?: (fn: () => void, ms: number) => void;
  log?: Pick<Console, 'error' | 'warn'>;
  senderPolicy?: Partial<SenderPolicy>;
  queueLimits?: QueueLimits;
}

/**
 * A page that was open when the background went away reconnects within
 * moments; sessions of pages that did not come back by then are ended
 * without a session ping (their end time is unknown).
 */
export const ORPHAN_GRACE_MS = 10_000;

const SESSION_PAGES: Record<PageKind, SessionPage> = {
  'about:newtab': 'about:newtab',
  'about:home': 'about:home',
  'about:welcome': 'about:welcome',
  // The options page is not one of Activity Stream's pages.
  'about:preferences': 'unknown',
  'toolbar-popup': 'unknown',
};

/** The settings page's own events, which belong to the page whose link opened it. */
const SETTINGS_EVENTS: ReadonlySet<string> = new Set(['OPEN_NEWTAB_PREFS', 'CLOSE_NEWTAB_PREFS']);

export class TelemetryFeed implements Feed {
  readonly name = 'TelemetryFeed';
  readonly queue: PingQueue;
  readonly sender: PingSender;
  readonly sessions: SessionStore;
  private readonly identity: TelemetryIdentity;
  private readonly loadTriggers: LoadTriggerTracker;
  private readonly browserSession: BrowserSessionClock;
  private readonly gate: TelemetryGate;
  private readonly build: NonNullable<TelemetryDeps['build']>;
  private readonly clock: () => number;
  private readonly uuid: () => string;
  private readonly log: Pick<Console, 'error' | 'warn'>;
  private store: FeedStore | null = null;
  private browserVersion = '0';
  private experiments: PingContext['experiments'] = {};
  /** Pages that (re)connected since this background started. */
  private readonly connected = new Set<string>();
  private tail: Promise<unknown>;
  private resolveStore!: (store: FeedStore) => void;
  private broken = false;

  constructor(private readonly deps: TelemetryDeps) {
    this.build = deps.build ?? buildConfig;
    this.clock = deps.clock ?? Date.now;
    this.uuid = deps.uuid ?? (() => crypto.randomUUID());
    this.log = deps.log ?? console;
    this.identity = new TelemetryIdentity(deps.local, deps.session, this.uuid, this.clock, this.log);
    // storage.local: a session open when the browser quits is ended at the next start.
    this.sessions = new SessionStore(deps.local, this.log);
    this.loadTriggers = new LoadTriggerTracker(deps.session, this.clock, this.log);
    this.browserSession = new BrowserSessionClock(deps.session, this.clock, this.log);
    this.queue = new PingQueue(deps.local, deps.queueLimits, this.log);
    this.gate = new TelemetryGate(deps.local, this.log);
    this.sender = new PingSender({
      queue: this.queue,
      storage: deps.local,
      transport: deps.transport,
      endpoint: () => this.endpoint(),
      canSend: () => this.gate.open,
      maxAgeMs: () => this.prefs['telemetry.batchSeconds'] * 1000,
      timer: deps.timer,
      clock: this.clock,
      random: deps.random ?? Math.random,
      log: this.log,
      policy: deps.senderPolicy,
    });
    // Nothing runs before the store is known (the first action) and the stored state is loaded.
    this.tail = new Promise<FeedStore>((resolve) => (this.resolveStore = resolve)).then((store) => this.init(store));
  }

  onAction(a: Action, store: FeedStore): Promise<void> {
    this.resolveStore(store);
    return this.run(() => this.handle(a));
  }

  // ---- Browser signals (registered by browserTelemetry.ts) ----

  /**
   * runtime.onStartup: the first home page may be the browser's first window.
   * Its trigger time is the browser session's start (0), as Firefox uses its
   * process start: the window may be showing before onStartup reaches us.
   */
  browserStarted(): Promise<void> {
    return this.run(() => this.loadTriggers.browserStarted(this.browserSession.start));
  }

  /** tabs.onCreated for a tab opened for the new-tab page. */
  tabOpened(tabId: number): Promise<void> {
    return this.run(() => this.loadTriggers.tabOpened(tabId));
  }

  /** The user went idle (or locked the screen): a good time to send. */
  browserIdle(): Promise<void> {
    return this.run(async () => void this.sender.flushAll());
  }

  /** The flush alarm fired (possibly waking a suspended background). */
  flushDue(): Promise<void> {
    return this.run(async () => void this.sender.poke());
  }

  /** The data-collection permission was granted or revoked. */
  consentChanged(): Promise<void> {
    return this.run(async () => this.applyGate(await this.gate.update({ permitted: await this.deps.consent.isGranted() })));
  }

  /** Ends sessions of pages that did not reconnect after a background restart. */
  sweepOrphans(): Promise<void> {
    return this.run(async () => {
      for (const portId of this.sessions.portIds()) {
        if (!this.connected.has(portId)) await this.endSession(portId, 'orphaned');
      }
    });
  }

  // ---- Internals ----

  private run(task: () => Promise<void>): Promise<void> {
    const next = this.tail.then(async () => {
      if (this.broken) return;
      try {
        await task();
      } catch (error) {
        this.log.error('TelemetryFeed: a telemetry task failed', error);
      }
    });
    this.tail = next;
    return next;
  }

  private async init(store: FeedStore): Promise<void> {
    this.store = store;
    try {
      const [, , , , , , version, experiments, permitted] = await Promise.all([
        this.identity.load(),
        this.browserSession.load(),
        this.sessions.load(),
        this.loadTriggers.load(),
        this.queue.load(),
        this.sender.load(),
        this.deps.environment.browserVersion().catch(() => '0'),
        this.deps.environment.experiments().catch(() => ({})),
        this.deps.consent.isGranted(),
      ]);
      this.browserVersion = version;
      this.experiments = experiments;
      await this.applyGate(await this.gate.load({ pref: this.prefs.telemetry, permitted }));
      // Pages still open when the browser quit (or the extension was reloaded) never came to unload.
      if (this.identity.newBrowserSession) {
        for (const portId of this.sessions.portIds()) await this.endSession(portId, 'browser-closed');
      }
    } catch (error) {
      this.broken = true;
      this.log.error('TelemetryFeed: could not start; no telemetry this time', error);
      return;
    }
    (this.deps.defer ?? ((fn, ms) => void setTimeout(fn, ms)))(() => void this.sweepOrphans(), ORPHAN_GRACE_MS);
    // What an earlier browser session left goes at once; otherwise batching goes on.
    void (this.identity.newBrowserSession ? this.sender.flushAll() : this.sender.poke());
  }

  private get prefs(): PrefValues {
    return this.store!.getState().Prefs.values;
  }

  private endpoint(): string | null {
    const endpoint = this.prefs['telemetry.endpoint'] || this.build.telemetryEndpoint;
    return isAllowedEndpoint(endpoint) ? endpoint : null;
  }

  private context(): PingContext {
    return {
      ...this.identity.ids,
      addon_version: this.build.buildId,
      version: this.browserVersion,
      locale: this.deps.environment.locale(),
      release_channel: this.build.releaseChannel,
      experiments: this.experiments,
      user_prefs: encodeUserPrefs(this.prefs),
      newDocId: this.uuid,
    };
  }

  private async handle(a: Action): Promise<void> {
    switch (a.type) {
      case 'PREFS_INITIAL_VALUES':
      case 'PREF_CHANGED':
        await this.applyGate(await this.gate.update({ pref: this.prefs.telemetry }));
        if (a.type === 'PREF_CHANGED' && ['telemetry.endpoint', 'telemetry.batchSeconds'].includes(a.data.name)) {
          void this.sender.poke();
        }
        return;
      case 'NEW_TAB_INIT':
        return this.startSession(a.data);
      case 'NEW_TAB_UNLOAD':
        return this.endSession(a.data.portId, 'unloaded');
      case 'EXPERIMENTS_UPDATED':
        this.experiments = a.data;
        return;
    }
    if (!this.gate.open) return;

    // Internal actions have no page; a page's action counts only while its page has a session.
    const portId = actionUtils.getPortIdOfSender(a);
    const session = portId === null ? undefined : this.sessions.get(portId);
    if (portId !== null && !session) return;
    const ctx = this.context();
    switch (a.type) {
      case 'TELEMETRY_TAB_PINNED':
        return this.send([buildTabPinnedPing(ctx, a.data.total_pinned_tabs)]);
      case 'TELEMETRY_PAGE_TAKEOVER':
        return this.send([buildPageTakeoverPing(ctx, a.data.value)]);
      // The timer's alarm fires in the background, with or without its page: no page session.
      case 'WIDGETS_TIMER_ENDED':
        return this.send([buildUserEventPing(ctx, null, { event: 'WIDGET_TIMER_END', source: 'WIDGET_FOCUS_TIMER', value: { timer_mode: a.data.mode } })]);
      // Spoc fills come from the background's DiscoveryStreamFeed, which has no page session.
      case 'DISCOVERY_STREAM_SPOCS_FILL':
        if (a.data.spoc_fills.length === 0) return;
        return this.send([buildSpocFillsPing(ctx, a.data.spoc_fills)]);
      case 'TOP_SITES_SPONSORED_IMPRESSION_STATS':
        return this.send([buildSponsoredTilePing(ctx, a.data)]);
      case 'AS_ROUTER_TELEMETRY_USER_EVENT':
        return this.send([buildMessagingPing(ctx, a.data)]);
      // The save button: saves come from the background (popup or context menu), the rest from the popup.
      case 'TELEMETRY_POCKET_BUTTON':
        return this.send([buildPocketButtonPing(ctx, a.data.events)]);
      case 'TELEMETRY_ON_SAVE_RECS':
        return this.send([buildOnSaveRecsPing(ctx, a.data.events)]);
      case 'EXPERIMENT_EVENT':
        return this.send([buildExperimentEventPing(ctx, a.data)]);
    }
    if (!session || portId === null) return;
    switch (a.type) {
      case 'TELEMETRY_USER_EVENT': {
        const owner = SETTINGS_EVENTS.has(a.data.event) && session.openedFrom ? { ...session, ...session.openedFrom } : session;
        await this.send([buildUserEventPing(ctx, owner, a.data)]);
        // A person acting on a page that has been shown is looking at it.
        if (session.perf.visibility_event_rcvd_ts === undefined) return;
        session.lastVisibleAt = this.clock();
        return this.sessions.put(portId, session);
      }
      case 'SETTINGS_OPENER': {
        const opener = this.sessions.get(a.data.instanceId);
        if (!opener || a.data.instanceId === portId) return;
        session.openedFrom = { session_id: opener.session_id, page: opener.page };
        return this.sessions.put(portId, session);
      }
      case 'TELEMETRY_IMPRESSION_STATS':
        return this.send([buildImpressionStatsPing(ctx, session.page, a.data)]);
      case 'DISCOVERY_STREAM_IMPRESSION_STATS':
      case 'DISCOVERY_STREAM_LOADED_CONTENT': {
        const sets = a.type === 'DISCOVERY_STREAM_LOADED_CONTENT' ? session.loadedContentSets : session.impressionSets;
        addImpressions(sets, a.data.source, a.data.tiles, a.data);
        return this.sessions.put(portId, session);
      }
      case 'SAVE_SESSION_PERF_DATA':
        return this.savePerf(portId, session, a.data);
      case 'PAGE_VISIBLE_UNTIL_NOW':
        session.lastVisibleAt = this.clock();
        return this.sessions.put(portId, session);
    }
  }

  private async startSession(data: NewTabInitData): Promise<void> {
    this.connected.add(data.portId);
    // Nothing is kept about private windows, nor while telemetry is off.
    if (!this.gate.open || data.incognito) return;
    if (data.reconnected && this.sessions.get(data.portId)) return;
    const trigger = await this.loadTriggers.claim(data.page, data.tabId);
    await this.sessions.put(data.portId, {
      session_id: `{${this.uuid()}}`,
      page: SESSION_PAGES[data.page],
      perf: { ...trigger, is_preloaded: false },
      impressionSets: {},
      loadedContentSets: {},
    });
  }

  private savePerf(portId: string, session: PageSessionRecord, data: Partial<SessionPerf>): Promise<void> {
    for (const key of PAGE_PERF_KEYS) {
      if (data[key] === undefined) continue;
      // The session starts at the first visibility; a later report does not move it.
      if (key === 'visibility_event_rcvd_ts' && session.perf.visibility_event_rcvd_ts !== undefined) continue;
      (session.perf as unknown as Record<string, unknown>)[key] = data[key];
    }
    return this.sessions.put(portId, session);
  }

  /**
   * Firefox's endSession: the gathered Discovery Stream impressions (one ping
   * per source), then the session ping, unless the page was never visible. A
   * page unloaded now lasted until now; one left open when the browser quit, or
   * gone while the background was suspended (orphaned: its tab closed as the
   * background stopped, so its unload was never heard), until it was last
   * known visible. The session is forgotten only once its pings are queued, and the
   * session ping's docId is the session's id, so a ping queued at a quit and
   * again at the next start is still one document.
   */
  private async endSession(portId: string, ended: 'unloaded' | 'orphaned' | 'browser-closed'): Promise<void> {
    this.connected.delete(portId);
    const session = this.sessions.get(portId);
    if (!session) return;
    if (this.gate.open) {
      const ctx = this.context();
      const pings = [
        ...impressionPings(ctx, session, session.loadedContentSets, true),
        ...impressionPings(ctx, session, session.impressionSets, false),
      ];
      const visibleAt = session.perf.visibility_event_rcvd_ts;
      if (visibleAt !== undefined) {
        const endedAt = ended === 'unloaded' ? this.clock() : Math.max(visibleAt, session.lastVisibleAt ?? visibleAt);
        const perf = perfInSessionTime(session.perf, this.browserSession.start);
        const docId = session.session_id.replace(/^\{|\}$/g, '');
        pings.push(buildSessionPing({ ...ctx, newDocId: () => docId }, session, perf, Math.max(0, endedAt - visibleAt)));
      }
      if (pings.length > 0) await this.send(pings);
    }
    await this.sessions.take(portId);
  }

  private async send(built: PingEnvelope[]): Promise<void> {
    // Only the kinds this build declares (common/pings/registry.ts), which the settings page lists.
    const pings = built.filter((p) => {
      const known = isSentDocType(`${p.namespace}/${p.docType}`);
      if (!known) this.log.error(`TelemetryFeed: ${p.namespace}/${p.docType} is not a ping this build sends; dropped`);
      return known;
    });
    if (pings.length === 0) return;
    const now = this.clock();
    await this.queue.enqueue(pings, now);
    // Reported once per enqueue, so the report's own room cannot start a loop.
    const dropped = this.queue.takeUnreportedDrops();
    if (dropped > 0) {
      const report = buildUndesiredEventPing(this.context(), 'TELEMETRY_QUEUE_OVERFLOW', dropped, JSON.stringify({ dropped }));
      await this.queue.enqueue([report], now);
    }
    void this.sender.poke();
  }

  private async applyGate(change: 'opened' | 'closed' | null): Promise<void> {
    if (change === 'closed') await this.optOut();
    if (change !== null) void this.sender.poke();
  }

  private async optOut(): Promise<void> {
    const ctx = this.context();
    const purged = await this.queue.purge();
    await this.sessions.clear();
    await this.queue.enqueue([buildDeletionRequestPing(ctx, 'telemetry-off')], this.clock(), { essential: true });
    await this.identity.rotate();
    this.log.warn(`TelemetryFeed: telemetry is off; ${purged} queued ping(s) purged, deletion request queued`);
  }
}

function impressionPings(ctx: PingContext, session: PageSessionRecord, sets: ImpressionSets, loaded: boolean): PingEnvelope[] {
  return Object.entries(sets).map(([source, set]) =>
    buildImpressionStatsPing(ctx, session.page, {
      source: source as keyof ImpressionSets,
      tiles: set!.tiles,
      ...(loaded ? { loaded: set!.tiles.length } : {}),
      ...(set!.window_inner_width === undefined ? {} : { window_inner_width: set!.window_inner_width }),
      ...(set!.window_inner_height === undefined ? {} : { window_inner_height: set!.window_inner_height }),
    }),
  );
}
