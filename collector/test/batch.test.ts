import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountsView, DocumentView } from '../src/index';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submitBatch } from './support/harness';
import { eventPayload, sessionPayload, submitUri } from './support/sampleSchemas';

afterEach(cleanupCollectors);

describe('POST /submit-batch', () => {
  it('answers one result per document, in order, with the single route’s status codes', async () => {
    const { url } = await startTestCollector({ limits: { maxDocumentBytes: 2048 } });
    const good = submitUri('activity-stream', 'events');
    const documents = [
      { uri: good, payload: eventPayload() },
      { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ client_id: 'not-a-uuid' }) },
      { uri: submitUri('nope', 'events'), payload: {} },
      { uri: '/submit/activity-stream/events/1/not-a-uuid', payload: eventPayload() },
      { uri: submitUri('activity-stream', 'sessions'), payload: 'not an object' },
      { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ value: 'x'.repeat(3000) }) },
      { uri: good, payload: eventPayload() },
      { uri: `/submit/${'x'.repeat(3000)}`, payload: {} },
      { payload: {} },
      { uri: submitUri('activity-stream', 'sessions'), payload: sessionPayload() },
    ];
    const { response, results } = await submitBatch(url, documents as never);
    expect(response.status).toBe(200);
    expect(results.map((r) => r.status)).toEqual([200, 400, 404, 400, 400, 413, 200, 414, 400, 200]);
    expect(results.map((r) => r.uri)).toEqual(documents.map((d) => d.uri ?? null));
    expect(results[0]).toEqual({ uri: good, status: 200, duplicate: false });
    expect(results[6]).toEqual({ uri: good, status: 200, duplicate: true });
    expect(results[1]?.errors?.[0]).toContain('/client_id');

    const counts = await getJson<CountsView>(url, '/api/counts');
    expect(counts.total).toBe(2);
    expect(counts.duplicates).toBe(1);
    expect(counts.errors).toBe(2); // schema failure + non-object payload on a known route
  });

  it('accepts a gzip body and stores request headers with every document', async () => {
    const { url } = await startTestCollector();
    const documents = Array.from({ length: 20 }, () => ({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }));
    const { response, results } = await submitBatch(url, documents, { gzip: true, headers: { 'User-Agent': 'Batcher/2', 'X-Debug-ID': 'b1' } });
    expect(response.status).toBe(200);
    expect(results.every((r) => r.status === 200 && r.duplicate === false)).toBe(true);
    const stored = (await getJson<{ documents: DocumentView[] }>(url, '/api/documents')).documents;
    expect(stored.map((d) => d.uri)).toEqual(documents.map((d) => d.uri));
    expect(stored.every((d) => d.metadata.user_agent === 'Batcher/2' && d.metadata.x_debug_id === 'b1')).toBe(true);
  });

  it('gives whole-request statuses for whole-request problems', async () => {
    const { url } = await startTestCollector({ limits: { maxBatchBytes: 10_000, maxBatchDocuments: 3 } });
    const post = (body: string | Buffer, headers: Record<string, string> = {}, omitContentLength = false) =>
      rawRequest(url, { path: '/submit-batch', body, headers, omitContentLength });

    expect((await post('{"documents": [')).status).toBe(400);
    expect((await post('{"docs": []}')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post('not gzip', { 'Content-Encoding': 'gzip' })).status).toBe(400);
    expect((await post('{"documents": []}', {}, true)).status).toBe(411);
    expect((await post(JSON.stringify({ documents: [{ uri: 'x', payload: { pad: 'p'.repeat(20_000) } }] }))).status).toBe(413);
    const bomb = gzipSync(Buffer.from(JSON.stringify({ documents: [], pad: ' '.repeat(1_000_000) })));
    expect((await post(bomb, { 'Content-Encoding': 'gzip' })).status).toBe(413);
    const tooMany = { documents: Array.from({ length: 4 }, () => ({ uri: submitUri('activity-stream', 'events'), payload: {} })) };
    expect((await post(JSON.stringify(tooMany))).status).toBe(413);
    expect((await post('{"documents": []}', { 'X-Source-Tags': 't'.repeat(2000) })).status).toBe(431);

    const empty = await post('{"documents": []}');
    expect(empty.status).toBe(200);
    expect(empty.json()).toEqual({ results: [] });
    expect((await getJson<CountsView>(url, '/api/counts')).total).toBe(0);
  });

  it('keeps the same docId once when it appears twice in one batch', async () => {
    const { url } = await startTestCollector();
    const docId = randomUUID();
    const uri = submitUri('activity-stream', 'events', 1, docId);
    const { results } = await submitBatch(url, [
      { uri, payload: eventPayload() },
      { uri: uri.toUpperCase().replace('/SUBMIT/ACTIVITY-STREAM/EVENTS', '/submit/activity-stream/events'), payload: eventPayload() },
    ]);
    expect(results.map((r) => r.duplicate)).toEqual([false, true]);
    expect((await getJson<CountsView>(url, '/api/counts')).total).toBe(1);
  });
});
