// Bridges pages and the background store over one runtime.Port per page.
// Connect and disconnect become NEW_TAB_INIT / NEW_TAB_UNLOAD; messages are
// checked, tagged with the sender's port id and dispatched; actions routed to
// content go out to one port or to all of them.
import type { Runtime } from 'webextension-polyfill';
import type { Middleware } from '@reduxjs/toolkit';
import { AlsoToMain, action, actionUtils, type Action, type PageKind } from '../common/actions';
import { sequenceOf } from '../common/delivery';
import { decodePortName } from '../common/portName';
import { parsePageMessage } from './messages';

export interface PortInfo {
  port: Runtime.Port;
  page: PageKind;
}

export class MessageChannel {
  private readonly ports = new Map<string, PortInfo>();
  /** The last sequence number handled per page: a page posts unacknowledged messages again after a reconnect. */
  private readonly handledSeq = new Map<string, number>();
  private dispatch: ((a: Action) => void) | null = null;
  /**
   * What arrives before the store is ready (connections, messages,
   * disconnects) waits here, in arrival order. Browsers do not buffer port
   * messages, so each port's listeners are attached as it connects.
   */
  private pending: (() => void)[] = [];

  constructor(private readonly log: Pick<Console, 'error' | 'warn'> = console) {}

  /** Must run synchronously at background start-up so no connection is missed. */
  listen(onConnect: { addListener(cb: (port: Runtime.Port) => void): void }): void {
    onConnect.addListener((port) => this.onConnect(port));
  }

  start(dispatch: (a: Action) => void): void {
    this.dispatch = dispatch;
    const waiting = this.pending;
    this.pending = [];
    for (const run of waiting) run();
  }

  get portIds(): string[] {
    return [...this.ports.keys()];
  }

  portInfo(portId: string): PortInfo | undefined {
    return this.ports.get(portId);
  }

  private whenReady(run: () => void): void {
    if (this.dispatch) run();
    else this.pending.push(run);
  }

  private onConnect(port: Runtime.Port): void {
    const identity = decodePortName(port.name);
    if (!identity) {
      this.log.error(`MessageChannel: rejected a port with an unknown name ${JSON.stringify(port.name)}`);
      port.disconnect();
      return;
    }
    const portId = identity.instanceId;
    port.onMessage.addListener((message: unknown) => this.whenReady(() => this.onMessage(portId, port, message)));
    port.onDisconnect.addListener(() => this.whenReady(() => this.onDisconnect(portId, port)));
    this.whenReady(() => {
      const reconnected = identity.reconnect || this.ports.has(portId);
      this.ports.set(portId, { port, page: identity.page });
      const tab = port.sender?.tab;
      this.dispatch!(
        action('NEW_TAB_INIT', {
          portId,
          page: identity.page,
          reconnected,
          tabId: tab?.id ?? null,
          windowId: tab?.windowId ?? null,
          incognito: tab?.incognito ?? false,
        }),
      );
    });
  }

  private onMessage(portId: string, port: Runtime.Port, message: unknown): void {
    const seq = sequenceOf(message);
    if (seq !== null) {
      this.acknowledge(port, seq);
      if (seq <= (this.handledSeq.get(portId) ?? 0)) return;
      this.handledSeq.set(portId, seq);
    }
    const parsed = parsePageMessage(message);
    if (!parsed.ok) {
      this.log.error(`MessageChannel: rejected a message from page ${portId}: ${parsed.error}`);
      return;
    }
    try {
      this.dispatch!(AlsoToMain(parsed.action, portId));
    } catch (error) {
      this.log.error(`MessageChannel: ${parsed.action.type} from page ${portId} failed`, error);
    }
  }

  private onDisconnect(portId: string, port: Runtime.Port): void {
    // A page that already reconnected on a new port keeps its session.
    if (this.ports.get(portId)?.port !== port) return;
    this.ports.delete(portId);
    this.handledSeq.delete(portId);
    this.dispatch!(action('NEW_TAB_UNLOAD', { portId }));
  }

  private acknowledge(port: Runtime.Port, seq: number): void {
    try {
      port.postMessage({ ack: seq });
    } catch (error) {
      this.log.warn(`MessageChannel: could not acknowledge message ${seq}`, error);
    }
  }

  private send(portId: string, a: Action): void {
    try {
      this.ports.get(portId)?.port.postMessage(a);
    } catch (error) {
      this.log.warn(`MessageChannel: could not post ${a.type} to page ${portId}`, error);
    }
  }

  /** Sends content-routed actions to their pages; skipMain stops them here. */
  readonly middleware: Middleware = () => (next) => (raw) => {
    const a = raw as Action;
    if (actionUtils.isSendToOneContent(a)) this.send(a.meta!.toTarget!, a);
    else if (actionUtils.isBroadcastToContent(a)) for (const id of this.ports.keys()) this.send(id, a);
    if (a.meta?.skipMain) return undefined;
    return next(a);
  };
}
