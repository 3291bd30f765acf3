/**
 * Retention as the seed document promises: raw documents are kept N days, then rolled
 * up into anonymous daily aggregates and deleted.
 *
 * Whole UTC days are rolled up at once (everything before the start of the day N days
 * ago), so a day's percentiles are computed from all of its documents, and raw data
 * is always kept at least N days (at most N + 1).
 */
import { countsInMessagingView } from './messagingSummary';
import { messagingGroupsSql, type MessagingGroup, type TelemetryStore } from './storage';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionReport {
  /** Documents submitted before this instant were rolled up and deleted. */
  cutoff: string;
  days: string[];
  documentsRolledUp: number;
  errorsRolledUp: number;
}

export const DISTRIBUTION_METRICS = {
  sessionDuration: 'session_duration_ms',
  firstPaint: 'topsites_first_paint_ms',
} as const;

export function retentionCutoff(nowMs: number, retentionDays: number): string {
  const startOfToday = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return new Date(startOfToday - retentionDays * DAY_MS).toISOString();
}

/** Nearest-rank percentile of an ascending-sorted, non-empty list. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** first paint = topsites_first_painted_ts − visibility_event_rcvd_ts, when both are numbers. */
export function firstPaintMs(painted: unknown, visible: unknown): number | null {
  if (typeof painted !== 'number' || typeof visible !== 'number') return null;
  return painted - visible;
}

interface CountGroup {
  day: string;
  namespace: string;
  doc_type: string;
  event: string | null;
  source: string | null;
  action_position: number | null;
  page: string | null;
  count: number;
}

interface MetricRow {
  day: string;
  namespace: string;
  doc_type: string;
  duration: unknown;
  painted: unknown;
  visible: unknown;
}

/**
 * Rolls up and deletes whole UTC days older than the cutoff, oldest first, one day per
 * transaction, so no single transaction holds the database for long. Yields after each
 * day; runRetention drains it at once, the scheduled run lets requests in between.
 */
export function* retentionSteps(store: TelemetryStore, nowMs: number, retentionDays: number): Generator<string, RetentionReport> {
  const cutoff = retentionCutoff(nowMs, retentionDays);
  const report: RetentionReport = { cutoff, days: [], documentsRolledUp: 0, errorsRolledUp: 0 };
  for (let day = store.oldestDayBefore(cutoff); day !== null; day = store.oldestDayBefore(cutoff)) {
    const from = `${day}T00:00:00.000Z`;
    const to = new Date(Date.parse(from) + DAY_MS).toISOString();
    const rolled = store.transaction(() => rollUpRange(store, from, to < cutoff ? to : cutoff));
    report.days.push(day);
    report.documentsRolledUp += rolled.documents;
    report.errorsRolledUp += rolled.errors;
    // Nothing left in that day means the next lookup would find it again: stop rather than spin.
    if (rolled.documents + rolled.errors === 0) break;
    yield day;
  }
  return report;
}

export function runRetention(
  store: TelemetryStore,
  nowMs: number,
  retentionDays: number,
  afterDay: (day: string) => void = () => {},
): RetentionReport {
  const steps = retentionSteps(store, nowMs, retentionDays);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    afterDay(step.value);
  }
}

/** Like runRetention, but gives the event loop a turn after each day (and calls afterDay with it first). */
export async function runRetentionInTurns(
  store: TelemetryStore,
  nowMs: number,
  retentionDays: number,
  afterDay: (day: string) => void,
): Promise<RetentionReport> {
  const steps = retentionSteps(store, nowMs, retentionDays);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    afterDay(step.value);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Rolls up and deletes the rows submitted in [from, to). Call inside a transaction. */
function rollUpRange(store: TelemetryStore, from: string, to: string): { documents: number; errors: number } {
  const { db } = store;
  const groups = db
    .prepare(
      `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, event, source, action_position, page,
              count(*) AS count
         FROM documents WHERE submission_timestamp >= ? AND submission_timestamp < ?
        GROUP BY day, namespace, doc_type, event, source, action_position, page`,
    )
    .all(from, to) as CountGroup[];
  // NULLs never conflict in a UNIQUE index, so merge with UPDATE ... IS ? and insert when nothing matched.
  const addToCount = db.prepare(
    `UPDATE daily_counts SET count = count + @count
      WHERE day = @day AND namespace = @namespace AND doc_type = @doc_type AND event IS @event
        AND source IS @source AND action_position IS @action_position AND page IS @page`,
  );
  const insertCount = db.prepare(
    `INSERT INTO daily_counts (day, namespace, doc_type, event, source, action_position, page, count)
     VALUES (@day, @namespace, @doc_type, @event, @source, @action_position, @page, @count)`,
  );
  for (const group of groups) {
    if (addToCount.run(group).changes === 0) insertCount.run(group);
  }

  rollUpDistributions(store, from, to);
  rollUpMessaging(store, from, to);

  const errorGroups = db
    .prepare(
      `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, count(*) AS count
         FROM errors WHERE submission_timestamp >= ? AND submission_timestamp < ? GROUP BY day, namespace, doc_type`,
    )
    .all(from, to) as Array<{ day: string; namespace: string; doc_type: string; count: number }>;
  const upsertErrorCount = db.prepare(
    `INSERT INTO daily_error_counts (day, namespace, doc_type, count) VALUES (@day, @namespace, @doc_type, @count)
     ON CONFLICT (day, namespace, doc_type) DO UPDATE SET count = count + excluded.count`,
  );
  for (const group of errorGroups) upsertErrorCount.run(group);

  return store.deleteSubmittedBetween(from, to);
}

/** The messaging view's counts (see messagingSummary.ts), merged like daily_counts. */
function rollUpMessaging(store: TelemetryStore, from: string, to: string): void {
  const groups = (store.db.prepare(messagingGroupsSql('submission_timestamp >= ? AND submission_timestamp < ?')).all(from, to) as MessagingGroup[])
    .filter((group) => countsInMessagingView({ namespace: group.namespace, docType: group.doc_type, event: group.event, messageId: group.message_id, eventContext: group.context }));
  const addToCount = store.db.prepare(
    `UPDATE daily_messaging_counts SET count = count + @count
      WHERE day = @day AND doc_type = @doc_type AND message_id IS @message_id AND event IS @event AND context IS @context`,
  );
  const insertCount = store.db.prepare(
    `INSERT INTO daily_messaging_counts (day, doc_type, message_id, event, context, count)
     VALUES (@day, @doc_type, @message_id, @event, @context, @count)`,
  );
  for (const { namespace: _namespace, ...group } of groups) {
    if (addToCount.run(group).changes === 0) insertCount.run(group);
  }
}

function rollUpDistributions(store: TelemetryStore, from: string, to: string): void {
  const rows = store.db
    .prepare(
      `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type,
              json_extract(payload, '$.session_duration') AS duration,
              json_extract(payload, '$.perf.topsites_first_painted_ts') AS painted,
              json_extract(payload, '$.perf.visibility_event_rcvd_ts') AS visible
         FROM documents
        WHERE submission_timestamp >= ? AND submission_timestamp < ? AND json_valid(payload)
          AND (json_type(payload, '$.session_duration') IN ('integer', 'real')
               OR json_type(payload, '$.perf.topsites_first_painted_ts') IN ('integer', 'real'))`,
    )
    .all(from, to) as MetricRow[];

  const series = new Map<string, { day: string; namespace: string; doc_type: string; metric: string; values: number[] }>();
  const add = (row: MetricRow, metric: string, value: number) => {
    const key = `${row.day}\u0000${row.namespace}\u0000${row.doc_type}\u0000${metric}`;
    let entry = series.get(key);
    if (!entry) {
      entry = { day: row.day, namespace: row.namespace, doc_type: row.doc_type, metric, values: [] };
      series.set(key, entry);
    }
    entry.values.push(value);
  };
  for (const row of rows) {
    if (typeof row.duration === 'number') add(row, DISTRIBUTION_METRICS.sessionDuration, row.duration);
    const paint = firstPaintMs(row.painted, row.visible);
    if (paint !== null) add(row, DISTRIBUTION_METRICS.firstPaint, paint);
  }

  // A day is normally rolled up once; if it is met again (clock moved back), merge with an n-weighted mean.
  const upsert = store.db.prepare(
    `INSERT INTO daily_distributions (day, namespace, doc_type, metric, n, p50, p90, p99)
     VALUES (@day, @namespace, @doc_type, @metric, @n, @p50, @p90, @p99)
     ON CONFLICT (day, namespace, doc_type, metric) DO UPDATE SET
       n = n + excluded.n,
       p50 = (p50 * n + excluded.p50 * excluded.n) / (n + excluded.n),
       p90 = (p90 * n + excluded.p90 * excluded.n) / (n + excluded.n),
       p99 = (p99 * n + excluded.p99 * excluded.n) / (n + excluded.n)`,
  );
  for (const entry of series.values()) {
    const sorted = entry.values.sort((a, b) => a - b);
    upsert.run({
      day: entry.day,
      namespace: entry.namespace,
      doc_type: entry.doc_type,
      metric: entry.metric,
      n: sorted.length,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
    });
  }
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
