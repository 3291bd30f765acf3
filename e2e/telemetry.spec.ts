// Telemetry end to end, in real Firefox ESR and Chromium, against the real
// collector: a visit's pings arrive valid and once; opting out sends one
// deletion request and then nothing; nothing private ever leaves.
import { createHash, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ExtensionBrowser, type BrowserName, setSwitch, withExtensionApi } from './support/extension';
import { createCollector, DELIVERY_MS, type CollectorForTest } from './support/collector';
import {
  browserSessionStart,
  extensionStorage,
  launchForTelemetry,
  queuedDocs,
  senderStats,
  startRecordingProxy,
  telemetryPrefs,
  type TelemetryBrowser,
} from './support/telemetry';

// Pings wait a moment for a batch (telemetryPrefs), and a little longer when the rate limit holds them.

/** user_prefs with every switch on, as a new profile has them: Firefox's 9 bits, 512, the widgets' 3 and topic sections' (no wallpaper, so not 1024). */
const ALL_ON = 1023 + 2048 + 4096 + 8192 + 16384;

interface Ids {
  client_id: string;
  impression_id: string;
  context_id: string;
}

async function openPersonalize(page: Page) {
  await page.getByRole('button', { name: 'Personalize' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

async function closePersonalize(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
}

/** Shortcuts off and on again; the switch follows the pref as the background confirms it. */
async function flipShortcuts(page: Page) {
  const shortcuts = page.getByRole('switch', { name: 'Shortcuts', exact: true });
  await shortcuts.click();
  await expect(shortcuts).not.toBeChecked();
  await shortcuts.click();
  await expect(shortcuts).toBeChecked();
}

/** The events and session ping of one page session. */
async function sessionDocuments(collector: CollectorForTest, lastEvent: string) {
  const [last] = await collector.waitForDocuments({ docType: 'events', event: lastEvent }, undefined, DELIVERY_MS);
  const sessionId = last!.payload.session_id;
  const docs = await collector.waitForDocuments(
    {},
    (all) => all.some((d) => d.doc_type === 'sessions' && d.payload.session_id === sessionId),
    DELIVERY_MS,
  );
  return docs.filter((d) => d.payload.session_id === sessionId);
}

test.describe('telemetry', () => {
  let collector: CollectorForTest;
  let browser: TelemetryBrowser;

  test.beforeEach(async ({ browserName }) => {
    collector = await createCollector();
    browser = await launchForTelemetry(browserName as BrowserName);
  });

  test.afterEach(async () => {
    await browser.dispose();
    await collector.stop();
  });

  test('a new-tab visit arrives whole, valid and once, with prefs, page, duration and perf', async ({ browserName }, testInfo) => {
    test.setTimeout(120_000);
    const { ext } = browser;
    const control = await ext.openPage('options/options.html');
    await ext.setPrefs(control, telemetryPrefs(collector));

    const openedAt = Date.now();
    const page = await ext.openPage('newtab/newtab.html');
    await openPersonalize(page);
    await flipShortcuts(page);
    await closePersonalize(page);
    await ext.leave(page);
    const leftAt = Date.now();

    const docs = await sessionDocuments(collector, 'HIDE_PERSONALIZE');
    const events = docs.filter((d) => d.doc_type === 'events');
    expect(events.map((d) => [d.payload.event, d.payload.value ?? null, d.payload.user_prefs])).toEqual([
      // Every switch on by default: Firefox's 9 bits, 512, our 3 widget bits (2048, 4096, 8192) and 16384 (topic sections); 1024 is off (no wallpaper chosen).
      ['SHOW_PERSONALIZE', null, ALL_ON],
      ['PREF_CHANGED', '{"status":false,"menu_source":"CUSTOMIZE_MENU"}', ALL_ON - 2],
      ['PREF_CHANGED', '{"status":true,"menu_source":"CUSTOMIZE_MENU"}', ALL_ON],
      ['HIDE_PERSONALIZE', null, ALL_ON],
    ]);
    const [session] = docs.filter((d) => d.doc_type === 'sessions');
    const identity = (await extensionStorage<Ids>(control, 'telemetry.identity'))!;
    for (const doc of docs) {
      expect(doc.payload).toMatchObject({
        client_id: identity.client_id,
        page: 'about:newtab',
        addon_version: expect.stringMatching(/^\d{14}$/),
        version: browserName === 'firefox' ? expect.stringMatching(/^153\./) : expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
        locale: 'en-US',
        release_channel: 'default',
        experiments: {},
      });
    }
    const perf = session!.payload.perf as Record<string, number | string>;
    const duration = session!.payload.session_duration as number;
    expect(duration).toBeGreaterThan(0);
    expect(duration).toBeLessThanOrEqual(leftAt - openedAt + 1_000);
    // Milliseconds since the browser session's start, as the extension saw it.
    const zero = await browserSessionStart(control);
    expect(zero).toBeLessThanOrEqual(openedAt);
    expect(zero + (perf.visibility_event_rcvd_ts as number)).toBeGreaterThanOrEqual(openedAt - 1_000);
    expect(zero + (perf.visibility_event_rcvd_ts as number)).toBeLessThanOrEqual(leftAt);
    expect(['menu_plus_or_keyboard', 'unexpected']).toContain(perf.load_trigger_type);
    expect(perf.is_preloaded).toBe(false);

    // Every document the extension sent passed the collector's schemas, and none came twice.
    await expect.poll(async () => (await queuedDocs(control)).length, { timeout: DELIVERY_MS }).toBe(0);
    expect(await collector.errors()).toEqual([]);
    const counts = await collector.counts();
    expect(counts.duplicates).toBe(0);
    const stats = (await senderStats(control))!;
    expect(stats.delivered).toBe(counts.total);
    testInfo.annotations.push({
      type: 'figures',
      description: `${browserName}: ${stats.delivered} pings in ${stats.requests} request(s), ${(stats.wireBytes / stats.documentsSent).toFixed(0)} gzip bytes per ping on the wire`,
    });
    await ext.leave(control);
  });

  test('switching telemetry off sends one deletion request, then nothing more', async ({ browserName }) => {
    test.setTimeout(120_000);
    const { ext } = browser;
    const control = await ext.openPage('options/options.html');
    // Batches wait long enough that the opt-out finds the pings still queued; the deletion request goes at once.
    await ext.setPrefs(control, { ...telemetryPrefs(collector), 'telemetry.batchSeconds': 300 });

    const page = await ext.openPage('newtab/newtab.html');
    await openPersonalize(page);
    await expect.poll(async () => (await queuedDocs(control)).some((d) => d.payload.event === 'SHOW_PERSONALIZE')).toBe(true);
    const before = (await extensionStorage<Ids>(control, 'telemetry.identity'))!;

    await setSwitch(control.getByRole('checkbox', { name: 'Send technical and interaction data' }), false);
    await expect.poll(async () => (await collector.counts()).deletions.requests, { timeout: 15_000 }).toBe(1);
    const [deletion] = await deletionsOf(collector);
    expect(deletion).toMatchObject({ client_id_sha256: sha256(before.client_id), impression_id_sha256: sha256(before.impression_id) });
    const after = (await extensionStorage<Ids>(control, 'telemetry.identity'))!;
    expect(after.client_id).not.toBe(before.client_id);

    // Still using the page while telemetry is off: nothing is kept, nothing is sent.
    await flipShortcuts(page);
    await closePersonalize(page);
    await ext.leave(page);
    const another = await ext.openPage('newtab/newtab.html');
    await openPersonalize(another);
    await closePersonalize(another);
    await ext.leave(another);
    expect(await queuedDocs(control)).toEqual([]);
    const counts = await collector.counts();
    expect(counts.total).toBe(0);
    expect(counts.deletions.requests).toBe(1);

    if (browserName === 'firefox') {
      // Firefox's data-collection permission gates too: on again, then revoke it.
      await ext.setPrefs(control, { telemetry: true });
      const third = await ext.openPage('newtab/newtab.html');
      await openPersonalize(third);
      await expect.poll(async () => (await queuedDocs(control)).length).toBeGreaterThan(0);
      await control.evaluate(() =>
        (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean> } } }).browser.permissions.remove({
          data_collection: ['technicalAndInteraction'],
        }),
      );
      await expect.poll(async () => (await collector.counts()).deletions.requests, { timeout: 15_000 }).toBe(2);
      const [latest] = await deletionsOf(collector);
      expect(latest!.client_id_sha256).toBe(sha256(after.client_id));
      expect(await queuedDocs(control)).toEqual([]);
      expect((await collector.counts()).total).toBe(0);
      await ext.leave(third);
    }
    await ext.leave(control);
  });

  test('no URL, title, search term or cookie of the user ever leaves the browser', async ({ browserName }) => {
    test.setTimeout(150_000);
    const { ext } = browser;
    const canary = `oascanary${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const proxy = await startRecordingProxy(collector.baseUrl);
    try {
      await ext.context.addCookies([{ name: 'oas_session', value: canary, url: `${proxy.baseUrl}/` }]);
      const control = await ext.openPage('options/options.html');
      await ext.setPrefs(control, telemetryPrefs(proxy));
      await withExtensionApi(control, async (api, { canary, firefox }) => {
          for (let i = 0; i < 6; i++) {
            const url = `https://${canary}-${i}.example/${canary}/article?q=${canary}`;
            const details = firefox ? { url, title: `${canary} visited ${i}` } : { url };
            await api.history.addUrl(details as Parameters<typeof api.history.addUrl>[0]);
            await api.bookmarks.create({ url: `https://${canary}-bookmark-${i}.example/${canary}`, title: `${canary} bookmark ${i}` });
          }
        },
        { canary, firefox: browserName === 'firefox' },
      );

      // A visit that shows the canaries, changes a section, and searches for one.
      const page = await ext.openPage('newtab/newtab.html');
      await expect(page.getByText(new RegExp(`${canary} bookmark`)).first()).toBeVisible();
      await openPersonalize(page);
      await setSwitch(page.getByRole('switch', { name: 'Recommended stories' }), false);
      await closePersonalize(page);
      const search = page.getByRole('searchbox', { name: 'Search the web' });
      // Typed, not fill(): under Firefox/BiDi fill() sets the value behind React's back.
      await search.pressSequentially(`${canary} secret search`);
      await search.press('Enter');
      // Queued, or already sent: pings wait only a moment for their batch.
      const recorded = async () =>
        (await queuedDocs(control)).some((d) => d.payload.event === 'SEARCH') || proxy.requests.some((r) => r.body.includes('"event":"SEARCH"'));
      await expect.poll(recorded).toBe(true);

      // A second visit that opens one of the canary bookmarks.
      const second = await ext.openPage('newtab/newtab.html');
      await second.getByRole('link', { name: new RegExp(`${canary} bookmark`) }).first().click();
      await collector.waitForDocuments(
        {},
        (docs) =>
          docs.filter((d) => d.doc_type === 'sessions').length >= 2 &&
          docs.some((d) => d.payload.event === 'SEARCH') &&
          docs.some((d) => d.payload.event === 'CLICK'),
        DELIVERY_MS,
      );
      await expect.poll(async () => (await queuedDocs(control)).length, { timeout: DELIVERY_MS }).toBe(0);

      const stored = await collector.documents();
      expect(stored.length).toBeGreaterThan(4);
      expect(JSON.stringify(stored)).not.toContain(canary);
      expect(proxy.requests.length).toBeGreaterThan(0);
      for (const request of proxy.requests) {
        expect(request.url).not.toContain(canary);
        expect(request.body).not.toContain(canary);
        expect(JSON.stringify(request.headers)).not.toContain(canary);
        expect(request.headers).not.toHaveProperty('cookie');
      }
      expect(await collector.errors()).toEqual([]);
      await ext.leave(second).catch(() => undefined);
      await ext.leave(control);
    } finally {
      await proxy.stop();
    }
  });
});

test.describe('telemetry consent', () => {
  test('until Firefox\'s data collection is granted nothing is kept or sent, and the welcome page offers it', async ({ browserName }) => {
    test.setTimeout(60_000);
    const collector = await createCollector();
    // A plain launch: no grant written into the profile.
    const ext = await ExtensionBrowser.launch(browserName as BrowserName);
    try {
      const welcome = await ext.openPage('welcome/welcome.html');
      const grant = welcome.getByRole('button', { name: 'Share technical and interaction data' });
      if (browserName === 'chromium') {
        // Chromium has no such permission: the pref alone decides, and nothing is offered.
        await expect(welcome.getByRole('heading', { name: 'Welcome to Open Activity Stream' })).toBeVisible();
        await expect(grant).toHaveCount(0);
        return;
      }
      await expect(grant).toBeVisible();
      await ext.setPrefs(welcome, telemetryPrefs(collector));
      const page = await ext.openPage('newtab/newtab.html');
      await openPersonalize(page);
      await flipShortcuts(page);
      await closePersonalize(page);
      await ext.leave(page);
      expect(await queuedDocs(welcome)).toEqual([]);
      expect(await extensionStorage(welcome, 'telemetry.enabled')).toBeUndefined();
      expect((await collector.counts()).total).toBe(0);
    } finally {
      await ext.close();
      await collector.stop();
    }
  });
});

function sha256(id: string): string {
  return createHash('sha256').update(id.replace(/[{}]/g, '').toLowerCase()).digest('hex');
}

async function deletionsOf(collector: CollectorForTest): Promise<Record<string, string>[]> {
  const response = await fetch(`${collector.baseUrl}/api/deletions`);
  return ((await response.json()) as { deletions: Record<string, string>[] }).deletions;
}
