import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage';
import { BROWSER_SESSION_START_KEY, BrowserSessionClock, perfInSessionTime } from './sessionTime';

describe('BrowserSessionClock', () => {
  it('records the first background start of a browser session and keeps it for later starts', async () => {
    const storage = memoryStorage();
    let now = 5_000;
    const first = new BrowserSessionClock(storage, () => now);
    await first.load();
    expect(first.start).toBe(5_000);
    now = 9_000;
    const woken = new BrowserSessionClock(storage, () => now);
    await woken.load();
    expect(woken.start).toBe(5_000);
    expect(storage.data[BROWSER_SESSION_START_KEY]).toBe(5_000);
  });

  it('starts afresh over a corrupt or unreadable value, and refuses to be read before load', async () => {
    const corrupt = new BrowserSessionClock(memoryStorage({ [BROWSER_SESSION_START_KEY]: 'yesterday' }), () => 7);
    expect(() => corrupt.start).toThrow(/before load/);
    await corrupt.load();
    expect(corrupt.start).toBe(7);
    const errors: unknown[] = [];
    const broken = { ...memoryStorage(), get: async () => Promise.reject(new Error('gone')) };
    const unreadable = new BrowserSessionClock(broken, () => 8, { error: (...a: unknown[]) => void errors.push(a) });
    await unreadable.load();
    expect(unreadable.start).toBe(8);
    expect(errors).toHaveLength(1);
  });
});

describe('perfInSessionTime', () => {
  it('moves only the timestamps to session time, and never below 0', () => {
    expect(
      perfInSessionTime(
        { load_trigger_type: 'menu_plus_or_keyboard', is_preloaded: false, load_trigger_ts: 900, visibility_event_rcvd_ts: 1_250.5, topsites_first_painted_ts: 1_300, topsites_data_late_by_ms: 40, topsites_pinned: 2 },
        1_000,
      ),
    ).toEqual({ load_trigger_type: 'menu_plus_or_keyboard', is_preloaded: false, load_trigger_ts: 0, visibility_event_rcvd_ts: 250.5, topsites_first_painted_ts: 300, topsites_data_late_by_ms: 40, topsites_pinned: 2 });
  });
});
