// Launches a real browser with our built extension loaded, per the recipes in
// shared/reference/browser-testing.md: Chromium with --load-extension, Firefox
// ESR side-loaded through the profile and driven over WebDriver-BiDi.
import { chromium, expect, firefox, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { appendFileSync, rmSync } from 'node:fs';
import { cp, mkdtemp, mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchForTest, logLaunch } from './launchPool';
import { killBrowserProcesses } from './processes';

export type BrowserName = 'chromium' | 'firefox';

export const GECKO_ID = 'open-activity-stream@example.org';
export const FIREFOX_UUID = '5f0e1f6b-6d1a-4c52-9a43-2b7e1e0a0a51';
const ROOT = resolve(import.meta.dirname, '../..');

/** Every page sets this marker once it has the background's state. */
export const READY = 'body[data-ready="1"]';
/** The annotation type of a counted driver retry; scripts/test-all.mjs sums them. */
export const DRIVER_RETRY = 'driver-retry';
const MAX_DRIVER_ATTEMPTS = 3;
/**
 * A start takes about 2.5 s alone and up to 20 s beside the other browser's
 * suite; one that hangs (Firefox never answers the driver) is started again
 * well inside a test's time. The first start in a process may build the
 * machine's font and disk caches, so it gets longer.
 */
const FIREFOX_LAUNCH_TIMEOUT_MS = 30_000;
const FIREFOX_FIRST_LAUNCH_TIMEOUT_MS = 120_000;
let firefoxStarted = false;
/** Firefox ESR behind a wait for the welcome tab (see startFirefox). */
const FIREFOX_AFTER_TAB = resolve(import.meta.dirname, 'firefoxAfterTab.mjs');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Reuse a profile (for browser-restart tests); a fresh one otherwise. */
  profileDir?: string;
  colorScheme?: 'light' | 'dark';
  locale?: string;
  firefoxPrefs?: Record<string, string | number | boolean>;
  /** The unpacked extension to load; dist/chrome or dist/firefox by default (the benchmark loads a copy). */
  extensionDir?: string;
  /** More Chromium switches (the return-to-AMO test loads a second extension over CDP). */
  chromiumArgs?: string[];
  /**
   * Firefox suspends an idle event page after this long (default 30 s), even
   * with pages connected; suspension tests set it short.
   */
  firefoxBackgroundIdleMs?: number;
  /**
   * Firefox makes a new profile itself instead of copying the template: the
   * benchmark times Firefox's own about:newtab, which showed none of the
   * seeded history sites on a profile copied from the template.
   */
  firefoxOwnProfile?: boolean;
}

/**
 * The driver could not reach a page (under WebDriver-BiDi, Firefox now and
 * then never announces a new document's script realm): a harness limit, the
 * only failure openPage retries.
 */
export class DriverUnreachableError extends Error {}

/** Prints a driver retry and notes it on the running test, or outside a test in npm test's log. */
function noteDriverRetry(name: BrowserName, what: string): void {
  console.warn(`driver retry (${name}): ${what}`);
  try {
    test.info().annotations.push({ type: DRIVER_RETRY, description: `${name}: ${what}` });
  } catch {
    // Outside a test (a hook): npm test reads this log for its summary (the benchmark has only the console line).
    const log = process.env.OAS_DRIVER_RETRY_LOG;
    if (log) appendFileSync(log, `${name}: outside a test: ${what.replace(/\s+/g, ' ')}\n`);
  }
}

/**
 * Copies a Firefox profile that no browser runs on, but for what `skip`
 * matches; its lock links, if any, are stale and left out. Files already in
 * `to` stay.
 */
function copyProfile(from: string, to: string, skip?: RegExp): Promise<void> {
  return cp(from, to, { recursive: true, force: false, verbatimSymlinks: true, filter: (path) => !/(^|\/)\.?(parent)?lock$/.test(path) && !skip?.test(path) });
}

const FIREFOX_PREFS = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
  // A profile made from the template already has an add-on database; the
  // profile's own folder is scanned at start so our side-loaded add-on is found.
  'extensions.startupScanScopes': 1,
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
};

/**
 * Starts Firefox under Playwright on `profileDir`. Now and then Firefox ESR
 * refuses Playwright's first command at start (browsingContext.setViewport:
 * "browser is null") and exits, or never answers it (the launch times out,
 * and Playwright kills it). Such a start is counted as a driver retry and
 * made again on the profile as it was before, since a start the driver never
 * reaches may still have run the add-on (opened a tab it opens once, sent and
 * cleared what it held).
 *
 * On the start that installs our add-on, Playwright is let in only once the
 * welcome tab the install opens is there (firefoxAfterTab.mjs): Playwright
 * takes the first tab that appears after it connects as its own and waits
 * for its load, which an extension page never reports under WebDriver-BiDi.
 * That race hung 4 of 80 starts from the template beside a busy CPU; with
 * the wait, none of 80 did.
 */
async function startFirefox(profileDir: string, options: Parameters<typeof firefox.launchPersistentContext>[1], { installs = false } = {}): Promise<BrowserContext> {
  const start = () =>
    firefox.launchPersistentContext(profileDir, {
      ...options,
      timeout: firefoxStarted ? FIREFOX_LAUNCH_TIMEOUT_MS : FIREFOX_FIRST_LAUNCH_TIMEOUT_MS,
      channel: 'moz-firefox',
      ...(installs
        ? { executablePath: FIREFOX_AFTER_TAB, env: { ...process.env, OAS_FIREFOX_AWAIT_TAB: `moz-extension://${FIREFOX_UUID}/welcome/welcome.html` } }
        : { executablePath: '/usr/bin/firefox-esr' }),
      args: ['--remote-allow-system-access'],
    });
  const before = await mkdtemp(join(tmpdir(), 'oas-profile-before-'));
  await copyProfile(profileDir, before);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const context = await start();
        firefoxStarted = true;
        return context;
      } catch (error) {
        if (attempt === MAX_DRIVER_ATTEMPTS) throw error;
        noteDriverRetry('firefox', `Firefox did not start under Playwright; starting it again on the profile as it was: ${String(error).split('\n')[0]}`);
        // The hung Firefox may still be writing to its profile as it exits (ENOTEMPTY seen in a full run).
        await rm(profileDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
        await copyProfile(before, profileDir);
      }
    }
  } finally {
    await rm(before, { recursive: true, force: true });
  }
}

/** Whether Firefox has never run on this profile (a test may have written files into it first; the benchmark names one not made yet). */
async function isNewProfile(profileDir: string): Promise<boolean> {
  return !(await readdir(profileDir).catch((): string[] => [])).includes('prefs.js');
}

/**
 * Firefox's first start on a new profile builds what every later start
 * reuses: the startup cache of its own compiled scripts, the add-on database,
 * the places and certificate databases. Building them again for every test
 * is a second of CPU each time, so one profile per process is started once
 * without our add-on and copied into each new profile. The copy is a new
 * user's profile as far as the add-on can tell: it is installed on its first
 * start with no history, storage or grants of its own.
 */
let template: Promise<string | undefined> | undefined;
async function fillFromTemplate(profileDir: string): Promise<void> {
  template ??= makeTemplate();
  const from = await template;
  // A test's own files (a data-collection grant) stay; the last session's windows are not carried over.
  if (from) await copyProfile(from, profileDir, /(^|\/)(sessionstore[^/]*|sessionCheckpoints\.json)$/);
}

async function makeTemplate(): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'oas-firefox-template-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  try {
    await (await startFirefox(dir, { headless: true, firefoxUserPrefs: FIREFOX_PREFS })).close();
    return dir;
  } catch (error) {
    // Without a template each profile is built from nothing, as Firefox does on its own.
    console.warn(`Firefox profile template not made, profiles start empty: ${String(error).split('\n')[0]}`);
    return undefined;
  }
}

export class ExtensionBrowser {
  /** Opens retried because the driver could not reach the page (also recorded on the test, see recordDriverRetry). */
  driverRetries = 0;

  private constructor(
    readonly name: BrowserName,
    readonly context: BrowserContext,
    readonly baseUrl: string,
    readonly profileDir: string,
    private readonly ownsProfile: boolean,
  ) {}

  /** A browser with the extension on a fresh profile, or as `options` say; a default one comes from the launch pool. */
  static launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
    return launchForTest(`plain ${name}`, options, (given) => ExtensionBrowser.start(name, given), (ext) => ext.discard());
  }

  /** As launch with `options`, for a caller that may start it beside a test (a pool's spare): the test's timeout is not extended. */
  static async start(name: BrowserName, options: LaunchOptions): Promise<ExtensionBrowser> {
    logLaunch('start', name);
    const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), `oas-${name}-`)));
    const common = { headless: true, colorScheme: options.colorScheme ?? 'light', locale: options.locale ?? 'en-US' } as const;
    if (name === 'chromium') {
      const ext = options.extensionDir ?? resolve(ROOT, 'dist/chrome');
      const context = await chromium.launchPersistentContext(profileDir, {
        ...common,
        executablePath: '/usr/bin/chromium',
        args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? []), `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
      });
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const id = new URL(worker.url()).host;
      return new ExtensionBrowser(name, context, `chrome-extension://${id}`, profileDir, !options.profileDir);
    }
    const prefs = {
      ...FIREFOX_PREFS,
      // Playwright's colour-scheme emulation does not reach extension pages under BiDi.
      ...(options.colorScheme === 'dark' ? { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 } : {}),
      ...(options.firefoxBackgroundIdleMs ? { 'extensions.background.idle.timeout': options.firefoxBackgroundIdleMs } : {}),
      ...options.firefoxPrefs,
    };
    const installs = await isNewProfile(profileDir);
    if (!options.firefoxOwnProfile && installs) await fillFromTemplate(profileDir);
    await mkdir(join(profileDir, 'extensions'), { recursive: true });
    await writeFile(join(profileDir, 'extensions', GECKO_ID), resolve(options.extensionDir ?? resolve(ROOT, 'dist/firefox')) + '\n');
    const context = await startFirefox(profileDir, { ...common, firefoxUserPrefs: prefs }, { installs });
    return new ExtensionBrowser(name, context, `moz-extension://${FIREFOX_UUID}`, profileDir, !options.profileDir);
  }

  url(path: string): string {
    return `${this.baseUrl}/${path.replace(/^\//, '')}`;
  }

  /**
   * Opens an extension page and waits for its ready marker (Firefox fires no
   * load event for extension pages). A page that loads but does not become
   * ready is a product failure and fails at once with what it showed. Only a
   * page the driver cannot reach at all is retried, in the same tab; each
   * retry is counted and recorded on the running test for the run summary.
   */
  async openPage(path: string, readySelector = READY): Promise<Page> {
    let page = await this.context.newPage();
    for (let attempt = 1; ; attempt++) {
      try {
        await page.goto(this.url(path), { waitUntil: 'commit' }).catch((error: unknown) => {
          throw new DriverUnreachableError(`navigation did not commit: ${String(error).split('\n')[0]}`);
        });
        await this.waitUntilReady(page, readySelector);
        return page;
      } catch (error) {
        if (!(error instanceof DriverUnreachableError) || attempt === MAX_DRIVER_ATTEMPTS) throw error;
        this.recordDriverRetry(`${path}: ${error.message}`);
        await this.leave(page);
        if (this.name === 'chromium') page = await this.context.newPage();
      }
    }
  }

  /** Counts a retry of something the driver could not reach, and notes it on the running test. */
  recordDriverRetry(what: string): void {
    this.driverRetries++;
    noteDriverRetry(this.name, what);
  }

  /**
   * Waits for a page's ready marker. Under WebDriver-BiDi, Firefox often
   * announces a new document's script realm only once another command
   * reaches its tab; until then Playwright cannot see into the page. A
   * screenshot is such a command and changes nothing in the page, so a
   * Firefox page not ready at once is sent one every few hundred ms. After
   * 5 s, a page that cannot run script is a DriverUnreachableError; a page
   * that runs but is not ready in `timeout` fails with what it showed.
   */
  async waitUntilReady(page: Page, readySelector = READY, timeout = 15_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      try {
        await page.locator(readySelector).waitFor({ timeout: this.name === 'firefox' ? 300 : 1_000 });
        return;
      } catch {
        const waited = Date.now() - started;
        if (waited >= 5_000) {
          const canRun = await reachable(page);
          if (!canRun) throw new DriverUnreachableError(`${page.url()} cannot run script after ${waited} ms`);
          if (waited >= timeout) {
            throw new Error(`${page.url()} loaded but was not ready (${readySelector}) after ${waited} ms; it showed: ${await describePage(page)}`);
          }
        }
      }
      if (this.name === 'firefox') await page.screenshot({ timeout: 5_000 }).catch(() => undefined);
    }
  }

  /**
   * Ends a page the way a user would. Chromium tabs are closed. Closing a tab
   * under Firefox/BiDi can take the whole context down, so Firefox tabs
   * navigate away to about:blank instead. (Navigating a Chromium extension tab
   * away and then closing it can leave the close hanging.)
   */
  async leave(page: Page): Promise<void> {
    if (this.name === 'chromium') await page.close().catch(() => undefined);
    else await page.goto('about:blank', { waitUntil: 'commit' }).catch(() => undefined);
  }

  /**
   * Restarts the background as the browser does when it suspends it, and waits
   * until `page` has reconnected. Chromium's service worker is stopped over CDP;
   * Firefox suspends the event page by itself once idle (launch with
   * `firefoxBackgroundIdleMs`).
   */
  async restartBackground(page: Page): Promise<void> {
    const before = Number((await page.locator('body').getAttribute('data-reconnections')) ?? 0);
    if (this.name === 'chromium') {
      const cdp = await this.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    }
    await page.waitForFunction((n) => Number(document.body.dataset.reconnections ?? 0) > n, before, { timeout: 20_000 });
  }

  /** URLs of every open tab, seen through the extension's tabs API (Playwright misses tabs opened before it attached). */
  async tabUrls(page: Page): Promise<string[]> {
    return withExtensionApi(page, async (api) => {
      return (await api.tabs.query({})).map((t) => t.url ?? '');
    });
  }

  /**
   * Chromium: keeps the extension's service worker busy for `ms` from its next
   * task on, so a page opened now gets no answer from it for that long (what a
   * page sees before the background answers).
   */
  async holdServiceWorker(ms: number): Promise<void> {
    const worker = this.context.serviceWorkers().find((w) => w.url().startsWith(this.baseUrl));
    if (!worker) throw new Error('holdServiceWorker: the extension has no service worker running');
    await worker.evaluate((busyMs) => {
      setTimeout(() => {
        const until = Date.now() + busyMs;
        while (Date.now() < until);
      }, 0);
    }, ms);
  }

  /**
   * Waits until a tab whose URL passes `matches` is open: a tab one of our
   * pages opened. A test waits for it before opening its next page, which then
   * opens in front of it: a tab left in the background paints no frames, and
   * the driver waits on it in vain.
   */
  async waitForTab(page: Page, matches: (url: string) => boolean): Promise<void> {
    await expect.poll(async () => (await this.tabUrls(page)).some(matches)).toBe(true);
  }

  /** Writes prefs straight to storage; the background picks them up and broadcasts them. */
  async setPrefs(page: Page, prefs: Record<string, unknown>): Promise<void> {
    await withExtensionApi(page, async (api, update) => {
      const { prefs: stored } = (await api.storage.local.get('prefs')) as { prefs?: Record<string, unknown> };
      await api.storage.local.set({ prefs: { ...(stored ?? {}), ...update } });
    }, prefs);
  }

  /** Closes the browser; gives up waiting after 30 s (Playwright kills it when the process exits). */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((done) => (timer = setTimeout(done, 30_000)));
    await Promise.race([this.context.close().catch(() => undefined), gaveUp]);
    clearTimeout(timer);
    if (this.ownsProfile) await rm(this.profileDir, { recursive: true, force: true }).catch(() => undefined);
  }

  /**
   * Ends a browser nobody reads from again (its test is over) by killing it,
   * then lets go of it as close does. A full run ends about 250 such
   * browsers, and a graceful close is shutdown work for nothing: 0.48 CPU-s
   * against 0.17 killed in Firefox, 0.29 against 0.15 in Chromium.
   */
  async discard(): Promise<void> {
    killBrowserProcesses(this.profileDir);
    await this.close();
  }
}

/**
 * Flips a pref's switch and waits until it shows the new state. The switch
 * follows the pref as the background confirms it, so Playwright's check() and
 * uncheck(), which expect the state to change within the click, can race it.
 */
export async function setSwitch(control: Locator, on: boolean): Promise<void> {
  if ((await control.isChecked()) !== on) await control.click();
  await expect(control).toBeChecked({ checked: on });
}

/** The WebExtension API as our pages see it: `browser` in Firefox, `chrome` in Chromium, Promise-based in both. */
export type ExtensionApi = typeof chrome;

/**
 * Runs `fn` inside an extension page with the extension API as its first
 * argument. Like page.evaluate, `fn` is sent as source and must not use
 * anything from the test's scope; `arg` must be JSON.
 */
export function withExtensionApi<R, A = undefined>(page: Page, fn: (api: ExtensionApi, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return page.evaluate(`(${fn.toString()})(globalThis.browser ?? globalThis.chrome, ${JSON.stringify(arg) ?? 'undefined'})`) as Promise<R>;
}

/** What a page that did not become ready shows: its ready state, body data and the start of its text. */
async function describePage(page: Page): Promise<string> {
  return page
    .evaluate(() =>
      JSON.stringify({
        readyState: document.readyState,
        body: { ...document.body?.dataset },
        rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0,
        text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 300),
      }),
    )
    .catch((error: unknown) => `(could not read the page: ${String(error).split('\n')[0]})`);
}

/** Whether Playwright can run script in the page at all (see ExtensionBrowser.openPage). */
async function reachable(page: Page): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<false>((done) => (timer = setTimeout(() => done(false), 2_000)));
  const answered = page.evaluate(() => true).catch(() => false);
  const result = await Promise.race([answered, gaveUp]);
  clearTimeout(timer);
  return result;
}
