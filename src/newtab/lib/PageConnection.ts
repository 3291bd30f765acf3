// The page's end of its runtime.Port. When the background is suspended or
// restarted the port drops; we reconnect with the same page instance id (so
// the background resumes this page's session) and ask for the state again.
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
  private outbox: Action[] = [];
  private generation = 0;

  constructor(
    private readonly connect: Connect,
    readonly page: PageKind,
    readonly instanceId: string,
    private readonly onAction: (a: Action) => void,
    private readonly onReconnect: (generation: number) => void,
    private readonly retryDelayMs = 50,
  ) {}

  open(): void {
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
    port.onMessage.addListener((message) => this.onAction(message as Action));
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = null;
      setTimeout(() => this.open(), this.retryDelayMs);
    });
    const queued = this.outbox;
    this.outbox = [];
    for (const a of queued) this.send(a);
    if (reconnect) this.onReconnect(this.generation);
    this.generation += 1;
  }

  send(a: Action): void {
    if (!this.port) {
      this.outbox.push(a);
      return;
    }
    try {
      this.port.postMessage(a);
    } catch {
      // The port died between the check and the post; keep the action for the next port.
      this.outbox.push(a);
    }
  }
}
