/**
 * GET /api/summary: everything the dashboard draws, computed server-side so the
 * page stays a thin renderer. Counts combine raw documents with the retention
 * roll-ups; distributions cover the raw window (the roll-ups keep only percentiles).
 */
import type { CollectorContext } from './context';
import { HttpError } from './http';
import { recentErrors, type ErrorView } from './readApi';
import { percentile } from './retention';
import type { TelemetryStore } from './storage';

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

/** How many of the ascending values are in [from, to); binary search, no copy. */
function countBetween(sorted: readonly number[], from: number, to: number | null): number {
  return (to === null ? sorted.length : firstAtLeast(sorted, to)) - firstAtLeast(sorted, from);
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Percentiles and bin counts of ascending, finite, non-negative values. */
function distributionOfSorted(kept: readonly number[], bins: Array<[string, number, number | null]>): Distribution {
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
      count: countBetween(kept, from, to),
    })),
  };
}

/** What one stored document adds to the summary. */
export interface SummaryDocument {
  day: string;
  namespace: string;
  docType: string;
  event: string | null;
  source: string | null;
  actionPosition: number | null;
  sessionDuration: number | null;
  firstPaint: number | null;
}

/** The summary's figures over raw documents, kept up to date as documents are stored. */
interface LiveFigures {
  perDay: Map<string, { day: string; namespace: string; doc_type: string; count: number }>;
  total: number;
  sessions: number;
  clicks: Map<number, number>;
  durations: number[];
  paints: number[];
  sorted: boolean;
}

const isTopSitesClick = (doc: Pick<SummaryDocument, 'namespace' | 'docType' | 'event' | 'source' | 'actionPosition'>) =>
  doc.namespace === 'activity-stream' && doc.docType === 'events' && doc.event === 'CLICK' && doc.source === 'TOP_SITES' && doc.actionPosition !== null;
const isSession = (doc: Pick<SummaryDocument, 'namespace' | 'docType'>) => doc.namespace === 'activity-stream' && doc.docType === 'sessions';
const isMeasure = (v: number | null): v is number => v !== null && Number.isFinite(v) && v >= 0;

/**
 * /api/summary without scanning the raw documents on every call: the raw figures are
 * loaded once (at the first call, and again after a deletion or retention removed
 * documents), then every stored document is added as it is committed. A call then
 * costs a sort of the already nearly sorted measures plus a few small roll-up queries.
 */
export class SummaryCache {
  private live: LiveFigures | null = null;

  constructor(private readonly store: TelemetryStore) {}

  /** Documents just committed. */
  recordStored(docs: readonly SummaryDocument[]): void {
    const live = this.live;
    if (!live) return;
    for (const doc of docs) {
      const key = `${doc.day}\u0000${doc.namespace}\u0000${doc.docType}`;
      const entry = live.perDay.get(key);
      if (entry) entry.count++;
      else live.perDay.set(key, { day: doc.day, namespace: doc.namespace, doc_type: doc.docType, count: 1 });
      live.total++;
      if (isSession(doc)) {
        live.sessions++;
        if (isMeasure(doc.sessionDuration)) live.durations.push(doc.sessionDuration);
        if (isMeasure(doc.firstPaint)) live.paints.push(doc.firstPaint);
        live.sorted = false;
      }
      if (isTopSitesClick(doc)) live.clicks.set(doc.actionPosition as number, (live.clicks.get(doc.actionPosition as number) ?? 0) + 1);
    }
  }

  /** Raw documents were removed (deletion request, retention): load again at the next call. */
  invalidate(): void {
    this.live = null;
  }

  build(nowMs: number, retentionDays: number): DashboardSummary {
    const live = this.figures();
    const rollups = this.store.summaryRollups();
    const perDay = new Map<string, { day: string; namespace: string; doc_type: string; count: number }>();
    for (const row of [...live.perDay.values(), ...rollups.perDay]) {
      const key = `${row.day}\u0000${row.namespace}\u0000${row.doc_type}`;
      const entry = perDay.get(key);
      if (entry) entry.count += row.count;
      else perDay.set(key, { ...row });
    }
    const clicks = new Map(live.clicks);
    for (const row of rollups.clicks) clicks.set(row.position, (clicks.get(row.position) ?? 0) + row.clicks);
    const sessions = live.sessions + rollups.sessions;
    const counters = this.store.summaryCounters();
    return {
      generated_at: new Date(nowMs).toISOString(),
      retention_days: retentionDays,
      totals: {
        documents: live.total,
        duplicates: counters.duplicates,
        errors: counters.errors,
        deletions: counters.deletions,
        aggregated_documents: rollups.aggregatedDocuments,
      },
      documents_per_day: [...perDay.values()].sort(
        (a, b) => compare(a.day, b.day) || compare(a.namespace, b.namespace) || compare(a.doc_type, b.doc_type),
      ),
      top_sites_clicks: {
        sessions,
        positions: [...clicks.entries()]
          .sort(([a], [b]) => a - b)
          .map(([position, n]) => ({ position, clicks: n, ctr: sessions > 0 ? n / sessions : null })),
      },
      session_duration: distributionOfSorted(live.durations, SESSION_DURATION_BINS),
      first_paint: distributionOfSorted(live.paints, FIRST_PAINT_BINS),
      recent_errors: recentErrors(this.store, 20),
    };
  }

  private figures(): LiveFigures {
    if (!this.live) this.live = this.load();
    if (!this.live.sorted) {
      this.live.durations.sort((a, b) => a - b);
      this.live.paints.sort((a, b) => a - b);
      this.live.sorted = true;
    }
    return this.live;
  }

  private load(): LiveFigures {
    const raw = this.store.rawSummaryFigures();
    const perDay = new Map(raw.perDay.map((row) => [`${row.day}\u0000${row.namespace}\u0000${row.doc_type}`, { ...row }]));
    return {
      perDay,
      total: raw.perDay.reduce((sum, row) => sum + row.count, 0),
      sessions: raw.perDay.filter((row) => isSession({ namespace: row.namespace, docType: row.doc_type })).reduce((sum, row) => sum + row.count, 0),
      clicks: new Map(raw.clicks.map((row) => [row.position, row.clicks])),
      durations: raw.sessionDurations.filter(isMeasure),
      paints: raw.firstPaints.filter(isMeasure),
      sorted: false,
    };
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** GET /api/summary (no parameters). */
export function summaryRoute(ctx: CollectorContext, params: URLSearchParams): DashboardSummary {
  if ([...params.keys()].length > 0) throw new HttpError(400, ['/api/summary takes no parameters']);
  return ctx.summary.build(ctx.now(), ctx.retentionDays);
}
