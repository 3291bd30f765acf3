import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_DB_BYTES } from '../src/collector';
import type { CountsView, DocumentView, ErrorView } from '../src/index';
import { outlineJson, withoutCuts } from '../src/jsonOutline';
import { SqliteStore } from '../src/store/sqlite';
import { MAX_ERROR_PAYLOAD_CHARS } from '../src/store/types';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submit, submitBatch } from './support/harness';
import { eventPayload, submitUri } from './support/sampleSchemas';

afterEach(() => {
  vi.restoreAllMocks();
  return cleanupCollectors();
});

const total = async (url: string) => (await getJson<CountsView>(url, '/api/counts')).total;
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('outlineJson', () => {
  it('counts the documents entries and other top-level array values without parsing', () => {
    const text = '{"x":"[{\\"documents\\":[1,2]}]","documents":[{"uri":"a]}","payload":{"v":[1,[2]]}}, 7 ,"s",[]],"other":[1,2,{"a":[3]}]}';
    const outline = outlineJson(Buffer.from(text), 100);
    expect(outline).toEqual({ entries: 4, otherValues: 3, cuts: [], balanced: true });
    expect(outlineJson(Buffer.from('{"documents":[]}'), 10).entries).toBe(0);
    expect(outlineJson(Buffer.from('{"documents":[{}'), 10).balanced).toBe(false);
    expect(outlineJson(Buffer.from('{"documents":"[{}]'), 10).balanced).toBe(false);
  });

  it('marks the outermost containers over the depth limit with their entry, and cuts them to null', () => {
    const text = `{"documents":[{"payload":{"a":1}},{"uri":"u","payload":{"deep":${nested(10)}}}],"more":${nested(8)}}`;
    const bytes = Buffer.from(text);
    const outline = outlineJson(bytes, 6);
    expect(outline.cuts.map((cut) => cut.entry)).toEqual([1, -1]);
    expect(JSON.parse(withoutCuts(bytes, outline.cuts.slice(0, 1)).toString())).toMatchObject({
      documents: [{ payload: { a: 1 } }, { uri: 'u', payload: { deep: [[null]] } }],
    });
  });
});

describe('the batch route counts and measures before it parses', () => {
  it('answers 413 for too many entries, or too many values beside them', async () => {
    const { url } = await startTestCollector({ limits: { maxBatchDocuments: 5 } });
    const docs = Array.from({ length: 6 }, () => ({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }));
    const { response } = await submitBatch(url, docs);
    expect(response.status).toBe(413);
    expect(response.text).toContain('batch of 6 documents exceeds the limit of 5');
    const padded = await rawRequest(url, { path: '/submit-batch', body: `{"documents":[],"padding":[${Array(50).fill('{}').join(',')}]}` });
    expect(padded.status).toBe(413);
    expect(await total(url)).toBe(0);
  });

  it('refuses a multi-megabyte array of {} by counting (413), and stays responsive', async () => {
    const { url } = await startTestCollector();
    const body = `{"documents":[${Array(1_000_000).fill('{}').join(',')}]}`;
    const response = await rawRequest(url, { path: '/submit-batch', body });
    expect(response.status).toBe(413);
    expect(response.text).toContain('batch of 1000000 documents');
    expect((await submit(url, submitUri('activity-stream', 'events'), eventPayload())).status).toBe(200);
  });

  it('answers an entry nested too deep with its own 400 and stores the rest of the batch', async () => {
    const { url } = await startTestCollector();
    const deepUri = submitUri('activity-stream', 'events');
    const entries = [
      JSON.stringify({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }),
      `{"uri":${JSON.stringify(deepUri)},"payload":{"value":${nested(5000)}}}`,
      JSON.stringify({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }),
    ];
    const response = await rawRequest(url, { path: '/submit-batch', body: `{"documents":[${entries.join(',')}]}` });
    expect(response.status).toBe(200);
    const { results } = response.json() as { results: Array<{ uri: string; status: number; errors?: string[] }> };
    expect(results.map((r) => r.status)).toEqual([200, 400, 200]);
    expect(results[1]).toMatchObject({ uri: deepUri, errors: ['payload nested deeper than 32 levels'] });
    expect(await total(url)).toBe(2);

    // Outside any entry, or on the single route, too deep is the whole request's 400.
    const outside = await rawRequest(url, { path: '/submit-batch', body: `{"documents":[],"x":${nested(100)}}` });
    expect(outside.status).toBe(400);
    const single = await rawRequest(url, { path: submitUri('activity-stream', 'events'), body: `{"value":${nested(5000)}}` });
    expect(single.status).toBe(400);
    expect(single.text).toContain('nested deeper than 32 levels');
    const unbalanced = await rawRequest(url, { path: '/submit-batch', body: `{"documents":[${'['.repeat(10_000)}` });
    expect(unbalanced.status).toBe(400);
  });
});

describe('the read API streams within a byte budget', () => {
  it('stops near the budget with a cursor, and following the cursors lists every document once', async () => {
    const { url } = await startTestCollector({ limits: { maxResponseBytes: 3000 } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const docId = randomUUID();
      ids.push(docId);
      await submit(url, submitUri('activity-stream', 'events', 1, docId), eventPayload({ value: 'v'.repeat(400) }));
    }
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `order=${order}${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await rawRequest(url, { method: 'GET', path: `/api/documents?${query}` });
        expect(response.status).toBe(200);
        expect(response.text.length).toBeLessThan(3000 + 1200);
        const page = response.json() as { documents: DocumentView[]; next_cursor: string | null };
        seen.push(...page.documents.map((d) => d.doc_id));
        cursor = page.next_cursor;
        pages++;
      } while (cursor !== null && pages < 20);
      expect(pages).toBeGreaterThan(2);
      expect(seen).toEqual(order === 'asc' ? ids : [...ids].reverse());
    }
    const limited = await getJson<{ documents: DocumentView[]; next_cursor: string | null }>(url, '/api/documents?limit=2');
    expect(limited.documents).toHaveLength(2);
    expect(limited.next_cursor).not.toBeNull();
    const all = await getJson<{ documents: DocumentView[]; next_cursor: string | null }>(url, `/api/documents?limit=3&cursor=${limited.next_cursor}&docType=events`);
    expect(all.documents.map((d) => d.doc_id)).toEqual(ids.slice(2, 5));
    expect((await rawRequest(url, { method: 'GET', path: '/api/documents?cursor=abc' })).status).toBe(400);
  });

  it('pages /api/errors the same way, newest first; error rows keep a bounded excerpt', async () => {
    const { url } = await startTestCollector({ limits: { maxResponseBytes: 4000 } });
    for (let i = 0; i < 6; i++) {
      const response = await rawRequest(url, { path: submitUri('activity-stream', 'events'), body: `{"n":${i},"pad":"${'p'.repeat(100_000)}"` });
      expect(response.status).toBe(400);
    }
    const first = await getJson<{ errors: ErrorView[]; next_cursor: string | null }>(url, '/api/errors');
    expect(first.errors.length).toBeGreaterThan(0);
    expect(first.errors.length).toBeLessThan(6);
    expect(first.errors.every((e) => (e.payload ?? '').length <= MAX_ERROR_PAYLOAD_CHARS)).toBe(true);
    expect(first.errors[0]?.payload).toContain('"n":5');
    const seen = first.errors.map((e) => e.id);
    let cursor = first.next_cursor;
    while (cursor !== null && seen.length < 20) {
      const page = await getJson<{ errors: ErrorView[]; next_cursor: string | null }>(url, `/api/errors?cursor=${cursor}&limit=100`);
      seen.push(...page.errors.map((e) => e.id));
      cursor = page.next_cursor;
    }
    expect(seen).toHaveLength(6);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });
});

describe('a streamed answer that fails half-way', () => {
  it('is cut, so the client sees it incomplete rather than a truncated list that looks whole', async () => {
    const lines: string[] = [];
    const { url } = await startTestCollector({ log: (line) => lines.push(line) });
    await submit(url, submitUri('activity-stream', 'events'), eventPayload());
    const real = SqliteStore.prototype.documentsPage;
    let calls = 0;
    vi.spyOn(SqliteStore.prototype, 'documentsPage').mockImplementation(async function (this: SqliteStore, clause, order, after, count) {
      calls++;
      if (calls > 1) throw new Error('disk went away');
      // A full first page, so the stream asks for a second one.
      const [row] = await real.call(this, clause, order, after, 1);
      return Array.from({ length: count }, (_, i) => ({ ...row!, id: i + 1 }));
    });
    await expect(rawRequest(url, { method: 'GET', path: '/api/documents' })).rejects.toThrow();
    expect(lines.some((line) => line.includes('internal error') && line.includes('disk went away'))).toBe(true);
  });
});

describe('database size cap', () => {
  it('is 2 GiB unless set, and the store enforces what it is given', async () => {
    const open = vi.spyOn(SqliteStore, 'open');
    await startTestCollector();
    expect(open).toHaveBeenLastCalledWith(expect.any(String), { maxDbBytes: DEFAULT_MAX_DB_BYTES });
    expect(DEFAULT_MAX_DB_BYTES).toBe(2 * 1024 ** 3);
    const store = open.mock.results.at(-1)!.value as SqliteStore;
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    expect((store.db.pragma('max_page_count', { simple: true }) as number) * pageSize).toBe(DEFAULT_MAX_DB_BYTES);
  });
});

describe('per-client concurrency', () => {
  it('answers 429 with Retry-After past the per-address limit, and serves again once requests finish', async () => {
    const { url } = await startTestCollector({ faults: { latencyMs: 400 }, limits: { maxConcurrentPerClient: 2 } });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => submit(url, submitUri('activity-stream', 'events'), eventPayload())),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.headers['retry-after']).toBe('1');
    expect(await total(url)).toBe(2);
    expect((await submit(url, submitUri('activity-stream', 'events'), eventPayload())).status).toBe(200);
  });
});

describe('aborted uploads', () => {
  it('are logged as aborted by the client, not as internal errors', async () => {
    const lines: string[] = [];
    const { collector } = await startTestCollector({ log: (line) => lines.push(line) });
    await new Promise<void>((resolve, reject) => {
      const socket = connect(collector.port, '127.0.0.1', () => {
        socket.write(
          `POST ${submitUri('activity-stream', 'events')} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"partial":`,
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const deadline = Date.now() + 3000;
    while (!lines.some((l) => l.includes('aborted')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(lines.filter((l) => l.includes('upload aborted by the client'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('internal error'))).toEqual([]);
  });
});
