/**
 * The collector's dashboard in a real browser: data goes in through the real HTTP
 * ingestion routes, and the test checks the numbers and the SVG bars it draws.
 * Uses the collector tests' sample schemas so the data set is fixed; the last test
 * draws the messaging view from pings the extension really sent.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, LAUNCH_TIMEOUT_MS, test } from './support/fixtures';
import { startStoriesFeedServer } from '../scripts/storiesFeedServer.mjs';
import { createCollector, DELIVERY_MS, type CollectorForTest } from './support/collector';
import type { BrowserName } from './support/extension';
import { launchForTelemetry, telemetryPrefs } from './support/telemetry';
import {
  eventPayload,
  messagePayload,
  removeSampleSchemas,
  sessionPayload,
  submitUri,
  undesiredEventPayload,
  writeSampleSchemas,
} from '../collector/test/support/sampleSchemas';

let collector: CollectorForTest;
let clock = Date.parse('2024-06-01T10:00:00Z');

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${collector.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

test.beforeEach(async () => {
  clock = Date.parse('2024-06-01T10:00:00Z');
  collector = await createCollector({ schemaDir: writeSampleSchemas(), now: () => clock });

  // Day 1: five sessions, four top-site clicks (positions 0, 0, 0, 2), one click elsewhere.
  const durations = [500, 1500, 2500, 20_000, 400_000];
  const batch = await post('/submit-batch', {
    documents: durations.map((session_duration, i) => ({
      uri: submitUri('activity-stream', 'sessions'),
      payload: sessionPayload({
        session_duration,
        perf: { load_trigger_type: 'menu_plus_or_keyboard', visibility_event_rcvd_ts: 100, topsites_first_painted_ts: 100 + i * 120 },
      }),
    })),
  });
  expect(batch.status).toBe(200);
  for (const position of [0, 0, 0, 2]) {
    expect((await post(submitUri('activity-stream', 'events'), eventPayload({ event: 'CLICK', source: 'TOP_SITES', action_position: position }))).status).toBe(200);
  }
  expect((await post(submitUri('activity-stream', 'events'), eventPayload({ event: 'CLICK', source: 'CARDGRID', action_position: 1 }))).status).toBe(200);

  // Day 2: one event, one duplicate of it, and one document that fails its schema.
  clock = Date.parse('2024-06-02T09:00:00Z');
  const uri = submitUri('activity-stream', 'events', 1, randomUUID());
  const payload = eventPayload({ event: 'SEARCH', source: 'SEARCH_BOX', action_position: undefined });
  expect((await post(uri, payload)).status).toBe(200);
  expect(await (await post(uri, payload)).json()).toEqual({ status: 200, duplicate: true });
  expect((await post(submitUri('activity-stream', 'sessions'), sessionPayload({ session_duration: -5 }))).status).toBe(400);

  await collector.waitForDocuments({}, (docs) => docs.length === 11);
});

test.afterEach(async () => {
  await collector.stop();
  removeSampleSchemas();
});

async function openDashboard(page: Page, path = '/dashboard', baseUrl = collector.baseUrl): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${baseUrl}${path}`);
  await expect(page.locator('body[data-ready="1"]')).toBeAttached();
  return problems;
}

const numberAttr = async (page: Page, selector: string, name: string): Promise<number[]> =>
  page.locator(selector).evaluateAll((elements, attr) => elements.map((e) => Number(e.getAttribute(attr))), name);

test('dashboard shows totals, duplicates and recent schema errors', async ({ page }) => {
  const problems = await openDashboard(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Telemetry');
  await expect(page.getByTestId('total-documents')).toHaveText('11');
  await expect(page.getByTestId('duplicates-count')).toHaveText('1');
  await expect(page.getByTestId('errors-count')).toHaveText('1');
  await expect(page.getByTestId('sessions-count')).toHaveText('5');

  const errorRows = page.locator('#errors-body tr.error-row');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first()).toContainText('activity-stream/sessions/1');
  await expect(errorRows.first()).toContainText('/session_duration must be >= 0');
  expect(problems).toEqual([]);
});

test('dashboard draws documents per day, stacked by type', async ({ page }) => {
  await openDashboard(page, '/');
  const bars = page.locator('#chart-per-day svg rect.bar');
  await expect(bars).toHaveCount(3);
  const segment = (day: string, type: string) => page.locator(`#chart-per-day rect.bar[data-day="${day}"][data-doc-type="${type}"]`);
  await expect(segment('2024-06-01', 'activity-stream/sessions')).toHaveAttribute('data-value', '5');
  await expect(segment('2024-06-01', 'activity-stream/events')).toHaveAttribute('data-value', '5');
  await expect(segment('2024-06-02', 'activity-stream/events')).toHaveAttribute('data-value', '1');
  const [day1Sessions] = await numberAttr(page, '#chart-per-day rect.bar[data-day="2024-06-01"][data-doc-type="activity-stream/sessions"]', 'height');
  const [day2Events] = await numberAttr(page, '#chart-per-day rect.bar[data-day="2024-06-02"]', 'height');
  expect(day1Sessions! / day2Events!).toBeCloseTo(5, 1);
  await expect(page.locator('#legend-per-day li')).toHaveText(['activity-stream/events', 'activity-stream/sessions']);
});

test('dashboard draws top-site click-through by position', async ({ page }) => {
  await openDashboard(page);
  const bars = page.locator('#chart-ctr svg rect.bar');
  await expect(bars).toHaveCount(2);
  expect(await numberAttr(page, '#chart-ctr rect.bar', 'data-position')).toEqual([0, 2]);
  expect(await numberAttr(page, '#chart-ctr rect.bar', 'data-clicks')).toEqual([3, 1]);
  expect(await numberAttr(page, '#chart-ctr rect.bar', 'data-ctr')).toEqual([0.6, 0.2]);
  const [first, second] = await numberAttr(page, '#chart-ctr rect.bar', 'height');
  expect(first! / second!).toBeCloseTo(3, 1);
  await expect(page.locator('#chart-ctr text.value-label')).toHaveText(['60%', '20%']);
});

test('dashboard draws session-duration and first-paint histograms', async ({ page }) => {
  await openDashboard(page);
  expect(await numberAttr(page, '#chart-session-duration rect.bar', 'data-count')).toEqual([1, 2, 0, 1, 0, 0, 1]);
  await expect(page.locator('#chart-session-duration rect.bar').first()).toHaveAttribute('data-bin', '< 1 s');
  const durationHeights = await numberAttr(page, '#chart-session-duration rect.bar', 'height');
  expect(durationHeights[1]! / durationHeights[0]!).toBeCloseTo(2, 1);
  expect(durationHeights[2]).toBe(0);
  await expect(page.locator('#session-duration-stats')).toContainText('p50 2,500 ms');

  // first paint = topsites_first_painted_ts − visibility_event_rcvd_ts = 0, 120, 240, 360, 480 ms
  expect(await numberAttr(page, '#chart-first-paint rect.bar', 'data-count')).toEqual([1, 0, 1, 3, 0, 0]);
  await expect(page.locator('#first-paint-stats')).toContainText('n = 5');
});

test('dashboard refreshes with new data', async ({ page }) => {
  await openDashboard(page);
  await expect(page.getByTestId('total-documents')).toHaveText('11');
  expect((await post(submitUri('activity-stream', 'events'), eventPayload({ event: 'CLICK', source: 'TOP_SITES', action_position: 2 }))).status).toBe(200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('total-documents')).toHaveText('12');
  await expect(page.locator('#chart-ctr rect.bar[data-position="2"]')).toHaveAttribute('data-clicks', '2');
});

test('dashboard shows messaging per message and surface, and router errors per day', async ({ page }) => {
  const send = async (docType: string, payload: Record<string, unknown>) =>
    expect((await post(submitUri('messaging-system', docType), payload)).status).toBe(200);
  clock = Date.parse('2024-06-01T12:00:00Z');
  for (const event of ['IMPRESSION', 'IMPRESSION', 'IMPRESSION', 'IMPRESSION', 'CLICK_BUTTON', 'BLOCK']) {
    await send('snippets', messagePayload('SNIPPET_A', event, { source: 'NEWTAB_FOOTER_BAR' }));
  }
  await send('undesired-events', undesiredEventPayload('ASR_RS_ERROR', 'remote-messages'));
  clock = Date.parse('2024-06-02T12:00:00Z');
  for (const event of ['IMPRESSION', 'IMPRESSION', 'CLICK_PRIMARY_BUTTON', 'DISMISSED']) await send('infobar', messagePayload('INFOBAR_B', event));
  for (let i = 0; i < 2; i++) await send('undesired-events', undesiredEventPayload('TARGETING_EXPRESSION_ERROR', 'MALFORMED_EXPRESSION', { message_id: 'BROKEN' }));
  await send('undesired-events', undesiredEventPayload('TELEMETRY_QUEUE_OVERFLOW', '{"dropped":1}'));

  const problems = await openDashboard(page);
  const rows = page.locator('#messaging-body tr.message-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-message-id', 'SNIPPET_A');
  await expect(rows.nth(0).locator('td')).toHaveText(['snippets', 'SNIPPET_A', '4', '1', '0', '1', '25%']);
  await expect(rows.nth(1).locator('td')).toHaveText(['infobar', 'INFOBAR_B', '2', '1', '1', '0', '50%']);
  await expect(rows.nth(1)).toHaveAttribute('data-ctr', '0.5');

  const errorBar = (day: string, event: string) => page.locator(`#chart-messaging-errors rect.bar[data-day="${day}"][data-event="${event}"]`);
  await expect(page.locator('#chart-messaging-errors rect.bar')).toHaveCount(2);
  await expect(errorBar('2024-06-01', 'ASR_RS_ERROR')).toHaveAttribute('data-context', 'remote-messages');
  await expect(errorBar('2024-06-01', 'ASR_RS_ERROR')).toHaveAttribute('data-kind', 'provider');
  await expect(errorBar('2024-06-02', 'TARGETING_EXPRESSION_ERROR')).toHaveAttribute('data-value', '2');
  const [provider] = await numberAttr(page, '#chart-messaging-errors rect.bar[data-kind="provider"]', 'height');
  const [targeting] = await numberAttr(page, '#chart-messaging-errors rect.bar[data-kind="targeting"]', 'height');
  expect(targeting! / provider!).toBeCloseTo(2, 1);
  await expect(page.locator('#legend-messaging-errors li')).toHaveText([
    'ASR_RS_ERROR · remote-messages',
    'TARGETING_EXPRESSION_ERROR · MALFORMED_EXPRESSION',
  ]);
  expect(problems).toEqual([]);
});

test('dashboard says when there are no messaging events yet', async ({ page }) => {
  await openDashboard(page);
  await expect(page.locator('#messaging-body')).toHaveText('No messaging events yet.');
  await expect(page.locator('#chart-messaging-errors')).toContainText('No data yet');
});

test('dashboard shows the messaging figures of pings the extension really sent', async ({ browserName }) => {
  test.setTimeout(LAUNCH_TIMEOUT_MS);
  // The project's own schemas and the real clock, unlike the sample data above.
  const received = await createCollector();
  const feeds = await startStoriesFeedServer({ port: 0 });
  const browser = await launchForTelemetry(browserName as BrowserName);
  try {
    const { ext } = browser;
    const options = await ext.openPage('options/options.html');
    await ext.setPrefs(options, { ...telemetryPrefs(received), 'messaging.remoteServer': feeds.origin, 'messaging.remoteCollection': 'sample-infobar' });
    // New tabs come once the remote provider has the collection, as the admin section shows.
    const admin = options.getByRole('region', { name: 'Messages (for product teams)' });
    await expect(async () => {
      await admin.getByRole('button', { name: 'Reload providers' }).click();
      await expect(admin.locator('tr[data-provider-id="remote-messages"]')).toHaveAttribute('data-state', 'ok', { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    // The infobar (lifetime cap 2) on two new tabs: closed on the first, its secondary button on the second.
    const first = await ext.openPage('newtab/newtab.html');
    await first.getByRole('region', { name: 'Notification' }).getByRole('button', { name: 'Close' }).click();
    const second = await ext.openPage('newtab/newtab.html');
    await second.getByRole('region', { name: 'Notification' }).getByRole('button', { name: 'Settings' }).click();
    await ext.waitForTab(second, (u) => u.startsWith(ext.url('options/options.html')));
    const third = await ext.openPage('newtab/newtab.html');
    await expect(third.getByRole('region', { name: 'Notification' })).toHaveCount(0);

    const sent = await received.waitForDocuments(
      { namespace: 'messaging-system', docType: 'infobar' },
      (docs) => docs.length === 4,
      DELIVERY_MS,
    );
    expect(sent.map((doc) => doc.payload.event).sort()).toEqual(['CLICK_SECONDARY_BUTTON', 'DISMISSED', 'IMPRESSION', 'IMPRESSION']);

    const dashboard = await ext.context.newPage();
    const problems = await openDashboard(dashboard, '/dashboard', received.baseUrl);
    const row = dashboard.locator('#messaging-body tr.message-row[data-message-id="SAMPLE_INFOBAR_BOOKMARKS"]');
    await expect(row.locator('td')).toHaveText(['infobar', 'SAMPLE_INFOBAR_BOOKMARKS', '2', '1', '1', '0', '50%']);
    await expect(row).toHaveAttribute('data-ctr', '0.5');
    expect(problems).toEqual([]);
  } finally {
    await browser.dispose();
    await feeds.close();
    await received.stop();
  }
});
