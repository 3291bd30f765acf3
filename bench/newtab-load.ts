// New tab load: navigation start → first contentful paint, and → top sites
// painted with real data, in Firefox ESR and Chromium, cold and warm, for
//   ours   — our new tab (dist/<browser>/newtab/newtab.html),
//   floor  — a near-empty page in the same extension (bench/pages/*),
//   anchor — Firefox's own about:newtab (Firefox only),
//   message — our new tab showing a message (the snippet footer bar, served by
//             the remote provider from a local server), warm only: `ours` is
//             the same page with the Snippets switch off, so no message,
//   personal — our new tab with a wallpaper and both widgets, warm only,
//   plain  — the same page with neither (widgets' master switch off, no
//             wallpaper), warm only: issue 20's goal compares the two;
//             `ours` is the default page (both widgets, no wallpaper),
// interleaved in one run so the machine's state hits all alike.
//
// Every figure is read inside the page, relative to performance.timeOrigin
// (the navigation start), so driver round trips are not in it:
// - FCP from performance.getEntriesByType('paint');
// - top sites from the `topsites_first_painted_ts` performance mark, which
//   Firefox's new tab sets (ComponentPerfTimer: a frame, then a task, after the
//   tiles rendered with data) and the floor sets the same way. Our page sends
//   that figure in its session ping and (since the boot paint) sets the mark
//   too, from its boot script or its grid; for older builds the copy
//   of our extension that the benchmark loads gets bench/pages/bench-watch.js
//   as newtab.html's first script: it checks every animation frame from the
//   start for the first tile with data and takes the time after that frame's
//   task, the same definition (the floor carries the same watcher). If our page
//   starts calling performance.mark() with that name, the mark is used instead
//   (detected at setup).
//   first = the first page opened after the browser starts, at once (a new
//          launch per sample, same profile, no wait for the background);
//   cold = the same, after the extension's background is up;
//   warm = repeated opens in one running browser, in one reused tab.
// Our page also paints, warm, from what it finds stored at the open:
//   cached — the storage.local top sites cache only (boot snapshot removed),
//   live   — nothing (snapshot and cache removed): the background's answer,
//   stale-cache — a stale cache only (its first site removed), which the live
//            grid replaces (the page's `topsites_swapped_ts` mark: a swap);
//   stale-snapshot — a stale boot snapshot (its first tile moved last), which
//            React's tiles replace: a swap, also timed as the first tab after start;
// each restored after its open. Cold opens are read 1 s after top sites
// painted, for the layout shifts up to then and (Chromium) the JS heap.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startCollector, type RunningCollector } from '../collector/src/index';
import { seededRandom } from '../collector/src/faults';
import { launchBenchBrowser, prepareExtensionCopy, type BenchBrowser, type BrowserName } from './lib/browsers';
import { fmt, type Table } from './lib/format';
import { ratio, summarize, type Summary } from './lib/stats';
import { listFlag, numberFlag, ROOT, runIfMain, type Suite, type SuiteOptions } from './lib/suite';
import { json, startStoriesFeedServer } from '../scripts/storiesFeedServer.mjs';
import { SAMPLE_MESSAGES } from '../scripts/sampleMessages.mjs';

export type Variant = 'ours' | 'message' | 'personal' | 'plain' | 'cached' | 'live' | 'stale-cache' | 'stale-snapshot' | 'floor' | 'anchor';
export type Phase = 'first' | 'cold' | 'warm';
/** What our page finds stored at its open, instead of its usual boot snapshot (localStorage) and top sites cache (storage.local). */
export type Stored = 'cache' | 'nothing' | 'stale-cache' | 'stale-snapshot';
export type TopSitesMode = 'mark' | 'watcher' | 'none';

export const TOPSITES_MARK = 'topsites_first_painted_ts';
/** Set by our page when a newer source shows other tiles than those painted (src/newtab/TopSites/useTopSitesSwap.ts). */
export const SWAP_MARK = 'topsites_swapped_ts';
/** What our page's storage variants find stored. */
const STORED: Partial<Record<Variant, Stored>> = { cached: 'cache', live: 'nothing', 'stale-cache': 'stale-cache', 'stale-snapshot': 'stale-snapshot' };
/** Where our page keeps its boot snapshots (src/newtab/boot/snapshot.ts) and its top sites cache (src/common/topSites/cache.ts). */
const SNAPSHOT_PREFIX = 'oas.bootSnapshot.';
const TOP_SITES_CACHE_KEY = 'topSitesCache';
/** How long after top sites painted the after-paint figures (layout shift, a swap, the heap) are read. */
const AFTER_PAINT_MS = 1_000;
/** Our tiles (src/newtab/TopSites); used for the tile count, and for timing if the page sets no mark. */
export const OUR_TILE_SELECTOR = '.top-site';
const ANCHOR_TILE_SELECTOR = '.top-site-outer:not(.placeholder)';
const FLOOR_TILE_SELECTOR = '.top-site';
/** The remote collection the `message` variant is served from: the sample snippet, never capped. */
const MESSAGE_COLLECTION = 'bench-snippet';
const MESSAGE_RECORDS = { data: [{ ...SAMPLE_MESSAGES[2], frequency: { lifetime: 1_000_000 } }] };
/** The Snippets switch is the one difference between `ours` (no message) and `message`. */
const WITHOUT_MESSAGE = { 'feeds.snippets': false };
const WITH_MESSAGE = { 'feeds.snippets': true };
/** The default page: both widgets (Lists and Focus timer), no wallpaper. */
const DEFAULT_LOOK = { 'widgets.enabled': true, 'newtabWallpapers.wallpaper': '' };
/** A page made personal: a built-in image wallpaper and both widgets; `plain` has neither. */
const PERSONAL_LOOK = { 'widgets.enabled': true, 'newtabWallpapers.wallpaper': 'dunes', 'newtabWallpapers.show': true };
const PLAIN_LOOK = { 'widgets.enabled': false, 'newtabWallpapers.wallpaper': '' };

/** Sites added to history before measuring, so both new tabs show top sites from real browsing data. */
export const SEEDED_SITES = [
  ['https://www.wikipedia.org/', 'Wikipedia'],
  ['https://developer.mozilla.org/en-US/', 'MDN Web Docs'],
  ['https://github.com/', 'GitHub'],
  ['https://www.openstreetmap.org/', 'OpenStreetMap'],
  ['https://news.ycombinator.com/', 'Hacker News'],
  ['https://www.bbc.co.uk/news', 'BBC News'],
  ['https://archive.org/', 'Internet Archive'],
  ['https://stackoverflow.com/questions', 'Stack Overflow'],
  ['https://www.theguardian.com/', 'The Guardian'],
  ['https://www.reddit.com/', 'Reddit'],
  ['https://www.youtube.com/', 'YouTube'],
  ['https://www.weather.gov/', 'Weather'],
] as const;

export interface Sample {
  browser: BrowserName;
  phase: Phase;
  variant: Variant;
  round: number;
  fcp: number | null;
  topSites: number | null;
  /** When the page had parsed (domInteractive): how much of topSites is the page's own parsing and scripts. */
  domInteractive: number | null;
  /** How topSites was taken: the page's performance mark, or bench-watch.js. */
  topSitesSource: 'mark' | 'watcher' | null;
  tiles: number;
  paintedFrom: string | null;
  /** A message surface was on the page when the figures were read. */
  message: boolean;
  /** Our grid's swaps seen when the figures were read, and the first one's time after top sites painted. */
  swaps: number;
  swapAfterMs: number | null;
  /** Layout shifts summed up to AFTER_PAINT_MS after top sites painted; null if not read or not reported by the browser. */
  layoutShift: number | null;
  /** Chromium: the page's used JS heap after a garbage collection, AFTER_PAINT_MS after top sites painted. */
  heapBytes: number | null;
  /** Driver wall clock from goto() to the figures being available (includes driver round trips). */
  wallMs: number;
  attempts: number;
}

interface VariantSpec {
  variant: Variant;
  url: string;
  mode: TopSitesMode;
  tileSelector: string;
  /** Prefs this page is measured with (written before it opens, when they change). */
  prefs?: Record<string, unknown>;
  /** The figures are complete only once a message shows (their times do not depend on when they are read). */
  message?: boolean;
  stored?: Stored;
  /** Read the figures only this long after top sites painted (AFTER_PAINT_MS for the after-paint figures). */
  windowMs?: number;
}

/** What a page shows so far; read inside the page (or, for Firefox, from a sibling extension page). */
interface RawProbe {
  fcp: number | null;
  mark: number | null;
  /** From bench-watch.js: after the first frame showing a tile; null until then, or without the watcher. */
  tileAt: number | null;
  watched: boolean;
  tiles: number;
  /** The organic tiles' link hosts, in order ('' for a tile without a link); our sponsored tiles are left out. */
  hosts: string[];
  /** Our grid's data-painted-from: whether the first tiles came from the storage cache or the live feed. */
  paintedFrom: string | null;
  /** A message surface is on the page. */
  message: boolean;
  /** The page's performance.now() when read. */
  now: number;
  /** When the page had parsed (navigation timing's domInteractive). */
  domInteractive: number | null;
  /** Start times of our grid's swap marks. */
  swaps: number[];
  /** From bench-watch.js: [startTime, value] of layout shifts not after input; null where the browser reports none. */
  shifts: [number, number][] | null;
}

/**
 * Runs in the browser. With `hash` null it reads its own window; otherwise it
 * runs in a page of our extension and reads the extension tab whose URL ends in
 * `hash` (browser.extension.getViews), returning null until that tab exists.
 * (No named inner functions: tsx would wrap them in a __name() helper that does
 * not exist in the page.)
 */
function rawProbe({ hash, mark, swapMark, selector }: { hash: string | null; mark: string; swapMark: string; selector: string }): RawProbe | null {
  type BenchWindow = Window & typeof globalThis & { __oasBenchWatch?: { tileAt: number | null; shifts: [number, number][] | null } };
  let win = window as BenchWindow;
  if (hash !== null) {
    const ext = (globalThis as unknown as { browser: { extension: { getViews(q: { type: string }): Window[] } } }).browser;
    const view = ext.extension.getViews({ type: 'tab' }).find((v) => v.location.hash === hash);
    if (!view) return null;
    win = view as BenchWindow;
  }
  const fcp = win.performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  const marked = win.performance.getEntriesByName(mark)[0];
  const watch = win.__oasBenchWatch;
  return {
    fcp: fcp ? fcp.startTime : null,
    mark: marked ? marked.startTime : null,
    tileAt: watch?.tileAt ?? null,
    watched: watch !== undefined,
    tiles: win.document.querySelectorAll(selector).length,
    hosts: Array.from(win.document.querySelectorAll(`${selector}:not(:has(.top-site-sponsored))`), (tile) => {
      const link = tile.matches('a[href]') ? (tile as HTMLAnchorElement) : tile.querySelector<HTMLAnchorElement>('a[href]');
      return link ? new URL(link.href, win.location.href).hostname : '';
    }),
    // The boot paint says so in its mark (its grid is gone once React has taken over).
    paintedFrom:
      ((marked as PerformanceMark | undefined)?.detail as { from?: string } | null | undefined)?.from ??
      win.document.querySelector<HTMLElement>('[data-painted-from]')?.dataset.paintedFrom ??
      null,
    message: win.document.querySelector('[data-message-id]') !== null,
    now: win.performance.now(),
    domInteractive: (win.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domInteractive ?? null,
    swaps: win.performance.getEntriesByName(swapMark).map((e) => e.startTime),
    shifts: watch?.shifts ?? null,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rotate = <T>(xs: readonly T[], by: number): T[] => xs.map((_, i) => xs[(i + by) % xs.length] as T);

/**
 * `xs` in an order drawn from `seed` (the collector's seeded generator, then
 * Fisher–Yates): the same seed gives the same order, so a run can be repeated.
 * Warm opens share a tab and a browser, so an open may pay for what the one
 * before left running (about:newtab's teardown, our page's unload work in the
 * background): a rotation keeps the same page before each page, a shuffle varies it.
 */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const next = seededRandom(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The warm rounds' orders are shuffled from this seed plus the round. */
const WARM_ORDER_SEED = 17;

/** When top sites painted: the page's mark, or the watcher's time where that is how the page is timed. */
function topSitesAt(raw: RawProbe, mode: TopSitesMode): number | null {
  return mode === 'none' ? null : (raw.mark ?? (mode === 'watcher' ? raw.tileAt : null));
}

function complete(raw: RawProbe | null, mode: TopSitesMode, { message = false, windowMs = 0 }: VariantSpec): raw is RawProbe {
  if (!raw || raw.fcp === null || (message && !raw.message)) return false;
  if (mode === 'none') return true;
  const at = topSitesAt(raw, mode);
  return at !== null && raw.now >= at + windowMs;
}

/** Layout shifts (CLS-like: summed, none right after input) from navigation start up to `until`; null where the browser reports none. */
function layoutShiftUntil(raw: RawProbe, until: number): number | null {
  return raw.shifts?.filter(([at]) => at <= until).reduce((sum, [, value]) => sum + value, 0) ?? null;
}

/** Chromium: the page's used JS heap after a full GC (DevTools protocol); other browsers expose no per-page figure. */
async function usedJsHeap(b: BenchBrowser, page: Page): Promise<number | null> {
  if (b.name !== 'chromium') return null;
  const cdp = await b.context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Rejects after `ms`; a BiDi call into a page whose script realm never appeared would otherwise wait forever. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A new tab, bounded like every other call into the browser. */
function newTab(b: BenchBrowser): Promise<Page> {
  return within(b.context.newPage(), 30_000, 'newPage');
}

/** Leaves a page the way a user navigating away would (closing Firefox tabs under BiDi can end the context). */
async function blank(page: Page): Promise<void> {
  await page.goto('about:blank', { waitUntil: 'commit', timeout: 10_000 }).catch(() => undefined);
}

interface Settings {
  firstRuns: number;
  coldRuns: number;
  warmRuns: number;
  warmup: number;
  settleMs: Record<BrowserName, number>;
  gapMs: number;
  quietMs: number;
  timeoutMs: number;
}

interface SavedStorage {
  snapshots: Record<string, string>;
  cache: unknown;
}

type StorageApi = {
  storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void>; remove(k: string): Promise<void> } };
};

/**
 * Runs in a page of our extension: makes the boot snapshots stale (their grid's
 * first tile moved last), or removes them and leaves the cache, none, or a
 * stale one; returns what was there.
 */
async function alterStorage({ stored, prefix, cacheKey }: { stored: Stored; prefix: string; cacheKey: string }): Promise<SavedStorage> {
  const g = globalThis as unknown as { browser?: StorageApi; chrome: StorageApi };
  const api = g.browser ?? g.chrome;
  const snapshots: Record<string, string> = {};
  for (const key of Object.keys(localStorage).filter((k) => k.startsWith(prefix))) {
    snapshots[key] = localStorage.getItem(key) ?? '';
    if (stored !== 'stale-snapshot') localStorage.removeItem(key);
  }
  if (stored === 'stale-snapshot') {
    for (const [key, text] of Object.entries(snapshots)) {
      type Node = string | [string, Record<string, string>, Node[]];
      const snapshot = JSON.parse(text) as { tree: Node };
      const grid = [snapshot.tree];
      // Depth-first to the top sites grid (no named helper: see rawProbe).
      for (let node = grid.pop(); node !== undefined; node = grid.pop()) {
        if (typeof node === 'string') continue;
        if (node[1].class?.split(' ').includes('top-sites-grid')) {
          node[2].push(node[2].shift() as Node);
          break;
        }
        grid.push(...node[2]);
      }
      localStorage.setItem(key, JSON.stringify(snapshot));
    }
  }
  const cache = (await api.storage.local.get(cacheKey))[cacheKey] as { rows: unknown[] } | undefined;
  if (stored === 'nothing') await api.storage.local.remove(cacheKey);
  if (stored === 'stale-cache' && cache) {
    // One site gone: every later tile moves up a slot, as if the cache were from before a visit.
    const rows = [...cache.rows];
    rows.splice(rows.findIndex((r) => r !== null), 1);
    await api.storage.local.set({ [cacheKey]: { ...cache, rows } });
  }
  return { snapshots, cache: cache ?? null };
}

/** Runs in a page of our extension: puts back what alterStorage() found. */
async function restoreStorage({ saved, prefix, cacheKey }: { saved: SavedStorage; prefix: string; cacheKey: string }): Promise<void> {
  const g = globalThis as unknown as { browser?: StorageApi; chrome: StorageApi };
  const api = g.browser ?? g.chrome;
  for (const key of Object.keys(localStorage).filter((k) => k.startsWith(prefix))) localStorage.removeItem(key);
  for (const [key, text] of Object.entries(saved.snapshots)) localStorage.setItem(key, text);
  if (saved.cache === null) await api.storage.local.remove(cacheKey);
  else await api.storage.local.set({ [cacheKey]: saved.cache });
}

/** First evaluate() into a freshly committed page: how long to wait before reading it through the controller instead. */
const DIRECT_ANSWER_MS = 2_000;
const POLL_MS = 25;
/** How long setup waits for our page's first tile. */
const SETUP_PROBE_MS = 10_000;

/**
 * One browser launch. Under Firefox/BiDi a navigation to an extension page
 * sometimes never gets a script realm (browser-testing.md §3a; here it hit up
 * to half the re-navigations of a tab), so evaluate() on it never answers.
 * The figures are then read from a second tab of our extension, the
 * controller, through browser.extension.getViews(): same document, same
 * figures, nothing discarded.
 */
class Session {
  private controller: Page | null = null;
  private seq = 0;
  viaController = 0;

  constructor(
    readonly b: BenchBrowser,
    private readonly timeoutMs: number,
    private readonly quietMs: number,
  ) {}

  async openController(): Promise<Page> {
    if (this.controller) return this.controller;
    for (let attempt = 1; attempt <= 6; attempt++) {
      const page = await newTab(this.b);
      await page.goto(`${this.b.baseUrl}/newtab/bench-controller.html`, { waitUntil: 'commit', timeout: 15_000 });
      const extensionApi = () => {
        const g = globalThis as { browser?: unknown; chrome?: { storage?: unknown } };
        return typeof (g.browser ?? g.chrome?.storage);
      };
      const ok = await within(page.evaluate(extensionApi), 3_000, 'controller').catch(() => null);
      if (ok === 'object') return (this.controller = page);
      await blank(page);
    }
    throw new Error('the controller page never answered');
  }

  private prefs = '';

  /** Writes `prefs` (if they changed) through the controller; the background picks them up from storage. */
  async setPrefs(prefs: Record<string, unknown> | undefined): Promise<void> {
    if (!prefs || JSON.stringify(prefs) === this.prefs) return;
    const controller = await this.openController();
    await within(
      controller.evaluate(async (update) => {
        type Api = { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } } };
        const g = globalThis as unknown as { browser?: Api; chrome: Api };
        const api = g.browser ?? g.chrome;
        const { prefs: stored } = (await api.storage.local.get('prefs')) as { prefs?: Record<string, unknown> };
        await api.storage.local.set({ prefs: { ...(stored ?? {}), ...update } });
      }, prefs),
      5_000,
      'setPrefs',
    );
    this.prefs = JSON.stringify(prefs);
  }

  /** What setStorage() changed, to put back after the open (in a later launch, for a first tab after start). */
  saved: SavedStorage | null = null;

  /** Leaves our page only `stored` (through the controller: same origin, so same localStorage), keeping what was there. */
  async setStorage(stored: Stored | undefined): Promise<void> {
    if (!stored) return;
    const controller = await this.openController();
    const args = { stored, prefix: SNAPSHOT_PREFIX, cacheKey: TOP_SITES_CACHE_KEY };
    this.saved = await within(controller.evaluate(alterStorage, args), 5_000, 'setStorage');
  }

  /** Puts back what setStorage() changed: the background writes its cache only when top sites change. */
  async restoreStorage(): Promise<void> {
    if (!this.saved) return;
    const controller = await this.openController();
    await within(controller.evaluate(restoreStorage, { saved: this.saved, prefix: SNAPSHOT_PREFIX, cacheKey: TOP_SITES_CACHE_KEY }), 5_000, 'restoreStorage');
    this.saved = null;
  }

  /**
   * Navigates `page` to `spec` and returns its figures once complete for
   * `mode`. `useController`: read through the controller from the start
   * (Firefox, warm); otherwise directly, switching to the controller when the
   * page does not answer.
   */
  async open(page: Page, spec: VariantSpec, mode: TopSitesMode, useController: boolean, timeoutMs = this.timeoutMs): Promise<{ raw: RawProbe; wallMs: number }> {
    const t0 = Date.now();
    const deadline = t0 + timeoutMs;
    const extensionPage = spec.url.startsWith(this.b.baseUrl);
    const hash = `#oas-bench-${++this.seq}`;
    await page.goto(extensionPage ? spec.url + hash : spec.url, { waitUntil: 'commit', timeout: timeoutMs });
    const canUseController = extensionPage && this.b.name === 'firefox';
    let controller = useController && canUseController ? await this.openController() : null;
    // A look runs a task in the page's process (Firefox: the controller shares the extension's
    // process), which would delay the load it times: none until the page has most likely painted.
    await sleep(this.quietMs);
    let raw: RawProbe | null = null;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${spec.variant}: figures not complete within ${timeoutMs} ms (last: ${JSON.stringify(raw)})`);
      const args = { hash: controller ? hash : null, mark: TOPSITES_MARK, swapMark: SWAP_MARK, selector: spec.tileSelector };
      try {
        raw = await within((controller ?? page).evaluate(rawProbe, args), Math.min(left, controller ? 5_000 : DIRECT_ANSWER_MS), spec.variant);
      } catch (error) {
        if (controller || !canUseController) throw error;
        controller = await this.openController();
        this.viaController++;
        // Opening the controller put it in front; give the tab back.
        await within(page.bringToFront(), 5_000, 'bringToFront').catch(() => undefined);
        continue;
      }
      if (complete(raw, mode, spec)) return { raw, wallMs: Date.now() - t0 };
      await sleep(POLL_MS);
    }
  }
}

class LoadBench {
  readonly samples: Sample[] = [];
  readonly failures: string[] = [];
  readonly modes: Partial<Record<BrowserName, TopSitesMode>> = {};
  readonly versions: Partial<Record<BrowserName, string>> = {};
  /** The organic tiles' hosts on our page and about:newtab, checked before timing (Firefox). */
  readonly sitesChecked: Partial<Record<BrowserName, { ours: string[]; anchor: string[] }>> = {};
  /** Whether the browser reports layout-shift entries (PerformanceObserver.supportedEntryTypes, seen by bench-watch.js). */
  readonly layoutShiftReported: Partial<Record<BrowserName, boolean>> = {};
  viaController = 0;

  constructor(
    private readonly settings: Settings,
    private readonly log: (l: string) => void,
    private readonly collector: RunningCollector,
    private readonly messagesServer: string,
  ) {}

  specs(b: BenchBrowser): VariantSpec[] {
    const ours = (variant: Variant, look: Record<string, unknown>, extra: Partial<VariantSpec> = {}): VariantSpec => ({
      variant,
      url: `${b.baseUrl}/newtab/newtab.html`,
      mode: this.modes[b.name] ?? 'none',
      tileSelector: OUR_TILE_SELECTOR,
      prefs: { ...WITHOUT_MESSAGE, ...look },
      stored: STORED[variant],
      ...extra,
    });
    const specs: VariantSpec[] = [
      ours('ours', DEFAULT_LOOK),
      ours('message', DEFAULT_LOOK, { prefs: { ...WITH_MESSAGE, ...DEFAULT_LOOK }, message: true }),
      ours('personal', PERSONAL_LOOK),
      ours('plain', PLAIN_LOOK),
      ours('cached', DEFAULT_LOOK),
      ours('live', DEFAULT_LOOK),
      // Read a while after the first paint, so the live grid has come and swapped the stale one.
      ours('stale-cache', DEFAULT_LOOK, { windowMs: AFTER_PAINT_MS }),
      ours('stale-snapshot', DEFAULT_LOOK, { windowMs: AFTER_PAINT_MS }),
      { variant: 'floor', url: `${b.baseUrl}/newtab/bench-floor.html`, mode: 'mark', tileSelector: FLOOR_TILE_SELECTOR },
    ];
    if (b.name === 'firefox') specs.push({ variant: 'anchor', url: 'about:newtab', mode: 'mark', tileSelector: ANCHOR_TILE_SELECTOR });
    return specs;
  }

  /** One measured open; a failed one is retried in a fresh tab and the failure reported. */
  async measure(session: Session, page: Page, spec: VariantSpec, phase: Phase, round: number): Promise<Page> {
    let current = page;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const { raw, wallMs } = await session.open(current, spec, spec.mode, phase === 'warm');
        const topSites = spec.mode === 'none' ? null : (raw.mark ?? raw.tileAt);
        const firstSwap = raw.swaps[0];
        if (raw.watched) this.layoutShiftReported[session.b.name] = raw.shifts !== null;
        this.samples.push({
          browser: session.b.name,
          phase,
          variant: spec.variant,
          round,
          fcp: raw.fcp,
          topSites,
          domInteractive: raw.domInteractive,
          topSitesSource: topSites === null ? null : raw.mark !== null ? 'mark' : 'watcher',
          tiles: raw.tiles,
          paintedFrom: raw.paintedFrom,
          message: raw.message,
          swaps: raw.swaps.length,
          swapAfterMs: firstSwap !== undefined && topSites !== null ? firstSwap - topSites : null,
          layoutShift: spec.windowMs && topSites !== null ? layoutShiftUntil(raw, topSites + spec.windowMs) : null,
          // Cold only: then no other page of the extension shares the page's process (and heap).
          heapBytes: phase === 'cold' ? await usedJsHeap(session.b, current) : null,
          wallMs,
          attempts: attempt,
        });
        return current;
      } catch (error) {
        this.failures.push(`${session.b.name} ${phase} ${spec.variant} round ${round} attempt ${attempt}: ${String(error).split('\n')[0]}`);
        this.log(`retrying ${session.b.name} ${phase} ${spec.variant}: ${String(error).split('\n')[0]}`);
        await blank(current);
        current = await newTab(session.b);
      }
    }
    return current;
  }

  /**
   * A launch for a first tab or a cold one. With `stored`, a launch before it
   * leaves our page only that (and the new session puts back what was there).
   */
  async launchFinding(name: BrowserName, extDir: string, profileDir: string, phase: 'first' | 'cold', stored: Stored | undefined): Promise<Session> {
    let saved: SavedStorage | null = null;
    if (stored) {
      const prep = await this.launch(name, extDir, profileDir);
      try {
        await prep.setStorage(stored);
        saved = prep.saved;
      } finally {
        await this.close(prep);
      }
    }
    const session = await this.launch(name, extDir, profileDir, phase === 'first' ? 0 : this.settings.settleMs[name]);
    session.saved = saved;
    return session;
  }

  /** `settleMs`: how long to let the extension's background finish starting, as it has when a user opens a tab later. */
  async launch(name: BrowserName, extDir: string, profileDir: string, settleMs = this.settings.settleMs[name]): Promise<Session> {
    const b = await launchBenchBrowser(name, extDir, profileDir);
    this.versions[name] ??= b.context.browser()?.version() ?? 'unknown';
    await sleep(settleMs);
    return new Session(b, this.settings.timeoutMs, this.settings.quietMs);
  }

  private async close(session: Session): Promise<void> {
    this.viaController += session.viaController;
    await session.b.close();
  }

  /** Seeds history, points telemetry at our collector, and finds how our page reports top sites. */
  async setup(name: BrowserName, extDir: string, profileDir: string): Promise<void> {
    const session = await this.launch(name, extDir, profileDir);
    const { b } = session;
    try {
      const ours = `${b.baseUrl}/newtab/newtab.html`;
      let page: Page | null = null;
      for (let attempt = 1; !page; attempt++) {
        const candidate = await newTab(b);
        try {
          await candidate.goto(ours, { waitUntil: 'commit', timeout: 15_000 });
          await candidate.locator('body[data-ready="1"]').waitFor({ timeout: attempt < 5 ? 5_000 : 20_000 });
          page = candidate;
        } catch (error) {
          if (attempt >= 5) throw new Error(`our new tab never became ready in ${name}: ${String(error)}`);
          await blank(candidate);
        }
      }
      await within(
        page.evaluate(
          async ({ endpoint, sites, messaging }) => {
            type Api = {
              storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } };
              history: { addUrl(details: { url: string; title?: string; visitTime?: number; transition?: string }): Promise<void> };
            };
            const g = globalThis as unknown as { browser?: Api; chrome: Api };
            const api = g.browser ?? g.chrome;
            const isFirefox = location.protocol === 'moz-extension:';
            const { prefs } = (await api.storage.local.get('prefs')) as { prefs?: Record<string, unknown> };
            // Our page measured with its full content: the bundled sample stories and
            // sponsored tiles, which a new profile no longer shows unless they are configured.
            const own = `${location.protocol}//${location.host}`;
            await api.storage.local.set({
              prefs: {
                ...(prefs ?? {}),
                'telemetry.endpoint': endpoint,
                'discoverystream.feedUrl': `${own}/stories/sample-feed.json`,
                'topsites.sponsoredFeedUrl': `${own}/topsites/sponsored-tiles.json`,
                ...messaging,
              },
            });
            const now = Date.now();
            for (const [i, [url, title]] of sites.entries()) {
              // More visits for earlier sites, so both new tabs agree on the order.
              for (let v = 0; v < sites.length - i + 2; v++) {
                const visitTime = now - (v * 3 + i) * 3_600_000;
                // Chromium's addUrl accepts only {url}.
                await api.history.addUrl(isFirefox ? { url, title, visitTime, transition: 'typed' } : { url });
              }
            }
          },
          {
            endpoint: this.collector.url,
            sites: SEEDED_SITES.map(([u, t]) => [u, t] as [string, string]),
            // Cold runs and `ours` have no message; `message` turns the Snippets switch on.
            messaging: { 'messaging.remoteServer': this.messagesServer, 'messaging.remoteCollection': MESSAGE_COLLECTION, ...WITHOUT_MESSAGE },
          },
        ),
        30_000,
        'seeding history',
      );
      await blank(page);
      await sleep(1_000);
      // How does our page report top sites: its own performance mark, tiles seen by the watcher, or (no tiles) neither?
      const probe = this.specs(b)[0] as VariantSpec;
      const seen = await session.open(await newTab(b), { ...probe, mode: 'watcher' }, 'watcher', b.name === 'firefox', SETUP_PROBE_MS).catch(() => null);
      let mode: TopSitesMode = seen ? (seen.raw.mark !== null ? 'mark' : 'watcher') : 'none';
      if (mode === 'watcher') {
        // Tiles first and the mark a moment later is still a page that marks.
        const later = await session.open(await newTab(b), probe, 'mark', b.name === 'firefox', 4_000).catch(() => null);
        if (later) mode = 'mark';
      }
      this.modes[name] = mode;
      this.log(`${name}: our top sites timed by ${mode}`);
    } finally {
      await this.close(session);
    }
  }

  /**
   * Firefox: before anything is timed, our page's organic tiles and
   * about:newtab's must be the seeded history sites, in the same order, so both
   * pages paint the same user's top sites. Read after a fresh start, as the
   * timed opens are (Firefox's feed reads the history at its start; right
   * after the seeding it still shows its defaults). Our page has fewer organic
   * tiles (sponsored ones take slots), so the shorter list is compared.
   */
  async checkSameSites(name: BrowserName, extDir: string, profileDir: string): Promise<void> {
    if (name !== 'firefox') return;
    const session = await this.launch(name, extDir, profileDir);
    try {
      const specs = this.specs(session.b);
      const hosts = async (variant: Variant) => {
        const spec = specs.find((s) => s.variant === variant) as VariantSpec;
        const seen = await session.open(await newTab(session.b), spec, 'mark', variant !== 'anchor', SETUP_PROBE_MS).catch(() => null);
        return seen?.raw.hosts ?? [];
      };
      const sites = { ours: await hosts('ours'), anchor: await hosts('anchor') };
      this.sitesChecked[name] = sites;
      const seeded = new Set(SEEDED_SITES.map(([url]) => new URL(url).hostname));
      const shown = Math.min(sites.ours.length, sites.anchor.length);
      const same =
        shown > 0 &&
        [...sites.ours, ...sites.anchor].every((host) => seeded.has(host)) &&
        sites.ours.slice(0, shown).join() === sites.anchor.slice(0, shown).join();
      if (!same) throw new Error(`our new tab and about:newtab do not show the same seeded history sites: ours ${JSON.stringify(sites.ours)}, about:newtab ${JSON.stringify(sites.anchor)}`);
      this.log(`${name}: the same seeded sites on both pages: ${sites.anchor.join(' ')}`);
    } finally {
      await this.close(session);
    }
  }

  /**
   * A fresh launch per sample: `first` opens the page at once, `cold` once the
   * background is up and reads it AFTER_PAINT_MS later too.
   */
  async launches(name: BrowserName, extDir: string, profileDir: string): Promise<void> {
    const runs: Record<'first' | 'cold', number> = { first: this.settings.firstRuns, cold: this.settings.coldRuns };
    for (let round = 0; round < Math.max(runs.first, runs.cold); round++) {
      const opens = (['first', 'cold'] as const)
        .filter((phase) => round < runs[phase])
        .flatMap((phase) => this.launchVariants(name, phase).map((variant) => ({ variant, phase })));
      for (const { variant, phase } of rotate(opens, round)) {
        let session: Session | undefined;
        try {
          session = await this.launchFinding(name, extDir, profileDir, phase, STORED[variant]);
          const spec = this.specs(session.b).find((s) => s.variant === variant) as VariantSpec;
          const page = await this.measure(session, await newTab(session.b), phase === 'cold' ? { ...spec, windowMs: AFTER_PAINT_MS } : spec, phase, round);
          if (session.saved) {
            await blank(page);
            await session.restoreStorage();
          }
        } catch (error) {
          this.failures.push(`${name} ${phase} ${variant} round ${round}: ${String(error).split('\n')[0]}`);
        } finally {
          if (session) await this.close(session);
        }
      }
      this.log(`${name} launches round ${round + 1}/${Math.max(runs.first, runs.cold)}`);
    }
  }

  async warm(name: BrowserName, extDir: string, profileDir: string): Promise<void> {
    const session = await this.launch(name, extDir, profileDir);
    try {
      // The goal's two pages open twice a round: one run's ratio of their medians, at 30 opens
      // each, moved from 1.07× to 1.31× between runs of the same page (Firefox).
      const specs = this.specs(session.b);
      const roundSpecs = [...specs, ...specs.filter((s) => GOAL_PAIR.includes(s.variant))];
      // The controller writes the prefs that tell `ours` from `message` (and reads Firefox's figures).
      await session.openController();
      let page = await newTab(session.b);
      for (let round = -this.settings.warmup; round < this.settings.warmRuns; round++) {
        for (const spec of shuffled(roundSpecs, WARM_ORDER_SEED + round)) {
          await blank(page);
          await session.restoreStorage();
          await session.setPrefs(spec.prefs);
          await session.setStorage(spec.stored);
          await sleep(this.settings.gapMs);
          const before = this.samples.length;
          page = await this.measure(session, page, spec, 'warm', round);
          // Warm-up opens (round < 0) prime caches and are not kept.
          if (round < 0) this.samples.splice(before);
        }
        if (round >= 0 && (round + 1) % 10 === 0) this.log(`${name} warm round ${round + 1}/${this.settings.warmRuns}`);
      }
      await blank(page);
      await session.restoreStorage();
    } finally {
      await this.close(session);
    }
  }

  /**
   * A first tab also finds a stale boot snapshot: what a start after browsing elsewhere paints, then swaps.
   * The goal's two pages get two launches a round, as they get two warm opens.
   */
  launchVariants(name: BrowserName, phase: 'first' | 'cold'): Variant[] {
    return [...this.variantsFor(name), ...GOAL_PAIR, ...(phase === 'first' ? (['stale-snapshot'] as const) : [])];
  }

  variantsFor(name: BrowserName): Variant[] {
    return name === 'firefox' ? ['ours', 'floor', 'anchor'] : ['ours', 'floor'];
  }
}

const PHASES: readonly Phase[] = ['first', 'cold', 'warm'];
const PHASE_LABEL: Record<Phase, string> = { first: 'first tab after start', cold: 'cold', warm: 'warm' };
const METRIC_LABEL = { domInteractive: 'parsed (DOM interactive; ours: its boot paint included)', fcp: 'first contentful paint', topSites: 'top sites painted' } as const;
/** Issue 17's goals for our top sites painted: at most this many times the floor's, on medians. */
const FLOOR_GOAL: Record<Phase, number> = { first: 1.5, cold: 1.5, warm: 1.2 };
/** The pages whose medians the goals compare. */
const GOAL_PAIR: readonly Variant[] = ['ours', 'floor'];
/** Our page's warm variants by what it found stored, and so where its first tiles came from. */
const PAINT_SOURCES: readonly [Variant, string][] = [
  ['ours', 'the boot snapshot (every open above)'],
  ['cached', 'the storage.local cache (no boot snapshot)'],
  ['live', 'the background’s answer (no snapshot, no cache)'],
  ['stale-cache', 'a stale cache (no snapshot), then swapped'],
  ['stale-snapshot', 'a stale boot snapshot, then swapped'],
];
const FIREFOX_HEAP_NOT_MEASURED =
  'not measured: Firefox has no performance.memory and WebDriver-BiDi no heap command, and its extension pages share one process (and JS heap) with the extension’s background';

const browserTitle = (name: BrowserName) => (name === 'firefox' ? 'Firefox ESR' : 'Chromium');
const medianP95 = (x: Summary | null, as: (n: number) => string = fmt.ms) => (x ? `${as(x.median)} / ${as(x.p95)}` : '–');
const ratios = (a: Summary | null | undefined, b: Summary | null | undefined) => `${fmt.ratio(ratio(a?.median, b?.median))} / ${fmt.ratio(ratio(a?.p95, b?.p95))}`;
const tally = (xs: string[]) => [...new Map(xs.map((x) => [x, xs.filter((y) => y === x).length]))].map(([k, n]) => `${k} ${n}`).join(', ') || '–';

/** Whether a row met its goals, on medians: at most `limit` × the floor, and (where measured) faster than about:newtab. */
function goalCell(ours: Summary | null, floor: Summary | null, anchor: Summary | null | undefined, limit: number | null): string {
  const met = (ok: boolean | null) => (ok === null ? '–' : ok ? '✓' : '✗');
  const parts: string[] = [];
  if (limit !== null) {
    const r = ratio(ours?.median, floor?.median);
    parts.push(`≤${limit}× floor ${met(r === null ? null : r <= limit)}`);
  }
  if (anchor !== undefined) parts.push(`< about:newtab ${met(ours && anchor ? ours.median < anchor.median : null)}`);
  return parts.join(' · ') || '–';
}

/** Layout shift's goal is none at all: met when no open had any. */
const shiftGoal = (x: Summary | null) => (x ? `0 ${x.max === 0 ? '✓' : '✗'}` : '–');

/** ours, floor, (about:newtab), ours ÷ floor, (ours ÷ about:newtab), goal: the cells every load comparison shares; `anchor` undefined where there is none. */
function comparisonCells(ours: Summary | null, floor: Summary | null, anchor: Summary | null | undefined, limit: number | null): string[] {
  const withAnchor = anchor !== undefined;
  return [
    medianP95(ours),
    medianP95(floor),
    ...(withAnchor ? [medianP95(anchor)] : []),
    ratios(ours, floor),
    ...(withAnchor ? [ratios(ours, anchor)] : []),
    goalCell(ours, floor, anchor, limit),
  ];
}

const comparisonColumns = (name: BrowserName) =>
  name === 'firefox' ? ['ours', 'floor', 'Firefox about:newtab', 'ours ÷ floor', 'ours ÷ about:newtab', 'goal (medians)'] : ['ours', 'floor', 'ours ÷ floor', 'goal (medians)'];

interface Cell {
  domInteractive: Summary | null;
  fcp: Summary | null;
  topSites: Summary | null;
}

function summaries(samples: Sample[], browser: BrowserName, phase: Phase, variant: Variant): Cell {
  const mine = samples.filter((s) => s.browser === browser && s.phase === phase && s.variant === variant);
  return {
    domInteractive: summarize(mine.map((s) => s.domInteractive ?? Number.NaN)),
    fcp: summarize(mine.map((s) => s.fcp ?? Number.NaN)),
    topSites: summarize(mine.map((s) => s.topSites ?? Number.NaN)),
  };
}

export const newtabLoadSuite: Suite = {
  name: 'newtab-load',
  title: 'New tab load: ours vs the floor vs Firefox’s about:newtab',
  async run(options: SuiteOptions, out) {
    const settings: Settings = {
      firstRuns: numberFlag(options, 'first-runs', options.quick ? 2 : 10),
      coldRuns: numberFlag(options, 'cold-runs', options.quick ? 2 : 10),
      warmRuns: numberFlag(options, 'runs', options.quick ? 4 : 30),
      warmup: numberFlag(options, 'warmup', options.quick ? 1 : 2),
      settleMs: { firefox: numberFlag(options, 'settle-ms', 2_000), chromium: numberFlag(options, 'settle-ms', 1_000) },
      gapMs: numberFlag(options, 'gap-ms', 200),
      quietMs: numberFlag(options, 'quiet-ms', 150),
      timeoutMs: numberFlag(options, 'timeout-ms', 15_000),
    };
    const browsers = listFlag(options, 'browsers', ['firefox', 'chromium']) as BrowserName[];
    const work = await mkdtemp(join(tmpdir(), 'oas-bench-load-'));
    const collector = await startCollector({ port: 0, dbPath: join(work, 'telemetry.db'), shutdownTimeoutMs: 2_000 });
    const messages = await startStoriesFeedServer({ port: 0 });
    messages.route(`/v1/buckets/main/collections/${MESSAGE_COLLECTION}/records`, json(MESSAGE_RECORDS));
    const bench = new LoadBench(settings, options.log, collector, messages.origin);
    try {
      for (const name of browsers) {
        const extDir = join(work, `ext-${name}`);
        const profileDir = join(work, `profile-${name}`);
        // A copy, so a rebuild of dist/ by someone else mid-run cannot pull files from under the browser.
        await prepareExtensionCopy(resolve(ROOT, name === 'firefox' ? 'dist/firefox' : 'dist/chrome'), extDir);
        try {
          await bench.setup(name, extDir, profileDir);
          await bench.checkSameSites(name, extDir, profileDir);
          await bench.launches(name, extDir, profileDir);
          await bench.warm(name, extDir, profileDir);
        } catch (error) {
          bench.failures.push(`${name}: ${String(error).split('\n')[0]}`);
          options.log(`${name} failed: ${String(error)}`);
        }
      }
    } finally {
      const counts = await fetch(`${collector.url}/api/counts`)
        .then((r) => r.json() as Promise<{ total: number; by_type: { doc_type: string; count: number }[] }>)
        .catch(() => null);
      await collector.close();
      await messages.close();
      await rm(work, { recursive: true, force: true });
      const oursOpens = bench.samples.filter((s) => s.variant === 'ours').length;
      out.data.telemetryReceived = counts;
      if (counts) {
        out.notes.push(
          `Telemetry as a user has it by default (on in Chromium; in Firefox off until the user grants Firefox's optional technical and interaction data, so Firefox's opens send nothing), sent to a collector in the benchmark process: ${counts.total} documents arrived during the run (${counts.by_type.map((t) => `${t.doc_type} ${t.count}`).join(', ') || 'none'}) from ${oursOpens} measured opens of our page plus warm-ups and setup. Most session pings were still queued when each browser closed: cold opens end with the browser (no unload, so no session ping), and the sender batches and sends at most 40 requests a minute.`,
        );
      }
    }

    const { samples } = bench;
    const mine = (name: BrowserName, phase: Phase, v: Variant) => samples.filter((s) => s.browser === name && s.phase === phase && s.variant === v);
    for (const name of browsers) {
      const version = bench.versions[name] ?? 'not run';
      const variants = bench.variantsFor(name);
      const rows: Table['rows'] = [];
      for (const phase of PHASES) {
        const cell = (v: Variant) => summaries(samples, name, phase, v);
        for (const metric of ['domInteractive', 'fcp', 'topSites'] as const) {
          const anchor = name === 'firefox' ? cell('anchor')[metric] : undefined;
          const limit = metric === 'topSites' ? FLOOR_GOAL[phase] : null;
          rows.push([`${PHASE_LABEL[phase]} — ${METRIC_LABEL[metric]}`, ...comparisonCells(cell('ours')[metric], cell('floor')[metric], anchor, limit)]);
        }
      }
      const counts = (phase: Phase) => variants.map((v) => `${v} ${mine(name, phase, v).length}`).join(', ');
      out.tables.push({
        title: `${browserTitle(name)} ${version}`,
        columns: ['ms, median / p95', ...comparisonColumns(name)],
        rows,
        note: `Runs per page: ${PHASES.map((p) => `${PHASE_LABEL[p]} ${counts(p)}`).join('; ')}. Our top sites timed by: ${describeMode(bench.modes[name])}. Goals (issue 17), on medians against the floor of the same run: top sites painted ≤${FLOOR_GOAL.warm}× warm, ≤${FLOOR_GOAL.cold}× cold, ≤${FLOOR_GOAL.first}× for the first tab after start; every row faster than about:newtab.`,
      });
    }

    // Our top sites by where the first tiles came from, warm, against the same floor and about:newtab.
    for (const name of browsers) {
      const floor = summaries(samples, name, 'warm', 'floor').topSites;
      const anchor = name === 'firefox' ? summaries(samples, name, 'warm', 'anchor').topSites : undefined;
      out.tables.push({
        title: `${browserTitle(name)}: our top sites painted, by where the first tiles came from (warm)`,
        columns: ['ms, median / p95', ...comparisonColumns(name), 'painted from (opens)'],
        rows: PAINT_SOURCES.map(([variant, label]) => [
          `warm — top sites painted from ${label}`,
          ...comparisonCells(summaries(samples, name, 'warm', variant).topSites, floor, anchor, FLOOR_GOAL.warm),
          tally(mine(name, 'warm', variant).map((s) => s.paintedFrom ?? 'unknown')),
        ]),
        note: `Interleaved with the pages above in the same tab. Before each of the next three opens the benchmark removed our boot snapshots from localStorage and left storage.local's top sites cache as it was, removed it, or made it stale (its first site taken out, so every later tile sits a slot earlier); before the last, it made the boot snapshot stale (its first tile moved last). Both were put back after each open. "painted from" is what the page says: the boot paint's mark (boot), or the grid's data-painted-from (cache, live): a cache the background's answer beat is "live".`,
      });
    }

    // The swap: the grid's first tiles replaced by different ones from a newer source.
    for (const name of browsers) {
      const opens: [Phase, Variant, string][] = [
        ['warm', 'stale-snapshot', 'warm, stale boot snapshot (read 1 s after top sites painted)'],
        ['first', 'stale-snapshot', 'first tab after start, stale boot snapshot (read 1 s after)'],
        ['warm', 'stale-cache', 'warm, stale cache, no snapshot (read 1 s after)'],
        ['warm', 'ours', 'warm, boot snapshot'],
        ['warm', 'cached', 'warm, cache, no snapshot'],
        ['warm', 'live', 'warm, no snapshot, no cache'],
        ['cold', 'ours', 'cold, boot snapshot (read 1 s after)'],
        ['first', 'ours', 'first tab after start, boot snapshot'],
      ];
      out.tables.push({
        title: `${browserTitle(name)}: our top sites grid swapped (the page's ${SWAP_MARK} mark)`,
        columns: ['our opens', 'n', 'opens with a swap', 'swaps per open, median / max', 'top sites painted → swap, ms median / p95'],
        rows: opens.map(([phase, variant, label]) => {
          const these = mine(name, phase, variant);
          const perOpen = summarize(these.map((s) => s.swaps));
          return [
            label,
            these.length,
            these.filter((s) => s.swaps > 0).length,
            perOpen ? `${perOpen.median} / ${perOpen.max}` : '–',
            medianP95(summarize(these.map((s) => s.swapAfterMs ?? Number.NaN))),
          ];
        }),
        note: `A swap is counted by our page when a newer source (React after the boot paint, the background's answer after the cache) shows other tiles than those on screen, a frame and a task after the new tiles are in (src/newtab/TopSites/useTopSitesSwap.ts). Opens not marked "read 1 s after" were read as soon as top sites painted, so only a swap by then is counted there.`,
      });
    }

    // After the first paint, cold: layout shifts, and the JS heap of one open tab.
    for (const name of browsers) {
      const cold = (v: Variant) => mine(name, 'cold', v);
      const shifts = (v: Variant) => summarize(cold(v).map((s) => s.layoutShift ?? Number.NaN));
      const heap = (v: Variant) => summarize(cold(v).map((s) => s.heapBytes ?? Number.NaN));
      const reported = bench.layoutShiftReported[name];
      const shiftRow =
        reported === false
          ? ['not supported (no "layout-shift" in PerformanceObserver.supportedEntryTypes)', '–', '–', '–']
          : [medianP95(shifts('ours'), fmt.shift), medianP95(shifts('floor'), fmt.shift), '–', shiftGoal(shifts('ours'))];
      const heapRow =
        name === 'chromium'
          ? [medianP95(heap('ours'), fmt.bytes), medianP95(heap('floor'), fmt.bytes), ratios(heap('ours'), heap('floor')), '–']
          : [FIREFOX_HEAP_NOT_MEASURED, '–', '–', '–'];
      out.tables.push({
        title: `${browserTitle(name)}: after the first paint (cold)`,
        columns: ['cold, median / p95', 'ours', 'floor', 'ours ÷ floor', 'goal'],
        rows: [
          [`layout shift, navigation start → ${AFTER_PAINT_MS / 1000} s after top sites painted (summed, none after input)`, ...shiftRow],
          ['JS heap used after a full GC, the one open tab', ...heapRow],
        ],
        note: `The cold opens of the first table, read again ${AFTER_PAINT_MS / 1000} s after top sites painted: layout-shift entries kept by bench/pages/bench-watch.js from the start of the page (observed with buffered: true), and in Chromium the page's used JS heap through the DevTools protocol (HeapProfiler.collectGarbage, then Runtime.getHeapUsage), with no other page of the extension open.`,
      });
    }

    // Our page against itself, warm and interleaved: a message shown; a wallpaper and both widgets against neither.
    const pairs: readonly { without: Variant; with: Variant; title: string; columns: [string, string]; note: (name: BrowserName) => string }[] = [
      {
        without: 'ours',
        with: 'message',
        title: 'our new tab with a message against without',
        columns: ['without (Snippets off)', 'with the snippet shown'],
        note: (name) => {
          const shown = samples.filter((x) => x.browser === name && x.phase === 'warm' && x.variant === 'message');
          const stray = samples.filter((x) => x.browser === name && x.variant === 'ours' && x.message).length;
          return `${shown.length} opens with the snippet (each counted once the footer bar showed), ${samples.filter((x) => x.browser === name && x.phase === 'warm' && x.variant === 'ours').length} without${stray ? ` (${stray} of the pages without showed a message anyway)` : ''}.`;
        },
      },
      {
        without: 'plain',
        with: 'personal',
        title: 'our new tab with a wallpaper and both widgets against neither (goal: top sites no later than 1.1×)',
        columns: ['neither (widgets switched off, no wallpaper)', 'the "dunes" wallpaper, Lists and Focus timer'],
        note: (name) =>
          `${samples.filter((x) => x.browser === name && x.phase === 'warm' && x.variant === 'personal').length} opens with the wallpaper and both widgets, ${samples.filter((x) => x.browser === name && x.phase === 'warm' && x.variant === 'plain').length} with the widgets' master switch off and no wallpaper.`,
      },
    ];
    for (const pair of pairs) {
      for (const name of browsers) {
        const rows: Table['rows'] = [];
        for (const metric of ['fcp', 'topSites'] as const) {
          const without = summaries(samples, name, 'warm', pair.without)[metric];
          const withIt = summaries(samples, name, 'warm', pair.with)[metric];
          rows.push([
            `warm — ${metric === 'fcp' ? 'first contentful paint' : 'top sites painted'}`,
            without ? `${fmt.ms(without.median)} / ${fmt.ms(without.p95)}` : '–',
            withIt ? `${fmt.ms(withIt.median)} / ${fmt.ms(withIt.p95)}` : '–',
            `${fmt.ratio(ratio(withIt?.median, without?.median))} / ${fmt.ratio(ratio(withIt?.p95, without?.p95))}`,
          ]);
        }
        out.tables.push({
          title: `${name === 'firefox' ? 'Firefox ESR' : 'Chromium'}: ${pair.title}`,
          columns: ['ms, median / p95', ...pair.columns, 'with ÷ without'],
          rows,
          note: `Warm, interleaved with the pages above in the same tab: ${pair.note(name)}`,
        });
      }
    }
    const tileCounts = (b: BrowserName, v: Variant) => [...new Set(samples.filter((s) => s.browser === b && s.variant === v).map((s) => s.tiles))].sort((x, y) => x - y);
    out.notes.push(
      `All figures are read in the page, relative to navigation start (performance.timeOrigin), so driver round trips are not included. Percentiles are nearest-rank: with fewer than 20 runs the p95 is the slowest run. Chromium reports FCP at the frame's presentation, which can come after the "a frame, then a task" top-sites time, so there top sites can read earlier than FCP.`,
      `First tab after start = the page opened at once after a fresh launch on the same profile (no wait for the extension's background: Chromium's launch returns once the extension's service worker is registered, which Playwright needs to learn the extension's id; Firefox's once the driver is connected). Cold = the same, ${settings.settleMs.firefox} ms (Firefox) / ${settings.settleMs.chromium} ms (Chromium) after launch so the background is up; warm = repeated opens in one running browser after ${settings.warmup} unrecorded warm-up round(s), one reused tab, ${settings.gapMs} ms between opens, our page and the floor twice a round (their medians are the goal's). Each open is left alone for ${settings.quietMs} ms after its navigation commits before the bench reads it: a read runs in the page's process (Firefox: in the controller, which shares the extension's process) and would delay the load it times. Page order rotates every round for first and cold launches (our page and the floor get two launches a round); warm, it is shuffled every round (seeded, so repeatable), so each page follows each other page about as often.`,
      `Top sites: ${SEEDED_SITES.length} sites were added to history (browser.history.addUrl) before measuring. Tiles seen per page — ${browsers
        .map((b) => `${b}: ours ${JSON.stringify(tileCounts(b, 'ours'))}${b === 'firefox' ? `, about:newtab ${JSON.stringify(tileCounts(b, 'anchor'))}` : ''}`)
        .join('; ')}. Checked before timing, after a fresh start: our organic tiles and about:newtab's are the same seeded sites in the same order${
        bench.sitesChecked.firefox ? ` (${bench.sitesChecked.firefox.anchor.join(', ')}; ours has ${bench.sitesChecked.firefox.ours.length} of them beside its sponsored tiles)` : ''
      }. Chromium has no anchor to compare with; there our tiles come from Chromium's own most-visited list (topSites.get), topped up with our default sites.`,
      `The floor is a static page (heading plus 8 tile links) in the same extension, with a 10-line module that sets the same mark after its first frame, and the same tile watcher as our page. Firefox's about:newtab is opened by URL with preloading off, so it is timed without the preloaded tab Firefox uses for Ctrl+T; it sets topsites_first_painted_ts itself.`,
    );
    for (const name of browsers) {
      for (const phase of ['warm', 'cold', 'first'] as Phase[]) {
        const fig = (v: Variant) => {
          const c = summaries(samples, name, phase, v);
          return c.fcp || c.topSites ? `${fmt.ms(c.fcp?.median)} / ${fmt.ms(c.topSites?.median)} ms` : null;
        };
        const ours = fig('ours');
        if (!ours) continue;
        const others = [`floor ${fig('floor') ?? '–'}`];
        if (name === 'firefox') others.push(`Firefox about:newtab ${fig('anchor') ?? '–'}`);
        if (phase === 'warm') others.unshift(`with a snippet shown ${fig('message') ?? '–'}`, `wallpaper and widgets ${fig('personal') ?? '–'} against neither ${fig('plain') ?? '–'}`);
        out.headline.push([`New tab, ${browserTitle(name)}, ${PHASE_LABEL[phase]}: first paint / top sites (median)`, `ours ${ours} · ${others.join(' · ')}`]);
      }
    }
    const paintedFrom = browsers
      .map((b) => {
        const per = (phase: Phase) => {
          const tally = new Map<string, number>();
          for (const x of samples.filter((y) => y.browser === b && y.variant === 'ours' && y.phase === phase)) {
            tally.set(x.paintedFrom ?? 'unknown', (tally.get(x.paintedFrom ?? 'unknown') ?? 0) + 1);
          }
          return [...tally].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
        };
        return `${b} ${PHASES.map((p) => `${PHASE_LABEL[p]} ${per(p)}`).join(', ')}`;
      })
      .join('; ');
    out.notes.push(
      `Our tiles first painted from (the grid's data-painted-from: "cache" = the last top sites the background stored, shown before it answers; "live" = the background's answer): ${paintedFrom}.`,
    );
    if (bench.viaController) {
      out.notes.push(
        `${bench.viaController} cold Firefox open(s) never got a WebDriver-BiDi script realm; their figures were read from a second tab of the extension through browser.extension.getViews() (warm Firefox opens of extension pages are always read that way).`,
      );
    }
    if (bench.failures.length) out.notes.push(`Failed or retried opens (${bench.failures.length}): ${bench.failures.slice(0, 8).join(' | ')}${bench.failures.length > 8 ? ' …' : ''}`);
    out.data = { ...out.data, settings, modes: bench.modes, layoutShiftReported: bench.layoutShiftReported, versions: bench.versions, sitesChecked: bench.sitesChecked, failures: bench.failures, samples };
    const empty = browsers.filter((b) => !samples.some((x) => x.browser === b && x.variant === 'ours'));
    if (empty.length) throw new Error(`no measurement of our new tab in ${empty.join(', ')}: ${bench.failures.slice(-3).join(' | ')}`);
  },
};

function describeMode(mode: TopSitesMode | undefined): string {
  if (mode === 'mark') return `the page's ${TOPSITES_MARK} performance mark`;
  if (mode === 'watcher')
    return `bench/pages/bench-watch.js, added as the first script of the measured copy of newtab.html: the first "${OUR_TILE_SELECTOR}" tile, timed a frame and a task after it rendered (the page puts ${TOPSITES_MARK} in its session ping but sets no performance mark)`;
  return `not measured — the page showed no top sites (no ${TOPSITES_MARK} mark and no "${OUR_TILE_SELECTOR}" tile within ${SETUP_PROBE_MS / 1000} s)`;
}

await runIfMain(import.meta.url, newtabLoadSuite);
