import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { QueuedPing } from './PingQueue';
import { batchTransport, documentStatus, edgeTransport, type FetchLike } from './transports';

const queued = (n: number): QueuedPing => {
  const docId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { docId, uri: `/submit/activity-stream/events/1/${docId}`, payload: { event: 'CLICK', n }, bytes: 20, enqueuedAt: 0, attempts: 0, notBefore: 0 };
};

interface Seen {
  url: string;
  init: RequestInit;
  json: unknown;
}

function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>): FetchLike & { seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const body = init.body as Uint8Array;
    const request = { url, init, json: JSON.parse(gunzipSync(body).toString('utf8')) };
    seen.push(request);
    return answer(request);
  };
  return Object.assign(fetch, { seen });
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('batchTransport', () => {
  it('posts one gzip body of documents to /submit-batch, without cookies, referrer or redirects', async () => {
    const fetch = fakeFetch(({ json: body }) =>
      json(200, { results: (body as { documents: { uri: string }[] }).documents.map(({ uri }) => ({ uri, status: 200 })) }),
    );
    const pings = [queued(1), queued(2)];
    const { result, wireBytes } = await batchTransport({ fetch }).send('http://127.0.0.1:8787/', pings);
    expect(result).toEqual({ kind: 'documents', statuses: ['delivered', 'delivered'] });
    const [{ url, init, json: body }] = fetch.seen as [Seen];
    expect(url).toBe('http://127.0.0.1:8787/submit-batch');
    expect(body).toEqual({ documents: pings.map(({ uri, payload }) => ({ uri, payload })) });
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer', cache: 'no-store' });
    expect(init.headers).toMatchObject({ 'Content-Encoding': 'gzip', 'Content-Type': 'application/json; charset=utf-8' });
    expect(wireBytes).toBe((init.body as Uint8Array).byteLength);
  });

  it('maps each document result: 2xx delivered, 5xx/429 retried, other 4xx final', async () => {
    const statuses = [200, 400, 503, 404, 429, 413, 507];
    const pings = statuses.map((_, i) => queued(i));
    const fetch = fakeFetch(() => json(200, { results: pings.map(({ uri }, i) => ({ uri, status: statuses[i] })) }));
    const { result } = await batchTransport({ fetch }).send('https://c.example', pings);
    expect(result).toEqual({ kind: 'documents', statuses: ['delivered', 'rejected', 'retry', 'rejected', 'retry', 'rejected', 'retry'] });
  });

  it('retries every document when the results cannot be matched to them', async () => {
    const pings = [queued(1), queued(2)];
    for (const body of [{ results: [{ uri: pings[0]!.uri, status: 200 }] }, { nope: true }, 'not json']) {
      const fetch = fakeFetch(() => (typeof body === 'string' ? new Response(body, { status: 200 }) : json(200, body)));
      expect((await batchTransport({ fetch }).send('https://c.example', pings)).result).toEqual({ kind: 'documents', statuses: ['retry', 'retry'] });
    }
  });

  it('reports whole-request failures: 413 to split, 5xx with Retry-After, 4xx final, network errors', async () => {
    const send = (fetch: FetchLike) => batchTransport({ fetch }).send('https://c.example', [queued(1)]);
    expect((await send(fakeFetch(() => json(413, {})))).result).toEqual({ kind: 'tooLarge' });
    expect((await send(fakeFetch(() => json(503, {}, { 'Retry-After': '2' })))).result).toEqual({ kind: 'failed', retryable: true, status: 503, retryAfterMs: 2000 });
    expect((await send(fakeFetch(() => json(400, {})))).result).toEqual({ kind: 'failed', retryable: false, status: 400 });
    const offline: FetchLike = async () => {
      throw new TypeError('NetworkError when attempting to fetch resource.');
    };
    expect((await send(offline)).result).toEqual({ kind: 'failed', retryable: true, status: null });
  });
});

describe('edgeTransport', () => {
  it('posts each document alone to its /submit path', async () => {
    const fetch = fakeFetch(() => json(200, { status: 200 }));
    const transport = edgeTransport({ fetch });
    expect(transport.maxDocuments).toBe(1);
    const ping = queued(7);
    expect((await transport.send('https://incoming.example/', [ping])).result).toEqual({ kind: 'documents', statuses: ['delivered'] });
    expect(fetch.seen[0]!.url).toBe(`https://incoming.example${ping.uri}`);
    expect(fetch.seen[0]!.json).toEqual(ping.payload);
    expect(fetch.seen[0]!.init.credentials).toBe('omit');
  });

  it('treats a document the edge finds too large as final, and 5xx as a server problem', async () => {
    const send = (status: number) => edgeTransport({ fetch: fakeFetch(() => json(status, {})) }).send('https://e.example', [queued(1)]);
    expect((await send(413)).result).toEqual({ kind: 'documents', statuses: ['rejected'] });
    expect((await send(500)).result).toEqual({ kind: 'failed', retryable: true, status: 500 });
  });
});

describe('the collector’s per-client limit (429 with Retry-After)', () => {
  it('is a retryable whole-request failure that carries its Retry-After, on both transports', async () => {
    const busy = () => fakeFetch(() => json(429, { status: 429, errors: ['too many'] }, { 'Retry-After': '1' }));
    const expected = { kind: 'failed', retryable: true, status: 429, retryAfterMs: 1000 };
    expect((await batchTransport({ fetch: busy() }).send('https://c.example', [queued(1), queued(2)])).result).toEqual(expected);
    expect((await edgeTransport({ fetch: busy() }).send('https://c.example', [queued(3)])).result).toEqual(expected);
  });
});

describe('documentStatus', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [400, 'rejected'],
    [404, 'rejected'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [507, 'retry'],
  ] as const)('%i → %s', (status, expected) => expect(documentStatus(status)).toBe(expected));
});
