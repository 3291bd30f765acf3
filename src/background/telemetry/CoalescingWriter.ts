// Saves a value under one storage key, one write at a time: changes made
// while a write is in flight are folded into the next write, and every caller
// resolves after a write that includes its change. A failed write is logged,
// never thrown: telemetry must not break the page for a full disk.
import { coalesce } from '../coalesce';
import type { KeyValueStorage } from '../storage';

export class CoalescingWriter {
  private latest: Promise<void> = Promise.resolve();
  private readonly save: () => Promise<void>;

  constructor(storage: KeyValueStorage, key: string, snapshot: () => unknown, log: Pick<Console, 'error'> = console) {
    this.save = coalesce(async () => {
      try {
        await storage.set(key, snapshot());
      } catch (error) {
        log.error(`could not save ${key}; it stays in memory only`, error);
      }
    });
  }

  write(): Promise<void> {
    this.latest = this.save();
    return this.latest;
  }

  /** Resolves when no write is pending. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.latest;
      await seen;
    } while (seen !== this.latest);
  }
}
