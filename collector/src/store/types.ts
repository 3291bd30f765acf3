/**
 * The collector's one storage interface. Routes, deletion, retention, the read API and
 * the dashboard go through it; SQLite (sqlite.ts, one process) and PostgreSQL
 * (postgres.ts, any number of replicas) implement it.
 *
 * A new read query is one more method here and one in each engine (the contract
 * test in collector/test/storeContract.test.ts then runs it against both).
 */

/** Metadata headers kept with each document (never the client IP). */
export interface DocumentHeaders {
  user_agent: string | null;
  x_debug_id: string | null;
  x_telemetry_agent: string | null;
  x_source_tags: string | null;
  date: string | null;
  dnt: string | null;
  origin: string | null;
}

/** Payload fields copied into indexed columns. */
export interface ExtractedFields {
  client_id: string | null;
  impression_id: string | null;
  context_id: string | null;
  session_id: string | null;
  event: string | null;
  source: string | null;
  page: string | null;
  action_position: number | null;
}

/** The session measures the dashboard draws, read once at ingestion and kept in their own columns. */
export interface SessionMeasures {
  sessionDuration: number | null;
  firstPaint: number | null;
}

export interface DocumentRow {
  docId: string;
  submissionTimestamp: string;
  namespace: string;
  docType: string;
  docVersion: number;
  uri: string;
  method: string;
  payloadText: string;
  contentLength: number | null;
  headers: DocumentHeaders;
  fields: ExtractedFields;
  measures: SessionMeasures;
  messaging: MessagingColumns;
}

/** The messaging view's fields (messagingSummary.ts), read once at ingestion into their own columns. */
export interface MessagingColumns {
  /** message_id of a messaging-system document. */
  messageId: string | null;
  /** event_context of a messaging-system undesired event (a targeting error's reason, a provider's id). */
  eventContext: string | null;
}

export interface ErrorRow {
  submissionTimestamp: string;
  namespace: string;
  docType: string;
  docVersion: number;
  docId: string;
  uri: string;
  errorType: 'schema' | 'decode';
  reasons: string[];
  payloadText: string | null;
  userAgent: string | null;
  ids: Pick<ExtractedFields, 'client_id' | 'impression_id' | 'context_id'>;
}

/** What a deleted document contributed to the dashboard summary. */
export interface RemovedDocument {
  day: string;
  namespace: string;
  doc_type: string;
  event: string | null;
  source: string | null;
  action_position: number | null;
  session_duration: number | null;
  first_paint_ms: number | null;
  message_id: string | null;
  event_context: string | null;
}

/** A WHERE clause over whitelisted columns, with `?` placeholders and their parameters. */
export interface Clause {
  where: string;
  params: unknown[];
}

/** A stored document as the read API lists it (`id` orders rows and is the paging cursor). */
export interface DocumentRecord {
  id: number;
  doc_id: string;
  submission_timestamp: string;
  namespace: string;
  doc_type: string;
  doc_version: number;
  uri: string;
  method: string;
  payload: string;
  content_length: number | null;
  user_agent: string | null;
  x_debug_id: string | null;
  x_telemetry_agent: string | null;
  x_source_tags: string | null;
  date: string | null;
  dnt: string | null;
  origin: string | null;
}

export interface ErrorRecord {
  id: number;
  submission_timestamp: string;
  namespace: string;
  doc_type: string;
  doc_version: number;
  doc_id: string;
  uri: string;
  error_type: string;
  /** JSON array text. */
  reasons: string;
  payload: string | null;
  user_agent: string | null;
}

/** The ids a deletion request names, each with what the store needs to find and remember it. */
export interface DeletionTarget {
  column: 'client_id' | 'impression_id' | 'context_id';
  /** Every spelling a stored column may hold (braces, case). */
  spellings: string[];
  /** Bare lower-case id, looked for in error excerpts. */
  normalized: string;
  sha256: string;
}

/** One write of a request; all writes of a request commit together or not at all. */
export type Write =
  | { kind: 'document'; row: DocumentRow; idHashes: string[] }
  /** `idHashes`: hashes of its id columns and of every UUID in its excerpt and reasons. */
  | { kind: 'error'; row: ErrorRow; idHashes: string[] }
  | {
      kind: 'deletion';
      docId: string;
      submissionTimestamp: string;
      targets: DeletionTarget[];
      /** SHA-256 of client_id, impression_id, context_id (null when not named), as the deletions table keeps them. */
      hashes: { client_id: string | null; impression_id: string | null; context_id: string | null };
    };

export type WriteOutcome =
  /** `discarded`: a deletion request already named one of its ids. */
  | { kind: 'document'; outcome: 'stored' | 'duplicate' | 'discarded' }
  | { kind: 'error'; outcome: 'stored' | 'discarded' }
  | { kind: 'deletion'; duplicate: boolean; documents: number; errors: number; removed: RemovedDocument[] };

export interface TypeCount {
  namespace: string;
  doc_type: string;
  doc_version: number;
  count: number;
}

export interface StoreCounts {
  byType: TypeCount[];
  errors: number;
  deletions: { requests: number; documents_deleted: number; errors_deleted: number };
  aggregatedDocuments: number;
  duplicates: number;
  discardedAfterDeletion: number;
}

export interface AggregateFilter {
  since: string | null;
  until: string | null;
  namespace: string | null;
  docType: string | null;
}

export interface Aggregates {
  counts: Array<{
    day: string;
    namespace: string;
    doc_type: string;
    event: string | null;
    source: string | null;
    action_position: number | null;
    page: string | null;
    count: number;
  }>;
  distributions: Array<{ day: string; namespace: string; doc_type: string; metric: string; n: number; p50: number | null; p90: number | null; p99: number | null }>;
  errors: Array<{ day: string; namespace: string; doc_type: string; count: number }>;
}

export interface DeletionRecord {
  doc_id: string;
  submission_timestamp: string;
  client_id_sha256: string | null;
  impression_id_sha256: string | null;
  context_id_sha256: string | null;
  documents_deleted: number;
  errors_deleted: number;
  requests: number;
}

/** Documents counted in the messaging view, per day, doc type, message, event and context (or one roll-up row). */
export interface MessagingCountRow {
  day: string;
  doc_type: string;
  message_id: string | null;
  event: string | null;
  context: string | null;
  count: number;
}

export interface RawSummaryFigures {
  perDay: Array<{ day: string; namespace: string; doc_type: string; count: number }>;
  clicks: Array<{ day: string; position: number; clicks: number }>;
  measures: Array<{ day: string; session_duration: number | null; first_paint_ms: number | null }>;
  messaging: MessagingCountRow[];
}

export interface SummaryRollups {
  perDay: Array<{ day: string; namespace: string; doc_type: string; count: number }>;
  sessions: number;
  clicks: Array<{ position: number; clicks: number }>;
  aggregatedDocuments: number;
  /** daily_messaging_counts, one row per group. */
  messaging: MessagingCountRow[];
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  /** Other processes write to the same data (replicas): figures cached in memory go stale. */
  readonly shared: boolean;

  /** All writes of one request in one transaction, outcomes in the same order. */
  write(writes: readonly Write[]): Promise<WriteOutcome[]>;

  /** Up to `count` documents matching the clause, after the row with id `after` in the given order. */
  documentsPage(clause: Clause, order: 'asc' | 'desc', after: number | null, count: number): Promise<DocumentRecord[]>;
  /** Up to `count` error rows matching the clause, newest first, older than the row with id `after`. */
  errorsPage(clause: Clause, after: number | null, count: number): Promise<ErrorRecord[]>;
  counts(): Promise<StoreCounts>;
  aggregates(filter: AggregateFilter): Promise<Aggregates>;
  /** Processed deletion requests, newest first. */
  deletions(limit: number): Promise<DeletionRecord[]>;
  /** The summary's figures over raw documents (one scan). */
  rawSummaryFigures(): Promise<RawSummaryFigures>;
  /** The summary's figures over the retention roll-ups (small tables). */
  summaryRollups(): Promise<SummaryRollups>;
  /** Counters the summary shows (no scan of the documents). */
  summaryCounters(): Promise<{ duplicates: number; errors: number; deletions: number }>;

  /** The UTC day (YYYY-MM-DD) of the oldest document or error row submitted before `cutoff`, or null. */
  oldestDayBefore(cutoff: string): Promise<string | null>;
  /** Rolls up and deletes the rows submitted in [from, to), in one transaction; returns how many of each. */
  rollUp(from: string, to: string): Promise<{ documents: number; errors: number }>;
  /**
   * Runs `task` unless another process is running a task of that name on the same data
   * (then resolves null without running it). Retention runs through this.
   */
  exclusively<T>(name: string, task: () => Promise<T>): Promise<T | null>;

  /** Cheap liveness probe for /__heartbeat__. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export const DUPLICATES_COUNTER = 'duplicates';
export const DISCARDED_AFTER_DELETION_COUNTER = 'discarded_after_deletion';

/** Payload text kept in an error row is cut here: enough to debug, bounded in size. */
export const MAX_ERROR_PAYLOAD_CHARS = 2048;

/** The part of a rejected payload an error row keeps. */
export const errorExcerpt = (payloadText: string | null): string | null =>
  payloadText === null ? null : payloadText.slice(0, MAX_ERROR_PAYLOAD_CHARS);

const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PERM)/;
/** PostgreSQL: insufficient resources, connection exceptions, shutdown, query canceled (statement timeout). */
const POSTGRES_UNAVAILABLE = /^(53|08|57)[0-9A-Z]{3}$/;
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/** 507 when the store cannot take writes right now (full, read-only, I/O, locked, unreachable); 500 otherwise. */
export function storageErrorStatus(error: unknown): 500 | 507 {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return 500;
  return SQLITE_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE.test(code) || CONNECTION_ERRORS.has(code) ? 507 : 500;
}
