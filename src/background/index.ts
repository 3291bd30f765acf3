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
      telemetry,
    ],
    channel.middleware,
  );
  store.dispatch(action('INIT', undefined));
  channel.start(store.dispatch);
}

/** How often the background started in this browser session (the wake-up tests read it). */
async function countStart(): Promise<void> {
  const { [BACKGROUND_STARTS_KEY]: starts } = await browser.storage.session.get(BACKGROUND_STARTS_KEY);
  await browser.storage.session.set({ [BACKGROUND_STARTS_KEY]: (Number(starts) || 0) + 1 });
}

countStart().catch((error: unknown) => console.warn('Open Activity Stream: could not count this start', error));
start().catch((error: unknown) => console.error('Open Activity Stream: background start failed', error));
