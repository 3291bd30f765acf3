// The router's surfaces in the browser's own UI (issue 15), in a real browser:
// the toolbar button's badge (feature callouts), its popup's What's new view,
// and contextual recommendations (CFR) on visited local test pages, with every
// ping read back at the real collector and checked against Mozilla's schemas.
//
// Playwright cannot click the browser's toolbar or address bar: the tests open
// the extension's own popup page (popup/popup.html) in a tab, naming the tab
// the button would have been clicked in (?tabId=; Firefox's page action adds
// ?view=cfr, as its manifest entry does), and the page tells the background
// it opened exactly as the real popup does. Badges and the page action are
// read through the extension's action and pageAction APIs.
//
// One browser, collector and feed server for the file (the tests run in order).
import type { Page } from '@playwright/test';
import { expect, LAUNCH_TIMEOUT_MS, test } from './support/fixtures';
import { ExtensionBrowser, withExtensionApi, type BrowserName } from './support/extension';
import { createCollector, DELIVERY_MS, type CollectorForTest, type DocumentView } from './support/collector';
import { launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './support/telemetry';
import { json, startStoriesFeedServer, type StoriesFeedServer } from './support/stories';
import { expectNoAxeViolations } from './support/axe';
import { expectMozillaValid } from './support/mozillaValid';
import { recordsPath, waitForRemoteCollection } from './support/remoteMessages';

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

const cfr = (id: string, page: string, content: Record<string, unknown>) => ({
  id,
  template: 'cfr_doorhanger',
  trigger: { id: 'openURL', patterns: [`*://127.0.0.1/${page}*`] },
  frequency: { lifetime: 5 },
  content: { heading_text: `Heading ${id}`, text: `Text ${id}`, rationale: `Because of ${id}`, notification_text: 'Recommendation', ...content },
});

let engine: BrowserName;
let telemetry: TelemetryBrowser;
let ext: ExtensionBrowser;
let collector: CollectorForTest;
let server: StoriesFeedServer;

test.beforeAll(async ({ browserName }) => {
  test.setTimeout(LAUNCH_TIMEOUT_MS);
  server = await startStoriesFeedServer({ port: 0 });
  collector = await createCollector();
  engine = browserName as BrowserName;
  telemetry = await launchForTelemetry(engine);
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
  server.route(
    recordsPath('e2e-moments'),
    json({
      data: [
        {
          id: 'E2E_MOMENTS',
          template: 'update_action',
          trigger: { id: 'extensionUpdated' },
          content: { action: { id: 'moments-wnp', data: { url: `${server.origin}/moments-page`, expireDelta: 86_400_000 } } },
        },
      ],
    }),
  );
  for (const page of ['addon-page', 'feature-page', 'moments-page']) {
    server.route(`/${page}`, async () => ({ status: 200, body: `<!doctype html><title>${page}</title><p>${page}</p>`, contentType: 'text/html' }));
  }
  server.route(
    recordsPath('e2e-cfr'),
    json({
      data: [
        cfr('E2E_CFR_ADDON', 'addon-page', {
          category: 'cfrAddons',
          addon: { title: 'Translator', author: 'Example' },
          learn_more: `${server.origin}/article/learn`,
          primary: { label: 'Add now', action: { type: 'OPEN_URL', data: { url: `${server.origin}/article/install` } } },
        }),
        { ...cfr('E2E_CFR_FEATURE', 'feature-page', { category: 'cfrFeatures', primary: { label: 'Pin', action: { type: 'PIN_CURRENT_TAB' } } }), priority: 2 },
        { ...cfr('E2E_CFR_FEATURE_NEXT', 'feature-page', { category: 'cfrFeatures', primary: { label: 'Pin', action: { type: 'PIN_CURRENT_TAB' } } }), priority: 1 },
      ],
    }),
  );
});

test.afterAll(async () => {
  // The moments test restarts the browser on the same profile.
  if (ext && ext !== telemetry?.ext) await ext.close();
  await telemetry?.dispose();
  await collector?.stop();
  await server?.close();
});

/** Points the remote provider at `collection` and waits until the background has fetched it; returns the page it used. */
async function useCollection(collection: string): Promise<Page> {
  const setup = await ext.openPage('options/options.html');
  await ext.setPrefs(setup, { ...telemetryPrefs(collector), 'messaging.remoteServer': server.origin, 'messaging.remoteCollection': collection });
  await waitForRemoteCollection(setup, server.origin, collection);
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

/** A local test page in a tab of its own, and that tab's id (read through the extension's tabs API from `ours`). */
async function visit(ours: Page, path: string): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}${path}`);
  const url = `${server.origin}${path}`;
  let tabId = -1;
  await expect
    .poll(async () => (tabId = await withExtensionApi(ours, async (api, u) => (await api.tabs.query({})).find((t) => t.url === u && t.status === 'complete')?.id ?? -1, url)))
    .toBeGreaterThan(-1);
  return { page, tabId };
}

/** Whether `tabId` shows its recommendation's indicator: Firefox's page action, Chromium's badge on that tab. */
function indicatorShown(ours: Page, tabId: number): Promise<boolean> {
  return withExtensionApi(
    ours,
    async (api, { id, firefox }) =>
      firefox ? (api as unknown as { pageAction: { isShown(d: { tabId: number }): Promise<boolean> } }).pageAction.isShown({ tabId: id }) : (await api.action.getBadgeText({ tabId: id })) === '★',
    { id: tabId, firefox: engine === 'firefox' },
  );
}

/** The doorhanger as the user opens it: Firefox's page action, Chromium's toolbar button (see the file's comment). */
async function openDoorhangerWhenShown(ours: Page, tabId: number): Promise<Page> {
  await expect.poll(() => indicatorShown(ours, tabId)).toBe(true);
  return openDoorhanger(tabId);
}

function openDoorhanger(tabId: number): Promise<Page> {
  return ext.openPage(`popup/popup.html?tabId=${tabId}${engine === 'firefox' ? '&view=cfr' : ''}`, 'body[data-popup-ready="1"]');
}

async function messagingPings(docType: string, where: (p: Record<string, unknown>) => boolean, count: number): Promise<DocumentView[]> {
  const matching = (docs: DocumentView[]) => docs.filter((d) => where(d.payload));
  const docs = matching(
    await collector.waitForDocuments({ namespace: 'messaging-system', docType }, (all) => matching(all).length >= count, DELIVERY_MS),
  );
  expectMozillaValid(docs);
  return docs;
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
  await expectNoAxeViolations(popup, "the popup's What's new and saved views");

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

test('CFR: a visited page matching a recommendation shows it on its tab; every control sends its event once; a blocked one never shows again', async () => {
  test.setTimeout(150_000);
  const setup = await useCollection('e2e-cfr');

  const addonPage = await visit(setup, '/addon-page');
  await expect.poll(() => indicatorShown(setup, addonPage.tabId)).toBe(true);
  const popup = await openDoorhanger(addonPage.tabId);
  const doorhanger = popup.getByRole('region', { name: 'Heading E2E_CFR_ADDON' });
  await expect(doorhanger).toContainText('Text E2E_CFR_ADDON');
  await expect(doorhanger).toContainText('Translator');
  await expectNoAxeViolations(popup, 'the CFR doorhanger');
  await doorhanger.getByText('Why am I seeing this?').click();
  await expect(doorhanger.getByText('Because of E2E_CFR_ADDON')).toBeVisible();
  await doorhanger.getByRole('button', { name: 'Learn more' }).click();
  await expect.poll(() => ext.tabUrls(setup)).toContain(`${server.origin}/article/learn`);
  await doorhanger.getByRole('button', { name: 'Manage recommendations' }).click();
  await expect.poll(async () => (await ext.tabUrls(setup)).some((u) => u.endsWith('options/options.html#content-heading'))).toBe(true);
  await doorhanger.getByRole('button', { name: 'Add now' }).click();
  await expect(doorhanger).toHaveCount(0);
  await expect.poll(() => ext.tabUrls(setup)).toContain(`${server.origin}/article/install`);
  await expect.poll(() => indicatorShown(setup, addonPage.tabId)).toBe(false);
  await ext.leave(popup);

  const addonEvents = await messagingPings('cfr', (p) => p.message_id === 'E2E_CFR_ADDON', 6);
  expect(addonEvents.map((d) => d.payload.event).sort()).toEqual(['CLICK_DOORHANGER', 'IMPRESSION', 'INSTALL', 'LEARN_MORE', 'MANAGE', 'RATIONALE']);
  for (const doc of addonEvents) expect(doc.payload).toMatchObject({ source: 'CFR', client_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  // No ping names the page it was shown on.
  expect(JSON.stringify(addonEvents.map((d) => d.payload))).not.toContain('addon-page');

  // The feature: "Don't show this again".
  const featurePage = await visit(setup, '/feature-page');
  await expect.poll(() => indicatorShown(setup, featurePage.tabId)).toBe(true);
  const second = await openDoorhanger(featurePage.tabId);
  await second.getByRole('region', { name: 'Heading E2E_CFR_FEATURE', exact: true }).getByRole('button', { name: "Don't show this again" }).click();
  await expect.poll(() => indicatorShown(setup, featurePage.tabId)).toBe(false);
  await ext.leave(second);
  expect((await messagingPings('cfr', (p) => p.message_id === 'E2E_CFR_FEATURE', 3)).map((d) => d.payload.event).sort()).toEqual([
    'BLOCK',
    'CLICK_DOORHANGER',
    'IMPRESSION',
  ]);

  // With the daily caps reset (the settings page's admin section), the page is visited again:
  // the blocked feature is skipped and the next one shows.
  const options = await ext.openPage('options/options.html');
  await options.getByRole('button', { name: 'Reset impressions' }).click();
  await expect.poll(() => withExtensionApi(options, async (api) => {
    const state = ((await api.storage.local.get('messaging.state')) as Record<string, { groupImpressions?: Record<string, number[]> }>)['messaging.state'];
    return Object.values(state?.groupImpressions ?? {}).flat().length;
  })).toBe(0);
  await ext.leave(options);
  await featurePage.page.goto(`${server.origin}/feature-page`);
  const third = await openDoorhangerWhenShown(setup, featurePage.tabId);
  await expect(third.getByRole('region', { name: 'Heading E2E_CFR_FEATURE_NEXT' })).toBeVisible();
  await expect(third.getByRole('region', { name: 'Heading E2E_CFR_FEATURE', exact: true })).toHaveCount(0);
  await ext.leave(third);
  const feature = await collector.documents({ namespace: 'messaging-system', docType: 'cfr' });
  expect(feature.filter((d) => d.payload.message_id === 'E2E_CFR_FEATURE')).toHaveLength(3);

  await ext.leave(addonPage.page);
  await ext.leave(featurePage.page);
  await ext.leave(setup);
});


/**
 * What the context menu's "Save to list" does on a link (Playwright cannot open the browser's
 * context menu): the menu's click hands the background SAVE_TO_LIST with the tab and the link,
 * which the popup's port hands it here the same way.
 */
async function saveLinkAsTheMenuWould(ours: Page, tabId: number, url: string, text: string): Promise<void> {
  await withExtensionApi(
    ours,
    (api, d) => {
      const name = `activity-stream:${JSON.stringify({ page: 'toolbar-popup', instanceId: crypto.randomUUID(), reconnect: false })}`;
      api.runtime.connect({ name }).postMessage({ type: 'SAVE_TO_LIST', data: { tabId: d.tabId, link: { url: d.url, text: d.text } }, seq: 1 });
    },
    { tabId, url, text },
  );
}

test('save for later: from the popup and the context menu, seen on the new tab, removed; pocket-button pings without the pages', async () => {
  test.setTimeout(120_000);
  const setup = await ext.openPage('options/options.html');
  // The stories feed gives the recommendations shown after a save.
  await ext.setPrefs(setup, { ...telemetryPrefs(collector), 'discoverystream.feedUrl': server.url, showSearch: false, 'feeds.topsites': false });
  const article = await visit(setup, '/addon-page');
  const saving = await ext.openPage(`popup/popup.html?tabId=${article.tabId}`, 'body[data-popup-ready="1"]');
  const list = saving.getByRole('region', { name: 'Saved for later' });
  await list.getByRole('button', { name: 'Save this page' }).click();
  await expect(list.getByRole('status')).toHaveText('Saved to your list.');
  const recs = list.getByRole('heading', { name: 'You might also like' }).locator('xpath=..').getByRole('link');
  await expect(recs).toHaveCount(3);
  await expect(list.getByRole('link', { name: 'addon-page' })).toHaveAttribute('href', `${server.origin}/addon-page`);
  await saveLinkAsTheMenuWould(saving, article.tabId, `${server.origin}/feature-page`, 'Feature page');
  await expect(list.getByRole('link', { name: 'Feature page' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Export as JSON' })).toHaveAttribute('download', 'saved-pages.json');

  const newTab = await ext.openPage('newtab/newtab.html');
  const onNewTab = newTab.locator('.saved-stories');
  await expect(onNewTab.getByRole('link')).toHaveText(['Feature page', 'addon-page']);
  // Removed in the popup (from the keyboard), gone from the new tab too.
  await saving.bringToFront();
  await list.getByRole('button', { name: 'Remove “Feature page” from saved' }).focus();
  await saving.keyboard.press('Enter');
  await expect(list.getByRole('link', { name: 'Feature page' })).toHaveCount(0);
  await expect(onNewTab.getByRole('link')).toHaveText(['addon-page']);

  const pings = await collector.waitForDocuments(
    { namespace: 'activity-stream', docType: 'pocket-button' },
    (docs) => docs.filter((d) => JSON.stringify(d.payload.events).includes('"click"')).length >= 2,
    DELIVERY_MS,
  );
  expectMozillaValid(pings);
  const events = pings.flatMap((d) => d.payload.events as { action: string; source: string }[]).map((e) => `${e.action} ${e.source}`);
  expect(events.filter((e) => e === 'click save_button')).toHaveLength(2);
  expect(events).toContain('impression save_button');
  const recPings = await collector.waitForDocuments({ namespace: 'activity-stream', docType: 'on-save-recs' }, (docs) => docs.length >= 1, DELIVERY_MS);
  expectMozillaValid(recPings);
  expect(recPings.flatMap((d) => d.payload.events)).toEqual([0, 1, 2].map((position) => ({ action: 'impression', position })));
  for (const doc of pings) {
    expect(doc.payload.pocket_logged_in_status).toBe(false);
    expect(doc.payload).not.toHaveProperty('client_id');
    expect(JSON.stringify(doc.payload)).not.toMatch(/addon-page|feature-page|127\.0\.0\.1/);
  }
  await ext.leave(newTab);
  await ext.leave(saving);
  await ext.leave(article.page);
  await ext.leave(setup);
});

/** Quits the browser and starts it again on the same profile, as a user's next session. */
async function restartBrowser(): Promise<Page> {
  await ext.close();
  ext = await ExtensionBrowser.launch(engine, { profileDir: telemetry.profileDir });
  return ext.openPage('options/options.html');
}

test('moments page: after a simulated update it is set (MOMENTS_PAGE_SET) and opens once, at the next browser start', async () => {
  test.setTimeout(240_000);
  const setup = await useCollection('e2e-moments');
  // The update: the last start ran an older version (what the background compares with its manifest's).
  await withExtensionApi(setup, (api) => api.storage.local.set({ 'messaging.addonVersion': '0.0.1' }));

  const updated = await restartBrowser();
  const set = await messagingPings('moments', (p) => p.event === 'MOMENTS_PAGE_SET', 1);
  expect(set).toHaveLength(1);
  expect(set[0]!.payload).toMatchObject({ message_id: 'E2E_MOMENTS', bucket_id: 'E2E_MOMENTS', source: 'CFR', client_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(await ext.tabUrls(updated)).not.toContain(`${server.origin}/moments-page`);

  const next = await restartBrowser();
  // A load the browser dropped at its start is made again within 20 s (startupTab.ts).
  await expect.poll(() => ext.tabUrls(next), { timeout: 30_000 }).toContain(`${server.origin}/moments-page`);
  expect((await ext.tabUrls(next)).filter((u) => u === `${server.origin}/moments-page`)).toHaveLength(1);
  // Opened: nothing is left to open at a later start, and the message is blocked.
  expect(await withExtensionApi(next, async (api) => Object.keys(await api.storage.local.get('messaging.momentsPage')))).toEqual([]);
  expect(await collector.documents({ namespace: 'messaging-system', docType: 'moments' })).toHaveLength(1);
});
