/** Starts real collectors on 127.0.0.1:0 with a temp-dir SQLite file, and speaks raw HTTP to them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startCollector, type CollectorOptions, type RunningCollector } from '../../src/index';
import { removeSampleSchemas, writeSampleSchemas } from './sampleSchemas';

export interface TestCollector {
  collector: RunningCollector;
  url: string;
  dir: string;
  dbPath: string;
  schemaDir: string;
  /** Closes and starts again on the same db file (options may be overridden). */
  restart(overrides?: Partial<CollectorOptions>): Promise<void>;
  stop(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];

/** Call from afterEach: stops every collector the test started and removes its files. */
export async function cleanupCollectors(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
  removeSampleSchemas();
}

export async function startTestCollector(options: Partial<CollectorOptions> = {}): Promise<TestCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'oas-collector-'));
  const schemaDir = writeSampleSchemas(join(dir, 'schemas'));
  const dbPath = join(dir, 'telemetry.db');
  let current: Partial<CollectorOptions> = { port: 0, dbPath, schemaDir, ...options };
  const harness: TestCollector = {
    collector: await startCollector(current as CollectorOptions),
    get url() {
      return harness.collector.url;
    },
    dir,
    dbPath,
    schemaDir,
    async restart(overrides = {}) {
      await harness.collector.close();
      current = { ...current, ...overrides };
      harness.collector = await startCollector(current as CollectorOptions);
    },
    stop: () => harness.collector.close(),
  };
  cleanups.push(async () => {
    await harness.collector.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return harness;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Leave out Content-Length (sends the body chunked). */
  omitContentLength?: boolean;
  /** A request with a body is sent as application/json unless headers name another type or this is set. */
  omitContentType?: boolean;
}

/** One HTTP request on a fresh connection, with full control over headers. */
export function rawRequest(baseUrl: string, options: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
    if (options.body !== undefined && !typed && !options.omitContentType) headers['Content-Type'] = 'application/json';
    if (options.body !== undefined && !options.omitContentLength) headers['Content-Length'] = Buffer.byteLength(options.body);
    const req = request(
      { host: url.hostname, port: url.port, method: options.method ?? 'POST', path: options.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.omitContentLength) req.setHeader('Transfer-Encoding', 'chunked');
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface SubmitOptions {
  method?: 'POST' | 'PUT';
  gzip?: boolean;
  headers?: Record<string, string>;
}

/** POSTs (or PUTs) a payload to a /submit path. */
export function submit(baseUrl: string, uri: string, payload: unknown, options: SubmitOptions = {}): Promise<RawResponse> {
  const json = Buffer.from(JSON.stringify(payload));
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  if (options.gzip) headers['Content-Encoding'] = 'gzip';
  return rawRequest(baseUrl, { method: options.method ?? 'POST', path: uri, headers, body: options.gzip ? gzipSync(json) : json });
}

export interface BatchEntry {
  uri: string;
  payload: unknown;
}

export interface BatchResult {
  uri: string | null;
  status: number;
  duplicate?: boolean;
  errors?: string[];
  deleted?: { documents: number; errors: number };
  discarded?: 'deleted-id';
}

export async function submitBatch(
  baseUrl: string,
  documents: BatchEntry[],
  options: { gzip?: boolean; headers?: Record<string, string> } = {},
): Promise<{ response: RawResponse; results: BatchResult[] }> {
  const json = Buffer.from(JSON.stringify({ documents }));
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  if (options.gzip) headers['Content-Encoding'] = 'gzip';
  const response = await rawRequest(baseUrl, { path: '/submit-batch', headers, body: options.gzip ? gzipSync(json) : json });
  const results = response.status === 200 ? (response.json() as { results: BatchResult[] }).results : [];
  return { response, results };
}

export async function getJson<T = unknown>(baseUrl: string, path: string): Promise<T> {
  const response = await rawRequest(baseUrl, { method: 'GET', path });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.text}`);
  return response.json() as T;
}
