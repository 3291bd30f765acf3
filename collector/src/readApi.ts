/**
 * The JSON read API: /api/documents, /api/counts, /api/aggregates, /api/errors, /api/deletions.
 * Read-only queries; query parameters are checked strictly so a typo is a 400, not a silent no-filter.
 */
import type { ServerResponse } from 'node:http';
import { HttpError } from './http';
import { streamRows } from './rowStream';
import type { Aggregates, Clause, DeletionRecord, DocumentRecord, ErrorRecord, Store } from './store/types';

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10_000;

/** Query parameter → column. */
const DOCUMENT_FILTERS = {
  namespace: 'namespace',
  docType: 'doc_type',
  docVersion: 'doc_version',
  doc_id: 'doc_id',
  event: 'event',
  source: 'source',
  page: 'page',
  client_id: 'client_id',
  impression_id: 'impression_id',
  context_id: 'context_id',
  session_id: 'session_id',
} as const;

function checkParams(params: URLSearchParams, allowed: readonly string[]): void {
  for (const name of params.keys()) {
    if (!allowed.includes(name)) throw new HttpError(400, [`unknown query parameter ${JSON.stringify(name)}; allowed: ${allowed.join(', ')}`]);
  }
}

function parseLimit(params: URLSearchParams, fallback = DEFAULT_LIMIT): number {
  const raw = params.get('limit');
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) {
    throw new HttpError(400, [`limit must be an integer from 1 to ${MAX_LIMIT}`]);
  }
  return Number(raw);
}

/** since/until accept any Date-parsable instant and compare as ISO-8601 UTC strings. */
function parseInstant(params: URLSearchParams, name: string): string | null {
  const raw = params.get(name);
  if (raw === null) return null;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new HttpError(400, [`${name} must be an ISO-8601 date or timestamp`]);
  return new Date(ms).toISOString();
}

function parseDay(params: URLSearchParams, name: string): string | null {
  const raw = params.get(name);
  if (raw === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new HttpError(400, [`${name} must be a day, YYYY-MM-DD`]);
  return raw;
}

function timeClauses(params: URLSearchParams, column: string, clause: Clause): void {
  const since = parseInstant(params, 'since');
  const until = parseInstant(params, 'until');
  if (since) {
    clause.where += ` AND ${column} >= ?`;
    clause.params.push(since);
  }
  if (until) {
    clause.where += ` AND ${column} < ?`;
    clause.params.push(until);
  }
}

export interface DocumentView {
  doc_id: string;
  submission_timestamp: string;
  namespace: string;
  doc_type: string;
  doc_version: number;
  uri: string;
  method: string;
  payload: Record<string, unknown>;
  metadata: {
    content_length: number | null;
    user_agent: string | null;
    x_debug_id: string | null;
    x_telemetry_agent: string | null;
    x_source_tags: string | null;
    date: string | null;
    dnt: string | null;
    origin: string | null;
  };
}

/** Filters of /api/documents as a WHERE clause over whitelisted columns. */
function documentClause(params: URLSearchParams): Clause {
  const clause: Clause = { where: '1 = 1', params: [] };
  for (const [name, column] of Object.entries(DOCUMENT_FILTERS)) {
    const value = params.get(name);
    if (value === null) continue;
    clause.where += ` AND ${column} = ?`;
    clause.params.push(name === 'docVersion' ? Number(value) : name === 'doc_id' ? value.toLowerCase() : value);
  }
  timeClauses(params, 'submission_timestamp', clause);
  return clause;
}

function parseOrder(params: URLSearchParams): 'asc' | 'desc' {
  const order = params.get('order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw new HttpError(400, ['order must be asc or desc']);
  return order;
}

/** `cursor` is the `next_cursor` of the previous answer: the id of the last row it held. */
function parseCursor(params: URLSearchParams): number | null {
  const raw = params.get('cursor');
  if (raw === null) return null;
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, ['cursor must be the next_cursor of a previous answer']);
  return Number(raw);
}

/** A document row as its JSON text; the stored payload is already JSON, so it is written as is. */
function documentJson(row: DocumentRecord): string {
  const head = JSON.stringify({
    doc_id: row.doc_id,
    submission_timestamp: row.submission_timestamp,
    namespace: row.namespace,
    doc_type: row.doc_type,
    doc_version: row.doc_version,
    uri: row.uri,
    method: row.method,
  });
  const metadata = JSON.stringify({
    content_length: row.content_length,
    user_agent: row.user_agent,
    x_debug_id: row.x_debug_id,
    x_telemetry_agent: row.x_telemetry_agent,
    x_source_tags: row.x_source_tags,
    date: row.date,
    dnt: row.dnt,
    origin: row.origin,
  });
  return `${head.slice(0, -1)},"payload":${row.payload},"metadata":${metadata}}`;
}

/**
 * GET /api/documents — oldest first (order=desc for newest first). Streams at most `limit`
 * rows and stops after about `budgetBytes`; `next_cursor` continues where it stopped.
 */
export function streamDocuments(store: Store, params: URLSearchParams, res: ServerResponse, budgetBytes: number): Promise<void> {
  checkParams(params, [...Object.keys(DOCUMENT_FILTERS), 'since', 'until', 'limit', 'order', 'cursor']);
  const clause = documentClause(params);
  const order = parseOrder(params);
  const limit = parseLimit(params);
  return streamRows(res, 'documents', {
    fetch: (after, count) => store.documentsPage(clause, order, after, count),
    toJson: documentJson,
    start: parseCursor(params),
    limit,
    budgetBytes,
  });
}

export interface CountsView {
  total: number;
  by_type: Array<{ namespace: string; doc_type: string; doc_version: number; count: number }>;
  duplicates: number;
  errors: number;
  /** `documents_discarded`: documents that arrived after a deletion request named one of their ids, and were not stored. */
  deletions: { requests: number; documents_deleted: number; errors_deleted: number; documents_discarded: number };
  aggregated_documents: number;
}

/** GET /api/counts — raw documents per namespace/docType/version, plus the counters. */
export async function queryCounts(store: Store, params = new URLSearchParams()): Promise<CountsView> {
  checkParams(params, []);
  const counts = await store.counts();
  return {
    total: counts.byType.reduce((sum, row) => sum + row.count, 0),
    by_type: counts.byType,
    duplicates: counts.duplicates,
    errors: counts.errors,
    deletions: { ...counts.deletions, documents_discarded: counts.discardedAfterDeletion },
    aggregated_documents: counts.aggregatedDocuments,
  };
}

/** GET /api/aggregates?since=YYYY-MM-DD&until=YYYY-MM-DD (days inclusive) — the retention roll-ups. */
export function queryAggregates(store: Store, params: URLSearchParams): Promise<Aggregates> {
  checkParams(params, ['since', 'until', 'namespace', 'docType']);
  return store.aggregates({
    since: parseDay(params, 'since'),
    until: parseDay(params, 'until'),
    namespace: params.get('namespace'),
    docType: params.get('docType'),
  });
}

export interface ErrorView {
  id: number;
  submission_timestamp: string;
  namespace: string;
  doc_type: string;
  doc_version: number;
  doc_id: string;
  uri: string;
  error_type: string;
  reasons: string[];
  payload: string | null;
  user_agent: string | null;
}

function errorClause(params: URLSearchParams): Clause {
  const clause: Clause = { where: '1 = 1', params: [] };
  for (const [name, column] of [['namespace', 'namespace'], ['docType', 'doc_type']] as const) {
    const value = params.get(name);
    if (value === null) continue;
    clause.where += ` AND ${column} = ?`;
    clause.params.push(value);
  }
  timeClauses(params, 'submission_timestamp', clause);
  return clause;
}

const errorView = (row: ErrorRecord): ErrorView => ({ ...row, reasons: JSON.parse(row.reasons) as string[] });

/** GET /api/errors — newest first, streamed like /api/documents. */
export function streamErrors(store: Store, params: URLSearchParams, res: ServerResponse, budgetBytes: number): Promise<void> {
  checkParams(params, ['namespace', 'docType', 'since', 'until', 'limit', 'cursor']);
  const clause = errorClause(params);
  return streamRows(res, 'errors', {
    fetch: (after, count) => store.errorsPage(clause, after, count),
    toJson: (row) => JSON.stringify(errorView(row)),
    start: parseCursor(params),
    limit: parseLimit(params, 100),
    budgetBytes,
  });
}

/** The newest error rows (for the dashboard summary). */
export async function recentErrors(store: Store, count: number): Promise<ErrorView[]> {
  return (await store.errorsPage({ where: '1 = 1', params: [] }, null, count)).map(errorView);
}

/** GET /api/deletions — processed deletion requests (ids only as SHA-256), newest first. */
export async function queryDeletions(store: Store, params: URLSearchParams): Promise<{ deletions: DeletionRecord[] }> {
  checkParams(params, ['limit']);
  return { deletions: await store.deletions(parseLimit(params, 100)) };
}
