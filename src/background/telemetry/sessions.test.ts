import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage';
import { addImpressions, MAX_TILES_PER_SOURCE, SESSIONS_KEY, SessionStore, type ImpressionSets, type PageSessionRecord } from './sessions';
import { RecordingLog } from '../../test-support/telemetryHarness';

const session = (): PageSessionRecord => ({
  session_id: '{0b8e1c36-7a57-4d2b-9c1f-3a2d5e6f7a8b}',
  page: 'about:newtab',
  perf: { load_trigger_type: 'unexpected', is_preloaded: false },
  impressionSets: {},
  loadedContentSets: {},
});

describe('SessionStore', () => {
  it('keeps sessions in its storage area, for the next background start', async () => {
    const storage = memoryStorage();
    const first = new SessionStore(storage);
    await first.load();
    await first.put('a', session());
    await first.put('b', session());
    expect(await first.take('a')).toEqual(session());
    const second = new SessionStore(storage);
    await second.load();
    expect(second.portIds()).toEqual(['b']);
    await second.clear();
    expect(storage.data[SESSIONS_KEY]).toEqual({});
  });

  it('skips corrupt sessions, and a corrupt store, with a clear error', async () => {
    const log = new RecordingLog();
    const store = new SessionStore(memoryStorage({ [SESSIONS_KEY]: { good: session(), bad: { session_id: 3 } } }), log);
    await store.load();
    expect(store.portIds()).toEqual(['good']);
    expect(String(log.errors[0]?.[0])).toMatch(/corrupt session for page bad/);
    const broken = new SessionStore(memoryStorage({ [SESSIONS_KEY]: 'nope' }), log);
    await broken.load();
    expect(broken.portIds()).toEqual([]);
  });
});

describe('addImpressions', () => {
  it('copies only id, pos and shim, keeps the first window size, and stops at the cap', () => {
    const sets: ImpressionSets = {};
    const tile = { id: 1, pos: 0, shim: 's', url: 'https://secret.example/' } as { id: number; pos: number; shim: string };
    addImpressions(sets, 'CARDGRID', [tile], { window_inner_width: 800, window_inner_height: 600 });
    addImpressions(sets, 'CARDGRID', Array.from({ length: MAX_TILES_PER_SOURCE + 10 }, (_, i) => ({ id: i })), { window_inner_width: 10 });
    expect(sets.CARDGRID!.tiles[0]).toEqual({ id: 1, pos: 0, shim: 's' });
    expect(sets.CARDGRID!.tiles).toHaveLength(MAX_TILES_PER_SOURCE);
    expect(sets.CARDGRID).toMatchObject({ window_inner_width: 800, window_inner_height: 600 });
  });
});
