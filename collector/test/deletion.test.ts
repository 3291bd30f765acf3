import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountsView, DocumentView, ErrorView } from '../src/index';
import Database from 'better-sqlite3';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submit, submitBatch } from './support/harness';
import { braced, eventPayload, sessionPayload, submitUri } from './support/sampleSchemas';

afterEach(cleanupCollectors);

const deletionUri = (docId = randomUUID()) => submitUri('open-activity-stream', 'deletion-request', 1, docId);
const docs = async (url: string) => (await getJson<{ documents: DocumentView[] }>(url, '/api/documents')).documents;

interface Deletion {
  doc_id: string;
  client_id_sha256: string | null;
  impression_id_sha256: string | null;
  context_id_sha256: string | null;
  documents_deleted: number;
  errors_deleted: number;
  requests: number;
}

describe('deletion-request', () => {
  it('removes every raw document and error row carrying the client_id, and records only hashes', async () => {
    const { url } = await startTestCollector();
    const leaving = randomUUID();
    const staying = randomUUID();
    await submitBatch(url, [
      { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ client_id: leaving }) },
      { uri: submitUri('activity-stream', 'sessions'), payload: sessionPayload({ client_id: leaving }) },
      { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ client_id: staying }) },
    ]);
    // An invalid document of the leaving client sits in the errors table.
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ client_id: leaving, page: 'bogus' }));
    expect((await getJson<CountsView>(url, '/api/counts')).errors).toBe(1);

    const docId = randomUUID();
    const response = await submit(url, deletionUri(docId), { client_id: leaving });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: 200, duplicate: false, deleted: { documents: 2, errors: 1 } });

    const remaining = await docs(url);
    expect(remaining.map((d) => d.payload.client_id)).toEqual([staying]);
    expect((await getJson<{ errors: ErrorView[] }>(url, '/api/errors')).errors).toEqual([]);

    const { deletions } = await getJson<{ deletions: Deletion[] }>(url, '/api/deletions');
    expect(deletions).toEqual([
      {
        doc_id: docId,
        submission_timestamp: expect.any(String),
        client_id_sha256: createHash('sha256').update(leaving).digest('hex'),
        impression_id_sha256: null,
        context_id_sha256: null,
        documents_deleted: 2,
        errors_deleted: 1,
        requests: 1,
      },
    ]);
    // The deletion request itself is not kept as a document, and the raw id is nowhere in the API.
    expect(JSON.stringify(await getJson(url, '/api/deletions'))).not.toContain(leaving);
    expect(await getJson<CountsView>(url, '/api/counts')).toMatchObject({
      total: 1,
      deletions: { requests: 1, documents_deleted: 2, errors_deleted: 1 },
    });
  });

  it('matches impression_id and context_id in braces or bare, through the batch route too', async () => {
    const { url } = await startTestCollector();
    const impression = randomUUID();
    const context = randomUUID();
    await submitBatch(url, [
      { uri: submitUri('activity-stream', 'impression-stats', 2), payload: { impression_id: braced(impression), addon_version: '1', locale: 'en-US', page: 'about:home', user_prefs: 1, tiles: [{ id: 'a' }] } },
      { uri: submitUri('messaging-system', 'cfr'), payload: { impression_id: braced(impression), event: 'IMPRESSION', addon_version: '1', version: '1', locale: 'en-US', message_id: 'm' } },
      { uri: submitUri('contextual-services', 'topsites-click'), payload: { context_id: braced(context), tile_id: 4, version: '1', source: 'newtab' } },
      { uri: submitUri('activity-stream', 'events'), payload: eventPayload() },
    ]);
    expect((await docs(url)).length).toBe(4);

    const { results } = await submitBatch(url, [
      { uri: deletionUri(), payload: { impression_id: braced(impression) } },
      { uri: deletionUri(), payload: { context_id: braced(context.toUpperCase()).toLowerCase() } },
    ]);
    expect(results.map((r) => r.deleted)).toEqual([
      { documents: 2, errors: 0 },
      { documents: 1, errors: 0 },
    ]);
    expect((await docs(url)).map((d) => d.doc_type)).toEqual(['events']);
  });

  it('rejects a deletion-request without any id (400) and answers a repeated one as a duplicate', async () => {
    const { url } = await startTestCollector();
    const empty = await submit(url, deletionUri(), {});
    expect(empty.status).toBe(400);

    const client = randomUUID();
    const docId = randomUUID();
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ client_id: client }));
    expect((await submit(url, deletionUri(docId), { client_id: client })).json()).toMatchObject({ duplicate: false, deleted: { documents: 1 } });
    expect((await submit(url, deletionUri(docId), { client_id: client })).json()).toMatchObject({ duplicate: true, deleted: { documents: 0 } });
    expect(await docs(url)).toEqual([]);
    expect(await getJson<CountsView>(url, '/api/counts')).toMatchObject({ duplicates: 1, deletions: { requests: 1, documents_deleted: 1 } });
  });

  it('never stores a document that arrives after a deletion named its id: a retry or one in flight', async () => {
    const { url } = await startTestCollector();
    const client = randomUUID();
    const impression = randomUUID();
    const other = randomUUID();
    const retried = submitUri('activity-stream', 'events');
    await submit(url, retried, eventPayload({ client_id: client }));
    await submit(url, deletionUri(), { client_id: client });
    await submit(url, deletionUri(), { impression_id: braced(impression) });

    // The same document again (its answer was lost), through the single route.
    const retry = await submit(url, retried, eventPayload({ client_id: client }));
    expect(retry.status).toBe(200);
    expect(retry.json()).toEqual({ status: 200, duplicate: false, discarded: 'deleted-id' });
    // Documents that were in flight, through the batch route, beside one of another client.
    const { results } = await submitBatch(url, [
      { uri: submitUri('activity-stream', 'sessions'), payload: sessionPayload({ client_id: client.toUpperCase() }) },
      { uri: submitUri('activity-stream', 'impression-stats', 2), payload: { impression_id: braced(impression), addon_version: '1', locale: 'en-US', page: 'about:home', user_prefs: 1, tiles: [{ id: 'a' }] } },
      { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ client_id: other }) },
    ]);
    expect(results.map((r) => [r.status, r.discarded])).toEqual([
      [200, 'deleted-id'],
      [200, 'deleted-id'],
      [200, undefined],
    ]);

    expect((await docs(url)).map((d) => d.payload.client_id)).toEqual([other]);
    expect(await getJson<CountsView>(url, '/api/counts')).toMatchObject({
      total: 1,
      duplicates: 0,
      deletions: { requests: 2, documents_deleted: 1, errors_deleted: 0, documents_discarded: 3 },
    });
  });

  it('leaves no raw id behind: undecodable bodies and error reasons holding it go too, and later rejects are not kept', async () => {
    const { url, dbPath } = await startTestCollector();
    const leaving = randomUUID();
    const staying = randomUUID();
    const uri = () => submitUri('activity-stream', 'events');
    // Before the request: an undecodable body holding the id (no id columns), and one of another client.
    expect((await rawRequest(url, { path: uri(), body: `{"client_id":"${leaving.toUpperCase()}", oops` })).status).toBe(400);
    expect((await rawRequest(url, { path: uri(), body: `{"client_id":"${staying}", oops` })).status).toBe(400);
    const response = await submit(url, deletionUri(), { client_id: leaving });
    expect(response.json()).toMatchObject({ deleted: { documents: 0, errors: 1 } });

    // After it: invalid JSON, a schema failure and a valid document carrying the id, by both routes.
    expect((await rawRequest(url, { path: uri(), body: `[{"client_id":"${leaving}"` })).status).toBe(400);
    expect((await submit(url, uri(), eventPayload({ client_id: leaving, page: 'bogus' }))).status).toBe(400);
    const { results } = await submitBatch(url, [
      { uri: uri(), payload: eventPayload({ client_id: leaving, locale: 7 }) },
      { uri: uri(), payload: { note: `about ${leaving}` } },
      { uri: uri(), payload: eventPayload({ client_id: leaving }) },
    ]);
    expect(results.map((r) => r.status)).toEqual([400, 400, 200]);
    expect(results[2]?.discarded).toBe('deleted-id');

    const errors = (await getJson<{ errors: ErrorView[] }>(url, '/api/errors')).errors;
    expect(errors.map((e) => e.payload)).toEqual([`{"client_id":"${staying}", oops`]);
    expect((await getJson<CountsView>(url, '/api/counts')).deletions.documents_discarded).toBe(5);

    // Nowhere in the database file, in any spelling.
    const db = new Database(dbPath, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      for (const table of tables) {
        const text = JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all()).toLowerCase();
        expect(text, table).not.toContain(leaving);
      }
    } finally {
      db.close();
    }
  });
});
