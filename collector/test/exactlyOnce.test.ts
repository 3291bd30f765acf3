import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountsView, DocumentView } from '../src/index';
import { cleanupCollectors, getJson, startTestCollector, submit, submitBatch } from './support/harness';
import { eventPayload, sessionPayload, submitUri } from './support/sampleSchemas';

afterEach(cleanupCollectors);

const counts = (url: string) => getJson<CountsView>(url, '/api/counts');

describe('exactly once in storage', () => {
  it('a duplicate by the single route, sent later, is answered 200, counted and not stored', async () => {
    const { url } = await startTestCollector();
    const uri = submitUri('activity-stream', 'events');
    const payload = eventPayload();
    expect((await submit(url, uri, payload)).json()).toEqual({ status: 200, duplicate: false });
    expect((await submit(url, uri, payload)).json()).toEqual({ status: 200, duplicate: true });
    expect((await submit(url, uri, payload, { method: 'PUT', gzip: true })).json()).toEqual({ status: 200, duplicate: true });
    expect(await counts(url)).toMatchObject({ total: 1, duplicates: 2 });
  });

  it('duplicates across the single and batch routes, sent later, in both directions', async () => {
    const { url } = await startTestCollector();
    const first = submitUri('activity-stream', 'events');
    const second = submitUri('activity-stream', 'sessions');
    await submit(url, first, eventPayload());
    const { results } = await submitBatch(url, [
      { uri: first, payload: eventPayload() },
      { uri: second, payload: sessionPayload() },
    ]);
    expect(results.map((r) => r.duplicate)).toEqual([true, false]);
    expect((await submit(url, second, sessionPayload())).json()).toEqual({ status: 200, duplicate: true });
    expect(await counts(url)).toMatchObject({ total: 2, duplicates: 2 });
  });

  it('the same documents sent in parallel by many requests are stored once', async () => {
    const { url } = await startTestCollector();
    const docs = Array.from({ length: 10 }, () => ({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }));
    const attempts = 8;
    const answers = await Promise.all([
      ...Array.from({ length: attempts }, () => submitBatch(url, docs)),
      ...Array.from({ length: attempts }, () => Promise.all(docs.map((d) => submit(url, d.uri, d.payload)))),
    ]);
    let fresh = 0;
    let duplicates = 0;
    for (const answer of answers) {
      const results = Array.isArray(answer) ? answer.map((r) => r.json() as { status: number; duplicate: boolean }) : answer.results;
      for (const result of results) {
        expect(result.status).toBe(200);
        if (result.duplicate) duplicates++;
        else fresh++;
      }
    }
    expect(fresh).toBe(docs.length);
    expect(duplicates).toBe(docs.length * (attempts * 2 - 1));
    expect(await counts(url)).toMatchObject({ total: docs.length, duplicates });
  });

  it('50 parallel clients, single and batch, lose nothing', async () => {
    const { url, dbPath, stop } = await startTestCollector();
    const clients = 50;
    const perClient = 12;
    const sent: string[] = [];
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const docs = Array.from({ length: perClient }, (_, i) => {
          const docId = randomUUID();
          sent.push(docId);
          return i % 2 === 0
            ? { uri: submitUri('activity-stream', 'events', 1, docId), payload: eventPayload({ action_position: client % 8 }) }
            : { uri: submitUri('activity-stream', 'sessions', 1, docId), payload: sessionPayload() };
        });
        if (client % 2 === 0) {
          for (const doc of docs) expect((await submit(url, doc.uri, doc.payload, { gzip: client % 4 === 0 })).status).toBe(200);
        } else {
          const { results } = await submitBatch(url, docs, { gzip: client % 3 === 0 });
          expect(results.map((r) => r.status)).toEqual(docs.map(() => 200));
        }
      }),
    );
    expect(await counts(url)).toMatchObject({ total: clients * perClient, duplicates: 0, errors: 0 });
    const listed = (await getJson<{ documents: DocumentView[] }>(url, '/api/documents?limit=10000')).documents;
    expect(new Set(listed.map((d) => d.doc_id))).toEqual(new Set(sent));

    // Everything is on disk once the collector has stopped.
    await stop();
    const db = new Database(dbPath, { readonly: true });
    const row = db.prepare('SELECT count(*) AS n, count(DISTINCT doc_id) AS distinct_ids FROM documents').get() as { n: number; distinct_ids: number };
    db.close();
    expect(row).toEqual({ n: clients * perClient, distinct_ids: clients * perClient });
  });

  it('after a restart on the same db file nothing is lost and duplicates are still recognised', async () => {
    const harness = await startTestCollector();
    const docs = Array.from({ length: 30 }, () => ({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }));
    await submitBatch(harness.url, docs.slice(0, 20));
    await submit(harness.url, docs[0]!.uri, docs[0]!.payload); // one duplicate before the restart
    await submit(harness.url, submitUri('activity-stream', 'events'), eventPayload({ client_id: 'bad' })); // one error

    await harness.restart();
    expect(await counts(harness.url)).toMatchObject({ total: 20, duplicates: 1, errors: 1 });

    const { results } = await submitBatch(harness.url, docs);
    expect(results.filter((r) => r.duplicate).length).toBe(20);
    expect(await counts(harness.url)).toMatchObject({ total: 30, duplicates: 21, errors: 1 });
  });

  it('close() waits for in-flight requests: every document answered 200 is stored', async () => {
    const harness = await startTestCollector({ faults: { latencyMs: 300 } });
    const docs = Array.from({ length: 10 }, () => ({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }));
    const inFlight = docs.map((d) => submit(harness.url, d.uri, d.payload));
    await new Promise((resolve) => setTimeout(resolve, 100)); // requests are now sleeping in the latency fault
    const closing = harness.collector.close();
    const answers = await Promise.all(inFlight);
    await closing;
    expect(answers.map((a) => a.status)).toEqual(docs.map(() => 200));

    await harness.restart({ faults: {} });
    expect((await counts(harness.url)).total).toBe(10);
  });
});
