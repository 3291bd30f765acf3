// Firefox can drop the load of a tab an extension creates while the browser
// is still starting: the tab stays at about:blank (seen in our CI, and
// reported against other add-ons, cadeyrn/newtaboverride#381). A page opened
// at a browser start (the moments page, the welcome page at install) is
// therefore checked until it has loaded, and loaded again if it was dropped.
import type { Tabs } from 'webextension-polyfill';

export interface StartupTabs {
  create(props: { url: string }): Promise<Tabs.Tab>;
  get(tabId: number): Promise<Tabs.Tab>;
  update(tabId: number, props: { url: string }): Promise<Tabs.Tab>;
}

/** When the tab is looked at after it was created. */
export const CHECKS_MS = [1_000, 3_000, 10_000, 20_000, 40_000];
/**
 * A tab still at its first blank page says it is loading while its load is
 * slow; after this long it is taken as dropped too (the likely way a full run
 * once left the moments tab blank for 30 s).
 */
export const STUCK_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A load was dropped: the tab finished with nothing but its first blank page, or is still on it at `at`. */
const dropped = (tab: Tabs.Tab, at: number) => (tab.url === 'about:blank' || tab.url === '') && (tab.status === 'complete' || at >= STUCK_MS);

/**
 * Looks at the tab at each of CHECKS_MS and loads `url` again whenever its
 * load was dropped; stops once the tab shows anything else or is closed.
 * Resolves to how often it loaded the page again.
 */
export async function loadUntilShown(tabs: StartupTabs, tabId: number, url: string, wait: (ms: number) => Promise<void> = sleep): Promise<number> {
  let waited = 0;
  let reloads = 0;
  for (const at of CHECKS_MS) {
    await wait(at - waited);
    waited = at;
    const tab = await tabs.get(tabId).catch(() => null);
    if (!tab) return reloads; // The user closed it.
    if (!dropped(tab, at)) {
      if (tab.status === 'loading') continue;
      return reloads;
    }
    reloads += 1;
    console.warn(`Open Activity Stream: the browser dropped the load of ${url} in a tab opened at its start; loading it again`);
    await tabs.update(tabId, { url });
  }
  return reloads;
}

/** Opens `url` in a new tab and, without holding up the caller, makes sure it loads. */
export async function openStartupTab(tabs: StartupTabs, url: string): Promise<void> {
  const tab = await tabs.create({ url });
  if (tab.id !== undefined) void loadUntilShown(tabs, tab.id, url).catch((error: unknown) => console.warn('Open Activity Stream: could not check a tab opened at start', error));
}
