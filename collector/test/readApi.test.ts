import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountsView, DashboardSummary, DocumentView } from '../src/index';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submit, submitBatch } from './support/harness';
import { eventPayload, sessionPayload, submitUri } from './support/sampleSchemas';

afterEach(cleanupCollectors);

const list = async (url: string, query: string) => (await getJson<{ documents: DocumentView[] }>(url, `/api/documents?${query}`)).documents;

describe('read API', () => {
  it('filters /api/documents by type, fields, client and time, with a limit', async () => {
    let clock = Date.parse('2024-06-01T10:00:00Z');
    const { url } = await startTestCollector({ now: () => clock });
    const client = randomUUID();
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ client_id: client, event: 'CLICK', source: 'TOP_SITES' }));
    clock += 60_000;
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ event: 'SEARCH', source: 'SEARCH_BOX', page: 'about:home' }));
    clock += 60_000;
    await submit(url, submitUri('activity-stream', 'sessions'), sessionPayload({ client_id: client }));

    expect((await list(url, 'namespace=activity-stream&docType=events')).length).toBe(2);
    expect((await list(url, 'event=SEARCH')).map((d) => d.payload.source)).toEqual(['SEARCH_BOX']);
    expect((await list(url, 'source=TOP_SITES')).length).toBe(1);
    expect((await list(url, 'page=about:home')).length).toBe(1);
    expect((await list(url, `client_id=${client}`)).map((d) => d.doc_type)).toEqual(['events', 'sessions']);
    expect((await list(url, 'since=2024-06-01T10:01:00Z')).length).toBe(2);
    expect((await list(url, 'until=2024-06-01T10:01:00Z')).length).toBe(1);
    expect((await list(url, 'since=2024-06-01T10:00:30Z&until=2024-06-01T10:01:30Z')).map((d) => d.payload.event)).toEqual(['SEARCH']);
    expect((await list(url, 'limit=1')).map((d) => d.doc_type)).toEqual(['events']);
    expect((await list(url, 'limit=1&order=desc')).map((d) => d.doc_type)).toEqual(['sessions']);

    for (const bad of ['limit=0', 'limit=abc', 'since=yesterday-ish', 'colour=red', 'order=sideways']) {
      expect((await rawRequest(url, { method: 'GET', path: `/api/documents?${bad}` })).status, bad).toBe(400);
    }
  });

  it('/api/counts gives per-type counts, duplicates and errors', async () => {
    const { url } = await startTestCollector();
    const uri = submitUri('activity-stream', 'events');
    await submitBatch(url, [
      { uri, payload: eventPayload() },
      { uri, payload: eventPayload() },
      { uri: submitUri('activity-stream', 'impression-stats', 1), payload: { impression_id: `{${randomUUID()}}`, addon_version: '1', locale: 'en', page: 'about:newtab', user_prefs: 1, tiles: [{ id: 1 }] } },
      { uri: submitUri('activity-stream', 'impression-stats', 2), payload: { impression_id: `{${randomUUID()}}`, addon_version: '1', locale: 'en', page: 'about:newtab', user_prefs: 1, tiles: [{ id: 1 }] } },
    ]);
    expect(await getJson<CountsView>(url, '/api/counts')).toEqual({
      total: 2,
      by_type: [
        { namespace: 'activity-stream', doc_type: 'events', doc_version: 1, count: 1 },
        { namespace: 'activity-stream', doc_type: 'impression-stats', doc_version: 1, count: 1 },
      ],
      duplicates: 1,
      errors: 1,
      deletions: { requests: 0, documents_deleted: 0, errors_deleted: 0, documents_discarded: 0 },
      aggregated_documents: 0,
    });
  });

  it('/api/summary has the dashboard’s numbers: per day, click-through, histograms, errors', async () => {
    const { url } = await startTestCollector({ now: () => Date.parse('2024-06-01T10:00:00Z') });
    const durations = [500, 1500, 2500, 20_000, 400_000];
    await submitBatch(url, durations.map((session_duration, i) => ({
      uri: submitUri('activity-stream', 'sessions'),
      payload: sessionPayload({ session_duration, perf: { load_trigger_type: 'unexpected', visibility_event_rcvd_ts: 100, topsites_first_painted_ts: 100 + i * 120 } }),
    })));
    for (const position of [0, 0, 0, 2]) {
      await submit(url, submitUri('activity-stream', 'events'), eventPayload({ event: 'CLICK', source: 'TOP_SITES', action_position: position }));
    }
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ event: 'CLICK', source: 'CARDGRID', action_position: 1 }));
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ locale: 42 }));

    const summary = await getJson<DashboardSummary>(url, '/api/summary');
    expect(summary.totals).toEqual({ documents: 10, duplicates: 0, errors: 1, deletions: 0, aggregated_documents: 0 });
    expect(summary.documents_per_day).toEqual([
      { day: '2024-06-01', namespace: 'activity-stream', doc_type: 'events', count: 5 },
      { day: '2024-06-01', namespace: 'activity-stream', doc_type: 'sessions', count: 5 },
    ]);
    expect(summary.top_sites_clicks).toEqual({
      sessions: 5,
      positions: [
        { position: 0, clicks: 3, ctr: 0.6 },
        { position: 2, clicks: 1, ctr: 0.2 },
      ],
    });
    expect(summary.session_duration.bins.map((b) => b.count)).toEqual([1, 2, 0, 1, 0, 0, 1]);
    expect(summary.session_duration).toMatchObject({ n: 5, p50: 2500, p90: 400_000 });
    // first paint 0, 120, 240, 360, 480 ms
    expect(summary.first_paint.bins.map((b) => b.count)).toEqual([1, 0, 1, 3, 0, 0]);
    expect(summary.recent_errors).toHaveLength(1);
    expect(summary.recent_errors[0]?.reasons[0]).toContain('/locale');
  });
});
