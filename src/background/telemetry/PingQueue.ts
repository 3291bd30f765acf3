// Pings waiting to be sent, persisted in storage.local so they survive a
// background suspension and a browser restart. The queue is bounded in count
// and bytes; when full, the oldest pings go first (an essential ping, i.e. a
// deletion request, never), and how many went is kept until a ping reports it.
import { submitPath } from './pings';
import type { PingEnvelope } from '../../common/pings/types';
import type { KeyValueStorage } from '../storage';
import { CoalescingWriter } from './CoalescingWriter';

export const QUEUE_KEY = 'telemetry.queue';

export interface QueuedPing {
  docId: string;
  /** `/submit/<namespace>/<docType>/<docVersion>/<docId>` */
  uri: string;
  payload: Record<string, unknown>;
  /** Length of the payload's JSON, for the byte bound. */
  bytes: number;
  enqueuedAt: number;
  /** Failed deliveries of this document alone (per-document 5xx). */
  attempts: number;
  /** Not sent before this time (per-document backoff). */
  notBefore: number;
  /** Sent even while telemetry is off: the deletion request. */
  essential?: true;
}

export interface QueueLimits {
  maxCount: number;
  maxBytes: number;
  /** A single ping over this is refused (and counted as dropped). */
  maxPingBytes: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { maxCount: 500, maxBytes: 2 * 1024 * 1024, maxPingBytes: 256 * 1024 };

interface StoredQueue {
  version: 1;
  entries: QueuedPing[];
  /** Pings dropped for lack of room that no ping has reported yet. */
  unreportedDrops: number;
}

export class PingQueue {
  private entries: QueuedPing[] = [];
  private unreportedDrops = 0;
  private totalBytes = 0;
  private loaded: Promise<void> | null = null;
  private readonly writer: CoalescingWriter;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly limits: QueueLimits = DEFAULT_QUEUE_LIMITS,
    private readonly log: Pick<Console, 'error' | 'warn'> = console,
  ) {
    const record = (): StoredQueue => ({ version: 1, entries: this.entries, unreportedDrops: this.unreportedDrops });
    this.writer = new CoalescingWriter(storage, QUEUE_KEY, record, log);
  }

  /** Reads the stored queue once; a corrupt one is logged and replaced by an empty queue. */
  load(): Promise<void> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  get size(): number {
    return this.entries.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** A snapshot, oldest first. */
  list(): readonly QueuedPing[] {
    return this.entries;
  }

  /**
   * Adds pings and persists the queue. Resolves once the write is done, so a
   * ping that was enqueued survives the background going away right after.
   */
  async enqueue(envelopes: readonly PingEnvelope[], now: number, options: { essential?: boolean } = {}): Promise<void> {
    await this.load();
    for (const env of envelopes) {
      if (this.entries.some((e) => e.docId === env.docId)) continue;
      const bytes = JSON.stringify(env.payload).length;
      if (bytes > this.limits.maxPingBytes) {
        this.log.warn(`PingQueue: refused a ${env.namespace}/${env.docType} ping of ${bytes} bytes`);
        this.unreportedDrops += 1;
        continue;
      }
      this.entries.push({
        docId: env.docId,
        uri: submitPath(env),
        payload: env.payload,
        bytes,
        enqueuedAt: now,
        attempts: 0,
        notBefore: 0,
        ...(options.essential ? { essential: true as const } : {}),
      });
      this.totalBytes += bytes;
    }
    this.enforceLimits();
    await this.persist();
  }

  /** Removes delivered or finally rejected pings. */
  async remove(docIds: readonly string[]): Promise<void> {
    const gone = new Set(docIds);
    this.replace(this.entries.filter((e) => !gone.has(e.docId)));
    await this.persist();
  }

  /** Puts off pings the collector could not take this time; unknown ids (purged meanwhile) are ignored. */
  async retryLater(docIds: readonly string[], delayFor: (attempts: number) => number, now: number): Promise<void> {
    const failed = new Set(docIds);
    for (const e of this.entries) {
      if (!failed.has(e.docId)) continue;
      e.attempts += 1;
      e.notBefore = now + delayFor(e.attempts);
    }
    await this.persist();
  }

  /** Drops everything but essential pings (opt-out). Returns how many went. */
  async purge(): Promise<number> {
    const before = this.entries.length;
    this.replace(this.entries.filter((e) => e.essential));
    this.unreportedDrops = 0;
    await this.persist();
    return before - this.entries.length;
  }

  /** Hands over the count of dropped pings not yet reported, and forgets it. */
  takeUnreportedDrops(): number {
    const n = this.unreportedDrops;
    this.unreportedDrops = 0;
    return n;
  }

  /** Waits for pending writes; for tests and benchmarks. */
  settled(): Promise<void> {
    return this.writer.settled();
  }

  private enforceLimits(): void {
    let dropped = 0;
    while (this.entries.length > this.limits.maxCount || this.totalBytes > this.limits.maxBytes) {
      const oldest = this.entries.findIndex((e) => !e.essential);
      if (oldest < 0) break;
      this.totalBytes -= this.entries[oldest]!.bytes;
      this.entries.splice(oldest, 1);
      dropped += 1;
    }
    if (dropped > 0) {
      this.unreportedDrops += dropped;
      this.log.warn(`PingQueue: full; dropped the ${dropped} oldest ping(s)`);
    }
  }

  private replace(entries: QueuedPing[]): void {
    this.entries = entries;
    this.totalBytes = entries.reduce((sum, e) => sum + e.bytes, 0);
  }

  private persist(): Promise<void> {
    return this.writer.write();
  }

  private async read(): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.storage.get(QUEUE_KEY);
    } catch (error) {
      this.log.error('PingQueue: could not read the stored queue; starting empty', error);
      return;
    }
    if (stored === undefined) return;
    const record = stored as Partial<StoredQueue> | null;
    if (!record || typeof record !== 'object' || record.version !== 1 || !Array.isArray(record.entries)) {
      this.log.error('PingQueue: the stored queue is corrupt; starting empty');
      return;
    }
    const valid = record.entries.filter(isQueuedPing);
    if (valid.length < record.entries.length) {
      this.log.error(`PingQueue: dropped ${record.entries.length - valid.length} corrupt queue entries`);
    }
    this.replace(valid);
    const drops = record.unreportedDrops;
    this.unreportedDrops = typeof drops === 'number' && Number.isInteger(drops) && drops > 0 ? drops : 0;
  }
}

function isQueuedPing(value: unknown): value is QueuedPing {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.docId === 'string' &&
    typeof e.uri === 'string' &&
    e.uri.startsWith('/submit/') &&
    e.uri.endsWith(`/${e.docId}`) &&
    !!e.payload &&
    typeof e.payload === 'object' &&
    !Array.isArray(e.payload) &&
    typeof e.bytes === 'number' &&
    typeof e.enqueuedAt === 'number' &&
    typeof e.attempts === 'number' &&
    typeof e.notBefore === 'number'
  );
}
