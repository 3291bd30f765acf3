// Background entry (Firefox event page / Chromium service worker). Listeners
// are registered synchronously at start so the browser can wake us for them;
// everything else is rebuilt from storage on every start.
import browser from 'webextension-polyfill';
import { action } from '../common/actions';
import { MessageChannel } from './MessageChannel';
import { NewTabInit } from './feeds/NewTabInit';
import { PrefsFeed } from './feeds/PrefsFeed';
import { storageAreaAdapter } from './storage';
import { createBackgroundStore } from './store';

const channel = new MessageChannel();
channel.listen(browser.runtime.onConnect);

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
  await prefs.load();
  const store = createBackgroundStore([prefs, new NewTabInit()], channel.middleware);
  store.dispatch(action('INIT', undefined));
  channel.start(store.dispatch);
}

start().catch((error: unknown) => console.error('Open Activity Stream: background start failed', error));
