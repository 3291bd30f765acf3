import { describe, expect, it } from 'vitest';
import type { PingEnvelope } from '../../common/pings/types';
import { memoryStorage, type KeyValueStorage } from '../storage';
import { PingQueue, QUEUE_KEY } from './PingQueue';
import { RecordingLog } from '../../test-support/telemetryHarness';

let docCount = 0;
function ping(extra: Record<string, unknown> = {}): PingEnvelope {
  docCount += 1;
  const docId = `00000000-0000-4000-8000-${String(docCount).padStart(12, '0')}`;
  return { namespace: 'activity-stream', docType: 'events', docVersion: 1, docId, payload: { event: 'CLICK', n: docCount, ...extra } };
}

const LIMITS = { maxCount: 5, maxBytes: 10_000, maxPingBytes: 2_000 };

describe('PingQueue', () => {
  it('persists what it holds, so a new background finds the same pings in the same order', async () => {
    const storage = memoryStorage();
    const first = new PingQueue(storage, LIMITS);
    const a = ping();
    const b = ping();
    await first.enqueue([a], 1000);
    await first.enqueue([b], 2000, { essential: true });

    const second = new PingQueue(storage, LIMITS);
    await second.load();
    expect(second.list().map((e) => e.docId)).toEqual([a.docId, b.docId]);
    expect(second.list()[0]).toMatchObject({
      uri: `/submit/activity-stream/events/1/${a.docId}`,
      payload: a.payload,
      enqueuedAt: 1000,
      attempts: 0,
      notBefore: 0,
    });
    expect(second.list()[1]!.essential).toBe(true);
  });

  it('keeps one copy of a docId', async () => {
    const queue = new PingQueue(memoryStorage(), LIMITS);
    const a = ping();
    await queue.enqueue([a, a], 0);
    await queue.enqueue([a], 0);
    expect(queue.size).toBe(1);
  });

  it('drops the oldest pings first when over its count, never an essential one, and counts the drops', async () => {
    const log = new RecordingLog();
    const queue = new PingQueue(memoryStorage(), LIMITS, log);
    const deletion = ping();
    await queue.enqueue([deletion], 0, { essential: true });
    const pings = Array.from({ length: 7 }, () => ping());
    await queue.enqueue(pings, 1);
    expect(queue.list().map((e) => e.docId)).toEqual([deletion.docId, ...pings.slice(3).map((p) => p.docId)]);
    expect(queue.takeUnreportedDrops()).toBe(3);
    expect(queue.takeUnreportedDrops()).toBe(0);
    expect(log.warnings.length).toBeGreaterThan(0);
  });

  it('drops the oldest pings first when over its byte bound', async () => {
    const queue = new PingQueue(memoryStorage(), { maxCount: 100, maxBytes: 3_000, maxPingBytes: 2_000 });
    const big = () => ping({ filler: 'x'.repeat(900) });
    const pings = [big(), big(), big(), big()];
    for (const p of pings) await queue.enqueue([p], 0);
    expect(queue.bytes).toBeLessThanOrEqual(3_000);
    expect(queue.list().map((e) => e.docId)).toEqual(pings.slice(1).map((p) => p.docId));
    expect(queue.takeUnreportedDrops()).toBe(1);
  });

  it('refuses a single ping over the per-ping bound and counts it as dropped', async () => {
    const queue = new PingQueue(memoryStorage(), LIMITS, new RecordingLog());
    await queue.enqueue([ping({ filler: 'x'.repeat(3_000) })], 0);
    expect(queue.size).toBe(0);
    expect(queue.takeUnreportedDrops()).toBe(1);
  });

  it('keeps the unreported drop count across a restart', async () => {
    const storage = memoryStorage();
    const first = new PingQueue(storage, LIMITS, new RecordingLog());
    await first.enqueue(Array.from({ length: 6 }, () => ping()), 0);
    const second = new PingQueue(storage, LIMITS);
    await second.load();
    expect(second.takeUnreportedDrops()).toBe(1);
  });

  it('puts off failed pings with their own attempt count, and ignores ids it no longer holds', async () => {
    const queue = new PingQueue(memoryStorage(), LIMITS);
    const a = ping();
    const b = ping();
    await queue.enqueue([a, b], 0);
    await queue.retryLater([a.docId, 'gone'], (attempts) => attempts * 1000, 50);
    await queue.retryLater([a.docId], (attempts) => attempts * 1000, 60);
    expect(queue.list()[0]).toMatchObject({ attempts: 2, notBefore: 2060 });
    expect(queue.list()[1]).toMatchObject({ attempts: 0, notBefore: 0 });
  });

  it('purges all but essential pings', async () => {
    const queue = new PingQueue(memoryStorage(), LIMITS, new RecordingLog());
    const deletion = ping();
    await queue.enqueue(Array.from({ length: 7 }, () => ping()), 0);
    await queue.enqueue([deletion], 0, { essential: true });
    expect(await queue.purge()).toBe(4);
    expect(queue.list().map((e) => e.docId)).toEqual([deletion.docId]);
    expect(queue.takeUnreportedDrops()).toBe(0);
  });

  it('folds changes made during a write into the next write, and loses none', async () => {
    const inner = memoryStorage();
    let writes = 0;
    const counting: KeyValueStorage = { ...inner, set: async (key, value) => void (writes++, await inner.set(key, value)) };
    const queue = new PingQueue(counting, { maxCount: 100, maxBytes: 100_000, maxPingBytes: 2_000 });
    await queue.load();
    const pings = Array.from({ length: 20 }, () => ping());
    await Promise.all(pings.map((p) => queue.enqueue([p], 0)));
    expect(writes).toBeLessThan(20);
    const reloaded = new PingQueue(inner);
    await reloaded.load();
    expect(reloaded.size).toBe(20);
  });

  describe('with corrupt or failing storage', () => {
    it.each([
      ['a string', 'garbage'],
      ['an array', [1, 2, 3]],
      ['another version', { version: 2, entries: [] }],
      ['entries that are not a list', { version: 1, entries: 'nope' }],
    ])('starts empty when the stored queue is %s, with a clear error', async (_label, stored) => {
      const log = new RecordingLog();
      const queue = new PingQueue(memoryStorage({ [QUEUE_KEY]: stored }), LIMITS, log);
      await queue.load();
      expect(queue.size).toBe(0);
      expect(String(log.errors[0]?.[0])).toMatch(/stored queue is corrupt/);
      await queue.enqueue([ping()], 0);
      expect(queue.size).toBe(1);
    });

    it('keeps the valid entries and drops the corrupt ones', async () => {
      const storage = memoryStorage();
      const good = ping();
      await new PingQueue(storage, LIMITS).enqueue([good], 0);
      const record = storage.data[QUEUE_KEY] as { entries: unknown[] };
      record.entries.push(null, { docId: 'x' }, { ...(record.entries[0] as object), uri: 'https://evil.example/' });
      const log = new RecordingLog();
      const queue = new PingQueue(storage, LIMITS, log);
      await queue.load();
      expect(queue.list().map((e) => e.docId)).toEqual([good.docId]);
      expect(String(log.errors[0]?.[0])).toMatch(/dropped 3 corrupt queue entries/);
    });

    it('logs and carries on in memory when storage cannot be read or written', async () => {
      const log = new RecordingLog();
      const broken: KeyValueStorage = {
        get: async () => {
          throw new Error('read failed');
        },
        set: async () => {
          throw new Error('quota');
        },
        remove: async () => undefined,
        onChanged: () => undefined,
      };
      const queue = new PingQueue(broken, LIMITS, log);
      await queue.enqueue([ping()], 0);
      expect(queue.size).toBe(1);
      expect(log.errors.map((e) => String(e[0]))).toEqual([
        expect.stringMatching(/could not read the stored queue/),
        expect.stringMatching(/could not save telemetry.queue/),
      ]);
    });
  });
});
