// Things that happen outside our pages but belong to the new tab's telemetry
// (Firefox's TelemetryFeed.countPinnedTab and sendPageTakeoverData). This feed
// only detects them and dispatches internal actions; TelemetryFeed builds the
// pings. No URL leaves this file: the page takeover reports a category and an
// extension id.
import { action, type Action } from '../../common/actions';
import type { PageTakeoverValue } from '../../common/pings/types';
import { urlOrigin } from '../../common/urls';
import type { BrowserSetting, BrowserSignalsData, InstalledExtension } from '../browserData';
import { classifySite } from '../siteClassifier';
import type { KeyValueStorage } from '../storage';
import type { Feed, FeedStore } from './Feed';

/** Kept in storage.session: the takeover is reported once per browser session, not per background start. */
export const TAKEOVER_CHECKED_KEY = 'pageTakeoverChecked';

/** The browser's own pages, which are no takeover. */
const BUILT_IN_PAGES = new Set(['about:home', 'about:newtab', 'about:blank', 'about:welcome', 'about:privatebrowsing']);

function isExtensionUrl(url: string): boolean {
  return /^(moz|chrome)-extension:/.test(url);
}

interface PageOwner {
  url_category?: PageTakeoverValue['home_url_category'];
  extension_id?: string;
}

/**
 * Who has a page, if not the browser or us. A custom web page gets its
 * category; another extension's page gets that extension's id (found by the
 * origin of its pages); a web page set by another extension gets both when
 * the extension can be told apart.
 */
export function pageOwner(setting: BrowserSetting | null, extensions: readonly InstalledExtension[]): PageOwner | null {
  if (!setting || setting.levelOfControl === 'controlled_by_this_extension') return null;
  // Firefox keeps several home pages as one "|"-separated value; the first one opens first.
  const url = setting.value.split('|')[0]!.trim();
  if (url === '' || BUILT_IN_PAGES.has(url)) return null;
  const owner: PageOwner = {};
  if (!isExtensionUrl(url)) owner.url_category = classifySite(url);
  if (setting.levelOfControl === 'controlled_by_other_extensions' || isExtensionUrl(url)) {
    const origin = urlOrigin(url);
    const extension = extensions.find((e) => e.enabled && origin !== null && e.origins.includes(origin));
    if (extension) owner.extension_id = extension.id;
  }
  return Object.keys(owner).length > 0 ? owner : null;
}

export function pageTakeover(
  home: PageOwner | null,
  newtab: PageOwner | null,
): Action<'TELEMETRY_PAGE_TAKEOVER'>['data'] | null {
  if (!home && !newtab) return null;
  const value: PageTakeoverValue = {
    ...(home?.url_category ? { home_url_category: home.url_category } : {}),
    ...(home?.extension_id ? { home_extension_id: home.extension_id } : {}),
    ...(newtab?.url_category ? { newtab_url_category: newtab.url_category } : {}),
    ...(newtab?.extension_id ? { newtab_extension_id: newtab.extension_id } : {}),
  };
  return { value, page: home && newtab ? 'both' : home ? 'about:home' : 'about:newtab' };
}

export class BrowserSignalsFeed implements Feed {
  readonly name = 'BrowserSignalsFeed';
  private resolveStore!: (store: FeedStore) => void;
  /** Pins seen before the store is ready wait for it. */
  private readonly storeReady = new Promise<FeedStore>((resolve) => (this.resolveStore = resolve));

  constructor(
    private readonly signals: BrowserSignalsData,
    private readonly session: KeyValueStorage,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  /** Call synchronously at background start, so a pin wakes a suspended background. */
  listen(): void {
    this.signals.onTabPinned(() => void this.countPinnedTabs().catch((error: unknown) => this.log.error('BrowserSignalsFeed: pin count failed', error)));
  }

  onAction(a: Action, store: FeedStore): Promise<void> | void {
    if (a.type !== 'INIT') return;
    this.resolveStore(store);
    return this.reportPageTakeover(store);
  }

  private async countPinnedTabs(): Promise<void> {
    const store = await this.storeReady;
    const total_pinned_tabs = await this.signals.countPinnedTabs();
    store.dispatch(action('TELEMETRY_TAB_PINNED', { total_pinned_tabs }));
  }

  private async reportPageTakeover(store: FeedStore): Promise<void> {
    // As in Firefox, nothing is even looked at while telemetry is off.
    if (!store.getState().Prefs.values.telemetry) return;
    if (await this.session.get<boolean>(TAKEOVER_CHECKED_KEY)) return;
    await this.session.set(TAKEOVER_CHECKED_KEY, true);
    const [home, newtab] = await Promise.all([this.signals.homepage(), this.signals.newTabPage()]);
    if (!home && !newtab) return;
    const needExtensions = [home, newtab].some((s) => s && s.levelOfControl !== 'controlled_by_this_extension');
    const extensions = needExtensions ? await this.signals.otherExtensions() : [];
    const takeover = pageTakeover(pageOwner(home, extensions), pageOwner(newtab, extensions));
    if (takeover) store.dispatch(action('TELEMETRY_PAGE_TAKEOVER', takeover));
  }
}
