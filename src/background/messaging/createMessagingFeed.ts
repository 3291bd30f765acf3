// The messaging feed over the real browser: storage.local for what the
// router remembers, the bundled and remote providers, the targeting
// attributes read from browser APIs, and tabs for the buttons' actions.
import browser from 'webextension-polyfill';
import { buildConfig } from '../../common/buildConfig';
import type { PrefValues } from '../../common/prefs';
import { browserSignalsData, placesData } from '../browserData';
import { storageAreaAdapter } from '../storage';
import { environment } from '../telemetry/browserTelemetry';
import { attributeReaders } from './attributes';
import { MessagingRouter } from './MessagingRouter';
import { MessagingRouterFeed } from './MessagingRouterFeed';
import { MessagingStorage } from './MessagingStorage';
import { providerErrorPing } from './messagePings';
import { LocalProvider, recordsUrl, RemoteSettingsProvider, type MessageProvider } from './providers';
import { Targeting } from './targeting';

export const MESSAGING_REFRESH_ALARM = 'messaging.refresh';
const REFRESH_MINUTES = 240;
const SESSION_KEY = 'messaging.sessionStarted';

/** `first`: providers ahead of the bundled and remote ones (the experiments' messages). */
export async function createMessagingFeed(prefs: () => PrefValues, first: readonly MessageProvider[] = []): Promise<MessagingRouterFeed> {
  const local = storageAreaAdapter(browser.storage.local);
  const now = () => Date.now();
  const memory = new MessagingStorage(local);
  const providers = [
    ...first,
    new LocalProvider(browser.runtime.getURL('messaging/local-messages.json'), (i, o) => fetch(i, o), now),
    new RemoteSettingsProvider({
      storage: local,
      fetch: (i, o) => fetch(i, o),
      now,
      recordsUrl: () => recordsUrl(prefs()['messaging.remoteServer'], prefs()['messaging.remoteCollection']),
      report: (event, providerId) => feed.ping(providerErrorPing(event, providerId)),
    }),
  ];
  const targeting = new Targeting(
    attributeReaders({
      locale: environment.locale,
      browserVersion: environment.browserVersion,
      addonVersion: browser.runtime.getManifest().version,
      releaseChannel: buildConfig.releaseChannel,
      now,
      firstRunAt: () => memory.state.firstRunAt,
      previousSessionEnd: () => memory.state.previousSessionEnd,
      topSiteUrls: () => placesData.topSiteUrls(),
      totalBookmarksCount: async () => (await browser.bookmarks.search({})).filter((n) => n.url).length,
      countPinnedTabs: () => browserSignalsData.countPinnedTabs(),
      prefs,
      messageImpressions: () => memory.state.impressions,
      providerCohorts: () => Object.fromEntries(providers.map((p) => [p.id, ''])),
      newTabPage: () => browserSignalsData.newTabPage(),
      homepage: () => browserSignalsData.homepage(),
    }),
  );
  const router = new MessagingRouter({ storage: memory, providers, targeting, now, prefs, report: (data) => feed.ping(data) });
  const feed: MessagingRouterFeed = new MessagingRouterFeed(router, {
    openTab: async (url) => void (await browser.tabs.create({ url })),
    openSettings: async (section) =>
      void (await browser.tabs.create({ url: browser.runtime.getURL(`options/options.html${section ? `#${section}-heading` : ''}`) })),
  });

  const session = await browser.storage.session.get(SESSION_KEY);
  if (!session[SESSION_KEY]) await browser.storage.session.set({ [SESSION_KEY]: true });
  await router.load(!session[SESSION_KEY]);
  // Re-creating an alarm restarts its period, and an event page starts often.
  if (!(await browser.alarms.get(MESSAGING_REFRESH_ALARM))) {
    browser.alarms.create(MESSAGING_REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  }
  return feed;
}
