import { describe, expect, it } from 'vitest';
import { action, type Action } from '../../common/actions';
import { DEFAULT_WELCOME_FLOW } from '../../common/onboarding/screens';
import type { MessagingEventData } from '../../common/pings/types';
import { SEED_ATTRIBUTION } from '../../test-support/pingSamples';
import type { FeedStore } from '../feeds/Feed';
import { memoryStorage } from '../storage';
import { withReturnToAmo } from '../../common/onboarding/rtamo';
import { OnboardingFeed, type OnboardingDeps } from './OnboardingFeed';

const WELCOME_URL = 'moz-extension://id/welcome/welcome.html';
const PORT = '22222222-2222-4222-8222-222222222222';

function setUp(deps: Partial<OnboardingDeps> = {}) {
  const dispatched: Action[] = [];
  const store = { dispatch: (a: Action) => void dispatched.push(a), getState: () => ({}) } as unknown as FeedStore;
  const storage = deps.storage ?? memoryStorage();
  const session = deps.session ?? memoryStorage();
  const feed = new OnboardingFeed({
    storage,
    session,
    chooseFlow: async () => DEFAULT_WELCOME_FLOW,
    attribution: async () => SEED_ATTRIBUTION,
    newBrowserSession: false,
    welcomeUrl: WELCOME_URL,
    ...deps,
  });
  const fromPage = (a: Action) => feed.onAction({ ...a, meta: { fromTarget: PORT } } as Action, store);
  const pings = () => dispatched.flatMap((a) => (a.type === 'AS_ROUTER_TELEMETRY_USER_EVENT' ? [a.data as Extract<MessagingEventData, { action: 'onboarding_user_event' }>] : []));
  const open = async (tabId = 7) => {
    await feed.onAction(action('NEW_TAB_INIT', { portId: PORT, page: 'about:welcome', reconnected: false, tabId, windowId: 1, incognito: false }), store);
    await fromPage(action('WELCOME_FLOW_REQUEST', undefined));
  };
  return { feed, store, storage, session, dispatched, fromPage, pings, open };
}

describe('OnboardingFeed', () => {
  it('answers the page with its screens, and keeps the tab as an open welcome page', async () => {
    const { dispatched, open, storage } = setUp();
    await open();
    expect(dispatched.find((a) => a.type === 'WELCOME_FLOW')).toMatchObject({ data: { flow: DEFAULT_WELCOME_FLOW }, meta: { toTarget: PORT } });
    expect(await storage.get('onboarding.openWelcomeTabs')).toEqual({ 7: { portId: PORT, flowId: 'DEFAULT_ABOUTWELCOME' } });
  });

  it('sends one impression per screen shown and a click per button, with the attribution', async () => {
    const { fromPage, pings, open } = setUp();
    await open();
    await fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'AW_GET_STARTED' }));
    await fromPage(action('WELCOME_BUTTON', { screen: 'AW_GET_STARTED', source: 'primary_button' }));
    await fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'SITES' }));
    // Back to the first screen: it was already seen.
    await fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'AW_GET_STARTED' }));
    await fromPage(action('WELCOME_BUTTON', { screen: 'SITES', source: 'secondary_button' }));
    expect(pings()).toEqual([
      { action: 'onboarding_user_event', event: 'IMPRESSION', message_id: 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED', attribution: SEED_ATTRIBUTION },
      { action: 'onboarding_user_event', event: 'CLICK_BUTTION', message_id: 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED', event_context: { source: 'primary_button' }, attribution: SEED_ATTRIBUTION },
      { action: 'onboarding_user_event', event: 'IMPRESSION', message_id: 'DEFAULT_ABOUTWELCOME_SITES', attribution: SEED_ATTRIBUTION },
      { action: 'onboarding_user_event', event: 'CLICK_BUTTION', message_id: 'DEFAULT_ABOUTWELCOME_SITES', event_context: { source: 'secondary_button' }, attribution: SEED_ATTRIBUTION },
    ]);
  });

  it('goes on after a suspended background restarts: the reconnected page keeps its screens and what it reported', async () => {
    const session = memoryStorage();
    const before = setUp({ session });
    await before.open();
    await before.fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'AW_GET_STARTED' }));
    const after = setUp({ session, storage: before.storage, chooseFlow: () => Promise.reject(new Error('not asked again')) });
    await after.feed.onAction(action('NEW_TAB_INIT', { portId: PORT, page: 'about:welcome', reconnected: true, tabId: 7, windowId: 1, incognito: false }), after.store);
    await after.fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'AW_GET_STARTED' }));
    await after.fromPage(action('WELCOME_BUTTON', { screen: 'AW_GET_STARTED', source: 'primary_button' }));
    await after.fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'SITES' }));
    expect(after.pings().map((p) => [p.event, p.message_id])).toEqual([
      ['CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED'],
      ['IMPRESSION', 'DEFAULT_ABOUTWELCOME_SITES'],
    ]);
  });

  it("handles a woken background's actions in order: those right behind a reconnecting page's NEW_TAB_INIT are not lost", async () => {
    const session = memoryStorage();
    const before = setUp({ session });
    await before.open();
    const after = setUp({ session, storage: before.storage });
    // The store hands actions on as they come, without waiting for a feed to finish the one before.
    await Promise.all([
      after.feed.onAction(action('NEW_TAB_INIT', { portId: PORT, page: 'about:welcome', reconnected: true, tabId: 7, windowId: 1, incognito: false }), after.store),
      after.fromPage(action('WELCOME_BUTTON', { screen: 'AW_GET_STARTED', source: 'secondary_button' })),
      after.fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'SITES' })),
    ]);
    expect(after.pings().map((p) => [p.event, p.message_id])).toEqual([
      ['CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED'],
      ['IMPRESSION', 'DEFAULT_ABOUTWELCOME_SITES'],
    ]);
  });

  it('ignores screens the page was not sent, and pages that asked for no flow', async () => {
    const { fromPage, pings, open, feed, store } = setUp({ chooseFlow: async () => ({ id: 'M', screens: [{ id: 'AW_CHOOSE_THEME' }] }) });
    await fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'AW_CHOOSE_THEME' }));
    await open();
    await fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'SITES' }));
    await fromPage(action('WELCOME_BUTTON', { screen: 'SITES', source: 'primary_button' }));
    await feed.onAction(action('WELCOME_SCREEN_SHOWN', { screen: 'AW_CHOOSE_THEME' }), store);
    expect(pings()).toEqual([]);
  });

  it.each([
    ['a closed tab', (f: OnboardingFeed) => f.tabRemoved(7, false), 'welcome-tab-closed'],
    ['a closed window', (f: OnboardingFeed) => f.tabRemoved(7, true), 'welcome-window-closed'],
    ['another address', (f: OnboardingFeed) => f.tabNavigated(7, 'https://example.org/'), 'address-bar-navigated'],
  ] as const)('ends the session once for %s', async (_label, end, reason) => {
    const { feed, pings, open, storage } = setUp();
    await open();
    await feed.tabNavigated(7, `${WELCOME_URL}?locale=fr`);
    await feed.tabRemoved(8, false);
    await end(feed);
    await end(feed);
    expect(pings().filter((p) => p.event === 'SESSION_END')).toEqual([
      { action: 'onboarding_user_event', event: 'SESSION_END', message_id: 'DEFAULT_ABOUTWELCOME', event_context: { reason }, attribution: SEED_ATTRIBUTION },
    ]);
    expect(await storage.get('onboarding.openWelcomeTabs')).toEqual({});
  });

  it('ends the session of a tab closed while its flow was still being chosen, and does not keep it open', async () => {
    let choose = (_flow: typeof DEFAULT_WELCOME_FLOW) => undefined as void;
    const { feed, fromPage, pings, store, storage } = setUp({ chooseFlow: () => new Promise((resolve) => (choose = resolve)) });
    await feed.onAction(action('NEW_TAB_INIT', { portId: PORT, page: 'about:welcome', reconnected: false, tabId: 7, windowId: 1, incognito: false }), store);
    const asked = fromPage(action('WELCOME_FLOW_REQUEST', undefined));
    await feed.tabRemoved(7, false);
    choose(DEFAULT_WELCOME_FLOW);
    await asked;
    expect(pings().filter((p) => p.event === 'SESSION_END')).toEqual([
      { action: 'onboarding_user_event', event: 'SESSION_END', message_id: 'DEFAULT_ABOUTWELCOME', event_context: { reason: 'welcome-tab-closed' }, attribution: SEED_ATTRIBUTION },
    ]);
    expect((await storage.get('onboarding.openWelcomeTabs')) ?? {}).toEqual({});
  });

  it('reports pages left open at a quit on the next browser session only, and without attribution when there is none', async () => {
    const storage = memoryStorage({ 'onboarding.openWelcomeTabs': { 7: { portId: PORT, flowId: 'DEFAULT_ABOUTWELCOME' } } });
    const wakeUp = setUp({ storage, newBrowserSession: false });
    await wakeUp.feed.onAction(action('INIT', undefined), wakeUp.store);
    expect(wakeUp.pings()).toEqual([]);
    const nextStart = setUp({ storage, newBrowserSession: true, attribution: async () => ({}) });
    await nextStart.feed.onAction(action('INIT', undefined), nextStart.store);
    expect(nextStart.pings()).toEqual([
      { action: 'onboarding_user_event', event: 'SESSION_END', message_id: 'DEFAULT_ABOUTWELCOME', event_context: { reason: 'app-shut-down' } },
    ]);
    expect(await storage.get('onboarding.openWelcomeTabs')).toEqual({});
  });

  it('shows the screens in a private window, but keeps and reports nothing', async () => {
    const { feed, store, fromPage, dispatched, pings, storage } = setUp();
    await feed.onAction(action('NEW_TAB_INIT', { portId: PORT, page: 'about:welcome', reconnected: false, tabId: 7, windowId: 1, incognito: true }), store);
    await fromPage(action('WELCOME_FLOW_REQUEST', undefined));
    await fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'AW_GET_STARTED' }));
    await feed.tabRemoved(7, false);
    expect(dispatched.map((a) => a.type)).toEqual(['WELCOME_FLOW']);
    expect(pings()).toEqual([]);
    expect(await storage.get('onboarding.openWelcomeTabs')).toBeUndefined();
  });
});

describe('OnboardingFeed: return to AMO', () => {
  const flow = withReturnToAmo(DEFAULT_WELCOME_FLOW, { content: 'rta:test-addon@github.io' }, 'http://127.0.0.1:1/listing/%ID%');

  it('puts the add-on screen first, and leaves flows without an rta: attribution alone', () => {
    expect(flow.id).toBe('RTAMO_DEFAULT_WELCOME');
    expect(flow.screens.map((s) => s.id)).toEqual(['RTAMO', 'AW_GET_STARTED', 'SITES', 'AW_IMPORT_SETTINGS', 'AW_CHOOSE_THEME']);
    expect(flow.addon).toEqual({ id: 'test-addon@github.io', listingUrl: 'http://127.0.0.1:1/listing/test-addon%40github.io' });
    expect(withReturnToAmo(DEFAULT_WELCOME_FLOW, SEED_ATTRIBUTION, 'https://x/%ID%')).toBe(DEFAULT_WELCOME_FLOW);
  });

  it('reports INSTALL once, for the add-on whose button was used, and ends its session as RTAMO_DEFAULT_WELCOME', async () => {
    const { feed, fromPage, pings, open } = setUp({ chooseFlow: async () => flow });
    await open();
    await feed.addonInstalled('test-addon@github.io');
    await fromPage(action('WELCOME_SCREEN_SHOWN', { screen: 'RTAMO' }));
    await fromPage(action('WELCOME_BUTTON', { screen: 'RTAMO', source: 'primary_button' }));
    await feed.addonInstalled('other@example.org');
    await feed.addonInstalled('test-addon@github.io');
    await feed.addonInstalled('test-addon@github.io');
    await feed.tabRemoved(7, false);
    expect(pings().map((p) => [p.event, p.message_id, p.event_context])).toEqual([
      ['IMPRESSION', 'RTAMO_DEFAULT_WELCOME', undefined],
      ['CLICK_BUTTION', 'RTAMO_DEFAULT_WELCOME', { source: 'primary_button' }],
      ['INSTALL', 'RTAMO_DEFAULT_WELCOME', { source: 'ADD_EXTENSION_BUTTON' }],
      ['SESSION_END', 'RTAMO_DEFAULT_WELCOME', { reason: 'welcome-tab-closed' }],
    ]);
  });
});
