/**
 * Who may write and who may read.
 *
 * Writes (ingestion) come from the extension: its pages and background send from a
 * `moz-extension://` / `chrome-extension://` origin, server-to-server senders send no
 * Origin at all. Any other Origin is a web page and is refused, and a JSON
 * Content-Type is required so that a page cannot use a CORS-free "simple" request
 * (form post, sendBeacon, no-cors fetch) either.
 *
 * Reads (dashboard, read API, health, fault injection) are answered only when the
 * Host header names this collector, which defeats DNS rebinding, and, when a read
 * token is configured, only with `Authorization: Bearer <token>`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http';

const EXTENSION_ORIGIN = /^(moz-extension|chrome-extension|safari-web-extension|ms-browser-extension):\/\/([A-Za-z0-9._-]+)$/;

export interface AccessPolicy {
  /** Extension ids (the host part of the extension origin) allowed to write; null allows every extension. */
  extensionIds: ReadonlySet<string> | null;
  /** Host names (lower-case, no port) that read routes answer to. */
  readHosts: ReadonlySet<string>;
  /** The collector's token: needed by /__faults__ always, and by every read route when readsNeedToken. */
  token: string | null;
  /** True when bound to a non-loopback address, or when a token was set by option. */
  readsNeedToken: boolean;
}

/** The extension id of an allowed extension origin, or null when the origin is not an extension's. */
export function extensionIdOf(origin: string): string | null {
  return EXTENSION_ORIGIN.exec(origin)?.[2] ?? null;
}

const CORS_ALLOWED_HEADERS = ['content-type', 'content-encoding', 'x-debug-id', 'x-telemetry-agent', 'x-source-tags', 'date'].join(', ');

/** Whether this origin is an extension allowed to write. */
function isAllowedWriter(origin: string, policy: AccessPolicy): boolean {
  const id = extensionIdOf(origin);
  return id !== null && (policy.extensionIds === null || policy.extensionIds.has(id));
}

/**
 * CORS headers for allowed extension origins only. Credentials are never allowed:
 * the collector sets no cookies and wants none.
 */
export function corsHeaders(origin: string | undefined, methods: string, policy: AccessPolicy): Record<string, string> {
  if (!origin || !isAllowedWriter(origin, policy)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
  };
}

/** 403 unless the request has no Origin or comes from an allowed extension. */
export function checkWriter(req: IncomingMessage, policy: AccessPolicy): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (extensionIdOf(origin) === null) throw new HttpError(403, [`origin ${JSON.stringify(origin)} may not submit telemetry`]);
  if (!isAllowedWriter(origin, policy)) throw new HttpError(403, [`extension origin ${JSON.stringify(origin)} is not on the collector's allow-list`]);
}

/** 415 unless the body is declared as JSON (parameters such as charset are fine). */
export function requireJsonContentType(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, ['Content-Type must be application/json']);
  }
}

/** Host header without its port, lower-case; IPv6 literals keep their brackets. */
export function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const value = host.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(:\d+)?$/.exec(value);
  return match ? (match[1] as string) : null;
}

/** 403 when the Host header does not name this collector; 401 without the token when one is needed. */
export function checkReader(req: IncomingMessage, policy: AccessPolicy, needsToken = policy.readsNeedToken): void {
  const name = hostName(req.headers.host);
  if (name === null || !policy.readHosts.has(name)) {
    throw new HttpError(403, [`host ${JSON.stringify(req.headers.host ?? '')} is not one this collector answers to`]);
  }
  if (!needsToken) return;
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (policy.token === null || given === undefined || !sameSecret(given, policy.token)) {
    throw new HttpError(401, ['a read token is required: Authorization: Bearer <token>'], { 'WWW-Authenticate': 'Bearer' });
  }
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Whether an address to listen on is loopback only (then no token is needed to read). */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name === '::1' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** Default read host names: the loopback names plus the address the collector is bound to. */
export function defaultReadHosts(boundHost: string, extra: readonly string[] = []): Set<string> {
  const bound = boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost;
  return new Set([...LOOPBACK_NAMES, bound, ...extra].map((name) => name.toLowerCase()));
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}
