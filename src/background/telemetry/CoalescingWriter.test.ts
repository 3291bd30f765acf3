import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../storage';
import { CoalescingWriter } from './CoalescingWriter';

/** A storage whose writes finish only when the test says so. */
function gatedStorage() {
  const storage = memoryStorage();
  const pending: Array<() => void> = [];
  const set = vi.fn((key: string, value: unknown) => new Promise<void>((done) => pending.push(() => void storage.set(key, value).then(done))));
  return { storage: { ...storage, set }, data: storage.data, set, finishWrite: () => pending.shift()!() };
}

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('CoalescingWriter', () => {
  it('folds changes made during a write into one more write, and every caller sees its change saved', async () => {
    const { storage, data, set, finishWrite } = gatedStorage();
    let value = 1;
    const writer = new CoalescingWriter(storage, 'k', () => value);
    const first = writer.write();
    value = 2;
    const second = writer.write();
    value = 3;
    const third = writer.write();
    finishWrite();
    await ticks(10);
    expect(set).toHaveBeenCalledTimes(2);
    finishWrite();
    await Promise.all([first, second, third]);
    expect(data.k).toBe(3);
    expect(set).toHaveBeenCalledTimes(2);
  });

  it('never drops a change made in the moment a write finishes', async () => {
    // Whatever microtask the change lands in, a write that includes it follows.
    for (let delay = 0; delay < 8; delay++) {
      const { storage, data, finishWrite } = gatedStorage();
      let value = 'old';
      const writer = new CoalescingWriter(storage, 'k', () => value);
      void writer.write();
      finishWrite();
      await ticks(delay);
      value = `new after ${delay} ticks`;
      const saved = writer.write();
      await ticks(10);
      if (data.k !== value) finishWrite();
      await saved;
      expect(data.k).toBe(value);
    }
  });

  it('logs a failed write and goes on', async () => {
    const storage = { ...memoryStorage(), set: vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined) };
    const log = { error: vi.fn() };
    const writer = new CoalescingWriter(storage, 'k', () => 1, log);
    await writer.write();
    expect(log.error).toHaveBeenCalledWith('could not save k; it stays in memory only', expect.any(Error));
    await writer.write();
    expect(storage.set).toHaveBeenCalledTimes(2);
  });

  it('settled() waits for writes asked for while it waits', async () => {
    const { storage, data, finishWrite } = gatedStorage();
    let value = 1;
    const writer = new CoalescingWriter(storage, 'k', () => value);
    void writer.write();
    let done = false;
    const settled = writer.settled().then(() => (done = true));
    value = 2;
    void writer.write();
    finishWrite();
    await ticks(10);
    expect(done).toBe(false);
    finishWrite();
    await settled;
    expect(data.k).toBe(2);
  });
});
