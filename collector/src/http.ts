/**
 * Small HTTP helpers shared by the routes: JSON answers, bounded body reading,
 * gzip decoding with a size cap, CORS for extension origins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { outlineJson } from './jsonOutline';

const gunzipAsync = promisify(gunzip);

/** A request-level failure with the status the edge specification gives it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.join('; '));
  }
}

/** The client closed the connection before its body was complete; nobody is left to answer. */
export class ClientAbortedError extends Error {
  constructor() {
    super('upload aborted by the client');
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { status: error.status, errors: error.errors }, error.headers);
}

/** Content-Length as a number; 411 when absent (chunked uploads are refused like the edge does). */
export function requireContentLength(req: IncomingMessage, maxBytes: number): number {
  const header = req.headers['content-length'];
  if (header === undefined) throw new HttpError(411, ['Content-Length header is required']);
  const length = Number(header);
  if (!Number.isSafeInteger(length) || length < 0) throw new HttpError(400, ['invalid Content-Length']);
  if (length > maxBytes) throw new HttpError(413, [`body of ${length} bytes exceeds the limit of ${maxBytes} bytes`]);
  return length;
}

/** Reads the body, refusing (413) more than maxBytes even if Content-Length lied. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(new HttpError(413, [`body exceeds the limit of ${maxBytes} bytes`]));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    // A client that goes away mid-upload is not an internal error.
    req.on('error', () => {
      if (!failed) reject(new ClientAbortedError());
    });
    req.on('aborted', () => {
      if (!failed) reject(new ClientAbortedError());
    });
  });
}

export type DecodeFailure = { status: 400 | 413; reason: string };

/** Undoes Content-Encoding (identity or gzip), capping the decompressed size. */
export async function decodeContent(
  body: Buffer,
  contentEncoding: string | undefined,
  maxDecodedBytes: number,
): Promise<{ ok: true; bytes: Buffer } | ({ ok: false } & DecodeFailure)> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return { ok: true, bytes: body };
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    return { ok: false, status: 400, reason: `unsupported Content-Encoding ${JSON.stringify(encoding)}` };
  }
  try {
    return { ok: true, bytes: await gunzipAsync(body, { maxOutputLength: maxDecodedBytes }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, status: 413, reason: `decompressed body exceeds the limit of ${maxDecodedBytes} bytes` };
    }
    return { ok: false, status: 400, reason: `invalid gzip body: ${(error as Error).message}` };
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text, or null when the bytes are not valid UTF-8 (never silently replaced). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Parses UTF-8 JSON that must be an object (every ping is one), at most maxDepth levels deep. */
export function parseJsonObject(
  bytes: Buffer,
  maxDepth = Infinity,
): { ok: true; value: Record<string, unknown>; text: string } | { ok: false; reason: string } {
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, reason: 'body is not valid UTF-8' };
  if (maxDepth !== Infinity && outlineJson(bytes, maxDepth).cuts.length > 0) return { ok: false, reason: `JSON nested deeper than ${maxDepth} levels` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'body must be a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown>, text };
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || (address?.startsWith('127.') ?? false);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
