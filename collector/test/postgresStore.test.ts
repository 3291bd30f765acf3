/**
 * The PostgreSQL engine's own promises, below HTTP: migrations applied once however many
 * replicas start together, a deadlocked ingest retried instead of failed, and retention
 * run by one replica at a time.
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockKey, PostgresStore } from '../src/store/postgres';
import { MIGRATIONS } from '../src/store/postgresSchema';
import type { DocumentRow, Write } from '../src/store/types';
import { postgresAvailable, startTestPostgres, type TestPostgres } from './support/postgres';

const available = postgresAvailable('postgresStore.test.ts');
let server: TestPostgres | undefined;
beforeAll(async () => {
  if (available) server = await startTestPostgres();
}, 90_000);
afterAll(() => server?.stop());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function documentWrite(idHashes: string[]): Write {
  const docId = randomUUID();
  const row: DocumentRow = {
    docId,
    submissionTimestamp: '2024-06-01T10:00:00.000Z',
    namespace: 'activity-stream',
    docType: 'events',
    docVersion: 1,
    uri: `/submit/activity-stream/events/1/${docId}`,
    method: 'POST',
    payloadText: '{}',
    contentLength: 2,
    headers: { user_agent: null, x_debug_id: null, x_telemetry_agent: null, x_source_tags: null, date: null, dnt: null, origin: null },
    fields: { client_id: null, impression_id: null, context_id: null, session_id: null, event: 'CLICK', source: null, page: null, action_position: null },
    measures: { sessionDuration: null, firstPaint: null },
    messaging: { messageId: null, eventContext: null },
  };
  return { kind: 'document', row, idHashes };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)('PostgreSQL engine', () => {
  it('applies each migration once when several replicas start at the same moment', async () => {
    const url = await server!.createDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(url)));
    await Promise.all(stores.map((store) => store.close()));
    const applied = await withClient(url, async (client) => (await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows);
    expect(applied).toEqual(MIGRATIONS.map((migration) => ({ version: migration.version })));
  });

  it('retries an ingest that PostgreSQL chose as a deadlock victim, and stores it', async () => {
    const url = await server!.createDatabase();
    const store = await PostgresStore.open(url);
    try {
      // Two ids whose lock keys the ingest takes in ascending order: first, then second.
      const hashes = [sha256(randomUUID()), sha256(randomUUID())].sort((a, b) => (BigInt(lockKey(a)) < BigInt(lockKey(b)) ? -1 : 1));
      const [first, second] = hashes.map(lockKey) as [string, string];
      const deadlocks = () =>
        withClient(url, async (c) => Number((await c.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0].deadlocks));
      const deadlocksBefore = await deadlocks();

      await withClient(url, async (other) => {
        // This side waits long before looking for deadlocks, so the ingest (1 s, the default) is the one cancelled.
        await other.query("SET deadlock_timeout = '20s'");
        await other.query('BEGIN');
        await other.query('SELECT pg_advisory_xact_lock($1)', [second]);
        const written = store.write([documentWrite(hashes)]);
        // Once the ingest holds `first` (shared) and waits for `second`, take `first`: a cycle.
        await expect.poll(async () => (await other.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n).toBe(1);
        await other.query('SELECT pg_advisory_xact_lock($1)', [first]);
        await other.query('COMMIT');
        expect(await written).toEqual([{ kind: 'document', outcome: 'stored' }]);
      });

      // Statistics reach pg_stat_database shortly after the transaction ends.
      await expect.poll(async () => (await deadlocks()) - deadlocksBefore).toBe(1);
      expect((await store.counts()).byType).toEqual([{ namespace: 'activity-stream', doc_type: 'events', doc_version: 1, count: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('leaves no window between a deletion and an ingest of that client on another replica', async () => {
    const url = await server!.createDatabase();
    const store = await PostgresStore.open(url);
    const client = randomUUID();
    const hash = sha256(client);
    const deletion: Write = {
      kind: 'deletion',
      docId: randomUUID(),
      submissionTimestamp: '2024-06-01T11:00:00.000Z',
      targets: [{ column: 'client_id', spellings: [client], normalized: client, sha256: hash }],
      hashes: { client_id: hash, impression_id: null, context_id: null },
    };
    const waiting = (other: pg.Client) =>
      expect.poll(async () => (await other.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n).toBe(1);
    try {
      await withClient(url, async (other) => {
        // An ingest on another replica, written but not yet committed: the deletion waits for it, then deletes it.
        await other.query('BEGIN');
        await other.query('SELECT pg_advisory_xact_lock_shared($1)', [lockKey(hash)]);
        await other.query(
          `INSERT INTO documents (doc_id, submission_timestamp, namespace, doc_type, doc_version, uri, method, payload, client_id)
           VALUES ($1, '2024-06-01T10:00:00.000Z', 'activity-stream', 'events', 1, '/submit', 'POST', '{}', $2)`,
          [randomUUID(), client],
        );
        const deleted = store.write([deletion]);
        await waiting(other);
        await other.query('COMMIT');
        expect(await deleted).toMatchObject([{ kind: 'deletion', duplicate: false, documents: 1 }]);
      });

      await withClient(url, async (other) => {
        // A deletion on another replica, not yet committed: the ingest waits for it, then discards the document.
        const leaving = sha256(randomUUID());
        await other.query('BEGIN');
        await other.query('SELECT pg_advisory_xact_lock($1)', [lockKey(leaving)]);
        await other.query('INSERT INTO deleted_ids (id_sha256) VALUES ($1)', [leaving]);
        const ingested = store.write([documentWrite([sha256(randomUUID()), leaving])]);
        await waiting(other);
        await other.query('COMMIT');
        expect(await ingested).toEqual([{ kind: 'document', outcome: 'discarded' }]);
      });
      expect((await store.counts()).byType).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('runs a task named for retention on one replica at a time', async () => {
    const url = await server!.createDatabase();
    const [one, two] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
    try {
      let release = () => {};
      let entered = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const running = one!.exclusively('retention', async () => {
        entered();
        await held;
        return 'ran';
      });
      await inside;
      expect(await two!.exclusively('retention', async () => 'also ran')).toBeNull();
      release();
      expect(await running).toBe('ran');
      expect(await two!.exclusively('retention', async () => 'ran after')).toBe('ran after');
    } finally {
      await Promise.all([one!.close(), two!.close()]);
    }
  });
});
