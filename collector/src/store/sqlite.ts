/**
 * SQLite engine (better-sqlite3, WAL): one process, one file, nothing to set up.
 *
 * better-sqlite3 is synchronous, so each transaction runs to completion before the
 * next request is looked at: that, plus UNIQUE(doc_id) and INSERT OR IGNORE, is what
 * makes storage exactly-once even under parallel submissions.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { distributionRows, type MeasureRow } from './rollup';
import { aggregateClause, messagingGroupsSql, SESSIONS, TOP_SITES_CLICK } from './sql';
import {
  DISCARDED_AFTER_DELETION_COUNTER,
  DUPLICATES_COUNTER,
  errorExcerpt,
  type AggregateFilter,
  type Aggregates,
  type Clause,
  type DeletionRecord,
  type DocumentRecord,
  type DocumentRow,
  type ErrorRecord,
  type ErrorRow,
  type MessagingCountRow,
  type RawSummaryFigures,
  type RemovedDocument,
  type Store,
  type StoreCounts,
  type SummaryRollups,
  type Write,
  type WriteOutcome,
} from './types';

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

export interface OpenStoreOptions {
  /** Upper bound for the database file; writes beyond it fail with SQLITE_FULL (answered 507). */
  maxDbBytes?: number;
}

type Row = Record<string, unknown>;

export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  readonly shared = false;
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
        session_duration, first_paint_ms, message_id, event_context
      ) VALUES (
        @docId, @submissionTimestamp, @namespace, @docType, @docVersion, @uri, @method, @payloadText, @contentLength,
        @user_agent, @x_debug_id, @x_telemetry_agent, @x_source_tags, @date, @dnt, @origin,
        @client_id, @impression_id, @context_id, @session_id, @event, @source, @page, @action_position,
        @sessionDuration, @firstPaint, @messageId, @eventContext
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

  static open(path: string, options: OpenStoreOptions = {}): SqliteStore {
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
      addMessagingColumns(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStore(db);
  }

  async write(writes: readonly Write[]): Promise<WriteOutcome[]> {
    return this.db.transaction(() => writes.map((write) => this.applyWrite(write))).immediate();
  }

  private applyWrite(write: Write): WriteOutcome {
    switch (write.kind) {
      case 'document': {
        if (this.anyDeletedIdHash(write.idHashes)) {
          this.bumpCounter(DISCARDED_AFTER_DELETION_COUNTER, 1);
          return { kind: 'document', outcome: 'discarded' };
        }
        if (this.insertDocument(write.row)) return { kind: 'document', outcome: 'stored' };
        this.bumpCounter(DUPLICATES_COUNTER, 1);
        return { kind: 'document', outcome: 'duplicate' };
      }
      case 'error': {
        // A rejected document of someone who asked to be deleted is not kept either, not even as an error.
        if (this.anyDeletedIdHash(write.idHashes)) {
          this.bumpCounter(DISCARDED_AFTER_DELETION_COUNTER, 1);
          return { kind: 'error', outcome: 'discarded' };
        }
        this.insertError(write.row);
        return { kind: 'error', outcome: 'stored' };
      }
      case 'deletion':
        return this.applyDeletion(write);
    }
  }

  private insertDocument(row: DocumentRow): boolean {
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
      ...row.messaging,
    });
    return info.changes === 1;
  }

  private insertError(row: ErrorRow): void {
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

  /** Deletes the named rows and records the request. */
  private applyDeletion(write: Extract<Write, { kind: 'deletion' }>): WriteOutcome {
    const removed: RemovedDocument[] = [];
    let errors = 0;
    for (const target of write.targets) {
      const list = target.spellings.map(() => '?').join(', ');
      removed.push(
        ...(this.db
          .prepare(
            `DELETE FROM documents WHERE ${target.column} IN (${list})
             RETURNING substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, event, source, action_position,
                       session_duration, first_paint_ms, message_id, event_context`,
          )
          .all(...target.spellings) as RemovedDocument[]),
      );
      errors += this.db.prepare(`DELETE FROM errors WHERE ${target.column} IN (${list})`).run(...target.spellings).changes;
      // Undecodable bodies have no id columns: their excerpt and reasons may still hold the id.
      errors += this.db
        .prepare(`DELETE FROM errors WHERE instr(lower(coalesce(payload, '')), @id) > 0 OR instr(lower(reasons), @id) > 0`)
        .run({ id: target.normalized }).changes;
    }
    const documents = removed.length;
    // A retried request (same docId) deletes again (documents may have arrived in between) but counts as a duplicate.
    const existing = this.db.prepare('SELECT id FROM deletions WHERE doc_id = ?').get(write.docId) as { id: number } | undefined;
    if (existing) {
      this.db
        .prepare(
          'UPDATE deletions SET requests = requests + 1, documents_deleted = documents_deleted + ?, errors_deleted = errors_deleted + ? WHERE id = ?',
        )
        .run(documents, errors, existing.id);
      this.bumpCounter(DUPLICATES_COUNTER, 1);
    } else {
      this.db
        .prepare(
          `INSERT INTO deletions (doc_id, submission_timestamp, client_id_sha256, impression_id_sha256, context_id_sha256,
             documents_deleted, errors_deleted) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(write.docId, write.submissionTimestamp, write.hashes.client_id, write.hashes.impression_id, write.hashes.context_id, documents, errors);
    }
    return { kind: 'deletion', duplicate: existing !== undefined, documents, errors, removed };
  }

  private bumpCounter(name: string, by: number): void {
    this.bumpCounterStatement.run(name, by);
  }

  private counter(name: string): number {
    const row = this.db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined;
    return row?.value ?? 0;
  }

  /** Whether any deletion request named an id with one of these SHA-256 hashes (asked for every stored document). */
  private anyDeletedIdHash(hashes: readonly string[]): boolean {
    if (hashes.length === 0) return false;
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

  async documentsPage(clause: Clause, order: 'asc' | 'desc', after: number | null, count: number): Promise<DocumentRecord[]> {
    const from = after === null ? '' : order === 'asc' ? ' AND id > ?' : ' AND id < ?';
    return this.db
      .prepare(
        `SELECT id, doc_id, submission_timestamp, namespace, doc_type, doc_version, uri, method, payload, content_length,
                user_agent, x_debug_id, x_telemetry_agent, x_source_tags, date, dnt, origin
           FROM documents WHERE ${clause.where}${from} ORDER BY id ${order} LIMIT ?`,
      )
      .all(...clause.params, ...(after === null ? [] : [after]), count) as DocumentRecord[];
  }

  async errorsPage(clause: Clause, after: number | null, count: number): Promise<ErrorRecord[]> {
    return this.db
      .prepare(
        `SELECT id, submission_timestamp, namespace, doc_type, doc_version, doc_id, uri, error_type, reasons, payload, user_agent
           FROM errors WHERE ${clause.where}${after === null ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
      )
      .all(...clause.params, ...(after === null ? [] : [after]), count) as ErrorRecord[];
  }

  async counts(): Promise<StoreCounts> {
    const { db } = this;
    return {
      byType: db
        .prepare(
          `SELECT namespace, doc_type, doc_version, count(*) AS count FROM documents
            GROUP BY namespace, doc_type, doc_version ORDER BY namespace, doc_type, doc_version`,
        )
        .all() as StoreCounts['byType'],
      deletions: db
        .prepare(
          `SELECT count(*) AS requests, coalesce(sum(documents_deleted), 0) AS documents_deleted,
                  coalesce(sum(errors_deleted), 0) AS errors_deleted FROM deletions`,
        )
        .get() as StoreCounts['deletions'],
      errors: (db.prepare('SELECT count(*) AS n FROM errors').get() as { n: number }).n,
      aggregatedDocuments: (db.prepare('SELECT coalesce(sum(count), 0) AS n FROM daily_counts').get() as { n: number }).n,
      duplicates: this.counter(DUPLICATES_COUNTER),
      discardedAfterDeletion: this.counter(DISCARDED_AFTER_DELETION_COUNTER),
    };
  }

  async aggregates(filter: AggregateFilter): Promise<Aggregates> {
    const clause = aggregateClause(filter);
    const { db } = this;
    return {
      counts: db
        .prepare(
          `SELECT day, namespace, doc_type, event, source, action_position, page, count FROM daily_counts
            WHERE ${clause.where} ORDER BY day, namespace, doc_type, event, source, action_position, page`,
        )
        .all(...clause.params) as Aggregates['counts'],
      distributions: db
        .prepare(
          `SELECT day, namespace, doc_type, metric, n, p50, p90, p99 FROM daily_distributions
            WHERE ${clause.where} ORDER BY day, namespace, doc_type, metric`,
        )
        .all(...clause.params) as Aggregates['distributions'],
      errors: db
        .prepare(`SELECT day, namespace, doc_type, count FROM daily_error_counts WHERE ${clause.where} ORDER BY day, namespace, doc_type`)
        .all(...clause.params) as Aggregates['errors'],
    };
  }

  async deletions(limit: number): Promise<DeletionRecord[]> {
    return this.db
      .prepare(
        `SELECT doc_id, submission_timestamp, client_id_sha256, impression_id_sha256, context_id_sha256,
                documents_deleted, errors_deleted, requests
           FROM deletions ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as DeletionRecord[];
  }

  async rawSummaryFigures(): Promise<RawSummaryFigures> {
    const perDay = this.db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, count(*) AS count
           FROM documents GROUP BY day, namespace, doc_type`,
      )
      .all() as RawSummaryFigures['perDay'];
    const clicks = this.db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, action_position AS position, count(*) AS clicks
           FROM documents WHERE ${TOP_SITES_CLICK} GROUP BY day, action_position`,
      )
      .all() as RawSummaryFigures['clicks'];
    const measures = this.db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, session_duration, first_paint_ms FROM documents
          WHERE ${SESSIONS} AND (session_duration IS NOT NULL OR first_paint_ms IS NOT NULL)`,
      )
      .all() as RawSummaryFigures['measures'];
    const messaging = this.db.prepare(messagingGroupsSql()).all() as MessagingCountRow[];
    return { perDay, clicks, measures, messaging };
  }

  async summaryRollups(): Promise<SummaryRollups> {
    const perDay = this.db
      .prepare('SELECT day, namespace, doc_type, sum(count) AS count FROM daily_counts GROUP BY day, namespace, doc_type')
      .all() as SummaryRollups['perDay'];
    const clicks = this.db
      .prepare(`SELECT action_position AS position, sum(count) AS clicks FROM daily_counts WHERE ${TOP_SITES_CLICK} GROUP BY action_position`)
      .all() as SummaryRollups['clicks'];
    const sessions = (this.db.prepare(`SELECT coalesce(sum(count), 0) AS n FROM daily_counts WHERE ${SESSIONS}`).get() as { n: number }).n;
    const messaging = this.db
      .prepare('SELECT day, doc_type, message_id, event, context, count FROM daily_messaging_counts')
      .all() as MessagingCountRow[];
    return { perDay, sessions, clicks, aggregatedDocuments: perDay.reduce((sum, row) => sum + row.count, 0), messaging };
  }

  async summaryCounters(): Promise<{ duplicates: number; errors: number; deletions: number }> {
    return {
      duplicates: this.counter(DUPLICATES_COUNTER),
      errors: (this.db.prepare('SELECT count(*) AS n FROM errors').get() as { n: number }).n,
      deletions: (this.db.prepare('SELECT count(*) AS n FROM deletions').get() as { n: number }).n,
    };
  }

  async oldestDayBefore(cutoff: string): Promise<string | null> {
    const row = this.db
      .prepare(
        `SELECT substr(min(ts), 1, 10) AS day FROM (
           SELECT min(submission_timestamp) AS ts FROM documents WHERE submission_timestamp < @cutoff
           UNION ALL SELECT min(submission_timestamp) FROM errors WHERE submission_timestamp < @cutoff)`,
      )
      .get({ cutoff }) as { day: string | null };
    return row.day;
  }

  async rollUp(from: string, to: string): Promise<{ documents: number; errors: number }> {
    return this.db.transaction(() => this.rollUpRange(from, to)).immediate();
  }

  private rollUpRange(from: string, to: string): { documents: number; errors: number } {
    const { db } = this;
    const groups = db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, event, source, action_position, page,
                count(*) AS count
           FROM documents WHERE submission_timestamp >= ? AND submission_timestamp < ?
          GROUP BY day, namespace, doc_type, event, source, action_position, page`,
      )
      .all(from, to) as Row[];
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

    const measures = db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, session_duration, first_paint_ms
           FROM documents WHERE submission_timestamp >= ? AND submission_timestamp < ?
            AND (session_duration IS NOT NULL OR first_paint_ms IS NOT NULL)`,
      )
      .all(from, to) as MeasureRow[];
    // A day is normally rolled up once; if it is met again (clock moved back), merge with an n-weighted mean.
    const upsertDistribution = db.prepare(
      `INSERT INTO daily_distributions (day, namespace, doc_type, metric, n, p50, p90, p99)
       VALUES (@day, @namespace, @doc_type, @metric, @n, @p50, @p90, @p99)
       ON CONFLICT (day, namespace, doc_type, metric) DO UPDATE SET
         n = n + excluded.n,
         p50 = (p50 * n + excluded.p50 * excluded.n) / (n + excluded.n),
         p90 = (p90 * n + excluded.p90 * excluded.n) / (n + excluded.n),
         p99 = (p99 * n + excluded.p99 * excluded.n) / (n + excluded.n)`,
    );
    for (const row of distributionRows(measures)) upsertDistribution.run(row);

    const messagingGroups = db
      .prepare(messagingGroupsSql('submission_timestamp >= ? AND submission_timestamp < ?'))
      .all(from, to) as MessagingCountRow[];
    const addToMessagingCount = db.prepare(
      `UPDATE daily_messaging_counts SET count = count + @count
        WHERE day = @day AND doc_type = @doc_type AND message_id IS @message_id AND event IS @event AND context IS @context`,
    );
    const insertMessagingCount = db.prepare(
      `INSERT INTO daily_messaging_counts (day, doc_type, message_id, event, context, count)
       VALUES (@day, @doc_type, @message_id, @event, @context, @count)`,
    );
    for (const group of messagingGroups) {
      if (addToMessagingCount.run(group).changes === 0) insertMessagingCount.run(group);
    }

    const errorGroups = db
      .prepare(
        `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, count(*) AS count
           FROM errors WHERE submission_timestamp >= ? AND submission_timestamp < ? GROUP BY day, namespace, doc_type`,
      )
      .all(from, to) as Row[];
    const upsertErrorCount = db.prepare(
      `INSERT INTO daily_error_counts (day, namespace, doc_type, count) VALUES (@day, @namespace, @doc_type, @count)
       ON CONFLICT (day, namespace, doc_type) DO UPDATE SET count = count + excluded.count`,
    );
    for (const group of errorGroups) upsertErrorCount.run(group);

    return {
      documents: db.prepare('DELETE FROM documents WHERE submission_timestamp >= ? AND submission_timestamp < ?').run(from, to).changes,
      errors: db.prepare('DELETE FROM errors WHERE submission_timestamp >= ? AND submission_timestamp < ?').run(from, to).changes,
    };
  }

  /** One process owns the file: nothing else can be running the task. */
  async exclusively<T>(_name: string, task: () => Promise<T>): Promise<T | null> {
    return task();
  }

  async check(): Promise<void> {
    this.db.prepare('SELECT count(*) FROM counters').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * Columns that came after the first release (added together, so the first tells
 * whether they are there): a database without them gets them, filled once from
 * the stored payloads.
 */
function addColumnsOnce(db: Database.Database, columns: Record<string, 'REAL' | 'TEXT'>, fill: string): void {
  const existing = db.prepare("SELECT name FROM pragma_table_info('documents')").pluck().all() as string[];
  if (existing.includes(Object.keys(columns)[0]!)) return;
  db.transaction(() => {
    for (const [name, type] of Object.entries(columns)) db.exec(`ALTER TABLE documents ADD COLUMN ${name} ${type}`);
    db.exec(fill);
  })();
}

/** The measure columns, so reading them never needs json_extract again. */
function addMeasureColumns(db: Database.Database): void {
  addColumnsOnce(
    db,
    { session_duration: 'REAL', first_paint_ms: 'REAL' },
    `UPDATE documents SET
        session_duration = CASE WHEN json_type(payload, '$.session_duration') IN ('integer', 'real')
                                THEN json_extract(payload, '$.session_duration') END,
        first_paint_ms = CASE WHEN json_type(payload, '$.perf.topsites_first_painted_ts') IN ('integer', 'real')
                               AND json_type(payload, '$.perf.visibility_event_rcvd_ts') IN ('integer', 'real')
                              THEN json_extract(payload, '$.perf.topsites_first_painted_ts')
                                 - json_extract(payload, '$.perf.visibility_event_rcvd_ts') END
      WHERE json_valid(payload)`,
  );
}

/** The messaging view's columns, which came with the messaging router (filled as messagingFieldsOf reads them). */
function addMessagingColumns(db: Database.Database): void {
  addColumnsOnce(
    db,
    { message_id: 'TEXT', event_context: 'TEXT' },
    `UPDATE documents SET
        message_id = CASE WHEN json_type(payload, '$.message_id') = 'text' THEN json_extract(payload, '$.message_id') END,
        event_context = CASE WHEN doc_type = 'undesired-events' AND json_type(payload, '$.event_context') = 'text'
                             THEN json_extract(payload, '$.event_context') END
      WHERE namespace = 'messaging-system' AND json_valid(payload)`,
  );
}
