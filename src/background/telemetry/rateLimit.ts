// A sliding-window limit on requests the collector answers (Glean uploads at
// most 40 pings a minute, each carrying many events; a batch of ours is the
// same kind of upload). Excess waits for a free slot; nothing is dropped.
// With edge transport every document is a request, so documents are limited.

export interface RateLimitPolicy {
  maxRequests: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { maxRequests: 40, windowMs: 60_000 };

export class RateLimiter {
  /** Send times, one per request, oldest first. */
  private sent: number[];

  constructor(
    private readonly policy: RateLimitPolicy,
    sent: readonly number[] = [],
  ) {
    this.sent = [...sent];
  }

  /** How many requests may go out at `now`. */
  available(now: number): number {
    this.forget(now);
    return Math.max(0, this.policy.maxRequests - this.sent.length);
  }

  record(now: number): void {
    this.sent.push(now);
  }

  /** When the next slot frees up; `now` when one is free already. */
  nextSlotAt(now: number): number {
    if (this.available(now) > 0) return now;
    const excess = this.sent.length - this.policy.maxRequests;
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
