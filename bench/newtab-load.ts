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
//   too, from its boot entry or its grid; for older builds the copy
//   of our extension that the benchmark loads gets bench/pages/bench-watch.js
//   as newtab.html's first script: it checks every animation frame from the
//   start for the first tile with data and takes the time after that frame's
//   task, the same definition (the floor carries the same watcher). If our page
//   starts calling performance.mark() with that name, the mark is used instead
//   (detected at setup).
//   cold = the first page opened after the browser starts (a new launch per
//          sample, same profile, after the extension's background is up);
//   warm = repeated opens in one running browser, in one reused tab.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startCollector, type RunningCollector } from '../collector/src/index';
import { launchBenchBrowser, prepareExtensionCopy, type BenchBrowser, type BrowserName } from './lib/browsers';
import { fmt, type Table } from './lib/format';
import { ratio, summarize, type Summary } from './lib/stats';
import { listFlag, numberFlag, ROOT, runIfMain, type Suite, type SuiteOptions } from './lib/suite';
import { json, startStoriesFeedServer } from '../scripts/storiesFeedServer.mjs';
import { SAMPLE_MESSAGES } from '../scripts/sampleMessages.mjs';

export type Variant = 'ours' | 'message' | 'personal' | 'plain' | 'floor' | 'anchor';
export type Phase = 'cold' | 'warm';
export type TopSitesMode = 'mark' | 'watcher' | 'none';

export const TOPSITES_MARK = 'topsites_first_painted_ts';
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
  /** How topSites was taken: the page's performance mark, or bench-watch.js. */
  topSitesSource: 'mark' | 'watcher' | null;
  tiles: number;
  paintedFrom: string | null;
  /** A message surface was on the page when the figures were read. */
  message: boolean;
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
}

/** What a page shows so far; read inside the page (or, for Firefox, from a sibling extension page). */
interface RawProbe {
  fcp: number | null;
  mark: number | null;
  /** From bench-watch.js: after the first frame showing a tile; null until then, or without the watcher. */
  tileAt: number | null;
  watched: boolean;
  tiles: number;
  /** Our grid's data-painted-from: whether the first tiles came from the storage cache or the live feed. */
  paintedFrom: string | null;
  /** A message surface is on the page. */
  message: boolean;
}

/**
 * Runs in the browser. With `hash` null it reads its own window; otherwise it
 * runs in a page of our extension and reads the extension tab whose URL ends in
 * `hash` (browser.extension.getViews), returning null until that tab exists.
 * (No named inner functions: tsx would wrap them in a __name() helper that does
 * not exist in the page.)
 */
function rawProbe({ hash, mark, selector }: { hash: string | null; mark: string; selector: string }): RawProbe | null {
  type BenchWindow = Window & typeof globalThis & { __oasBenchWatch?: { tileAt: number | null } };
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
    // The boot paint says so in its mark (its grid is gone once React has taken over).
    paintedFrom:
      ((marked as PerformanceMark | undefined)?.detail as { from?: string } | null | undefined)?.from ??
      win.document.querySelector<HTMLElement>('[data-painted-from]')?.dataset.paintedFrom ??
      null,
    message: win.document.querySelector('[data-message-id]') !== null,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rotate = <T>(xs: readonly T[], by: number): T[] => xs.map((_, i) => xs[(i + by) % xs.length] as T);

function complete(raw: RawProbe | null, mode: TopSitesMode, message = false): raw is RawProbe {
  if (!raw || raw.fcp === null || (message && !raw.message)) return false;
  return mode === 'none' || raw.mark !== null || (mode === 'watcher' && raw.tileAt !== null);
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
  coldRuns: number;
  warmRuns: number;
  warmup: number;
  settleMs: Record<BrowserName, number>;
  gapMs: number;
  timeoutMs: number;
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
    let raw: RawProbe | null = null;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${spec.variant}: figures not complete within ${timeoutMs} ms (last: ${JSON.stringify(raw)})`);
      const args = { hash: controller ? hash : null, mark: TOPSITES_MARK, selector: spec.tileSelector };
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
      if (complete(raw, mode, spec.message)) return { raw, wallMs: Date.now() - t0 };
      await sleep(POLL_MS);
    }
  }
}

class LoadBench {
  readonly samples: Sample[] = [];
  readonly failures: string[] = [];
  readonly modes: Partial<Record<BrowserName, TopSitesMode>> = {};
  readonly versions: Partial<Record<BrowserName, string>> = {};
  readonly tileCountsAtSetup: Partial<Record<BrowserName, { ours: number; anchor?: number }>> = {};
  viaController = 0;

  constructor(
    private readonly settings: Settings,
    private readonly log: (l: string) => void,
    private readonly collector: RunningCollector,
    private readonly messagesServer: string,
  ) {}

  specs(b: BenchBrowser): VariantSpec[] {
    const specs: VariantSpec[] = [
      {
        variant: 'ours',
        url: `${b.baseUrl}/newtab/newtab.html`,
        mode: this.modes[b.name] ?? 'none',
        tileSelector: OUR_TILE_SELECTOR,
        prefs: { ...WITHOUT_MESSAGE, ...DEFAULT_LOOK },
      },
      {
        variant: 'message',
        url: `${b.baseUrl}/newtab/newtab.html`,
        mode: this.modes[b.name] ?? 'none',
        tileSelector: OUR_TILE_SELECTOR,
        prefs: { ...WITH_MESSAGE, ...DEFAULT_LOOK },
        message: true,
      },
      ...(
        [
          ['personal', PERSONAL_LOOK],
          ['plain', PLAIN_LOOK],
        ] as const
      ).map(([variant, look]) => ({
        variant,
        url: `${b.baseUrl}/newtab/newtab.html`,
        mode: this.modes[b.name] ?? 'none',
        tileSelector: OUR_TILE_SELECTOR,
        prefs: { ...WITHOUT_MESSAGE, ...look },
      })),
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
        this.samples.push({
          browser: session.b.name,
          phase,
          variant: spec.variant,
          round,
          fcp: raw.fcp,
          topSites,
          topSitesSource: topSites === null ? null : raw.mark !== null ? 'mark' : 'watcher',
          tiles: raw.tiles,
          paintedFrom: raw.paintedFrom,
          message: raw.message,
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

  async launch(name: BrowserName, extDir: string, profileDir: string): Promise<Session> {
    const b = await launchBenchBrowser(name, extDir, profileDir);
    this.versions[name] ??= b.context.browser()?.version() ?? 'unknown';
    // Let the extension's background finish starting, as it has when a user opens a tab.
    await sleep(this.settings.settleMs[name]);
    return new Session(b, this.settings.timeoutMs);
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
      const counts: { ours: number; anchor?: number } = { ours: seen?.raw.tiles ?? 0 };
      if (name === 'firefox') {
        const anchor = this.specs(b).find((s) => s.variant === 'anchor') as VariantSpec;
        counts.anchor = (await session.open(await newTab(b), anchor, 'mark', false).catch(() => null))?.raw.tiles ?? 0;
      }
      this.tileCountsAtSetup[name] = counts;
      this.log(`${name}: our top sites timed by ${mode}; tiles at setup ${JSON.stringify(counts)}`);
    } finally {
      await this.close(session);
    }
  }

  async cold(name: BrowserName, extDir: string, profileDir: string): Promise<void> {
    for (let round = 0; round < this.settings.coldRuns; round++) {
      for (const variant of rotate(this.variantsFor(name), round)) {
        let session: Session | undefined;
        try {
          session = await this.launch(name, extDir, profileDir);
          const spec = this.specs(session.b).find((s) => s.variant === variant) as VariantSpec;
          await this.measure(session, await newTab(session.b), spec, 'cold', round);
        } catch (error) {
          this.failures.push(`${name} cold ${variant} round ${round}: ${String(error).split('\n')[0]}`);
        } finally {
          if (session) await this.close(session);
        }
      }
      this.log(`${name} cold round ${round + 1}/${this.settings.coldRuns}`);
    }
  }

  async warm(name: BrowserName, extDir: string, profileDir: string): Promise<void> {
    const session = await this.launch(name, extDir, profileDir);
    try {
      const specs = this.specs(session.b);
      // The controller writes the prefs that tell `ours` from `message` (and reads Firefox's figures).
      await session.openController();
      let page = await newTab(session.b);
      for (let round = -this.settings.warmup; round < this.settings.warmRuns; round++) {
        for (const spec of rotate(specs, Math.max(0, round))) {
          await blank(page);
          await session.setPrefs(spec.prefs);
          await sleep(this.settings.gapMs);
          const before = this.samples.length;
          page = await this.measure(session, page, spec, 'warm', round);
          // Warm-up opens (round < 0) prime caches and are not kept.
          if (round < 0) this.samples.splice(before);
        }
        if (round >= 0 && (round + 1) % 10 === 0) this.log(`${name} warm round ${round + 1}/${this.settings.warmRuns}`);
      }
      await blank(page);
    } finally {
      await this.close(session);
    }
  }

  variantsFor(name: BrowserName): Variant[] {
    return name === 'firefox' ? ['ours', 'floor', 'anchor'] : ['ours', 'floor'];
  }
}

interface Cell {
  fcp: Summary | null;
  topSites: Summary | null;
}

function summaries(samples: Sample[], browser: BrowserName, phase: Phase, variant: Variant): Cell {
  const mine = samples.filter((s) => s.browser === browser && s.phase === phase && s.variant === variant);
  return {
    fcp: summarize(mine.map((s) => s.fcp ?? Number.NaN)),
    topSites: summarize(mine.map((s) => s.topSites ?? Number.NaN)),
  };
}

export const newtabLoadSuite: Suite = {
  name: 'newtab-load',
  title: 'New tab load: ours vs the floor vs Firefox’s about:newtab',
  async run(options: SuiteOptions, out) {
    const settings: Settings = {
      coldRuns: numberFlag(options, 'cold-runs', options.quick ? 2 : 10),
      warmRuns: numberFlag(options, 'runs', options.quick ? 4 : 30),
      warmup: numberFlag(options, 'warmup', options.quick ? 1 : 2),
      settleMs: { firefox: numberFlag(options, 'settle-ms', 2_000), chromium: numberFlag(options, 'settle-ms', 1_000) },
      gapMs: numberFlag(options, 'gap-ms', 200),
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
          await bench.cold(name, extDir, profileDir);
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
          `Telemetry stayed on (the default), sent to a collector in the benchmark process: ${counts.total} documents arrived during the run (${counts.by_type.map((t) => `${t.doc_type} ${t.count}`).join(', ') || 'none'}) from ${oursOpens} measured opens of our page plus warm-ups and setup. Most session pings were still queued when each browser closed: cold opens end with the browser (no unload, so no session ping), and the sender batches and sends at most 40 requests a minute.`,
        );
      }
    }

    const { samples } = bench;
    for (const name of browsers) {
      const version = bench.versions[name] ?? 'not run';
      const rows: Table['rows'] = [];
      const variants = bench.variantsFor(name);
      for (const phase of ['cold', 'warm'] as Phase[]) {
        const cells = Object.fromEntries(variants.map((v) => [v, summaries(samples, name, phase, v)])) as Record<Variant, Cell>;
        for (const metric of ['fcp', 'topSites'] as const) {
          const o = cells.ours?.[metric];
          const f = cells.floor?.[metric];
          const a = cells.anchor?.[metric];
          const row = [
            `${phase} — ${metric === 'fcp' ? 'first contentful paint' : 'top sites painted'}`,
            o ? `${fmt.ms(o.median)} / ${fmt.ms(o.p95)}` : '–',
            f ? `${fmt.ms(f.median)} / ${fmt.ms(f.p95)}` : '–',
          ];
          if (name === 'firefox') row.push(a ? `${fmt.ms(a.median)} / ${fmt.ms(a.p95)}` : '–');
          row.push(`${fmt.ratio(ratio(o?.median, f?.median))} / ${fmt.ratio(ratio(o?.p95, f?.p95))}`);
          if (name === 'firefox') row.push(`${fmt.ratio(ratio(o?.median, a?.median))} / ${fmt.ratio(ratio(o?.p95, a?.p95))}`);
          rows.push(row);
        }
      }
      const count = (phase: Phase, v: Variant) => samples.filter((s) => s.browser === name && s.phase === phase && s.variant === v).length;
      const columns =
        name === 'firefox'
          ? ['ms, median / p95', 'ours', 'floor', 'Firefox about:newtab', 'ours ÷ floor', 'ours ÷ about:newtab']
          : ['ms, median / p95', 'ours', 'floor', 'ours ÷ floor'];
      out.tables.push({
        title: `${name === 'firefox' ? 'Firefox ESR' : 'Chromium'} ${version}`,
        columns,
        rows,
        note: `Runs per page: cold ${variants.map((v) => `${v} ${count('cold', v)}`).join(', ')}; warm ${variants.map((v) => `${v} ${count('warm', v)}`).join(', ')}. Our top sites timed by: ${describeMode(bench.modes[name])}.`,
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
      `Cold = first page opened after the browser starts (a fresh launch on the same profile for every sample, ${settings.settleMs.firefox} ms (Firefox) / ${settings.settleMs.chromium} ms (Chromium) after launch so the extension's background is up); warm = repeated opens in one running browser after ${settings.warmup} unrecorded warm-up round(s), one reused tab, ${settings.gapMs} ms between opens. Page order rotates every round.`,
      `Top sites: ${SEEDED_SITES.length} sites were added to history (browser.history.addUrl) before measuring, so both new tabs show history-based tiles. Tiles seen per page — ${browsers
        .map((b) => `${b}: ours ${JSON.stringify(tileCounts(b, 'ours'))}${b === 'firefox' ? `, about:newtab ${JSON.stringify(tileCounts(b, 'anchor'))}` : ''}`)
        .join('; ')}.`,
      `The floor is a static page (heading plus 8 tile links) in the same extension, with a 10-line module that sets the same mark after its first frame, and the same tile watcher as our page. Firefox's about:newtab is opened by URL with preloading off, so it is timed without the preloaded tab Firefox uses for Ctrl+T; it sets topsites_first_painted_ts itself.`,
    );
    for (const name of browsers) {
      for (const phase of ['warm', 'cold'] as Phase[]) {
        const fig = (v: Variant) => {
          const c = summaries(samples, name, phase, v);
          return c.fcp || c.topSites ? `${fmt.ms(c.fcp?.median)} / ${fmt.ms(c.topSites?.median)} ms` : null;
        };
        const ours = fig('ours');
        if (!ours) continue;
        const others = [`floor ${fig('floor') ?? '–'}`];
        if (name === 'firefox') others.push(`Firefox about:newtab ${fig('anchor') ?? '–'}`);
        if (phase === 'warm') others.unshift(`with a snippet shown ${fig('message') ?? '–'}`, `wallpaper and widgets ${fig('personal') ?? '–'} against neither ${fig('plain') ?? '–'}`);
        out.headline.push([`New tab, ${name === 'firefox' ? 'Firefox ESR' : 'Chromium'}, ${phase}: first paint / top sites (median)`, `ours ${ours} · ${others.join(' · ')}`]);
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
        return `${b} cold ${per('cold')}, warm ${per('warm')}`;
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
    out.data = { ...out.data, settings, modes: bench.modes, versions: bench.versions, tileCountsAtSetup: bench.tileCountsAtSetup, failures: bench.failures, samples };
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
