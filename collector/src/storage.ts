/**
 * SQLite storage (better-sqlite3, WAL). Owns the schema and every write.
 * Reads for the JSON API live in readApi.ts / summary.ts; roll-ups in retention.ts.
 *
 * better-sqlite3 is synchronous, so each transaction runs to completion before the
 * next request is looked at: that, plus UNIQUE(doc_id) and INSERT OR IGNORE, is what
 * makes storage exactly-once even under parallel submissions.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

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
}

/** The session measures the dashboard draws, read once at ingestion and kept in their own columns. */
export interface SessionMeasures {
  sessionDuration: number | null;
  firstPaint: number | null;
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

/** A WHERE clause over whitelisted columns, with its parameters. */
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

/** Payload text kept in an error row is cut here: enough to debug, bounded in size. */
export const MAX_ERROR_PAYLOAD_CHARS = 2048;

/** The part of a rejected payload an error row keeps. */
export const errorExcerpt = (payloadText: string | null): string | null =>
  payloadText === null ? null : payloadText.slice(0, MAX_ERROR_PAYLOAD_CHARS);

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS documents (
  id                   INTEGER PRIMARY KEY,
  doc_id               TEXT NOT NULL UNIQUE,
  submission_timestamp TEXT NOT NULL,
  namespace            TEXT NOT NULL,
  doc_type             TEXT NOT NULL,
  doc_version          INTEGER NOT NULL,
  uri                  TEXT NOT NULL,
  method               TEXT NOT NULL,
  payload              TEXT NOT NULL,
  content_length       INTEGER,
  user_agent           TEXT,
  x_debug_id           TEXT,
  x_telemetry_agent    TEXT,
  x_source_tags        TEXT,
  date                 TEXT,
  dnt                  TEXT,
  origin               TEXT,
  client_id            TEXT,
  impression_id        TEXT,
  context_id           TEXT,
  session_id           TEXT,
  event                TEXT,
  source               TEXT,
  page                 TEXT,
  action_position      INTEGER
);
CREATE INDEX IF NOT EXISTS documents_submission_timestamp ON documents(submission_timestamp);
CREATE INDEX IF NOT EXISTS documents_type ON documents(namespace, doc_type, doc_version);
CREATE INDEX IF NOT EXISTS documents_client_id ON documents(client_id);
CREATE INDEX IF NOT EXISTS documents_impression_id ON documents(impression_id);
CREATE INDEX IF NOT EXISTS documents_context_id ON documents(context_id);
CREATE INDEX IF NOT EXISTS documents_session_id ON documents(session_id);
CREATE INDEX IF NOT EXISTS documents_event ON documents(event);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_page ON documents(page);

CREATE TABLE IF NOT EXISTS errors (
  id                   INTEGER PRIMARY KEY,
  submission_timestamp TEXT NOT NULL,
  namespace            TEXT NOT NULL,
  doc_type             TEXT NOT NULL,
  doc_version          INTEGER NOT NULL,
  doc_id               TEXT NOT NULL,
  uri                  TEXT NOT NULL,
  error_type           TEXT NOT NULL,
  reasons              TEXT NOT NULL,
  payload              TEXT,
  user_agent           TEXT,
  client_id            TEXT,
  impression_id        TEXT,
  context_id           TEXT
);
CREATE INDEX IF NOT EXISTS errors_submission_timestamp ON errors(submission_timestamp);
CREATE INDEX IF NOT EXISTS errors_client_id ON errors(client_id);
CREATE INDEX IF NOT EXISTS errors_impression_id ON errors(impression_id);
CREATE INDEX IF NOT EXISTS errors_context_id ON errors(context_id);

CREATE TABLE IF NOT EXISTS counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

-- One row per deletion-request docId. Ids are kept only as SHA-256 hashes.
CREATE TABLE IF NOT EXISTS deletions (
  id                   INTEGER PRIMARY KEY,
  doc_id               TEXT NOT NULL UNIQUE,
  submission_timestamp TEXT NOT NULL,
  client_id_sha256     TEXT,
  impression_id_sha256 TEXT,
  context_id_sha256    TEXT,
  documents_deleted    INTEGER NOT NULL,
  errors_deleted       INTEGER NOT NULL,
  requests             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS deletions_client_id ON deletions(client_id_sha256);
CREATE INDEX IF NOT EXISTS deletions_impression_id ON deletions(impression_id_sha256);
CREATE INDEX IF NOT EXISTS deletions_context_id ON deletions(context_id_sha256);

-- Anonymous daily roll-ups written by retention.ts (no ids, no payloads).
CREATE TABLE IF NOT EXISTS daily_counts (
  day             TEXT NOT NULL,
  namespace       TEXT NOT NULL,
  doc_type        TEXT NOT NULL,
  event           TEXT,
  source          TEXT,
  action_position INTEGER,
  page            TEXT,
  count           INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS daily_counts_day ON daily_counts(day);

CREATE TABLE IF NOT EXISTS daily_distributions (
  day       TEXT NOT NULL,
  namespace TEXT NOT NULL,
  doc_type  TEXT NOT NULL,
  metric    TEXT NOT NULL,
  n         INTEGER NOT NULL,
  p50       REAL,
  p90       REAL,
  p99       REAL,
  PRIMARY KEY (day, namespace, doc_type, metric)
);

-- The messaging view's counts (messagingSummary.ts): message ids and router error reasons, no client ids.
CREATE TABLE IF NOT EXISTS daily_messaging_counts (
  day        TEXT NOT NULL,
  doc_type   TEXT NOT NULL,
  message_id TEXT,
  event      TEXT,
  context    TEXT,
  count      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS daily_messaging_counts_day ON daily_messaging_counts(day);

CREATE TABLE IF NOT EXISTS daily_error_counts (
  day       TEXT NOT NULL,
  namespace TEXT NOT NULL,
  doc_type  TEXT NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (day, namespace, doc_type)
);
`;

export const DUPLICATES_COUNTER = 'duplicates';

const TOP_SITES_CLICK = `namespace = 'activity-stream' AND doc_type = 'events' AND event = 'CLICK'
  AND source = 'TOP_SITES' AND action_position IS NOT NULL`;
const SESSIONS = `namespace = 'activity-stream' AND doc_type = 'sessions'`;

/** A stored document's message id and event context, read as messagingFieldsOf() reads a payload. */
export const MESSAGE_ID_SQL = `CASE WHEN namespace = 'messaging-system' AND json_type(payload, '$.message_id') = 'text'
  THEN json_extract(payload, '$.message_id') END`;
export const EVENT_CONTEXT_SQL = `CASE WHEN namespace = 'messaging-system' AND doc_type = 'undesired-events'
  AND json_type(payload, '$.event_context') = 'text' THEN json_extract(payload, '$.event_context') END`;

/** Messaging documents grouped per day, doc type, message, event and context (the messaging view's counts). */
export interface MessagingGroup {
  day: string;
  namespace: string;
  doc_type: string;
  message_id: string | null;
  event: string | null;
  context: string | null;
  count: number;
}

/** The messaging groups of the documents matching `where` (without its parameters' values). */
export function messagingGroupsSql(where: string): string {
  return `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, ${MESSAGE_ID_SQL} AS message_id, event,
                 ${EVENT_CONTEXT_SQL} AS context, count(*) AS count
            FROM documents WHERE namespace = 'messaging-system' AND ${where}
           GROUP BY day, doc_type, message_id, event, context`;
}

export interface OpenStoreOptions {
  /** Upper bound for the database file; writes beyond it fail with SQLITE_FULL (answered 507). */
  maxDbBytes?: number;
}

export class TelemetryStore {
  private readonly insertDocumentStatement: Database.Statement;
  private readonly insertErrorStatement: Database.Statement;
  private readonly bumpCounterStatement: Database.Statement;
  private readonly deletedHashQueries = new Map<number, Database.Statement>();

  private constructor(readonly db: Database.Database) {
    this.insertDocumentStatement = db.prepare(`
      INSERT OR IGNORE INTO documents (
        doc_id, submission_timestamp, namespace, doc_type, doc_version, uri, method, payload, content_length,
        user_agent, x_debug_id, x_telemetry_agent, x_source_tags, date, dnt, origin,
        client_id, impression_id, context_id, session_id, event, source, page, action_position,
        session_duration, first_paint_ms
      ) VALUES (
        @docId, @submissionTimestamp, @namespace, @docType, @docVersion, @uri, @method, @payloadText, @contentLength,
        @user_agent, @x_debug_id, @x_telemetry_agent, @x_source_tags, @date, @dnt, @origin,
        @client_id, @impression_id, @context_id, @session_id, @event, @source, @page, @action_position,
        @sessionDuration, @firstPaint
      )`);
    this.insertErrorStatement = db.prepare(`
      INSERT INTO errors (
        submission_timestamp, namespace, doc_type, doc_version, doc_id, uri, error_type, reasons, payload, user_agent,
        client_id, impression_id, context_id
      ) VALUES (
        @submissionTimestamp, @namespace, @docType, @docVersion, @docId, @uri, @errorType, @reasons, @payload, @userAgent,
        @client_id, @impression_id, @context_id
      )`);
    this.bumpCounterStatement = db.prepare(
      'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value',
    );
  }

  static open(path: string, options: OpenStoreOptions = {}): TelemetryStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      // FULL: a document answered 200 has reached the disk, not only the OS cache.
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      if (options.maxDbBytes !== undefined) {
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxDbBytes / pageSize))}`);
      }
      db.exec(SCHEMA_SQL);
      addMeasureColumns(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new TelemetryStore(db);
  }

  /** Runs `fn` in one IMMEDIATE transaction (all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Stores a document unless its docId is already stored; a repeat bumps the duplicates counter. */
  insertDocument(row: DocumentRow): 'stored' | 'duplicate' {
    const info = this.insertDocumentStatement.run({
      docId: row.docId,
      submissionTimestamp: row.submissionTimestamp,
      namespace: row.namespace,
      docType: row.docType,
      docVersion: row.docVersion,
      uri: row.uri,
      method: row.method,
      payloadText: row.payloadText,
      contentLength: row.contentLength,
      ...row.headers,
      ...row.fields,
      ...row.measures,
    });
    if (info.changes === 1) return 'stored';
    this.bumpCounter(DUPLICATES_COUNTER, 1);
    return 'duplicate';
  }

  insertError(row: ErrorRow): void {
    this.insertErrorStatement.run({
      submissionTimestamp: row.submissionTimestamp,
      namespace: row.namespace,
      docType: row.docType,
      docVersion: row.docVersion,
      docId: row.docId,
      uri: row.uri,
      errorType: row.errorType,
      reasons: JSON.stringify(row.reasons),
      payload: errorExcerpt(row.payloadText),
      userAgent: row.userAgent,
      ...row.ids,
    });
  }

  bumpCounter(name: string, by: number): void {
    this.bumpCounterStatement.run(name, by);
  }

  counter(name: string): number {
    const row = this.db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined;
    return row?.value ?? 0;
  }

  /** Whether any deletion request named an id with one of these SHA-256 hashes (asked for every stored document). */
  anyDeletedIdHash(hashes: readonly string[]): boolean {
    let query = this.deletedHashQueries.get(hashes.length);
    if (!query) {
      const list = hashes.map(() => '?').join(', ');
      query = this.db.prepare(
        `SELECT 1 FROM deletions WHERE client_id_sha256 IN (${list}) OR impression_id_sha256 IN (${list})
            OR context_id_sha256 IN (${list}) LIMIT 1`,
      );
      // Prepared once per list length: this runs for every document, and preparing costs more than the lookup.
      if (hashes.length <= 3) this.deletedHashQueries.set(hashes.length, query);
    }
    return query.get(...hashes, ...hashes, ...hashes) !== undefined;
  }

  /** Deletes error rows whose payload excerpt or reasons contain `id` (compared lower-case); returns how many. */
  deleteErrorsMentioning(id: string): number {
    return this.db
      .prepare(`DELETE FROM errors WHERE instr(lower(coalesce(payload, '')), @id) > 0 OR instr(lower(reasons), @id) > 0`)
      .run({ id: id.toLowerCase() }).changes;
  }

  /** Up to `count` documents matching the clause, after the row with id `after` in the given order. */
  documentsPage(clause: Clause, order: 'asc' | 'desc', after: number | null, count: number): DocumentRecord[] {
    const from = after === null ? '' : order === 'asc' ? ' AND id > ?' : ' AND id < ?';
    return this.db
      .prepare(
        `SELECT id, doc_id, submission_timestamp, namespace, doc_type, doc_version, uri, method, payload, content_length,
                user_agent, x_debug_id, x_telemetry_agent, x_source_tags, date, dnt, origin
           FROM documents WHERE ${clause.where}${from} ORDER BY id ${order} LIMIT ?`,
      )
      .all(...clause.params, ...(after === null ? [] : [after]), count) as DocumentRecord[];
  }

  /** Up to `count` error rows matching the clause, newest first, older than the row with id `after`. */
  errorsPage(clause: Clause, after: number | null, count: number): ErrorRecord[] {
    return this.db
      .prepare(
        `SELECT id, submission_timestamp, namespace, doc_type, doc_version, doc_id, uri, error_type, reasons, payload, user_agent
           FROM errors WHERE ${clause.where}${after === null ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
      )
      .all(...clause.params, ...(after === null ? [] : [after]), count) as ErrorRecord[];
  }

  /** The summary's figures over raw documents (one scan; the summary cache keeps them up to date after). */
  rawSummaryFigures(): {
    perDay: Array<{ day: string; namespace: string; doc_type: string; count: number }>;
    clicks: Array<{ day: string; position: number; clicks: number }>;
    measures: Array<{ day: string; session_duration: number | null; first_paint_ms: number | null }>;
    messaging: MessagingGroup[];
  } {
    const perDay = this.db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, count(*) AS count
           FROM documents GROUP BY day, namespace, doc_type`,
      )
      .all() as Array<{ day: string; namespace: string; doc_type: string; count: number }>;
    const clicks = this.db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, action_position AS position, count(*) AS clicks
           FROM documents WHERE ${TOP_SITES_CLICK} GROUP BY day, action_position`,
      )
      .all() as Array<{ day: string; position: number; clicks: number }>;
    const measures = this.db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, session_duration, first_paint_ms FROM documents
          WHERE ${SESSIONS} AND (session_duration IS NOT NULL OR first_paint_ms IS NOT NULL)`,
      )
      .all() as Array<{ day: string; session_duration: number | null; first_paint_ms: number | null }>;
    const messaging = this.db.prepare(messagingGroupsSql('1')).all() as MessagingGroup[];
    return { perDay, clicks, measures, messaging };
  }

  /**
   * Deletes the documents whose `column` holds one of `values`, and returns what the
   * summary needs to take them away again.
   */
  deleteDocumentsWithId(column: 'client_id' | 'impression_id' | 'context_id', values: readonly string[]): RemovedDocument[] {
    const list = values.map(() => '?').join(', ');
    return this.db
      .prepare(
        `DELETE FROM documents WHERE ${column} IN (${list})
         RETURNING substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, event, source, action_position,
                   session_duration, first_paint_ms, ${MESSAGE_ID_SQL} AS message_id, ${EVENT_CONTEXT_SQL} AS event_context`,
      )
      .all(...values) as RemovedDocument[];
  }

  /** Deletes the error rows whose `column` holds one of `values`; returns how many. */
  deleteErrorsWithId(column: 'client_id' | 'impression_id' | 'context_id', values: readonly string[]): number {
    const list = values.map(() => '?').join(', ');
    return this.db.prepare(`DELETE FROM errors WHERE ${column} IN (${list})`).run(...values).changes;
  }

  /** The summary's figures over the retention roll-ups (small tables). */
  summaryRollups(): {
    perDay: Array<{ day: string; namespace: string; doc_type: string; count: number }>;
    sessions: number;
    clicks: Array<{ position: number; clicks: number }>;
    aggregatedDocuments: number;
    messaging: Array<{ day: string; doc_type: string; message_id: string | null; event: string | null; context: string | null; count: number }>;
  } {
    const perDay = this.db
      .prepare('SELECT day, namespace, doc_type, sum(count) AS count FROM daily_counts GROUP BY day, namespace, doc_type')
      .all() as Array<{ day: string; namespace: string; doc_type: string; count: number }>;
    const clicks = this.db
      .prepare(`SELECT action_position AS position, sum(count) AS clicks FROM daily_counts WHERE ${TOP_SITES_CLICK} GROUP BY action_position`)
      .all() as Array<{ position: number; clicks: number }>;
    const sessions = (this.db.prepare(`SELECT coalesce(sum(count), 0) AS n FROM daily_counts WHERE ${SESSIONS}`).get() as { n: number }).n;
    const messaging = this.db
      .prepare('SELECT day, doc_type, message_id, event, context, count FROM daily_messaging_counts')
      .all() as Array<{ day: string; doc_type: string; message_id: string | null; event: string | null; context: string | null; count: number }>;
    return { perDay, sessions, clicks, aggregatedDocuments: perDay.reduce((sum, row) => sum + row.count, 0), messaging };
  }

  /** Counters the summary shows. */
  summaryCounters(): { duplicates: number; errors: number; deletions: number } {
    return {
      duplicates: this.counter(DUPLICATES_COUNTER),
      errors: (this.db.prepare('SELECT count(*) AS n FROM errors').get() as { n: number }).n,
      deletions: (this.db.prepare('SELECT count(*) AS n FROM deletions').get() as { n: number }).n,
    };
  }

  /** The UTC day (YYYY-MM-DD) of the oldest document or error row submitted before `cutoff`, or null. */
  oldestDayBefore(cutoff: string): string | null {
    const row = this.db
      .prepare(
        `SELECT substr(min(ts), 1, 10) AS day FROM (
           SELECT min(submission_timestamp) AS ts FROM documents WHERE submission_timestamp < @cutoff
           UNION ALL SELECT min(submission_timestamp) FROM errors WHERE submission_timestamp < @cutoff)`,
      )
      .get({ cutoff }) as { day: string | null };
    return row.day;
  }

  /** Deletes the documents and error rows submitted in [from, to); returns how many of each. */
  deleteSubmittedBetween(from: string, to: string): { documents: number; errors: number } {
    return {
      documents: this.db.prepare('DELETE FROM documents WHERE submission_timestamp >= ? AND submission_timestamp < ?').run(from, to).changes,
      errors: this.db.prepare('DELETE FROM errors WHERE submission_timestamp >= ? AND submission_timestamp < ?').run(from, to).changes,
    };
  }

  /** Cheap liveness probe for /__heartbeat__. */
  check(): void {
    this.db.prepare('SELECT count(*) FROM counters').get();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The measure columns came after the first release: a database without them gets them,
 * filled from the stored payloads once, so reading them never needs json_extract again.
 */
function addMeasureColumns(db: Database.Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('documents')").pluck().all() as string[];
  if (columns.includes('session_duration')) return;
  db.transaction(() => {
    db.exec('ALTER TABLE documents ADD COLUMN session_duration REAL');
    db.exec('ALTER TABLE documents ADD COLUMN first_paint_ms REAL');
    db.exec(`UPDATE documents SET
        session_duration = CASE WHEN json_type(payload, '$.session_duration') IN ('integer', 'real')
                                THEN json_extract(payload, '$.session_duration') END,
        first_paint_ms = CASE WHEN json_type(payload, '$.perf.topsites_first_painted_ts') IN ('integer', 'real')
                               AND json_type(payload, '$.perf.visibility_event_rcvd_ts') IN ('integer', 'real')
                              THEN json_extract(payload, '$.perf.topsites_first_painted_ts')
                                 - json_extract(payload, '$.perf.visibility_event_rcvd_ts') END
      WHERE json_valid(payload)`);
  })();
}

const STORAGE_FULL_CODES = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PERM)/;

/** 507 when the store cannot take writes right now (full, read-only, I/O, locked); 500 otherwise. */
export function storageErrorStatus(error: unknown): 500 | 507 {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && STORAGE_FULL_CODES.test(code) ? 507 : 500;
}
