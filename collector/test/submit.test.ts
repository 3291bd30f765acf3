import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSchemaRegistry } from '../../src/common/schemas/registry';
import type { CountsView, DocumentView, ErrorView } from '../src/index';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submit } from './support/harness';
import { eventPayload, sessionPayload, submitUri, writeSampleSchemas } from './support/sampleSchemas';

afterEach(cleanupCollectors);

const documents = async (url: string, query = '') =>
  (await getJson<{ documents: DocumentView[] }>(url, `/api/documents${query}`)).documents;

describe('POST|PUT /submit/<namespace>/<docType>/<docVersion>/<docId>', () => {
  it('200: stores a valid document with server timestamp, metadata headers and extracted fields', async () => {
    const { url } = await startTestCollector({ now: () => Date.parse('2024-05-06T07:08:09.123Z') });
    const docId = randomUUID();
    const payload = eventPayload({ event: 'CLICK', source: 'TOP_SITES', action_position: 3 });
    const response = await submit(url, submitUri('activity-stream', 'events', 1, docId), payload, {
      headers: {
        'User-Agent': 'TestAgent/1.0',
        'X-Debug-ID': 'debug-tag',
        'X-Telemetry-Agent': 'oas/0.1',
        'X-Source-Tags': 'automation',
        DNT: '1',
        Date: 'Mon, 06 May 2024 07:08:00 GMT',
        'X-Forwarded-For': '203.0.113.9',
      },
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: 200, duplicate: false });
    expect(response.headers['set-cookie']).toBeUndefined();

    const [stored] = await documents(url);
    expect(stored).toMatchObject({
      doc_id: docId,
      submission_timestamp: '2024-05-06T07:08:09.123Z',
      namespace: 'activity-stream',
      doc_type: 'events',
      doc_version: 1,
      method: 'POST',
      payload,
      metadata: {
        user_agent: 'TestAgent/1.0',
        x_debug_id: 'debug-tag',
        x_telemetry_agent: 'oas/0.1',
        x_source_tags: 'automation',
        dnt: '1',
        date: 'Mon, 06 May 2024 07:08:00 GMT',
        content_length: JSON.stringify(payload).length,
      },
    });
    // The client IP is never stored, not even the forwarded one.
    expect(JSON.stringify(stored)).not.toContain('203.0.113.9');
    expect(JSON.stringify(stored)).not.toContain('127.0.0.1');
  });

  it('200 for PUT too, and for upper-case docIds (stored lower-case)', async () => {
    const { url } = await startTestCollector();
    const docId = randomUUID().toUpperCase();
    const response = await submit(url, submitUri('activity-stream', 'sessions', 1, docId), sessionPayload(), { method: 'PUT' });
    expect(response.status).toBe(200);
    const [stored] = await documents(url);
    expect(stored?.doc_id).toBe(docId.toLowerCase());
    expect(stored?.method).toBe('PUT');
  });

  it('200 for a gzip body; 400 for a body that is not gzip; 413 when it inflates past the cap', async () => {
    const { url } = await startTestCollector({ limits: { maxDocumentBytes: 64 * 1024 } });
    const ok = await submit(url, submitUri('activity-stream', 'events'), eventPayload(), { gzip: true });
    expect(ok.status).toBe(200);

    const bad = await rawRequest(url, {
      path: submitUri('activity-stream', 'events'),
      headers: { 'Content-Encoding': 'gzip' },
      body: '{"not":"gzipped"}',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('invalid gzip');

    // 10 MB of spaces inside valid JSON compresses to ~10 KB: a gzip bomb against a 64 KB cap.
    const bomb = gzipSync(Buffer.from(`{"pad":"${' '.repeat(10_000_000)}"}`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const tooBig = await rawRequest(url, { path: submitUri('activity-stream', 'events'), headers: { 'Content-Encoding': 'gzip' }, body: bomb });
    expect(tooBig.status).toBe(413);

    const unsupported = await rawRequest(url, { path: submitUri('activity-stream', 'events'), headers: { 'Content-Encoding': 'br' }, body: '{}' });
    expect(unsupported.status).toBe(400);
    expect((await documents(url)).length).toBe(1);
  });

  it('400 for bad URLs', async () => {
    const { url } = await startTestCollector();
    const id = randomUUID();
    for (const path of [
      '/submit',
      '/submit/activity-stream/events/1',
      `/submit/activity-stream/events/1/${id}/extra`,
      '/submit/activity-stream/events/1/not-a-uuid',
      `/submit/activity-stream/events/v1/${id}`,
      `/submit/activity-stream/events/0/${id}`,
      `/submit/Activity-Stream/events/1/${id}`,
      `/submit/activity-stream/events/1/{${id}}`,
    ]) {
      const response = await submit(url, path, eventPayload());
      expect(response.status, path).toBe(400);
      expect((response.json() as { errors: string[] }).errors.length, path).toBeGreaterThan(0);
    }
  });

  it('400 for bad JSON and non-object JSON, recorded in the errors table', async () => {
    const { url } = await startTestCollector();
    const badJson = await rawRequest(url, { path: submitUri('activity-stream', 'events'), body: '{"client_id": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.text).toContain('invalid JSON');
    const array = await rawRequest(url, { path: submitUri('activity-stream', 'events'), body: '[1,2]' });
    expect(array.status).toBe(400);
    expect(array.text).toContain('JSON object');
    const { errors } = await getJson<{ errors: ErrorView[] }>(url, '/api/errors');
    expect(errors.map((e) => e.error_type)).toEqual(['decode', 'decode']);
  });

  it('400 with reasons for a schema failure; the document goes to the errors table, not storage', async () => {
    const { url } = await startTestCollector();
    const docId = randomUUID();
    const response = await submit(url, submitUri('activity-stream', 'events', 1, docId), eventPayload({ client_id: 'nope', page: 'about:blank' }));
    expect(response.status).toBe(400);
    const body = response.json() as { status: number; errors: string[] };
    expect(body.status).toBe(400);
    expect(body.errors.some((e) => e.includes('/client_id'))).toBe(true);
    expect(body.errors.some((e) => e.includes('/page'))).toBe(true);

    expect(await documents(url)).toEqual([]);
    const { errors } = await getJson<{ errors: ErrorView[] }>(url, '/api/errors');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ doc_id: docId, namespace: 'activity-stream', doc_type: 'events', error_type: 'schema' });
    expect(errors[0]?.reasons).toEqual(body.errors);
    expect((await getJson<CountsView>(url, '/api/counts')).errors).toBe(1);
  });

  it('404 for an unknown namespace, docType or version', async () => {
    const { url } = await startTestCollector();
    for (const uri of [submitUri('no-such-namespace', 'events'), submitUri('activity-stream', 'no-such-type'), submitUri('activity-stream', 'events', 7)]) {
      const response = await submit(url, uri, eventPayload());
      expect(response.status, uri).toBe(404);
    }
    const wrongRoute = await rawRequest(url, { method: 'GET', path: '/nothing-here' });
    expect(wrongRoute.status).toBe(404);
    expect(wrongRoute.headers['content-type']).toContain('application/json');
  });

  it('405 for other methods, with Allow', async () => {
    const { url } = await startTestCollector();
    for (const method of ['GET', 'DELETE', 'PATCH']) {
      const response = await rawRequest(url, { method, path: submitUri('activity-stream', 'events') });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('POST, PUT, OPTIONS');
    }
    expect((await rawRequest(url, { method: 'GET', path: '/submit-batch' })).status).toBe(405);
    expect((await rawRequest(url, { method: 'POST', path: '/__heartbeat__', body: '' })).status).toBe(405);
  });

  it('411 without Content-Length (chunked upload)', async () => {
    const { url } = await startTestCollector();
    const response = await rawRequest(url, {
      path: submitUri('activity-stream', 'events'),
      body: JSON.stringify(eventPayload()),
      omitContentLength: true,
    });
    expect(response.status).toBe(411);
    expect(await documents(url)).toEqual([]);
  });

  it('413 for a body over the limit, by Content-Length and by actual size', async () => {
    const { url } = await startTestCollector({ limits: { maxDocumentBytes: 4096 } });
    const big = JSON.stringify(eventPayload({ value: 'x'.repeat(5000) }));
    const response = await rawRequest(url, { path: submitUri('activity-stream', 'events'), body: big });
    expect(response.status).toBe(413);
    expect(response.headers['set-cookie']).toBeUndefined();
    // The connection is closed after the 413, and the collector keeps serving new ones.
    const next = await submit(url, submitUri('activity-stream', 'events'), eventPayload());
    expect(next.status).toBe(200);
  });

  it('413 for a 2 MB body against the default 1 MiB limit', async () => {
    const { url } = await startTestCollector();
    const response = await rawRequest(url, {
      path: submitUri('activity-stream', 'events'),
      body: JSON.stringify(eventPayload({ value: 'x'.repeat(2_000_000) })),
    });
    expect(response.status).toBe(413);
  });

  it('414 for a request target that is too long', async () => {
    const { url } = await startTestCollector();
    const response = await submit(url, `/submit/activity-stream/events/1/${'a'.repeat(3000)}`, eventPayload());
    expect(response.status).toBe(414);
  });

  it('431 for a metadata header over 1024 bytes, and for headers over the server limit', async () => {
    const { url } = await startTestCollector();
    const longAgent = await submit(url, submitUri('activity-stream', 'events'), eventPayload(), { headers: { 'User-Agent': 'u'.repeat(1025) } });
    expect(longAgent.status).toBe(431);
    const huge = await submit(url, submitUri('activity-stream', 'events'), eventPayload(), { headers: { 'X-Padding': 'p'.repeat(20_000) } });
    expect(huge.status).toBe(431);
    expect(await documents(url)).toEqual([]);
  });

  it('500 when something unexpected fails, and the collector keeps working', async () => {
    const registry = loadSchemaRegistry(writeSampleSchemas());
    let explode = true;
    const flaky = {
      ...registry,
      validate: (...args: Parameters<typeof registry.validate>) => {
        if (explode) throw new Error('boom');
        return registry.validate(...args);
      },
    };
    const { url } = await startTestCollector({ registry: flaky });
    const response = await submit(url, submitUri('activity-stream', 'events'), eventPayload());
    expect(response.status).toBe(500);
    expect(response.json()).toEqual({ status: 500, errors: ['internal error'] });
    explode = false;
    expect((await submit(url, submitUri('activity-stream', 'events'), eventPayload())).status).toBe(200);
  });

  it('507 when the database is full; accepted documents stay', async () => {
    const { url } = await startTestCollector({ maxDbBytes: 256 * 1024 });
    const statuses: number[] = [];
    for (let i = 0; i < 200 && !statuses.includes(507); i++) {
      const response = await submit(url, submitUri('activity-stream', 'events'), eventPayload({ value: 'v'.repeat(4000) }));
      statuses.push(response.status);
      if (response.status === 507) expect(response.text).toContain('SQLITE_FULL');
    }
    expect(statuses).toContain(507);
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200 && s !== 507)).toEqual([]);
    expect((await getJson<CountsView>(url, '/api/counts')).total).toBe(accepted);
  });

  it('answers CORS preflight for extension origins, never sets cookies or allows credentials', async () => {
    const { url } = await startTestCollector();
    const uri = submitUri('activity-stream', 'events');
    for (const origin of ['moz-extension://11111111-2222-4333-8444-555555555555', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop']) {
      const preflight = await rawRequest(url, {
        method: 'OPTIONS',
        path: uri,
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, content-encoding' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      expect(preflight.headers['access-control-allow-headers']).toContain('content-encoding');
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      expect(preflight.headers['set-cookie']).toBeUndefined();

      const post = await submit(url, submitUri('activity-stream', 'events'), eventPayload(), { headers: { Origin: origin } });
      expect(post.status).toBe(200);
      expect(post.headers['access-control-allow-origin']).toBe(origin);
    }
    const web = await rawRequest(url, { method: 'OPTIONS', path: uri, headers: { Origin: 'https://evil.example' } });
    expect(web.headers['access-control-allow-origin']).toBeUndefined();
    const batchPreflight = await rawRequest(url, { method: 'OPTIONS', path: '/submit-batch', headers: { Origin: 'moz-extension://abc' } });
    expect(batchPreflight.status).toBe(204);
    expect(batchPreflight.headers['access-control-allow-origin']).toBe('moz-extension://abc');
    const [stored] = await documents(url);
    expect(stored?.metadata.origin).toBe('moz-extension://11111111-2222-4333-8444-555555555555');
  });
});

describe('health endpoints', () => {
  it('serves __heartbeat__, __lbheartbeat__ and __version__', async () => {
    const { url } = await startTestCollector();
    expect(await getJson(url, '/__heartbeat__')).toEqual({ status: 'ok', checks: { database: 'ok', schemas: 11 } });
    expect(await getJson(url, '/__lbheartbeat__')).toEqual({ status: 'ok' });
    const version = await getJson<Record<string, string>>(url, '/__version__');
    expect(Object.keys(version).sort()).toEqual(['build', 'commit', 'source', 'version']);
    expect(version.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
