// The router's surfaces in the browser's own UI (issue 15), in a real browser:
// the toolbar button's badge (feature callouts) and its popup's What's new
// view, with every ping read back at the real collector and checked against
// Mozilla's schemas.
//
// Playwright cannot click the browser's toolbar: the tests open the
// extension's own popup page (popup/popup.html) in a tab, naming the tab the
// button would have been clicked in (?tabId=), and the page tells the
// background it opened exactly as the real popup does. The badge is read
// through the extension's action API.
//
// One browser, collector and feed server for the file (the tests run in order).
import type { Page } from '@playwright/test';
import { expect, LAUNCH_TIMEOUT_MS, test } from './support/fixtures';
import { withExtensionApi, type BrowserName, type ExtensionBrowser } from './support/extension';
import { createCollector, DELIVERY_MS, type CollectorForTest, type DocumentView } from './support/collector';
import { launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './support/telemetry';
import { json, startStoriesFeedServer, type StoriesFeedServer } from './support/stories';
import { findMozillaSchemas } from '../src/test-support/mozillaSchemas';
import { errorsOf, mozillaValidator } from '../src/test-support/pingSchemas';

test.describe.configure({ mode: 'serial' });

const BADGE_ID = 'E2E_TOOLBAR_BADGE';
const whatsNew = (id: string, day: number, url?: string) => ({
  id,
  template: 'whatsnew_panel_message',
  trigger: { id: 'whatsNewPanelOpened' },
  content: {
    title: `Feature ${id}`,
    body: `What ${id} does.`,
    published_date: Date.UTC(2026, 10, day),
    ...(url ? { link_text: `Read about ${id}`, cta_url: url } : {}),
  },
});
/** Newest first, as the view lists them. */
const WHATS_NEW_IDS = ['E2E_WN_3', 'E2E_WN_2', 'E2E_WN_1'];

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
  server.route(
    recordsPath('e2e-toolbar'),
    json({
      data: [
        { id: BADGE_ID, template: 'toolbar_badge', content: { text: '1', color: '#d70022' }, trigger: { id: 'toolbarBadgeUpdate' }, frequency: { lifetime: 1 } },
        whatsNew('E2E_WN_1', 1),
        whatsNew('E2E_WN_3', 3, `${server.origin}/article/3`),
        whatsNew('E2E_WN_2', 2),
      ],
    }),
  );
});

test.afterAll(async () => {
  await telemetry?.dispose();
  await collector?.stop();
  await server?.close();
});

function recordsPath(collection: string): string {
  return `/v1/buckets/main/collections/${collection}/records`;
}

/** Points the remote provider at `collection` and waits until the background has fetched it; returns the page it used. */
async function useCollection(collection: string): Promise<Page> {
  const setup = await ext.openPage('options/options.html');
  await ext.setPrefs(setup, { ...telemetryPrefs(collector), 'messaging.remoteServer': server.origin, 'messaging.remoteCollection': collection });
  const url = `${server.origin}${recordsPath(collection)}`;
  await expect
    .poll(() =>
      withExtensionApi(setup, async (api) => {
        const stored = (await api.storage.local.get('messaging.remoteCache')) as Record<string, { url?: string } | undefined>;
        return stored['messaging.remoteCache']?.url;
      }),
    )
    .toBe(url);
  return setup;
}

/** The toolbar button's badge text, as the browser draws it on `tabId` (or globally). */
function badgeText(page: Page, tabId?: number): Promise<string> {
  return withExtensionApi(page, (api, id) => api.action.getBadgeText(id === undefined ? {} : { tabId: id }), tabId);
}

/** The popup as the toolbar button opens it, for the tab of `forPage` (see the file's comment). */
async function openPopup(forPage: Page): Promise<Page> {
  const tabId = await withExtensionApi(forPage, async (api) => (await api.tabs.getCurrent())?.id ?? -1);
  return ext.openPage(`popup/popup.html?tabId=${tabId}`, 'body[data-popup-ready="1"]');
}

async function messagingPings(docType: string, where: (p: Record<string, unknown>) => boolean, count: number): Promise<DocumentView[]> {
  const matching = (docs: DocumentView[]) => docs.filter((d) => where(d.payload));
  const docs = matching(
    await collector.waitForDocuments({ namespace: 'messaging-system', docType }, (all) => matching(all).length >= count, DELIVERY_MS),
  );
  expectMozillaValid(docs);
  return docs;
}

function expectMozillaValid(docs: DocumentView[]): void {
  const schemas = findMozillaSchemas();
  expect(schemas.found, 'Mozilla schemas (shared/schemas/mozilla-pipeline)').toBe(true);
  if (!schemas.found) return;
  for (const doc of docs) {
    const validate = mozillaValidator(schemas.dir, doc.namespace, doc.doc_type, doc.doc_version);
    expect(validate, `a Mozilla schema for ${doc.namespace}/${doc.doc_type}/${doc.doc_version}`).toBeDefined();
    expect(validate!(doc.payload), `${doc.doc_type} ${String(doc.payload.event)}: ${validate ? errorsOf(validate) : ''}`).toBe(true);
  }
}

test("toolbar badge and What's new: the badge shows, opening the popup clicks and clears it; the view's impression, click and checkbox", async () => {
  test.setTimeout(120_000);
  const setup = await useCollection('e2e-toolbar');
  await expect.poll(() => badgeText(setup)).toBe('1');

  const popup = await openPopup(setup);
  const view = popup.getByRole('region', { name: "What's new" });
  await expect(view.getByRole('heading', { level: 3 })).toHaveText(WHATS_NEW_IDS.map((id) => `Feature ${id}`));
  // Opened: the badge message is clicked and cleared; viewed: the dot for new messages goes too.
  await expect.poll(() => badgeText(setup)).toBe('');

  // From the keyboard: the checkbox, then the link (which opens a tab in front of the popup).
  const notify = view.getByRole('checkbox', { name: 'Show notifications for new features' });
  await expect(notify).toBeChecked();
  await notify.focus();
  await popup.keyboard.press('Space');
  await expect(notify).not.toBeChecked();
  await view.getByRole('button', { name: 'Read about E2E_WN_3' }).focus();
  await popup.keyboard.press('Enter');
  await expect.poll(() => ext.tabUrls(setup)).toContain(`${server.origin}/article/3`);

  const badgePings = await messagingPings('cfr', (p) => p.message_id === BADGE_ID, 2);
  expect(badgePings.map((d) => d.payload.event).sort()).toEqual(['CLICK', 'IMPRESSION']);
  for (const doc of badgePings) expect(doc.payload).toMatchObject({ source: 'CFR', client_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

  const panel = await messagingPings('whats-new-panel', () => true, 3);
  expect(panel.map((d) => [d.payload.event, d.payload.message_id, JSON.parse(String(d.payload.value))]).sort()).toEqual([
    ['CLICK', 'E2E_WN_3', { view: 'toolbar_dropdown' }],
    ['IMPRESSION', WHATS_NEW_IDS.join(','), { view: 'toolbar_dropdown' }],
    ['WNP_PREF_TOGGLE', 'n/a', { prefValue: false }],
  ]);
  await ext.leave(popup);

  // Opened again: no badge to click, the same messages already reported for that popup only once each.
  const again = await openPopup(setup);
  await expect(again.getByRole('region', { name: "What's new" }).getByRole('heading', { level: 3 })).toHaveCount(3);
  await messagingPings('whats-new-panel', (p) => p.event === 'IMPRESSION', 2);
  const cfr = await collector.documents({ namespace: 'messaging-system', docType: 'cfr' });
  expect(cfr.filter((d) => d.payload.message_id === BADGE_ID)).toHaveLength(2);
  expect(await badgeText(setup)).toBe('');
  await ext.leave(again);
  await ext.leave(setup);
});
