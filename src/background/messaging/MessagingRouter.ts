// The router: holds the providers' messages, best first, and on a trigger
// picks the highest-priority message that the trigger and the asking surface
// fit, that is not blocked, whose groups are on and not capped, that is not
// capped itself, and whose targeting matches. Browser-free, so it is tested
// (and benchmarked) with fakes.
import type { MessagingAdminState, RouterMessage } from '../../common/messaging/types';
import type { PrefValues } from '../../common/prefs';
import type { MessagingEventData } from '../../common/pings/types';
import { describeFrequency, impressionsToKeep, isCapped } from './frequency';
import { groupById, groupsOf, isGroupEnabled, MESSAGE_GROUPS } from './groups';
import { targetingErrorPing } from './messagePings';
import type { MessageProvider } from './providers';
import type { MessagingStorage } from './MessagingStorage';
import { toTargetingResult, type Targeting } from './targeting';
import { matchesTrigger, type FiredTrigger } from './triggers';

export interface RouterOptions {
  storage: MessagingStorage;
  providers: readonly MessageProvider[];
  targeting: Targeting;
  now: () => number;
  prefs: () => PrefValues;
  /** Sends a messaging ping (the feed dispatches it to telemetry). */
  report: (data: MessagingEventData) => void;
}

export class MessagingRouter {
  private all: RouterMessage[] = [];
  private byTrigger = new Map<string, RouterMessage[]>();

  constructor(private readonly o: RouterOptions) {}

  /** Reads what providers and storage kept; no network. */
  async load(newBrowserSession: boolean): Promise<void> {
    await this.o.storage.load(this.o.now(), newBrowserSession);
    await Promise.all(this.o.providers.map((p) => p.start()));
    this.reindex();
  }

  /** Fetches providers (all, or only stale ones); returns true when the messages changed. */
  async refresh(onlyStale: boolean): Promise<boolean> {
    const due = this.o.providers.filter((p) => !onlyStale || p.isStale());
    if (due.length === 0) return false;
    await Promise.all(due.map((p) => p.refresh()));
    this.reindex();
    await this.o.storage.prune((id, list) => impressionsToKeep(this.find(id)?.frequency ?? { lifetime: 0 }, list, this.o.now()));
    return true;
  }

  /** The router's targeting, shared with the experiment manager (one set of attributes). */
  get targeting(): Targeting {
    return this.o.targeting;
  }

  get messages(): readonly RouterMessage[] {
    return this.all;
  }

  find(id: string): RouterMessage | undefined {
    return this.all.find((m) => m.id === id);
  }

  hasTrigger(id: FiredTrigger['id']): boolean {
    return (this.byTrigger.get(id)?.length ?? 0) > 0;
  }

  /** Why a message may not show now, apart from targeting; null when it may. */
  whyNot(message: RouterMessage, now = this.o.now()): 'blocked' | 'group off' | 'group capped' | 'capped' | null {
    const { storage } = this.o;
    if (storage.isBlocked(message.id)) return 'blocked';
    const prefs = this.o.prefs();
    for (const id of groupsOf(message)) {
      const group = groupById(id);
      if (!group) continue;
      if (!isGroupEnabled(group, prefs)) return 'group off';
      if (isCapped(group.frequency, storage.groupImpressionsOf(id), now)) return 'group capped';
    }
    return isCapped(message.frequency, storage.impressionsOf(message.id), now) ? 'capped' : null;
  }

  /** The message to show for `fired` on a surface that takes what `accepts` says, or null. */
  async choose(fired: FiredTrigger, accepts: (m: RouterMessage) => boolean): Promise<RouterMessage | null> {
    return (await this.matching(fired, accepts, 1))[0] ?? null;
  }

  /** Every message that fits `fired` and `accepts`, best first (a list surface: the What's new view). */
  chooseAll(fired: FiredTrigger, accepts: (m: RouterMessage) => boolean): Promise<RouterMessage[]> {
    return this.matching(fired, accepts, Infinity);
  }

  private async matching(fired: FiredTrigger, accepts: (m: RouterMessage) => boolean, max: number): Promise<RouterMessage[]> {
    const now = this.o.now();
    void this.o.storage.markActive(now);
    const context = this.o.targeting.context();
    const found: RouterMessage[] = [];
    for (const message of this.byTrigger.get(fired.id) ?? []) {
      if (found.length >= max) break;
      if (!accepts(message) || !matchesTrigger(message.trigger, fired) || this.whyNot(message, now)) continue;
      const evaluation = await this.o.targeting.evaluate(message.targeting, context);
      if (evaluation.result === true) found.push(message);
      if (evaluation.result === 'error') {
        console.warn(`Messaging: targeting of ${message.id} failed (${evaluation.kind}): ${evaluation.reason}`);
        // Once per message, kind and expression: a broken message must not send a ping per new tab.
        if (await this.o.storage.firstReport(`${message.id}|${evaluation.kind}|${message.targeting ?? ''}`)) {
          this.o.report(targetingErrorPing(message.id, evaluation.kind));
        }
      }
    }
    return found;
  }

  recordImpression(message: RouterMessage): Promise<void> {
    return this.o.storage.recordImpression(message.id, groupsOf(message), this.o.now());
  }

  block(id: string): Promise<void> {
    return this.o.storage.block(id);
  }

  unblock(id: string): Promise<void> {
    return this.o.storage.unblock(id);
  }

  resetImpressions(): Promise<void> {
    return this.o.storage.resetImpressions();
  }

  /** Everything the admin page shows; targeting is evaluated for every message, without pings. */
  async adminState(): Promise<MessagingAdminState> {
    const { storage } = this.o;
    const now = this.o.now();
    const context = this.o.targeting.context();
    const prefs = this.o.prefs();
    const messages = await Promise.all(
      this.all.map(async (m) => {
        const why = this.whyNot(m, now);
        const cap = describeFrequency(m.frequency);
        return {
          id: m.id,
          template: m.template,
          provider: m.provider,
          groups: groupsOf(m),
          priority: m.priority ?? 0,
          trigger: m.trigger.id,
          targeting: toTargetingResult(await this.o.targeting.evaluate(m.targeting, context)),
          impressions: storage.impressionsOf(m.id).length,
          capped: why === 'capped' || why === 'group capped',
          blocked: why === 'blocked',
          ...(cap ? { cap } : {}),
        };
      }),
    );
    return {
      providers: this.o.providers.map((p) => p.state),
      messages,
      groups: MESSAGE_GROUPS.map((g) => ({ id: g.id, enabled: isGroupEnabled(g, prefs), impressions: storage.groupImpressionsOf(g.id).length })),
    };
  }

  /** Best first; a message id seen in an earlier provider wins. */
  private reindex(): void {
    const seen = new Set<string>();
    const merged: RouterMessage[] = [];
    for (const provider of this.o.providers) {
      for (const m of provider.messages) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        merged.push(m);
      }
    }
    // sort is stable: equal priorities keep the providers' order.
    this.all = merged.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
    this.byTrigger = new Map();
    for (const m of this.all) {
      const list = this.byTrigger.get(m.trigger.id);
      if (list) list.push(m);
      else this.byTrigger.set(m.trigger.id, [m]);
    }
  }
}
