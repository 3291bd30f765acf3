/**
 * Three collector processes over one PostgreSQL database, as behind a load balancer:
 * every acknowledged document stored exactly once whichever replica got it, nothing
 * acknowledged lost when a replica is killed mid-batch, duplicates answered as such,
 * and a deletion on one replica honoured while another ingests for that client.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountsView, DashboardSummary, DocumentView } from '../src/index';
import { getJson, submit, submitBatch, type BatchEntry, type BatchResult } from './support/harness';
import { postgresAvailable, startTestPostgres, type TestPostgres } from './support/postgres';
import { startReplica, type Replica } from './support/replicas';
import { eventPayload, removeSampleSchemas, sessionPayload, submitUri, writeSampleSchemas } from './support/sampleSchemas';

const available = postgresAvailable('replicas.test.ts');
let server: TestPostgres | undefined;
const replicas: Replica[] = [];
beforeAll(async () => {
  if (available) server = await startTestPostgres();
}, 90_000);
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.kill()));
  server?.stop();
  removeSampleSchemas();
});

const docIdOf = (entry: BatchEntry) => entry.uri.split('/').at(-1) as string;

function clientDocuments(client: string, count: number): BatchEntry[] {
  return Array.from({ length: count }, (_, i) =>
    i % 3 === 0
      ? { uri: submitUri('activity-stream', 'sessions'), payload: sessionPayload({ client_id: client, session_duration: 100 + i }) }
      : { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ client_id: client, action_position: i % 8 }) },
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Every answer seen, per document id. */
class Ledger {
  readonly answers = new Map<string, BatchResult[]>();
  record(batch: BatchEntry[], results: BatchResult[]): void {
    batch.forEach((entry, i) => {
      const list = this.answers.get(docIdOf(entry)) ?? [];
      list.push(results[i] as BatchResult);
      this.answers.set(docIdOf(entry), list);
    });
  }
  /** Sends to `url` and records the answers; false when the connection failed (nothing acknowledged). */
  async send(url: string, batch: BatchEntry[]): Promise<boolean> {
    try {
      const { response, results } = await submitBatch(url, batch);
      if (response.status !== 200) return false;
      this.record(batch, results);
      return results.every((result) => result.status === 200);
    } catch {
      return false;
    }
  }
}

describe.skipIf(!available)('three replicas over one PostgreSQL database', () => {
  it('store each acknowledged document exactly once through concurrency, a killed replica and a deletion', async () => {
    const db = await server!.createDatabase();
    const schemaDir = writeSampleSchemas();
    const args = ['--schema-dir', schemaDir, '--pool-size', '4', '--max-concurrent-per-client', '1000'];
    replicas.push(...(await Promise.all([0, 1, 2].map(() => startReplica(db, args)))));
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    const ledger = new Ledger();

    // 1. Forty clients; each batch goes to two replicas at once.
    const clients = Array.from({ length: 40 }, () => randomUUID());
    const batches = chunks(clients.flatMap((client) => clientDocuments(client, 15)), 20);
    await Promise.all(
      batches.map(async (batch, i) => {
        const [first, second] = [replicas[i % 3], replicas[(i + 1) % 3]] as [Replica, Replica];
        const sent = await Promise.all([ledger.send(first.url, batch), ledger.send(second.url, batch)]);
        expect(sent).toEqual([true, true]);
      }),
    );

    // 2. A replica killed while batches are in flight to it; what it did not acknowledge is retried elsewhere.
    const late = chunks(clients.slice(0, 10).flatMap((client) => clientDocuments(client, 30)), 50);
    const inFlight = late.map((batch) => ledger.send(c.url, batch));
    // Killed as soon as one batch is acknowledged, with the others still being written.
    await Promise.race(inFlight);
    await c.kill();
    const delivered = await Promise.all(inFlight);
    expect(delivered).toContain(true);
    for (const [i, batch] of late.entries()) if (!delivered[i]) expect(await ledger.send(a.url, batch as BatchEntry[])).toBe(true);
    const restarted = await startReplica(db, args);
    replicas[2] = restarted;
    const afterRestart = clientDocuments(clients[0] as string, 5);
    expect(await ledger.send(restarted.url, afterRestart)).toBe(true);
    expect(await ledger.send(b.url, afterRestart)).toBe(true);

    // 3. A deletion on one replica while another ingests for that client.
    const leaving = clients[5] as string;
    const stragglers = chunks(clientDocuments(leaving, 120), 10);
    const deletion = submit(b.url, submitUri('open-activity-stream', 'deletion-request'), { client_id: leaving });
    const [deletionAnswer] = await Promise.all([deletion, ...stragglers.map((batch) => ledger.send(a.url, batch))]);
    expect(deletionAnswer.status).toBe(200);
    // Still arriving afterwards: answered, not kept.
    const afterDeletion = clientDocuments(leaving, 3);
    expect(await ledger.send(restarted.url, afterDeletion)).toBe(true);
    expect(ledger.answers.get(docIdOf(afterDeletion[0] as BatchEntry))).toEqual([{ uri: afterDeletion[0]?.uri, status: 200, duplicate: false, discarded: 'deleted-id' }]);

    // Exactly once: each document has at most one "stored" answer, and every acknowledged document of a
    // remaining client is in the database once (primary key) — none lost, none extra.
    const everything = [...batches.flat(), ...late.flat(), ...afterRestart, ...stragglers.flat(), ...afterDeletion];
    const leavingDocs = new Set(everything.filter((entry) => (entry.payload as { client_id: string }).client_id === leaving).map(docIdOf));
    const expected = new Set([...ledger.answers.keys()].filter((id) => !leavingDocs.has(id)));
    let duplicateAnswers = 0;
    for (const [id, answers] of ledger.answers) {
      expect(answers.filter((answer) => answer.duplicate === false && !answer.discarded).length, id).toBeLessThanOrEqual(1);
      duplicateAnswers += answers.filter((answer) => answer.duplicate === true).length;
    }
    const sql = new pg.Client({ connectionString: db });
    await sql.connect();
    try {
      const { rows } = await sql.query('SELECT doc_id, client_id FROM documents');
      const stored = new Set((rows as Array<{ doc_id: string }>).map((row) => row.doc_id));
      expect(rows.length).toBe(stored.size);
      expect([...expected].filter((id) => !stored.has(id))).toEqual([]);
      expect([...stored].filter((id) => !expected.has(id))).toEqual([]);
      expect((rows as Array<{ client_id: string }>).filter((row) => row.client_id === leaving)).toEqual([]);
    } finally {
      await sql.end();
    }

    // Every replica reads the same figures: the duplicates reported, the deletion, the dashboard.
    const views = await Promise.all(replicas.map((replica) => getJson<CountsView>(replica.url, '/api/counts')));
    for (const view of views) expect(view).toEqual(views[0]);
    const counts = views[0] as CountsView;
    expect(counts.total).toBe(expected.size);
    expect(counts.duplicates).toBe(duplicateAnswers);
    expect(counts.deletions.requests).toBe(1);
    const left = await getJson<{ documents: DocumentView[] }>(a.url, `/api/documents?client_id=${leaving}`);
    expect(left.documents).toEqual([]);
    const summaries = await Promise.all(
      replicas.map(async (replica) => {
        const { generated_at: _ignored, ...rest } = await getJson<DashboardSummary>(replica.url, '/api/summary');
        return rest;
      }),
    );
    for (const summary of summaries) expect(summary).toEqual(summaries[0]);
    expect(summaries[0]?.totals.documents).toBe(expected.size);
  }, 120_000);
});
