// Helpers for the telemetry end-to-end tests: a browser whose Firefox profile
// already grants the optional data collection, the extension pointed at a
// collector, reads of the extension's own telemetry storage, and a recording
// proxy that sees every request exactly as the browser sent it.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import type { SenderStats } from '../../src/background/telemetry/PingSender';
import { launchForTest } from './launchPool';
import { ExtensionBrowser, GECKO_ID, type BrowserName, type LaunchOptions, withExtensionApi } from './extension';

/**
 * Firefox keeps granted optional permissions in the profile's
 * extension-preferences.json; writing it before launch is how a test grants
 * `technicalAndInteraction` (our default is not granted, see
 * src/common/dataCollectionPermission.ts).
 */
export async function grantDataCollection(profileDir: string, { privateWindows = false }: { privateWindows?: boolean } = {}): Promise<void> {
  // "Run in private windows" lives in the same file, as the internal permission Firefox keeps for it.
  const permissions = privateWindows ? ['internal:privateBrowsingAllowed'] : [];
  const grant = { [GECKO_ID]: { permissions, origins: [], data_collection: ['technicalAndInteraction'] } };
  await writeFile(join(profileDir, 'extension-preferences.json'), JSON.stringify(grant));
}

export interface TelemetryBrowser {
  ext: ExtensionBrowser;
  profileDir: string;
  /** Ends the browser (if open) without a graceful close (see ExtensionBrowser.discard) and removes the profile. */
  dispose(): Promise<void>;
}

/** A browser with the extension, data collection granted (Firefox; and private windows, if asked), on a profile the test may relaunch. */
export function launchForTelemetry(
  name: BrowserName,
  options: Omit<LaunchOptions, 'profileDir'> & { profileDir?: string; privateWindows?: boolean } = {},
): Promise<TelemetryBrowser> {
  return launchForTest(`telemetry ${name}`, options, (given) => startForTelemetry(name, given), (browser) => browser.dispose());
}

async function startForTelemetry(
  name: BrowserName,
  { privateWindows, ...options }: Omit<LaunchOptions, 'profileDir'> & { profileDir?: string; privateWindows?: boolean },
): Promise<TelemetryBrowser> {
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), `oas-telemetry-${name}-`)));
  if (name === 'firefox') await grantDataCollection(profileDir, { privateWindows });
  const ext = await ExtensionBrowser.start(name, { ...options, profileDir });
  return {
    ext,
    profileDir,
    async dispose() {
      await ext.discard();
      await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Prefs that point the extension at a test collector (or proxy). Pings wait at
 * most 1 s (the pref's least) for a batch instead of the default 30 s, which
 * the unit tests cover, so the suite does not spend its time waiting.
 */
export function telemetryPrefs(collector: { baseUrl: string }) {
  return { 'telemetry.endpoint': collector.baseUrl, 'telemetry.batchSeconds': 1 };
}

/** Reads one storage.local key through the extension's own API. */
export async function extensionStorage<T>(page: Page, key: string): Promise<T | undefined> {
  return withExtensionApi(page, async (api, k) => {
    return ((await api.storage.local.get(k)) as Record<string, unknown>)[k];
  }, key) as Promise<T | undefined>;
}

/** Epoch ms of the browser session's start as the extension saw it: the zero of the session ping's `*_ts` fields. */
export async function browserSessionStart(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    return ((await api.storage.session.get('telemetry.browserSessionStart')) as Record<string, number>)['telemetry.browserSessionStart']!;
  });
}

export interface QueuedDoc {
  docId: string;
  uri: string;
  payload: Record<string, unknown>;
  essential?: boolean;
}

/** The docIds of the pings waiting in the extension's queue. */
export async function queuedDocs(page: Page): Promise<QueuedDoc[]> {
  return (await extensionStorage<{ entries: QueuedDoc[] }>(page, 'telemetry.queue'))?.entries ?? [];
}

export type { SenderStats };

export async function senderStats(page: Page): Promise<SenderStats | undefined> {
  return (await extensionStorage<{ stats: SenderStats }>(page, 'telemetry.sender'))?.stats;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as the collector would decode it. */
  body: string;
}

export interface RecordingProxy {
  baseUrl: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** Forwards every request to `target` unchanged, and keeps a copy of each. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: string;
      try {
        body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      } catch {
        body = raw.toString('latin1');
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const forward = httpRequest(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
