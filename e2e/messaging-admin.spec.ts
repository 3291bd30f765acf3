// The settings page's messaging admin section (issue 14 item 7) in real browsers,
// against the remote provider on the local feed server: providers with their
// state, every message with its targeting result, and the commands (show now,
// unblock, reset impressions, reload providers) used from the keyboard.
import type { Locator } from '@playwright/test';
import { startStoriesFeedServer, type StoriesFeedServer } from '../scripts/storiesFeedServer.mjs';
import { DELIVERY_MS } from './support/collector';
import { LAUNCH_TIMEOUT_MS } from './support/fixtures';
import { telemetryPrefs } from './support/telemetry';
import { expect, test } from './support/telemetryFixtures';

let server: StoriesFeedServer;
test.beforeAll(async () => {
  server = await startStoriesFeedServer({ port: 0 });
});
test.afterAll(() => server?.close());

const SNIPPET_TEXT = 'Open Activity Stream never sends the pages you visit.';

async function press(button: Locator, key = 'Enter'): Promise<void> {
  await button.focus();
  await button.press(key);
}

const messageRow = (admin: Locator, id: string) => admin.locator(`tr[data-message-id="${id}"]`);

/** Asks the background for a fresh state (it is sent only in answer to a command). */
const reload = (admin: Locator) => press(admin.getByRole('button', { name: 'Reload providers' }));

test('admin section: remote provider ok, targeting results and why, show now, block then unblock, reset impressions', async ({ ext, collector }) => {
  test.setTimeout(LAUNCH_TIMEOUT_MS);
  const newtab = await ext.openPage('newtab/newtab.html');
  // broken-targeting: a malformed expression beside a good snippet.
  await ext.setPrefs(newtab, { ...telemetryPrefs(collector), 'messaging.remoteServer': server.origin, 'messaging.remoteCollection': 'broken-targeting' });

  const options = await ext.openPage('options/options.html');
  const admin = options.getByRole('region', { name: 'Messages (for product teams)' });
  const remote = admin.getByRole('table', { name: 'Providers' }).locator('tr[data-provider-id="remote-messages"]');
  await expect(async () => {
    await reload(admin);
    await expect(remote).toHaveAttribute('data-state', 'ok', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(remote.locator('td').first()).toHaveText('OK');
  await expect(remote.locator('td').nth(1)).toHaveText('2');

  const broken = messageRow(admin, 'SAMPLE_BROKEN_TARGETING');
  await expect(broken).toHaveAttribute('data-targeting', 'error');
  await expect(broken.locator('td').first()).toContainText('Error: MALFORMED_EXPRESSION');
  const snippet = messageRow(admin, 'SAMPLE_SNIPPET_PRIVACY');
  await expect(snippet).toHaveAttribute('data-targeting', 'true');
  await expect(snippet.locator('td').first()).toHaveText('Matches');
  await expect(snippet).toHaveAttribute('data-impressions', '0');
  await expect(snippet).toContainText('3 lifetime');
  await expect(snippet).toHaveAttribute('data-blocked', 'false');
  await expect(snippet.getByRole('button', { name: 'Unblock' })).toBeDisabled();

  // Show now: the open new tab shows the snippet at once, whatever its targeting or caps.
  await press(snippet.getByRole('button', { name: 'Show now' }));
  await expect(admin.getByRole('status')).toHaveText('Sent to the open new tabs.');
  const bar = newtab.getByRole('complementary', { name: 'Message' });
  await expect(bar).toContainText(SNIPPET_TEXT);
  // The page reports the impression once half of it is visible; then its block button blocks it for good.
  await expect.poll(async () => {
    await reload(admin);
    return snippet.getAttribute('data-impressions');
  }).toBe('1');
  // Keys go to the tab in front (Firefox).
  await newtab.bringToFront();
  await press(bar.getByRole('button', { name: 'Don’t show this message again' }));
  await expect(bar).toBeHidden();
  await options.bringToFront();
  await expect.poll(async () => {
    await reload(admin);
    return snippet.getAttribute('data-blocked');
  }).toBe('true');

  const unblock = snippet.getByRole('button', { name: 'Unblock' });
  await expect(unblock).toBeEnabled();
  await press(unblock, 'Space');
  await expect(snippet).toHaveAttribute('data-blocked', 'false');
  await expect(unblock).toBeDisabled();
  await press(admin.getByRole('button', { name: 'Reset impressions' }));
  await expect(snippet).toHaveAttribute('data-impressions', '0');

  // Unblocked and reset, the router chooses it again for the next new tab.
  const next = await ext.openPage('newtab/newtab.html');
  await expect(next.getByRole('complementary', { name: 'Message' })).toContainText(SNIPPET_TEXT);
  await ext.leave(options);

  // What the admin did went through the real router: its pings reached the collector.
  const pings = await collector.waitForDocuments(
    { namespace: 'messaging-system', docType: 'snippets' },
    (docs) => ['IMPRESSION', 'BLOCK'].every((event) => docs.some((doc) => doc.payload.event === event)),
    DELIVERY_MS,
  );
  expect(new Set(pings.map((doc) => doc.payload.message_id))).toEqual(new Set(['SAMPLE_SNIPPET_PRIVACY']));
});
