// Where messages come from. The local provider reads the JSON file bundled
// with the extension; the Remote Settings provider reads a collection from
// the records API of a pref-configured server, keeps the last good messages
// with their age in storage.local, and refreshes them when they are older
// than REMOTE_MAX_AGE_MS. A failure, or a collection with no valid message,
// is reported once per episode (ASR_RS_ERROR / ASR_RS_NO_MESSAGES) and the
// last good messages keep being served.
import type { ProviderState, RouterMessage } from '../../common/messaging/types';
import { fetchJsonCapped } from '../fetchJson';
import type { KeyValueStorage } from '../storage';
import { validateMessages } from './validateMessage';

export interface MessageProvider {
  readonly id: string;
  readonly state: ProviderState;
  readonly messages: readonly RouterMessage[];
  /** Reads what is kept from earlier runs, if anything. */
  start(): Promise<void>;
  /** Fetches again; never throws. */
  refresh(): Promise<void>;
  /** True when the messages should be fetched again. */
  isStale(): boolean;
}

export type ProviderErrorEvent = 'ASR_RS_ERROR' | 'ASR_RS_NO_MESSAGES';

const FETCH_LIMITS = { maxBytes: 2_000_000, timeoutMs: 10_000 };
export const REMOTE_MAX_AGE_MS = 4 * 60 * 60 * 1000;

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}

export class LocalProvider implements MessageProvider {
  readonly id = 'local-messages';
  state: ProviderState = { id: this.id, type: 'local', enabled: true, state: 'loading', messageCount: 0 };
  messages: RouterMessage[] = [];

  constructor(
    private readonly url: string,
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number,
    private readonly log: Pick<Console, 'warn'> = console,
  ) {}

  start(): Promise<void> {
    return this.refresh();
  }

  isStale(): boolean {
    return this.state.state === 'loading';
  }

  async refresh(): Promise<void> {
    try {
      const file = (await fetchJsonCapped(this.fetchFn, this.url, FETCH_LIMITS)) as { messages?: unknown } | null;
      this.messages = validateMessages(file?.messages, this.id, this.log);
      this.state = { ...this.state, state: this.messages.length > 0 ? 'ok' : 'empty', lastUpdated: this.now(), messageCount: this.messages.length };
      delete this.state.lastError;
    } catch (error) {
      this.state = { ...this.state, state: 'error', lastError: errorText(error) };
      this.log.warn(`Messaging: local messages could not be read: ${errorText(error)}`);
    }
  }
}

interface RemoteCache {
  url: string;
  fetchedAt: number;
  messages: RouterMessage[];
  /** The error event already sent for the current failure episode, if any. */
  reported: ProviderErrorEvent | null;
  lastError?: string;
}

export interface RemoteProviderOptions {
  storage: KeyValueStorage;
  fetch: typeof fetch;
  now: () => number;
  /** The collection's records URL now; null when no server is set. */
  recordsUrl: () => string | null;
  report: (event: ProviderErrorEvent, providerId: string) => void;
  log?: Pick<Console, 'warn'>;
}

/** `<base>/v1/buckets/main/collections/<collection>/records`, or null for an empty or unusable base. */
export function recordsUrl(base: string, collection: string): string | null {
  if (!base || !/^[a-z0-9_-]{1,64}$/i.test(collection)) return null;
  try {
    const url = new URL(`v1/buckets/main/collections/${collection}/records`, base.endsWith('/') ? base : `${base}/`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export class RemoteSettingsProvider implements MessageProvider {
  readonly id = 'remote-messages';
  private cache: RemoteCache | null = null;
  private loading = false;
  private pending: Promise<void> | null = null;
  private readonly key = 'messaging.remoteCache';

  constructor(private readonly o: RemoteProviderOptions) {}

  get messages(): readonly RouterMessage[] {
    return this.cache?.messages ?? [];
  }

  get state(): ProviderState {
    const url = this.o.recordsUrl();
    const c = this.cache;
    const base: ProviderState = { id: this.id, type: 'remote', enabled: url !== null, messageCount: c?.messages.length ?? 0, state: 'ok' };
    if (this.loading) return { ...base, state: 'loading', ...(c ? { lastUpdated: c.fetchedAt } : {}) };
    if (!c) return { ...base, state: url ? 'loading' : 'empty' };
    const state = c.reported === 'ASR_RS_ERROR' ? 'error' : c.reported === 'ASR_RS_NO_MESSAGES' ? 'empty' : 'ok';
    return { ...base, state, lastUpdated: c.fetchedAt, ...(c.lastError ? { lastError: c.lastError } : {}) };
  }

  async start(): Promise<void> {
    const stored = await this.o.storage.get<RemoteCache>(this.key);
    const url = this.o.recordsUrl();
    // Messages of another server or collection are not this one's.
    this.cache = stored && stored.url === url && Array.isArray(stored.messages) ? { ...stored, messages: validateMessages(stored.messages, this.id) } : null;
  }

  isStale(): boolean {
    const url = this.o.recordsUrl();
    if (!url) return false;
    return !this.cache || this.cache.url !== url || this.o.now() - this.cache.fetchedAt >= REMOTE_MAX_AGE_MS;
  }

  /** One fetch at a time: a trigger during a refresh waits for it instead of starting another. */
  refresh(): Promise<void> {
    this.pending ??= this.fetchNow().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetchNow(): Promise<void> {
    const url = this.o.recordsUrl();
    if (!url) {
      this.cache = null;
      await this.o.storage.remove(this.key);
      return;
    }
    const previous = this.cache?.url === url ? this.cache : null;
    this.loading = true;
    let next: RemoteCache;
    try {
      const body = (await fetchJsonCapped(this.o.fetch, url, FETCH_LIMITS)) as { data?: unknown } | null;
      if (!body || typeof body !== 'object' || !Array.isArray(body.data)) throw new Error('the answer has no "data" list');
      const messages = validateMessages(body.data, this.id, this.o.log);
      next = messages.length > 0
        ? { url, fetchedAt: this.o.now(), messages, reported: null }
        : this.failed(previous, url, 'ASR_RS_NO_MESSAGES', body.data.length === 0 ? 'the collection is empty' : 'no valid message in the collection');
    } catch (error) {
      next = this.failed(previous, url, 'ASR_RS_ERROR', errorText(error));
    } finally {
      this.loading = false;
    }
    this.cache = next;
    await this.o.storage.set(this.key, next);
  }

  /** Keeps the last good messages; reports the failure unless this episode already did. */
  private failed(previous: RemoteCache | null, url: string, event: ProviderErrorEvent, why: string): RemoteCache {
    (this.o.log ?? console).warn(`Messaging: provider ${this.id}: ${why}`);
    if (previous?.reported !== event) this.o.report(event, this.id);
    // The failure's time counts as the fetch's, so a failing server is retried on schedule, not on every trigger.
    return { url, fetchedAt: this.o.now(), messages: previous?.messages ?? [], reported: event, lastError: why };
  }
}
