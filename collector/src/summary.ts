/**
 * GET /api/summary: everything the dashboard draws, computed server-side so the
 * page stays a thin renderer. Counts combine raw documents with the retention
 * roll-ups; distributions cover the raw window (the roll-ups keep only percentiles).
 */
import type { CollectorContext } from './context';
import { HttpError } from './http';
import {
  countsInMessagingView,
  messagingCountKey,
  parseMessagingCountKey,
  summarizeMessaging,
  type MessagingCount,
  type MessagingSummary,
} from './messagingSummary';
import { recentErrors, type ErrorView } from './readApi';
import { percentile } from './store/rollup';
import type { Store } from './store/types';

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
  /** Per message and surface outcomes, and the router's errors per day (raw plus roll-ups). */
  messaging: MessagingSummary;
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
function countBetween(sorted: ArrayLike<number>, from: number, to: number | null): number {
  return (to === null ? sorted.length : firstAtLeast(sorted, to)) - firstAtLeast(sorted, from);
}

function firstAtLeast(sorted: ArrayLike<number>, value: number): number {
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
function distributionOfSorted(kept: ArrayLike<number>, bins: Array<[string, number, number | null]>): Distribution {
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
  messageId: string | null;
  eventContext: string | null;
}

/** One UTC day's figures over raw documents. */
interface DayFigures {
  /** namespace NUL doc_type → documents. */
  counts: Map<string, number>;
  /** top-site click position → clicks. */
  clicks: Map<number, number>;
  durations: number[];
  paints: number[];
  /** messagingCountKey → documents. */
  messaging: Map<string, number>;
}

const isTopSitesClick = (doc: Pick<SummaryDocument, 'namespace' | 'docType' | 'event' | 'source' | 'actionPosition'>) =>
  doc.namespace === 'activity-stream' && doc.docType === 'events' && doc.event === 'CLICK' && doc.source === 'TOP_SITES' && doc.actionPosition !== null;
const isSession = (doc: Pick<SummaryDocument, 'namespace' | 'docType'>) => doc.namespace === 'activity-stream' && doc.docType === 'sessions';
const isMeasure = (v: number | null): v is number => v !== null && Number.isFinite(v) && v >= 0;
const SEPARATOR = '\u0000';

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

interface Measures<T> {
  durations: T;
  paints: T;
}

/** `sorted` with `added` merged in, ascending. */
function mergeSorted(sorted: Float64Array, added: number[]): Float64Array {
  if (added.length === 0) return sorted;
  added.sort((a, b) => a - b);
  const merged = new Float64Array(sorted.length + added.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) {
    merged[k] = j >= added.length || (i < sorted.length && (sorted[i] as number) <= (added[j] as number)) ? (sorted[i++] as number) : (added[j++] as number);
  }
  return merged;
}

function removeOne(values: number[], value: number): void {
  const at = values.indexOf(value);
  if (at !== -1) values.splice(at, 1);
}

/**
 * /api/summary without scanning the raw documents on every call. The raw figures are
 * read from the database once, per UTC day; after that every committed document is
 * added, every deleted one taken away, and a day rolled up by retention dropped, so
 * nothing is read again. A call costs a sort of the measures (only when they changed)
 * and a few queries over the small roll-up tables.
 *
 * A shared store (replicas over PostgreSQL) is written by other processes too, so there
 * every call reads the raw figures again: each replica's dashboard shows all of them.
 */
export class SummaryCache {
  private days: Map<string, DayFigures> | null = null;
  /** All measures, ascending; null when they must be gathered again (after a removal). */
  private sorted: Measures<Float64Array> | null = null;
  /** Measures added since `sorted` was last brought up to date. */
  private pending: Measures<number[]> = { durations: [], paints: [] };

  constructor(private readonly store: Store) {}

  /** Reads the figures now (at start, so the first dashboard call does not pay for it). */
  async load(): Promise<void> {
    const raw = await this.store.rawSummaryFigures();
    this.days = new Map();
    this.sorted = null;
    this.pending = { durations: [], paints: [] };
    for (const row of raw.perDay) this.day(row.day).counts.set(`${row.namespace}${SEPARATOR}${row.doc_type}`, row.count);
    for (const row of raw.clicks) this.day(row.day).clicks.set(row.position, row.clicks);
    for (const row of raw.measures) {
      const figures = this.day(row.day);
      if (isMeasure(row.session_duration)) figures.durations.push(row.session_duration);
      if (isMeasure(row.first_paint_ms)) figures.paints.push(row.first_paint_ms);
    }
    for (const row of raw.messaging) {
      this.day(row.day).messaging.set(messagingCountKey(row.doc_type, row.message_id, row.event, row.context), row.count);
    }
  }

  /** Documents just committed (by = 1), or just deleted (by = -1). */
  record(docs: readonly SummaryDocument[], by: 1 | -1): void {
    if (!this.days) return;
    for (const doc of docs) {
      const figures = this.day(doc.day);
      bump(figures.counts, `${doc.namespace}${SEPARATOR}${doc.docType}`, by);
      if (isTopSitesClick(doc)) bump(figures.clicks, doc.actionPosition as number, by);
      if (countsInMessagingView(doc)) bump(figures.messaging, messagingCountKey(doc.docType, doc.messageId, doc.event, doc.eventContext), by);
      if (!isSession(doc)) continue;
      for (const [value, name] of [
        [doc.sessionDuration, 'durations'],
        [doc.firstPaint, 'paints'],
      ] as const) {
        if (!isMeasure(value)) continue;
        if (by === 1) {
          figures[name].push(value);
          this.pending[name].push(value);
        } else {
          removeOne(figures[name], value);
          this.sorted = null;
        }
      }
    }
  }

  /** Retention rolled this day up: its raw figures are gone (the roll-ups now count it). */
  forgetDay(day: string): void {
    if (this.days?.delete(day)) this.sorted = null;
  }

  async build(nowMs: number, retentionDays: number): Promise<DashboardSummary> {
    if (!this.days || this.store.shared) await this.load();
    const days = this.days as Map<string, DayFigures>;
    const [rollups, counters, errors] = await Promise.all([this.store.summaryRollups(), this.store.summaryCounters(), recentErrors(this.store, 20)]);
    const perDay = new Map<string, { day: string; namespace: string; doc_type: string; count: number }>();
    const addPerDay = (day: string, namespace: string, docType: string, count: number) => {
      const key = `${day}${SEPARATOR}${namespace}${SEPARATOR}${docType}`;
      const entry = perDay.get(key);
      if (entry) entry.count += count;
      else perDay.set(key, { day, namespace, doc_type: docType, count });
    };
    let documents = 0;
    let sessions = rollups.sessions;
    const clicks = new Map<number, number>();
    const messaging: MessagingCount[] = [...rollups.messaging];
    for (const [day, figures] of days) {
      for (const [key, count] of figures.messaging) messaging.push(parseMessagingCountKey(day, key, count));
      for (const [key, count] of figures.counts) {
        const [namespace = '', docType = ''] = key.split(SEPARATOR);
        addPerDay(day, namespace, docType, count);
        documents += count;
        if (isSession({ namespace, docType })) sessions += count;
      }
      for (const [position, n] of figures.clicks) bump(clicks, position, n);
    }
    for (const row of rollups.perDay) addPerDay(row.day, row.namespace, row.doc_type, row.count);
    for (const row of rollups.clicks) bump(clicks, row.position, row.clicks);
    const measures = this.sortedMeasures(days);
    return {
      generated_at: new Date(nowMs).toISOString(),
      retention_days: retentionDays,
      totals: {
        documents,
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
      session_duration: distributionOfSorted(measures.durations, SESSION_DURATION_BINS),
      first_paint: distributionOfSorted(measures.paints, FIRST_PAINT_BINS),
      messaging: summarizeMessaging(messaging),
      recent_errors: errors,
    };
  }

  private day(day: string): DayFigures {
    let figures = this.days?.get(day);
    if (!figures) {
      figures = { counts: new Map(), clicks: new Map(), durations: [], paints: [], messaging: new Map() };
      this.days?.set(day, figures);
    }
    return figures;
  }

  /** All measures ascending: new ones are merged in (linear); everything is gathered and sorted only after a removal. */
  private sortedMeasures(days: Map<string, DayFigures>): Measures<Float64Array> {
    const pending = this.pending;
    this.pending = { durations: [], paints: [] };
    if (this.sorted) {
      this.sorted = { durations: mergeSorted(this.sorted.durations, pending.durations), paints: mergeSorted(this.sorted.paints, pending.paints) };
      return this.sorted;
    }
    // Copied into one Float64Array, which sorts numerically and several times faster than an array of numbers.
    const sortAll = (pick: (figures: DayFigures) => number[]) => {
      let length = 0;
      for (const figures of days.values()) length += pick(figures).length;
      const all = new Float64Array(length);
      let at = 0;
      for (const figures of days.values()) {
        all.set(pick(figures), at);
        at += pick(figures).length;
      }
      return all.sort();
    };
    this.sorted = { durations: sortAll((f) => f.durations), paints: sortAll((f) => f.paints) };
    return this.sorted;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** GET /api/summary (no parameters). */
export function summaryRoute(ctx: CollectorContext, params: URLSearchParams): Promise<DashboardSummary> {
  if ([...params.keys()].length > 0) throw new HttpError(400, ['/api/summary takes no parameters']);
  return ctx.summary.build(ctx.now(), ctx.retentionDays);
}
