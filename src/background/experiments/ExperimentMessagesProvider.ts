// The router's provider of experiment messages (Firefox's
// `messaging-experiments` provider): the active branches' messages, stale
// whenever the enrollments changed so the router takes them in.
import type { ProviderState, RouterMessage } from '../../common/messaging/types';
import type { MessageProvider } from '../messaging/providers';
import { EXPERIMENT_PROVIDER } from './recipes';

export class ExperimentMessagesProvider implements MessageProvider {
  readonly id = EXPERIMENT_PROVIDER;
  messages: readonly RouterMessage[] = [];
  private next: readonly RouterMessage[] = [];
  private stale = false;

  constructor(private readonly now: () => number) {}

  get state(): ProviderState {
    return { id: this.id, type: 'local', enabled: true, state: this.messages.length > 0 ? 'ok' : 'empty', messageCount: this.messages.length, lastUpdated: this.now() };
  }

  /** What the active branches offer now. */
  set(messages: readonly RouterMessage[]): void {
    this.next = messages;
    this.stale = true;
  }

  async start(): Promise<void> {
    await this.refresh();
  }

  async refresh(): Promise<void> {
    this.messages = this.next;
    this.stale = false;
  }

  isStale(): boolean {
    return this.stale;
  }
}
