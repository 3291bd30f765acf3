import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountsView, DocumentView } from '../src/index';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submit, submitBatch } from './support/harness';
import { eventPayload, submitUri } from './support/sampleSchemas';

afterEach(cleanupCollectors);

const deletionUri = () => submitUri('open-activity-stream', 'deletion-request', 1, randomUUID());
const total = async (url: string) => (await getJson<CountsView>(url, '/api/counts')).total;
const MOZ = 'moz-extension://11111111-2222-4333-8444-555555555555';
const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('who may write', () => {
  it('accepts the extension’s origins and requests without Origin, with the headers the extension sends', async () => {
    const { url } = await startTestCollector();
    // Exactly what src/background/telemetry/transports.ts sends: gzip, JSON with a charset.
    const headers = { 'Content-Type': 'application/json; charset=utf-8' };
    for (const origin of [MOZ, CHROME, undefined]) {
      const single = await submit(url, submitUri('activity-stream', 'events'), eventPayload(), {
        gzip: true,
        headers: origin ? { ...headers, Origin: origin } : headers,
      });
      expect(single.status, origin).toBe(200);
      const { response } = await submitBatch(url, [{ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }], {
        gzip: true,
        headers: origin ? { ...headers, Origin: origin } : headers,
      });
      expect(response.status, origin).toBe(200);
    }
    expect(await total(url)).toBe(6);
  });

  it('refuses web origins with 403 on every ingestion route and method, stores and deletes nothing', async () => {
    const { url } = await startTestCollector();
    const victim = randomUUID();
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ client_id: victim }));
    for (const origin of ['https://evil.example', 'http://127.0.0.1:9999', 'null', 'moz-extension://bad/path']) {
      const headers = { Origin: origin };
      expect((await submit(url, submitUri('activity-stream', 'events'), eventPayload(), { headers })).status, origin).toBe(403);
      expect((await submit(url, deletionUri(), { client_id: victim }, { headers })).status, origin).toBe(403);
      const { response } = await submitBatch(url, [{ uri: deletionUri(), payload: { client_id: victim } }], { headers });
      expect(response.status, origin).toBe(403);
      const preflight = await rawRequest(url, { method: 'OPTIONS', path: '/submit-batch', headers });
      expect(preflight.status, origin).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
    const documents = (await getJson<{ documents: DocumentView[] }>(url, '/api/documents')).documents;
    expect(documents.map((d) => d.payload.client_id)).toEqual([victim]);
    expect((await getJson<CountsView>(url, '/api/counts')).deletions.requests).toBe(0);
  });

  it('requires Content-Type application/json (415), so form posts and beacons cannot write', async () => {
    const { url } = await startTestCollector();
    const body = JSON.stringify(eventPayload());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const response = await rawRequest(url, { path: submitUri('activity-stream', 'events'), headers: { 'Content-Type': type }, body });
      expect(response.status, type).toBe(415);
      const batch = await rawRequest(url, { path: '/submit-batch', headers: { 'Content-Type': type }, body: '{"documents":[]}' });
      expect(batch.status, type).toBe(415);
    }
    const untyped = await rawRequest(url, { path: submitUri('activity-stream', 'events'), body, omitContentType: true });
    expect(untyped.status).toBe(415);
    const upper = await rawRequest(url, { path: submitUri('activity-stream', 'events'), headers: { 'Content-Type': 'Application/JSON' }, body });
    expect(upper.status).toBe(200);
    expect(await total(url)).toBe(1);
  });

  it('takes an allow-list of extension ids', async () => {
    const { url } = await startTestCollector({ extensionIds: ['11111111-2222-4333-8444-555555555555'] });
    const send = (origin?: string) =>
      submit(url, submitUri('activity-stream', 'events'), eventPayload(), { headers: origin ? { Origin: origin } : {} });
    expect((await send(MOZ)).status).toBe(200);
    expect((await send(undefined)).status).toBe(200);
    const other = await send(CHROME);
    expect(other.status).toBe(403);
    expect(other.text).toContain('allow-list');
    const preflight = await rawRequest(url, { method: 'OPTIONS', path: '/submit-batch', headers: { Origin: CHROME } });
    expect(preflight.status).toBe(403);
    expect(await total(url)).toBe(2);
  });
});

describe('who may read', () => {
  const READ_PATHS = ['/api/documents', '/api/counts', '/api/errors', '/api/summary', '/api/aggregates', '/api/deletions', '/dashboard', '/', '/__heartbeat__', '/__lbheartbeat__', '/__version__'];

  it('answers read routes only for a Host naming this collector (DNS rebinding gets 403); ingestion is not Host-bound', async () => {
    const { url, collector } = await startTestCollector({ readHosts: ['stats.lan'] });
    for (const path of READ_PATHS) {
      for (const host of ['rebind.attacker.example', `rebind.attacker.example:${collector.port}`, '10.0.0.5']) {
        const response = await rawRequest(url, { method: 'GET', path, headers: { Host: host } });
        expect(response.status, `${path} ${host}`).toBe(403);
      }
      for (const host of [`localhost:${collector.port}`, `127.0.0.1:${collector.port}`, `[::1]:${collector.port}`, 'LOCALHOST', 'stats.lan:80']) {
        const response = await rawRequest(url, { method: 'GET', path, headers: { Host: host } });
        expect(response.status, `${path} ${host}`).toBe(200);
      }
    }
    const ingest = await submit(url, submitUri('activity-stream', 'events'), eventPayload(), { headers: { Host: 'collector.example' } });
    expect(ingest.status).toBe(200);
  });

  it('requires the token on the read API when one is set, never on ingestion, the page shell or health probes', async () => {
    const token = 'a-read-token-0123456789';
    const { url, collector } = await startTestCollector({ token });
    expect(collector.token).toBe(token);
    expect((await submit(url, submitUri('activity-stream', 'events'), eventPayload())).status).toBe(200);
    for (const path of READ_PATHS) {
      const needsToken = path.startsWith('/api/');
      expect((await rawRequest(url, { method: 'GET', path })).status, path).toBe(needsToken ? 401 : 200);
      const wrong = await rawRequest(url, { method: 'GET', path, headers: { Authorization: 'Bearer wrong-token-0123456789' } });
      expect(wrong.status, path).toBe(needsToken ? 401 : 200);
      expect((await rawRequest(url, { method: 'GET', path, headers: { Authorization: `Bearer ${token}` } })).status, path).toBe(200);
    }
  });

  it('generates a token when bound beyond loopback, and reads need it', async () => {
    const { collector } = await startTestCollector({ host: '0.0.0.0' });
    const url = `http://127.0.0.1:${collector.port}`;
    expect(collector.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await rawRequest(url, { method: 'GET', path: '/api/counts' })).status).toBe(401);
    const authorized = await rawRequest(url, { method: 'GET', path: '/api/counts', headers: { Authorization: `Bearer ${collector.token}` } });
    expect(authorized.status).toBe(200);
    expect((await submit(url, submitUri('activity-stream', 'events'), eventPayload())).status).toBe(200);
  });
});

describe('exact routing on the raw path', () => {
  it('refuses dot segments, empty segments and absolute-form targets with 400 instead of normalising them', async () => {
    const { url } = await startTestCollector();
    for (const path of [
      '//x/api/documents',
      '/dashboard/../api/documents',
      '/dashboard/%2e%2e/api/documents',
      '/api/./documents',
      '/api//documents',
      '/api/documents/',
      '/./api/counts',
      'http://127.0.0.1/api/documents',
    ]) {
      const response = await rawRequest(url, { method: 'GET', path });
      expect(response.status, path).toBe(400);
      expect(response.text, path).not.toContain('"documents"');
    }
    const submitWithEmpty = await submit(url, `/submit//activity-stream/events/1/${randomUUID()}`, eventPayload());
    expect(submitWithEmpty.status).toBe(400);
    expect(await total(url)).toBe(0);
  });

  it('answers 414 for a request target over the limit, also beyond Node’s 16 KiB header limit', async () => {
    const { url } = await startTestCollector();
    expect((await rawRequest(url, { method: 'GET', path: `/api/counts?x=${'a'.repeat(3000)}` })).status).toBe(414);
    expect((await rawRequest(url, { method: 'GET', path: `/api/counts?x=${'a'.repeat(20_000)}` })).status).toBe(414);
    // A long header is still 431.
    expect((await rawRequest(url, { method: 'GET', path: '/api/counts', headers: { 'X-Pad': 'p'.repeat(20_000) } })).status).toBe(431);
  });

  it('refuses a body that is not valid UTF-8 with 400 instead of storing it altered', async () => {
    const { url } = await startTestCollector();
    const json = Buffer.from(JSON.stringify(eventPayload({ value: 'AAAA' })));
    const broken = Buffer.from(json);
    broken.set([0xff, 0xfe, 0xc3, 0x28], json.indexOf('AAAA'));
    const single = await rawRequest(url, { path: submitUri('activity-stream', 'events'), body: broken });
    expect(single.status).toBe(400);
    expect(single.text).toContain('UTF-8');
    const batch = Buffer.concat([Buffer.from(`{"documents":[{"uri":"${submitUri('activity-stream', 'events')}","payload":`), broken, Buffer.from('}]}')]);
    const batchResponse = await rawRequest(url, { path: '/submit-batch', body: batch });
    expect(batchResponse.status).toBe(400);
    expect(await total(url)).toBe(0);
  });
});
