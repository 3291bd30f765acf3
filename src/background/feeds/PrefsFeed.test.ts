import { describe, expect, it, vi } from 'vitest';
import { action, type Action } from '../../common/actions';
import { PREF_DEFAULTS } from '../../common/prefs';
import { memoryStorage } from '../storage';
import { PREFS_KEY, PrefsFeed } from './PrefsFeed';
import type { FeedStore } from './Feed';

function storeSpy() {
  const dispatched: Action[] = [];
  const store: FeedStore = { dispatch: (a) => void dispatched.push(a), getState: vi.fn() };
  return { store, dispatched };
}

describe('PrefsFeed', () => {
  it('loads stored prefs over the defaults and broadcasts them at INIT', async () => {
    const feed = new PrefsFeed(memoryStorage({ [PREFS_KEY]: { showSearch: false } }));
    await feed.load();
    const { store, dispatched } = storeSpy();
    feed.onAction(action('INIT', undefined), store);
    expect(dispatched[0]).toMatchObject({ type: 'PREFS_INITIAL_VALUES', data: { ...PREF_DEFAULTS, showSearch: false } });
    expect(dispatched[0]!.meta?.to).toBe('ActivityStream:Content');
  });

  it('falls back to defaults with a logged error when storage is corrupt', async () => {
    const log = { error: vi.fn() };
    const feed = new PrefsFeed(memoryStorage({ [PREFS_KEY]: 'garbage' }), log);
    expect(await feed.load()).toEqual(PREF_DEFAULTS);
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/corrupt/));
  });

  it('turns SET_PREF into a stored value and PREF_CHANGED for every page', async () => {
    const storage = memoryStorage();
    const feed = new PrefsFeed(storage);
    await feed.load();
    const { store, dispatched } = storeSpy();
    await feed.onAction(action('SET_PREF', { name: 'topSitesRows', value: 3 }), store);
    expect(dispatched).toEqual([
      expect.objectContaining({ type: 'PREF_CHANGED', data: { name: 'topSitesRows', value: 3 } }),
    ]);
    expect((storage.data[PREFS_KEY] as Record<string, unknown>).topSitesRows).toBe(3);
  });

  it('ignores invalid values and unchanged ones', async () => {
    const log = { error: vi.fn() };
    const feed = new PrefsFeed(memoryStorage(), log);
    await feed.load();
    const { store, dispatched } = storeSpy();
    await feed.onAction(action('SET_PREF', { name: 'topSitesRows', value: 0 }), store);
    await feed.onAction(action('SET_PREF', { name: 'showSearch', value: true }), store);
    expect(dispatched).toEqual([]);
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('broadcasts prefs that another context wrote to storage', async () => {
    const storage = memoryStorage();
    const feed = new PrefsFeed(storage);
    await feed.load();
    const { store, dispatched } = storeSpy();
    feed.onAction(action('INIT', undefined), store);
    await storage.set(PREFS_KEY, { ...PREF_DEFAULTS, telemetry: false, topSitesRows: 42 });
    expect(dispatched.filter((a) => a.type === 'PREF_CHANGED')).toEqual([
      expect.objectContaining({ data: { name: 'telemetry', value: false } }),
    ]);
    expect(feed.current.topSitesRows).toBe(PREF_DEFAULTS.topSitesRows);
  });
});
