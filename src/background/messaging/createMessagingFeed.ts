// The messaging feed over the real browser: storage.local for what the
// router remembers, the bundled and remote providers, the targeting
// attributes read from browser APIs, and tabs for the buttons' actions.
import browser from 'webextension-polyfill';
import { buildConfig } from '../../common/buildConfig';
import { isWebUrl } from '../../common/urls';
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
import { ToolbarFeed, type Badge } from './ToolbarFeed';
import { CfrFeed, type CfrIndicator } from './CfrFeed';
import { MomentsPage } from './MomentsPage';
import { openStartupTab } from '../startupTab';

export const MESSAGING_REFRESH_ALARM = 'messaging.refresh';
const REFRESH_MINUTES = 240;
const SESSION_KEY = 'messaging.sessionStarted';

/** Draws our toolbar button's badge (global; a tab's own badge, set by CFR in Chromium, wins on that tab). */
async function setBadge(badge: Badge): Promise<void> {
  await browser.action.setBadgeText({ text: badge?.text ?? '' });
  if (badge) await browser.action.setBadgeBackgroundColor({ color: badge.color });
}

/**
 * A tab's recommendation indicator. Firefox: our page action in the address bar (its popup is
 * the doorhanger). Chromium has no page action: a badge on our toolbar button for that tab only.
 */
const cfrIndicator: CfrIndicator = browser.pageAction
  ? {
      async show(tabId, title) {
        await browser.pageAction.setTitle({ tabId, title });
        await browser.pageAction.show(tabId);
      },
      hide: (tabId) => browser.pageAction.hide(tabId),
    }
  : {
      async show(tabId, title) {
        await browser.action.setTitle({ tabId, title });
        await browser.action.setBadgeText({ tabId, text: CFR_BADGE });
        await browser.action.setBadgeBackgroundColor({ tabId, color: CFR_BADGE_COLOR });
      },
      async hide(tabId) {
        // null: the tab shows the button's global badge again (Chromium takes no null title: the default is set).
        await browser.action.setBadgeText({ tabId, text: null });
        await browser.action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitle') });
      },
    };
const CFR_BADGE = '★';
const CFR_BADGE_COLOR = '#0060df';

export interface MessagingFeeds {
  messaging: MessagingRouterFeed;
  toolbar: ToolbarFeed;
  cfr: CfrFeed;
  moments: MomentsPage;
  /** This start is the first of a browser session. */
  newBrowserSession: boolean;
}

/** `first`: providers ahead of the bundled and remote ones (the experiments' messages). */
export async function createMessagingFeed(prefs: () => PrefValues, first: readonly MessageProvider[] = []): Promise<MessagingFeeds> {
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
  const openTab = async (url: string) => void (await browser.tabs.create({ url }));
  const openSettings = async (section?: string) =>
    void (await browser.tabs.create({ url: browser.runtime.getURL(`options/options.html${section ? `#${section}-heading` : ''}`) }));
  const feed: MessagingRouterFeed = new MessagingRouterFeed(router, { openTab, openSettings });

  const cfr = new CfrFeed({
    messaging: feed,
    indicator: cfrIndicator,
    session: storageAreaAdapter(browser.storage.session),
    openTab,
    openSettings,
    pinTab: async (tabId) => void (await browser.tabs.update(tabId, { pinned: true })),
  });
  feed.addSurface('cfr_doorhanger', cfr.surface);
  const toolbar = new ToolbarFeed({ messaging: feed, badge: { set: setBadge }, storage: local, openTab, cfrFor: (port, tab) => cfr.openedOn(port, tab),
    savable: async (tabId) => {
      const tab = await browser.tabs.get(tabId).catch(() => null);
      return Boolean(tab && !tab.incognito && isWebUrl(tab.url));
    },
  });
  feed.addSurface('toolbar_badge', toolbar.badgeSurface);
  const moments = new MomentsPage({ messaging: feed, storage: local, now, openTab: (url) => openStartupTab(browser.tabs, url) });
  feed.addSurface('update_action', moments.surface);
  await Promise.all([toolbar.load(), cfr.load(), moments.load()]);

  const session = await browser.storage.session.get(SESSION_KEY);
  if (!session[SESSION_KEY]) await browser.storage.session.set({ [SESSION_KEY]: true });
  await router.load(!session[SESSION_KEY]);
  // Re-creating an alarm restarts its period, and an event page starts often.
  if (!(await browser.alarms.get(MESSAGING_REFRESH_ALARM))) {
    browser.alarms.create(MESSAGING_REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  }
  return { messaging: feed, toolbar, cfr, moments, newBrowserSession: !session[SESSION_KEY] };
}
