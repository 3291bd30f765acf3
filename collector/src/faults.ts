/**
 * Fault injection for client retry tests: a share of /submit and /submit-batch
 * requests is delayed, answered 503 or 413, or has its connection dropped.
 * A seeded RNG makes a given sequence of requests fail the same way every run.
 */

export interface FaultSettings {
  /** Share (0..1) of requests answered 503. */
  error5xx: number;
  /** Share (0..1) of requests answered 413. */
  error413: number;
  /** Milliseconds added before every answer. */
  latencyMs: number;
  /** Share (0..1) of requests whose socket is destroyed without an answer. */
  drop: number;
  /** When true, a dropped request is stored first (the client never learns it succeeded). */
  dropAfterStore: boolean;
  /** Share (0..1) of documents inside a batch answered 503 individually. */
  documentError5xx: number;
  /** RNG seed; setting faults restarts the sequence. */
  seed: number;
}

export const NO_FAULTS: FaultSettings = Object.freeze({
  error5xx: 0,
  error413: 0,
  latencyMs: 0,
  drop: 0,
  dropAfterStore: false,
  documentError5xx: 0,
  seed: 1,
});

export type FaultDecision = 'none' | 'drop' | 'error5xx' | 'error413';

const SHARES = ['error5xx', 'error413', 'drop', 'documentError5xx'] as const;
const KNOWN = new Set<string>([...SHARES, 'latencyMs', 'dropAfterStore', 'seed']);
const MAX_LATENCY_MS = 120_000;

/** Validates a JSON value; missing fields take their no-fault value. */
export function parseFaults(input: unknown): { ok: true; faults: FaultSettings } | { ok: false; errors: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['faults must be a JSON object'] };
  }
  const record = input as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(record)) if (!KNOWN.has(key)) errors.push(`unknown field ${key}`);
  const faults: FaultSettings = { ...NO_FAULTS };
  for (const key of SHARES) {
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) errors.push(`${key} must be a number from 0 to 1`);
    else faults[key] = value;
  }
  if (record.latencyMs !== undefined) {
    const value = record.latencyMs;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_LATENCY_MS) {
      errors.push(`latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}`);
    } else faults.latencyMs = value;
  }
  if (record.dropAfterStore !== undefined) {
    if (typeof record.dropAfterStore !== 'boolean') errors.push('dropAfterStore must be a boolean');
    else faults.dropAfterStore = record.dropAfterStore;
  }
  if (record.seed !== undefined) {
    if (typeof record.seed !== 'number' || !Number.isInteger(record.seed)) errors.push('seed must be an integer');
    else faults.seed = record.seed;
  }
  if (faults.error5xx + faults.error413 + faults.drop > 1) errors.push('error5xx + error413 + drop must not exceed 1');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, faults };
}

/** mulberry32: tiny, fast, good enough for test traffic shaping. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private current: FaultSettings = NO_FAULTS;
  private random: () => number = seededRandom(NO_FAULTS.seed);

  constructor(initial?: FaultSettings) {
    if (initial) this.set(initial);
  }

  get settings(): FaultSettings {
    return this.current;
  }

  set(faults: FaultSettings): void {
    this.current = Object.freeze({ ...faults });
    this.random = seededRandom(faults.seed);
  }

  get active(): boolean {
    const f = this.current;
    return f.error5xx > 0 || f.error413 > 0 || f.drop > 0 || f.latencyMs > 0 || f.documentError5xx > 0;
  }

  /** One draw per request; the shares are laid end to end on [0, 1). */
  decideRequest(): FaultDecision {
    const f = this.current;
    if (f.drop === 0 && f.error5xx === 0 && f.error413 === 0) return 'none';
    const r = this.random();
    if (r < f.drop) return 'drop';
    if (r < f.drop + f.error5xx) return 'error5xx';
    if (r < f.drop + f.error5xx + f.error413) return 'error413';
    return 'none';
  }

  /** One draw per document of a batch. */
  failDocument(): boolean {
    return this.current.documentError5xx > 0 && this.random() < this.current.documentError5xx;
  }
}
