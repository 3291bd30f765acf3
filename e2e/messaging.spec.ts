// The messaging system in a real browser (issue 14 item 9): messages served by
// the remote provider from the local feed server, targeted on real attributes,
// shown on the new tab's three surfaces (snippet, infobar, spotlight), clicked,
// dismissed or blocked, capped across page loads, and every ping read back at
// the real collector and checked against Mozilla's messaging-system schemas.
//
// One browser, collector and feed server for the file (the tests run in order):
// each surface has its own messages, so caps and blocks of one never touch
// another, and the late pings of one test never count in the next.
import type { Page } from '@playwright/test';
import { expect, LAUNCH_TIMEOUT_MS, test } from './support/fixtures';
import { type BrowserName, type ExtensionBrowser } from './support/extension';
import { createCollector, DELIVERY_MS, type CollectorForTest, type DocumentView } from './support/collector';
import { launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './support/telemetry';
import { json, startStoriesFeedServer, type StoriesFeedServer } from './support/stories';
import { SAMPLE_MESSAGES } from '../scripts/sampleMessages.mjs';
import type { InfoBarContent, SnippetContent, SpotlightContent } from '../src/common/messaging/types';
import { expectMozillaValid } from './support/mozillaValid';
import { recordsPath, routerMemory, waitForRemoteCollection } from './support/remoteMessages';

test.describe.configure({ mode: 'serial' });

type Sample<C> = Record<string, unknown> & { id: string; content: C };
const SPOTLIGHT = SAMPLE_MESSAGES[0] as Sample<SpotlightContent>;
const INFOBAR = SAMPLE_MESSAGES[1] as Sample<InfoBarContent>;
const SNIPPET = SAMPLE_MESSAGES[2] as Sample<SnippetContent>;
/** Only the message surfaces: a page with nothing else to load opens fast and the footer is in view. */
const QUIET_PAGE = {
  showSearch: false,
  'feeds.topsites': false,
  'feeds.section.highlights': false,
  'feeds.section.topstories': false,
  'feeds.snippets': true,
};
const PROVIDER = 'remote-messages';
const OLD_BROWSERS_INFOBAR = 'E2E_INFOBAR_OLD_BROWSERS';

let telemetry: TelemetryBrowser;
let ext: ExtensionBrowser;
let collector: CollectorForTest;
let server: StoriesFeedServer;

test.beforeAll(async ({ browserName }) => {
  test.setTimeout(LAUNCH_TIMEOUT_MS);
  server = await startStoriesFeedServer({ port: 0 });
  collector = await createCollector();
  telemetry = await launchForTelemetry(browserName as BrowserName);
  ext = telemetry.ext;
  // The infobar with three showings, so each of its buttons and its close button
  // is used once before the cap; its link goes to the feed server, not the web.
  // Beside it, a better one whose targeting (a real attribute) never matches here.
  server.route(
    recordsPath('e2e-infobar'),
    json({
      data: [
        { ...INFOBAR, id: OLD_BROWSERS_INFOBAR, priority: 99, targeting: 'browserVersion < 50' },
        {
          ...INFOBAR,
          frequency: { lifetime: 3 },
          content: { ...INFOBAR.content, primary: { label: 'Learn more', action: { type: 'OPEN_URL', data: { url: `${server.origin}/article/1` } } } },
        },
      ],
    }),
  );
  // The snippet with no cap to speak of: once blocked, it never shows again.
  server.route(recordsPath('e2e-snippet-uncapped'), json({ data: [{ ...SNIPPET, frequency: { lifetime: 100 } }] }));
});

test.afterAll(async () => {
  await telemetry?.dispose();
  await collector?.stop();
  await server?.close();
});

/** Points the remote provider at `collection` and waits until the background has fetched it. */
async function useCollection(collection: string): Promise<void> {
  const setup = await ext.openPage('options/options.html');
  await ext.setPrefs(setup, {
    ...QUIET_PAGE,
    ...telemetryPrefs(collector),
    'messaging.remoteServer': server.origin,
    'messaging.remoteCollection': collection,
  });
  await waitForRemoteCollection(setup, server.origin, collection);
  await ext.leave(setup);
}

/**
 * Opens a new tab and waits until the background has answered its message
 * check; with `expected`, until that message shows (a page without it fails
 * at once with what the router remembered).
 */
async function openNewTab(expected?: string): Promise<Page> {
  const page = await ext.openPage('newtab/newtab.html');
  await expect(page.locator('body')).toHaveAttribute('data-message-checked', '1');
  if (expected) {
    await expect(page.locator(`[data-message-id="${expected}"]`)).toHaveCount(1).catch(async (error: unknown) => {
      const shown = await page.locator('[data-message-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
      throw new Error(`${expected} is not shown (shown: ${JSON.stringify(shown)}); the router's storage: ${await routerMemory(page)}\n${String(error)}`);
    });
  }
  return page;
}

/** A new tab that shows no message at all. */
async function expectNoMessage(): Promise<void> {
  const page = await openNewTab();
  await expect(page.locator('[data-message-id]')).toHaveCount(0);
  await ext.leave(page);
}

/** messaging-system pings of `docType`, waiting until `count` of them match `where`. */
async function messagingPings(docType: string, where: Record<string, unknown>, count: number): Promise<DocumentView[]> {
  const matching = (docs: DocumentView[]) => docs.filter((d) => Object.entries(where).every(([k, v]) => d.payload[k] === v));
  return matching(
    await collector.waitForDocuments({ namespace: 'messaging-system', docType }, (docs) => matching(docs).length >= count, DELIVERY_MS),
  );
}

/** The events (sorted) of `docType` pings about `messageId`; every one valid on Mozilla's schema. */
async function eventsOf(docType: string, messageId: string, count: number): Promise<string[]> {
  const docs = await messagingPings(docType, { message_id: messageId }, count);
  expectMozillaValid(docs);
  // Pings of one batch arrive together, so their order at the collector says nothing: compared sorted.
  return docs.map((d) => d.payload.event as string).sort();
}

/** Infobar and spotlight pings carry the client and the browser session in every channel. */
async function expectClientAndSession(docType: string, messageId: string): Promise<void> {
  for (const doc of await collector.documents({ namespace: 'messaging-system', docType })) {
    if (doc.payload.message_id !== messageId) continue;
    expect(doc.payload.client_id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(doc.payload.browser_session_id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  }
}

test('spotlight: shown as a labelled modal, focus trapped, Escape dismisses, clicked, capped after 2', async () => {
  test.setTimeout(90_000);
  await useCollection('sample-spotlight');

  const first = await openNewTab(SPOTLIGHT.id);
  const dialog = first.getByRole('dialog', { name: SPOTLIGHT.content.title });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(`[data-message-id="${SPOTLIGHT.id}"]`)).toBeVisible();
  await expect(dialog.locator('img.spotlight-logo')).toHaveJSProperty('naturalWidth', 96);
  await expect(dialog.getByRole('button', { name: SPOTLIGHT.content.primary.label })).toBeFocused();
  // Tab and Shift+Tab cycle inside the dialog.
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await first.keyboard.press(key);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await first.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await ext.leave(first);

  const second = await openNewTab(SPOTLIGHT.id);
  const again = second.getByRole('dialog', { name: SPOTLIGHT.content.title });
  await expect(again).toBeVisible();
  await again.getByRole('button', { name: SPOTLIGHT.content.secondary!.label }).click();
  await expect(again).toHaveCount(0);
  await ext.leave(second);

  await expectNoMessage();
  expect(await eventsOf('spotlight', SPOTLIGHT.id, 4)).toEqual(['CLICK', 'DISMISS', 'IMPRESSION', 'IMPRESSION']);
  await expectClientAndSession('spotlight', SPOTLIGHT.id);
});

test('infobar: shown at the top, both buttons and the close button, capped after 3', async () => {
  test.setTimeout(90_000);
  await useCollection('e2e-infobar');
  const bar = (page: Page) => page.getByRole('region', { name: /./ }).and(page.locator(`.infobar[data-message-id="${INFOBAR.id}"]`));

  const first = await openNewTab(INFOBAR.id);
  await expect(bar(first)).toContainText(INFOBAR.content.text);
  await bar(first).getByRole('button', { name: INFOBAR.content.primary.label }).click();
  await expect(bar(first)).toHaveCount(0);
  // OPEN_URL opens the message's link in a new tab.
  await expect.poll(() => ext.tabUrls(first)).toContain(`${server.origin}/article/1`);
  await ext.leave(first);

  const second = await openNewTab(INFOBAR.id);
  await bar(second).getByRole('button', { name: INFOBAR.content.secondary!.label }).click();
  await expect(bar(second)).toHaveCount(0);
  // OPEN_SETTINGS opens our settings page.
  await ext.waitForTab(second, (u) => u.startsWith(ext.url('options/options.html')));
  await ext.leave(second);

  const third = await openNewTab(INFOBAR.id);
  await expect(bar(third)).toBeVisible();
  await bar(third).locator('.infobar-close').click();
  await expect(bar(third)).toHaveCount(0);
  await ext.leave(third);

  await expectNoMessage();
  expect(await eventsOf('infobar', INFOBAR.id, 6)).toEqual([
    'CLICK_PRIMARY_BUTTON',
    'CLICK_SECONDARY_BUTTON',
    'DISMISSED',
    'IMPRESSION',
    'IMPRESSION',
    'IMPRESSION',
  ]);
  await expectClientAndSession('infobar', INFOBAR.id);
  expect((await collector.documents({ namespace: 'messaging-system' })).filter((d) => d.payload.message_id === OLD_BROWSERS_INFOBAR)).toEqual([]);
});

test('snippet: footer bar clicked, capped after 2, then blocked for good; a broken targeting expression reported once', async () => {
  test.setTimeout(90_000);
  await useCollection('sample-snippet');
  const snippet = (page: Page) => page.locator(`aside.snippet[data-message-id="${SNIPPET.id}"]`);

  const first = await openNewTab(SNIPPET.id);
  await expect(snippet(first)).toContainText(SNIPPET.content.text);
  await expect(snippet(first).locator('img.snippet-icon')).toHaveJSProperty('naturalWidth', 48);
  await expect(snippet(first)).toHaveAttribute('data-seen', 'true');
  await ext.leave(first);

  const second = await openNewTab(SNIPPET.id);
  await snippet(second).getByRole('button', { name: SNIPPET.content.button!.label }).click();
  await expect(snippet(second)).toHaveCount(0);
  // Its action (OPEN_PREF_SECTION) opened our settings page.
  await ext.waitForTab(second, (u) => u.startsWith(ext.url('options/options.html')));
  await ext.leave(second);

  await expectNoMessage();

  // The same snippet in a collection that allows it 3 times, beside a message whose targeting does not parse.
  await useCollection('broken-targeting');
  const third = await openNewTab(SNIPPET.id);
  await snippet(third).locator('.snippet-block').click();
  await expect(snippet(third)).toHaveCount(0);
  await ext.leave(third);
  await expectNoMessage();

  // Blocked for good: not even a collection with no cap brings it back.
  await useCollection('e2e-snippet-uncapped');
  await expectNoMessage();

  expect(await eventsOf('snippets', SNIPPET.id, 5)).toEqual(['BLOCK', 'CLICK_BUTTION', 'IMPRESSION', 'IMPRESSION', 'IMPRESSION']);
  const snippetPings = await messagingPings('snippets', { message_id: SNIPPET.id }, 5);
  expect(new Set(snippetPings.map((d) => d.payload.source))).toEqual(new Set(['NEWTAB_FOOTER_BAR']));

  const targetingErrors = await messagingPings('undesired-events', { event: 'TARGETING_EXPRESSION_ERROR' }, 1);
  expectMozillaValid(targetingErrors);
  expect(targetingErrors.map((d) => [d.payload.message_id, d.payload.event_context])).toEqual([['SAMPLE_BROKEN_TARGETING', 'MALFORMED_EXPRESSION']]);
});

test('a failing and an empty collection each send their provider error ping once', async () => {
  test.setTimeout(90_000);
  await useCollection('failing');
  await expectNoMessage();
  await expectNoMessage();
  await useCollection('empty');
  await expectNoMessage();
  await expectNoMessage();
  const failed = await messagingPings('undesired-events', { event: 'ASR_RS_ERROR' }, 1);
  const empty = await messagingPings('undesired-events', { event: 'ASR_RS_NO_MESSAGES' }, 1);
  expectMozillaValid([...failed, ...empty]);
  expect([...failed, ...empty].map((d) => [d.payload.event, d.payload.event_context])).toEqual([
    ['ASR_RS_ERROR', PROVIDER],
    ['ASR_RS_NO_MESSAGES', PROVIDER],
  ]);
  // Nothing reported twice, the targeting error included, now that every ping above has arrived.
  expect(await collector.documents({ namespace: 'messaging-system', docType: 'undesired-events' })).toHaveLength(3);
});
