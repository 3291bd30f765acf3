/** Retention's roll-up arithmetic, shared by both engines so their aggregates are equal. */

export const DISTRIBUTION_METRICS = {
  sessionDuration: 'session_duration_ms',
  firstPaint: 'topsites_first_paint_ms',
} as const;

/** Nearest-rank percentile of an ascending-sorted, non-empty list. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** A raw document's measures, as the roll-up reads them. */
export interface MeasureRow {
  day: string;
  namespace: string;
  doc_type: string;
  session_duration: number | null;
  first_paint_ms: number | null;
}

export interface DistributionRow {
  day: string;
  namespace: string;
  doc_type: string;
  metric: string;
  n: number;
  p50: number;
  p90: number;
  p99: number;
}

/** One row per day, type and metric: count and percentiles of the measures. */
export function distributionRows(rows: readonly MeasureRow[]): DistributionRow[] {
  const series = new Map<string, { day: string; namespace: string; doc_type: string; metric: string; values: number[] }>();
  const add = (row: MeasureRow, metric: string, value: number) => {
    const key = `${row.day}\u0000${row.namespace}\u0000${row.doc_type}\u0000${metric}`;
    let entry = series.get(key);
    if (!entry) {
      entry = { day: row.day, namespace: row.namespace, doc_type: row.doc_type, metric, values: [] };
      series.set(key, entry);
    }
    entry.values.push(value);
  };
  for (const row of rows) {
    if (row.session_duration !== null) add(row, DISTRIBUTION_METRICS.sessionDuration, row.session_duration);
    if (row.first_paint_ms !== null) add(row, DISTRIBUTION_METRICS.firstPaint, row.first_paint_ms);
  }
  return [...series.values()].map((entry) => {
    const sorted = entry.values.sort((a, b) => a - b);
    return {
      day: entry.day,
      namespace: entry.namespace,
      doc_type: entry.doc_type,
      metric: entry.metric,
      n: sorted.length,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
    };
  });
}
