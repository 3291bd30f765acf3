// Saves a value under one storage key, one write at a time: changes made
// while a write is in flight are folded into the next write, and every caller
// resolves after a write that includes its change. A failed write is logged,
// never thrown: telemetry must not break the page for a full disk.
import type { KeyValueStorage } from '../storage';

export class CoalescingWriter {
  private writing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly snapshot: () => unknown,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  write(): Promise<void> {
    if (this.writing) {
      this.again = true;
      return this.writing;
    }
    this.writing = this.loop().finally(() => (this.writing = null));
    return this.writing;
  }

  /** Resolves when no write is pending. */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.storage.set(this.key, this.snapshot());
      } catch (error) {
        this.log.error(`could not save ${this.key}; it stays in memory only`, error);
      }
    } while (this.again);
  }
}
