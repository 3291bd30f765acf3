import type { Tabs } from 'webextension-polyfill';
import { describe, expect, it, vi } from 'vitest';
import { CHECKS_MS, loadUntilShown, STUCK_MS, type StartupTabs } from './startupTab';

const URL_ = 'https://example.com/moments';
const tab = (url: string, status: 'loading' | 'complete'): Tabs.Tab => ({ id: 7, url, status }) as Tabs.Tab;

/** Tabs whose `get` answers the given states in turn (the last one from then on). */
function fakeTabs(states: (Tabs.Tab | null)[]): StartupTabs & { update: ReturnType<typeof vi.fn> } {
  let call = 0;
  return {
    create: vi.fn(),
    get: vi.fn(async () => {
      const state = states[Math.min(call++, states.length - 1)];
      if (!state) throw new Error('Invalid tab ID: 7');
      return state;
    }),
    update: vi.fn(async () => tab(URL_, 'loading')),
  };
}
const noWait = async () => undefined;

describe('loadUntilShown', () => {
  it('loads the page again when the browser dropped the load (complete at about:blank), then stops once it shows', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tabs = fakeTabs([tab('about:blank', 'complete'), tab(URL_, 'complete')]);
    expect(await loadUntilShown(tabs, 7, URL_, noWait)).toBe(1);
    expect(tabs.update).toHaveBeenCalledExactlyOnceWith(7, { url: URL_ });
    expect(tabs.get).toHaveBeenCalledTimes(2);
  });

  it('leaves a slow load alone: about:blank while loading is not dropped', async () => {
    const tabs = fakeTabs([tab('about:blank', 'loading'), tab('about:blank', 'loading'), tab(URL_, 'complete')]);
    expect(await loadUntilShown(tabs, 7, URL_, noWait)).toBe(0);
    expect(tabs.update).not.toHaveBeenCalled();
  });

  it('takes a tab still loading its first blank page at the 10 s check as dropped, and loads the page again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const blankLoading = tab('about:blank', 'loading');
    const tabs = fakeTabs([blankLoading, blankLoading, blankLoading, tab(URL_, 'complete')]);
    expect(CHECKS_MS[2]).toBe(STUCK_MS);
    expect(await loadUntilShown(tabs, 7, URL_, noWait)).toBe(1);
    expect(tabs.update).toHaveBeenCalledExactlyOnceWith(7, { url: URL_ });
    expect(tabs.get).toHaveBeenCalledTimes(4);
  });

  it('stops when the user closed the tab, and gives up after its last check', async () => {
    const closed = fakeTabs([null]);
    expect(await loadUntilShown(closed, 7, URL_, noWait)).toBe(0);
    expect(closed.get).toHaveBeenCalledTimes(1);

    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const waits: number[] = [];
    const stuck = fakeTabs([tab('about:blank', 'complete')]);
    expect(await loadUntilShown(stuck, 7, URL_, async (ms) => void waits.push(ms))).toBe(CHECKS_MS.length);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(CHECKS_MS.at(-1));
  });
});
