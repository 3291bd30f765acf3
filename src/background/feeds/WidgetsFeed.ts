// Keeps the widgets' data in storage.local and sends it to every page: the
// Lists widget's lists and the Focus timer. A running timer's end is an alarm,
// so it fires (and notifies, when the user asked for it) with the new tab in
// the background, closed, or the background itself suspended.
import { BroadcastToContent, action, type Action } from '../../common/actions';
import { applyListsOp, initialLists, parseStoredLists, type ListsState } from '../../common/widgets/lists';
import { WIDGETS_INITIAL_STATE, type WidgetsState } from '../../common/widgets/reducer';
import { INITIAL_TIMER, applyTimerOp, expireTimer, parseStoredTimer, type TimerMode, type TimerState } from '../../common/widgets/timer';
import type { KeyValueStorage } from '../storage';
import type { Feed, FeedStore } from './Feed';

export const LISTS_KEY = 'widgets.lists';
/** Where unreadable stored lists are kept, untouched, so nothing the user wrote is lost. */
export const UNREADABLE_LISTS_KEY = 'widgets.lists.unreadable';
export const TIMER_KEY = 'widgets.timer';
export const TIMER_ALARM = 'widgets.timer';

/** Alarms may fire a little early or late; an end this close counts as come. */
const ALARM_SLACK_MS = 1000;

export interface WidgetsFeedDeps {
  storage: KeyValueStorage;
  alarms: { create(name: string, info: { when: number }): void | Promise<void>; clear(name: string): Promise<unknown> };
  /** Shows the "time is up" notification, if the user allowed one; resolves false when not. */
  notify(mode: TimerMode): Promise<boolean>;
  now(): number;
  log?: Pick<Console, 'error' | 'warn'>;
}

export class WidgetsFeed implements Feed {
  readonly name = 'WidgetsFeed';
  private state: WidgetsState = WIDGETS_INITIAL_STATE;
  private store: FeedStore | null = null;
  private readonly log: Pick<Console, 'error' | 'warn'>;
  private storeReady!: (store: FeedStore) => void;
  private readonly ready = new Promise<FeedStore>((resolve) => (this.storeReady = resolve));

  constructor(private readonly deps: WidgetsFeedDeps) {
    this.log = deps.log ?? console;
  }

  /** Reads the stored widgets before the store starts. */
  async load(): Promise<void> {
    const [storedLists, storedTimer] = await Promise.all([this.read(LISTS_KEY), this.read(TIMER_KEY)]);
    let lists: ListsState | null = storedLists === undefined ? initialLists() : parseStoredLists(storedLists);
    let listsUnreadable = false;
    if (!lists) {
      // Kept aside once (a later failure must not overwrite the first copy), then a fresh list.
      this.log.error('WidgetsFeed: the stored lists cannot be read; they are kept aside under', UNREADABLE_LISTS_KEY);
      if ((await this.read(UNREADABLE_LISTS_KEY)) === undefined) await this.deps.storage.set(UNREADABLE_LISTS_KEY, storedLists);
      lists = initialLists();
      listsUnreadable = true;
    } else if ((await this.read(UNREADABLE_LISTS_KEY)) !== undefined) {
      listsUnreadable = true;
    }
    const timer = storedTimer === undefined ? INITIAL_TIMER : (parseStoredTimer(storedTimer) ?? INITIAL_TIMER);
    this.state = { initialized: true, lists, timer, listsUnreadable };
  }

  get current(): WidgetsState {
    return this.state;
  }

  async onAction(a: Action, store: FeedStore): Promise<void> {
    this.store = store;
    switch (a.type) {
      case 'INIT':
        this.storeReady(store);
        this.broadcast();
        // An end that passed while no background ran (the browser was closed) is reported now.
        return this.onAlarm(TIMER_ALARM);
      case 'WIDGETS_LISTS_CHANGE': {
        const { state: lists, error } = applyListsOp(this.state.lists, a.data);
        if (error) this.log.warn(`WidgetsFeed: change refused (${error})`);
        if (lists === this.state.lists) return;
        this.state = { ...this.state, lists };
        this.broadcast();
        return this.deps.storage.set(LISTS_KEY, lists);
      }
      case 'WIDGETS_TIMER_CHANGE': {
        const prefs = store.getState().Prefs.values;
        const durations = { focus: prefs['widgets.focusTimer.focusSeconds'] * 1000, break: prefs['widgets.focusTimer.breakSeconds'] * 1000 };
        const timer = applyTimerOp(this.state.timer, a.data, this.deps.now(), durations);
        if (timer === this.state.timer) return;
        await this.setTimer(timer);
        if (timer.status === 'running' && timer.endsAt !== null) await this.deps.alarms.create(TIMER_ALARM, { when: timer.endsAt });
        else await this.deps.alarms.clear(TIMER_ALARM);
        return;
      }
    }
  }

  /** The timer's alarm (or a start after its end): done, reported, and a notification if wanted. */
  async onAlarm(name: string): Promise<void> {
    if (name !== TIMER_ALARM) return;
    const store = await this.ready;
    const before = this.state.timer;
    const timer = expireTimer(before, this.deps.now() + ALARM_SLACK_MS);
    if (timer === before) return;
    await this.setTimer(timer);
    store.dispatch(action('WIDGETS_TIMER_ENDED', { mode: before.mode }));
    const prefs = store.getState().Prefs.values;
    if (prefs['widgets.focusTimer.notify']) {
      await this.deps.notify(before.mode).catch((error: unknown) => this.log.warn('WidgetsFeed: no notification', error));
    }
  }

  private async setTimer(timer: TimerState): Promise<void> {
    this.state = { ...this.state, timer };
    this.broadcast();
    await this.deps.storage.set(TIMER_KEY, timer);
  }

  private broadcast(): void {
    this.store?.dispatch(BroadcastToContent(action('WIDGETS_UPDATE', this.state)));
  }

  private async read(key: string): Promise<unknown> {
    try {
      return await this.deps.storage.get(key);
    } catch (error) {
      this.log.error(`WidgetsFeed: could not read ${key}`, error);
      return undefined;
    }
  }
}
