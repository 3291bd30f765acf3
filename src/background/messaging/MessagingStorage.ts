// What the router remembers across suspensions and restarts, in
// storage.local: impressions (timestamps) per message and per group, blocked
// message ids, and which errors it already reported. Loaded once at start;
// every change is written through at once.
import type { KeyValueStorage } from '../storage';

const KEY = 'messaging.state';
/** Timestamps kept per message or group: far more than any cap needs. */
const MAX_IMPRESSIONS = 1000;
const MAX_REPORTED = 500;

export interface MessagingMemory {
  impressions: Record<string, number[]>;
  groupImpressions: Record<string, number[]>;
  blocked: string[];
  /** Keys of targeting errors already sent once (message id, kind and expression). */
  reportedErrors: string[];
  /** When the extension first ran: the profileAgeCreated attribute. */
  firstRunAt?: number;
  /** Last time the router worked, so the next browser session knows when this one ended. */
  lastActiveAt?: number;
  /** lastActiveAt as the current browser session found it: the previousSessionEnd attribute. */
  previousSessionEnd?: number;
}

function empty(): MessagingMemory {
  return { impressions: {}, groupImpressions: {}, blocked: [], reportedErrors: [] };
}

function timestamps(value: unknown): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [id, list] of Object.entries(value)) {
    if (Array.isArray(list)) out[id] = list.filter((t): t is number => Number.isFinite(t)).slice(-MAX_IMPRESSIONS);
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

export class MessagingStorage {
  private memory: MessagingMemory = empty();

  constructor(private readonly storage: KeyValueStorage) {}

  /** `newBrowserSession`: the first start since the browser started (not a wake-up). */
  async load(now: number, newBrowserSession: boolean): Promise<void> {
    const stored = (await this.storage.get<Partial<MessagingMemory>>(KEY)) ?? {};
    const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const lastActiveAt = time(stored.lastActiveAt);
    this.memory = {
      impressions: timestamps(stored.impressions),
      groupImpressions: timestamps(stored.groupImpressions),
      blocked: strings(stored.blocked),
      reportedErrors: strings(stored.reportedErrors),
      firstRunAt: time(stored.firstRunAt) ?? now,
      lastActiveAt,
      previousSessionEnd: newBrowserSession ? lastActiveAt : time(stored.previousSessionEnd),
    };
    await this.save();
  }

  /** Written at most once a minute: precise enough for a session's end. */
  async markActive(now: number): Promise<void> {
    if (this.memory.lastActiveAt !== undefined && now - this.memory.lastActiveAt < 60_000) return;
    this.memory.lastActiveAt = now;
    await this.save();
  }

  get state(): Readonly<MessagingMemory> {
    return this.memory;
  }

  impressionsOf(id: string): readonly number[] {
    return this.memory.impressions[id] ?? [];
  }

  groupImpressionsOf(id: string): readonly number[] {
    return this.memory.groupImpressions[id] ?? [];
  }

  isBlocked(id: string): boolean {
    return this.memory.blocked.includes(id);
  }

  async recordImpression(id: string, groups: readonly string[], now: number): Promise<void> {
    const add = (map: Record<string, number[]>, key: string) => {
      map[key] = [...(map[key] ?? []), now].slice(-MAX_IMPRESSIONS);
    };
    add(this.memory.impressions, id);
    for (const g of groups) add(this.memory.groupImpressions, g);
    await this.save();
  }

  /** Drops what no cap needs any more; `keep` says which timestamps a message still counts. */
  async prune(keep: (id: string, impressions: readonly number[]) => number[]): Promise<void> {
    for (const [id, list] of Object.entries(this.memory.impressions)) {
      const kept = keep(id, list);
      if (kept.length > 0) this.memory.impressions[id] = kept;
      else delete this.memory.impressions[id];
    }
    await this.save();
  }

  async block(id: string): Promise<void> {
    if (this.isBlocked(id)) return;
    this.memory.blocked.push(id);
    await this.save();
  }

  async unblock(id: string): Promise<void> {
    this.memory.blocked = this.memory.blocked.filter((b) => b !== id);
    await this.save();
  }

  async resetImpressions(): Promise<void> {
    this.memory.impressions = {};
    this.memory.groupImpressions = {};
    await this.save();
  }

  /** True the first time `key` is seen, and remembers it. */
  async firstReport(key: string): Promise<boolean> {
    if (this.memory.reportedErrors.includes(key)) return false;
    this.memory.reportedErrors = [...this.memory.reportedErrors, key].slice(-MAX_REPORTED);
    await this.save();
    return true;
  }

  private save(): Promise<void> {
    return this.storage.set(KEY, this.memory);
  }
}
