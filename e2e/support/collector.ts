/**
 * A real telemetry collector for end-to-end tests: in-process, on a random loopback
 * port, with its own temp-dir SQLite file and the project's schemas. Everything is
 * read back through the collector's HTTP read API, as a telemetry team would.
 *
 * Plain async functions so any Playwright fixture can wrap them:
 *   const collector = await createCollector();  …  await collector.stop();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector, type CollectorOptions, type CountsView, type DocumentView, type ErrorView, type FaultSettings } from '../../collector/src/index';

export type { CountsView, DocumentView, ErrorView, FaultSettings };

/** Filters of GET /api/documents (all optional, combined with AND). */
export interface DocumentFilter {
  namespace?: string;
  docType?: string;
  docVersion?: number;
  doc_id?: string;
  event?: string;
  source?: string;
  page?: string;
  client_id?: string;
  impression_id?: string;
  context_id?: string;
  session_id?: string;
  /** ISO-8601; inclusive. */
  since?: string;
  /** ISO-8601; exclusive. */
  until?: string;
  limit?: number;
}

export interface CollectorForTestOptions {
  /** A postgres:// URL to share with other collectors (replicas); default a temp-dir SQLite file. */
  db?: string;
  retentionDays?: number;
  faults?: Partial<FaultSettings>;
  /** Defaults to the project's src/common/schemas. */
  schemaDir?: string;
  /** Fake clock for submission timestamps and retention. */
  now?: () => number;
  limits?: CollectorOptions['limits'];
  /** Log collector lines (startup, storage errors) to the console. */
  verbose?: boolean;
}

export interface CollectorForTest {
  /** e.g. http://127.0.0.1:41234 — pings go to `${baseUrl}/submit/...` or `${baseUrl}/submit-batch`. */
  baseUrl: string;
  port: number;
  dbPath: string;
  documents(filter?: DocumentFilter): Promise<DocumentView[]>;
  /** Polls documents(filter) until predicate(docs) is true; throws after timeoutMs with what it saw. */
  waitForDocuments(
    filter?: DocumentFilter,
    predicate?: (documents: DocumentView[]) => boolean,
    timeoutMs?: number,
  ): Promise<DocumentView[]>;
  /** Replaces the fault settings; omitted fields are 0/off. */
  setFaults(faults: Partial<FaultSettings>): Promise<FaultSettings>;
  /** Schema/decoding errors, newest first. */
  errors(): Promise<ErrorView[]>;
  counts(): Promise<CountsView>;
  /** Stops the collector and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const POLL_MS = 100;

/** One line per document for a timeout's message: what arrived, in the words a test asserts on. */
function describe(doc: DocumentView): string {
  const p = doc.payload;
  const fields = ['event', 'source', 'message_id', 'page', 'action'].filter((k) => typeof p[k] === 'string').map((k) => `${k}=${String(p[k])}`);
  const context = typeof p.event_context === 'string' ? ` ${p.event_context}` : '';
  return `${doc.submission_timestamp} ${doc.namespace}/${doc.doc_type} ${fields.join(' ')}${context}`;
}

async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

function query(filter: DocumentFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) params.set(key, String(value));
  if (!params.has('limit')) params.set('limit', '10000');
  return params.toString();
}

export async function createCollector(options: CollectorForTestOptions = {}): Promise<CollectorForTest> {
  const dir = mkdtempSync(join(tmpdir(), 'oas-e2e-collector-'));
  const dbPath = options.db ?? join(dir, 'telemetry.db');
  let running;
  try {
    running = await startCollector({
      port: 0,
      host: '127.0.0.1',
      dbPath,
      retentionDays: options.retentionDays,
      faults: options.faults,
      schemaDir: options.schemaDir,
      now: options.now,
      limits: options.limits,
      log: options.verbose ? (line) => console.log(`[collector] ${line}`) : undefined,
      shutdownTimeoutMs: 5000,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const collector = running;
  const baseUrl = collector.url;

  const documents = async (filter: DocumentFilter = {}) =>
    (await getJson<{ documents: DocumentView[] }>(baseUrl, `/api/documents?${query(filter)}`)).documents;
  const errors = async () => (await getJson<{ errors: ErrorView[] }>(baseUrl, '/api/errors?limit=1000')).errors;

  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    port: collector.port,
    dbPath,
    documents,
    async waitForDocuments(filter = {}, predicate = (docs) => docs.length > 0, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let seen: DocumentView[] = [];
      for (;;) {
        seen = await documents(filter);
        if (predicate(seen)) return seen;
        if (Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      // Rejected pings are the usual cause: show them with the failure.
      const recentErrors = (await errors()).slice(0, 5).map((e) => `${e.uri}: ${e.reasons.join('; ')}`);
      throw new Error(
        `waitForDocuments(${JSON.stringify(filter)}) timed out after ${timeoutMs} ms with ${seen.length} matching documents` +
          (seen.length ? `:\n  ${seen.slice(0, 40).map(describe).join('\n  ')}` : '') +
          (recentErrors.length ? `\nrecent schema errors:\n  ${recentErrors.join('\n  ')}` : ''),
      );
    },
    // In process: the collector's HTTP fault route is off unless started with it (and then needs its token).
    setFaults: async (faults) => collector.setFaults(faults),
    errors,
    counts: () => getJson<CountsView>(baseUrl, '/api/counts'),
    stop() {
      stopped ??= collector.close().finally(() => rmSync(dir, { recursive: true, force: true }));
      return stopped;
    },
  };
}

/** Pings wait a moment for a batch, longer when the rate limit holds them, so reading them back allows for that. */
export const DELIVERY_MS = 50_000;
/** After an outage the sender has backed off (up to minutes between tries), so delivery may take longer. */
export const DELIVERY_AFTER_OUTAGE_MS = 90_000;

/** events pings matching `event` and `source`, with `value` parsed. */
export type UserEventPayload = Record<string, unknown> & { value?: Record<string, unknown> };

/** Waits for `count` of them, counting only those `where` accepts. */
export async function userEvents(
  collector: CollectorForTest,
  event: string,
  source: string | undefined,
  count = 1,
  where: (event: UserEventPayload) => boolean = () => true,
): Promise<UserEventPayload[]> {
  const matching = (docs: DocumentView[]): UserEventPayload[] =>
    docs.map((d) => ({ ...d.payload, value: d.payload.value ? JSON.parse(d.payload.value as string) : undefined })).filter(where);
  const docs = await collector.waitForDocuments(
    { docType: 'events', event, ...(source ? { source } : {}) },
    (d) => matching(d).length >= count,
    DELIVERY_MS,
  );
  return matching(docs);
}
