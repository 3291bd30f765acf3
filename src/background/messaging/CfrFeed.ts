// Contextual feature and add-on recommendations (Firefox's CFR). A tab that
// finished loading a page matching a CFR's openURL trigger gets the
// recommendation: the router has checked targeting, caps and the cfr.addons /
// cfr.features prefs (the message's group); the URL itself was matched and
// dropped (triggers.ts). What is kept is only which tab shows which message
// (storage.session, so a suspended background still knows), cleared when the
// tab navigates or closes. The tab shows an indicator (Firefox: our page action
// in the address bar; Chromium: a badge on our toolbar button for that tab);
// opening it shows the doorhanger in our popup, and every control is one of
// the seed's events.
import { actionUtils, type Action } from '../../common/actions';
import type { CfrContent, CfrControl, PopupState, RouterMessage } from '../../common/messaging/types';
import type { CfrEvent } from '../../common/pings/types';
import type { Feed } from '../feeds/Feed';
import type { KeyValueStorage } from '../storage';
import { runButtonAction } from './buttonActions';
import { cfrEventPing } from './messagePings';
import type { BackgroundSurface, MessagingRouterFeed } from './MessagingRouterFeed';

export interface CfrIndicator {
  show(tabId: number, title: string): Promise<void>;
  hide(tabId: number): Promise<void>;
}

export interface CfrDeps {
  messaging: MessagingRouterFeed;
  indicator: CfrIndicator;
  /** storage.session: which tab shows which recommendation, never the page. */
  session: KeyValueStorage;
  openTab(url: string): Promise<void>;
  openSettings(section?: string): Promise<void>;
  pinTab(tabId: number): Promise<void>;
}

export const CFR_TABS_KEY = 'messaging.cfrTabs';
/** Where the settings page has the two recommendation switches. */
const MANAGE_SECTION = 'content';

interface OpenDoorhanger {
  tabId: number;
  id: string;
  rationaleShown: boolean;
}

export class CfrFeed implements Feed {
  readonly name = 'CfrFeed';
  /** Tab id → the id of the recommendation it shows. */
  private tabs: Record<string, string> = {};
  private readonly doorhangers = new Map<string, OpenDoorhanger>();

  constructor(private readonly deps: CfrDeps) {}

  /** The cfr_doorhanger surface: one recommendation per tab, only for a visited page. */
  readonly surface: BackgroundSurface = {
    accepts: (_message, fired) => fired.id === 'openURL' && fired.tabId !== undefined && !(String(fired.tabId) in this.tabs),
    show: (message, fired) => this.show(message, fired.tabId!),
  };

  async load(): Promise<void> {
    this.tabs = (await this.deps.session.get<Record<string, string>>(CFR_TABS_KEY)) ?? {};
  }

  /** The tab left the page it was recommended on, or closed: the indicator goes, silently. */
  async clearTab(tabId: number): Promise<void> {
    if (!(String(tabId) in this.tabs)) return;
    delete this.tabs[String(tabId)];
    await this.deps.session.set(CFR_TABS_KEY, this.tabs);
    await this.deps.indicator.hide(tabId);
  }

  /** The doorhanger for a popup opened on `tabId` (CLICK_DOORHANGER), or null. */
  async openedOn(portId: string, tabId: number | null): Promise<PopupState['cfr']> {
    const id = tabId === null ? undefined : this.tabs[String(tabId)];
    const message = id === undefined ? undefined : this.deps.messaging.router.find(id);
    if (!message || tabId === null) return null;
    this.doorhangers.set(portId, { tabId, id: message.id, rationaleShown: false });
    this.send(message, 'CLICK_DOORHANGER');
    return { id: message.id, content: message.content as CfrContent };
  }

  async onAction(a: Action): Promise<void> {
    if (a.type === 'NEW_TAB_UNLOAD') {
      this.doorhangers.delete(a.data.portId);
      return;
    }
    const portId = actionUtils.getPortIdOfSender(a);
    if (a.type !== 'CFR_ACTION' || portId === null) return;
    const open = this.doorhangers.get(portId);
    const message = open?.id === a.data.id ? this.deps.messaging.router.find(open.id) : undefined;
    if (open && message) await this.onControl(portId, open, message, a.data.control);
  }

  private async show(message: RouterMessage, tabId: number): Promise<void> {
    // Two loads of one tab at once can both pick a recommendation: the first shown wins.
    if (String(tabId) in this.tabs) return;
    this.tabs[String(tabId)] = message.id;
    await this.deps.session.set(CFR_TABS_KEY, this.tabs);
    await this.deps.messaging.router.recordImpression(message);
    this.send(message, 'IMPRESSION');
    const content = message.content as CfrContent;
    await this.deps.indicator.show(tabId, content.notification_text ?? content.heading_text);
  }

  private send(message: RouterMessage, event: CfrEvent): void {
    this.deps.messaging.ping(cfrEventPing(message, event));
  }

  /** The event a primary button is: an add-on's install, pinning the tab, or a feature's click. */
  private primaryEvent(content: CfrContent): CfrEvent {
    if (content.addon) return 'INSTALL';
    return content.primary.action.type === 'PIN_CURRENT_TAB' ? 'PIN' : 'CLICK';
  }

  private async close(portId: string, open: OpenDoorhanger): Promise<void> {
    this.doorhangers.delete(portId);
    await this.clearTab(open.tabId);
  }

  private async onControl(portId: string, open: OpenDoorhanger, message: RouterMessage, control: CfrControl): Promise<void> {
    const content = message.content as CfrContent;
    const { router } = this.deps.messaging;
    switch (control) {
      case 'primary':
        this.send(message, this.primaryEvent(content));
        // As Firefox: a recommendation taken is never offered again.
        await router.block(message.id);
        await runButtonAction(content.primary.action, message.id, {
          openTab: this.deps.openTab,
          openSettings: this.deps.openSettings,
          block: (id) => router.block(id),
          pinTab: () => this.deps.pinTab(open.tabId),
        });
        return this.close(portId, open);
      case 'dismiss':
        this.send(message, 'DISMISS');
        return this.close(portId, open);
      case 'block':
        this.send(message, 'BLOCK');
        await router.block(message.id);
        return this.close(portId, open);
      case 'rationale':
        if (open.rationaleShown) return;
        open.rationaleShown = true;
        this.send(message, 'RATIONALE');
        return;
      case 'learn_more':
        if (!content.learn_more) return;
        this.send(message, 'LEARN_MORE');
        return this.deps.openTab(content.learn_more);
      case 'manage':
        this.send(message, 'MANAGE');
        return this.deps.openSettings(MANAGE_SECTION);
    }
  }
}
