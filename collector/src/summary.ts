/**
 * GET /api/summary: everything the dashboard draws, computed server-side so the
 * page stays a thin renderer. Counts combine raw documents with the retention
 * roll-ups; distributions cover the raw window (the roll-ups keep only percentiles).
 */
import type { TelemetryStore } from './storage';
import { queryCounts, queryErrors, type ErrorView } from './readApi';
import { firstPaintMs, percentile } from './retention';

export interface HistogramBin {
  label: string;
  /** Inclusive lower bound, ms. */
  from: number;
  /** Exclusive upper bound, ms; null = open-ended. */
  to: number | null;
  count: number;
}

export interface Distribution {
  unit: 'ms';
  n: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  bins: HistogramBin[];
}

export interface DashboardSummary {
  generated_at: string;
  retention_days: number;
  totals: { documents: number; duplicates: number; errors: number; deletions: number; aggregated_documents: number };
  documents_per_day: Array<{ day: string; namespace: string; doc_type: string; count: number }>;
  top_sites_clicks: { sessions: number; positions: Array<{ position: number; clicks: number; ctr: number | null }> };
  session_duration: Distribution;
  first_paint: Distribution;
  recent_errors: ErrorView[];
}

/** Fixed, roughly logarithmic bins (like Telemetry's exponential histograms) so charts compare across days. */
const SESSION_DURATION_BINS: Array<[string, number, number | null]> = [
  ['< 1 s', 0, 1_000],
  ['1–5 s', 1_000, 5_000],
  ['5–15 s', 5_000, 15_000],
  ['15–30 s', 15_000, 30_000],
  ['30–60 s', 30_000, 60_000],
  ['1–5 min', 60_000, 300_000],
  ['≥ 5 min', 300_000, null],
];

const FIRST_PAINT_BINS: Array<[string, number, number | null]> = [
  ['< 50 ms', 0, 50],
  ['50–100 ms', 50, 100],
  ['100–200 ms', 100, 200],
  ['200–500 ms', 200, 500],
  ['0.5–1 s', 500, 1_000],
  ['≥ 1 s', 1_000, null],
];

export function distribution(values: number[], bins: Array<[string, number, number | null]>): Distribution {
  const kept = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  return {
    unit: 'ms',
    n: kept.length,
    p50: kept.length ? percentile(kept, 50) : null,
    p90: kept.length ? percentile(kept, 90) : null,
    p99: kept.length ? percentile(kept, 99) : null,
    bins: bins.map(([label, from, to]) => ({
      label,
      from,
      to,
      count: kept.filter((v) => v >= from && (to === null || v < to)).length,
    })),
  };
}

const TOP_SITES_CLICK = `namespace = 'activity-stream' AND doc_type = 'events' AND event = 'CLICK'
  AND source = 'TOP_SITES' AND action_position IS NOT NULL`;
const SESSIONS = `namespace = 'activity-stream' AND doc_type = 'sessions'`;

export function buildSummary(store: TelemetryStore, nowMs: number, retentionDays: number): DashboardSummary {
  const { db } = store;
  const counts = queryCounts(store);

  const documentsPerDay = db
    .prepare(
      `SELECT day, namespace, doc_type, sum(count) AS count FROM (
         SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, count(*) AS count
           FROM documents GROUP BY day, namespace, doc_type
         UNION ALL
         SELECT day, namespace, doc_type, sum(count) FROM daily_counts GROUP BY day, namespace, doc_type)
       GROUP BY day, namespace, doc_type ORDER BY day, namespace, doc_type`,
    )
    .all() as DashboardSummary['documents_per_day'];

  const sessions = (
    db
      .prepare(
        `SELECT (SELECT count(*) FROM documents WHERE ${SESSIONS})
              + (SELECT coalesce(sum(count), 0) FROM daily_counts WHERE ${SESSIONS}) AS n`,
      )
      .get() as { n: number }
  ).n;
  const clicks = db
    .prepare(
      `SELECT position, sum(clicks) AS clicks FROM (
         SELECT action_position AS position, count(*) AS clicks FROM documents WHERE ${TOP_SITES_CLICK} GROUP BY action_position
         UNION ALL
         SELECT action_position, sum(count) FROM daily_counts WHERE ${TOP_SITES_CLICK} GROUP BY action_position)
       GROUP BY position ORDER BY position`,
    )
    .all() as Array<{ position: number; clicks: number }>;

  const metricRows = db
    .prepare(
      `SELECT json_extract(payload, '$.session_duration') AS duration,
              json_extract(payload, '$.perf.topsites_first_painted_ts') AS painted,
              json_extract(payload, '$.perf.visibility_event_rcvd_ts') AS visible
         FROM documents WHERE ${SESSIONS} AND json_valid(payload)`,
    )
    .all() as Array<{ duration: unknown; painted: unknown; visible: unknown }>;
  const durations = metricRows.flatMap((row) => (typeof row.duration === 'number' ? [row.duration] : []));
  const paints = metricRows.flatMap((row) => {
    const value = firstPaintMs(row.painted, row.visible);
    return value === null ? [] : [value];
  });

  return {
    generated_at: new Date(nowMs).toISOString(),
    retention_days: retentionDays,
    totals: {
      documents: counts.total,
      duplicates: counts.duplicates,
      errors: counts.errors,
      deletions: counts.deletions.requests,
      aggregated_documents: counts.aggregated_documents,
    },
    documents_per_day: documentsPerDay,
    top_sites_clicks: {
      sessions,
      positions: clicks.map(({ position, clicks: n }) => ({ position, clicks: n, ctr: sessions > 0 ? n / sessions : null })),
    },
    session_duration: distribution(durations, SESSION_DURATION_BINS),
    first_paint: distribution(paints, FIRST_PAINT_BINS),
    recent_errors: queryErrors(store, new URLSearchParams(), 20).errors,
  };
}
