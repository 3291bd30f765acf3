// Sends the queue in batches: when enough pings wait (count), when the oldest
// has waited long enough (age), or at once when asked (browser idle, browser
// start). Failures of the whole request back off exponentially (the server is
// down); per-document failures back off per document; 4xx is final; a 413
// splits the batch down to single documents. A sliding-window rate limit
// makes excess wait. Nothing here knows about actions or identities.
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { PingQueue, QueuedPing } from './PingQueue';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitPolicy } from './rateLimit';
import type { Delivery, Transport } from './transports';
import type { KeyValueStorage } from '../storage';

export const SENDER_KEY = 'telemetry.sender';

export interface SenderPolicy {
  /** Flush as soon as this many pings may go. */
  flushCount: number;
  backoff: BackoffPolicy;
  rateLimit: RateLimitPolicy;
}

export const DEFAULT_SENDER_POLICY: SenderPolicy = {
  flushCount: 20,
  backoff: DEFAULT_BACKOFF,
  rateLimit: DEFAULT_RATE_LIMIT,
};

/** Wakes the sender at a time; the browser implementation survives a suspension (alarms). */
export interface FlushTimer {
  set(atMs: number, wake: () => void): void;
  clear(): void;
}

export interface SenderStats {
  requests: number;
  /** Documents put on the wire, retries included. */
  documentsSent: number;
  delivered: number;
  /** Refused with a final 4xx (dropped). */
  rejected: number;
  /** Documents whose request failed and that wait for another try. */
  retried: number;
  /** Compressed request bodies. */
  wireBytes: number;
}

interface SenderState {
  version: 1;
  /** Whole requests failed in a row (server down or overloaded). */
  failureStreak: number;
  /** No request before this time. */
  retryAt: number;
  sentTimes: number[];
  stats: SenderStats;
}

export interface PingSenderDeps {
  queue: PingQueue;
  /** Where the sender keeps its backoff, rate-limit window and stats. */
  storage: KeyValueStorage;
  transport: Transport;
  /** The collector base URL, or null when none is usable (nothing is sent). */
  endpoint(): string | null;
  /** False while telemetry is off: then only essential pings go. */
  canSend(): boolean;
  /** Flush when the oldest ping has waited this long (the telemetry.batchSeconds pref). */
  maxAgeMs(): number;
  timer: FlushTimer;
  clock: () => number;
  random: () => number;
  log?: Pick<Console, 'error' | 'warn'>;
  policy?: Partial<SenderPolicy>;
}

type FlushMode = 'due' | 'all';

/**
 * While a request is out, the timer stands this far ahead: past the
 * transport's 30 s request timeout. A background suspended before the answer
 * (Firefox suspends an idle event page, fetch or not) is woken to send again;
 * an answer replaces it with the next real wake.
 */
export const IN_FLIGHT_WAKE_MS = 35_000;

const emptyStats = (): SenderStats => ({ requests: 0, documentsSent: 0, delivered: 0, rejected: 0, retried: 0, wireBytes: 0 });

export class PingSender {
  private readonly policy: SenderPolicy;
  private readonly log: Pick<Console, 'error' | 'warn'>;
  private state: SenderState = { version: 1, failureStreak: 0, retryAt: 0, sentTimes: [], stats: emptyStats() };
  private limiter: RateLimiter;
  private loaded: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private rerun: FlushMode | null = null;

  constructor(private readonly deps: PingSenderDeps) {
    this.policy = { ...DEFAULT_SENDER_POLICY, ...deps.policy };
    this.log = deps.log ?? console;
    this.limiter = new RateLimiter(this.policy.rateLimit);
  }

  get stats(): Readonly<SenderStats> {
    return this.state.stats;
  }

  load(): Promise<void> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  /** Something changed (pings enqueued, gate, endpoint): send what is due, or schedule the next wake. */
  poke(): Promise<void> {
    return this.flush('due');
  }

  /** Send everything that may go now, due or not (browser idle, browser start). */
  flushAll(): Promise<void> {
    return this.flush('all');
  }

  /** Resolves when no flush is running; for tests and benchmarks. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private flush(mode: FlushMode): Promise<void> {
    if (this.running) {
      this.rerun = this.rerun === 'all' || mode === 'all' ? 'all' : 'due';
      return this.running;
    }
    this.running = (async () => {
      let next: FlushMode | null = mode;
      while (next) {
        this.rerun = null;
        try {
          await this.drain(next);
        } catch (error) {
          this.log.error('PingSender: flush failed', error);
        }
        next = this.rerun;
      }
    })().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private async drain(mode: FlushMode): Promise<void> {
    await Promise.all([this.load(), this.deps.queue.load()]);
    let sendAll = mode === 'all';
    for (;;) {
      const now = this.deps.clock();
      if (now < this.state.retryAt) return;
      const ready = this.ready(now);
      if (ready.length === 0 || (!sendAll && !this.isDue(ready, now))) return;
      const endpoint = this.deps.endpoint();
      if (!endpoint) return;
      if (this.limiter.available(now) === 0) return;
      const batch = ready.slice(0, this.deps.transport.maxDocuments);
      this.deps.timer.set(now + IN_FLIGHT_WAKE_MS, () => void this.poke());
      const serverUp = await this.deliver(endpoint, batch);
      await this.save();
      if (!serverUp) return;
      // Once a request goes out, everything that may go follows it.
      sendAll = true;
    }
  }

  /** Pings that may go at `now`: essential ones first, then oldest first. */
  private ready(now: number): QueuedPing[] {
    const open = this.deps.canSend();
    const ready = this.deps.queue.list().filter((e) => (open || e.essential) && e.notBefore <= now);
    return [...ready.filter((e) => e.essential), ...ready.filter((e) => !e.essential)];
  }

  private isDue(ready: readonly QueuedPing[], now: number): boolean {
    return (
      ready.length >= this.policy.flushCount ||
      ready.some((e) => e.essential || e.enqueuedAt + this.deps.maxAgeMs() <= now)
    );
  }

  /** Sends one batch; false when the request as a whole failed and may be retried (stop for now). */
  private async deliver(endpoint: string, batch: readonly QueuedPing[]): Promise<boolean> {
    const { queue, transport, clock } = this.deps;
    const stats = this.state.stats;
    stats.requests += 1;
    stats.documentsSent += batch.length;
    let delivery: Delivery;
    try {
      delivery = await transport.send(endpoint, batch);
    } catch (error) {
      this.log.error('PingSender: transport failed', error);
      delivery = { result: { kind: 'failed', retryable: true, status: null }, wireBytes: 0 };
    }
    stats.wireBytes += delivery.wireBytes;
    const { result } = delivery;
    const ids = (pings: readonly QueuedPing[]) => pings.map((p) => p.docId);

    if (result.kind === 'tooLarge') {
      if (batch.length === 1) return this.reject(batch, 413);
      const half = Math.ceil(batch.length / 2);
      return (await this.deliver(endpoint, batch.slice(0, half))) && this.deliver(endpoint, batch.slice(half));
    }
    if (result.kind === 'failed' && !result.retryable) return this.reject(batch, result.status);
    if (result.kind === 'failed') {
      this.state.failureStreak += 1;
      const delay = Math.max(backoffDelay(this.state.failureStreak, this.policy.backoff, this.deps.random), result.retryAfterMs ?? 0);
      this.state.retryAt = clock() + Math.min(delay, this.policy.backoff.maxMs);
      stats.retried += batch.length;
      return false;
    }

    this.serverAnswered();
    const delivered = batch.filter((_, i) => result.statuses[i] === 'delivered');
    const rejected = batch.filter((_, i) => result.statuses[i] === 'rejected');
    const retry = batch.filter((_, i) => result.statuses[i] !== 'delivered' && result.statuses[i] !== 'rejected');
    stats.delivered += delivered.length;
    stats.rejected += rejected.length;
    stats.retried += retry.length;
    if (rejected.length > 0) this.log.warn(`PingSender: the collector refused ${rejected.length} ping(s); dropped`);
    await queue.remove(ids([...delivered, ...rejected]));
    if (retry.length > 0) {
      await queue.retryLater(ids(retry), (attempts) => backoffDelay(attempts, this.policy.backoff, this.deps.random), clock());
    }
    return true;
  }

  private async reject(batch: readonly QueuedPing[], status: number | null): Promise<boolean> {
    // The server answered, so it is up; the pings themselves are at fault.
    this.serverAnswered();
    this.state.stats.rejected += batch.length;
    this.log.warn(`PingSender: the collector refused ${batch.length} ping(s) with ${status}; dropped`);
    await this.deps.queue.remove(batch.map((p) => p.docId));
    return true;
  }

  // The rate limit counts requests the collector answered; a request that
  // never got an answer is paced by the backoff instead.
  private serverAnswered(): void {
    this.state.failureStreak = 0;
    this.state.retryAt = 0;
    this.limiter.record(this.deps.clock());
  }

  /** Sets the timer for the next time something may go, or clears it. */
  private schedule(): void {
    const { timer, clock, queue } = this.deps;
    const now = clock();
    const open = this.deps.canSend();
    const waiting = queue.list().filter((e) => open || e.essential);
    if (waiting.length === 0 || !this.deps.endpoint()) {
      timer.clear();
      return;
    }
    const maxAgeMs = this.deps.maxAgeMs();
    const dueAt = (e: QueuedPing) => (e.essential ? e.notBefore : Math.max(e.notBefore, e.enqueuedAt + maxAgeMs));
    let at = Math.min(...waiting.map(dueAt));
    if (waiting.filter((e) => e.notBefore <= now).length >= this.policy.flushCount) at = now;
    at = Math.max(at, this.state.retryAt, this.limiter.nextSlotAt(now));
    timer.set(at, () => void this.poke());
  }

  private async save(): Promise<void> {
    this.state.sentTimes = this.limiter.snapshot();
    try {
      await this.deps.storage.set(SENDER_KEY, this.state);
    } catch (error) {
      this.log.error('PingSender: could not save its state', error);
    }
  }

  private async read(): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.deps.storage.get(SENDER_KEY);
    } catch (error) {
      this.log.error('PingSender: could not read its state; starting fresh', error);
      return;
    }
    if (stored === undefined) return;
    const s = stored as Partial<SenderState> | null;
    const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === 'number');
    if (!s || s.version !== 1 || typeof s.failureStreak !== 'number' || typeof s.retryAt !== 'number' || !numbers(s.sentTimes)) {
      this.log.error('PingSender: its stored state is corrupt; starting fresh');
      return;
    }
    const stats = emptyStats();
    for (const key of Object.keys(stats) as (keyof SenderStats)[]) {
      const value = (s.stats as Partial<SenderStats> | undefined)?.[key];
      if (typeof value === 'number') stats[key] = value;
    }
    this.state = { version: 1, failureStreak: s.failureStreak, retryAt: s.retryAt, sentTimes: s.sentTimes, stats };
    this.limiter = new RateLimiter(this.policy.rateLimit, s.sentTimes);
  }
}
