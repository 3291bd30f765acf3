/**
 * PostgreSQL engine (node-postgres): any number of stateless collector replicas share
 * one database, and every promise SQLite keeps in one process holds across them.
 *
 * - Exactly once: doc_id is the primary key. A request's documents go in as one
 *   INSERT ... SELECT FROM unnest(...) ORDER BY doc_id ON CONFLICT DO NOTHING RETURNING,
 *   so every replica takes row locks in the same order; a deadlock or serialization
 *   failure that still happens is retried before the request gets a 5xx.
 * - Deletion without a window: each id is an advisory lock key. A deletion takes its ids'
 *   locks exclusively, an ingest shares the locks of its documents' ids, both for the
 *   whole transaction; the ingest then reads deleted_ids. So an ingest either commits
 *   before the deletion's DELETE runs (and is deleted) or reads the deletion's row.
 * - Retention: one replica at a time, under a session advisory lock (pg_try_advisory_lock).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { distributionRows, type MeasureRow } from './rollup';
import { MIGRATIONS } from './postgresSchema';
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
  type ErrorRecord,
  type MessagingCountRow,
  type RawSummaryFigures,
  type RemovedDocument,
  type Store,
  type StoreCounts,
  type SummaryRollups,
  type Write,
  type WriteOutcome,
} from './types';

export interface PostgresOptions {
  /** Connections this replica keeps (default 10; at least 2: retention holds one for its lock). */
  poolSize?: number;
  /** Longest a statement may run before PostgreSQL cancels it (default 30 s). */
  statementTimeoutMs?: number;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** Rows of a counter; a transaction adds to one picked at random. */
const COUNTER_SHARDS = 16;
const RETRIES = 5;
/** deadlock_detected, serialization_failure */
const RETRYABLE = new Set(['40P01', '40001']);

const INT8 = 20;
const NUMERIC = 1700;
/** count() and sum() are bigint or numeric: small enough here to be numbers, as SQLite gives them. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A 63-bit advisory lock key from a name or a hash. */
export function lockKey(text: string): string {
  const hex = /^[0-9a-f]{64}$/.test(text) ? text : createHash('sha256').update(text).digest('hex');
  return BigInt(`0x${hex.slice(0, 15)}`).toString();
}

const MIGRATION_LOCK = lockKey('open-activity-stream:migrations');

/** `?` placeholders (the read API's clauses) → `$1, $2, ...` starting after `offset`. */
function numbered(sql: string, offset = 0): string {
  let n = offset;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const DOCUMENT_COLUMNS: ReadonlyArray<[string, string]> = [
  ['doc_id', 'text'],
  ['submission_timestamp', 'text'],
  ['namespace', 'text'],
  ['doc_type', 'text'],
  ['doc_version', 'int4'],
  ['uri', 'text'],
  ['method', 'text'],
  ['payload', 'text'],
  ['content_length', 'int4'],
  ['user_agent', 'text'],
  ['x_debug_id', 'text'],
  ['x_telemetry_agent', 'text'],
  ['x_source_tags', 'text'],
  ['date', 'text'],
  ['dnt', 'text'],
  ['origin', 'text'],
  ['client_id', 'text'],
  ['impression_id', 'text'],
  ['context_id', 'text'],
  ['session_id', 'text'],
  ['event', 'text'],
  ['source', 'text'],
  ['page', 'text'],
  ['action_position', 'int4'],
  ['session_duration', 'float8'],
  ['first_paint_ms', 'float8'],
  ['message_id', 'text'],
  ['event_context', 'text'],
];

const COLUMN_LIST = DOCUMENT_COLUMNS.map(([name]) => name).join(', ');
/**
 * Row ids are drawn in request order (the unnest scan, before the sort), so the read API
 * lists a batch as sent, as SQLite does; the rows are then written in doc_id order.
 */
const INSERT_DOCUMENTS = `
  INSERT INTO documents (id, ${COLUMN_LIST}) OVERRIDING SYSTEM VALUE
  SELECT * FROM (
    SELECT nextval('documents_id_seq') AS id, * FROM unnest(${DOCUMENT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
        AS batch(${COLUMN_LIST})
  ) AS numbered
   ORDER BY doc_id
  ON CONFLICT (doc_id) DO NOTHING
  RETURNING doc_id`;

const REMOVED_COLUMNS = `substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, event, source, action_position,
  session_duration, first_paint_ms, message_id, event_context`;

type Client = pg.PoolClient;
type DocumentWrite = Extract<Write, { kind: 'document' }>;
type DeletionWrite = Extract<Write, { kind: 'deletion' }>;

export class PostgresStore implements Store {
  readonly engine = 'postgres';
  readonly shared = true;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: Math.max(2, options.poolSize ?? DEFAULT_POOL_SIZE),
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      types,
    });
    // An idle connection cut by the server must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool);
  }

  /** Runs `fn` in a transaction, again (a few times) after a deadlock or serialization failure. */
  private async transaction<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        const code = (error as { code?: string }).code;
        if (attempt >= RETRIES || code === undefined || !RETRYABLE.has(code)) throw error;
      } finally {
        client.release(broken);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }

  async write(writes: readonly Write[]): Promise<WriteOutcome[]> {
    return this.transaction(async (client) => {
      const deleted = await lockIdsAndReadDeleted(client, writes);
      const outcomes: WriteOutcome[] = [];
      const tally = { duplicates: 0, discarded: 0 };
      // Consecutive documents go in as one statement; a deletion between them applies to the ones after it.
      let run: DocumentWrite[] = [];
      const flush = async () => {
        if (run.length > 0) outcomes.push(...(await insertDocuments(client, run, deleted, tally)));
        run = [];
      };
      for (const write of writes) {
        if (write.kind === 'document') {
          run.push(write);
          continue;
        }
        await flush();
        if (write.kind === 'error') {
          if (write.idHashes.some((hash) => deleted.has(hash))) {
            tally.discarded++;
            outcomes.push({ kind: 'error', outcome: 'discarded' });
          } else {
            await insertError(client, write);
            outcomes.push({ kind: 'error', outcome: 'stored' });
          }
        } else {
          const outcome = await applyDeletion(client, write);
          if (outcome.duplicate) tally.duplicates++;
          for (const target of write.targets) deleted.add(target.sha256);
          outcomes.push(outcome);
        }
      }
      await flush();
      await bumpCounters(client, [
        [DISCARDED_AFTER_DELETION_COUNTER, tally.discarded],
        [DUPLICATES_COUNTER, tally.duplicates],
      ]);
      return outcomes;
    });
  }

  private async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  private async counter(name: string): Promise<number> {
    const [row] = await this.rows<{ value: number }>('SELECT coalesce(sum(value), 0) AS value FROM counters WHERE name = $1', [name]);
    return row?.value ?? 0;
  }

  async documentsPage(clause: Clause, order: 'asc' | 'desc', after: number | null, count: number): Promise<DocumentRecord[]> {
    const from = after === null ? '' : order === 'asc' ? ' AND id > ?' : ' AND id < ?';
    return this.rows<DocumentRecord>(
      numbered(`SELECT id, doc_id, submission_timestamp, namespace, doc_type, doc_version, uri, method, payload, content_length,
                       user_agent, x_debug_id, x_telemetry_agent, x_source_tags, date, dnt, origin
                  FROM documents WHERE ${clause.where}${from} ORDER BY id ${order} LIMIT ?`),
      [...clause.params, ...(after === null ? [] : [after]), count],
    );
  }

  async errorsPage(clause: Clause, after: number | null, count: number): Promise<ErrorRecord[]> {
    return this.rows<ErrorRecord>(
      numbered(`SELECT id, submission_timestamp, namespace, doc_type, doc_version, doc_id, uri, error_type, reasons, payload, user_agent
                  FROM errors WHERE ${clause.where}${after === null ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`),
      [...clause.params, ...(after === null ? [] : [after]), count],
    );
  }

  async counts(): Promise<StoreCounts> {
    const [byType, [deletions], [errors], [aggregated], duplicates, discarded] = await Promise.all([
      this.rows<StoreCounts['byType'][number]>(
        `SELECT namespace, doc_type, doc_version, count(*) AS count FROM documents
          GROUP BY namespace, doc_type, doc_version ORDER BY namespace, doc_type, doc_version`,
      ),
      this.rows<StoreCounts['deletions']>(
        `SELECT count(*) AS requests, coalesce(sum(documents_deleted), 0) AS documents_deleted,
                coalesce(sum(errors_deleted), 0) AS errors_deleted FROM deletions`,
      ),
      this.rows<{ n: number }>('SELECT count(*) AS n FROM errors'),
      this.rows<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM daily_counts'),
      this.counter(DUPLICATES_COUNTER),
      this.counter(DISCARDED_AFTER_DELETION_COUNTER),
    ]);
    return {
      byType,
      deletions: deletions as StoreCounts['deletions'],
      errors: errors?.n ?? 0,
      aggregatedDocuments: aggregated?.n ?? 0,
      duplicates,
      discardedAfterDeletion: discarded,
    };
  }

  async aggregates(filter: AggregateFilter): Promise<Aggregates> {
    const clause = aggregateClause(filter);
    const where = numbered(clause.where);
    const [counts, distributions, errors] = await Promise.all([
      // NULLS FIRST: the order SQLite gives.
      this.rows<Aggregates['counts'][number]>(
        `SELECT day, namespace, doc_type, event, source, action_position, page, count FROM daily_counts
          WHERE ${where} ORDER BY day, namespace, doc_type, event NULLS FIRST, source NULLS FIRST,
                action_position NULLS FIRST, page NULLS FIRST`,
        clause.params,
      ),
      this.rows<Aggregates['distributions'][number]>(
        `SELECT day, namespace, doc_type, metric, n, p50, p90, p99 FROM daily_distributions
          WHERE ${where} ORDER BY day, namespace, doc_type, metric`,
        clause.params,
      ),
      this.rows<Aggregates['errors'][number]>(
        `SELECT day, namespace, doc_type, count FROM daily_error_counts WHERE ${where} ORDER BY day, namespace, doc_type`,
        clause.params,
      ),
    ]);
    return { counts, distributions, errors };
  }

  async deletions(limit: number): Promise<DeletionRecord[]> {
    return this.rows<DeletionRecord>(
      `SELECT doc_id, submission_timestamp, client_id_sha256, impression_id_sha256, context_id_sha256,
              documents_deleted, errors_deleted, requests
         FROM deletions ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  async rawSummaryFigures(): Promise<RawSummaryFigures> {
    const [perDay, clicks, measures, messaging] = await Promise.all([
      this.rows<RawSummaryFigures['perDay'][number]>(
        `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, count(*) AS count
           FROM documents GROUP BY 1, namespace, doc_type`,
      ),
      this.rows<RawSummaryFigures['clicks'][number]>(
        `SELECT substr(submission_timestamp, 1, 10) AS day, action_position AS position, count(*) AS clicks
           FROM documents WHERE ${TOP_SITES_CLICK} GROUP BY 1, action_position`,
      ),
      this.rows<RawSummaryFigures['measures'][number]>(
        `SELECT substr(submission_timestamp, 1, 10) AS day, session_duration, first_paint_ms FROM documents
          WHERE ${SESSIONS} AND (session_duration IS NOT NULL OR first_paint_ms IS NOT NULL)`,
      ),
      this.rows<MessagingCountRow>(messagingGroupsSql()),
    ]);
    return { perDay, clicks, measures, messaging };
  }

  async summaryRollups(): Promise<SummaryRollups> {
    const [perDay, clicks, [sessions], messaging] = await Promise.all([
      this.rows<SummaryRollups['perDay'][number]>(
        'SELECT day, namespace, doc_type, sum(count) AS count FROM daily_counts GROUP BY day, namespace, doc_type',
      ),
      this.rows<SummaryRollups['clicks'][number]>(
        `SELECT action_position AS position, sum(count) AS clicks FROM daily_counts WHERE ${TOP_SITES_CLICK} GROUP BY action_position`,
      ),
      this.rows<{ n: number }>(`SELECT coalesce(sum(count), 0) AS n FROM daily_counts WHERE ${SESSIONS}`),
      this.rows<MessagingCountRow>('SELECT day, doc_type, message_id, event, context, count FROM daily_messaging_counts'),
    ]);
    return {
      perDay,
      sessions: sessions?.n ?? 0,
      clicks,
      aggregatedDocuments: perDay.reduce((sum, row) => sum + row.count, 0),
      messaging,
    };
  }

  async summaryCounters(): Promise<{ duplicates: number; errors: number; deletions: number }> {
    const [duplicates, [errors], [deletions]] = await Promise.all([
      this.counter(DUPLICATES_COUNTER),
      this.rows<{ n: number }>('SELECT count(*) AS n FROM errors'),
      this.rows<{ n: number }>('SELECT count(*) AS n FROM deletions'),
    ]);
    return { duplicates, errors: errors?.n ?? 0, deletions: deletions?.n ?? 0 };
  }

  async oldestDayBefore(cutoff: string): Promise<string | null> {
    const [row] = await this.rows<{ day: string | null }>(
      `SELECT substr(min(ts), 1, 10) AS day FROM (
         SELECT min(submission_timestamp) AS ts FROM documents WHERE submission_timestamp < $1
         UNION ALL SELECT min(submission_timestamp) FROM errors WHERE submission_timestamp < $1) AS oldest`,
      [cutoff],
    );
    return row?.day ?? null;
  }

  async rollUp(from: string, to: string): Promise<{ documents: number; errors: number }> {
    return this.transaction(async (client) => {
      const range = [from, to];
      // NULLs never conflict in a unique index, so merge with UPDATE ... IS NOT DISTINCT FROM, and insert what matched nothing.
      await client.query(
        `WITH groups AS (
           SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, event, source, action_position, page,
                  count(*) AS count
             FROM documents WHERE submission_timestamp >= $1 AND submission_timestamp < $2
            GROUP BY 1, namespace, doc_type, event, source, action_position, page),
         merged AS (
           UPDATE daily_counts AS d SET count = d.count + g.count FROM groups AS g
            WHERE d.day = g.day AND d.namespace = g.namespace AND d.doc_type = g.doc_type
              AND d.event IS NOT DISTINCT FROM g.event AND d.source IS NOT DISTINCT FROM g.source
              AND d.action_position IS NOT DISTINCT FROM g.action_position AND d.page IS NOT DISTINCT FROM g.page
           RETURNING g.day, g.namespace, g.doc_type, g.event, g.source, g.action_position, g.page)
         INSERT INTO daily_counts (day, namespace, doc_type, event, source, action_position, page, count)
         SELECT * FROM groups AS g WHERE NOT EXISTS (
           SELECT 1 FROM merged AS m WHERE m.day = g.day AND m.namespace = g.namespace AND m.doc_type = g.doc_type
              AND m.event IS NOT DISTINCT FROM g.event AND m.source IS NOT DISTINCT FROM g.source
              AND m.action_position IS NOT DISTINCT FROM g.action_position AND m.page IS NOT DISTINCT FROM g.page)`,
        range,
      );

      const measures = (
        await client.query(
          `SELECT substr(submission_timestamp, 1, 10) AS day, namespace, doc_type, session_duration, first_paint_ms
             FROM documents WHERE submission_timestamp >= $1 AND submission_timestamp < $2
              AND (session_duration IS NOT NULL OR first_paint_ms IS NOT NULL)`,
          range,
        )
      ).rows as MeasureRow[];
      for (const row of distributionRows(measures)) {
        // A day is normally rolled up once; if it is met again (clock moved back), merge with an n-weighted mean.
        await client.query(
          `INSERT INTO daily_distributions AS d (day, namespace, doc_type, metric, n, p50, p90, p99)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (day, namespace, doc_type, metric) DO UPDATE SET
             n = d.n + excluded.n,
             p50 = (d.p50 * d.n + excluded.p50 * excluded.n) / (d.n + excluded.n),
             p90 = (d.p90 * d.n + excluded.p90 * excluded.n) / (d.n + excluded.n),
             p99 = (d.p99 * d.n + excluded.p99 * excluded.n) / (d.n + excluded.n)`,
          [row.day, row.namespace, row.doc_type, row.metric, row.n, row.p50, row.p90, row.p99],
        );
      }

      await client.query(
        `WITH groups AS (${messagingGroupsSql('submission_timestamp >= $1 AND submission_timestamp < $2')}),
         merged AS (
           UPDATE daily_messaging_counts AS d SET count = d.count + g.count FROM groups AS g
            WHERE d.day = g.day AND d.doc_type = g.doc_type AND d.message_id IS NOT DISTINCT FROM g.message_id
              AND d.event IS NOT DISTINCT FROM g.event AND d.context IS NOT DISTINCT FROM g.context
           RETURNING g.day, g.doc_type, g.message_id, g.event, g.context)
         INSERT INTO daily_messaging_counts (day, doc_type, message_id, event, context, count)
         SELECT * FROM groups AS g WHERE NOT EXISTS (
           SELECT 1 FROM merged AS m WHERE m.day = g.day AND m.doc_type = g.doc_type AND m.message_id IS NOT DISTINCT FROM g.message_id
              AND m.event IS NOT DISTINCT FROM g.event AND m.context IS NOT DISTINCT FROM g.context)`,
        range,
      );

      await client.query(
        `INSERT INTO daily_error_counts AS d (day, namespace, doc_type, count)
         SELECT substr(submission_timestamp, 1, 10), namespace, doc_type, count(*)
           FROM errors WHERE submission_timestamp >= $1 AND submission_timestamp < $2 GROUP BY 1, namespace, doc_type
         ON CONFLICT (day, namespace, doc_type) DO UPDATE SET count = d.count + excluded.count`,
        range,
      );
      const documents = await client.query('DELETE FROM documents WHERE submission_timestamp >= $1 AND submission_timestamp < $2', range);
      const errors = await client.query('DELETE FROM errors WHERE submission_timestamp >= $1 AND submission_timestamp < $2', range);
      return { documents: documents.rowCount ?? 0, errors: errors.rowCount ?? 0 };
    });
  }

  async exclusively<T>(name: string, task: () => Promise<T>): Promise<T | null> {
    const key = lockKey(`open-activity-stream:${name}`);
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [key]);
      if (!(rows[0] as { locked: boolean }).locked) return null;
      try {
        return await task();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async check(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Applies the migrations not yet applied, one transaction each, while holding the migration lock. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
      const current = (rows[0] as { version: number }).version;
      for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/**
 * Takes the advisory locks of every id the writes name, for the transaction, in key
 * order (so two transactions cannot wait on each other): exclusive for ids a deletion
 * names, shared for the rest. Then reads which of them a deletion already named.
 */
async function lockIdsAndReadDeleted(client: Client, writes: readonly Write[]): Promise<Set<string>> {
  const exclusive = new Map<string, boolean>();
  for (const write of writes) {
    if (write.kind === 'deletion') for (const target of write.targets) exclusive.set(lockKey(target.sha256), true);
    else for (const hash of write.idHashes) if (!exclusive.has(lockKey(hash))) exclusive.set(lockKey(hash), false);
  }
  if (exclusive.size === 0) return new Set();
  const keys = [...exclusive.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  await client.query(
    `SELECT CASE WHEN x THEN pg_advisory_xact_lock(k) ELSE pg_advisory_xact_lock_shared(k) END
       FROM unnest($1::bigint[], $2::bool[]) AS locks(k, x)`,
    [keys, keys.map((key) => exclusive.get(key))],
  );
  const hashes = [...new Set(writes.flatMap((write) => (write.kind === 'deletion' ? [] : write.idHashes)))];
  if (hashes.length === 0) return new Set();
  const { rows } = await client.query('SELECT id_sha256 FROM deleted_ids WHERE id_sha256 = ANY($1::text[])', [hashes]);
  return new Set((rows as Array<{ id_sha256: string }>).map((row) => row.id_sha256));
}

/** One statement for the whole run; the first of several same doc_ids in it is the stored one. */
async function insertDocuments(
  client: Client,
  run: readonly DocumentWrite[],
  deleted: ReadonlySet<string>,
  tally: { duplicates: number; discarded: number },
): Promise<WriteOutcome[]> {
  const kept = run.filter((write) => !write.idHashes.some((hash) => deleted.has(hash)));
  const columns: unknown[][] = DOCUMENT_COLUMNS.map(() => []);
  for (const { row } of kept) {
    const values = [
      row.docId, row.submissionTimestamp, row.namespace, row.docType, row.docVersion, row.uri, row.method, row.payloadText,
      row.contentLength, row.headers.user_agent, row.headers.x_debug_id, row.headers.x_telemetry_agent, row.headers.x_source_tags,
      row.headers.date, row.headers.dnt, row.headers.origin, row.fields.client_id, row.fields.impression_id, row.fields.context_id,
      row.fields.session_id, row.fields.event, row.fields.source, row.fields.page, row.fields.action_position,
      row.measures.sessionDuration, row.measures.firstPaint, row.messaging.messageId, row.messaging.eventContext,
    ];
    values.forEach((value, i) => columns[i]?.push(value));
  }
  const inserted = new Set<string>();
  if (kept.length > 0) {
    const { rows } = await client.query(INSERT_DOCUMENTS, columns);
    for (const row of rows as Array<{ doc_id: string }>) inserted.add(row.doc_id);
  }
  return run.map((write) => {
    if (write.idHashes.some((hash) => deleted.has(hash))) {
      tally.discarded++;
      return { kind: 'document', outcome: 'discarded' };
    }
    if (inserted.delete(write.row.docId)) return { kind: 'document', outcome: 'stored' };
    tally.duplicates++;
    return { kind: 'document', outcome: 'duplicate' };
  });
}

async function insertError(client: Client, write: Extract<Write, { kind: 'error' }>): Promise<void> {
  const { row } = write;
  await client.query(
    `INSERT INTO errors (submission_timestamp, namespace, doc_type, doc_version, doc_id, uri, error_type, reasons, payload, user_agent,
       client_id, impression_id, context_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      row.submissionTimestamp, row.namespace, row.docType, row.docVersion, row.docId, row.uri, row.errorType,
      JSON.stringify(row.reasons), errorExcerpt(row.payloadText), row.userAgent, row.ids.client_id, row.ids.impression_id, row.ids.context_id,
    ],
  );
}

/** Deletes the named rows, remembers the ids, and records the request (its locks are held). */
async function applyDeletion(client: Client, write: DeletionWrite): Promise<Extract<WriteOutcome, { kind: 'deletion' }>> {
  const removed: RemovedDocument[] = [];
  let errors = 0;
  for (const target of write.targets) {
    const gone = await client.query(`DELETE FROM documents WHERE ${target.column} = ANY($1::text[]) RETURNING ${REMOVED_COLUMNS}`, [target.spellings]);
    removed.push(...(gone.rows as RemovedDocument[]));
    errors += (await client.query(`DELETE FROM errors WHERE ${target.column} = ANY($1::text[])`, [target.spellings])).rowCount ?? 0;
    // Undecodable bodies have no id columns: their excerpt and reasons may still hold the id.
    errors +=
      (await client.query(`DELETE FROM errors WHERE strpos(lower(coalesce(payload, '')), $1) > 0 OR strpos(lower(reasons), $1) > 0`, [target.normalized]))
        .rowCount ?? 0;
  }
  await client.query('INSERT INTO deleted_ids (id_sha256) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [
    write.targets.map((target) => target.sha256),
  ]);
  const documents = removed.length;
  const recorded = await client.query(
    `INSERT INTO deletions (doc_id, submission_timestamp, client_id_sha256, impression_id_sha256, context_id_sha256,
       documents_deleted, errors_deleted) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (doc_id) DO NOTHING RETURNING doc_id`,
    [write.docId, write.submissionTimestamp, write.hashes.client_id, write.hashes.impression_id, write.hashes.context_id, documents, errors],
  );
  const duplicate = recorded.rowCount === 0;
  // A retried request (same docId) deletes again (documents may have arrived in between) but counts as a duplicate.
  if (duplicate) {
    await client.query(
      'UPDATE deletions SET requests = requests + 1, documents_deleted = documents_deleted + $2, errors_deleted = errors_deleted + $3 WHERE doc_id = $1',
      [write.docId, documents, errors],
    );
  }
  return { kind: 'deletion', duplicate, documents, errors, removed };
}

/** Adds to one shard of each counter, in name order. */
async function bumpCounters(client: Client, counters: Array<[string, number]>): Promise<void> {
  const due = counters.filter(([, by]) => by > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (due.length === 0) return;
  const shard = Math.floor(Math.random() * COUNTER_SHARDS);
  await client.query(
    `INSERT INTO counters AS c (name, shard, value) SELECT name, $3, value FROM unnest($1::text[], $2::bigint[]) AS t(name, value)
     ON CONFLICT (name, shard) DO UPDATE SET value = c.value + excluded.value`,
    [due.map(([name]) => name), due.map(([, by]) => by), shard],
  );
}
