/**
 * Retention as the seed document promises: raw documents are kept N days, then rolled
 * up into anonymous daily aggregates and deleted.
 *
 * Whole UTC days are rolled up at once (everything before the start of the day N days
 * ago), so a day's percentiles are computed from all of its documents, and raw data
 * is always kept at least N days (at most N + 1).
 */
import type { Store } from './store/types';

export { DISTRIBUTION_METRICS, percentile } from './store/rollup';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionReport {
  /** Documents submitted before this instant were rolled up and deleted. */
  cutoff: string;
  days: string[];
  documentsRolledUp: number;
  errorsRolledUp: number;
}

export function retentionCutoff(nowMs: number, retentionDays: number): string {
  const startOfToday = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return new Date(startOfToday - retentionDays * DAY_MS).toISOString();
}

/** first paint = topsites_first_painted_ts − visibility_event_rcvd_ts, when both are numbers. */
export function firstPaintMs(painted: unknown, visible: unknown): number | null {
  if (typeof painted !== 'number' || typeof visible !== 'number') return null;
  return painted - visible;
}

/**
 * Rolls up and deletes whole UTC days older than the cutoff, oldest first, one day per
 * transaction, so no single transaction holds the database for long. Yields after each day.
 */
export async function* retentionSteps(store: Store, nowMs: number, retentionDays: number): AsyncGenerator<string, RetentionReport> {
  const cutoff = retentionCutoff(nowMs, retentionDays);
  const report: RetentionReport = { cutoff, days: [], documentsRolledUp: 0, errorsRolledUp: 0 };
  for (let day = await store.oldestDayBefore(cutoff); day !== null; day = await store.oldestDayBefore(cutoff)) {
    const from = `${day}T00:00:00.000Z`;
    const to = new Date(Date.parse(from) + DAY_MS).toISOString();
    const rolled = await store.rollUp(from, to < cutoff ? to : cutoff);
    report.days.push(day);
    report.documentsRolledUp += rolled.documents;
    report.errorsRolledUp += rolled.errors;
    // Nothing left in that day means the next lookup would find it again: stop rather than spin.
    if (rolled.documents + rolled.errors === 0) break;
    yield day;
  }
  return report;
}

/**
 * Runs retention to the end, calling afterDay after each day rolled up. Replicas all
 * schedule it; the store lets one run at a time, and the others find nothing left to do
 * (their report is empty).
 */
export async function runRetention(
  store: Store,
  nowMs: number,
  retentionDays: number,
  afterDay: (day: string) => void = () => {},
): Promise<RetentionReport> {
  const report = await store.exclusively('retention', async () => {
    const steps = retentionSteps(store, nowMs, retentionDays);
    for (;;) {
      const step = await steps.next();
      if (step.done) return step.value;
      afterDay(step.value);
      // Lets requests in between days (SQLite's calls complete without giving up the event loop).
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  return report ?? { cutoff: retentionCutoff(nowMs, retentionDays), days: [], documentsRolledUp: 0, errorsRolledUp: 0 };
}

/** Milliseconds from `nowMs` to the next UTC midnight. */
export function msUntilUtcMidnight(nowMs: number): number {
  return (Math.floor(nowMs / DAY_MS) + 1) * DAY_MS - nowMs;
}

/**
 * Runs `task` just after every UTC midnight of the collector's clock (when days roll over),
 * or every intervalMs when given (tests), without keeping the process alive. Returns a stop function.
 */
export function scheduleRetention(task: () => Promise<void>, now: () => number, intervalMs?: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    // A second past midnight, so the run lands in the new day even with a slightly early timer.
    timer = setTimeout(() => void task().finally(arm), intervalMs ?? msUntilUtcMidnight(now()) + 1000);
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
