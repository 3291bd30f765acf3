import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CountsView, DashboardSummary } from '../src/index';
import { msUntilUtcMidnight, retentionSteps, scheduleRetention } from '../src/retention';
import { SqliteStore } from '../src/store/sqlite';
import { cleanupCollectors, getJson, startTestCollector, submit, submitBatch, type TestCollector } from './support/harness';
import { eventPayload, sessionPayload, submitUri } from './support/sampleSchemas';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  return cleanupCollectors();
});

function fakeClock(iso: string) {
  let current = Date.parse(iso);
  return { now: () => current, set: (next: string) => (current = Date.parse(next)) };
}

const summaryOf = async (url: string) => {
  const { generated_at: _ignored, ...rest } = await getJson<DashboardSummary>(url, '/api/summary');
  return rest;
};

/** The summary as a fresh start computes it from the database alone. */
async function freshSummary(harness: TestCollector) {
  await harness.restart();
  return summaryOf(harness.url);
}

async function sessions(url: string, client: string, durations: number[]) {
  await submitBatch(
    url,
    durations.map((duration, i) => ({
      uri: submitUri('activity-stream', 'sessions'),
      payload: sessionPayload({
        client_id: client,
        session_duration: duration,
        perf: { load_trigger_type: 'unexpected', visibility_event_rcvd_ts: 1000, topsites_first_painted_ts: 1000 + i * 37 },
      }),
    })),
  );
}

describe('/api/summary from cached figures', () => {
  it('matches a from-scratch computation after documents are added, deleted and rolled up', async () => {
    const reads = vi.spyOn(SqliteStore.prototype, 'rawSummaryFigures');
    const clock = fakeClock('2024-05-01T10:00:00Z');
    const harness = await startTestCollector({ now: clock.now, retentionDays: 2 });
    const { url } = harness;
    expect(reads).toHaveBeenCalledTimes(1); // once, at start
    const leaving = randomUUID();
    await sessions(url, randomUUID(), [10, 2500, 70_000]);

    clock.set('2024-05-02T09:00:00Z');
    await sessions(url, leaving, [400, 400_000, 0]);
    for (const position of [0, 3, 3]) {
      await submit(url, submitUri('activity-stream', 'events'), eventPayload({ event: 'CLICK', source: 'TOP_SITES', action_position: position }));
    }
    await submit(url, submitUri('activity-stream', 'events'), eventPayload({ page: 'bogus' }));
    const incremental = await summaryOf(url);
    expect(incremental.totals).toMatchObject({ documents: 9, errors: 1 });
    expect(incremental.top_sites_clicks.sessions).toBe(6);
    expect(incremental.top_sites_clicks.positions).toEqual([
      { position: 0, clicks: 1, ctr: 1 / 6 },
      { position: 3, clicks: 2, ctr: 2 / 6 },
    ]);
    expect(incremental.session_duration).toMatchObject({ n: 6, p50: 400, p99: 400_000 });
    expect(incremental).toEqual(await freshSummary(harness));

    // A deletion removes documents, also from the figures.
    reads.mockClear();
    await submit(harness.url, submitUri('open-activity-stream', 'deletion-request', 1, randomUUID()), { client_id: leaving });
    const afterDeletion = await summaryOf(harness.url);
    expect(reads).not.toHaveBeenCalled(); // the deleted documents were taken away, nothing read again
    expect(afterDeletion.session_duration.n).toBe(3);
    expect(afterDeletion).toEqual(await freshSummary(harness));

    // Retention rolls the first day up; the summary keeps counting it, from the roll-ups.
    clock.set('2024-05-04T00:00:05Z');
    reads.mockClear();
    await harness.collector.runRetention();
    const afterRetention = await summaryOf(harness.url);
    expect(reads).not.toHaveBeenCalled();
    expect(afterRetention.totals).toMatchObject({ documents: 3, aggregated_documents: 3 });
    expect(afterRetention.top_sites_clicks.sessions).toBe(3);
    expect(afterRetention).toEqual(await freshSummary(harness));
  });

  it('fills the measure columns of a database written before they existed', async () => {
    const harness = await startTestCollector();
    await sessions(harness.url, randomUUID(), [100, 200, 300]);
    const expected = await summaryOf(harness.url);
    await harness.stop();
    const db = new Database(harness.dbPath);
    db.exec('ALTER TABLE documents DROP COLUMN session_duration; ALTER TABLE documents DROP COLUMN first_paint_ms');
    db.close();
    await harness.restart();
    const migrated = await summaryOf(harness.url);
    expect(migrated.session_duration).toMatchObject({ n: 3, p50: 200 });
    expect(migrated.first_paint).toMatchObject({ n: 3, p99: 74 });
    expect(migrated).toEqual(expected);
  });

  it('takes no parameters', async () => {
    const { url } = await startTestCollector();
    await expect(getJson(url, '/api/summary?since=2024-01-01')).rejects.toThrow('400');
  });
});

describe('retention', () => {
  it('rolls up one UTC day per transaction, oldest first', async () => {
    const clock = fakeClock('2024-06-01T12:00:00Z');
    const harness = await startTestCollector({ now: clock.now, retentionDays: 1 });
    for (const day of ['2024-06-01', '2024-06-02', '2024-06-03']) {
      clock.set(`${day}T12:00:00Z`);
      await submit(harness.url, submitUri('activity-stream', 'events'), eventPayload());
      await submit(harness.url, submitUri('activity-stream', 'events'), eventPayload());
    }
    const store = SqliteStore.open(harness.dbPath);
    try {
      const steps = retentionSteps(store, Date.parse('2024-06-04T08:00:00Z'), 1);
      expect((await steps.next()).done).toBe(false);
      expect((await getJson<CountsView>(harness.url, '/api/counts'))).toMatchObject({ total: 4, aggregated_documents: 2 });
      expect((await steps.next()).done).toBe(false);
      expect((await getJson<CountsView>(harness.url, '/api/counts'))).toMatchObject({ total: 2, aggregated_documents: 4 });
      const last = await steps.next();
      expect(last).toMatchObject({ done: true, value: { days: ['2024-06-01', '2024-06-02'], documentsRolledUp: 4 } });
    } finally {
      await store.close();
    }
  });

  it('is scheduled just after each UTC midnight of the collector’s clock', async () => {
    vi.useFakeTimers();
    expect(msUntilUtcMidnight(Date.parse('2024-06-01T23:59:00Z'))).toBe(60_000);
    expect(msUntilUtcMidnight(Date.parse('2024-06-01T00:00:00Z'))).toBe(86_400_000);
    let clock = Date.parse('2024-06-01T23:59:00Z');
    const runs: string[] = [];
    const stop = scheduleRetention(
      async () => {
        runs.push(new Date(clock).toISOString());
      },
      () => clock,
    );
    clock += 60_000;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual([]);
    clock += 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['2024-06-02T00:00:01.000Z']);
    clock += 86_400_000;
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(runs).toHaveLength(2);
    stop();
    await vi.advanceTimersByTimeAsync(3 * 86_400_000);
    expect(runs).toHaveLength(2);
  });
});
