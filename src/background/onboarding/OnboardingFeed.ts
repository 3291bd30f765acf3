// The welcome page's background half (Firefox's AboutWelcomeParent): it
// answers the page with its screens, turns what the page reports into
// onboarding pings, and ends the welcome session from what the browser
// itself says: the tab closed, its window closed, the tab went to another
// address, or the browser quit with the page open (seen at the next start,
// from the open welcome tabs kept in storage.local). Each ping carries the
// install's attribution. The page only names screens and buttons; the
// background checks them against the flow it sent that very page.
import { action, actionUtils, OnlyToOneContent, type Action } from '../../common/actions';
import type { Attribution } from '../../common/onboarding/attribution';
import { RTAMO_FLOW_ID } from '../../common/onboarding/rtamo';
import { DEFAULT_FLOW_ID, RTAMO_SCREEN, screenMessageId, type ScreenId, type WelcomeFlow } from '../../common/onboarding/screens';
import type { MessagingEventData, OnboardingButtonSource, OnboardingEvent, OnboardingMessageId, OnboardingSessionEndReason } from '../../common/pings/types';
import type { Feed, FeedStore } from '../feeds/Feed';
import type { KeyValueStorage } from '../storage';

const OPEN_TABS_KEY = 'onboarding.openWelcomeTabs';
/** storage.session: each welcome page's flow and the screens it reported, for a page that reconnects after a suspension. */
const PORTS_KEY = 'onboarding.welcomePorts';
/** The return-to-AMO add-on whose button was used, until its install is reported. */
const RTAMO_KEY = 'onboarding.rtamoClicked';

/** A welcome page on show, by tab id (kept so a quit can be told at the next start). */
interface OpenWelcome {
  portId: string;
  flowId: string;
}

interface WelcomePort {
  /** Null in a private window, where nothing is kept or reported. */
  tabId: number | null;
  private: boolean;
  flow?: WelcomeFlow;
  impressed: ScreenId[];
  /** The tab ended (closed, navigated) while its flow was still being chosen: the session ends as the flow is ready. */
  endedBy?: OnboardingSessionEndReason;
}

export interface OnboardingDeps {
  /** storage.local: the open welcome tabs (a quit is told at the next start), the return-to-AMO click. */
  storage: KeyValueStorage;
  /** storage.session: the welcome pages' flows, which outlive a suspended background. */
  session: KeyValueStorage;
  /** The screens for a new welcome page: a router message, an experiment branch, or the defaults. */
  chooseFlow(): Promise<WelcomeFlow>;
  /** The attribution stored at install ({} when none). */
  attribution(): Promise<Attribution>;
  /** True on the first start of a browser session (not a background wake-up). */
  newBrowserSession: boolean;
  /** The welcome page's own URL: a tab still on it has not navigated away. */
  welcomeUrl: string;
  log?: Pick<Console, 'warn'>;
}

export class OnboardingFeed implements Feed {
  readonly name = 'OnboardingFeed';
  private store: FeedStore | null = null;
  private readonly ports = new Map<string, WelcomePort>();
  private open: Record<string, OpenWelcome> = {};
  private tail: Promise<unknown> = Promise.resolve();
  private actions: Promise<void> = Promise.resolve();
  private loaded: Promise<void> | null = null;

  constructor(private readonly deps: OnboardingDeps) {}

  /**
   * Actions are handled one after another, in the order they came: a woken
   * background's first action (a reconnecting page's NEW_TAB_INIT) reads
   * storage before its page is known again, and the page's next actions must
   * not overtake it.
   */
  onAction(a: Action, store: FeedStore): Promise<void> {
    const handled = this.actions.then(() => this.handle(a, store));
    this.actions = handled.catch(() => undefined);
    return handled;
  }

  private async handle(a: Action, store: FeedStore): Promise<void> {
    this.store = store;
    await this.load();
    const portId = actionUtils.getPortIdOfSender(a);
    switch (a.type) {
      case 'NEW_TAB_INIT': {
        if (a.data.page !== 'about:welcome') return;
        const kept = a.data.reconnected ? (await this.deps.session.get<Record<string, WelcomePort>>(PORTS_KEY))?.[a.data.portId] : undefined;
        this.ports.set(a.data.portId, kept ?? { tabId: a.data.incognito ? null : a.data.tabId, private: a.data.incognito, impressed: [] });
        return;
      }
      case 'NEW_TAB_UNLOAD':
        // The page is gone; why (closed, navigated, quit) is the browser's to say.
        if (this.ports.delete(a.data.portId)) await this.keepPorts();
        return;
    }
    const port = portId === null ? undefined : this.ports.get(portId);
    if (!port || portId === null) return;
    if (a.type === 'WELCOME_FLOW_REQUEST') return this.answer(portId, port);
    if (port.private) return;
    switch (a.type) {
      case 'WELCOME_SCREEN_SHOWN':
        if (!port.flow?.screens.some((s) => s.id === a.data.screen) || port.impressed.includes(a.data.screen)) return;
        port.impressed.push(a.data.screen);
        await this.keepPorts();
        return this.ping(screenMessageId(a.data.screen), 'IMPRESSION');
      case 'WELCOME_BUTTON':
        if (!port.flow?.screens.some((s) => s.id === a.data.screen)) return;
        if (a.data.screen === RTAMO_SCREEN && a.data.source === 'primary_button' && port.flow.addon) {
          await this.deps.storage.set(RTAMO_KEY, port.flow.addon.id);
        }
        return this.ping(screenMessageId(a.data.screen), 'CLICK_BUTTION', { source: a.data.source });
    }
  }

  /** management.onInstalled: the return-to-AMO add-on, once its button was used, is reported installed once. */
  async addonInstalled(id: string): Promise<void> {
    if ((await this.deps.storage.get<string>(RTAMO_KEY)) !== id) return;
    await this.deps.storage.remove(RTAMO_KEY);
    await this.ping('RTAMO_DEFAULT_WELCOME', 'INSTALL', { source: 'ADD_EXTENSION_BUTTON' });
  }

  /** tabs.onRemoved. */
  tabRemoved(tabId: number, windowClosing: boolean): Promise<void> {
    return this.end(tabId, windowClosing ? 'welcome-window-closed' : 'welcome-tab-closed');
  }

  /** tabs.onUpdated with a new URL: a welcome tab that left our page. */
  tabNavigated(tabId: number, url: string): Promise<void> {
    if (url.startsWith(this.deps.welcomeUrl)) return Promise.resolve();
    return this.end(tabId, 'address-bar-navigated');
  }

  private load(): Promise<void> {
    // A storage failure is logged (serial) and leaves nothing to resume; the feed goes on.
    this.loaded ??= this.serial(async () => {
      const stored = (await this.deps.storage.get<Record<string, OpenWelcome>>(OPEN_TABS_KEY)) ?? {};
      this.open = typeof stored === 'object' && stored !== null ? stored : {};
      // Pages open when the browser quit never got to say goodbye.
      if (this.deps.newBrowserSession && Object.keys(this.open).length > 0) {
        const quit = Object.values(this.open);
        this.open = {};
        await this.deps.storage.set(OPEN_TABS_KEY, this.open);
        for (const page of quit) await this.ping(sessionMessageId(page.flowId), 'SESSION_END', { reason: 'app-shut-down' });
      }
    }).catch(() => undefined);
    return this.loaded;
  }

  private async answer(portId: string, port: WelcomePort): Promise<void> {
    // A page that asks again (after a suspension) gets the screens it already has.
    if (!port.flow) {
      port.flow = await this.deps.chooseFlow();
      if (!this.ports.has(portId)) return;
      await this.keepPorts();
    }
    if (port.tabId !== null) {
      const tabId = port.tabId;
      await this.serial(async () => {
        if (port.endedBy) return this.ping(sessionMessageId(port.flow!.id), 'SESSION_END', { reason: port.endedBy });
        this.open = { ...this.open, [tabId]: { portId, flowId: port.flow!.id } };
        await this.deps.storage.set(OPEN_TABS_KEY, this.open);
      });
    }
    this.store?.dispatch(OnlyToOneContent(action('WELCOME_FLOW', { flow: port.flow }), portId));
  }

  private keepPorts(): Promise<void> {
    return this.deps.session.set(PORTS_KEY, Object.fromEntries(this.ports));
  }

  private async end(tabId: number, reason: OnboardingSessionEndReason): Promise<void> {
    await this.load();
    await this.serial(async () => {
      const page = this.open[tabId];
      if (!page) {
        // A page whose tab ends before it is kept as open (its flow is still
        // being chosen) would otherwise be kept open for good, and told as a
        // quit at the next start.
        for (const port of this.ports.values()) if (port.tabId === tabId && !port.endedBy) port.endedBy = reason;
        return;
      }
      const { [tabId]: _ended, ...rest } = this.open;
      this.open = rest;
      await this.deps.storage.set(OPEN_TABS_KEY, this.open);
      await this.ping(sessionMessageId(page.flowId), 'SESSION_END', { reason });
    });
  }

  private async ping(
    messageId: OnboardingMessageId,
    event: OnboardingEvent,
    context?: { source?: OnboardingButtonSource; reason?: OnboardingSessionEndReason },
  ): Promise<void> {
    const attribution = await this.deps.attribution();
    const data: MessagingEventData = {
      action: 'onboarding_user_event',
      event,
      message_id: messageId,
      ...(context ? { event_context: context } : {}),
      ...(Object.keys(attribution).length > 0 ? { attribution } : {}),
    };
    this.store?.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', data));
  }

  /** Reads and writes of the open tabs, one at a time. */
  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.tail.then(task, task);
    this.tail = next.catch((error: unknown) => (this.deps.log ?? console).warn('OnboardingFeed: could not keep the open welcome tabs', error));
    return next;
  }
}

/** The whole flow's id in the seed's terms: the default welcome, or RTAMO's. */
function sessionMessageId(flowId: string): OnboardingMessageId {
  return flowId === RTAMO_FLOW_ID ? RTAMO_FLOW_ID : DEFAULT_FLOW_ID;
}
