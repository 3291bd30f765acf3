// The page's end of its runtime.Port. When the background is suspended or
// restarted the port drops; we reconnect with the same page instance id (so
// the background resumes this page's session), post again what the
// background had not acknowledged, and ask for the state again.
import { isAck } from '../../common/delivery';
import { encodePortName } from '../../common/portName';
import type { Action, PageKind } from '../../common/actions';

export interface PortLike {
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

export type Connect = (name: string) => PortLike;

export class PageConnection {
  private port: PortLike | null = null;
  /** Sent actions the background has not acknowledged yet, oldest first. */
  private unacked: { seq: number; action: Action }[] = [];
  private seq = 0;
  private generation = 0;

  constructor(
    private readonly connect: Connect,
    readonly page: PageKind,
    readonly instanceId: string,
    private readonly onAction: (a: Action) => void,
    private readonly onReconnect: (generation: number) => void,
    private readonly retryDelayMs = 50,
  ) {}

  /** Connects, unless a port is open; posts what is unacknowledged on the new port. */
  open(): void {
    if (this.port) return;
    const reconnect = this.generation > 0;
    let port: PortLike;
    try {
      port = this.connect(encodePortName({ page: this.page, instanceId: this.instanceId, reconnect }));
    } catch (error) {
      console.warn('PageConnection: connect failed; retrying', error);
      setTimeout(() => this.open(), this.retryDelayMs);
      return;
    }
    this.port = port;
    port.onMessage.addListener((message) => {
      if (isAck(message)) this.unacked = this.unacked.filter((m) => m.seq > message.ack);
      else this.onAction(message as Action);
    });
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = null;
      setTimeout(() => this.open(), this.retryDelayMs);
    });
    for (const m of this.unacked) this.post(m.seq, m.action);
    if (reconnect) this.onReconnect(this.generation);
    this.generation += 1;
  }

  /**
   * Between a dropped port and the reconnect, an action connects at once: a
   * page may be closed right after the click that sent it.
   */
  send(a: Action): void {
    this.seq += 1;
    this.unacked.push({ seq: this.seq, action: a });
    if (this.port) this.post(this.seq, a);
    else this.open();
  }

  /**
   * For the page's last moment (pagehide): a port that dropped with
   * unacknowledged actions is replaced now, not after the retry delay.
   */
  flush(): void {
    if (!this.port && this.unacked.length > 0) this.open();
  }

  /** Unacknowledged actions stay queued whatever happens here: the next port posts them again. */
  private post(seq: number, a: Action): void {
    try {
      this.port?.postMessage({ ...a, seq });
    } catch {
      // The port died between the check and the post; the disconnect reconnects.
    }
  }
}
