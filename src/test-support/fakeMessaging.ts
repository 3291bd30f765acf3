// Test-only: the messaging router feed over fakes — in-memory storage (pass
// the same one again to model a restart), a fetch answering from routes, a
// store over the real reducers, and fixed targeting attributes.
import { action, AlsoToMain, type Action, type PageKind } from '../common/actions';
import type { MessagingEventData } from '../common/pings/types';
import type { PrefValues } from '../common/prefs';
import { MessagingRouter } from '../background/messaging/MessagingRouter';
import { MessagingRouterFeed, type BackgroundSurface } from '../background/messaging/MessagingRouterFeed';
import { MessagingStorage } from '../background/messaging/MessagingStorage';
import { providerErrorPing } from '../background/messaging/messagePings';
import { LocalProvider, recordsUrl, RemoteSettingsProvider } from '../background/messaging/providers';
import { Targeting, type AttributeReaders } from '../background/messaging/targeting';
import { memoryStorage, type KeyValueStorage } from '../background/storage';
import type { Feed } from '../background/feeds/Feed';
import { fakeFeedStore } from './fakeBrowserData';

export const REMOTE_BASE = 'https://rs.test';
export const LOCAL_URL = 'moz-extension://test/messaging/local-messages.json';

/** What the sample messages' targeting reads (scripts/sampleMessages.mjs): all match. */
const SAMPLE_ATTRIBUTES: AttributeReaders = {
  locale: () => 'en-US',
  localeLanguageCode: () => 'en',
  browserVersion: () => 140,
  profileAgeCreated: () => Date.UTC(2025, 0, 1),
  totalBookmarksCount: () => 3,
  topSitesCount: () => 4,
  userPrefs: () => ({ snippets: true }),
};

export type Answer = { status: number; body: unknown } | Error;

/** A fetch answering each URL with what `answers` says now; records every call. */
export function fakeFetch(answers: Map<string, Answer>): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const answer = answers.get(url) ?? { status: 404, body: 'not found' };
    if (answer instanceof Error) throw answer;
    return new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), { status: answer.status });
  };
  return Object.assign(fn, { calls }) as typeof fetch & { calls: string[] };
}

export function collectionUrl(collection = 'nimbus-messages'): string {
  return recordsUrl(REMOTE_BASE, collection)!;
}

export interface RouterHarnessOptions {
  /** Reuse to model a restart. */
  local?: KeyValueStorage & { data: Record<string, unknown> };
  prefs?: Partial<PrefValues>;
  /** Records of the remote collection (`nimbus-messages`). */
  remote?: unknown[];
  localMessages?: unknown[];
  attributes?: AttributeReaders;
  now?: { value: number };
  surfaces?: Map<string, BackgroundSurface>;
}

export function createRouterHarness(o: RouterHarnessOptions = {}) {
  const local = o.local ?? memoryStorage();
  const clock = o.now ?? { value: Date.UTC(2026, 0, 1, 12) };
  const now = () => clock.value;
  const answers = new Map<string, Answer>([
    [LOCAL_URL, { status: 200, body: { messages: o.localMessages ?? [] } }],
    [collectionUrl(), { status: 200, body: { data: o.remote ?? [] } }],
  ]);
  const fetch = fakeFetch(answers);
  const store = fakeFeedStore({ 'messaging.remoteServer': REMOTE_BASE, ...o.prefs });
  const prefs = () => store.getState().Prefs.values;
  const memory = new MessagingStorage(local);
  const quiet = { warn: () => {} };
  const providers = [
    new LocalProvider(LOCAL_URL, fetch, now, quiet),
    new RemoteSettingsProvider({
      storage: local,
      fetch,
      now,
      recordsUrl: () => recordsUrl(prefs()['messaging.remoteServer'], prefs()['messaging.remoteCollection']),
      report: (event, id) => feed.ping(providerErrorPing(event, id)),
      log: quiet,
    }),
  ];
  const targeting = new Targeting({ ...SAMPLE_ATTRIBUTES, ...o.attributes }, 20);
  const router = new MessagingRouter({ storage: memory, providers, targeting, now, prefs, report: (d) => feed.ping(d) });
  const opened: string[] = [];
  const feed: MessagingRouterFeed = new MessagingRouterFeed(
    router,
    { openTab: async (url) => void opened.push(url), openSettings: async (section) => void opened.push(`settings#${section ?? ''}`), log: quiet },
    o.surfaces,
  );
  /** Feeds built on the router feed (the toolbar), which see every action after it. */
  const others: Feed[] = [];
  const dispatch = async (a: Action) => {
    store.dispatch(a);
    await feed.onAction(a, store);
    for (const other of others) await other.onAction(a, store);
  };
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    local,
    clock,
    answers,
    fetch,
    store,
    router,
    feed,
    opened,
    dispatch,
    settle,
    addFeed: (other: Feed) => void others.push(other),
    /** The background's start: read what is kept, then INIT (which fetches stale providers). */
    start: async () => {
      await router.load(true);
      await dispatch(action('INIT', undefined));
      await settle();
    },
    connect: (portId: string, page: PageKind = 'about:newtab', incognito = false) =>
      dispatch(action('NEW_TAB_INIT', { portId, page, reconnected: false, tabId: 1, windowId: 1, incognito })),
    fromPage: async (portId: string, a: Action) => {
      await dispatch(AlsoToMain(a, portId));
      await settle();
    },
    /** Messaging pings sent so far. */
    pings: (): MessagingEventData[] =>
      store.dispatched.flatMap((a) => (a.type === 'AS_ROUTER_TELEMETRY_USER_EVENT' ? [a.data] : [])),
    /** What each page was sent to show, in order. */
    shown: () =>
      store.dispatched.flatMap((a) => (a.type === 'MESSAGING_SHOW' ? [{ to: a.meta?.toTarget, id: a.data.message?.id ?? null }] : [])),
    setPref: (name: keyof PrefValues, value: unknown) =>
      dispatch(action('PREF_CHANGED', { name, value } as Action<'PREF_CHANGED'>['data'])),
  };
}
