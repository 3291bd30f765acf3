import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../src/index';
import { countsInMessagingView, messagingFieldsOf, summarizeMessaging, type MessagingCount } from '../src/messagingSummary';
import { PostgresStore } from '../src/store/postgres';
import { MIGRATIONS } from '../src/store/postgresSchema';
import { SqliteStore } from '../src/store/sqlite';
import type { DocumentRow, Store } from '../src/store/types';
import { cleanupCollectors, getJson, startTestCollector, submit, submitBatch, type TestCollector } from './support/harness';
import { postgresAvailable, startTestPostgres, type TestPostgres } from './support/postgres';
import { messagePayload, submitUri, undesiredEventPayload } from './support/sampleSchemas';

const postgres = postgresAvailable('messagingSummary.test.ts');
let server: TestPostgres | undefined;
beforeAll(async () => {
  if (postgres) server = await startTestPostgres();
}, 90_000);
afterAll(() => server?.stop());
afterEach(() => cleanupCollectors());

const row = (doc_type: string, message_id: string | null, event: string, count: number, day = '2024-05-01', context: string | null = null): MessagingCount => ({
  day,
  doc_type,
  message_id,
  event,
  context,
  count,
});

describe('summarizeMessaging', () => {
  it('counts each surface’s own event names as impressions, clicks, dismissals and blocks', () => {
    const { messages } = summarizeMessaging([
      row('snippets', 'S1', 'IMPRESSION', 10),
      row('snippets', 'S1', 'CLICK_BUTTION', 2),
      row('snippets', 'S1', 'CLICK_BUTTON', 1),
      row('snippets', 'S1', 'BLOCK', 1),
      row('infobar', 'I1', 'IMPRESSION', 4),
      row('infobar', 'I1', 'CLICK_PRIMARY_BUTTON', 1),
      row('infobar', 'I1', 'CLICK_SECONDARY_BUTTON', 1),
      row('infobar', 'I1', 'DISMISSED', 2),
      row('spotlight', 'P1', 'IMPRESSION', 2, '2024-05-01'),
      row('spotlight', 'P1', 'IMPRESSION', 3, '2024-05-02'),
      row('spotlight', 'P1', 'CLICK', 1),
      row('spotlight', 'P1', 'DISMISS', 4),
      row('cfr', 'C1', 'RATIONALE', 3),
    ]);
    expect(messages).toEqual([
      { surface: 'snippets', message_id: 'S1', impressions: 10, clicks: 3, dismissals: 0, blocks: 1, ctr: 0.3, events: { IMPRESSION: 10, CLICK_BUTTION: 2, CLICK_BUTTON: 1, BLOCK: 1 } },
      { surface: 'spotlight', message_id: 'P1', impressions: 5, clicks: 1, dismissals: 4, blocks: 0, ctr: 0.2, events: { IMPRESSION: 5, CLICK: 1, DISMISS: 4 } },
      { surface: 'infobar', message_id: 'I1', impressions: 4, clicks: 2, dismissals: 2, blocks: 0, ctr: 0.5, events: { IMPRESSION: 4, CLICK_PRIMARY_BUTTON: 1, CLICK_SECONDARY_BUTTON: 1, DISMISSED: 2 } },
      { surface: 'cfr', message_id: 'C1', impressions: 0, clicks: 0, dismissals: 0, blocks: 0, ctr: null, events: { RATIONALE: 3 } },
    ]);
  });

  it('counts enrollments and unenrollments per experiment and branch, from our experiment events only', () => {
    const fields = (payload: Record<string, unknown>) => messagingFieldsOf('open-activity-stream', 'messaging-experiments', payload);
    expect(fields({ method: 'enroll', value: 'exp-1', extra_keys: { branch: 'control' } })).toEqual({ messageId: 'exp-1', eventContext: 'control' });
    expect(fields({ method: 'reach', value: 'exp-1', extra_keys: { branches: 'control' } })).toEqual({ messageId: null, eventContext: null });
    const doc = (event: string | null, messageId: string | null) => ({ namespace: 'open-activity-stream', docType: 'messaging-experiments', event, messageId, eventContext: 'control' });
    expect([doc('enroll', 'exp-1'), doc('unenroll', 'exp-1'), doc('reach', null), doc('targeting', null)].map(countsInMessagingView)).toEqual([true, true, false, false]);
    const { experiments, messages } = summarizeMessaging([
      row('messaging-experiments', 'exp-1', 'enroll', 40, '2024-05-01', 'control'),
      row('messaging-experiments', 'exp-1', 'enroll', 2, '2024-05-02', 'control'),
      row('messaging-experiments', 'exp-1', 'enroll', 45, '2024-05-01', 'treatment'),
      row('messaging-experiments', 'exp-1', 'unenroll', 3, '2024-05-02', 'treatment'),
      row('messaging-experiments', 'exp-2', 'enroll', 5, '2024-05-02', 'only'),
    ]);
    expect(experiments).toEqual([
      { experiment: 'exp-1', branch: 'treatment', enrollments: 45, unenrollments: 3 },
      { experiment: 'exp-1', branch: 'control', enrollments: 42, unenrollments: 0 },
      { experiment: 'exp-2', branch: 'only', enrollments: 5, unenrollments: 0 },
    ]);
    expect(messages).toEqual([]);
  });

  it('keeps one message id apart per surface', () => {
    const { messages } = summarizeMessaging([row('snippets', 'SAME', 'IMPRESSION', 1), row('infobar', 'SAME', 'IMPRESSION', 2)]);
    expect(messages.map((m) => [m.surface, m.impressions])).toEqual([
      ['infobar', 2],
      ['snippets', 1],
    ]);
  });

  it('lists targeting and provider errors per day and reason, and nothing else undesired', () => {
    const { errors_per_day, messages } = summarizeMessaging([
      row('undesired-events', 'M1', 'TARGETING_EXPRESSION_ERROR', 2, '2024-05-02', 'MALFORMED_EXPRESSION'),
      row('undesired-events', 'M2', 'TARGETING_EXPRESSION_ERROR', 1, '2024-05-02', 'MALFORMED_EXPRESSION'),
      row('undesired-events', 'M3', 'TARGETING_EXPRESSION_ERROR', 1, '2024-05-01', 'OTHER_ERROR'),
      row('undesired-events', null, 'ASR_RS_ERROR', 3, '2024-05-01', 'remote'),
      row('undesired-events', null, 'ASR_RS_NO_MESSAGES', 1, '2024-05-02', 'remote'),
      row('undesired-events', null, 'TELEMETRY_QUEUE_OVERFLOW', 9, '2024-05-02', '{"dropped":9}'),
    ]);
    expect(messages).toEqual([]);
    expect(errors_per_day).toEqual([
      { day: '2024-05-01', kind: 'provider', event: 'ASR_RS_ERROR', context: 'remote', count: 3 },
      { day: '2024-05-01', kind: 'targeting', event: 'TARGETING_EXPRESSION_ERROR', context: 'OTHER_ERROR', count: 1 },
      { day: '2024-05-02', kind: 'provider', event: 'ASR_RS_NO_MESSAGES', context: 'remote', count: 1 },
      { day: '2024-05-02', kind: 'targeting', event: 'TARGETING_EXPRESSION_ERROR', context: 'MALFORMED_EXPRESSION', count: 3 },
    ]);
  });
});

function fakeClock(iso: string) {
  let current = Date.parse(iso);
  return { now: () => current, set: (next: string) => (current = Date.parse(next)) };
}

const messagingOf = async (url: string) => (await getJson<DashboardSummary>(url, '/api/summary')).messaging;

async function freshMessaging(harness: TestCollector) {
  await harness.restart();
  return messagingOf(harness.url);
}

async function sendMessageEvents(url: string, docType: string, messageId: string, events: string[], client = randomUUID()) {
  const { results } = await submitBatch(
    url,
    events.map((event) => ({
      uri: submitUri('messaging-system', docType),
      payload: messagePayload(messageId, event, { client_id: client, ...(docType === 'snippets' ? { source: 'NEWTAB_FOOTER_BAR' } : {}) }),
    })),
  );
  expect(results.map((result) => result.status)).toEqual(events.map(() => 200));
}

/** Each engine: where its data lives, and how a test reads a table of it directly. */
interface Engine {
  name: string;
  runs: boolean;
  /** The collector's db option: undefined = the harness's SQLite file. */
  database(): Promise<string | undefined>;
  rows(harness: TestCollector, database: string | undefined, sql: string): Promise<unknown[]>;
}

async function postgresRows(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // count is bigint: a number here, as the store reads it.
    return (await client.query(sql)).rows.map((row: Record<string, unknown>) => ('count' in row ? { ...row, count: Number(row.count) } : row));
  } finally {
    await client.end();
  }
}

const ENGINES: Engine[] = [
  {
    name: 'SQLite',
    runs: true,
    database: async () => undefined,
    rows: async (harness, _database, sql) => {
      const db = new Database(harness.dbPath, { readonly: true });
      try {
        return db.prepare(sql).all();
      } finally {
        db.close();
      }
    },
  },
  {
    name: 'PostgreSQL',
    runs: postgres,
    database: () => server!.createDatabase(),
    rows: (_harness, database, sql) => postgresRows(database as string, sql),
  },
];

describe.each(ENGINES)('/api/summary messaging view on $name', (engine) => {
  const start = async (clock: ReturnType<typeof fakeClock>, retentionDays: number) => {
    const database = await engine.database();
    const harness = await startTestCollector({ now: clock.now, retentionDays, ...(database ? { dbPath: database } : {}) });
    return { harness, database };
  };

  it.skipIf(!engine.runs)('is the same from raw documents, after a deletion, and from roll-ups after retention', async () => {
    const clock = fakeClock('2024-05-01T10:00:00Z');
    const { harness, database } = await start(clock, 2);
    const leaving = randomUUID();
    await sendMessageEvents(harness.url, 'snippets', 'SNIP_1', ['IMPRESSION', 'IMPRESSION', 'IMPRESSION', 'IMPRESSION', 'CLICK_BUTTON', 'BLOCK']);
    await sendMessageEvents(harness.url, 'infobar', 'BAR_1', ['IMPRESSION', 'CLICK_PRIMARY_BUTTON', 'DISMISSED']);
    await submit(harness.url, submitUri('messaging-system', 'undesired-events'), undesiredEventPayload('ASR_RS_ERROR', 'remote-messages'));
    await submit(harness.url, submitUri('messaging-system', 'undesired-events'), undesiredEventPayload('TELEMETRY_QUEUE_OVERFLOW', '{"dropped":3}'));

    clock.set('2024-05-02T09:00:00Z');
    await sendMessageEvents(harness.url, 'spotlight', 'SPOT_1', ['IMPRESSION', 'IMPRESSION', 'CLICK', 'DISMISS']);
    await sendMessageEvents(harness.url, 'spotlight', 'SPOT_1', ['IMPRESSION', 'DISMISS'], leaving);
    await submit(harness.url, submitUri('messaging-system', 'undesired-events'), undesiredEventPayload('TARGETING_EXPRESSION_ERROR', 'MALFORMED_EXPRESSION', { message_id: 'BAD_1' }));

    const raw = await messagingOf(harness.url);
    expect(raw.messages.map(({ events: _events, ...figures }) => figures)).toEqual([
      { surface: 'snippets', message_id: 'SNIP_1', impressions: 4, clicks: 1, dismissals: 0, blocks: 1, ctr: 0.25 },
      { surface: 'spotlight', message_id: 'SPOT_1', impressions: 3, clicks: 1, dismissals: 2, blocks: 0, ctr: 1 / 3 },
      { surface: 'infobar', message_id: 'BAR_1', impressions: 1, clicks: 1, dismissals: 1, blocks: 0, ctr: 1 },
    ]);
    expect(raw.errors_per_day).toEqual([
      { day: '2024-05-01', kind: 'provider', event: 'ASR_RS_ERROR', context: 'remote-messages', count: 1 },
      { day: '2024-05-02', kind: 'targeting', event: 'TARGETING_EXPRESSION_ERROR', context: 'MALFORMED_EXPRESSION', count: 1 },
    ]);
    expect(await freshMessaging(harness)).toEqual(raw);

    // A deletion request takes the leaving client's events away.
    await submit(harness.url, submitUri('open-activity-stream', 'deletion-request', 1, randomUUID()), { client_id: leaving });
    const afterDeletion = await messagingOf(harness.url);
    expect(afterDeletion.messages.find((m) => m.message_id === 'SPOT_1')).toMatchObject({ impressions: 2, dismissals: 1, ctr: 0.5 });
    expect(await freshMessaging(harness)).toEqual(afterDeletion);

    // Retention rolls day 1 up: its counts come from daily_messaging_counts now, unchanged.
    clock.set('2024-05-04T00:00:05Z');
    const report = await harness.collector.runRetention();
    expect(report.days).toEqual(['2024-05-01']);
    const afterRetention = await messagingOf(harness.url);
    expect(afterRetention).toEqual(afterDeletion);
    expect(await freshMessaging(harness)).toEqual(afterRetention);

    await harness.stop();
    const rollups = await engine.rows(
      harness,
      database,
      'SELECT day, doc_type, message_id, event, context, count FROM daily_messaging_counts ORDER BY doc_type, message_id, event',
    );
    // Anonymous: message ids and reasons, never a client; the queue overflow is not a messaging error.
    expect(rollups).toEqual([
      { day: '2024-05-01', doc_type: 'infobar', message_id: 'BAR_1', event: 'CLICK_PRIMARY_BUTTON', context: null, count: 1 },
      { day: '2024-05-01', doc_type: 'infobar', message_id: 'BAR_1', event: 'DISMISSED', context: null, count: 1 },
      { day: '2024-05-01', doc_type: 'infobar', message_id: 'BAR_1', event: 'IMPRESSION', context: null, count: 1 },
      { day: '2024-05-01', doc_type: 'snippets', message_id: 'SNIP_1', event: 'BLOCK', context: null, count: 1 },
      { day: '2024-05-01', doc_type: 'snippets', message_id: 'SNIP_1', event: 'CLICK_BUTTON', context: null, count: 1 },
      { day: '2024-05-01', doc_type: 'snippets', message_id: 'SNIP_1', event: 'IMPRESSION', context: null, count: 4 },
      { day: '2024-05-01', doc_type: 'undesired-events', message_id: null, event: 'ASR_RS_ERROR', context: 'remote-messages', count: 1 },
    ]);
  });

  it.skipIf(!engine.runs)('adds a day rolled up twice (a clock moved back) to the same roll-up rows', async () => {
    const clock = fakeClock('2024-05-01T10:00:00Z');
    const { harness, database } = await start(clock, 1);
    await sendMessageEvents(harness.url, 'infobar', 'BAR_1', ['IMPRESSION']);
    clock.set('2024-05-03T10:00:00Z');
    await harness.collector.runRetention();
    clock.set('2024-05-01T11:00:00Z');
    await sendMessageEvents(harness.url, 'infobar', 'BAR_1', ['IMPRESSION', 'IMPRESSION']);
    clock.set('2024-05-03T10:00:00Z');
    await harness.collector.runRetention();
    const { messages } = await messagingOf(harness.url);
    expect(messages).toEqual([expect.objectContaining({ message_id: 'BAR_1', impressions: 3 })]);
    await harness.stop();
    expect(await engine.rows(harness, database, 'SELECT count(*) AS count FROM daily_messaging_counts')).toEqual([{ count: 1 }]);
  });
});

/** A messaging document as stored before the messaging columns existed (they are filled on upgrade). */
function messagingRow(docId: string): DocumentRow {
  return {
    docId,
    submissionTimestamp: '2024-05-01T10:00:00.000Z',
    namespace: 'messaging-system',
    docType: 'undesired-events',
    docVersion: 1,
    uri: `/submit/messaging-system/undesired-events/1/${docId}`,
    method: 'POST',
    payloadText: JSON.stringify(undesiredEventPayload('TARGETING_EXPRESSION_ERROR', 'OTHER_ERROR', { message_id: 'OLD_1' })),
    contentLength: null,
    headers: { user_agent: null, x_debug_id: null, x_telemetry_agent: null, x_source_tags: null, date: null, dnt: null, origin: null },
    fields: { client_id: null, impression_id: null, context_id: null, session_id: null, event: 'TARGETING_EXPRESSION_ERROR', source: null, page: null, action_position: null },
    measures: { sessionDuration: null, firstPaint: null },
    messaging: { messageId: null, eventContext: null },
  };
}

const OLD_ROW_COUNTED = [{ day: '2024-05-01', doc_type: 'undesired-events', message_id: 'OLD_1', event: 'TARGETING_EXPRESSION_ERROR', context: 'OTHER_ERROR', count: 1 }];

async function rawMessaging(store: Store) {
  try {
    return (await store.rawSummaryFigures()).messaging;
  } finally {
    await store.close();
  }
}

describe('messaging columns on a database from before them', () => {
  it('SQLite fills them from the stored payloads when it opens the file', async () => {
    const harness = await startTestCollector();
    await harness.stop();
    const old = await SqliteStore.open(harness.dbPath);
    await old.write([{ kind: 'document', row: messagingRow(randomUUID()), idHashes: [] }]);
    old.db.exec('ALTER TABLE documents DROP COLUMN message_id');
    old.db.exec('ALTER TABLE documents DROP COLUMN event_context');
    await old.close();
    expect(await rawMessaging(await SqliteStore.open(harness.dbPath))).toEqual(OLD_ROW_COUNTED);
  });

  it.skipIf(!postgres)('PostgreSQL migration 2 fills them from the stored payloads', async () => {
    const url = await server!.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      await client.query((MIGRATIONS[0] as (typeof MIGRATIONS)[number]).sql);
      await client.query("INSERT INTO schema_migrations (version, description) VALUES (1, 'v1')");
      const row = messagingRow(randomUUID());
      await client.query(
        `INSERT INTO documents (doc_id, submission_timestamp, namespace, doc_type, doc_version, uri, method, payload, event)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [row.docId, row.submissionTimestamp, row.namespace, row.docType, row.docVersion, row.uri, row.method, row.payloadText, row.fields.event],
      );
    } finally {
      await client.end();
    }
    expect(await rawMessaging(await PostgresStore.open(url))).toEqual(OLD_ROW_COUNTED);
  });
});
