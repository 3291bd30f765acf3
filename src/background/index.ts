// Background entry (Firefox event page / Chromium service worker). Listeners
// are registered synchronously at start so the browser can wake us for them;
// everything else is rebuilt from storage on every start.
import browser from 'webextension-polyfill';
import { action } from '../common/actions';
import { MessageChannel } from './MessageChannel';
import { NewTabInit } from './feeds/NewTabInit';
import { PrefsFeed } from './feeds/PrefsFeed';
import { SearchFeed } from './feeds/SearchFeed';
import { PlacesFeed } from './feeds/PlacesFeed';
import { HighlightsFeed } from './feeds/HighlightsFeed';
import { BrowserSignalsFeed } from './feeds/BrowserSignalsFeed';
import { browserSignalsData, placesData, searchData } from './browserData';
import { DiscoveryStreamFeed } from './feeds/DiscoveryStreamFeed';
import { createTopSitesFeed } from './topSites/createTopSitesFeed';
import { storageAreaAdapter } from './storage';
import { createBackgroundStore } from './store';
import { createBrowserTelemetry } from './telemetry/browserTelemetry';
import { createMessagingFeed, MESSAGING_REFRESH_ALARM } from './messaging/createMessagingFeed';
import type { MessagingRouterFeed } from './messaging/MessagingRouterFeed';
import { createOnboardingFeed, WELCOME_PATH } from './onboarding/createOnboardingFeed';
import { createExperimentFeed, EXPERIMENTS_REFRESH_ALARM } from './experiments/createExperimentFeed';
import type { ExperimentFeed } from './experiments/ExperimentFeed';
import { ExperimentMessagesProvider } from './experiments/ExperimentMessagesProvider';
import type { OnboardingFeed } from './onboarding/OnboardingFeed';

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
let messagingReady: (feed: MessagingRouterFeed) => void;
const messaging = new Promise<MessagingRouterFeed>((resolve) => (messagingReady = resolve));
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === MESSAGING_REFRESH_ALARM) void messaging.then((feed) => feed.refresh(true));
});
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void messaging.then((feed) => feed.trigger({ id: 'firstRun' }));
});
// The URL is matched in the background and goes no further (triggers.ts).
const onPageLoaded = (_tabId: number, change: { status?: string }, tab: { url?: string; incognito: boolean }) => {
  if (change.status !== 'complete' || !tab.url || tab.incognito) return;
  const url = tab.url;
  void messaging.then((feed) => feed.trigger({ id: 'openURL', url }));
};
// Firefox can filter, so the event page wakes only for loads; Chromium wakes for every tab update anyway.
if (browser.runtime.getURL('').startsWith('moz-extension:')) browser.tabs.onUpdated.addListener(onPageLoaded, { properties: ['status'] });
else browser.tabs.onUpdated.addListener(onPageLoaded);
(browser as unknown as { action?: { onClicked?: { addListener(l: () => void): void } } }).action?.onClicked?.addListener(() => {
  void messaging.then((feed) => feed.trigger({ id: 'toolbarButtonOpened' }));
});

// The experiments' schedule wakes us too.
let experimentsReady: (feed: ExperimentFeed) => void;
const experiments = new Promise<ExperimentFeed>((resolve) => (experimentsReady = resolve));
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === EXPERIMENTS_REFRESH_ALARM) void experiments.then((feed) => feed.refresh());
});

// A welcome page's session ends when its tab closes, its window closes or it
// goes elsewhere; these wake the background, then wait for the feed.
let onboardingReady: (feed: OnboardingFeed) => void;
const onboarding = new Promise<OnboardingFeed>((resolve) => (onboardingReady = resolve));
browser.tabs.onRemoved.addListener((tabId, { isWindowClosing }) => {
  void onboarding.then((feed) => feed.tabRemoved(tabId, isWindowClosing));
});
const onTabUrl = (tabId: number, change: { url?: string }) => {
  const url = change.url;
  if (url) void onboarding.then((feed) => feed.tabNavigated(tabId, url));
};
if (browser.runtime.getURL('').startsWith('moz-extension:')) browser.tabs.onUpdated.addListener(onTabUrl, { properties: ['url'] });
else browser.tabs.onUpdated.addListener(onTabUrl);
// The return-to-AMO add-on being installed.
browser.management.onInstalled.addListener(({ id }) => void onboarding.then((feed) => feed.addonInstalled(id)));

// Chromium reports an unpacked extension as installed on every start, so a
// stored flag makes "once" true everywhere.
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== 'install') return;
  const { welcomeShown } = await browser.storage.local.get('welcomeShown');
  if (welcomeShown) return;
  await browser.storage.local.set({ welcomeShown: true });
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
});

async function start(): Promise<void> {
  const storage = storageAreaAdapter(browser.storage.local);
  const prefs = new PrefsFeed(storage);
  await Promise.all([prefs.load(), discoveryStream.load()]);
  const experimentMessages = new ExperimentMessagesProvider(() => Date.now());
  const messagingFeed = await createMessagingFeed(() => prefs.current, [experimentMessages]);
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
      experimentFeed.feed,
      messagingFeed,
      onboardingFeed,
      telemetry,
    ],
    channel.middleware,
  );
  store.dispatch(action('INIT', undefined));
  channel.start(store.dispatch);
  messagingReady(messagingFeed);
  onboardingReady(onboardingFeed);
  experimentsReady(experimentFeed.feed);
}

/** How often the background started in this browser session (the wake-up tests read it). */
async function countStart(): Promise<void> {
  const { [BACKGROUND_STARTS_KEY]: starts } = await browser.storage.session.get(BACKGROUND_STARTS_KEY);
  await browser.storage.session.set({ [BACKGROUND_STARTS_KEY]: (Number(starts) || 0) + 1 });
}

countStart().catch((error: unknown) => console.warn('Open Activity Stream: could not count this start', error));
start().catch((error: unknown) => console.error('Open Activity Stream: background start failed', error));
