/**
 * Collector replicas over PostgreSQL in a real browser: a real new-tab session's pings go
 * through one replica, and another replica's dashboard shows them (nothing is kept in a
 * replica's memory that the other would miss).
 */
import { expect, test } from './support/fixtures';
import { postgresAvailable, startTestPostgres, type TestPostgres } from '../collector/test/support/postgres';
import { createCollector, DELIVERY_MS, type CollectorForTest } from './support/collector';
import type { BrowserName } from './support/extension';
import { launchForTelemetry, queuedDocs, telemetryPrefs } from './support/telemetry';

const available = postgresAvailable('collector-replicas.spec.ts');
test.skip(!available, 'PostgreSQL binaries missing');

let server: TestPostgres;
const collectors: CollectorForTest[] = [];
test.beforeAll(async () => {
  server = await startTestPostgres();
});
test.afterAll(async () => {
  await Promise.all(collectors.map((collector) => collector.stop()));
  server?.stop();
});

test('a session sent through one replica shows on the dashboard of another', async ({ browserName, page }) => {
  test.setTimeout(150_000);
  const db = await server.createDatabase();
  const ingest = await createCollector({ db });
  const reader = await createCollector({ db });
  collectors.push(ingest, reader);

  const telemetry = await launchForTelemetry(browserName as BrowserName);
  try {
    const { ext } = telemetry;
    const control = await ext.openPage('options/options.html');
    await ext.setPrefs(control, telemetryPrefs(ingest));
    await ext.leave(await ext.openPage('newtab/newtab.html'));
    await expect.poll(async () => (await queuedDocs(control)).length, { timeout: DELIVERY_MS }).toBe(0);
    await reader.waitForDocuments({ docType: 'sessions' }, (docs) => docs.length >= 1, DELIVERY_MS);
  } finally {
    await telemetry.dispose();
  }

  const counts = await reader.counts();
  expect(counts).toEqual(await ingest.counts());
  expect(counts.duplicates).toBe(0);
  const sessions = counts.by_type.find((row) => row.doc_type === 'sessions')?.count ?? 0;
  expect(sessions).toBeGreaterThanOrEqual(1);

  await page.goto(`${reader.baseUrl}/dashboard`);
  await expect(page.locator('body[data-ready="1"]')).toBeAttached();
  await expect(page.getByTestId('total-documents')).toHaveText(String(counts.total));
  await expect(page.getByTestId('sessions-count')).toHaveText(String(sessions));
  await expect(page.getByTestId('duplicates-count')).toHaveText('0');
});
