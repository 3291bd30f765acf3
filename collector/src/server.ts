/**
 * Routing and status codes. Every request goes through `handleRequest`; handlers
 * throw HttpError for expected failures, anything else is a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CollectorContext } from './context';
import { handleBatch } from './batch';
import { serveDashboardAsset } from './dashboard/assets';
import { handleFaults } from './faultRoute';
import { corsHeaders, HttpError, sendError, sendJson } from './http';
import { queryAggregates, queryCounts, queryDeletions, queryDocuments, queryErrors } from './readApi';
import { handleSubmit, parseSubmitPath, unknownRouteReason } from './submit';
import { buildSummary } from './summary';

export interface VersionInfo {
  source: string;
  version: string;
  commit: string;
  build: string;
}

const SUBMIT_METHODS = 'POST, PUT, OPTIONS';
const BATCH_METHODS = 'POST, OPTIONS';
const READ_METHODS = 'GET, HEAD';

type ReadRoute = (ctx: CollectorContext, params: URLSearchParams) => unknown;

const READ_API: Record<string, ReadRoute> = {
  '/api/documents': (ctx, params) => queryDocuments(ctx.store, params),
  '/api/counts': (ctx, params) => queryCounts(ctx.store, params),
  '/api/aggregates': (ctx, params) => queryAggregates(ctx.store, params),
  '/api/errors': (ctx, params) => queryErrors(ctx.store, params),
  '/api/deletions': (ctx, params) => queryDeletions(ctx.store, params),
  '/api/summary': (ctx) => buildSummary(ctx.store, ctx.now(), ctx.retentionDays),
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

async function route(ctx: CollectorContext, version: VersionInfo, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  if (target.length > ctx.limits.maxPathLength) {
    throw new HttpError(414, [`request target longer than ${ctx.limits.maxPathLength} characters`]);
  }
  const url = new URL(target, 'http://collector.invalid');
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path === '/submit' || path.startsWith('/submit/')) {
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin, SUBMIT_METHODS))) res.setHeader(name, value);
    if (method === 'OPTIONS') return preflight(res);
    if (method !== 'POST' && method !== 'PUT') throw methodNotAllowed(SUBMIT_METHODS);
    const parsed = parseSubmitPath(path);
    if (!parsed.ok) throw new HttpError(400, [parsed.reason]);
    const unknownReason = unknownRouteReason(ctx.registry, parsed.route);
    if (unknownReason) throw new HttpError(404, [unknownReason]);
    return handleSubmit(ctx, req, res, parsed.route);
  }

  if (path === '/submit-batch') {
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin, BATCH_METHODS))) res.setHeader(name, value);
    if (method === 'OPTIONS') return preflight(res);
    if (method !== 'POST') throw methodNotAllowed(BATCH_METHODS);
    return handleBatch(ctx, req, res);
  }

  if (path === '/__faults__') {
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
      ctx.store.check();
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
    return sendJson(res, 200, readRoute(ctx, url.searchParams));
  }

  if (path === '/' || path === '/dashboard' || path.startsWith('/dashboard/')) {
    requireMethod(req, READ_METHODS);
    if (serveDashboardAsset(path, res)) return;
  }

  throw new HttpError(404, [`no route for ${path}`]);
}

export function createRequestHandler(ctx: CollectorContext, version: VersionInfo) {
  return async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await route(ctx, version, req, res);
    } catch (error) {
      if (!(error instanceof HttpError)) {
        ctx.log(`internal error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      }
      // An unread body would be parsed as the next request on a kept-alive connection: drain it and close.
      if (!req.complete && !res.headersSent) {
        res.setHeader('Connection', 'close');
        req.resume();
      }
      sendError(res, error instanceof HttpError ? error : new HttpError(500, ['internal error']));
    }
  };
}
