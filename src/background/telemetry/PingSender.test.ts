import { describe, expect, it, vi } from 'vitest';
import type { PingEnvelope } from '../../common/pings/types';
import { memoryStorage } from '../storage';
import { backoffDelay } from './backoff';
import { PingQueue, type QueuedPing } from './PingQueue';
import { IN_FLIGHT_WAKE_MS, PingSender, SENDER_KEY, type SenderPolicy } from './PingSender';
import { RateLimiter } from './rateLimit';
import { FakeClock, FakeTimer, RecordingLog, RecordingTransport } from '../../test-support/telemetryHarness';
import type { TransportResult } from './transports';

let docCount = 0;
const envelope = (): PingEnvelope => {
  docCount += 1;
  return {
    namespace: 'activity-stream',
    docType: 'events',
    docVersion: 1,
    docId: `00000000-0000-4000-8000-${String(docCount).padStart(12, '0')}`,
    payload: { event: 'CLICK', n: docCount },
  };
};

const ok = (pings: readonly QueuedPing[]): TransportResult => ({ kind: 'documents', statuses: pings.map(() => 'delivered') });
const down: TransportResult = { kind: 'failed', retryable: true, status: null };

function setup(options: { policy?: Partial<SenderPolicy>; storage?: ReturnType<typeof memoryStorage>; clock?: FakeClock } = {}) {
  const clock = options.clock ?? new FakeClock();
  const storage = options.storage ?? memoryStorage();
  const queue = new PingQueue(storage, { maxCount: 1000, maxBytes: 1_000_000, maxPingBytes: 10_000 });
  const transport = new RecordingTransport();
  const timer = new FakeTimer();
  const log = new RecordingLog();
  const gate = { open: true, endpoint: 'https://collector.test' as string | null };
  const sender = new PingSender({
    queue,
    storage,
    transport,
    endpoint: () => gate.endpoint,
    canSend: () => gate.open,
    maxAgeMs: () => 30_000,
    timer,
    clock: () => clock.now,
    random: () => 0.5,
    log,
    policy: options.policy,
  });
  const add = async (count: number, opts: { essential?: boolean } = {}) => {
    const envs = Array.from({ length: count }, envelope);
    await queue.enqueue(envs, clock.now, opts);
    await sender.poke();
    return envs.map((e) => e.docId);
  };
  /** Moves the clock to the timer and fires it. */
  const wake = async () => {
    expect(timer.at).not.toBeNull();
    clock.now = Math.max(clock.now, timer.at!);
    timer.fire();
    await sender.idle();
  };
  const sentIds = () => transport.sent.map((p) => p.docId);
  return { clock, storage, queue, transport, timer, log, gate, sender, add, wake, sentIds };
}

describe('PingSender: when to send', () => {
  it('waits for 20 pings, then sends them in one request', async () => {
    const s = setup();
    await s.add(19);
    expect(s.transport.requests).toHaveLength(0);
    expect(s.timer.at).toBe(s.clock.now + 30_000);
    await s.add(1);
    expect(s.transport.requests.map((r) => r.pings.length)).toEqual([20]);
    expect(s.queue.size).toBe(0);
    expect(s.timer.at).toBeNull();
  });

  it('sends fewer pings once the oldest has waited 30 s', async () => {
    const s = setup();
    const ids = await s.add(2);
    s.clock.advance(10_000);
    ids.push(...(await s.add(1)));
    expect(s.timer.at).toBe(s.clock.now - 10_000 + 30_000);
    await s.wake();
    expect(s.sentIds()).toEqual(ids);
  });

  it('keeps a wake set while a request is out, so a background suspended before the answer sends again', async () => {
    const s = setup();
    let answer = () => undefined as void;
    const send = s.transport.send.bind(s.transport);
    s.transport.send = (endpoint, pings) => new Promise((resolve) => (answer = () => resolve(send(endpoint, pings))));
    await s.queue.enqueue([envelope(), envelope()], s.clock.now);
    const flushed = s.sender.flushAll();
    // The request is out: the wake stands past the transport's timeout.
    await vi.waitFor(() => expect(s.timer.at).toBe(s.clock.now + IN_FLIGHT_WAKE_MS));
    answer();
    await flushed;
    // Answered and nothing left: no wake.
    expect(s.queue.size).toBe(0);
    expect(s.timer.at).toBeNull();
  });

  it('sends everything at once when asked (browser idle or start)', async () => {
    const s = setup();
    const ids = await s.add(3);
    await s.sender.flushAll();
    expect(s.sentIds()).toEqual(ids);
  });

  it('sends nothing without a usable endpoint, and sets no timer', async () => {
    const s = setup();
    s.gate.endpoint = null;
    await s.add(25);
    expect(s.transport.requests).toHaveLength(0);
    expect(s.timer.at).toBeNull();
    s.gate.endpoint = 'https://collector.test';
    await s.sender.poke();
    expect(s.sentIds()).toHaveLength(25);
  });

  it('while telemetry is off sends only essential pings (the deletion request), at once', async () => {
    const s = setup();
    s.gate.open = false;
    await s.add(25);
    expect(s.transport.requests).toHaveLength(0);
    expect(s.timer.at).toBeNull();
    const [deletion] = await s.add(1, { essential: true });
    expect(s.sentIds()).toEqual([deletion]);
  });
});

describe('PingSender: failures', () => {
  it('backs off exponentially while the server is down, then delivers every ping exactly once', async () => {
    const s = setup();
    s.transport.respond = () => down;
    const ids = await s.add(20);
    const start = s.clock.now;
    // random() = 0.5 gives three quarters of the nominal delay: 1 s, 2 s, 4 s.
    expect(s.timer.at).toBe(start + 750);
    await s.sender.poke();
    expect(s.transport.requests).toHaveLength(1);
    await s.wake();
    expect(s.timer.at).toBe(start + 750 + 1500);
    await s.wake();
    expect(s.timer.at).toBe(start + 750 + 1500 + 3000);
    s.transport.respond = ok;
    await s.wake();
    expect(s.transport.requests).toHaveLength(4);
    expect(s.queue.size).toBe(0);
    const delivered = s.transport.requests.at(-1)!.pings.map((p) => p.docId);
    expect(delivered).toEqual(ids);
    expect(s.sender.stats).toMatchObject({ requests: 4, delivered: 20, retried: 60, rejected: 0 });
  });

  it('caps the backoff, and honours a longer Retry-After', async () => {
    const s = setup({ policy: { backoff: { baseMs: 1_000, maxMs: 8_000 } } });
    s.transport.respond = () => down;
    await s.add(20);
    for (let i = 0; i < 8; i++) await s.wake();
    expect(s.timer.at! - s.clock.now).toBe(6_000);
    s.transport.respond = () => ({ kind: 'failed', retryable: true, status: 503, retryAfterMs: 7_500 });
    await s.wake();
    expect(s.timer.at! - s.clock.now).toBe(7_500);
  });

  it('keeps a batch answered 429 (the collector’s per-client limit) and tries again after its Retry-After', async () => {
    const s = setup({ policy: { backoff: { baseMs: 100, maxMs: 60_000 } } });
    s.transport.respond = () => ({ kind: 'failed', retryable: true, status: 429, retryAfterMs: 5_000 });
    const ids = await s.add(3);
    expect(s.transport.requests).toHaveLength(0); // a small batch waits for more first
    await s.wake();
    expect(s.transport.requests).toHaveLength(1);
    expect(s.queue.size).toBe(3);
    expect(s.timer.at! - s.clock.now).toBe(5_000);
    expect(s.sender.stats.rejected).toBe(0);
    s.transport.respond = ok;
    await s.wake();
    expect(s.queue.size).toBe(0);
    expect(s.transport.requests.at(-1)!.pings.map((p) => p.docId)).toEqual(ids);
  });

  it('drops a batch the collector refuses with a 4xx, and counts it', async () => {
    const s = setup();
    s.transport.respond = () => ({ kind: 'failed', retryable: false, status: 400 });
    await s.add(20);
    expect(s.queue.size).toBe(0);
    expect(s.sender.stats.rejected).toBe(20);
    expect(s.timer.at).toBeNull();
  });

  it('halves a batch refused as too large, down to single documents, and drops a single one that is', async () => {
    const s = setup();
    const ids = await s.add(19);
    const huge = ids[7]!;
    s.transport.respond = (pings) =>
      pings.length > 4 || pings.some((p) => p.docId === huge) ? { kind: 'tooLarge' } : ok(pings);
    await s.add(1);
    expect(s.transport.requests.map((r) => r.pings.length)).toEqual([20, 10, 5, 3, 2, 5, 3, 2, 1, 2, 10, 5, 3, 2, 5, 3, 2]);
    const delivered = s.transport.requests.filter((r) => r.pings.length <= 4 && !r.pings.some((p) => p.docId === huge));
    const deliveredIds = delivered.flatMap((r) => r.pings.map((p) => p.docId));
    expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
    expect(deliveredIds).toHaveLength(19);
    expect(deliveredIds).not.toContain(huge);
    expect(s.queue.size).toBe(0);
    expect(s.sender.stats.rejected).toBe(1);
  });

  it('retries only the documents the batch route could not store', async () => {
    const s = setup();
    let first = true;
    s.transport.respond = (pings) => {
      if (!first) return ok(pings);
      first = false;
      return { kind: 'documents', statuses: pings.map((_, i) => (i % 4 === 0 ? 'retry' : i % 4 === 1 ? 'rejected' : 'delivered')) };
    };
    const ids = await s.add(20);
    const retried = ids.filter((_, i) => i % 4 === 0);
    expect(s.queue.list().map((e) => e.docId)).toEqual(retried);
    expect(s.queue.list().every((e) => e.attempts === 1 && e.notBefore === s.clock.now + 750)).toBe(true);
    await s.wake();
    expect(s.transport.requests[1]!.pings.map((p) => p.docId)).toEqual(retried);
    expect(s.sender.stats).toMatchObject({ delivered: 15, rejected: 5, retried: 5 });
  });

  it('remembers its backoff across a background restart', async () => {
    const clock = new FakeClock();
    const first = setup({ clock });
    first.transport.respond = () => down;
    await first.add(20);
    const retryAt = first.timer.at!;
    const second = setup({ clock, storage: first.storage });
    await second.sender.poke();
    expect(second.transport.requests).toHaveLength(0);
    expect(second.timer.at).toBe(retryAt);
    expect((first.storage.data[SENDER_KEY] as { failureStreak: number }).failureStreak).toBe(1);
  });

  it('starts fresh, with a clear error, when its stored state is corrupt', async () => {
    const storage = memoryStorage({ [SENDER_KEY]: { version: 1, retryAt: 'soon' } });
    const s = setup({ storage });
    await s.add(20);
    expect(s.transport.requests).toHaveLength(1);
    expect(String(s.log.errors[0]?.[0])).toMatch(/stored state is corrupt/);
  });
});

describe('PingSender: rate limit', () => {
  it('sends at most 40 requests a minute; the rest wait, none is dropped', async () => {
    const s = setup();
    const ids = await s.add(1_000);
    expect(s.sentIds()).toEqual(ids.slice(0, 800));
    expect(s.transport.requests).toHaveLength(40);
    expect(s.timer.at).toBe(s.clock.now + 60_000);
    await s.wake();
    expect(s.sentIds()).toEqual(ids);
    expect(s.transport.requests.every((r) => r.pings.length === 20)).toBe(true);
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 8_000 };
  it('doubles per failure, with half of it jittered, up to the cap', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2_000);
    expect(backoffDelay(40, policy, () => 0)).toBe(4_000);
    expect(backoffDelay(40, policy, () => 0.999999)).toBe(8_000);
  });
});

describe('RateLimiter', () => {
  it('frees a slot when the oldest send leaves the window', () => {
    const limiter = new RateLimiter({ maxRequests: 3, windowMs: 1_000 });
    limiter.record(0);
    limiter.record(0);
    limiter.record(500);
    expect(limiter.available(600)).toBe(0);
    expect(limiter.nextSlotAt(600)).toBe(1_000);
    expect(limiter.available(1_000)).toBe(2);
    expect(limiter.nextSlotAt(1_000)).toBe(1_000);
  });
});
