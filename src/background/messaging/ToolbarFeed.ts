// Our toolbar button, the extension's equivalent of Firefox's toolbar badges
// (ToolbarBadgeHub) and What's New panel (ToolbarPanelHub). The badge shows a
// toolbar_badge message (IMPRESSION when set, CLICK when the popup opens while
// it shows, then cleared) or, when the user wants it, a dot for what's-new
// messages not seen yet. The popup's What's new view lists every what's-new
// message that fits, newest first; the background alone sends the pings.
import { action, actionUtils, OnlyToOneContent, type Action } from '../../common/actions';
import type { PopupState, PopupView, RouterMessage, ToolbarBadgeContent, WhatsNewContent, WhatsNewItem } from '../../common/messaging/types';
import type { Feed, FeedStore } from '../feeds/Feed';
import type { KeyValueStorage } from '../storage';
import { surfaceEventPing } from './messagePings';
import type { BackgroundSurface, MessagingRouterFeed } from './MessagingRouterFeed';

/** The badge as drawn; null clears it. */
export type Badge = { text: string; color: string } | null;
export interface BadgeApi {
  set(badge: Badge): Promise<void>;
}

export const BADGE_KEY = 'messaging.toolbarBadge';
export const WHATS_NEW_SEEN_KEY = 'messaging.whatsNewSeen';
/** An extension badge cannot be a bare dot: a bullet is the closest. */
export const DOT = '•';
export const BADGE_COLOR = '#0060df';
const WHATS_NEW_PREF = 'messaging.whatsNewNotifications';
const VIEW = 'toolbar_dropdown';
/** Seen what's-new ids kept; older ones belong to messages long gone. */
const MAX_SEEN = 500;

export interface ToolbarDeps {
  messaging: MessagingRouterFeed;
  badge: BadgeApi;
  storage: KeyValueStorage;
  openTab(url: string): Promise<void>;
  /** The CFR doorhanger of the tab the popup was opened on (CfrFeed.openedOn). */
  cfrFor(portId: string, tabId: number | null): Promise<PopupState['cfr']>;
  /** Whether the tab's page can go in the saved list. */
  savable(tabId: number): Promise<boolean>;
}

interface OpenPopup {
  /** The what's-new ids this popup was sent, in its order. */
  whatsNew: string[];
  impressed: boolean;
}

const isWhatsNew = (m: RouterMessage) => m.template === 'whatsnew_panel_message';

export class ToolbarFeed implements Feed {
  readonly name = 'ToolbarFeed';
  private badgeId: string | null = null;
  private seen = new Set<string>();
  private unseenWhatsNew = false;
  private notifyWhatsNew = true;
  private readonly popups = new Map<string, OpenPopup>();
  /** Popups in private windows: they show what is new, but nothing is counted or sent from them (as Firefox, outside private browsing only). */
  private readonly privatePorts = new Set<string>();
  private store: FeedStore | null = null;

  constructor(private readonly deps: ToolbarDeps) {}

  /** The toolbar_badge surface: one badge message at a time. */
  readonly badgeSurface: BackgroundSurface = {
    accepts: () => this.badgeId === null,
    show: (message) => this.showBadge(message),
  };

  async load(): Promise<void> {
    this.badgeId = (await this.deps.storage.get<string>(BADGE_KEY)) ?? null;
    this.seen = new Set((await this.deps.storage.get<string[]>(WHATS_NEW_SEEN_KEY)) ?? []);
    this.deps.messaging.onMessagesLoaded(() => this.checkWhatsNew());
  }

  async onAction(a: Action, store: FeedStore): Promise<void> {
    this.store = store;
    switch (a.type) {
      case 'INIT':
        this.notifyWhatsNew = store.getState().Prefs.values[WHATS_NEW_PREF];
        // The browser forgets the badge at a restart: it is drawn again, and a new one may be set.
        await this.checkWhatsNew();
        return this.deps.messaging.trigger({ id: 'toolbarBadgeUpdate' });
      case 'PREF_CHANGED':
        if (a.data.name !== WHATS_NEW_PREF) return;
        this.notifyWhatsNew = a.data.value as boolean;
        return this.draw();
      case 'NEW_TAB_INIT':
        if (a.data.incognito) this.privatePorts.add(a.data.portId);
        return;
      case 'NEW_TAB_UNLOAD':
        this.popups.delete(a.data.portId);
        this.privatePorts.delete(a.data.portId);
        return;
    }
    const portId = actionUtils.getPortIdOfSender(a);
    if (portId === null) return;
    switch (a.type) {
      case 'TOOLBAR_POPUP_OPENED':
        return this.onOpened(portId, a.data.tabId, a.data.view);
      case 'WHATS_NEW_VIEWED':
        return this.onViewed(portId, a.data.ids);
      case 'WHATS_NEW_CLICK':
        return this.onClick(portId, a.data.id);
      case 'WHATS_NEW_PREF_TOGGLE':
        store.dispatch(action('SET_PREF', { name: WHATS_NEW_PREF, value: a.data.value }));
        this.deps.messaging.ping({ action: 'whats-new-panel_user_event', event: 'WNP_PREF_TOGGLE', message_id: 'n/a', value: { prefValue: a.data.value } });
        return;
    }
  }

  private async showBadge(message: RouterMessage): Promise<void> {
    // Two triggers at once (a start and a load of messages) can both pick a badge: the first shown wins.
    if (this.badgeId !== null) return;
    this.badgeId = message.id;
    await this.deps.storage.set(BADGE_KEY, message.id);
    await this.deps.messaging.router.recordImpression(message);
    this.send(message, 'IMPRESSION');
    await this.draw();
  }

  private send(message: RouterMessage, event: 'IMPRESSION' | 'CLICK_PRIMARY'): void {
    const data = surfaceEventPing(message, event);
    if (data) this.deps.messaging.ping(data);
  }

  /** A badge message that is gone (removed by its provider) is dropped. */
  private badgeMessage(): RouterMessage | undefined {
    return this.badgeId === null ? undefined : this.deps.messaging.router.find(this.badgeId);
  }

  private async draw(): Promise<void> {
    const message = this.badgeMessage();
    if (message) {
      const content = message.content as ToolbarBadgeContent;
      return this.deps.badge.set({ text: content.text ?? DOT, color: content.color ?? BADGE_COLOR });
    }
    return this.deps.badge.set(this.notifyWhatsNew && this.unseenWhatsNew ? { text: DOT, color: BADGE_COLOR } : null);
  }

  private whatsNew(): Promise<RouterMessage[]> {
    return this.deps.messaging.router.chooseAll({ id: 'whatsNewPanelOpened' }, isWhatsNew);
  }

  private async checkWhatsNew(): Promise<void> {
    this.unseenWhatsNew = (await this.whatsNew()).some((m) => !this.seen.has(m.id));
    await this.draw();
  }

  /** The toolbar button clicks its badge and lists what's new; Firefox's page action shows only the tab's CFR. */
  private async onOpened(portId: string, tabId: number | null, view: PopupView): Promise<void> {
    let whatsNew: WhatsNewItem[] = [];
    const isPrivate = this.privatePorts.has(portId);
    if (view === 'toolbar') {
      const badge = isPrivate ? undefined : this.badgeMessage();
      if (badge) {
        this.send(badge, 'CLICK_PRIMARY');
        this.badgeId = null;
        await this.deps.storage.remove(BADGE_KEY);
        await this.draw();
      }
      void this.deps.messaging.trigger({ id: 'toolbarButtonOpened' });
      whatsNew = (await this.whatsNew())
        .map((m) => ({ id: m.id, content: m.content as WhatsNewContent }))
        .sort((a, b) => b.content.published_date - a.content.published_date);
    }
    const cfr = await this.deps.cfrFor(portId, tabId);
    const savableTabId = view === 'toolbar' && tabId !== null && (await this.deps.savable(tabId)) ? tabId : null;
    // A private popup's list is never reported: it counts as already reported.
    this.popups.set(portId, { whatsNew: isPrivate ? [] : whatsNew.map((i) => i.id), impressed: false });
    this.store?.dispatch(OnlyToOneContent(action('TOOLBAR_POPUP_STATE', { whatsNew, cfr, savableTabId }), portId));
  }

  /** One IMPRESSION per opened popup, naming every message it showed (Firefox joins their ids with commas). */
  private async onViewed(portId: string, ids: string[]): Promise<void> {
    const popup = this.popups.get(portId);
    const shown = popup ? ids.filter((id) => popup.whatsNew.includes(id)) : [];
    if (!popup || popup.impressed || shown.length === 0) return;
    popup.impressed = true;
    this.deps.messaging.ping({ action: 'whats-new-panel_user_event', event: 'IMPRESSION', message_id: shown.join(','), value: { view: VIEW } });
    for (const id of shown) {
      const message = this.deps.messaging.router.find(id);
      if (message) await this.deps.messaging.router.recordImpression(message);
      this.seen.add(id);
    }
    await this.deps.storage.set(WHATS_NEW_SEEN_KEY, [...this.seen].slice(-MAX_SEEN));
    await this.checkWhatsNew();
  }

  private async onClick(portId: string, id: string): Promise<void> {
    const message = this.popups.get(portId)?.whatsNew.includes(id) ? this.deps.messaging.router.find(id) : undefined;
    if (!message) return;
    this.deps.messaging.ping({ action: 'whats-new-panel_user_event', event: 'CLICK', message_id: id, value: { view: VIEW } });
    const url = (message.content as WhatsNewContent).cta_url;
    if (url) await this.deps.openTab(url);
  }
}
