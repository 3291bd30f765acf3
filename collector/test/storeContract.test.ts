/**
 * One scenario, both engines: the same requests go to a collector over SQLite and one over
 * PostgreSQL, and every answer (ingest, duplicates, deletion, retention, each read API
 * query, the dashboard summary) must be the same.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountsView, DashboardSummary, DocumentView } from '../src/index';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submit, submitBatch, type BatchEntry } from './support/harness';
import { postgresAvailable, startTestPostgres, type TestPostgres } from './support/postgres';
import { eventPayload, messagePayload, sessionPayload, submitUri, undesiredEventPayload } from './support/sampleSchemas';

const available = postgresAvailable('storeContract.test.ts');
let server: TestPostgres | undefined;
beforeAll(async () => {
  if (available) server = await startTestPostgres();
}, 90_000);
afterAll(() => server?.stop());

type Step =
  | { at: string; batch: BatchEntry[] }
  | { at: string; single: BatchEntry }
  | { at: string; retention: true };

/** The requests, built once so both engines get byte-identical input. */
function scenario(): Step[] {
  const leaving = randomUUID();
  const staying = randomUUID();
  const events = (client: string, positions: Array<number | null>) =>
    positions.map((position) => ({
      uri: submitUri('activity-stream', 'events'),
      payload: eventPayload({ client_id: client, action_position: position ?? undefined, event: position === null ? 'BLOCK' : 'CLICK' }),
    }));
  const sessions = (client: string, durations: number[]) =>
    durations.map((duration, i) => ({
      uri: submitUri('activity-stream', 'sessions'),
      payload: sessionPayload({
        client_id: client,
        session_duration: duration,
        perf: { load_trigger_type: 'unexpected', visibility_event_rcvd_ts: 1000, topsites_first_painted_ts: 1000 + i * 37 },
      }),
    }));
  const messages = (client: string, docType: string, messageId: string, names: string[]) =>
    names.map((event) => ({ uri: submitUri('messaging-system', docType), payload: messagePayload(messageId, event, { client_id: client }) }));
  const routerError = (event: string, context: string, messageId?: string) => ({
    uri: submitUri('messaging-system', 'undesired-events'),
    payload: undesiredEventPayload(event, context, messageId ? { message_id: messageId } : {}),
  });
  const first = [
    ...events(leaving, [0, 3, null]),
    ...sessions(leaving, [10, 2500]),
    ...events(staying, [3, 5]),
    ...sessions(staying, [70_000]),
    // The messaging view: rolled up with day 1, the leaving client's events deleted before that.
    ...messages(staying, 'snippets', 'SNIP_1', ['IMPRESSION', 'IMPRESSION', 'CLICK_BUTTON']),
    ...messages(leaving, 'snippets', 'SNIP_1', ['IMPRESSION', 'BLOCK']),
    routerError('ASR_RS_ERROR', 'remote-messages'),
  ];
  const repeated = first[1] as BatchEntry;
  const deletionId = randomUUID();
  const deletion = { uri: submitUri('open-activity-stream', 'deletion-request', 1, deletionId), payload: { client_id: leaving } };
  return [
    { at: '2024-05-01T10:00:00Z', batch: [...first, repeated] },
    { at: '2024-05-01T11:00:00Z', single: repeated },
    // Schema failures: kept as error rows, one of them the leaving client's.
    { at: '2024-05-01T12:00:00Z', single: { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ client_id: leaving, page: 'bogus' }) } },
    { at: '2024-05-02T09:00:00Z', batch: [...events(staying, [1, 1, 2]), ...sessions(staying, [400, 400_000, 0])] },
    { at: '2024-05-02T10:00:00Z', single: { uri: submitUri('activity-stream', 'events'), payload: eventPayload({ client_id: staying, page: 'bogus' }) } },
    { at: '2024-05-03T08:00:00Z', batch: [...events(leaving, [4]), ...sessions(staying, [1234])] },
    { at: '2024-05-03T09:00:00Z', single: deletion },
    { at: '2024-05-03T09:30:00Z', single: deletion },
    // After the deletion: the leaving client's stragglers are answered but not kept.
    {
      at: '2024-05-03T10:00:00Z',
      batch: [
        ...events(leaving, [2]),
        ...events(staying, [9]),
        // Raw at the end: added to the roll-ups' figures.
        ...messages(staying, 'snippets', 'SNIP_1', ['IMPRESSION']),
        ...messages(staying, 'infobar', 'BAR_1', ['IMPRESSION', 'DISMISSED']),
        routerError('TARGETING_EXPRESSION_ERROR', 'MALFORMED_EXPRESSION', 'BAD_1'),
      ],
    },
    { at: '2024-05-04T01:00:00Z', retention: true },
    { at: '2024-05-04T02:00:00Z', batch: sessions(staying, [50, 60]) },
  ];
}

const READS = [
  '/api/counts',
  '/api/documents',
  '/api/documents?order=desc&limit=3',
  '/api/documents?docType=sessions',
  '/api/documents?event=CLICK&source=TOP_SITES&since=2024-05-03T00:00:00Z',
  '/api/documents?until=2024-05-03T09:00:00Z&limit=1',
  '/api/errors',
  '/api/errors?docType=events&limit=1',
  '/api/aggregates',
  '/api/aggregates?since=2024-05-01&until=2024-05-01&namespace=activity-stream&docType=sessions',
  '/api/deletions',
  '/api/summary',
];

/** Row ids (cursors, error ids) are each engine's own; everything else must match. */
function comparable(path: string, body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) => {
    if (key === 'next_cursor') return value === null ? null : 'more';
    if (key === 'id' || key === 'generated_at') return undefined;
    return value;
  }) as unknown;
}

async function run(steps: Step[], dbPath?: string) {
  let now = 0;
  const harness = await startTestCollector({ now: () => now, retentionDays: 1, ...(dbPath ? { dbPath } : {}) });
  const answers: unknown[] = [];
  for (const step of steps) {
    now = Date.parse(step.at);
    if ('batch' in step) answers.push((await submitBatch(harness.url, step.batch)).results);
    else if ('single' in step) answers.push((await submit(harness.url, step.single.uri, step.single.payload)).json());
    else answers.push(await harness.collector.runRetention());
  }
  const reads: Record<string, unknown> = {};
  for (const path of READS) reads[path] = comparable(path, await getJson(harness.url, path));
  // Paging by cursor walks every document once.
  const paged: string[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const page: { documents: DocumentView[]; next_cursor: string | null } = await getJson(harness.url, `/api/documents?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    paged.push(...page.documents.map((doc) => doc.doc_id));
    cursor = page.next_cursor;
  }
  const heartbeat = (await rawRequest(harness.url, { method: 'GET', path: '/__heartbeat__' })).json();
  await cleanupCollectors();
  return { answers, reads, paged, heartbeat };
}

describe.skipIf(!available)('storage contract: SQLite and PostgreSQL', () => {
  it('give the same answers to ingest, duplicates, deletion, retention, every read query and the dashboard', async () => {
    const steps = scenario();
    const sqlite = await run(steps);
    const postgres = await run(steps, await server!.createDatabase());

    // The scenario did what it is meant to exercise, on SQLite...
    const counts = sqlite.reads['/api/counts'] as CountsView;
    expect(counts).toMatchObject({ duplicates: 3, errors: 0, aggregated_documents: 13 });
    expect(counts.deletions).toEqual({ requests: 1, documents_deleted: 8, errors_deleted: 1, documents_discarded: 1 });
    expect(sqlite.answers[6]).toEqual({ status: 200, duplicate: false, deleted: { documents: 8, errors: 1 } });
    expect(sqlite.answers[7]).toMatchObject({ status: 200, duplicate: true });
    const summary = sqlite.reads['/api/summary'] as DashboardSummary;
    expect(summary.totals.aggregated_documents).toBe(13);
    expect(summary.messaging.messages.map(({ events: _events, ...figures }) => figures)).toEqual([
      { surface: 'snippets', message_id: 'SNIP_1', impressions: 3, clicks: 1, dismissals: 0, blocks: 0, ctr: 1 / 3 },
      { surface: 'infobar', message_id: 'BAR_1', impressions: 1, clicks: 0, dismissals: 1, blocks: 0, ctr: 0 },
    ]);
    expect(summary.messaging.errors_per_day).toEqual([
      { day: '2024-05-01', kind: 'provider', event: 'ASR_RS_ERROR', context: 'remote-messages', count: 1 },
      { day: '2024-05-03', kind: 'targeting', event: 'TARGETING_EXPRESSION_ERROR', context: 'MALFORMED_EXPRESSION', count: 1 },
    ]);
    expect(sqlite.paged).toHaveLength(counts.total);

    // ... and PostgreSQL answers exactly the same.
    expect(postgres.answers).toEqual(sqlite.answers);
    for (const path of READS) expect({ path, body: postgres.reads[path] }).toEqual({ path, body: sqlite.reads[path] });
    expect(postgres.paged).toEqual(sqlite.paged);
    expect(postgres.heartbeat).toEqual(sqlite.heartbeat);
  });
});
