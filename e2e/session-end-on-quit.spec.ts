// A new tab still open when the browser quits sends its session ping, once, in
// real Firefox ESR and Chromium: after a normal quit (at close, or at the next
// start if the background had no time), and after the browser was killed
// (the background had no chance at all: at the next start, lasting until the
// page was last known visible). Each browser is started again on the same
// profile, as the restart tests in telemetry-delivery.spec.ts do.
import type { Page } from '@playwright/test';
import { createCollector, DELIVERY_MS, type CollectorForTest } from './support/collector';
import type { BrowserName } from './support/extension';
import { killBrowser } from './support/processes';
import { launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './support/telemetry';
import { test, expect } from './support/fixtures';

let collector: CollectorForTest | undefined;
const browsers: TelemetryBrowser[] = [];

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.dispose();
  await collector?.stop();
  collector = undefined;
});

/** Opens a new tab, shows and hides the personalize panel (two user events) and returns when they have arrived. */
async function visitNewTab(browser: TelemetryBrowser, c: CollectorForTest) {
  const { ext } = browser;
  const control = await ext.openPage('options/options.html');
  await ext.setPrefs(control, telemetryPrefs(c));
  const openedAt = Date.now();
  const page: Page = await ext.openPage('newtab/newtab.html');
  await page.getByRole('button', { name: 'Personalize' }).click();
  // The panel's code loads at the click; a person presses Escape on a panel they see.
  await expect(page.getByRole('dialog', { name: 'Personalize' })).toBeVisible();
  await page.keyboard.press('Escape');
  const lastActionAt = Date.now();
  const [hidden] = await c.waitForDocuments({ docType: 'events', event: 'HIDE_PERSONALIZE' }, undefined, DELIVERY_MS);
  return { openedAt, lastActionAt, sessionId: hidden!.payload.session_id as string };
}

/**
 * `resendMayDuplicate`: a batch in flight when the browser quits or is killed
 * may have been stored without the extension having noted the answer, which
 * sends it again at the next start (at-least-once); the collector keeps one
 * copy and counts the other as a duplicate. Seen in Chromium, where a quit ends
 * the worker mid-request, and in Firefox killed just as a batch was answered.
 */
async function expectOneSessionPing(c: CollectorForTest, sessionId: string, maxDurationMs: number, { resendMayDuplicate = false } = {}) {
  const [session] = await c.waitForDocuments({ docType: 'sessions', session_id: sessionId }, undefined, 60_000);
  expect(session!.payload.page).toBe('about:newtab');
  const duration = session!.payload.session_duration as number;
  expect(duration).toBeGreaterThan(0);
  expect(duration).toBeLessThanOrEqual(maxDurationMs);
  // Nothing comes twice: give a duplicate the time a batch takes (1 s in these tests) and more.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(await c.documents({ docType: 'sessions', session_id: sessionId })).toHaveLength(1);
  if (!resendMayDuplicate) expect((await c.counts()).duplicates).toBe(0);
  return duration;
}

test.describe('session end on browser close', () => {
  test.describe.configure({ timeout: 240_000 });

  test('a new tab open at a normal quit sends one session ping, at close or at the next start', async ({ browserName }) => {
    collector = await createCollector();
    const first = await launchForTelemetry(browserName as BrowserName);
    browsers.push(first);
    const { openedAt, sessionId } = await visitNewTab(first, collector);
    await first.ext.close();
    const quitAt = Date.now();
    // The profile now belongs to the next launch, which removes it.
    browsers.splice(browsers.indexOf(first), 1);

    const again = await launchForTelemetry(browserName as BrowserName, { profileDir: first.profileDir });
    browsers.push(again);
    await expectOneSessionPing(collector, sessionId, quitAt - openedAt + 1_000, { resendMayDuplicate: true });
  });

  test('a new tab open when the browser is killed sends one session ping at the next start, lasting until it was last seen', async ({ browserName }) => {
    collector = await createCollector();
    const first = await launchForTelemetry(browserName as BrowserName);
    browsers.push(first);
    const { openedAt, lastActionAt, sessionId } = await visitNewTab(first, collector);
    killBrowser(first.profileDir);
    await first.ext.close();
    browsers.splice(browsers.indexOf(first), 1);
    expect(await collector.documents({ docType: 'sessions', session_id: sessionId })).toEqual([]);

    const again = await launchForTelemetry(browserName as BrowserName, { profileDir: first.profileDir });
    browsers.push(again);
    // The page was last known visible at its last action, not when the browser died.
    await expectOneSessionPing(collector, sessionId, lastActionAt - openedAt + 1_000, { resendMayDuplicate: true });
  });
});
