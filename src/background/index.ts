// Background entry (Firefox event page / Chromium service worker). Listeners
// are registered synchronously at start so the browser can wake us for them;
// everything else is rebuilt from storage on every start.
import browser from 'webextension-polyfill';
import { action, type Action } from '../common/actions';
import { MessageChannel } from './MessageChannel';
import { NewTabInit } from './feeds/NewTabInit';
import { PrefsFeed } from './feeds/PrefsFeed';
import { SearchFeed } from './feeds/SearchFeed';
import { PlacesFeed } from './feeds/PlacesFeed';
import { HighlightsFeed } from './feeds/HighlightsFeed';
import { BrowserSignalsFeed } from './feeds/BrowserSignalsFeed';
import { browserSignalsData, placesData, searchData } from './browserData';
import { DiscoveryStreamFeed } from './feeds/DiscoveryStreamFeed';
import { SaveToListFeed } from './feeds/SaveToListFeed';
import { createTopSitesFeed } from './topSites/createTopSitesFeed';
import { storageAreaAdapter } from './storage';
import { createBackgroundStore } from './store';
import { createBrowserTelemetry } from './telemetry/browserTelemetry';
import { createMessagingFeed, MESSAGING_REFRESH_ALARM, type MessagingFeeds } from './messaging/createMessagingFeed';
import { createOnboardingFeed, WELCOME_PATH } from './onboarding/createOnboardingFeed';
import { createExperimentFeed, EXPERIMENTS_REFRESH_ALARM } from './experiments/createExperimentFeed';
import type { ExperimentFeed } from './experiments/ExperimentFeed';
import { ExperimentMessagesProvider } from './experiments/ExperimentMessagesProvider';
import type { OnboardingFeed } from './onboarding/OnboardingFeed';
import { TIMER_ALARM, WidgetsFeed } from './feeds/WidgetsFeed';
import { openStartupTab } from './startupTab';

const BACKGROUND_STARTS_KEY = 'background.starts';

const channel = new MessageChannel();
channel.listen(browser.runtime.onConnect);

const browserSignals = new BrowserSignalsFeed(browserSignalsData, storageAreaAdapter(browser.storage.session));
browserSignals.listen();

// Telemetry's signals (browser start, new tabs, idle, its flush alarm, consent changes) wake us too.
const telemetry = createBrowserTelemetry();

const discoveryStream = new DiscoveryStreamFeed({
  storage: storageAreaAdapter(browser.storage.local),
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  alarms: browser.alarms,
  bundledImageBase: browser.runtime.getURL('stories/'),
});
// The refresh alarm wakes a suspended background, so its listener is registered at once.
browser.alarms.onAlarm.addListener((alarm) => discoveryStream.onAlarm(alarm.name));

// The Focus timer's end is an alarm, which wakes us; the notification is optional (permission asked on the page).
const widgets = new WidgetsFeed({
  storage: storageAreaAdapter(browser.storage.local),
  alarms: browser.alarms,
  now: () => Date.now(),
  notify: async (mode) => {
    if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return false;
    await browser.notifications.create(TIMER_ALARM, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-96.png'),
      title: browser.i18n.getMessage('widgetTimerName'),
      message: browser.i18n.getMessage(mode === 'focus' ? 'widgetTimerDoneFocus' : 'widgetTimerDoneBreak'),
    });
    return true;
  },
});
browser.alarms.onAlarm.addListener((alarm) => void widgets.onAlarm(alarm.name));

// The messaging router's browser triggers wake us too; they wait for the router to be ready.
let messagingReady: (feeds: MessagingFeeds) => void;
const feeds = new Promise<MessagingFeeds>((resolve) => (messagingReady = resolve));
const messaging = feeds.then((f) => f.messaging);
const cfr = feeds.then((f) => f.cfr);
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === MESSAGING_REFRESH_ALARM) void messaging.then((feed) => feed.refresh(true));
});
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void messaging.then((feed) => feed.trigger({ id: 'firstRun' }));
});
// A welcome page's session ends when its tab closes, its window closes or it
// goes elsewhere; these wake the background, then wait for the feed.
let onboardingReady: (feed: OnboardingFeed) => void;
const onboarding = new Promise<OnboardingFeed>((resolve) => (onboardingReady = resolve));
// The URL is matched in the background and goes no further (triggers.ts). A tab
// that starts loading anything else loses its recommendation (CfrFeed).
const onTabUpdated = (tabId: number, change: { status?: string; url?: string }, tab: { url?: string; incognito: boolean }) => {
  const newUrl = change.url;
  if (newUrl) void onboarding.then((feed) => feed.tabNavigated(tabId, newUrl));
  if (change.status === 'loading') void cfr.then((feed) => feed.clearTab(tabId));
  if (change.status !== 'complete' || !tab.url || tab.incognito) return;
  const url = tab.url;
  void messaging.then((feed) => feed.trigger({ id: 'openURL', url, tabId }));
};
// Firefox can filter, so the event page wakes only for loads and navigations; Chromium wakes for every tab update anyway.
if (browser.runtime.getURL('').startsWith('moz-extension:')) browser.tabs.onUpdated.addListener(onTabUpdated, { properties: ['status', 'url'] });
else browser.tabs.onUpdated.addListener(onTabUpdated);
browser.tabs.onRemoved.addListener((tabId, { isWindowClosing }) => {
  void cfr.then((feed) => feed.clearTab(tabId));
  void onboarding.then((feed) => feed.tabRemoved(tabId, isWindowClosing));
});
// The toolbar button has a popup, so it fires no onClicked: the popup says it opened (ToolbarFeed).

// "Save to list" on pages and links (the save-for-later button's context menu). Menus
// persist, so they are made once per install or update; the click wakes us.
const SAVE_MENU_ID = 'save-to-list';
browser.runtime.onInstalled.addListener(async () => {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: SAVE_MENU_ID, title: browser.i18n.getMessage('saveToListMenu'), contexts: ['page', 'link'] });
});
let storeReady: (dispatch: (a: Action) => void) => void;
const storeDispatch = new Promise<(a: Action) => void>((resolve) => (storeReady = resolve));
browser.contextMenus.onClicked.addListener((info, tab) => {
  // Nothing is kept from private windows.
  if (info.menuItemId !== SAVE_MENU_ID || tab?.id === undefined || tab.incognito) return;
  const link = info.linkUrl ? { url: info.linkUrl, ...(info.linkText ? { text: info.linkText } : {}) } : undefined;
  const tabId = tab.id;
  void storeDispatch.then((dispatch) => dispatch(action('SAVE_TO_LIST', { tabId, ...(link ? { link } : {}) })));
});

// The experiments' schedule wakes us too.
let experimentsReady: (feed: ExperimentFeed) => void;
const experiments = new Promise<ExperimentFeed>((resolve) => (experimentsReady = resolve));
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === EXPERIMENTS_REFRESH_ALARM) void experiments.then((feed) => feed.refresh());
});

// The return-to-AMO add-on being installed.
browser.management.onInstalled.addListener(({ id }) => void onboarding.then((feed) => feed.addonInstalled(id)));

// Chromium reports an unpacked extension as installed on every start, so a
// stored flag makes "once" true everywhere.
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== 'install') return;
  const { welcomeShown } = await browser.storage.local.get('welcomeShown');
  if (welcomeShown) return;
  await browser.storage.local.set({ welcomeShown: true });
  await openStartupTab(browser.tabs, browser.runtime.getURL(WELCOME_PATH));
});

async function start(): Promise<void> {
  const storage = storageAreaAdapter(browser.storage.local);
  const prefs = new PrefsFeed(storage);
  await Promise.all([prefs.load(), discoveryStream.load(), widgets.load()]);
  const experimentMessages = new ExperimentMessagesProvider(() => Date.now());
  const messagingFeeds = await createMessagingFeed(() => prefs.current, [experimentMessages]);
  const { messaging: messagingFeed, toolbar, cfr: cfrFeed } = messagingFeeds;
  const experimentFeed = await createExperimentFeed(() => prefs.current, messagingFeed, experimentMessages);
  const onboardingFeed = await createOnboardingFeed(messagingFeed.router, experimentFeed.manager, () => prefs.current);
  const store = createBackgroundStore(
    [
      prefs,
      new NewTabInit(),
      new SearchFeed(searchData),
      new PlacesFeed(placesData),
      createTopSitesFeed(),
      new HighlightsFeed(placesData),
      browserSignals,
      discoveryStream,
      widgets,
      new SaveToListFeed({
        tabPage: async (tabId) => {
          const tab = await browser.tabs.get(tabId).catch(() => null);
          return tab?.url && !tab.incognito ? { url: tab.url, title: tab.title ?? '' } : null;
        },
        savePage: (url, title) => discoveryStream.savePage(url, title),
      }),
      experimentFeed.feed,
      messagingFeed,
      toolbar,
      cfrFeed,
      onboardingFeed,
      telemetry,
    ],
    channel.middleware,
  );
  store.dispatch(action('INIT', undefined));
  channel.start(store.dispatch);
  storeReady(store.dispatch);
  messagingReady(messagingFeeds);
  onboardingReady(onboardingFeed);
  experimentsReady(experimentFeed.feed);
  // A moments page set earlier opens at a browser start; an update or a date may set one.
  await messagingFeeds.moments.start(messagingFeeds.newBrowserSession, browser.runtime.getManifest().version);
}

/** How often the background started in this browser session (the wake-up tests read it). */
async function countStart(): Promise<void> {
  const { [BACKGROUND_STARTS_KEY]: starts } = await browser.storage.session.get(BACKGROUND_STARTS_KEY);
  await browser.storage.session.set({ [BACKGROUND_STARTS_KEY]: (Number(starts) || 0) + 1 });
}

countStart().catch((error: unknown) => console.warn('Open Activity Stream: could not count this start', error));
start().catch((error: unknown) => console.error('Open Activity Stream: background start failed', error));
