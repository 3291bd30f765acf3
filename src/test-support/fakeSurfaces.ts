// Test-only: the toolbar, CFR and moments surfaces over the fake router
// (fakeMessaging.ts), recording what the browser would draw: the toolbar
// badge, each tab's CFR indicator, opened tabs and pinned tabs.
import { ac } from '../common/actions';
import type { PopupView } from '../common/messaging/types';
import { CfrFeed } from '../background/messaging/CfrFeed';
import { MomentsPage } from '../background/messaging/MomentsPage';
import { ToolbarFeed, type Badge } from '../background/messaging/ToolbarFeed';
import { memoryStorage } from '../background/storage';
import { createRouterHarness, type RouterHarnessOptions } from './fakeMessaging';

/** A tab whose page cannot be saved (an extension page, a private window). */
export const UNSAVABLE_TAB = 99;

export async function createSurfacesHarness(o: RouterHarnessOptions & { session?: ReturnType<typeof memoryStorage> } = {}) {
  const h = createRouterHarness(o);
  const session = o.session ?? memoryStorage();
  const badges: Badge[] = [];
  /** Tab id → the indicator's title, while it shows. */
  const indicators = new Map<number, string>();
  const pinned: number[] = [];
  const openTab = async (url: string) => void h.opened.push(url);
  const cfr = new CfrFeed({
    messaging: h.feed,
    indicator: { show: async (tabId, title) => void indicators.set(tabId, title), hide: async (tabId) => void indicators.delete(tabId) },
    session,
    openTab,
    openSettings: async (section) => void h.opened.push(`settings#${section ?? ''}`),
    pinTab: async (tabId) => void pinned.push(tabId),
  });
  const toolbar = new ToolbarFeed({
    messaging: h.feed,
    badge: { set: async (b) => void badges.push(b) },
    storage: h.local,
    openTab,
    cfrFor: (port, tab) => cfr.openedOn(port, tab),
    savable: async (tabId) => tabId !== UNSAVABLE_TAB,
  });
  h.feed.addSurface('toolbar_badge', toolbar.badgeSurface);
  h.feed.addSurface('cfr_doorhanger', cfr.surface);
  const moments = new MomentsPage({ messaging: h.feed, storage: h.local, now: () => h.clock.value, openTab });
  h.feed.addSurface('update_action', moments.surface);
  h.addFeed(toolbar);
  h.addFeed(cfr);
  await Promise.all([toolbar.load(), cfr.load(), moments.load()]);
  await h.start();
  /** The popup opened on `tabId`, as the toolbar button (or Firefox's page action) opens it; returns what it was sent. */
  const openPopup = async (port: string, tabId: number | null = 7, view: PopupView = 'toolbar', incognito = false) => {
    await h.connect(port, 'toolbar-popup', incognito);
    await h.fromPage(port, ac.ToolbarPopupOpened(tabId, view));
    const sent = h.store.dispatched.filter((a) => a.type === 'TOOLBAR_POPUP_STATE' && a.meta?.toTarget === port).at(-1);
    return sent?.type === 'TOOLBAR_POPUP_STATE' ? sent.data : undefined;
  };
  /** A tab finished loading `url`. */
  const visit = (tabId: number, url: string) => h.feed.trigger({ id: 'openURL', url, tabId });
  return { ...h, session, cfr, toolbar, moments, badges, indicators, pinned, openPopup, visit, lastBadge: () => badges.at(-1) ?? null };
}
