// What made a page load, from browser signals (Firefox's setLoadTriggerInfo
// and first_window_opened): a tab the user opened for the new-tab page gives
// `menu_plus_or_keyboard` at the time the tab was made; the first home page
// shortly after the browser starts gives `first_window_opened` at the start
// time; anything else is `unexpected`. Kept in storage.session, as the signal
// and the page that claims it can fall on either side of a suspension.
import type { LoadTriggerType } from '../../common/pings/types';
import type { KeyValueStorage } from '../storage';
import { CoalescingWriter } from './CoalescingWriter';

export const LOAD_TRIGGERS_KEY = 'telemetry.loadTriggers';

/** A new tab's page connects within moments of the tab; older signals are stale. */
export const NEW_TAB_WINDOW_MS = 10_000;
/** The home page the browser opens at start connects within this time. */
export const STARTUP_WINDOW_MS = 60_000;

export interface LoadTrigger {
  load_trigger_type: LoadTriggerType;
  load_trigger_ts?: number;
}

/** What each browser reports at tabs.onCreated for a tab about to show the new-tab page. */
const NEW_TAB_URLS = new Set(['about:newtab', 'chrome://newtab/', 'about:blank']);

/**
 * A tab made for the new-tab page. Chromium names the page in `pendingUrl`;
 * Firefox reports every new tab as about:blank, so there any new blank tab
 * counts, and the tracker keeps the signal only for NEW_TAB_WINDOW_MS.
 */
export function opensNewTabPage(tab: { url?: string; pendingUrl?: string; incognito: boolean }): boolean {
  if (tab.incognito) return false;
  if (tab.pendingUrl) return tab.pendingUrl !== 'about:blank' && NEW_TAB_URLS.has(tab.pendingUrl);
  return NEW_TAB_URLS.has(tab.url ?? '');
}

const UNEXPECTED: LoadTrigger = { load_trigger_type: 'unexpected' };

interface TriggerState {
  /** When the browser started, until the first home page claims it. */
  startupAt: number | null;
  /** Tab id → when the user opened it for the new-tab page. */
  newTabs: Record<string, number>;
}

export class LoadTriggerTracker {
  private state: TriggerState = { startupAt: null, newTabs: {} };
  private loaded: Promise<void> | null = null;
  private readonly writer: CoalescingWriter;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly clock: () => number,
    log: Pick<Console, 'error'> = console,
  ) {
    this.writer = new CoalescingWriter(storage, LOAD_TRIGGERS_KEY, () => this.state, log);
  }

  load(): Promise<void> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  /**
   * runtime.onStartup. `startedAt` is when the browser started, when the
   * caller knows better than now (onStartup reaches us after the first
   * window may already show its home page).
   */
  async browserStarted(startedAt = this.clock()): Promise<void> {
    await this.load();
    this.state.startupAt = startedAt;
    await this.writer.write();
  }

  /** tabs.onCreated for a tab that opens the new-tab page. */
  async tabOpened(tabId: number): Promise<void> {
    await this.load();
    const now = this.clock();
    for (const [id, at] of Object.entries(this.state.newTabs)) {
      if (now - at > NEW_TAB_WINDOW_MS) delete this.state.newTabs[id];
    }
    this.state.newTabs[String(tabId)] = now;
    await this.writer.write();
  }

  /** The trigger of a page that just connected; each signal is used once. */
  async claim(page: string, tabId: number | null): Promise<LoadTrigger> {
    await this.load();
    const now = this.clock();
    const tab = tabId === null ? null : String(tabId);
    const openedAt = tab === null ? undefined : this.state.newTabs[tab];
    const startupAt = this.state.startupAt;
    let trigger = UNEXPECTED;
    if (page === 'about:newtab' && openedAt !== undefined && now - openedAt <= NEW_TAB_WINDOW_MS) {
      trigger = { load_trigger_type: 'menu_plus_or_keyboard', load_trigger_ts: openedAt };
    } else if (page === 'about:home' && startupAt !== null && now - startupAt <= STARTUP_WINDOW_MS) {
      trigger = { load_trigger_type: 'first_window_opened', load_trigger_ts: startupAt };
    }
    // A tab's signal belongs to the first page in it; the start, to the first home page.
    if (openedAt === undefined && (page !== 'about:home' || startupAt === null)) return trigger;
    if (tab !== null) delete this.state.newTabs[tab];
    if (page === 'about:home') this.state.startupAt = null;
    await this.writer.write();
    return trigger;
  }

  private async read(): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.storage.get(LOAD_TRIGGERS_KEY);
    } catch {
      return;
    }
    const s = stored as Partial<TriggerState> | undefined;
    if (!s || typeof s !== 'object') return;
    const newTabs: Record<string, number> = {};
    if (s.newTabs && typeof s.newTabs === 'object') {
      for (const [id, at] of Object.entries(s.newTabs)) if (typeof at === 'number') newTabs[id] = at;
    }
    this.state = { startupAt: typeof s.startupAt === 'number' ? s.startupAt : null, newTabs };
  }
}
