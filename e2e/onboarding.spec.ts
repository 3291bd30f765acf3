// The multi-screen welcome in a real browser (issue 16 items 1 to 3): every
// screen does its job (pins sites, imports a settings file, sets the theme),
// back, skip, progress and keyboard work, a `multistage` message from the
// remote provider replaces the screens, and each onboarding ping arrives at
// the real collector with the install's attribution: an impression per
// screen, the clicks, and the session end for a closed tab, a closed window,
// a tab sent elsewhere and a browser that died with the page open.
//
// The extension is built once for this file with the ATTRIBUTION build
// setting (into a temporary directory, so dist/ stays as npm test built it).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { expect, test } from './support/fixtures';
import { createCollector, DELIVERY_MS, type CollectorForTest, type DocumentView } from './support/collector';
import { withExtensionApi, type BrowserName, type ExtensionBrowser } from './support/extension';
import { killBrowser } from './support/processes';
import { json, startStoriesFeedServer, type StoriesFeedServer } from './support/stories';
import { extensionStorage, launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './support/telemetry';
import { expectMozillaValid } from './support/mozillaValid';
import { recordsPath } from './support/remoteMessages';
import { SEED_ATTRIBUTION } from '../src/test-support/pingSamples';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const ROOT = resolve(import.meta.dirname, '..');
const WELCOME = 'welcome/welcome.html';
const SCREENS = ['AW_GET_STARTED', 'SITES', 'AW_IMPORT_SETTINGS', 'AW_CHOOSE_THEME'];

let buildDir: string;
let rtamoBuildDir: string;
/** Firefox's return-to-AMO attribution: the add-on's id, base64url, after `rta:`. */
const RTAMO_ATTRIBUTION = { source: 'addons.mozilla.org', medium: 'referral', content: `rta:${Buffer.from('test-addon@github.io').toString('base64url')}` };
let collector: CollectorForTest;
let server: StoriesFeedServer;
const browsers: TelemetryBrowser[] = [];

/** Builds the extension for `browserName` only, with the ATTRIBUTION build setting, into a new temporary directory. */
function buildAttributed(attribution: Record<string, string>, browserName: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oas-attributed-'));
  const code = encodeURIComponent(new URLSearchParams(attribution).toString());
  const env = { ...process.env, ATTRIBUTION: code, OAS_DIST_DIR: dir, OAS_BROWSERS: browserName === 'chromium' ? 'chrome' : 'firefox' };
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, env });
  return dir;
}

test.beforeAll(async ({ browserName }) => {
  buildDir = buildAttributed(SEED_ATTRIBUTION, browserName);
  rtamoBuildDir = buildAttributed(RTAMO_ATTRIBUTION, browserName);
  collector = await createCollector();
  server = await startStoriesFeedServer({ port: 0 });
});

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.dispose();
});

test.afterAll(async () => {
  await collector?.stop();
  await server?.close();
  for (const dir of [buildDir, rtamoBuildDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function launch(browserName: string, profileDir?: string, build = buildDir, firefoxBackgroundIdleMs?: number): Promise<TelemetryBrowser> {
  const name = browserName as BrowserName;
  const b = await launchForTelemetry(name, {
    extensionDir: join(build, name === 'chromium' ? 'chrome' : 'firefox'),
    ...(profileDir ? { profileDir } : {}),
    ...(firefoxBackgroundIdleMs ? { firefoxBackgroundIdleMs } : {}),
  });
  browsers.push(b);
  return b;
}

/**
 * Points telemetry at the collector, waits for `ready` if given, and closes the
 * welcome tab the install opened once it has shown its first screen (one
 * impression, then a tab closed: one session end). A tab closed before it
 * showed anything has no session to end, and on a busy machine the install's
 * tab can still be loading here.
 */
async function setUp(ext: ExtensionBrowser, prefs: Record<string, unknown> = {}, ready?: (page: Page) => Promise<void>): Promise<void> {
  const options = await ext.openPage('options/options.html');
  await ext.setPrefs(options, { ...telemetryPrefs(collector), ...prefs });
  await ready?.(options);
  await expect.poll(() => welcomeTabIds(options)).toHaveLength(1);
  const ids = await welcomeTabIds(options);
  await expect.poll(() => screensShownIn(options, ids[0]!), { timeout: DELIVERY_MS }).not.toEqual([]);
  await withExtensionApi(options, async (api, tabIds) => api.tabs.remove(tabIds), ids);
  await ext.leave(options);
}

/** The screens the welcome page in `tabId` has reported shown, as the background keeps them (storage.session). */
function screensShownIn(page: Page, tabId: number): Promise<string[]> {
  return withExtensionApi(page, async (api, id) => {
    const ports = ((await api.storage.session.get('onboarding.welcomePorts')) as Record<string, Record<string, { tabId: number | null; impressed: string[] }>>)['onboarding.welcomePorts'] ?? {};
    return Object.values(ports).flatMap((p) => (p.tabId === id ? p.impressed : []));
  }, tabId);
}

function welcomeTabIds(page: Page): Promise<number[]> {
  return withExtensionApi(page, async (api) => (await api.tabs.query({})).filter((t) => t.url?.endsWith('/welcome/welcome.html')).map((t) => t.id!));
}

/** Tabs the background counts as an open welcome page (it has sent them their screens). */
async function openWelcomeTabs(page: Page): Promise<string[]> {
  return Object.keys((await extensionStorage<Record<string, unknown>>(page, 'onboarding.openWelcomeTabs')) ?? {});
}

async function openWelcome(ext: ExtensionBrowser, heading: string): Promise<Page> {
  const page = await ext.openPage(WELCOME);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  return page;
}

interface OnboardingPing {
  event: string;
  message_id: string;
  context: Record<string, string>;
  payload: Record<string, unknown>;
}

/** This client's onboarding pings, once `done` says they are all there; each valid on Mozilla's schema and carrying the attribution. */
async function onboardingPings(
  clientId: string,
  done: (pings: OnboardingPing[]) => boolean,
  experiments: Record<string, { branch: string }> = {},
  attribution: Record<string, string> = SEED_ATTRIBUTION,
): Promise<OnboardingPing[]> {
  const read = (docs: DocumentView[]) =>
    docs
      .filter((d) => d.payload.client_id === clientId)
      .map((d) => ({ event: d.payload.event as string, message_id: d.payload.message_id as string, context: JSON.parse(d.payload.event_context as string) as Record<string, string>, payload: d.payload }));
  const docs = await collector.waitForDocuments({ namespace: 'messaging-system', docType: 'onboarding' }, (all) => done(read(all)), DELIVERY_MS);
  expectMozillaValid(docs);
  const pings = read(docs);
  for (const ping of pings) {
    expect(ping.payload.attribution).toEqual(attribution);
    expect(ping.payload.browser_session_id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(ping.payload.experiments).toEqual(experiments);
    expect(ping.context.page).toBe('about:welcome');
  }
  return pings;
}

const has = (pings: OnboardingPing[], event: string, messageId: string, context: Record<string, string> = {}) =>
  pings.filter((p) => p.event === event && p.message_id === messageId && Object.entries(context).every(([k, v]) => p.context[k] === v)).length;

async function clientIdOf(page: Page): Promise<string> {
  await expect.poll(async () => (await extensionStorage<{ client_id?: string }>(page, 'telemetry.identity'))?.client_id).toBeTruthy();
  return (await extensionStorage<{ client_id: string }>(page, 'telemetry.identity'))!.client_id;
}

test('the welcome flow, screen by screen: sites pinned, settings imported, theme chosen; every screen and click reported', async ({ browserName }) => {
  const { ext } = await launch(browserName);
  await setUp(ext);
  const page = await openWelcome(ext, 'Welcome to Open Activity Stream');
  const clientId = await clientIdOf(page);
  const dots = page.getByRole('navigation', { name: 'Welcome steps' }).getByRole('list');
  await expect(dots).toHaveAccessibleName('Step 1 of 4');
  await expect(dots.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Back' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the first welcome screen');

  // Keyboard: the primary button, then focus is on the next screen's heading.
  await page.getByRole('button', { name: 'Get started' }).focus();
  await page.keyboard.press('Enter');
  const sitesHeading = page.getByRole('heading', { level: 1, name: 'Pin your favourite sites' });
  await expect(sitesHeading).toBeFocused();
  await expect(dots).toHaveAccessibleName('Step 2 of 4');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Open Activity Stream' })).toBeFocused();
  await page.getByRole('button', { name: 'Get started' }).click();

  // Sites: our defaults (a fresh profile has no history); Wikipedia pinned.
  await expectNoAxeViolations(page, 'the sites screen');
  await page.getByRole('checkbox', { name: 'wikipedia' }).check();
  await page.getByRole('button', { name: 'Pin selected sites' }).click();
  await expect.poll(async () => JSON.stringify(await extensionStorage(page, 'topSites.pinned'))).toContain('https://www.wikipedia.org/');

  // Import: a file exported by the settings page (three prefs, one of them the widgets' order, and one shortcut);
  // a telemetry address and a wallpaper naming an image from another profile are left out.
  await expect(page.getByRole('heading', { level: 1, name: 'Bring your settings along' })).toBeFocused();
  const importButton = page.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await expectNoAxeViolations(page, 'the import screen');
  const file = {
    format: 'open-activity-stream-settings',
    version: 1,
    prefs: {
      topSitesRows: 2,
      showSearch: false,
      'widgets.order': 'focusTimer,lists',
      'newtabWallpapers.wallpaper': 'custom-image',
      'telemetry.endpoint': 'https://elsewhere.example/',
    },
    pinned: [{ url: 'https://example.org/', label: 'Example' }],
  };
  await page.getByLabel('Settings file').setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByRole('status')).toHaveText('Found 3 preferences and 1 shortcuts.');
  await importButton.click();

  // Theme: the choice previews at once and is kept as the pref.
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a look' })).toBeFocused();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNoAxeViolations(page, 'the theme screen, dark');
  await page.getByRole('button', { name: 'Use this theme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You’re all set' })).toBeFocused();

  await expect
    .poll(async () => {
      const prefs = (await extensionStorage<Record<string, unknown>>(page, 'prefs')) ?? {};
      return [prefs.theme, prefs.topSitesRows, prefs.showSearch, prefs['widgets.order'], prefs['newtabWallpapers.wallpaper'] ?? '', prefs['telemetry.endpoint']];
    })
    .toEqual(['dark', 2, false, 'focusTimer,lists', '', collector.baseUrl]);
  expect(JSON.stringify(await extensionStorage(page, 'topSites.pinned'))).toContain('https://example.org/');
  expect(await openWelcomeTabs(page)).toHaveLength(1);
  // Chromium closes the tab; Firefox's harness sends it to about:blank (extension.ts, leave()).
  await ext.leave(page);
  const leftBy = browserName === 'chromium' ? 'welcome-tab-closed' : 'address-bar-navigated';

  const pings = await onboardingPings(clientId, (p) => has(p, 'SESSION_END', 'DEFAULT_ABOUTWELCOME') >= 2 && has(p, 'CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_AW_CHOOSE_THEME') >= 1);
  // The install's tab showed the first screen too, and was closed.
  expect(has(pings, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED')).toBe(2);
  for (const screen of SCREENS.slice(1)) expect(has(pings, 'IMPRESSION', `DEFAULT_ABOUTWELCOME_${screen}`), screen).toBe(1);
  expect(has(pings, 'CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED', { source: 'primary_button' })).toBe(2);
  for (const screen of SCREENS.slice(1)) expect(has(pings, 'CLICK_BUTTION', `DEFAULT_ABOUTWELCOME_${screen}`, { source: 'primary_button' }), screen).toBe(1);
  expect(pings.filter((p) => p.event === 'SESSION_END').map((p) => p.context.reason).sort()).toEqual([leftBy, 'welcome-tab-closed'].sort());
});

test('secondary buttons and skip; a welcome window closed, a tab sent to another address', async ({ browserName }) => {
  const { ext } = await launch(browserName);
  await setUp(ext);
  const page = await openWelcome(ext, 'Welcome to Open Activity Stream');
  const clientId = await clientIdOf(page);
  await page.getByRole('button', { name: 'Get started' }).click();
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bring your settings along' })).toBeVisible();
  await page.getByRole('button', { name: 'Skip setup' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You’re all set' })).toBeFocused();

  // The same page in its own window, then that window closed.
  await withExtensionApi(page, async (api, url) => void (await api.windows.create({ url })), ext.url(WELCOME));
  await expect.poll(() => openWelcomeTabs(page)).toHaveLength(2);
  await withExtensionApi(page, async (api) => {
    const here = await api.tabs.getCurrent();
    const other = (await api.tabs.query({})).find((t) => t.url?.endsWith('/welcome/welcome.html') && t.windowId !== here!.windowId);
    await api.windows.remove(other!.windowId!);
  });
  await expect.poll(() => openWelcomeTabs(page)).toHaveLength(1);
  // This tab goes to another address.
  await page.goto(`${server.origin}/article/1`);

  const pings = await onboardingPings(clientId, (p) => has(p, 'SESSION_END', 'DEFAULT_ABOUTWELCOME') >= 3);
  expect(has(pings, 'CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_SITES', { source: 'secondary_button' })).toBe(1);
  expect(has(pings, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_AW_IMPORT_SETTINGS')).toBe(1);
  expect(has(pings, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_AW_CHOOSE_THEME')).toBe(0);
  expect(pings.filter((p) => p.event === 'SESSION_END').map((p) => p.context.reason).sort()).toEqual(
    ['address-bar-navigated', 'welcome-tab-closed', 'welcome-window-closed'],
  );
});

test('a welcome page goes on reporting after the background was suspended and woke up', async ({ browserName }) => {
  const { ext } = await launch(browserName, undefined, buildDir, 3_000);
  await setUp(ext);
  const page = await openWelcome(ext, 'Welcome to Open Activity Stream');
  const clientId = await clientIdOf(page);
  await page.getByRole('button', { name: 'Get started' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pin your favourite sites' })).toBeVisible();
  await ext.restartBackground(page);
  await page.getByRole('button', { name: 'Not now' }).click();
  const pings = await onboardingPings(clientId, (p) => has(p, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_AW_IMPORT_SETTINGS') >= 1 && has(p, 'CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_SITES') >= 1);
  expect(has(pings, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_SITES')).toBe(1);
  expect(has(pings, 'CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_SITES', { source: 'secondary_button' })).toBe(1);
});

test('a multistage message from the remote provider reorders and rewords the screens', async ({ browserName }) => {
  const collection = 'e2e-welcome';
  server.route(
    recordsPath(collection),
    json({
      data: [
        {
          id: 'E2E_WELCOME',
          template: 'multistage',
          trigger: { id: 'firstRun' },
          content: { screens: [{ id: 'AW_CHOOSE_THEME', title: 'Colours first' }, { id: 'AW_GET_STARTED', primary_button: { label: 'Off we go' } }] },
        },
      ],
    }),
  );
  const { ext } = await launch(browserName);
  // The remote message is set up once the welcome page opened at install is closed: that page
  // could otherwise get the message too and report its first screen as well.
  await setUp(ext);
  const options = await ext.openPage('options/options.html');
  await ext.setPrefs(options, { 'messaging.remoteServer': server.origin, 'messaging.remoteCollection': collection });
  await expect.poll(async () => JSON.stringify(await extensionStorage(options, 'messaging.remoteCache'))).toContain('E2E_WELCOME');
  await ext.leave(options);

  const page = await openWelcome(ext, 'Colours first');
  const clientId = await clientIdOf(page);
  await expect(page.getByRole('navigation', { name: 'Welcome steps' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByRole('button', { name: 'Off we go' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You’re all set' })).toBeVisible();
  const pings = await onboardingPings(clientId, (p) => has(p, 'CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED') >= 1);
  expect(has(pings, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_AW_CHOOSE_THEME')).toBe(1);
  expect(has(pings, 'CLICK_BUTTION', 'DEFAULT_ABOUTWELCOME_AW_CHOOSE_THEME', { source: 'secondary_button' })).toBe(1);
  expect(has(pings, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_SITES')).toBe(0);
});

test('a browser that dies with the welcome page open reports app-shut-down at its next start', async ({ browserName }) => {
  const first = await launch(browserName);
  await setUp(first.ext);
  const page = await openWelcome(first.ext, 'Welcome to Open Activity Stream');
  const clientId = await clientIdOf(page);
  await expect.poll(() => openWelcomeTabs(page)).toHaveLength(1);
  // The install tab's session end is delivered before the browser dies.
  await onboardingPings(clientId, (p) => has(p, 'SESSION_END', 'DEFAULT_ABOUTWELCOME') >= 1);
  killBrowser(first.profileDir);
  await first.ext.close();
  browsers.splice(browsers.indexOf(first), 1);

  await launch(browserName, first.profileDir);
  const pings = await onboardingPings(clientId, (p) => has(p, 'SESSION_END', 'DEFAULT_ABOUTWELCOME', { reason: 'app-shut-down' }) >= 1);
  expect(pings.filter((p) => p.event === 'SESSION_END').map((p) => p.context.reason).sort()).toEqual(['app-shut-down', 'welcome-tab-closed']);
});

test('an experiment changes the welcome screens and shows its message; every ping carries it; leaving it on the settings page unenrolls', async ({ browserName }) => {
  const ONE = { 'welcome-theme-first': { branch: 'theme-first' } };
  const BOTH = { ...ONE, 'spotlight-settings-tip': { branch: 'treatment' } };
  const { ext } = await launch(browserName);
  // Recipes from the feed server's sample collection; no other message.
  await setUp(ext, { 'messaging.remoteServer': server.origin, 'messaging.remoteCollection': 'empty', 'experiments.collection': 'sample-experiments' }, async (page) => {
    await expect.poll(() => extensionStorage(page, 'telemetry.experiments')).toEqual(BOTH);
  });

  const welcome = await openWelcome(ext, 'Choose a look');
  const clientId = await clientIdOf(welcome);
  await expect(welcome.getByRole('navigation', { name: 'Welcome steps' }).getByRole('listitem')).toHaveCount(3);
  await welcome.getByRole('button', { name: 'Not now' }).click();
  await welcome.getByRole('button', { name: 'Get started' }).click();
  await welcome.getByRole('button', { name: 'Not now' }).click();
  await expect(welcome.getByRole('heading', { level: 1, name: 'You’re all set' })).toBeVisible();
  await ext.leave(welcome);

  const newtab = await ext.openPage('newtab/newtab.html');
  const spotlight = newtab.getByRole('dialog', { name: 'A tip from an experiment' });
  await expect(spotlight).toBeVisible();
  await spotlight.getByRole('button', { name: 'Not now' }).click();
  await ext.leave(newtab);

  const options = await ext.openPage('options/options.html');
  const list = options.getByRole('list', { name: 'Active experiments' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('welcome-theme-first (branch: theme-first)');
  await options.getByRole('button', { name: 'Leave spotlight-settings-tip' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect.poll(() => extensionStorage(options, 'telemetry.experiments')).toEqual(ONE);
  await ext.leave(options);
  const events = (
    await collector.waitForDocuments({ namespace: 'open-activity-stream', docType: 'messaging-experiments', client_id: clientId }, (d) => d.some((e) => e.payload.method === 'unenroll'), DELIVERY_MS)
  ).map((d) => ({ method: d.payload.method, object: d.payload.object, value: d.payload.value, extra_keys: d.payload.extra_keys }));
  expect(events.filter((e) => e.method !== 'reach').sort((a, b) => `${String(a.method)}${String(a.value)}`.localeCompare(`${String(b.method)}${String(b.value)}`))).toEqual([
    { method: 'enroll', object: 'nimbus_experiment', value: 'spotlight-settings-tip', extra_keys: { branch: 'treatment' } },
    { method: 'enroll', object: 'nimbus_experiment', value: 'welcome-theme-first', extra_keys: { branch: 'theme-first' } },
    { method: 'unenroll', object: 'nimbus_experiment', value: 'spotlight-settings-tip', extra_keys: { branch: 'treatment', reason: 'individual-opt-out' } },
  ]);
  expect(events).toContainEqual({ method: 'reach', object: 'spotlight', value: 'spotlight-settings-tip', extra_keys: { branches: 'treatment' } });
  // The collector's dashboard counts enrollments per branch (this file's collector: other tests enrolled nobody).
  const summary = (await (await fetch(`${collector.baseUrl}/api/summary`)).json()) as { messaging: { experiments: unknown[] } };
  expect(summary.messaging.experiments).toEqual([
    { experiment: 'spotlight-settings-tip', branch: 'treatment', enrollments: 1, unenrollments: 1 },
    { experiment: 'welcome-theme-first', branch: 'theme-first', enrollments: 1, unenrollments: 0 },
  ]);

  // A page session after leaving: its ping carries only the experiment still active.
  await ext.leave(await ext.openPage('newtab/newtab.html'));
  const [last] = await collector.waitForDocuments({ docType: 'sessions', client_id: clientId }, (d) => d.some((x) => Object.keys(x.payload.experiments as object).length === 1), DELIVERY_MS).then((d) =>
    d.filter((x) => Object.keys(x.payload.experiments as object).length === 1),
  );
  const spotlightPings = await collector.waitForDocuments({ namespace: 'messaging-system', docType: 'spotlight', client_id: clientId }, (d) => d.length >= 2, DELIVERY_MS);
  expect(spotlightPings.map((d) => d.payload.message_id)).toEqual(['EXPERIMENT_SPOTLIGHT_SETTINGS', 'EXPERIMENT_SPOTLIGHT_SETTINGS']);
  const onboarding = await collector.waitForDocuments({ docType: 'onboarding', client_id: clientId }, (d) => d.some((x) => x.payload.message_id === 'DEFAULT_ABOUTWELCOME_SITES' && x.payload.event === 'CLICK_BUTTION'), DELIVERY_MS);
  const shown = onboarding.filter((d) => d.payload.event === 'IMPRESSION').map((d) => d.payload.message_id);
  expect(shown).toContain('DEFAULT_ABOUTWELCOME_AW_CHOOSE_THEME');
  expect(shown).not.toContain('DEFAULT_ABOUTWELCOME_AW_IMPORT_SETTINGS');

  // Every ping carries the experiments active when it was made: none before the
  // collection was set (the install tab's first screen, the settings page opened
  // to set it), both from the enrollments to the leaving, one after it (the
  // settings page closing, the last new tab) and in the first enrollment's event
  // (the recipes enroll in the collection's order).
  const before = ['onboarding IMPRESSION DEFAULT_ABOUTWELCOME_AW_GET_STARTED', 'events OPEN_NEWTAB_PREFS '];
  const withOne = ['messaging-experiments enroll welcome-theme-first'];
  const withNone: string[] = [];
  for (const doc of await collector.documents({ client_id: clientId })) {
    const what = `${doc.doc_type} ${String(doc.payload.event ?? doc.payload.method ?? '')} ${String(doc.payload.message_id ?? doc.payload.value ?? '')}`;
    if (doc.doc_id === last!.doc_id || withOne.includes(what)) expect(doc.payload.experiments, what).toEqual(ONE);
    else if (what === 'events CLOSE_NEWTAB_PREFS ') expect([ONE, BOTH], what).toContainEqual(doc.payload.experiments);
    else if (Object.keys(doc.payload.experiments as object).length === 0) withNone.push(what);
    else expect(doc.payload.experiments, what).toEqual(BOTH);
  }
  expect(withNone.filter((w) => !before.includes(w))).toEqual([]);
  expect(new Set(withNone).size).toBe(withNone.length);
});

test('the settings page forces a branch of an experiment nobody is in, and the welcome page shows that branch', async ({ browserName }) => {
  const collection = 'e2e-nobody';
  server.route(
    recordsPath(collection),
    json({
      data: [
        {
          slug: 'nobody-yet',
          isEnrollmentPaused: false,
          bucketConfig: { namespace: 'nobody-yet-1', randomizationUnit: 'normandy_id', start: 0, count: 0, total: 10000 },
          branches: [
            { slug: 'control', ratio: 1, features: [] },
            { slug: 'treatment', ratio: 1, features: [{ featureId: 'aboutwelcome', value: { screens: [{ id: 'SITES', title: 'Forced screens' }] } }] },
          ],
        },
      ],
    }),
  );
  const { ext } = await launch(browserName);
  await setUp(ext, { 'messaging.remoteServer': server.origin, 'messaging.remoteCollection': 'empty', 'experiments.collection': collection });
  const options = await ext.openPage('options/options.html');
  const force = options.getByRole('group', { name: 'For testing: force a branch' });
  await force.getByRole('combobox', { name: 'nobody-yet' }).selectOption('treatment');
  await force.getByRole('button', { name: 'Force nobody-yet' }).click();
  await expect(options.getByRole('list', { name: 'Active experiments' })).toContainText('nobody-yet (branch: treatment, forced)');
  await ext.leave(options);

  const welcome = await openWelcome(ext, 'Forced screens');
  const clientId = await clientIdOf(welcome);
  const [enroll] = await collector.waitForDocuments({ docType: 'messaging-experiments', client_id: clientId }, (d) => d.length >= 1, DELIVERY_MS);
  expect(enroll!.payload).toMatchObject({ method: 'enroll', value: 'nobody-yet', extra_keys: { branch: 'treatment' }, experiments: { 'nobody-yet': { branch: 'treatment' } } });
  const shown = await collector.waitForDocuments({ docType: 'onboarding', client_id: clientId, event: 'IMPRESSION' }, (d) => d.some((x) => x.payload.message_id === 'DEFAULT_ABOUTWELCOME_SITES'), DELIVERY_MS);
  expect(shown.find((d) => d.payload.message_id === 'DEFAULT_ABOUTWELCOME_SITES')!.payload.experiments).toEqual({ 'nobody-yet': { branch: 'treatment' } });
});

test('return to AMO: an install attributed to another add-on offers it first, and its button opens its listing page', async ({ browserName }) => {
  server.route('/listing/test-addon%40github.io', async () => ({ status: 200, body: '<!doctype html><title>Test add-on listing</title><h1>Test add-on</h1>', contentType: 'text/html' }));
  const { ext } = await launch(browserName, undefined, rtamoBuildDir);
  await setUp(ext, { 'onboarding.addonListingUrl': `${server.origin}/listing/%ID%` });
  const page = await openWelcome(ext, 'Finish adding your extension');
  const clientId = await clientIdOf(page);
  await expect(page.getByText('test-addon@github.io')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Welcome steps' }).getByRole('listitem')).toHaveCount(5);
  await page.getByRole('button', { name: 'Add to Firefox' }).click();
  await expect.poll(() => ext.tabUrls(page)).toContain(`${server.origin}/listing/test-addon%40github.io`);
  // The flow went on (the listing's tab has the focus now).
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Open Activity Stream' })).toBeVisible();
  await ext.leave(page);

  const pings = await onboardingPings(clientId, (p) => has(p, 'SESSION_END', 'RTAMO_DEFAULT_WELCOME') >= 2 && has(p, 'CLICK_BUTTION', 'RTAMO_DEFAULT_WELCOME') >= 1, {}, RTAMO_ATTRIBUTION);
  expect(has(pings, 'IMPRESSION', 'RTAMO_DEFAULT_WELCOME')).toBe(2);
  expect(has(pings, 'CLICK_BUTTION', 'RTAMO_DEFAULT_WELCOME', { source: 'primary_button' })).toBe(1);
  expect(has(pings, 'IMPRESSION', 'DEFAULT_ABOUTWELCOME_AW_GET_STARTED')).toBe(1);
});

test('return to AMO: the add-on installed after its button was used is reported as INSTALL @chromium-only', async ({ browserName }) => {
  // Chromium loads a second unpacked extension over CDP; its id is the hash of its folder's path.
  const addonDir = mkdtempSync(join(tmpdir(), 'oas-test-addon-'));
  writeFileSync(join(addonDir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Test add-on', version: '1.0' }));
  const hex = createHash('sha256').update(addonDir).digest('hex').slice(0, 32);
  const addonId = [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
  const attribution = { source: 'chromewebstore.google.com', medium: 'referral', content: `rta:${addonId}` };
  const build = buildAttributed(attribution, browserName);
  try {
    const b = await launchForTelemetry(browserName as BrowserName, { extensionDir: join(build, 'chrome'), chromiumArgs: ['--enable-unsafe-extension-debugging'] });
    browsers.push(b);
    await setUp(b.ext, { 'onboarding.addonListingUrl': `${server.origin}/listing/%ID%` });
    const page = await openWelcome(b.ext, 'Finish adding your extension');
    const clientId = await clientIdOf(page);
    await page.getByRole('button', { name: 'Add to Firefox' }).click();
    await expect.poll(() => b.ext.tabUrls(page)).toContain(`${server.origin}/listing/${addonId}`);
    const cdp = await b.ext.context.browser()!.newBrowserCDPSession();
    // Extensions.* is newer than Playwright's CDP typings.
    const send = cdp.send.bind(cdp) as unknown as (method: string, params: object) => Promise<unknown>;
    expect(await send('Extensions.loadUnpacked', { path: addonDir })).toEqual({ id: addonId });

    const pings = await onboardingPings(clientId, (p) => has(p, 'INSTALL', 'RTAMO_DEFAULT_WELCOME') >= 1, {}, attribution);
    expect(pings.filter((p) => p.event === 'INSTALL').map((p) => p.context)).toEqual([{ page: 'about:welcome', source: 'ADD_EXTENSION_BUTTON' }]);
  } finally {
    rmSync(build, { recursive: true, force: true });
    rmSync(addonDir, { recursive: true, force: true });
  }
});
