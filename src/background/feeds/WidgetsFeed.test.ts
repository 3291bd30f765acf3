import { describe, expect, it, vi } from 'vitest';
import { action, type Action } from '../../common/actions';
import { PREF_DEFAULTS, type PrefValues } from '../../common/prefs';
import { initialLists } from '../../common/widgets/lists';
import { INITIAL_TIMER } from '../../common/widgets/timer';
import { memoryStorage } from '../storage';
import type { FeedStore } from './Feed';
import { LISTS_KEY, TIMER_ALARM, TIMER_KEY, UNREADABLE_LISTS_KEY, WidgetsFeed } from './WidgetsFeed';

function setup(stored: Record<string, unknown> = {}, prefs: Partial<PrefValues> = {}) {
  const storage = memoryStorage(stored);
  const alarms = { create: vi.fn(), clear: vi.fn(async () => true) };
  const notify = vi.fn(async () => true);
  let now = 1_000_000;
  const log = { error: vi.fn(), warn: vi.fn() };
  const feed = new WidgetsFeed({ storage, alarms, notify, now: () => now, log });
  const dispatched: Action[] = [];
  const store: FeedStore = {
    dispatch: (a) => void dispatched.push(a),
    getState: () => ({ Prefs: { initialized: true, values: { ...PREF_DEFAULTS, ...prefs } } }) as ReturnType<FeedStore['getState']>,
  };
  const updates = () => dispatched.filter((a): a is Action<'WIDGETS_UPDATE'> => a.type === 'WIDGETS_UPDATE');
  return { storage, alarms, notify, feed, store, dispatched, updates, log, advance: (ms: number) => (now += ms), now: () => now };
}

describe('WidgetsFeed', () => {
  it('starts with one empty list and an idle timer, and sends them to every page at INIT', async () => {
    const t = setup();
    await t.feed.load();
    await t.feed.onAction(action('INIT', undefined), t.store);
    expect(t.updates()).toHaveLength(1);
    expect(t.updates()[0]!.data).toEqual({ initialized: true, lists: initialLists(), timer: INITIAL_TIMER, listsUnreadable: false });
    expect(t.updates()[0]!.meta?.to).toBe('ActivityStream:Content');
  });

  it('applies a page’s list changes, stores them and sends the new lists', async () => {
    const t = setup();
    await t.feed.load();
    await t.feed.onAction(action('INIT', undefined), t.store);
    await t.feed.onAction(action('WIDGETS_LISTS_CHANGE', { op: 'addItem', list: 'default', id: 'a', text: 'milk' }), t.store);
    const lists = { ...initialLists(), lists: [{ id: 'default', name: '', items: [{ id: 'a', text: 'milk', completed: false }] }] };
    expect(t.storage.data[LISTS_KEY]).toEqual(lists);
    expect(t.updates().at(-1)!.data.lists).toEqual(lists);
    // A reload reads them back.
    const again = new WidgetsFeed({ storage: t.storage, alarms: t.alarms, notify: t.notify, now: t.now });
    await again.load();
    expect(again.current.lists).toEqual(lists);
  });

  it('refuses a change past a limit without storing or sending anything', async () => {
    const t = setup();
    await t.feed.load();
    await t.feed.onAction(action('INIT', undefined), t.store);
    await t.feed.onAction(action('WIDGETS_LISTS_CHANGE', { op: 'deleteList', list: 'default' }), t.store);
    expect(t.updates()).toHaveLength(1);
    expect(t.storage.data[LISTS_KEY]).toBeUndefined();
    expect(t.log.warn).toHaveBeenCalledWith(expect.stringMatching(/widgetListsLastList/));
  });

  it('keeps unreadable lists aside, says so, and loses nothing else', async () => {
    const t = setup({ [LISTS_KEY]: { lists: 'oops' }, [TIMER_KEY]: { ...INITIAL_TIMER, mode: 'break' }, other: 1 });
    await t.feed.load();
    expect(t.feed.current).toMatchObject({ lists: initialLists(), listsUnreadable: true, timer: { mode: 'break' } });
    expect(t.storage.data[UNREADABLE_LISTS_KEY]).toEqual({ lists: 'oops' });
    expect(t.storage.data.other).toBe(1);
    expect(t.log.error).toHaveBeenCalled();
    // The kept copy is never overwritten by a later start, and the page keeps saying so.
    await t.feed.onAction(action('INIT', undefined), t.store);
    await t.feed.onAction(action('WIDGETS_LISTS_CHANGE', { op: 'addItem', list: 'default', id: 'a', text: 'new' }), t.store);
    const later = new WidgetsFeed({ storage: t.storage, alarms: t.alarms, notify: t.notify, now: t.now, log: t.log });
    await later.load();
    expect(later.current.listsUnreadable).toBe(true);
    expect(t.storage.data[UNREADABLE_LISTS_KEY]).toEqual({ lists: 'oops' });
  });

  it('plays with the duration pref, sets the alarm for the end, pause and reset clear it', async () => {
    const t = setup({}, { 'widgets.focusTimer.focusSeconds': 3 });
    await t.feed.load();
    await t.feed.onAction(action('INIT', undefined), t.store);
    await t.feed.onAction(action('WIDGETS_TIMER_CHANGE', { op: 'play' }), t.store);
    expect(t.feed.current.timer).toMatchObject({ status: 'running', endsAt: t.now() + 3000 });
    expect(t.alarms.create).toHaveBeenCalledWith(TIMER_ALARM, { when: t.now() + 3000 });
    expect(t.storage.data[TIMER_KEY]).toEqual(t.feed.current.timer);
    t.advance(1000);
    await t.feed.onAction(action('WIDGETS_TIMER_CHANGE', { op: 'pause' }), t.store);
    expect(t.feed.current.timer).toMatchObject({ status: 'paused', remainingMs: 2000 });
    expect(t.alarms.clear).toHaveBeenCalledWith(TIMER_ALARM);
  });

  it('at the alarm: done, sent to pages, reported, and a notification only when the user asked for one', async () => {
    for (const notifyPref of [true, false]) {
      const t = setup({}, { 'widgets.focusTimer.breakSeconds': 2, 'widgets.focusTimer.notify': notifyPref });
      await t.feed.load();
      await t.feed.onAction(action('INIT', undefined), t.store);
      await t.feed.onAction(action('WIDGETS_TIMER_CHANGE', { op: 'setMode', mode: 'break' }), t.store);
      await t.feed.onAction(action('WIDGETS_TIMER_CHANGE', { op: 'play' }), t.store);
      t.advance(2000);
      await t.feed.onAlarm('some.other.alarm');
      expect(t.feed.current.timer.status).toBe('running');
      await t.feed.onAlarm(TIMER_ALARM);
      expect(t.feed.current.timer.status).toBe('done');
      expect(t.updates().at(-1)!.data.timer.status).toBe('done');
      expect(t.dispatched.filter((a) => a.type === 'WIDGETS_TIMER_ENDED').map((a) => a.data)).toEqual([{ mode: 'break' }]);
      expect(t.notify.mock.calls).toEqual(notifyPref ? [['break']] : []);
      // A second firing does nothing more.
      await t.feed.onAlarm(TIMER_ALARM);
      expect(t.dispatched.filter((a) => a.type === 'WIDGETS_TIMER_ENDED')).toHaveLength(1);
    }
  });

  it('ends at start a timer whose end passed while no background ran', async () => {
    const t = setup({ [TIMER_KEY]: { mode: 'focus', status: 'running', endsAt: 5, remainingMs: null } });
    await t.feed.load();
    await t.feed.onAction(action('INIT', undefined), t.store);
    expect(t.feed.current.timer.status).toBe('done');
    expect(t.dispatched.some((a) => a.type === 'WIDGETS_TIMER_ENDED')).toBe(true);
  });

  it('an alarm heard before the store is ready waits for it', async () => {
    const t = setup({ [TIMER_KEY]: { mode: 'focus', status: 'running', endsAt: 5, remainingMs: null } });
    await t.feed.load();
    const fired = t.feed.onAlarm(TIMER_ALARM);
    await t.feed.onAction(action('INIT', undefined), t.store);
    await fired;
    expect(t.dispatched.filter((a) => a.type === 'WIDGETS_TIMER_ENDED')).toHaveLength(1);
  });
});
