/**
 * Routing and status codes. Every request goes through `handleRequest`; handlers
 * throw HttpError for expected failures, anything else is a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CollectorContext } from './context';
import { handleBatch } from './batch';
import { serveDashboardAsset } from './dashboard/assets';
import { handleFaults } from './faultRoute';
import { checkReader, checkWriter, corsHeaders, requireJsonContentType } from './access';
import { ClientAbortedError, HttpError, sendError, sendJson } from './http';
import { queryAggregates, queryCounts, queryDeletions, streamDocuments, streamErrors } from './readApi';
import { handleSubmit, parseSubmitPath, unknownRouteReason } from './submit';
import { summaryRoute } from './summary';

export interface VersionInfo {
  source: string;
  version: string;
  commit: string;
  build: string;
}

const SUBMIT_METHODS = 'POST, PUT, OPTIONS';
const BATCH_METHODS = 'POST, OPTIONS';
const READ_METHODS = 'GET, HEAD';

type ReadRoute = (ctx: CollectorContext, params: URLSearchParams, res: ServerResponse) => void | Promise<void>;

const json =
  (query: (ctx: CollectorContext, params: URLSearchParams) => Promise<unknown>): ReadRoute =>
  async (ctx, params, res) =>
    sendJson(res, 200, await query(ctx, params));

const READ_API: Record<string, ReadRoute> = {
  '/api/documents': (ctx, params, res) => streamDocuments(ctx.store, params, res, ctx.limits.maxResponseBytes),
  '/api/counts': json((ctx, params) => queryCounts(ctx.store, params)),
  '/api/aggregates': json((ctx, params) => queryAggregates(ctx.store, params)),
  '/api/errors': (ctx, params, res) => streamErrors(ctx.store, params, res, ctx.limits.maxResponseBytes),
  '/api/deletions': json((ctx, params) => queryDeletions(ctx.store, params)),
  '/api/summary': json((ctx, params) => summaryRoute(ctx, params)),
};

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, [`method not allowed; use ${allow}`], { Allow: allow });
}

function requireMethod(req: IncomingMessage, allow: string): void {
  const allowed = allow.split(', ');
  if (!allowed.includes(req.method ?? '')) throw methodNotAllowed(allow);
}

function preflight(res: ServerResponse): void {
  res.writeHead(204, { 'Content-Length': '0' });
  res.end();
}

/** Splits the raw request target into path and query; nothing is decoded or normalised. */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const mark = target.indexOf('?');
  const path = mark === -1 ? target : target.slice(0, mark);
  if (!path.startsWith('/')) throw new HttpError(400, ['request target must be a path starting with /']);
  // Routes match the raw path: a segment a proxy or a browser would normalise away is refused,
  // so what an auth proxy in front matched is exactly what is served.
  if (path !== '/') {
    for (const segment of path.slice(1).split('/')) {
      if (segment === '') throw new HttpError(400, ['empty path segment']);
      const decoded = segment.replace(/%2e/gi, '.');
      if (decoded === '.' || decoded === '..') throw new HttpError(400, ['dot segment in path']);
    }
  }
  return { path, query: new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1)) };
}

async function route(ctx: CollectorContext, version: VersionInfo, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  if (target.length > ctx.limits.maxPathLength) {
    throw new HttpError(414, [`request target longer than ${ctx.limits.maxPathLength} characters`]);
  }
  const { path, query } = splitTarget(target);
  const method = req.method ?? 'GET';

  if (path === '/submit' || path.startsWith('/submit/')) {
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin, SUBMIT_METHODS, ctx.access))) res.setHeader(name, value);
    checkWriter(req, ctx.access);
    if (method === 'OPTIONS') return preflight(res);
    if (method !== 'POST' && method !== 'PUT') throw methodNotAllowed(SUBMIT_METHODS);
    const parsed = parseSubmitPath(path);
    if (!parsed.ok) throw new HttpError(400, [parsed.reason]);
    const unknownReason = unknownRouteReason(ctx.registry, parsed.route);
    if (unknownReason) throw new HttpError(404, [unknownReason]);
    requireJsonContentType(req);
    return handleSubmit(ctx, req, res, parsed.route);
  }

  if (path === '/submit-batch') {
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin, BATCH_METHODS, ctx.access))) res.setHeader(name, value);
    checkWriter(req, ctx.access);
    if (method === 'OPTIONS') return preflight(res);
    if (method !== 'POST') throw methodNotAllowed(BATCH_METHODS);
    requireJsonContentType(req);
    return handleBatch(ctx, req, res);
  }

  // Everything below reads: only for requests addressed to this collector by name (DNS rebinding gets 403).
  // Raw data also needs the token when one is required; the page shell and health probes hold none.
  const holdsData = path.startsWith('/api/') || path === '/__faults__';
  checkReader(req, ctx.access, holdsData && ctx.access.readsNeedToken);

  if (path === '/__faults__' && ctx.faultRoute) {
    requireMethod(req, 'GET, HEAD, PUT');
    return handleFaults(ctx, req, res);
  }

  if (path === '/__lbheartbeat__') {
    requireMethod(req, READ_METHODS);
    return sendJson(res, 200, { status: 'ok' });
  }

  if (path === '/__heartbeat__') {
    requireMethod(req, READ_METHODS);
    const schemas = ctx.registry.keys.size;
    try {
      await ctx.store.check();
    } catch (error) {
      return sendJson(res, 500, { status: 'error', checks: { database: (error as Error).message, schemas } });
    }
    // No schemas means every submission would be a 404: worth a warning, not a failed probe.
    return sendJson(res, 200, { status: schemas > 0 ? 'ok' : 'warning', checks: { database: 'ok', schemas } });
  }

  if (path === '/__version__') {
    requireMethod(req, READ_METHODS);
    return sendJson(res, 200, version);
  }

  const readRoute = READ_API[path];
  if (readRoute) {
    requireMethod(req, READ_METHODS);
    return readRoute(ctx, query, res);
  }

  if (path === '/' || path === '/dashboard' || path.startsWith('/dashboard/')) {
    requireMethod(req, READ_METHODS);
    if (serveDashboardAsset(path, res)) return;
  }

  throw new HttpError(404, [`no route for ${path}`]);
}

export function createRequestHandler(ctx: CollectorContext, version: VersionInfo) {
  const limiter = new ClientConcurrency(ctx.limits.maxConcurrentPerClient);
  return async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const release = limiter.enter(req.socket.remoteAddress ?? '');
    try {
      if (!release) {
        throw new HttpError(429, [`more than ${ctx.limits.maxConcurrentPerClient} requests at once from this address`], { 'Retry-After': '1' });
      }
      await route(ctx, version, req, res);
    } catch (error) {
      if (error instanceof ClientAbortedError) {
        ctx.log(`upload aborted by the client: ${req.method} ${req.url}`);
        return;
      }
      if (!(error instanceof HttpError)) {
        ctx.log(`internal error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      }
      // A streamed answer that fails half-way cannot change its status: cut it, so the client sees it incomplete.
      if (res.headersSent) {
        if (!res.writableEnded) res.destroy();
        return;
      }
      // An unread body would be parsed as the next request on a kept-alive connection: drain it and close.
      if (!req.complete) {
        res.setHeader('Connection', 'close');
        req.resume();
      }
      sendError(res, error instanceof HttpError ? error : new HttpError(500, ['internal error']));
    } finally {
      release?.();
    }
  };
}

/** Counts requests in progress per client address, so one flooding client cannot take every turn. */
class ClientConcurrency {
  private readonly active = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** A release function, or null when the address already has `max` requests in progress. */
  enter(address: string): (() => void) | null {
    const count = this.active.get(address) ?? 0;
    if (count >= this.max) return null;
    this.active.set(address, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.active.get(address) ?? 1) - 1;
      if (left === 0) this.active.delete(address);
      else this.active.set(address, left);
    };
  }
}
