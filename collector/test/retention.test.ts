import { afterEach, describe, expect, it } from 'vitest';
import type { CountsView, DashboardSummary, DocumentView } from '../src/index';
import { percentile, retentionCutoff } from '../src/retention';
import { cleanupCollectors, getJson, startTestCollector, submit, submitBatch } from './support/harness';
import { eventPayload, sessionPayload, submitUri } from './support/sampleSchemas';

afterEach(cleanupCollectors);

interface Aggregates {
  counts: Array<{ day: string; namespace: string; doc_type: string; event: string | null; source: string | null; action_position: number | null; page: string | null; count: number }>;
  distributions: Array<{ day: string; namespace: string; doc_type: string; metric: string; n: number; p50: number; p90: number; p99: number }>;
  errors: Array<{ day: string; namespace: string; doc_type: string; count: number }>;
}

const at = (iso: string) => Date.parse(iso);

/** A fake clock the collector reads through `now`. */
function fakeClock(iso: string) {
  let current = at(iso);
  return { now: () => current, set: (next: string) => (current = at(next)) };
}

async function seedDay(url: string) {
  // 100 sessions with durations 100..10000 ms and first paint 1..100 ms; CLICKs on top sites 0,0,1.
  await submitBatch(
    url,
    Array.from({ length: 100 }, (_, i) => ({
      uri: submitUri('activity-stream', 'sessions'),
      payload: sessionPayload({
        session_duration: (i + 1) * 100,
        perf: { load_trigger_type: 'unexpected', visibility_event_rcvd_ts: 5000, topsites_first_painted_ts: 5000 + i + 1 },
      }),
    })),
  );
  for (const position of [0, 0, 1]) {
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ event: 'CLICK', source: 'TOP_SITES', action_position: position }));
  }
  await submit(url, submitUri('activity-stream', 'events'), eventPayload({ event: 'SEARCH', source: undefined, action_position: undefined, page: 'about:home' }));
  await submit(url, submitUri('activity-stream', 'events'), eventPayload({ client_id: 'broken' }));
}

describe('retention', () => {
  it('computes the cutoff from whole UTC days and nearest-rank percentiles', () => {
    expect(retentionCutoff(at('2024-02-01T13:14:15Z'), 30)).toBe('2024-01-02T00:00:00.000Z');
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 90), percentile(values, 99)]).toEqual([50, 90, 99]);
    expect(percentile([7], 99)).toBe(7);
  });

  it('rolls raw documents older than N days into anonymous daily aggregates, then deletes them', async () => {
    const clock = fakeClock('2024-01-01T10:00:00Z');
    const { url, collector } = await startTestCollector({ now: clock.now, retentionDays: 30 });
    await seedDay(url);
    clock.set('2024-01-02T09:00:00Z');
    await submit(url, submitUri('activity-stream', 'sessions'), sessionPayload({ session_duration: 777 }));

    // Day 30 after the first day: everything is still raw.
    clock.set('2024-01-31T23:59:59Z');
    expect(await collector.runRetention()).toMatchObject({ documentsRolledUp: 0, errorsRolledUp: 0 });

    clock.set('2024-02-01T00:00:00Z');
    expect(await collector.runRetention()).toEqual({
      cutoff: '2024-01-02T00:00:00.000Z',
      days: ['2024-01-01'],
      documentsRolledUp: 104,
      errorsRolledUp: 1,
    });

    const raw = (await getJson<{ documents: DocumentView[] }>(url, '/api/documents')).documents;
    expect(raw.map((d) => d.submission_timestamp)).toEqual(['2024-01-02T09:00:00.000Z']);
    const counts = await getJson<CountsView>(url, '/api/counts');
    expect(counts).toMatchObject({ total: 1, errors: 0, aggregated_documents: 104 });

    const aggregates = await getJson<Aggregates>(url, '/api/aggregates');
    expect(aggregates.counts).toEqual([
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'events', event: 'CLICK', source: 'TOP_SITES', action_position: 0, page: 'about:newtab', count: 2 },
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'events', event: 'CLICK', source: 'TOP_SITES', action_position: 1, page: 'about:newtab', count: 1 },
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'events', event: 'SEARCH', source: null, action_position: null, page: 'about:home', count: 1 },
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'sessions', event: null, source: null, action_position: null, page: 'about:newtab', count: 100 },
    ]);
    expect(aggregates.distributions).toEqual([
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'sessions', metric: 'session_duration_ms', n: 100, p50: 5000, p90: 9000, p99: 9900 },
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'sessions', metric: 'topsites_first_paint_ms', n: 100, p50: 50, p90: 90, p99: 99 },
    ]);
    expect(aggregates.errors).toEqual([{ day: '2024-01-01', namespace: 'activity-stream', doc_type: 'events', count: 1 }]);
    // Anonymous: nothing in the roll-ups can identify a client.
    expect(JSON.stringify(aggregates)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // The dashboard summary still counts the rolled-up day.
    const summary = await getJson<DashboardSummary>(url, '/api/summary');
    expect(summary.documents_per_day).toEqual([
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'events', count: 4 },
      { day: '2024-01-01', namespace: 'activity-stream', doc_type: 'sessions', count: 100 },
      { day: '2024-01-02', namespace: 'activity-stream', doc_type: 'sessions', count: 1 },
    ]);
    expect(summary.top_sites_clicks).toEqual({
      sessions: 101,
      positions: [
        { position: 0, clicks: 2, ctr: 2 / 101 },
        { position: 1, clicks: 1, ctr: 1 / 101 },
      ],
    });

    // Running again is a no-op.
    expect((await collector.runRetention()).documentsRolledUp).toBe(0);
    expect((await getJson<Aggregates>(url, '/api/aggregates?since=2024-01-01&until=2024-01-01')).counts).toHaveLength(4);
    expect((await getJson<Aggregates>(url, '/api/aggregates?since=2024-01-02')).counts).toHaveLength(0);
  });

  it('runs at start', async () => {
    const clock = fakeClock('2024-03-01T08:00:00Z');
    const harness = await startTestCollector({ now: clock.now, retentionDays: 7 });
    await seedDay(harness.url);
    clock.set('2024-03-09T00:00:01Z');
    await harness.restart();
    const counts = await getJson<CountsView>(harness.url, '/api/counts');
    expect(counts).toMatchObject({ total: 0, aggregated_documents: 104 });
  });

  it('runs on its timer', async () => {
    const clock = fakeClock('2024-03-01T08:00:00Z');
    const { url } = await startTestCollector({ now: clock.now, retentionDays: 1, retentionIntervalMs: 25 });
    await seedDay(url);
    clock.set('2024-03-03T00:00:00Z');
    const deadline = Date.now() + 5000;
    let counts = await getJson<CountsView>(url, '/api/counts');
    while (counts.total > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      counts = await getJson<CountsView>(url, '/api/counts');
    }
    expect(counts).toMatchObject({ total: 0, aggregated_documents: 104 });
  });
});
