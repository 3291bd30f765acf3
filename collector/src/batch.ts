/**
 * `POST /submit-batch`: many documents in one request, one result per document.
 *
 * Body: {"documents":[{"uri":"/submit/<ns>/<docType>/<ver>/<docId>","payload":{...}}, ...]}
 * Answer 200: {"results":[{"uri":"...","status":200,"duplicate":false}, {"uri":"...","status":400,"errors":[...]}]}
 * Problems with the request as a whole get the single route's status for the whole request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CollectorContext } from './context';
import { applyRequestFaults } from './faultRoute';
import { decodeContent, HttpError, parseJsonObject, readBody, requireContentLength, sendJson } from './http';
import { outlineJson, withoutCuts } from './jsonOutline';
import { commitAssessments, requestMetadata } from './ingest';
import { assessPayload, decodeRejection, metadataHeaders, parseSubmitPath, unknownRouteReason, type Assessment } from './submit';

export async function handleBatch(ctx: CollectorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { limits } = ctx;
  const headers = metadataHeaders(req, limits);
  requireContentLength(req, limits.maxBatchBytes);
  const body = await readBody(req, limits.maxBatchBytes);

  const fault = await applyRequestFaults(ctx, req, res);
  if (fault === 'answered') return;

  const decoded = await decodeContent(body, req.headers['content-encoding'], limits.maxBatchBytes);
  if (!decoded.ok) throw new HttpError(decoded.status, [decoded.reason]);
  const { documents, tooDeep } = parseBatch(decoded.bytes, limits);

  const uris = documents.map((entry: unknown) => uriOf(entry));
  const assessments = documents.map((entry: unknown, index) =>
    tooDeep.has(index) ? tooDeepEntry(ctx, entry) : assessEntry(ctx, entry),
  );
  const meta = requestMetadata(ctx, req.method ?? 'POST', headers);
  const results = await commitAssessments(ctx, assessments, meta);

  if (fault === 'drop-after-store') {
    req.socket.destroy();
    return;
  }
  sendJson(res, 200, { results: results.map((result, index) => ({ uri: uris[index], ...result })) });
}

/** Wrapper levels above a payload: the body object, the documents array, the entry object. */
const WRAPPER_DEPTH = 3;

/**
 * Counts entries and measures depth before parsing, so an oversized batch costs a byte
 * loop, not a parse; an entry nested too deep is cut out and answered on its own.
 */
function parseBatch(bytes: Buffer, limits: CollectorContext['limits']): { documents: unknown[]; tooDeep: Set<number> } {
  const outline = outlineJson(bytes, limits.maxJsonDepth + WRAPPER_DEPTH);
  if (outline.entries > limits.maxBatchDocuments) {
    throw new HttpError(413, [`batch of ${outline.entries} documents exceeds the limit of ${limits.maxBatchDocuments}`]);
  }
  if (outline.otherValues > limits.maxBatchDocuments) {
    throw new HttpError(413, [`body holds more than ${limits.maxBatchDocuments} values outside "documents"`]);
  }
  if (!outline.balanced) throw new HttpError(400, ['invalid JSON: brackets or a string left open']);
  if (outline.cuts.some((cut) => cut.entry === -1)) {
    throw new HttpError(400, [`JSON nested deeper than ${limits.maxJsonDepth} levels outside a document`]);
  }
  const json = parseJsonObject(withoutCuts(bytes, outline.cuts));
  if (!json.ok) throw new HttpError(400, [json.reason]);
  const documents = json.value.documents;
  if (!Array.isArray(documents)) throw new HttpError(400, ['body must be {"documents":[{"uri":...,"payload":{...}}, ...]}']);
  // The outline counts exactly for plain keys; this catches an escaped spelling of "documents".
  if (documents.length > limits.maxBatchDocuments) {
    throw new HttpError(413, [`batch of ${documents.length} documents exceeds the limit of ${limits.maxBatchDocuments}`]);
  }
  return { documents, tooDeep: new Set(outline.cuts.map((cut) => cut.entry)) };
}

/** An entry whose payload was nested too deep: its own 400, and the rest of the batch goes on. */
function tooDeepEntry(ctx: CollectorContext, entry: unknown): Assessment {
  const reason = `payload nested deeper than ${ctx.limits.maxJsonDepth} levels`;
  const parsed = parseSubmitPath(uriOf(entry) ?? '');
  if (!parsed.ok || unknownRouteReason(ctx.registry, parsed.route)) return { kind: 'reject', status: 400, errors: [reason] };
  return decodeRejection(parsed.route, 400, reason, null);
}

function uriOf(entry: unknown): string | null {
  const uri = (entry as { uri?: unknown } | null)?.uri;
  return typeof uri === 'string' ? uri : null;
}

function assessEntry(ctx: CollectorContext, entry: unknown): Assessment {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { kind: 'reject', status: 400, errors: ['each document must be {"uri":...,"payload":{...}}'] };
  }
  const { uri, payload } = entry as { uri?: unknown; payload?: unknown };
  if (typeof uri !== 'string') return { kind: 'reject', status: 400, errors: ['uri must be a string'] };
  if (uri.length > ctx.limits.maxPathLength) {
    return { kind: 'reject', status: 414, errors: [`uri longer than ${ctx.limits.maxPathLength} characters`] };
  }
  const parsed = parseSubmitPath(uri);
  if (!parsed.ok) return { kind: 'reject', status: 400, errors: [parsed.reason] };
  const { route } = parsed;
  const unknownReason = unknownRouteReason(ctx.registry, route);
  if (unknownReason) return { kind: 'reject', status: 404, errors: [unknownReason] };
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return decodeRejection(route, 400, 'payload must be a JSON object', payload === undefined ? null : JSON.stringify(payload));
  }
  const payloadText = JSON.stringify(payload);
  const size = Buffer.byteLength(payloadText);
  if (size > ctx.limits.maxDocumentBytes) {
    return decodeRejection(route, 413, `payload of ${size} bytes exceeds the limit of ${ctx.limits.maxDocumentBytes} bytes`, null);
  }
  if (ctx.faults.failDocument()) return { kind: 'reject', status: 503, errors: ['fault injection: document not stored'] };
  return assessPayload(ctx.registry, route, payload as Record<string, unknown>, payloadText, size);
}
