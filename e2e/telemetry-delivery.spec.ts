// Delivery end to end, in real Firefox ESR and Chromium, against the real
// collector with injected faults: pings survive a collector outage, a flaky
// collector, a background restart and a browser restart, and each arrives
// exactly once.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { withExtensionApi, type BrowserName } from './support/extension';
import { createCollector, DELIVERY_AFTER_OUTAGE_MS, DELIVERY_MS, type CollectorForTest, type CollectorForTestOptions } from './support/collector';
import { extensionStorage, launchForTelemetry, queuedDocs, senderStats, type TelemetryBrowser, telemetryPrefs } from './support/telemetry';

// Backoff after a few failures, up to a minute.

let collector: CollectorForTest | undefined;
const browsers: TelemetryBrowser[] = [];

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.dispose();
  await collector?.stop();
  collector = undefined;
});

interface StartOptions {
  faults?: CollectorForTestOptions['faults'];
  firefoxBackgroundIdleMs?: number;
  /** Set together with the endpoint, so no batch goes out under the defaults first. */
  prefs?: Record<string, unknown>;
}

async function start(browserName: string, { faults, firefoxBackgroundIdleMs, prefs }: StartOptions = {}) {
  collector = await createCollector({ faults });
  const browser = await launchForTelemetry(browserName as BrowserName, firefoxBackgroundIdleMs ? { firefoxBackgroundIdleMs } : {});
  browsers.push(browser);
  const control = await browser.ext.openPage('options/options.html');
  await browser.ext.setPrefs(control, { ...telemetryPrefs(collector), ...prefs });
  return { collector, browser, ext: browser.ext, control };
}

/** Opens the personalize panel and flips a section off and on: 1 + 2 × flips user events, enough to fill a batch. */
async function burstOfEvents(page: Page, flips: number) {
  await page.getByRole('button', { name: 'Personalize' }).click();
  const shortcuts = page.getByRole('switch', { name: 'Shortcuts', exact: true });
  // The switch follows the pref as the background confirms it, so each flip waits for that.
  for (let i = 0; i < flips; i++) {
    await shortcuts.click();
    await expect(shortcuts).not.toBeChecked();
    await shortcuts.click();
    await expect(shortcuts).toBeChecked();
  }
}

async function stats(control: Page) {
  return (await senderStats(control)) ?? { requests: 0, documentsSent: 0, delivered: 0, rejected: 0, retried: 0, wireBytes: 0 };
}

/** Waits until the queue is empty and every one of `docIds` is stored, once. */
async function expectAllDelivered(c: CollectorForTest, control: Page, docIds: readonly string[]) {
  await expect.poll(async () => (await queuedDocs(control)).length, { timeout: DELIVERY_AFTER_OUTAGE_MS }).toBe(0);
  const stored = new Set((await c.documents()).map((d) => d.doc_id));
  expect(docIds.filter((id) => !stored.has(id))).toEqual([]);
  const counts = await c.counts();
  expect(counts.duplicates).toBe(0);
  expect(counts.errors).toBe(0);
  // A batch sent after the queue emptied (the closed page's session ping) can land between the two reads.
  await expect.poll(async () => (await stats(control)).delivered - (await c.counts()).total).toBe(0);
}

test.describe('telemetry delivery', () => {
  test('collector down, then failing half the time, then back: every ping arrives, once', async ({ browserName }) => {
    test.setTimeout(180_000);
    const { collector: c, ext, control } = await start(browserName, { faults: { drop: 1 } });
    const page = await ext.openPage('newtab/newtab.html');
    await burstOfEvents(page, 10);
    // Down: the batch is sent, the connection dies, the pings stay queued.
    await expect.poll(async () => (await stats(control)).retried, { timeout: 20_000 }).toBeGreaterThan(0);
    expect((await c.counts()).total).toBe(0);
    const queuedWhileDown = (await queuedDocs(control)).map((d) => d.docId);
    expect(queuedWhileDown.length).toBeGreaterThan(0);

    await c.setFaults({ error5xx: 0.5 });
    const requestsBefore = (await stats(control)).requests;
    await expect.poll(async () => (await stats(control)).requests, { timeout: 60_000 }).toBeGreaterThanOrEqual(requestsBefore + 2);

    await c.setFaults({});
    await page.keyboard.press('Escape');
    await ext.leave(page);
    await expectAllDelivered(c, control, queuedWhileDown);
    const flips = await c.documents({ docType: 'events', event: 'PREF_CHANGED' });
    expect(flips).toHaveLength(20);
    expect(await c.documents({ docType: 'sessions', session_id: flips[0]!.payload.session_id as string })).toHaveLength(1);
    await ext.leave(control);
  });

  test('a background restart with a full queue loses nothing, and the session in progress sends one session ping', async ({ browserName }) => {
    test.setTimeout(180_000);
    const { collector: c, ext, control } = await start(browserName, { faults: { error5xx: 1 }, firefoxBackgroundIdleMs: 1_500 });
    const openedAt = Date.now();
    const page = await ext.openPage('newtab/newtab.html');
    await burstOfEvents(page, 12);
    await expect.poll(async () => (await stats(control)).retried, { timeout: 20_000 }).toBeGreaterThan(0);
    const queued = (await queuedDocs(control)).map((d) => d.docId);
    expect(queued.length).toBeGreaterThanOrEqual(20);

    await ext.restartBackground(page);
    const afterRestart = new Set((await queuedDocs(control)).map((d) => d.docId));
    expect(queued.filter((id) => !afterRestart.has(id))).toEqual([]);

    await c.setFaults({});
    await page.keyboard.press('Escape');
    await ext.leave(page);
    const leftAt = Date.now();
    await expectAllDelivered(c, control, queued);

    // The events before and after the restart belong to one session, which sends one session ping.
    const [shown] = await c.documents({ docType: 'events', event: 'SHOW_PERSONALIZE' });
    const sessionId = shown!.payload.session_id as string;
    const events = await c.documents({ docType: 'events' });
    expect(new Set(events.filter((e) => e.payload.page === 'about:newtab').map((e) => e.payload.session_id))).toEqual(new Set([sessionId]));
    const sessions = await c.waitForDocuments({ docType: 'sessions', session_id: sessionId }, undefined, DELIVERY_AFTER_OUTAGE_MS).catch(async (error: unknown) => {
      // Say what did arrive, and what is still in the browser, to tell a lost ping from a late one.
      const arrived = (await c.documents({ docType: 'sessions' })).map((d) => `${String(d.payload.session_id)} ${String(d.payload.page)}`);
      const queued = (await queuedDocs(control)).map((d) => d.uri);
      const open = await withExtensionApi(control, async (api) => {
        return (await api.storage.local.get('telemetry.sessions'))['telemetry.sessions'];
      });
      throw new Error(
        `${String(error)}\nsession pings stored: ${JSON.stringify(arrived)}\nstill queued: ${JSON.stringify(queued)}` +
          `\nsessions the background holds: ${JSON.stringify(open)}\ntabs: ${JSON.stringify(await ext.tabUrls(control))}`,
      );
    });
    expect(sessions).toHaveLength(1);
    const duration = sessions[0]!.payload.session_duration as number;
    expect(duration).toBeGreaterThan(0);
    expect(duration).toBeLessThanOrEqual(leftAt - openedAt + 1_000);
    await ext.leave(control);
  });

  test('a ping queued when the browser closes is delivered after it starts again', async ({ browserName }) => {
    // Room for a counted launch retry (a start the driver cannot reach takes a minute to give up on).
    test.setTimeout(180_000);
    // The ping must still be waiting for its batch when the browser closes.
    const { collector: c, browser, ext, control } = await start(browserName, { prefs: { 'telemetry.batchSeconds': 300 } });
    const page = await ext.openPage('newtab/newtab.html');
    await page.getByRole('button', { name: 'Personalize' }).click();
    let shown: string | undefined;
    await expect
      .poll(async () => (shown = (await queuedDocs(control)).find((d) => d.payload.event === 'SHOW_PERSONALIZE')?.docId))
      .toBeTruthy();
    await ext.context.close();
    expect(await c.documents({ doc_id: shown! })).toEqual([]);

    const again = await launchForTelemetry(browserName as BrowserName, { profileDir: browser.profileDir });
    browsers.push(again);
    try {
      await c.waitForDocuments({ doc_id: shown! }, undefined, DELIVERY_MS);
    } catch (error) {
      // Say what the restarted extension holds: the ping still queued? the sender backing off?
      const look = await again.ext.openPage('options/options.html');
      const queued = (await queuedDocs(look)).map((d) => d.docId);
      const sender = await extensionStorage(look, 'telemetry.sender');
      throw new Error(`${String(error)}\nqueued after the restart: ${JSON.stringify(queued)}\nsender: ${JSON.stringify(sender)}`);
    }
    expect((await c.counts()).duplicates).toBe(0);
  });
});
