/** Applies injected faults to ingestion requests, and serves `GET|PUT /__faults__`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkReader } from './access';
import type { CollectorContext } from './context';
import { parseFaults } from './faults';
import { HttpError, isLoopback, parseJsonObject, readBody, requireContentLength, sendJson, sleep } from './http';

export type FaultOutcome = 'continue' | 'answered' | 'drop-after-store';

/**
 * Called once the body has been read, before it is processed: adds latency, then
 * either lets the request through or fails it the configured way.
 */
export async function applyRequestFaults(
  ctx: CollectorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<FaultOutcome> {
  const settings = ctx.faults.settings;
  if (settings.latencyMs > 0) await sleep(settings.latencyMs);
  switch (ctx.faults.decideRequest()) {
    case 'none':
      return 'continue';
    case 'drop':
      if (settings.dropAfterStore) return 'drop-after-store';
      req.socket.destroy();
      return 'answered';
    case 'error5xx':
      sendJson(res, 503, { status: 503, errors: ['fault injection: service unavailable'] }, { 'Retry-After': '1' });
      return 'answered';
    case 'error413':
      sendJson(res, 413, { status: 413, errors: ['fault injection: body too large'] });
      return 'answered';
  }
}

/**
 * Runtime fault settings. The route exists only when the collector was started with fault
 * injection on, and then only loopback clients holding the collector's token may use it.
 */
export async function handleFaults(ctx: CollectorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) throw new HttpError(403, ['/__faults__ is only available from loopback']);
  checkReader(req, ctx.access, true);
  if (req.method === 'GET' || req.method === 'HEAD') {
    sendJson(res, 200, ctx.faults.settings);
    return;
  }
  requireContentLength(req, 64 * 1024);
  const json = parseJsonObject(await readBody(req, 64 * 1024));
  if (!json.ok) throw new HttpError(400, [json.reason]);
  const parsed = parseFaults(json.value);
  if (!parsed.ok) throw new HttpError(400, parsed.errors);
  ctx.faults.set(parsed.faults);
  ctx.log(`faults set to ${JSON.stringify(parsed.faults)}`);
  sendJson(res, 200, ctx.faults.settings);
}
