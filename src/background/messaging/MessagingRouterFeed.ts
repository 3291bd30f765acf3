// The messaging feed: connects the router to pages and to the browser. A
// new-tab page asks once for its message; what it reports back (seen, a
// button, dismissed, blocked) counts only for the message this background
// sent to that very page, and the background alone builds the pings and
// runs the buttons' actions. The settings page's admin section reads and
// drives the router here too.
import { action, actionUtils, OnlyToOneContent, type Action, type PageKind } from '../../common/actions';
import type { ButtonId, RouterMessage, SurfaceMessage, SurfaceTemplate } from '../../common/messaging/types';
import type { MessagingEventData } from '../../common/pings/types';
import type { Feed, FeedStore } from '../feeds/Feed';
import { runButtonAction, type ButtonActionDeps } from './buttonActions';
import { surfaceEventPing, type SurfaceEvent } from './messagePings';
import type { MessagingRouter } from './MessagingRouter';
import type { FiredTrigger } from './triggers';

const SURFACE_TEMPLATES: readonly SurfaceTemplate[] = ['simple_snippet', 'infobar', 'spotlight'];
/** Whether a message is for a surface on our own pages. */
const forPageSurface = (m: RouterMessage) => (SURFACE_TEMPLATES as readonly string[]).includes(m.template);
const MESSAGE_PAGES: readonly PageKind[] = ['about:newtab', 'about:home'];
/** Prefs that change where remote messages come from. */
const PROVIDER_PREFS = new Set(['messaging.remoteServer', 'messaging.remoteCollection']);

/** A surface of the browser itself (CFR, toolbar badge, ...) that shows messages of a template. */
export interface BackgroundSurface {
  /** Whether it can take a message for this trigger now (a badge already showing cannot); always when absent. */
  accepts?(message: RouterMessage, fired: FiredTrigger): boolean;
  show(message: RouterMessage, fired: FiredTrigger): void | Promise<void>;
}

interface PagePort {
  page: PageKind;
  incognito: boolean;
  /** The message sent to this page, and whether its impression was counted. */
  shown?: { id: string; impressed: boolean };
  asked?: boolean;
}

export function toSurfaceMessage(m: RouterMessage): SurfaceMessage {
  // Surface templates' contents are rebuilt field by field at validation (validateMessage.ts).
  return { id: m.id, template: m.template, content: m.content } as SurfaceMessage;
}

export class MessagingRouterFeed implements Feed {
  readonly name = 'MessagingRouterFeed';
  private store: FeedStore | null = null;
  private readonly unsent: MessagingEventData[] = [];
  private readonly ports = new Map<string, PagePort>();
  private readonly loadedListeners: (() => Promise<void>)[] = [];

  constructor(
    readonly router: MessagingRouter,
    private readonly actions: Omit<ButtonActionDeps, 'block'>,
    private readonly backgroundSurfaces: Map<string, BackgroundSurface> = new Map(),
  ) {}

  /** Registers the surface that shows messages of `template` in the browser's own UI. */
  addSurface(template: RouterMessage['template'], surface: BackgroundSurface): void {
    this.backgroundSurfaces.set(template, surface);
  }

  /** Sends a messaging ping now, or once the store exists. */
  ping(data: MessagingEventData): void {
    if (this.store) this.store.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', data));
    else this.unsent.push(data);
  }

  /** A trigger of the browser (first run, a visited page, the toolbar button, messages loaded). */
  async trigger(fired: FiredTrigger): Promise<void> {
    if (!this.router.hasTrigger(fired.id)) return;
    const surfaceFor = (m: RouterMessage) => this.backgroundSurfaces.get(m.template);
    const message = await this.router.choose(fired, (m) => surfaceFor(m)?.accepts?.(m, fired) ?? surfaceFor(m) !== undefined);
    if (message) await surfaceFor(message)?.show(message, fired);
  }

  /** Refreshes stale providers (the alarm, or a trigger finding them old). */
  async refresh(onlyStale: boolean): Promise<void> {
    if (!(await this.router.refresh(onlyStale))) return;
    await this.trigger({ id: 'messagesLoaded' });
    await this.trigger({ id: 'toolbarBadgeUpdate' });
    for (const listener of this.loadedListeners) await listener();
  }

  /** Runs `listener` each time providers loaded new messages. */
  onMessagesLoaded(listener: () => Promise<void>): void {
    this.loadedListeners.push(listener);
  }

  async onAction(a: Action, store: FeedStore): Promise<void> {
    if (!this.store) {
      this.store = store;
      for (const data of this.unsent.splice(0)) this.ping(data);
    }
    const portId = actionUtils.getPortIdOfSender(a);
    switch (a.type) {
      case 'INIT':
        return this.refresh(true);
      case 'PREF_CHANGED':
        if (PROVIDER_PREFS.has(a.data.name)) return this.refresh(true);
        return;
      case 'NEW_TAB_INIT':
        this.ports.set(a.data.portId, { page: a.data.page, incognito: a.data.incognito });
        return;
      case 'NEW_TAB_UNLOAD':
        this.ports.delete(a.data.portId);
        return;
    }
    const port = portId === null ? undefined : this.ports.get(portId);
    if (!port || portId === null) return;
    switch (a.type) {
      case 'MESSAGING_TRIGGER':
        return this.answerNewTab(portId, port);
      case 'MESSAGING_IMPRESSION':
        return this.onImpression(port, a.data.id);
      case 'MESSAGING_BUTTON':
        return this.onButton(port, a.data.id, a.data.button);
      case 'MESSAGING_DISMISS':
        return this.onClose(port, a.data.id, 'DISMISS');
      case 'MESSAGING_BLOCK':
        return this.onClose(port, a.data.id, 'BLOCK');
    }
    if (port.page !== 'about:preferences') return;
    switch (a.type) {
      case 'MESSAGING_ADMIN_REQUEST':
        break;
      case 'MESSAGING_ADMIN_SHOW':
        this.showEverywhere(a.data.id);
        break;
      case 'MESSAGING_ADMIN_UNBLOCK':
        await this.router.unblock(a.data.id);
        break;
      case 'MESSAGING_ADMIN_RESET_IMPRESSIONS':
        await this.router.resetImpressions();
        break;
      case 'MESSAGING_ADMIN_RELOAD':
        await this.refresh(false);
        break;
      default:
        return;
    }
    store.dispatch(OnlyToOneContent(action('MESSAGING_ADMIN_STATE', await this.router.adminState()), portId));
  }

  private async answerNewTab(portId: string, port: PagePort): Promise<void> {
    // Once per page session; nothing in private windows, where nothing is remembered.
    if (port.asked || !MESSAGE_PAGES.includes(port.page)) return;
    port.asked = true;
    let message: RouterMessage | null = null;
    if (!port.incognito) {
      message = await this.router.choose({ id: 'newtabMessageCheck' }, forPageSurface);
      void this.refresh(true);
    }
    if (!this.ports.has(portId)) return;
    if (message) port.shown = { id: message.id, impressed: false };
    this.store?.dispatch(OnlyToOneContent(action('MESSAGING_SHOW', { message: message ? toSurfaceMessage(message) : null }), portId));
  }

  private showEverywhere(id: string): void {
    const message = this.router.find(id);
    if (!message || !forPageSurface(message)) return;
    for (const [portId, port] of this.ports) {
      if (!MESSAGE_PAGES.includes(port.page) || port.incognito) continue;
      port.shown = { id, impressed: false };
      this.store?.dispatch(OnlyToOneContent(action('MESSAGING_SHOW', { message: toSurfaceMessage(message) }), portId));
    }
  }

  /** The message this page was sent, if `id` names it. */
  private shownOn(port: PagePort, id: string): RouterMessage | undefined {
    return port.shown?.id === id ? this.router.find(id) : undefined;
  }

  private send(message: RouterMessage, event: SurfaceEvent): void {
    const data = surfaceEventPing(message, event);
    if (data) this.ping(data);
  }

  private async onImpression(port: PagePort, id: string): Promise<void> {
    const message = this.shownOn(port, id);
    if (!message || port.shown!.impressed) return;
    port.shown!.impressed = true;
    await this.router.recordImpression(message);
    this.send(message, 'IMPRESSION');
  }

  private async onButton(port: PagePort, id: string, button: ButtonId): Promise<void> {
    const message = this.shownOn(port, id);
    const content = message?.content as Partial<Record<ButtonId, { action?: unknown }>> | undefined;
    const buttonAction = content?.[button]?.action;
    if (!message || !buttonAction) return;
    port.shown = undefined;
    this.send(message, button === 'secondary' ? 'CLICK_SECONDARY' : 'CLICK_PRIMARY');
    await runButtonAction(buttonAction as Parameters<typeof runButtonAction>[0], id, { ...this.actions, block: (m) => this.router.block(m) });
  }

  private async onClose(port: PagePort, id: string, event: 'DISMISS' | 'BLOCK'): Promise<void> {
    const message = this.shownOn(port, id);
    if (!message) return;
    port.shown = undefined;
    if (event === 'BLOCK') await this.router.block(id);
    this.send(message, event);
  }
}
