// Exponential backoff with "equal jitter": half the delay is fixed, half is
// random, so clients that failed together do not retry together, yet a retry
// never comes sooner than half the nominal delay.

export interface BackoffPolicy {
  /** Nominal delay after the first failure. */
  baseMs: number;
  /** Cap on the nominal delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay before retry number `failures` (1 = after the first failure); `random` returns [0, 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
