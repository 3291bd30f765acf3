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
// The URL is matched in the background and goes no further (triggers.ts). A tab
// that starts loading anything else loses its recommendation (CfrFeed).
const onTabUpdated = (tabId: number, change: { status?: string }, tab: { url?: string; incognito: boolean }) => {
  if (change.status === 'loading') void cfr.then((feed) => feed.clearTab(tabId));
  if (change.status !== 'complete' || !tab.url || tab.incognito) return;
  const url = tab.url;
  void messaging.then((feed) => feed.trigger({ id: 'openURL', url, tabId }));
};
// Firefox can filter, so the event page wakes only for loads; Chromium wakes for every tab update anyway.
if (browser.runtime.getURL('').startsWith('moz-extension:')) browser.tabs.onUpdated.addListener(onTabUpdated, { properties: ['status'] });
else browser.tabs.onUpdated.addListener(onTabUpdated);
browser.tabs.onRemoved.addListener((tabId) => void cfr.then((feed) => feed.clearTab(tabId)));
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

// Chromium reports an unpacked extension as installed on every start, so a
// stored flag makes "once" true everywhere.
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== 'install') return;
  const { welcomeShown } = await browser.storage.local.get('welcomeShown');
  if (welcomeShown) return;
  await browser.storage.local.set({ welcomeShown: true });
  await browser.tabs.create({ url: browser.runtime.getURL('welcome/welcome.html') });
});

async function start(): Promise<void> {
  const storage = storageAreaAdapter(browser.storage.local);
  const prefs = new PrefsFeed(storage);
  await Promise.all([prefs.load(), discoveryStream.load()]);
  const messagingFeeds = await createMessagingFeed(() => prefs.current);
  const { messaging: messagingFeed, toolbar, cfr: cfrFeed } = messagingFeeds;
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
      new SaveToListFeed({
        tabPage: async (tabId) => {
          const tab = await browser.tabs.get(tabId).catch(() => null);
          return tab?.url && !tab.incognito ? { url: tab.url, title: tab.title ?? '' } : null;
        },
        savePage: (url, title) => discoveryStream.savePage(url, title),
      }),
      messagingFeed,
      toolbar,
      cfrFeed,
      telemetry,
    ],
    channel.middleware,
  );
  store.dispatch(action('INIT', undefined));
  channel.start(store.dispatch);
  storeReady(store.dispatch);
  messagingReady(messagingFeeds);
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
