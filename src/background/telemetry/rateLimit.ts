// A sliding-window limit on documents the collector takes in (Glean sends at
// most 40 pings a minute). Excess waits for a free slot; nothing is dropped.

export interface RateLimitPolicy {
  maxDocuments: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { maxDocuments: 40, windowMs: 60_000 };

export class RateLimiter {
  /** Send times, one per document, oldest first. */
  private sent: number[];

  constructor(
    private readonly policy: RateLimitPolicy,
    sent: readonly number[] = [],
  ) {
    this.sent = [...sent];
  }

  /** How many documents may go out at `now`. */
  available(now: number): number {
    this.forget(now);
    return Math.max(0, this.policy.maxDocuments - this.sent.length);
  }

  record(now: number, documents: number): void {
    for (let i = 0; i < documents; i++) this.sent.push(now);
  }

  /** When the next slot frees up; `now` when one is free already. */
  nextSlotAt(now: number): number {
    if (this.available(now) > 0) return now;
    const excess = this.sent.length - this.policy.maxDocuments;
    return this.sent[excess]! + this.policy.windowMs;
  }

  /** For persistence across background restarts. */
  snapshot(): number[] {
    return [...this.sent];
  }

  private forget(now: number): void {
    const cutoff = now - this.policy.windowMs;
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop]! <= cutoff) drop++;
    if (drop > 0) this.sent = this.sent.slice(drop);
  }
}
