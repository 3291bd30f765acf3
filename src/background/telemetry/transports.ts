// How queued pings reach a collector. Two wire formats, chosen at build time:
// our collector's batch route (many documents per request, one result each),
// or one document per `/submit/...` request as Mozilla's ingestion edge takes
// them. Bodies are gzip; no cookies, no referrer, no redirects.
import type { QueuedPing } from './PingQueue';

export type DocumentStatus = 'delivered' | 'rejected' | 'retry';

export type TransportResult =
  /** The request went through; one status per document, in order. */
  | { kind: 'documents'; statuses: DocumentStatus[] }
  /** 413 for the request as a whole: split it. */
  | { kind: 'tooLarge' }
  /** Network error, timeout, 5xx, 408/429 (retryable) or another 4xx (final) for the whole request. */
  | { kind: 'failed'; retryable: boolean; status: number | null; retryAfterMs?: number };

export interface Delivery {
  result: TransportResult;
  /** Compressed body size, for the stats. */
  wireBytes: number;
}

export interface Transport {
  /** Most documents one request carries. */
  readonly maxDocuments: number;
  send(endpoint: string, pings: readonly QueuedPing[]): Promise<Delivery>;
}

export type TransportKind = 'batch' | 'edge';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchLike;
  /** Documents per batch request. */
  batchSize?: number;
  timeoutMs?: number;
}

export function createTransport(kind: TransportKind, options: TransportOptions): Transport {
  return kind === 'edge' ? edgeTransport(options) : batchTransport(options);
}

/** `POST <endpoint>/submit-batch` with `{"documents":[{uri, payload}]}`; per-document results. */
export function batchTransport({ fetch, batchSize = 20, timeoutMs = 30_000 }: TransportOptions): Transport {
  return {
    maxDocuments: batchSize,
    async send(endpoint, pings) {
      const body = await gzip(JSON.stringify({ documents: pings.map(({ uri, payload }) => ({ uri, payload })) }));
      const response = await post(fetch, joinUrl(endpoint, '/submit-batch'), body, timeoutMs);
      if ('error' in response) return { result: networkFailure(), wireBytes: body.byteLength };
      if (response.status !== 200) return { result: requestFailure(response), wireBytes: body.byteLength };
      return { result: { kind: 'documents', statuses: await batchStatuses(response, pings) }, wireBytes: body.byteLength };
    },
  };
}

/** One `POST <endpoint>/submit/<ns>/<docType>/<ver>/<docId>` per document, as Firefox sends them. */
export function edgeTransport({ fetch, timeoutMs = 30_000 }: TransportOptions): Transport {
  return {
    maxDocuments: 1,
    async send(endpoint, pings) {
      if (pings.length !== 1) throw new RangeError('edgeTransport sends one document per request');
      const ping = pings[0]!;
      const body = await gzip(JSON.stringify(ping.payload));
      const response = await post(fetch, joinUrl(endpoint, ping.uri), body, timeoutMs);
      if ('error' in response) return { result: networkFailure(), wireBytes: body.byteLength };
      // A document the edge finds too large is final, like any other 4xx.
      const status = documentStatus(response.status);
      const result: TransportResult = status === 'retry' ? requestFailure(response) : { kind: 'documents', statuses: [status] };
      return { result, wireBytes: body.byteLength };
    },
  };
}

/** 2xx delivered (a duplicate too); 408, 429 and 5xx worth another try; any other 4xx final. */
export function documentStatus(status: number): DocumentStatus {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'rejected';
  return 'retry';
}

export async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function post(
  fetch: FetchLike,
  url: string,
  body: Uint8Array<ArrayBuffer>,
  timeoutMs: number,
): Promise<Response | { error: unknown }> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'gzip' },
      body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { error };
  }
}

function networkFailure(): TransportResult {
  return { kind: 'failed', retryable: true, status: null };
}

function requestFailure(response: Response): TransportResult {
  if (response.status === 413) return { kind: 'tooLarge' };
  const retryable = documentStatus(response.status) === 'retry';
  const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
  return { kind: 'failed', retryable, status: response.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

// A 200 whose results cannot be matched to the documents is treated as "not
// known to be stored": the documents are sent again and the collector's
// docId dedupe absorbs any repeat.
async function batchStatuses(response: Response, pings: readonly QueuedPing[]): Promise<DocumentStatus[]> {
  let results: unknown;
  try {
    results = ((await response.json()) as { results?: unknown }).results;
  } catch {
    results = undefined;
  }
  const matches =
    Array.isArray(results) &&
    results.length === pings.length &&
    results.every((r, i) => r && typeof r === 'object' && (r as { uri?: unknown }).uri === pings[i]!.uri && typeof (r as { status?: unknown }).status === 'number');
  if (!matches) return pings.map(() => 'retry');
  // A document too large on its own will never fit: final, like any 4xx.
  return (results as { status: number }[]).map((r) => documentStatus(r.status));
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function joinUrl(endpoint: string, path: string): string {
  return endpoint.replace(/\/+$/, '') + path;
}
