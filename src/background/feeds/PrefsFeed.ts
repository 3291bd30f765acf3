// Typed prefs persisted in storage.local. SET_PREF from any page becomes
// PREF_CHANGED in every page; changes written to storage by another context
// (the options page, a test, a second background instance) are broadcast too.
import { BroadcastToContent, action, type Action } from '../../common/actions';
import { PREF_NAMES, prefValueError, sanitizePrefs, type PrefName, type PrefValues } from '../../common/prefs';
import type { KeyValueStorage } from '../storage';
import type { Feed, FeedStore } from './Feed';

export const PREFS_KEY = 'prefs';

export class PrefsFeed implements Feed {
  readonly name = 'PrefsFeed';
  private values: PrefValues | null = null;
  private store: FeedStore | null = null;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  /** Loads prefs before the store starts, so the first page already sees them. */
  async load(): Promise<PrefValues> {
    let stored: unknown;
    try {
      stored = await this.storage.get(PREFS_KEY);
    } catch (error) {
      this.log.error('PrefsFeed: could not read stored prefs; using defaults', error);
    }
    if (stored !== undefined && (typeof stored !== 'object' || stored === null || Array.isArray(stored))) {
      this.log.error('PrefsFeed: stored prefs are corrupt; using defaults');
    }
    this.values = sanitizePrefs(stored);
    this.storage.onChanged((changes) => {
      const change = changes[PREFS_KEY];
      if (change) this.applyExternal(change.newValue);
    });
    return this.values;
  }

  get current(): PrefValues {
    if (!this.values) throw new Error('PrefsFeed: prefs read before load()');
    return this.values;
  }

  onAction(a: Action, store: FeedStore): Promise<void> | void {
    this.store = store;
    switch (a.type) {
      case 'INIT':
        store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', this.current)));
        return;
      case 'SET_PREF':
        return this.set(a.data.name, a.data.value);
    }
  }

  async set<N extends PrefName>(name: N, value: PrefValues[N]): Promise<void> {
    const error = prefValueError(name, value);
    if (error) {
      this.log.error(`PrefsFeed: ${error}`);
      return;
    }
    if (this.current[name] === value) return;
    this.values = { ...this.current, [name]: value };
    this.broadcast(name);
    await this.storage.set(PREFS_KEY, this.values);
  }

  private applyExternal(stored: unknown): void {
    if (!this.values) return;
    const next = sanitizePrefs(stored);
    const changed = PREF_NAMES.filter((n) => next[n] !== this.values![n]);
    this.values = next;
    for (const name of changed) this.broadcast(name);
  }

  private broadcast(name: PrefName): void {
    const value = this.current[name];
    this.store?.dispatch(BroadcastToContent(action('PREF_CHANGED', { name, value } as Action<'PREF_CHANGED'>['data'])));
  }
}
