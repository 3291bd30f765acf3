/**
 * The collector against a hostile web page in a real browser (Chromium):
 *
 * - a page on another loopback origin tries every way a page can send to the collector
 *   without the collector's consent (no-cors fetch, CORS fetch, form post, sendBeacon),
 *   to store a forged ping and to delete another client's documents: nothing is stored,
 *   nothing deleted, and each request that reaches the collector is refused;
 * - a DNS-rebinding page (a foreign host name resolving to the collector) gets 403 on
 *   the dashboard, the read API and the fault route;
 * - with a read token, the dashboard shows data only when opened with the token.
 *
 * Both run in Chromium only: its --host-resolver-rules gives the rebinding name without
 * touching the machine's DNS. The extension's own requests are covered by the telemetry
 * specs, which send through the same routes from the extension's origin.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { startCollector } from '../collector/src/index';
import { createCollector, type CollectorForTest } from './support/collector';
import { CHROMIUM_ARGS } from './support/extension';
import { eventPayload, removeSampleSchemas, submitUri, writeSampleSchemas } from '../collector/test/support/sampleSchemas';

const REBIND_HOST = 'rebind.test';

let collector: CollectorForTest;
let browser: Browser;
let attacker: Server;
let attackerOrigin: string;
let victim: string;

/** The attacker's page: only a place to run script from, on an origin that is not the collector's. */
function startAttackerSite(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>attacker</title><iframe name="sink"></iframe>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Statuses of the collector's answers the browser saw, by URL. */
function collectorAnswers(page: Page): Map<string, number> {
  const answers = new Map<string, number>();
  page.on('response', (response) => {
    if (response.url().startsWith(collector.baseUrl)) answers.set(response.url(), response.status());
  });
  return answers;
}

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${REBIND_HOST} 127.0.0.1`],
  });
  attacker = await startAttackerSite();
  // "localhost" against the collector's "127.0.0.1": another loopback origin (host and port differ).
  attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  removeSampleSchemas();
});

test.beforeEach(async () => {
  collector = await createCollector({ schemaDir: writeSampleSchemas() });
  victim = randomUUID();
  // The victim's own ping, sent the way a server-to-server sender does (no Origin).
  const stored = await fetch(`${collector.baseUrl}${submitUri('activity-stream', 'events')}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(eventPayload({ client_id: victim })),
  });
  expect(stored.status).toBe(200);
});

test.afterEach(async () => {
  await collector.stop();
});

test('a page on another origin can neither store a ping nor delete one, by fetch, form post or sendBeacon', async () => {
  const page = await browser.newPage();
  try {
    const answers = collectorAnswers(page);
    await page.goto(`${attackerOrigin}/`);
    const forged = JSON.stringify(eventPayload({ client_id: randomUUID() }));
    const urls = {
      noCors: `${collector.baseUrl}${submitUri('activity-stream', 'events')}`,
      deletion: `${collector.baseUrl}${submitUri('open-activity-stream', 'deletion-request')}`,
      beacon: `${collector.baseUrl}${submitUri('activity-stream', 'events')}`,
      beaconBatch: `${collector.baseUrl}/submit-batch?beacon`,
      cors: `${collector.baseUrl}/submit-batch`,
      form: `${collector.baseUrl}/submit-batch`,
    };
    const outcome = await page.evaluate(
      async ({ urls, forged, victim }) => {
        const noCors = (url: string, body: string) =>
          fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }).then(
            () => 'sent',
            () => 'network error',
          );
        const results: Record<string, string | boolean> = {};
        results.noCors = await noCors(urls.noCors, forged);
        results.deletion = await noCors(urls.deletion, JSON.stringify({ client_id: victim }));
        // A CORS request with a JSON type is preflighted; the collector refuses the preflight.
        results.cors = await fetch(urls.cors, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ documents: [{ uri: new URL(urls.noCors).pathname, payload: JSON.parse(forged) }] }),
        }).then(
          (response) => `answered ${response.status}`,
          () => 'blocked',
        );
        results.beacon = navigator.sendBeacon(urls.beacon, forged);
        results.beaconBatch = navigator.sendBeacon(
          urls.beaconBatch,
          new Blob([JSON.stringify({ documents: [{ uri: new URL(urls.deletion).pathname, payload: { client_id: victim } }] })], {
            type: 'text/plain',
          }),
        );
        // The classic text/plain form trick that spells a JSON body with a field name.
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = urls.form;
        form.enctype = 'text/plain';
        form.target = 'sink';
        const field = document.createElement('input');
        field.name = `{"documents":[{"uri":"${new URL(urls.deletion).pathname}","payload":{"client_id":"${victim}"}}],"x":"`;
        field.value = '"}';
        form.append(field);
        document.body.append(form);
        form.submit();
        return results;
      },
      { urls, forged, victim },
    );
    expect(outcome).toMatchObject({ noCors: 'sent', deletion: 'sent', cors: 'blocked', beacon: true, beaconBatch: true });

    // Every attempt reached the collector and was refused: 403 for the web origin.
    await expect.poll(() => answers.get(urls.form), { timeout: 10_000 }).toBe(403);
    for (const url of [urls.noCors, urls.deletion, urls.beacon, urls.beaconBatch]) {
      await expect.poll(() => answers.get(url), { timeout: 10_000, message: url }).toBe(403);
    }

    const documents = await collector.documents();
    expect(documents.map((d) => d.payload.client_id)).toEqual([victim]);
    const counts = await collector.counts();
    expect(counts).toMatchObject({ total: 1, errors: 0, deletions: { requests: 0, documents_deleted: 0 } });
  } finally {
    await page.close();
  }
});

test('a DNS-rebinding page gets 403 from the dashboard, the read API and the fault route', async () => {
  const page = await browser.newPage();
  try {
    const rebound = collector.baseUrl.replace('127.0.0.1', REBIND_HOST);
    const dashboard = await page.goto(`${rebound}/dashboard`);
    expect(dashboard?.status()).toBe(403);
    // Same-origin for the rebound page, so the browser lets it read every answer.
    const statuses = await page.evaluate(async () => {
      const status = (path: string, init?: RequestInit) => fetch(path, init).then((r) => r.status);
      return {
        documents: await status('/api/documents?limit=10000'),
        summary: await status('/api/summary'),
        errors: await status('/api/errors'),
        heartbeat: await status('/__heartbeat__'),
        faults: await status('/__faults__', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"drop":1}' }),
        submit: await status(location.pathname.replace('/dashboard', '/submit-batch'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"documents":[]}',
        }),
      };
    });
    // Ingestion from the rebound page is a web origin: refused too.
    expect(statuses).toEqual({ documents: 403, summary: 403, errors: 403, heartbeat: 403, faults: 403, submit: 403 });

    // The collector's own name still works.
    const own = await page.goto(`${collector.baseUrl}/dashboard`);
    expect(own?.status()).toBe(200);
    expect((await collector.documents()).map((d) => d.payload.client_id)).toEqual([victim]);
  } finally {
    await page.close();
  }
});

test('with a read token, the dashboard opened with the token in its fragment shows the data, and without it shows none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oas-e2e-token-'));
  const token = 'e2e-read-token-0123456789';
  const withToken = await startCollector({ port: 0, host: '127.0.0.1', dbPath: join(dir, 't.db'), schemaDir: writeSampleSchemas(), token });
  const page = await browser.newPage();
  try {
    const posted = await fetch(`${withToken.url}${submitUri('activity-stream', 'events')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(eventPayload()),
    });
    expect(posted.status).toBe(200);

    await page.goto(`${withToken.url}/dashboard`);
    await expect(page.locator('#load-error')).toContainText('HTTP 401');
    await expect(page.getByTestId('total-documents')).toHaveText('–');

    await page.goto(`${withToken.url}/dashboard#token=${token}`);
    await page.reload(); // a fragment-only change does not load the page again
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await expect(page.getByTestId('total-documents')).toHaveText('1');
  } finally {
    await page.close();
    await withToken.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
