// Moments pages (Firefox's MomentsPageHub and update_action). A moments
// message, triggered by an update of the extension or (momentsPageHub) by a
// date in its targeting, is set once: its page is kept in storage.local, the
// message is counted and blocked, and MOMENTS_PAGE_SET is sent, all at once
// as in Firefox. At the next browser start the page opens in a new tab, once
// (our browser.startup.homepage_override.once), unless it expired by then.
import type { RouterMessage, UpdateActionContent } from '../../common/messaging/types';
import type { KeyValueStorage } from '../storage';
import type { BackgroundSurface, MessagingRouterFeed } from './MessagingRouterFeed';

export const MOMENTS_KEY = 'messaging.momentsPage';
/** The extension version the last start ran; a different one at a start is an update. */
export const ADDON_VERSION_KEY = 'messaging.addonVersion';

interface PendingPage {
  id: string;
  url: string;
  expires?: number;
}

export interface MomentsDeps {
  messaging: MessagingRouterFeed;
  storage: KeyValueStorage;
  now(): number;
  openTab(url: string): Promise<void>;
}

export class MomentsPage {
  private pending: PendingPage | null = null;
  /** The page an earlier start set: only that one may open at this start. */
  private setEarlier: PendingPage | null = null;

  constructor(private readonly deps: MomentsDeps) {}

  /** The update_action surface: one page set at a time. */
  readonly surface: BackgroundSurface = {
    accepts: () => this.pending === null,
    show: (message) => this.set(message),
  };

  async load(): Promise<void> {
    this.pending = (await this.deps.storage.get<PendingPage>(MOMENTS_KEY)) ?? null;
    this.setEarlier = this.pending;
    this.deps.messaging.onMessagesLoaded(() => this.deps.messaging.trigger({ id: 'momentsPageHub' }));
  }

  /**
   * At a background start: the first of a browser session opens the page set
   * earlier; then an update (a version other than the last start's) and the
   * dates are checked.
   */
  async start(newBrowserSession: boolean, version: string): Promise<void> {
    if (newBrowserSession) await this.openPending();
    const last = await this.deps.storage.get<string>(ADDON_VERSION_KEY);
    if (last !== version) await this.deps.storage.set(ADDON_VERSION_KEY, version);
    // No version kept yet is the install itself, not an update.
    if (last !== undefined && last !== version) await this.deps.messaging.trigger({ id: 'extensionUpdated' });
    await this.deps.messaging.trigger({ id: 'momentsPageHub' });
  }

  private async set(message: RouterMessage): Promise<void> {
    // Two triggers at once (an update and a load of messages) can both pick one: the first set wins.
    if (this.pending !== null) return;
    const { url, expireDelta } = (message.content as UpdateActionContent).action.data;
    this.pending = { id: message.id, url, ...(expireDelta ? { expires: this.deps.now() + expireDelta } : {}) };
    await this.deps.storage.set(MOMENTS_KEY, this.pending);
    const { router } = this.deps.messaging;
    await router.recordImpression(message);
    await router.block(message.id);
    // The seed's moments ping carries the bucket beside the message (the message's id when it names none).
    this.deps.messaging.ping({ action: 'moments_user_event', event: 'MOMENTS_PAGE_SET', message_id: message.id, bucket_id: message.bucket_id ?? message.id });
  }

  private async openPending(): Promise<void> {
    const page = this.setEarlier;
    if (!page || page !== this.pending) return;
    this.pending = this.setEarlier = null;
    await this.deps.storage.remove(MOMENTS_KEY);
    if (page.expires === undefined || page.expires > this.deps.now()) await this.deps.openTab(page.url);
  }
}
