// Search and search handoff in real browsers: the box runs the browser's
// default engine in the same tab (or opens an address, for handoff), the
// collector gets SEARCH / SEARCH_HANDOFF and the ended session, and the search
// term is in no ping.
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from './support/extension';
import { userEvents, type CollectorForTest } from './support/collector';
import { telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

let ext: ExtensionBrowser;
let collector: CollectorForTest;

test.beforeEach(({ ext: fresh, collector: running }) => {
  ext = fresh;
  collector = running;
});

/** Another extension page, kept open to read tab URLs through the tabs API. */
let helper: Page;

/** A new tab whose pings go to the test collector, with `prefs` set before it opened. */
async function openNewTab(prefs: Record<string, unknown> = {}): Promise<Page> {
  helper = await ext.openPage('newtab/newtab.html');
  await ext.setPrefs(helper, { ...telemetryPrefs(collector), ...prefs });
  return ext.openPage('newtab/newtab.html');
}

/**
 * The tab navigated to a URL matching `isWanted`. Offline the engine's page
 * fails to load and Chromium shows its error page, so the URL is read through
 * the tabs API rather than from the page.
 */
async function expectTabAt(isWanted: (url: string) => boolean) {
  await expect.poll(async () => (await ext.tabUrls(helper)).some(isWanted), { timeout: 15_000 }).toBe(true);
}

async function expectNoPingContains(text: string) {
  const everything = JSON.stringify(await collector.documents());
  expect(everything).not.toContain(text);
}

test.describe('search', () => {
  test('Enter searches the default engine in this tab; SEARCH and the session ping arrive; the term is never sent', async () => {
    const term = `oasterm${Date.now()}`;
    const page = await openNewTab();
    const box = page.getByRole('searchbox', { name: 'Search the web' });
    await box.focus();
    await page.keyboard.type(`${term} cats`);
    await page.keyboard.press('Enter');
    // The engine's results page replaces ours (it fails to load offline, but the tab goes there).
    await expectTabAt((url) => url.includes(term) && url.startsWith('http'));

    const [search] = await userEvents(collector, 'SEARCH', undefined);
    expect(search).toMatchObject({ event: 'SEARCH', page: 'about:newtab' });
    const sessions = await collector.waitForDocuments({ docType: 'sessions', session_id: search!.session_id as string });
    expect(sessions[0]!.payload).toMatchObject({ page: 'about:newtab', session_duration: expect.any(Number) });
    await expectNoPingContains(term);
  });

  test('the search button works too, and empty text does nothing', async () => {
    const page = await openNewTab();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
    // Typed, not fill(): under Firefox/BiDi fill() sets the value behind React's back.
    await page.getByRole('searchbox').pressSequentially('oas button search');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expectTabAt((url) => url.startsWith('http'));
    const searches = await userEvents(collector, 'SEARCH', undefined);
    expect(searches).toHaveLength(1);
  });
});

test.describe('search handoff', () => {
  test('typed text is handed off on Enter and searched in this tab; SEARCH_HANDOFF arrives without the text', async () => {
    const term = `oashandoff${Date.now()}`;
    const page = await openNewTab({ 'improvesearch.handoffToAwesomebar': true });
    const box = page.getByRole('button', { name: 'Search the web' });
    await expect(box).toContainText('Search or enter address');
    await box.focus();
    await page.keyboard.type(term);
    await expect(box).toContainText(term);
    await page.keyboard.press('Enter');
    await expectTabAt((url) => url.includes(term) && url.startsWith('http'));

    const [handoff] = await userEvents(collector, 'SEARCH_HANDOFF', undefined);
    expect(handoff).toMatchObject({ event: 'SEARCH_HANDOFF', page: 'about:newtab' });
    await collector.waitForDocuments({ docType: 'sessions', session_id: handoff!.session_id as string });
    await expectNoPingContains(term);
  });

  test('a pasted address opens as the address bar would', async () => {
    const page = await openNewTab({ 'improvesearch.handoffToAwesomebar': true });
    const target = `${collector.baseUrl}/api/counts`;
    const box = page.getByRole('button', { name: 'Search the web' });
    await box.click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), target);
    await page.keyboard.press('Control+V');
    await expectTabAt((url) => url === target);
    await userEvents(collector, 'SEARCH_HANDOFF', undefined);
    await expectNoPingContains('/api/counts');
  });
});
